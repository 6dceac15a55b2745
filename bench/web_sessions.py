"""Many people typing at once into one ``wenfeng web`` process (loopback only, bounded).

Starts ``python -m wenfeng web`` on a free 127.0.0.1 port, opens N WebSocket sessions (each its
own language server, as the page's are), has each open its own draft made from the corpus
(``make_draft`` of bench/inputs.py, 1,000–3,000 字, several 文种 titles), waits until every
session has its complete first result, then lets every session "type": an incremental
``didChange`` inserting 的 at a random place in a body paragraph (or deleting the one typed
before), with a random pause of ``--think`` seconds between keystrokes, for ``--seconds``.

Latency = from writing a ``didChange`` to reading the ``publishDiagnostics`` of that version on the
same socket (what the page waits for).  With a debounce, keystrokes typed within it are merged
and only the last one of a burst gets diagnostics; those merged ones are counted, not timed.
The server's CPU time over the typing phase is read from /proc.

    .venv/bin/python bench/web_sessions.py                        # 50 sessions, debounceMs 0
    .venv/bin/python bench/web_sessions.py --sessions 80 --debounce 100 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inputs import _TITLES, _TOPICS, body_paragraphs, corpus_files, make_draft, read  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Session:
    def __init__(self, index: int, text: str, debounce: int, rng: random.Random) -> None:
        self.uri = f"untitled:草稿{index}.txt"
        self.text = text
        self.lines = text.split("\n")
        self.debounce = debounce
        self.rng = rng
        self.version = 1
        self.sent: dict[int, float] = {}
        self.latencies: list[float] = []
        self.merged = 0
        self.complete = asyncio.Event()
        self.published: dict[int, asyncio.Event] = {}
        self.typed: tuple[int, int] | None = None  # where the last 的 went (to delete it next)

    async def run(self, url: str, start: asyncio.Event, stop_at: list[float], think: tuple[float, float]):
        async with websockets.connect(url, max_size=8 * 1024 * 1024) as ws:
            reader = asyncio.create_task(self._read(ws))
            await ws.send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "processId": None, "rootUri": None, "capabilities": {},
                "initializationOptions": {"settings": {"debounceMs": self.debounce}}}}))
            await ws.send(json.dumps({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
            await ws.send(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": self.uri, "languageId": "plaintext", "version": 1,
                                 "text": self.text}}}, ensure_ascii=False))
            await self.complete.wait()
            await start.wait()
            while time.perf_counter() < stop_at[0]:
                await asyncio.sleep(self.rng.uniform(*think))
                await self._keystroke(ws)
            await asyncio.sleep(1.0)  # the last diagnostics
            reader.cancel()

    async def _keystroke(self, ws) -> None:
        if self.typed is None:
            body = [i for i, line in enumerate(self.lines) if len(line) >= 60]
            line = self.rng.choice(body)
            col = self.rng.randrange(len(self.lines[line]))
            change = {"range": {"start": {"line": line, "character": col},
                                "end": {"line": line, "character": col}}, "text": "的"}
            self.lines[line] = self.lines[line][:col] + "的" + self.lines[line][col:]
            self.typed = (line, col)
        else:
            line, col = self.typed
            change = {"range": {"start": {"line": line, "character": col},
                                "end": {"line": line, "character": col + 1}}, "text": ""}
            self.lines[line] = self.lines[line][:col] + self.lines[line][col + 1:]
            self.typed = None
        self.version += 1
        self.sent[self.version] = time.perf_counter()
        await ws.send(json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": self.uri, "version": self.version},
            "contentChanges": [change]}}, ensure_ascii=False))

    async def _read(self, ws) -> None:
        async for raw in ws:
            at = time.perf_counter()
            message = json.loads(raw)
            method = message.get("method")
            if "id" in message and method:  # a server request: answer plainly
                await ws.send(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": None}))
            elif method == "textDocument/publishDiagnostics":
                version = message["params"].get("version")
                if version in self.sent:
                    self.latencies.append(at - self.sent.pop(version))
                    self.merged += sum(1 for v in list(self.sent) if v < version)
                    for v in [v for v in self.sent if v < version]:
                        del self.sent[v]
            elif method == "wenfeng/stats" and message["params"].get("complete"):
                self.complete.set()


async def main_async(args) -> dict:
    paragraphs = [p for f in corpus_files() for p in body_paragraphs(read(f))]
    rng = random.Random(20261203)
    drafts = []
    for i in range(args.sessions):
        title = rng.choice(_TITLES).format(year=2024, topic=rng.choice(_TOPICS))
        drafts.append(make_draft(paragraphs, rng, rng.randint(1000, 3000), title))
    port = free_port()
    env = dict(os.environ, WENFENG_STATE_DIR=str(REPO / "bench" / "out" / "web-state"))
    server = subprocess.Popen([sys.executable, "-m", "wenfeng", "web", "--port", str(port)],
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        url = f"ws://127.0.0.1:{port}/lsp"
        sessions = [Session(i, d, args.debounce, random.Random(i)) for i, d in enumerate(drafts)]
        start, stop_at = asyncio.Event(), [0.0]
        opened = time.perf_counter()
        tasks = [asyncio.create_task(s.run(url, start, stop_at, (args.think[0], args.think[1])))
                 for s in sessions]
        await asyncio.wait_for(asyncio.gather(*(s.complete.wait() for s in sessions)), 120)
        ready = time.perf_counter() - opened
        cpu0, t0 = cpu_seconds(server.pid), time.perf_counter()
        own0 = time.process_time()
        stop_at[0] = t0 + args.seconds
        start.set()
        await asyncio.wait_for(asyncio.gather(*tasks), args.seconds + 60)
        cpu = cpu_seconds(server.pid) - cpu0
        wall = time.perf_counter() - t0
        client_cpu = time.process_time() - own0
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    latencies = sorted(x * 1000 for s in sessions for x in s.latencies)
    timed = len(latencies)
    merged = sum(s.merged for s in sessions)
    lost = sum(len(s.sent) for s in sessions)
    p95 = latencies[int(0.95 * (timed - 1))] if timed else float("nan")
    return {"sessions": args.sessions, "debounceMs": args.debounce, "seconds": round(wall, 1),
            "keystrokes": timed + merged + lost, "timed": timed, "merged": merged,
            "without_diagnostics": lost,
            "median_ms": round(statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(p95, 1), "max_ms": round(latencies[-1], 1) if latencies else None,
            "server_cpu_per_s": round(cpu / wall, 2), "client_cpu_per_s": round(client_cpu / wall, 2),
            "server_cpu_ms_per_keystroke": round(1000 * cpu / max(1, timed + merged + lost), 1),
            "load_average": os.getloadavg()[0], "all_open_in_s": round(ready, 1),
            "rss_mb": round(memory), "draft_chars": [min(map(len, drafts)), max(map(len, drafts))]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0, help="typing time (bounded: ≤ 120)")
    parser.add_argument("--debounce", type=int, default=0, help="debounceMs each session asks for")
    parser.add_argument("--think", type=float, nargs=2, default=(0.2, 0.6),
                        help="pause between keystrokes, seconds (uniform)")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 120.0)
    result = asyncio.run(main_async(args))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["p95_ms"] <= 150 else 1


if __name__ == "__main__":
    sys.exit(main())
