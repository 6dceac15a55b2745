"""The server never dies on a bad document or request."""

from __future__ import annotations

import asyncio
import json
import uuid
from concurrent.futures import Future

import pytest
from lsp_session import QINGSHI
from lsprotocol import types
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.slow  # starts real language servers


async def raw_request(s, method: str, params) -> object:
    """Send a request exactly as given (the client library would refuse to serialise invalid
    params) and await the server's answer through the client's own response handling."""
    msg_id = f"raw-{uuid.uuid4()}"
    future: Future = Future()
    s.client.protocol._request_futures[msg_id] = future
    await write(s, {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wrap_future(future)


async def write(s, message: dict | bytes) -> None:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    stdin = s.client._server.stdin
    stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    await stdin.drain()


async def still_serving(s) -> None:
    uri = s.open(f"check-{len(s.texts)}.txt", QINGSHI)
    assert any(d.code == "H201" for d in await s.diagnostics(uri, 1))


async def test_malformed_messages_do_not_kill_the_server(start):
    s = await start()
    await write(s, b'{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {')
    await write(s, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"x": 1}})
    await write(s, b"hello")
    for method, params in [("textDocument/codeAction", {"textDocument": 5, "range": "all"}),
                           ("wenfeng/noSuchMethod", {}), ("wenfeng/stats", {"url": 3})]:
        with pytest.raises(JsonRpcException):
            await raw_request(s, method, params)
    await still_serving(s)


async def test_bad_command_arguments_are_invalid_params(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    await s.diagnostics(uri, 1)
    for name, args in [("wenfeng.server.setDoctype", [uri, "小说"]),
                       ("wenfeng.server.setDoctype", [42]),
                       ("wenfeng.server.ignore", [uri, {"rule": 1}]),
                       ("wenfeng.server.showStats", [])]:
        with pytest.raises(JsonRpcException):
            await s.command(name, *args)
    await still_serving(s)


async def test_requests_for_unknown_documents_and_odd_text(start):
    s = await start()
    ghost = (s.folder / "never-opened.txt").as_uri()
    assert await s.code_actions(ghost, []) in ([], None)
    assert await s.client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri=ghost), types.Position(0, 0))) is None
    assert await s.command("wenfeng.server.showStats", ghost) is None
    odd = s.open("odd.txt", "\x00\ud800尊敬的\udfff各位\n" * 3 + "𠀀" * 5000, write=False)
    await s.diagnostics(odd, 1)
    echoed = types.Diagnostic(range=types.Range(types.Position(999, 0), types.Position(999, 5)),
                              message="x", source="wenfeng",
                              data={"rule": "H201", "start": 10**9, "end": 10**9 + 3, "fixes": [
                                  {"start": 10**9, "end": 10**9 + 3, "replacement": ""}]})
    actions = await s.code_actions(odd, [echoed])
    assert not [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.edit]
    await still_serving(s)
