"""One browser connection = one language server, run by pygls over the page's WebSocket.

pygls already knows how to serve LSP over a WebSocket (``pygls.io_.run_websocket``, wrapped by
:func:`wenfeng.lsp.transport.serve_websocket`: one JSON message per frame, no headers); it expects
a connection shaped like the ``websockets`` library's.  :class:`SocketLink` gives a Starlette
WebSocket that shape, screens every incoming message (:func:`.guard.screen`) and sends the
server's messages in order from a single task.

Each connection gets a fresh server (:func:`wenfeng.lsp.server.create_server`) with its choices
kept in memory (:class:`.choices.SessionChoices`), so no one sees another's draft, 文种 or
ignores, and nothing is written to the state file.  When the connection ends the session ends
with it: like a TCP session it is one of many in the process, never ``gc.freeze()``d, and
nothing of it stays alive.
"""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import ThreadPoolExecutor

from starlette.websockets import WebSocket, WebSocketDisconnect
from websockets.exceptions import ConnectionClosed

from ..lsp.server import create_server
from ..lsp.transport import serve_websocket
from .choices import SessionChoices
from .guard import TOO_LONG_CLOSE, TOO_LONG_REASON, Limits, Refusal, screen

log = logging.getLogger("wenfeng.web")

#: Messages queued for a browser that does not read them before the connection is dropped.
MAX_BACKLOG = 2000


#: One pool of check threads for every page in the process.  Checks are pure Python (the GIL runs
#: one at a time anyway); two threads per page, as each editor's server has, would mean a hundred
#: threads queueing for the GIL and the engine's cache lock with fifty pages open.  (Checking on
#: the event loop itself instead was measured too: it stalls the other pages' messages, and p95
#: latency doubled.)  The servers use it but never shut it down: it outlives every page.
CHECKS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wenfeng-web-check")


def new_server():
    """A language server of its own for one page: the editors' server, with its 文种 choices and
    ignores in memory and the process's shared check pool."""
    return create_server(choices=SessionChoices(), checks=CHECKS)


def open_documents(server) -> list:
    """The server's open documents ([] before ``initialize`` made its workspace)."""
    try:
        return list(server.workspace.text_documents.values())
    except RuntimeError:
        return []


class SocketLink:
    """The part of a ``websockets`` connection pygls uses: ``recv``, ``send``, ``close``."""

    def __init__(self, websocket: WebSocket, server, limits: Limits) -> None:
        self.websocket = websocket
        self.server = server
        self.limits = limits
        self.outbox: asyncio.Queue[str | None] = asyncio.Queue()
        self.closed = False
        self.close_code, self.close_reason = 1000, ""  # how the session ends, for the page
        self.sender = asyncio.get_running_loop().create_task(self._send_all())

    # -- pygls's side ----------------------------------------------------------------------------
    async def recv(self, decode: bool = False) -> str:
        while True:
            self._check_sizes()
            if self.closed:
                raise ConnectionClosed(None, None)
            try:
                raw = await self.websocket.receive_text()
            except (WebSocketDisconnect, RuntimeError, KeyError):
                self.closed = True
                raise ConnectionClosed(None, None) from None
            try:
                return screen(raw, self.limits)
            except Refusal as refusal:
                if refusal.answer is not None:
                    self._queue(json.dumps(refusal.answer, ensure_ascii=False))
                if refusal.too_long:
                    self._end_too_long()
                elif refusal.close:
                    self.closed = True

    def send(self, data: bytes) -> None:  # pygls writes bytes; the page wants text frames
        self._queue(data.decode("utf-8"))

    async def close(self) -> None:
        self.closed = True
        self.outbox.put_nowait(None)
        try:
            await asyncio.wait_for(self.sender, 5)
        except (asyncio.TimeoutError, Exception):
            self.sender.cancel()
        try:
            await self.websocket.close(self.close_code, self.close_reason)
        except (RuntimeError, WebSocketDisconnect):
            pass  # already closed by the browser

    # -- ours ----------------------------------------------------------------------------------
    def _queue(self, text: str) -> None:
        if self.outbox.qsize() > MAX_BACKLOG:
            self.closed = True  # a client that stopped reading: let it go
            return
        self.outbox.put_nowait(text)

    def _end_too_long(self) -> None:
        """End the session with the close code that tells the page to stop: reconnecting would
        send the same draft and be refused again, in a loop (the page shows the one message)."""
        self.close_code = TOO_LONG_CLOSE
        self.close_reason = TOO_LONG_REASON.format(limit=self.limits.document_chars)
        self.closed = True

    def _check_sizes(self) -> None:
        """After an edit has been applied: a document over the limit ends the session."""
        if any(len(doc.source) > self.limits.document_chars
               for doc in open_documents(self.server)):
            self._end_too_long()

    async def _send_all(self) -> None:
        while (text := await self.outbox.get()) is not None:
            try:
                await self.websocket.send_text(text)
            except Exception:  # the browser went away; recv() ends the session
                self.closed = True
                return


async def serve_session(websocket: WebSocket, limits: Limits) -> None:
    """Run one page's language server until the page goes away."""
    await websocket.accept()
    server = new_server()
    link = SocketLink(websocket, server, limits)
    try:
        await serve_websocket(server, link)
    finally:
        if not link.closed or not link.sender.done():
            await link.close()
