"""The language server at the byte level: damaged frames are skipped (and logged) and the next
valid message is answered; the lifecycle follows LSP (-32002 before ``initialize``, ``shutdown``
answered, exit code 1 for ``exit`` without ``shutdown``); over TCP each connection is its own
session and a port probe does not stop the server.  Issue 19, items 1 and 8."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .raw_lsp import (
    RawClient,
    did_open,
    frame,
    free_port,
    initialize,
    notify,
    request,
    start_tcp_server,
)

pytestmark = pytest.mark.timeout(120)

DRAFT = "在全市工作会议上的讲话\n尊敬的各位领导、同志们：\n今天召开会议，进行研究部署。\n"
HOVER = {"textDocument": {"uri": "file:///nowhere/x.txt"}, "position": {"line": 0, "character": 0}}


@pytest.fixture
def client(tmp_path):
    c = RawClient.stdio({"WENFENG_STATE_DIR": str(tmp_path / "state")})
    c.send(initialize(root=tmp_path))
    assert c.answer(1) is not None
    c.send(notify("initialized", {}))
    yield c
    c.stop()


def stderr_of(c: RawClient) -> str:
    c.stop()
    return c.process.stderr.read().decode("utf-8", "replace")


def answered(c: RawClient, msg_id: int) -> bool:
    c.send(request(msg_id, "workspace/executeCommand", {"command": "wenfeng.nothing", "arguments": []}))
    return c.answer(msg_id, 20) is not None


BAD_FRAMES = {
    "length not a number": b"Content-Length: abc\r\n\r\n{}",
    "no length": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
    "length too short": frame(request(90, "shutdown"), length=10),
    "garbage without line end": b"\x00\xff garbage {\"jsonrpc\": ",
    "body not JSON": frame(b"not json at all"),
    "huge length": b"Content-Length: 99999999999\r\n\r\n{}",
    "negative length": b"Content-Length: -5\r\n\r\n{}",
}


@pytest.mark.parametrize("name", list(BAD_FRAMES))
def test_a_damaged_frame_is_skipped_and_logged(client, name):
    client.send(BAD_FRAMES[name])
    assert answered(client, 2), f"no answer after: {name}"
    assert answered(client, 3)
    assert "格式错误的消息" in stderr_of(client)


def test_a_length_too_long_keeps_both_messages(client):
    first = request(2, "workspace/executeCommand", {"command": "wenfeng.nothing", "arguments": []})
    client.send(frame(first, length=len(json.dumps(first)) + 25))
    assert answered(client, 3)
    assert client.answer(2, 1) is not None or any(m.get("id") == 2 for m in client.seen)


def test_lf_only_and_lowercase_headers_are_read(client):
    client.send(frame(request(2, "workspace/executeCommand", {"command": "x", "arguments": []}),
                      header=None).replace(b"Content-Length", b"content-length").replace(b"\r\n", b"\n", 2))
    assert client.answer(2, 20) is not None


def test_requests_before_initialize_get_server_not_initialized(tmp_path):
    c = RawClient.stdio({"WENFENG_STATE_DIR": str(tmp_path / "state")})
    try:
        c.send(request(7, "textDocument/hover", HOVER))
        answer = c.answer(7)
        assert answer is not None and answer["error"]["code"] == -32002
        c.send(did_open("file:///nowhere/x.txt", DRAFT))  # dropped, not a crash
        c.send(initialize(msg_id=8, root=tmp_path))
        assert "result" in c.answer(8)
    finally:
        c.stop()


def test_shutdown_is_answered_and_later_requests_refused(client):
    client.send(request(5, "shutdown"))
    assert client.answer(5) == {"jsonrpc": "2.0", "id": 5, "result": None}
    client.send(request(6, "textDocument/hover", HOVER))
    answer = client.answer(6)
    assert answer is not None and answer["error"]["code"] == -32600
    client.send(notify("exit"))
    assert client.process.wait(10) == 0


def test_exit_without_shutdown_exits_1(client):
    client.send(notify("exit"))
    assert client.process.wait(10) == 1


# --- TCP ------------------------------------------------------------------------------------

@pytest.fixture
def tcp_server(tmp_path):
    port = free_port()
    proc = start_tcp_server(port, {"WENFENG_STATE_DIR": str(tmp_path / "state")})
    yield port, proc
    proc.kill()
    proc.wait()


def session(port: int, root) -> RawClient:
    c = RawClient.tcp(port)
    c.send(initialize(root=root))
    assert c.answer(1) is not None
    c.send(notify("initialized", {}))
    return c


def diagnostics_for(c: RawClient, uri: str, timeout: float = 60):
    return c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri and m["params"]["diagnostics"], timeout)


def test_a_port_probe_does_not_stop_the_server(tcp_server, tmp_path):
    port, proc = tcp_server
    for _ in range(3):  # bare connections, opened and closed without a word
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    time.sleep(0.5)
    assert proc.poll() is None
    c = session(port, tmp_path)
    c.send(did_open("file:///w/a.txt", DRAFT))
    assert diagnostics_for(c, "file:///w/a.txt") is not None
    c.close()


def test_each_connection_is_its_own_session(tcp_server, tmp_path):
    port, proc = tcp_server
    editor = session(port, tmp_path)
    bystander = RawClient.tcp(port)         # connects, never initialises
    other = session(port, tmp_path)         # a second editor
    editor.send(did_open("file:///w/secret.txt", DRAFT))
    assert diagnostics_for(editor, "file:///w/secret.txt") is not None
    other.send(did_open("file:///w/b.txt", DRAFT))
    assert diagnostics_for(other, "file:///w/b.txt") is not None
    assert bystander.next(2) is None, "a connection that never initialised got messages"
    assert not [m for m in other.seen if "secret" in json.dumps(m)], "diagnostics leaked"
    assert not [m for m in editor.seen if "b.txt" in json.dumps(m)]
    bystander.close()
    other.send(request(9, "shutdown"))
    assert other.answer(9) is not None
    other.send(notify("exit"))               # ends that session only
    other.close()
    time.sleep(0.5)
    assert proc.poll() is None
    editor.send(request(4, "shutdown"))
    assert editor.answer(4) is not None


def _serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wenfeng", "serve", "--tcp", *args],
                          capture_output=True, text=True, timeout=60)


def test_port_in_use_is_one_line_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _serve("--port", str(port))
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and str(port) in lines[0] and "无法" in lines[0]


@pytest.mark.parametrize("port", ["70000", "-1", "0", "http"])
def test_port_out_of_range_is_one_line_exit_2(port):
    done = _serve("--port", port)
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and "端口" in lines[0]


LEAK_PROBE = """
import gc, os, sys, tempfile, threading, time, weakref
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from reliability.raw_lsp import RawClient, did_open, free_port, initialize, notify, request
from wenfeng.lsp import server as srv, transport
live = weakref.WeakSet()
def build():
    s = srv.create_server(); live.add(s); return s
port = free_port()
threading.Thread(target=transport.serve_tcp, args=(build, "127.0.0.1", port), daemon=True).start()
time.sleep(1)
root = Path(tempfile.mkdtemp())
for i in range(6):
    c = RawClient.tcp(port)
    c.send(initialize(root=root))
    assert c.answer(1, 60) is not None
    c.send(notify("initialized", {}))
    c.send(did_open((root / f"d{i}.txt").as_uri(), "关于申请经费的请示\\n尊敬的领导：\\n"))
    c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics", 60)
    if i % 2:
        c.send(request(2, "shutdown")); c.answer(2, 30); c.send(notify("exit"))
    c.close()
time.sleep(2)
gc.collect()
print(len(live))
"""


def test_ended_tcp_sessions_are_released(tmp_path):
    """A server per connection must not outlive it (pygls's lru_cache kept every one)."""
    done = subprocess.run([sys.executable, "-c", LEAK_PROBE, str(Path(__file__).resolve().parents[1])],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "WENFENG_STATE_DIR": str(tmp_path / "state")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "0", done.stdout
