"""What keeps ``wenfeng web`` safe on an office LAN: limits, the access token, security headers
and the filter on what a browser may ask of its language server.

The page's language server is the editors' server, which trusts its client (it reads
``wenfeng.toml`` next to ``file:`` documents, loads ``lexiconPaths``, exits on ``exit``).  A
browser is not trusted that far, so :func:`screen` lets through only what the page needs:
documents under ``untitled:``, no workspace root, no lexicon paths, no ``exit`` (which would end
the whole process), and only the commands listed in :data:`COMMANDS`.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

#: URI scheme of every document the page opens.
DOC_SCHEME = "untitled:"
#: Settings a page may send in ``initializationOptions`` (no paths on the server's disk).
SETTINGS = frozenset({"profile", "limits", "speakingRate", "rules", "levels", "allowlist",
                      "debounceMs", "languages"})
#: Client → server methods the page may use.
METHODS = frozenset({
    "initialize", "initialized", "shutdown", "$/cancelRequest", "$/setTrace",
    "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose",
    "textDocument/codeAction", "textDocument/hover", "textDocument/codeLens",
    "workspace/executeCommand", "wenfeng/stats",
})
COMMANDS = frozenset({
    "wenfeng.server.setDoctype", "wenfeng.server.listDoctypes", "wenfeng.server.showStats",
    "wenfeng.server.fixAll", "wenfeng.server.ignore", "wenfeng.server.clearIgnores",
    "wenfeng.server.trimPlan",  # the 精简到限额 panel: the plan, then the ticked cuts' edits
})
COOKIE = "wenfeng_token"
#: WebSocket close code (the private 4000–4999 range) for "the draft is over the size limit": the
#: page stops reconnecting and says so until the draft is short enough again.  The close reason
#: is ``TOO_LONG_REASON`` with the limit, in ASCII (a close reason holds at most 123 bytes).
TOO_LONG_CLOSE = 4413
TOO_LONG_REASON = "document-too-long {limit}"


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 20 * 1024 * 1024   # one uploaded file
    document_chars: int = 300_000          # a draft in the editor or read from a file
    message_bytes: int = 4 * 1024 * 1024   # one WebSocket message (a pasted draft)
    sessions: int = 200                    # open WebSocket connections per process


@dataclass
class Access:
    """Who may use the page: anyone on loopback, else whoever holds the token."""
    token: str | None = None
    loopback: bool = True
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_bind(cls, host: str, port: int, no_auth: bool, public_names: tuple[str, ...] = (),
                 token: str | None = None) -> "Access":
        """Loopback without ``public_names``: no token, only loopback Host names.  Reachable
        from elsewhere (another bind address, or behind a reverse proxy that forwards these
        Host names): a token — ``token`` (shared by several workers) or a fresh one — unless
        ``no_auth``."""
        loopback = is_loopback(host) and not public_names
        if loopback or no_auth:
            token = None
        else:
            token = token or secrets.token_urlsafe(18)
        hosts: frozenset[str] = frozenset()
        if is_loopback(host):
            hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
                              | {name.lower() for name in public_names})
        return cls(token=token, loopback=loopback, allowed_hosts=hosts)

    def host_ok(self, host_header: str | None) -> bool:
        """On loopback, only loopback Host names (a DNS-rebinding page cannot reach us)."""
        return not self.allowed_hosts or (host_header or "").lower() in self.allowed_hosts

    def token_ok(self, offered: str | None) -> bool:
        if self.token is None:
            return True
        return offered is not None and hmac.compare_digest(offered.encode(), self.token.encode())


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin_ok(origin: str | None, host_header: str | None) -> bool:
    """A WebSocket or upload must come from the page itself (no cross-site use of a local
    server)."""
    if origin is None:  # not a browser (tests, the benchmark): the token/host checks still hold
        return True
    for scheme in ("http://", "https://"):
        if origin.startswith(scheme):
            return origin[len(scheme):].lower() == (host_header or "").lower()
    return False


#: Sent with every answer.  The page loads nothing from elsewhere; CodeMirror inserts its styles
#: at run time, hence 'unsafe-inline' for styles only.
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; script-src 'self'; "
                                "style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class Refusal(Exception):
    """A client message the page's server will not act on; ``answer`` goes back (or None).
    ``close``: the session ends; ``too_long``: because a document is over the size limit."""

    def __init__(self, answer: dict[str, Any] | None, close: bool = False,
                 too_long: bool = False) -> None:
        super().__init__(answer)
        self.answer = answer
        self.close = close or too_long
        self.too_long = too_long


def _error(message: dict[str, Any], text: str) -> dict[str, Any] | None:
    if "id" not in message:
        return None
    return {"jsonrpc": "2.0", "id": message["id"], "error": {"code": -32601, "message": text}}


def _uris(params: Any) -> list[str]:
    if not isinstance(params, dict):
        return []
    found = []
    doc = params.get("textDocument")
    if isinstance(doc, dict) and "uri" in doc:
        found.append(doc["uri"])
    if params.get("command"):
        args = params.get("arguments") or []
        if args and isinstance(args[0], str):
            found.append(args[0])
    if "uri" in params:
        found.append(params["uri"])
    return found


def screen(raw: str, limits: Limits) -> str:
    """The message to hand to the language server (possibly rewritten), or :class:`Refusal`."""
    try:
        message = json.loads(raw)
    except ValueError:
        raise Refusal({"jsonrpc": "2.0", "id": None,
                       "error": {"code": -32700, "message": "不是 JSON 消息"}}) from None
    if not isinstance(message, dict):
        raise Refusal(None)
    method = message.get("method")
    if method is None:
        return raw  # an answer to one of the server's requests
    if method == "exit":
        raise Refusal(None, close=True)
    if method not in METHODS:
        raise Refusal(_error(message, f"网页版不提供 {method}"))
    params = message.get("params")
    for uri in _uris(params):
        if not isinstance(uri, str) or not uri.startswith(DOC_SCHEME):
            raise Refusal(_error(message, f"网页版只检查 {DOC_SCHEME} 文档"))
    if method == "workspace/executeCommand" and (params or {}).get("command") not in COMMANDS:
        raise Refusal(_error(message, "网页版不提供此命令"))
    if method == "textDocument/didOpen":
        text = ((params or {}).get("textDocument") or {}).get("text") or ""
        if len(text) > limits.document_chars:
            raise Refusal(None, too_long=True)
    if method == "initialize" and isinstance(params, dict):
        params = dict(params, rootUri=None, rootPath=None, workspaceFolders=None)
        options = params.get("initializationOptions")
        settings = options.get("settings") if isinstance(options, dict) else None
        params["initializationOptions"] = ({"settings": {
            k: v for k, v in settings.items() if k in SETTINGS}}
            if isinstance(settings, dict) else None)
        message = dict(message, params=params)
        return json.dumps(message, ensure_ascii=False)
    return raw
