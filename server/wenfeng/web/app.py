"""The Starlette application behind ``wenfeng web``.

Routes: ``/`` the page and ``/static/…`` its built assets; ``/lsp`` the WebSocket over which the
page speaks LSP (:mod:`.session`); ``POST /api/open`` reads an uploaded file; ``POST
/api/annotated`` and ``POST /api/tracked`` write the .docx downloads (:mod:`.files`).  Every
answer carries the security headers; with a token (any host other than loopback), every request
must carry it — once in the address (``/?token=…``), which sets a cookie, then by the cookie.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from .files import FileRefused, annotated_docx, check_size, display_name, read_upload, tracked_docx
from .guard import COOKIE, SECURITY_HEADERS, Access, Limits, origin_ok
from .session import serve_session

STATIC = Path(__file__).with_name("static")
MISSING_ASSETS = ("网页文件尚未构建（缺少 {path}）：请在源码目录运行 "
                  "`npm ci --prefix clients/web && npm run build --prefix clients/web`")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def assets_missing(static: Path | None = None) -> str | None:
    """A one-line message when the built page is not there, else None."""
    static = static or STATIC
    for name in ("index.html", "app.js", "app.css"):
        if not (static / name).is_file():
            return MISSING_ASSETS.format(path=static / name)
    return None


class Gate:
    """ASGI middleware: Host and token checks on every request, security headers on every answer."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host")
        refusal = None
        if not self.access.host_ok(host):
            refusal = (421, "只接受本机地址的访问（127.0.0.1 / localhost）")
        elif scope["type"] == "websocket" and not origin_ok(headers.get("origin"), host):
            refusal = (403, "不接受来自其他网站的连接")
        elif self.access.token is not None:
            request = HTTPConnection(scope)
            offered = request.query_params.get("token") or request.cookies.get(COOKIE)
            if not self.access.token_ok(offered):
                refusal = (401, "需要访问口令：请使用启动 wenfeng web 时显示的完整地址（含 ?token=…）")
            elif (scope["type"] == "http" and request.query_params.get("token")
                  and scope["path"] == "/"):
                # the token leaves the address bar
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(COOKIE, self.access.token, httponly=True, samesite="strict",
                                    secure=scope.get("scheme") == "https")
                return await self._send(response, scope, receive, send)
        if refusal is not None:
            if scope["type"] == "websocket":
                return await send({"type": "websocket.close", "code": 1008,
                                   "reason": refusal[1][:100]})
            return await self._send(PlainTextResponse(refusal[1], status_code=refusal[0]),
                                    scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)
        await self.app(scope, receive, with_headers)

    async def _send(self, response: Response, scope, receive, send) -> None:
        for key, value in SECURITY_HEADERS.items():
            response.headers[key] = value
        await response(scope, receive, send)


async def _body(request: Request, limits: Limits, name: str, cap: int | None = None) -> bytes:
    """The request body, refused as soon as it passes the limit (never read whole first)."""
    cap = cap or limits.upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        check_size(name, int(declared), limits)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            check_size(name, size, limits)
        chunks.append(chunk)
    return b"".join(chunks)


def _download(data: bytes, filename: str) -> Response:
    return Response(data, media_type=DOCX_TYPE, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store"})


def create_app(access: Access | None = None, limits: Limits | None = None,
               static: Path = STATIC) -> ASGIApp:
    access = access or Access()
    limits = limits or Limits()
    sessions = {"open": 0}

    async def page(request: Request) -> Response:
        if (missing := assets_missing(static)) is not None:
            return PlainTextResponse(missing, status_code=500)
        return FileResponse(static / "index.html", headers={"Cache-Control": "no-store"})

    def refused(exc: FileRefused) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)

    async def open_file(request: Request) -> Response:
        name = display_name(request.query_params.get("name"))
        try:
            data = await _body(request, limits, name)
            return JSONResponse(await run_in_threadpool(read_upload, data, name, limits))
        except FileRefused as exc:
            return refused(exc)

    async def annotated(request: Request) -> Response:
        name = display_name(request.query_params.get("name"))
        try:
            data = await _body(request, limits, name)
            doctype = request.query_params.get("doctype") or None
            out = await run_in_threadpool(annotated_docx, data, name, doctype, limits)
        except FileRefused as exc:
            return refused(exc)
        return _download(out, Path(name).stem + "（批注）.docx")

    async def tracked(request: Request) -> Response:
        """JSON ``{"name", "docx": base64, "text"}`` (the original and the edited text)."""
        try:
            body = json.loads(await _body(request, limits, "请求", cap=limits.upload_bytes * 2))
            name = display_name(body.get("name"))
            data = base64.b64decode(body.get("docx") or "", validate=True)
            text = body.get("text")
            if not isinstance(text, str):
                raise FileRefused("缺少正文")
            out, written, skipped = await run_in_threadpool(tracked_docx, data, name, text, limits)
        except FileRefused as exc:
            return refused(exc)
        except (ValueError, binascii.Error, AttributeError):
            return JSONResponse({"error": "请求格式不对"}, status_code=400)
        response = _download(out, Path(name).stem + "（修订）.docx")
        response.headers["X-Wenfeng-Changes"] = f"{written},{skipped}"
        return response

    async def lsp(websocket: WebSocket) -> None:
        if sessions["open"] >= limits.sessions:
            await websocket.close(code=1013, reason="busy")
            return
        sessions["open"] += 1
        try:
            await serve_session(websocket, limits)
        finally:
            sessions["open"] -= 1

    routes = [
        Route("/", page),
        Route("/api/open", open_file, methods=["POST"]),
        Route("/api/annotated", annotated, methods=["POST"]),
        Route("/api/tracked", tracked, methods=["POST"]),
        WebSocketRoute("/lsp", lsp),
        Mount("/static", app=StaticFiles(directory=static, check_dir=False), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.sessions = sessions
    return Gate(app, access)
