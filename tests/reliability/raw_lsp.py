"""A bare-bytes language-server client for protocol-level tests: it writes frames exactly as given
(malformed ones included) and reads the server's frames with a timeout, over stdio or TCP.

pytest-lsp cannot send a broken header or open a second TCP connection, which is what these
tests need.  Blocking sockets/pipes read by a thread keep it simple and independent of pygls.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

SERVER = [sys.executable, "-m", "wenfeng", "serve"]
TIMEOUT = 30.0


def frame(message: dict | bytes, *, length: int | None = None, header: bytes | None = None) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    if header is None:
        header = b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length)
    return header + body


def initialize(msg_id: int = 1, root: Path | None = None) -> dict:
    params: dict[str, Any] = {"processId": None, "capabilities": {}}
    if root is not None:
        params["rootUri"] = root.as_uri()
    return {"jsonrpc": "2.0", "id": msg_id, "method": "initialize", "params": params}


def request(msg_id: int, method: str, params: Any = None) -> dict:
    return {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}


def notify(method: str, params: Any = None) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def did_open(uri: str, text: str, version: int = 1) -> dict:
    return notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": version, "text": text}})


class _Frames:
    """Parses frames out of a byte stream read by a thread into a queue."""

    def __init__(self, read) -> None:
        self.messages: queue.Queue = queue.Queue()
        self.closed = threading.Event()
        self._read = read
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        buf = b""
        try:
            while True:
                chunk = self._read()
                if not chunk:
                    break
                buf += chunk
                while b"\r\n\r\n" in buf:
                    head, rest = buf.split(b"\r\n\r\n", 1)
                    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                                  if line.lower().startswith(b"content-length"))
                    if len(rest) < length:
                        break
                    self.messages.put(json.loads(rest[:length]))
                    buf = rest[length:]
        except OSError:
            pass
        finally:
            self.closed.set()


class RawClient:
    """Either a server process on stdio (``RawClient.stdio``) or a TCP connection."""

    def __init__(self, write, read, close, process: subprocess.Popen | None = None) -> None:
        self._write, self._close = write, close
        self.process = process
        self.frames = _Frames(read)
        self.seen: list[dict] = []

    @classmethod
    def stdio(cls, env: dict[str, str] | None = None) -> "RawClient":
        proc = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env={**os.environ, **(env or {})})

        def write(data: bytes) -> None:
            proc.stdin.write(data)
            proc.stdin.flush()
        return cls(write, lambda: proc.stdout.read1(65536), proc.stdin.close, proc)

    @classmethod
    def tcp(cls, port: int, host: str = "127.0.0.1") -> "RawClient":
        sock = socket.create_connection((host, port), timeout=TIMEOUT)
        sock.settimeout(None)
        return cls(sock.sendall, lambda: sock.recv(65536), lambda: _close_socket(sock))

    def send(self, data: dict | bytes) -> None:
        self._write(data if isinstance(data, bytes) and data[:1] != b"{" else frame(data))

    def close(self) -> None:
        self._close()

    def next(self, timeout: float = TIMEOUT) -> dict | None:
        try:
            message = self.frames.messages.get(timeout=timeout)
        except queue.Empty:
            return None
        self.seen.append(message)
        return message

    def answer(self, msg_id: int, timeout: float = TIMEOUT) -> dict | None:
        """The response to request ``msg_id`` (other messages are kept in ``seen``)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            message = self.next(left)
            if message is None:
                return None
            if message.get("id") == msg_id and "method" not in message:
                return message
        return None

    def wait_for(self, predicate, timeout: float = TIMEOUT) -> dict | None:
        for message in self.seen:
            if predicate(message):
                return message
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            message = self.next(left)
            if message is None:
                return None
            if predicate(message):
                return message
        return None

    def stop(self) -> int | None:
        """Close and make sure a server process is gone; its exit code (None: killed)."""
        try:
            self.close()
        except OSError:
            pass
        if self.process is None:
            return None
        try:
            return self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None


def _close_socket(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_tcp_server(port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """``wenfeng serve --tcp`` on loopback; returns once it accepts connections."""
    proc = subprocess.Popen([*SERVER, "--tcp", "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server ended: {proc.stderr.read().decode(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start listening")
