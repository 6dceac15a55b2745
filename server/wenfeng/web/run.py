"""``wenfeng web [--host 127.0.0.1] [--port 8740] [--open] [--no-auth]``: start uvicorn.

Binding anything but loopback — or serving the names a reverse proxy forwards (``--public-name``)
— needs the access token printed here (fixed with ``$WENFENG_WEB_TOKEN`` so that several workers
share it), or an explicit ``--no-auth`` for a proxy that does its own sign-in.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import webbrowser

from .guard import Access, Limits, is_loopback

DEFAULT_PORT = 8740
#: A fixed access token (several workers behind one proxy must share it).
TOKEN_ENV = "WENFENG_WEB_TOKEN"


def address(host: str, port: int | None, token: str | None) -> str:
    if port is None:  # a public name behind a proxy: whatever scheme and port it serves
        return f"http(s)://{host}/" + (f"?token={token}" if token else "")
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "本机IP"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def _warm_up() -> None:
    """Compile the lexicons and load jieba's dictionary before the first page asks (every page's
    server shares them), so that no page waits for them."""
    try:
        from ..lsp.checking import load_segmenters
        from ..rules.engine import get_engine

        get_engine(())
        load_segmenters()
    except Exception as exc:  # the first check reports it to the page
        logging.getLogger("wenfeng.web").warning("预热失败：%s", exc)


def run(host: str = "127.0.0.1", port: int = DEFAULT_PORT, open_browser: bool = False,
        no_auth: bool = False, public_names: tuple[str, ...] = (),
        limits: Limits | None = None) -> int:
    try:  # the editor bundle in the VS Code extension ships without the web libraries
        import uvicorn

        from .app import assets_missing, create_app
    except ImportError as exc:
        print(f"wenfeng: 缺少网页版所需的 Python 库（{exc.name}）：请用 wheel 安装完整的 wenfeng"
              "（见 docs/install.md）", file=sys.stderr)
        return 2
    if (missing := assets_missing()) is not None:
        print(f"wenfeng: {missing}", file=sys.stderr)
        return 2
    limits = limits or Limits()
    token = os.environ.get(TOKEN_ENV, "").strip() or None
    if token is not None and len(token) < 16:
        print(f"wenfeng: {TOKEN_ENV} 太短：口令至少 16 个字符", file=sys.stderr)
        return 2
    access = Access.for_bind(host, port, no_auth, tuple(public_names), token)
    url = address(public_names[0] if public_names else host, None if public_names else port,
                  access.token)
    print(f"文风网页版：{url}", flush=True)
    if access.token:
        print("局域网访问需要上面地址中的口令（token）；请只发给需要使用的同事。", flush=True)
    elif not access.loopback:
        print("注意：已用 --no-auth 关闭口令，同一网络中的任何人都能使用本页面。", flush=True)
    print("按 Ctrl+C 停止。", flush=True)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="wenfeng %(levelname)s %(name)s: %(message)s")
    from ..proofread import sizing

    sizing.use_editor_sizes()  # pages typed into for days: the typo engine's memos stay small
    threading.Thread(target=_warm_up, name="wenfeng-web-warm-up", daemon=True).start()
    if open_browser:
        local = address("127.0.0.1" if not is_loopback(host) else host, port, access.token)
        threading.Timer(0.8, webbrowser.open, args=(local,)).start()
    config = uvicorn.Config(create_app(access, limits), host=host, port=port, log_level="warning",
                            ws_max_size=limits.message_bytes, ws_ping_interval=20,
                            ws_ping_timeout=20, ws_per_message_deflate=False,
                            server_header=False, proxy_headers=False)
    try:
        uvicorn.Server(config).run()
    except KeyboardInterrupt:
        pass
    return 0
