"""Reading small files the user points wenfeng at (lexicons, dictionaries, wenfeng.toml) safely.

A named pipe in a lexicon folder would block the read for ever; a dictionary linked to
``/dev/zero`` would fill memory.  :func:`read_regular` opens without blocking, refuses anything
but a regular file and reads at most ``limit`` bytes.  Its errors are ``OSError``s with a Chinese
reason, so callers that already report ``无法读取：…`` report these the same way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: Largest lexicon, dictionary or config file read (the shipped ones are well under 1 MB).
MAX_BYTES = 20 * 1024 * 1024


class UnsafeFile(OSError):
    """Not a regular file, or too large: ``str()`` is the Chinese reason."""

    def __str__(self) -> str:
        return self.args[0]


def read_regular(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(Path(path), flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile("不是普通文件（管道、设备或指向它们的链接）")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnsafeFile(f"文件过大（超过 {limit // 1024 // 1024} MB）")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> str:
    """UTF-8 text of a regular file (UnicodeDecodeError as ``bytes.decode`` raises it)."""
    return read_regular(path, limit).decode("utf-8")
