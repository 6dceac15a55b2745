"""Many pages in one process: a page's session ends with its connection and leaves nothing
behind (the web counterpart of ``test_ended_tcp_sessions_are_released``); the segmenter
loader never fails once the event loop that started it is gone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(180)

HERE = Path(__file__).resolve().parent

LEAK_PROBE = """
import gc, sys, tempfile, time, weakref
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from conftest import Lsp
from starlette.testclient import TestClient
from wenfeng.web import session
from wenfeng.web.app import create_app
live, made = weakref.WeakSet(), []
make = session.new_server
def tracked():
    s = make(); live.add(s); made.append(1); return s
session.new_server = tracked
with TestClient(create_app(static=Path(tempfile.mkdtemp())),
                base_url="http://127.0.0.1:8740") as client:
    for i in range(6):
        with client.websocket_connect("ws://127.0.0.1:8740/lsp") as ws:
            page = Lsp(ws).start()
            page.open(f"untitled:d{i}.txt", "关于申请经费的请示\\n尊敬的领导：\\n")
            page.wait("textDocument/publishDiagnostics")
            if i % 2:
                page.request("shutdown", None)
        time.sleep(1 if i == 0 else 0.1)  # (the first session's warm-up thread finishes)
    time.sleep(2)
    gc.collect()
    print(len(made), len(live), flush=True)
"""


def test_ended_web_sessions_are_released(tmp_path):
    """A server per page must not outlive the page, while the process serves on."""
    done = subprocess.run([sys.executable, "-c", LEAK_PROBE, str(HERE)],
                          capture_output=True, text=True, timeout=150,
                          env={**os.environ, "WENFENG_STATE_DIR": str(tmp_path / "state")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "6 0", done.stdout


JIEBA_PROBE = """
import sys, tempfile, threading
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from conftest import Lsp
from starlette.testclient import TestClient
from wenfeng.web.app import create_app
with TestClient(create_app(static=Path(tempfile.mkdtemp())),
                base_url="http://127.0.0.1:8740") as client:
    with client.websocket_connect("ws://127.0.0.1:8740/lsp") as ws:
        page = Lsp(ws).start()
        page.open("untitled:d.txt", "关于申请经费的请示\\n尊敬的领导：\\n")
        page.wait("textDocument/publishDiagnostics")  # provisional: jieba starts loading now
# the page has gone and the server's event loop is closed; jieba finishes loading after that
for thread in threading.enumerate():
    if thread.name == "wenfeng-jieba":
        thread.join(60)
print("done", flush=True)
"""


def test_jieba_loading_past_the_end_of_the_server_is_quiet(tmp_path):
    """With jieba, the first result is provisional and the dictionary loads afterwards, in a
    thread; the page and then the whole server may be gone by the time it is loaded."""
    done = subprocess.run([sys.executable, "-c", JIEBA_PROBE, str(HERE)],
                          capture_output=True, text=True, timeout=150,
                          env={**os.environ, "WENFENG_STATE_DIR": str(tmp_path / "state"),
                               "WENFENG_SEGMENTER": "jieba"})
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr[-2000:]
