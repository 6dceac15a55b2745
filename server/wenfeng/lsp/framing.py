"""Reading LSP frames robustly: a reader wrapper that pygls's message loop reads from.

pygls 2.1's loop (``pygls.io_.run_async``) accepts only an exact ``Content-Length: N\\r\\n``
header and trusts N: after one bad, missing or wrong length (or LF-only headers) the body of
one message runs into the header of the next, so every later message is lost — the server
stays alive but never answers again, and logs nothing.

:class:`FrameReader` sits between the byte stream and that loop.  It reads whole frames itself
(header names case-insensitive, ``\\n`` or ``\\r\\n`` line ends, other headers ignored), checks
that each body is one JSON value, and hands pygls the frame in the canonical form it expects.
Whatever does not fit is reported once (logged, and to the client's log) and skipped up to the
next valid ``Content-Length`` header; a body that ran into the next frame (a length too long)
is split there, the complete message kept.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections import deque
from typing import Callable

log = logging.getLogger(__name__)

#: Longest header line looked at in one piece (garbage without line ends is read in such pieces).
MAX_LINE = 64 * 1024
#: Largest message accepted (a 20 MB draft, JSON-escaped, fits).
MAX_BODY = 128 * 1024 * 1024
_HEADER = re.compile(rb"content-length", re.IGNORECASE)
_LENGTH = re.compile(rb"\s*content-length\s*:\s*(\d{1,12})\s*", re.IGNORECASE)
_OTHER = re.compile(rb"\s*[A-Za-z][A-Za-z0-9-]*\s*:[^\r\n]*")
_DECODER = json.JSONDecoder()


class BoundedStdinReader:
    """stdin for the message loop, with header lines read at most :data:`MAX_LINE` at a time
    (pygls's stdin reader reads a line of any length into memory)."""

    def __init__(self, stdin, executor) -> None:
        self.stdin = stdin
        self.executor = executor

    def readline(self):
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self.executor, self.stdin.readline, MAX_LINE)

    def readexactly(self, n: int):
        return asyncio.get_running_loop().run_in_executor(self.executor, self.stdin.read, n)


class FrameReader:
    """``readline``/``readexactly`` as pygls's loop calls them, over a damaged stream."""

    def __init__(self, reader, report: Callable[[str], None] | None = None) -> None:
        self._reader = reader
        self._report = report or log.warning
        self._pending: bytes = b""          # bytes read ahead (a frame split off a long body)
        self._lines: deque[bytes] = deque()  # canonical header lines for pygls
        self._body: bytes | None = None
        self.errors = 0

    # -- what pygls calls ------------------------------------------------------------------
    async def readline(self) -> bytes:
        if not self._lines:
            body = await self._next_frame()
            if body is None:
                return b""  # end of stream
            self._body = body
            self._lines.extend((b"Content-Length: %d\r\n" % len(body), b"\r\n"))
        return self._lines.popleft()

    async def readexactly(self, n: int) -> bytes:
        body, self._body = self._body or b"", None
        return body

    # -- the underlying stream ---------------------------------------------------------------
    async def _line(self) -> bytes:
        if self._pending:
            cut = self._pending.find(b"\n")
            if cut >= 0 and cut < MAX_LINE:
                line, self._pending = self._pending[:cut + 1], self._pending[cut + 1:]
                return line
            if len(self._pending) >= MAX_LINE:
                line, self._pending = self._pending[:MAX_LINE], self._pending[MAX_LINE:]
                return line
            line, self._pending = self._pending, b""
            return line + await self._line()
        try:
            return await self._reader.readline()
        except (ValueError, asyncio.LimitOverrunError):  # asyncio: a line over its limit
            return b"\0"  # (its bytes are dropped by the stream) garbage, skipped as such

    async def _exactly(self, n: int) -> bytes:
        taken, self._pending = self._pending[:n], self._pending[n:]
        if len(taken) == n:
            return taken
        try:
            rest = await self._reader.readexactly(n - len(taken))
        except asyncio.IncompleteReadError as exc:
            rest = exc.partial
        return taken + (rest or b"")

    def _skip(self, what: str, skipped: int) -> None:
        self.errors += 1
        message = f"收到格式错误的消息（{what}），已跳过 {skipped} 字节，从下一个有效消息头继续"
        try:
            self._report(message)
        except Exception:  # the report channel itself may be gone
            log.warning(message)

    async def _next_frame(self) -> bytes | None:
        skipped, why = 0, ""
        while True:
            length, headers, garbage, why_now = await self._headers()
            if length is None and not headers and not garbage:
                if skipped:
                    self._skip(why, skipped)
                return None  # end of stream
            if why_now:
                skipped += garbage
                why = why or why_now
            if length is None:
                continue
            if length > MAX_BODY:
                skipped += headers
                why = why or f"Content-Length {length} 超过上限"
                continue
            body = await self._exactly(length)
            message, rest = _split(body)
            if message is None:
                skipped += headers + len(body)
                why = why or ("消息体不完整" if len(body) < length
                              else "消息体不是一个 JSON 值，Content-Length 可能有误")
                if (at := _find_header(body)) >= 0:  # the next frame began inside this body
                    self._pending = body[at:] + self._pending
                    skipped -= len(body) - at
                continue
            if rest:  # too long a length: the next frame begins right after this message
                self._pending = rest + self._pending
                self._skip(why or "Content-Length 大于消息体", skipped)
            elif skipped:
                self._skip(why, skipped)
            return message

    async def _headers(self) -> tuple[int | None, int, int, str]:
        """One header block: (its Content-Length or None, header bytes, garbage bytes, why)."""
        length: int | None = None
        size = garbage = 0
        why = ""
        while True:
            line = await self._line()
            if not line:
                return length, size, garbage, why or ("消息头不完整" if size else "")
            if not line.strip():
                if length is not None:
                    return length, size + len(line), garbage, why
                if size:  # a header block without a length
                    return None, 0, garbage + size + len(line), why or "缺少 Content-Length"
                garbage += len(line)
                continue
            header = line.rstrip(b"\r\n") if line.endswith(b"\n") else b""
            if (m := _LENGTH.fullmatch(header)) is not None:
                if length is not None:
                    why = why or "重复的 Content-Length"
                length = int(m.group(1))
                size += len(line)
                continue
            if length is not None or size:
                if _OTHER.fullmatch(line.rstrip(b"\r\n")) and line.endswith(b"\n"):
                    size += len(line)  # Content-Type and the like
                    continue
            at = _find_header(line)
            if at > 0:  # garbage, then a header on the same line: start over there
                self._pending = line[at:] + self._pending
                garbage += size + at
            else:
                garbage += size + len(line)
            length, size = None, 0
            why = why or "无效的消息头"


def _find_header(data: bytes) -> int:
    """Where a ``Content-Length`` header starts in ``data`` after its first byte (-1: none)."""
    m = _HEADER.search(data, 1)
    return m.start() if m else -1


def _split(body: bytes) -> tuple[bytes | None, bytes]:
    """(the JSON value at the start of ``body``, what follows it if that is another frame);
    (None, b"") when ``body`` is not one JSON value."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None, b""
    try:
        _, end = _DECODER.raw_decode(text, len(text) - len(text.lstrip()))
    except (ValueError, RecursionError):
        return None, b""
    if not text[end:].strip():
        return body, b""
    tail = text[end:].encode("utf-8")
    at = _HEADER.search(tail)
    if at is None or tail[:at.start()].strip():
        return None, b""
    return text[:end].encode("utf-8"), tail[at.start():]
