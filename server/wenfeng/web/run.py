"""``wenfeng web [--host 127.0.0.1] [--port 8740] [--open] [--no-auth]``: start uvicorn.

Binding anything but loopback needs the access token printed here (or an explicit
``--no-auth``, for a LAN behind a proxy that does its own sign-in).
"""

from __future__ import annotations

import logging
import sys
import threading
import webbrowser

from .guard import Access, Limits

DEFAULT_PORT = 8740


def address(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "本机IP"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def run(host: str = "127.0.0.1", port: int = DEFAULT_PORT, open_browser: bool = False,
        no_auth: bool = False, limits: Limits | None = None) -> int:
    from .app import assets_missing, create_app

    if (missing := assets_missing()) is not None:
        print(f"wenfeng: {missing}", file=sys.stderr)
        return 2
    try:
        import uvicorn
    except ImportError:
        print("wenfeng: 缺少网页版依赖：pip install 'wenfeng'（含 starlette、uvicorn）", file=sys.stderr)
        return 2
    limits = limits or Limits()
    access = Access.for_bind(host, port, no_auth)
    url = address(host, port, access.token)
    print(f"文风网页版：{url}", flush=True)
    if access.token:
        print("局域网访问需要上面地址中的口令（token）；请只发给需要使用的同事。", flush=True)
    elif not access.loopback:
        print("注意：已用 --no-auth 关闭口令，同一网络中的任何人都能使用本页面。", flush=True)
    print("按 Ctrl+C 停止。", flush=True)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="wenfeng %(levelname)s %(name)s: %(message)s")
    if open_browser:
        local = address("127.0.0.1" if not access.loopback else host, port, access.token)
        threading.Timer(0.8, webbrowser.open, args=(local,)).start()
    config = uvicorn.Config(create_app(access, limits), host=host, port=port, log_level="warning",
                            ws_max_size=limits.message_bytes, ws_ping_interval=20,
                            ws_ping_timeout=20, server_header=False, proxy_headers=False)
    try:
        uvicorn.Server(config).run()
    except KeyboardInterrupt:
        pass
    return 0
