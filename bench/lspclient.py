"""A small LSP client over stdio for the benchmarks (asyncio, JSON-RPC 2.0, no dependencies).

It starts ``python -m wenfeng serve`` as a child process, answers the few requests a server may
send (``workspace/configuration`` with the benchmark's settings, everything else with null), and
time-stamps every ``textDocument/publishDiagnostics`` the moment its last byte is read, so edit
latency is "didChange written → matching diagnostics read" as an editor would see it.  The
``wenfeng/stats`` notification that follows each publication says whether it was a provisional
start-up result (``"complete": false``); :meth:`LspClient.wait_complete` waits past those.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Published:
    uri: str
    version: int | None
    count: int
    at: float  # perf_counter when read


@dataclass
class LspClient:
    settings: dict[str, Any]
    proc: asyncio.subprocess.Process | None = None
    started_at: float = 0.0
    published: list[Published] = field(default_factory=list)
    completed: list[Published] = field(default_factory=list)  # stats saying "complete": true
    provisional: list[Published] = field(default_factory=list)  # stats saying "complete": false
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _pending: dict[int, asyncio.Future] = field(default_factory=dict)
    _changed: asyncio.Event | None = None
    _reader: asyncio.Task | None = None

    async def start(self, cwd: Path, stderr_path: Path, prefix: tuple[str, ...] = (),
                    argv: tuple[str, ...] = ("-m", "wenfeng", "serve"),
                    env: dict[str, str] | None = None) -> None:
        """Start the server (``python *argv``); ``prefix`` wraps the command; ``env`` is added
        to the environment."""
        env = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
        self._stderr = open(stderr_path, "wb")
        self._changed = asyncio.Event()
        self.started_at = time.perf_counter()
        self.proc = await asyncio.create_subprocess_exec(
            *prefix, sys.executable, *argv, cwd=str(cwd), env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=self._stderr,
            limit=64 * 1024 * 1024)
        self._reader = asyncio.get_running_loop().create_task(self._read_loop())

    # -- wire -------------------------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def _read_loop(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = await out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            body = await out.readexactly(length or 0)
            now = time.perf_counter()
            self._dispatch(json.loads(body), now)

    def _dispatch(self, msg: dict[str, Any], now: float) -> None:
        if "method" not in msg:  # a response to one of our requests
            future = self._pending.pop(msg.get("id"), None)
            if future is not None and not future.done():
                future.set_result((msg, now))
            return
        method = msg["method"]
        if "id" in msg:  # a request from the server
            result: Any = None
            if method == "workspace/configuration":
                result = [self.settings for _ in msg["params"]["items"]]
            self._send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            return
        if method == "textDocument/publishDiagnostics":
            p = msg["params"]
            self.published.append(Published(p["uri"], p.get("version"), len(p["diagnostics"]), now))
            assert self._changed is not None
            self._changed.set()
        elif method == "wenfeng/stats":
            p = msg["params"]
            complete = p.get("complete", True)
            (self.completed if complete else self.provisional).append(
                Published(p["uri"], p.get("version"), 0, now))
            assert self._changed is not None
            self._changed.set()

    # -- requests ---------------------------------------------------------------------------------
    async def request(self, method: str, params: Any, timeout: float = 120) -> tuple[dict, float]:
        """Send a request; return ``(response, perf_counter when it was read)``."""
        ident = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[ident] = future
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return await asyncio.wait_for(future, timeout)

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    async def initialize(self, root: Path) -> float:
        """``initialize`` + ``initialized``; returns perf_counter when the answer was read."""
        _, at = await self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(),
            "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True},
                                              "synchronization": {"didSave": True}},
                             "general": {"positionEncodings": ["utf-16"]}},
            "initializationOptions": {"settings": self.settings},
        })
        self.notify("initialized", {})
        return at

    async def wait_published(self, uri: str, version: int | None = None, *, after: int = 0,
                             timeout: float = 120) -> Published:
        """The first publish for ``uri`` (with ``version`` if given) at index ≥ ``after``."""
        return await self._wait(self.published, uri, version, after, timeout)

    async def wait_complete(self, uri: str, version: int | None = None, *,
                            timeout: float = 120) -> Published:
        """When the first complete (not provisional) result for ``uri`` arrived: the time its
        ``wenfeng/stats`` was read, right after its diagnostics."""
        return await self._wait(self.completed, uri, version, 0, timeout)

    async def _wait(self, items: list[Published], uri: str, version: int | None, after: int,
                    timeout: float) -> Published:
        assert self._changed is not None
        deadline = time.perf_counter() + timeout
        while True:
            for item in items[after:]:
                if item.uri == uri and (version is None or item.version == version):
                    return item
            self._changed.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no diagnostics for {uri} version {version} in {timeout}s")
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except asyncio.TimeoutError:
                pass

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": version, "text": text}})

    def change(self, uri: str, version: int, line: int, char: int, end_char: int, text: str) -> None:
        """One incremental edit on a single line (UTF-16 columns; the corpus is all BMP)."""
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": char},
                                          "end": {"line": line, "character": end_char}},
                                "text": text}]})

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far (Linux /proc)."""
        assert self.proc is not None
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> tuple[float, float]:
        """``(VmHWM, VmRSS)`` of the server process in MB (Linux /proc)."""
        assert self.proc is not None
        fields = {}
        for row in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            key, _, value = row.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key] = int(value.split()[0]) / 1024
        return fields["VmHWM"], fields["VmRSS"]

    async def stop(self) -> None:
        try:
            await self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            assert self.proc is not None
            await asyncio.wait_for(self.proc.wait(), 10)
        except (asyncio.TimeoutError, ConnectionError, OSError):
            if self.proc is not None and self.proc.returncode is None:
                self.proc.kill()
                await self.proc.wait()
        finally:
            if self._reader is not None:
                self._reader.cancel()
            self._stderr.close()
