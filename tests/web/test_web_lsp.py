"""The page's language server over the WebSocket: a real LSP round trip, one server per
connection, and the screen that keeps a browser from what only a trusted editor may do."""

from __future__ import annotations

import json

import pytest
from starlette.websockets import WebSocketDisconnect

from wenfeng.web.guard import Limits, Refusal, screen

pytestmark = pytest.mark.timeout(120)

DRAFT = "关于申请购置办公设备经费的请示\n市财政局：\n尊敬的领导，拟购置办公设备一批。\n妥否，请批示。\n"
URI = "untitled:草稿.txt"
WS = "ws://127.0.0.1:8740/lsp"


def test_open_gives_diagnostics_and_stats(client, lsp):
    with client.websocket_connect(WS) as ws:
        session = lsp(ws).start()
        session.open(URI, DRAFT)
        published = session.wait("textDocument/publishDiagnostics")
        assert published["uri"] == URI
        h201 = [d for d in published["diagnostics"] if d["code"] == "H201"]
        assert h201 and h201[0]["range"]["start"] == {"line": 2, "character": 0}
        stats = session.wait("wenfeng/stats", lambda p: p["complete"])
        assert stats["doctype"] == "请示" and stats["limits"][0]["metric"] == "words"


def test_fix_comes_back_as_a_code_action(client, lsp):
    with client.websocket_connect(WS) as ws:
        session = lsp(ws).start()
        session.open(URI, DRAFT)
        diagnostic = next(d for d in session.wait("textDocument/publishDiagnostics")["diagnostics"]
                          if d["code"] == "H201")
        answer = session.request("textDocument/codeAction", {
            "textDocument": {"uri": URI}, "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic], "only": ["quickfix"]}})
        edits = [a["edit"]["changes"][URI] for a in answer["result"] if a.get("edit")]
        assert edits and edits[0][0]["newText"] == "" and edits[0][0]["range"] == diagnostic["range"]


def test_connections_are_isolated(client, lsp, private_state):
    with client.websocket_connect(WS) as first, client.websocket_connect(WS) as second:
        a, b = lsp(first).start(), lsp(second).start()
        a.open(URI, DRAFT)
        a.wait("wenfeng/stats", lambda p: p["complete"])
        chosen = a.command("wenfeng.server.setDoctype", URI, "简报")["result"]
        assert chosen["doctype"] == "简报"
        a.command("wenfeng.server.ignore", URI,
                  next(d for d in a.wait("textDocument/publishDiagnostics")["diagnostics"]
                       if d["code"] == "H201")["data"])
        # the same document name in another page: its own text, 文种 and ignores
        b.open(URI, DRAFT.replace("购置办公设备", "维修车辆"))
        stats = b.wait("wenfeng/stats", lambda p: p["complete"])
        assert stats["doctype"] == "请示"
        codes = [d["code"] for d in b.wait("textDocument/publishDiagnostics")["diagnostics"]]
        assert "H201" in codes
        assert b.command("wenfeng.server.showStats", URI)["result"]["doctype"] == "请示"
        assert not any(n["method"] == "textDocument/publishDiagnostics"
                       and "购置" in json.dumps(n, ensure_ascii=False) for n in b.notes)
    assert not private_state.exists()  # web choices never reach the editors' state file


def test_other_uris_commands_and_methods_are_refused(client, lsp):
    with client.websocket_connect(WS) as ws:
        session = lsp(ws).start()
        hover = session.request("textDocument/hover", {"textDocument": {"uri": "file:///etc/passwd"},
                                                       "position": {"line": 0, "character": 0}})
        assert "untitled:" in hover["error"]["message"]
        reload = session.command("wenfeng.server.reloadLexicons")
        assert "error" in reload
        other = session.request("workspace/symbol", {"query": "x"})
        assert "网页版不提供" in other["error"]["message"]


def test_exit_closes_only_that_connection(client, lsp):
    with client.websocket_connect(WS) as ws:
        session = lsp(ws).start()
        session.notify("exit", None)
        with pytest.raises(WebSocketDisconnect):
            ws.receive_text()
    with client.websocket_connect(WS) as ws:  # the process is still serving
        lsp(ws).start()


def _closing(ws, session) -> tuple[WebSocketDisconnect, list[dict]]:
    """Read until the server closes the connection: how it closed, and what came before."""
    with pytest.raises(WebSocketDisconnect) as closed:
        while True:
            session._next()
    return closed.value, session.notes


def test_a_document_over_the_limit_ends_the_session_with_the_stop_code(make_client, lsp):
    """The page must stop (not reconnect and resend the same draft, in a loop): the close code
    says why, the reason carries the limit for the page's one message."""
    with make_client(limits=Limits(document_chars=200)) as c, c.websocket_connect(WS) as ws:
        session = lsp(ws).start()
        session.open(URI, "字" * 150)
        session.wait("wenfeng/stats")
        session.notify("textDocument/didChange", {
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{"text": "字" * 300}]})
        closed, notes = _closing(ws, session)
    assert (closed.code, closed.reason) == (4413, "document-too-long 200")
    assert not [n for n in notes if n["method"] == "window/showMessage"]  # the page says it once


def test_reopening_a_draft_over_the_limit_gets_the_stop_code_again(make_client, lsp):
    """What a reconnecting page does: open the same draft at once."""
    with make_client(limits=Limits(document_chars=200)) as c:
        for _ in range(2):
            with c.websocket_connect(WS) as ws:
                session = lsp(ws).start()
                session.open(URI, "字" * 201)
                closed, _ = _closing(ws, session)
                assert closed.code == 4413 and closed.reason.endswith(" 200")
        with c.websocket_connect(WS) as ws:  # a draft within the limit is checked again
            session = lsp(ws).start()
            session.open(URI, "字" * 200)
            assert session.wait("textDocument/publishDiagnostics")["uri"] == URI


def test_initialize_loses_workspace_root_and_lexicon_paths():
    raw = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "rootUri": "file:///srv", "capabilities": {},
        "initializationOptions": {"settings": {"lexiconPaths": ["/etc"], "profile": "jingzhou-2019"}}}})
    params = json.loads(screen(raw, Limits()))["params"]
    assert params["rootUri"] is None
    assert params["initializationOptions"] == {"settings": {"profile": "jingzhou-2019"}}


def test_open_over_the_limit_is_refused_before_the_server_sees_it():
    raw = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": URI, "languageId": "plaintext", "version": 1, "text": "字" * 11}}})
    with pytest.raises(Refusal) as refused:
        screen(raw, Limits(document_chars=10))
    assert refused.value.close
