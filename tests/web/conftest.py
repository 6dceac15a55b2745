"""Fixtures for ``wenfeng web``: the app under Starlette's TestClient (no network, no uvicorn),
a stand-in for the built page, and a small LSP helper over the test WebSocket."""

from __future__ import annotations

import io
import itertools
import json

import pytest

LOCAL = "http://127.0.0.1:8740"


@pytest.fixture
def static(tmp_path):
    """A built page stand-in, so the API tests do not depend on npm having run."""
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "index.html").write_text("<!doctype html><title>文风</title>", encoding="utf-8")
    (folder / "app.js").write_text("export {};\n", encoding="utf-8")
    (folder / "app.css").write_text("body{}\n", encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    """Point the editors' state folder somewhere the tests can see is never written."""
    state = tmp_path / "editor-state"
    monkeypatch.setenv("WENFENG_STATE_DIR", str(state))
    return state


@pytest.fixture
def make_client(static):
    from starlette.testclient import TestClient

    from wenfeng.web.app import create_app
    from wenfeng.web.guard import Access, Limits

    def make(access: Access | None = None, limits: Limits | None = None, base_url: str = LOCAL):
        access = access or Access.for_bind("127.0.0.1", 8740, no_auth=False)
        return TestClient(create_app(access, limits, static=static), base_url=base_url)
    return make


@pytest.fixture
def client(make_client):
    with make_client() as c:
        yield c


class Lsp:
    """JSON-RPC over one test WebSocket: requests wait for their answer, notifications are kept."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.notes: list[dict] = []

    def notify(self, method: str, params) -> None:
        self.ws.send_text(json.dumps({"jsonrpc": "2.0", "method": method, "params": params},
                                     ensure_ascii=False))

    def request(self, method: str, params) -> dict:
        rid = next(self.ids)
        self.ws.send_text(json.dumps({"jsonrpc": "2.0", "id": rid, "method": method,
                                      "params": params}, ensure_ascii=False))
        while True:
            message = self._next()
            if message.get("id") == rid and "method" not in message:
                return message

    def _next(self) -> dict:
        message = json.loads(self.ws.receive_text())
        if "method" in message and "id" in message:  # a server request: answer it plainly
            self.ws.send_text(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": None}))
        elif "method" in message:
            self.notes.append(message)
        return message

    def wait(self, method: str, where=lambda params: True) -> dict:
        for note in self.notes:
            if note["method"] == method and where(note["params"]):
                self.notes.remove(note)
                return note["params"]
        while True:
            message = self._next()
            if message.get("method") == method and "id" not in message and where(message["params"]):
                self.notes.remove(message)
                return message["params"]

    def start(self) -> "Lsp":
        answer = self.request("initialize", {"processId": None, "rootUri": None,
                                             "capabilities": {}})
        assert "capabilities" in answer["result"]
        self.notify("initialized", {})
        return self

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": version, "text": text}})

    def command(self, name: str, *args):
        return self.request("workspace/executeCommand", {"command": name, "arguments": list(args)})


@pytest.fixture
def lsp():
    return Lsp


def _docx_bytes(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


REQUEST = ["关于申请购置办公设备经费的请示", "市财政局：",
           "尊敬的领导，为保障工作正常开展，拟购置办公设备一批。", "妥否，请批示。", "某某局", "2026年12月1日"]


@pytest.fixture
def request_docx() -> bytes:
    """A small 请示 as .docx, with one 尊敬的 in it."""
    return _docx_bytes(REQUEST)
