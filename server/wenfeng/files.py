"""Writing files without ever losing the original.

``write_atomic`` writes to a temporary file in the same folder, flushes it to disk and renames it
over the target, keeping the original's permission bits; if anything fails midway the original
is untouched and the temporary file is removed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomic(path: Path, text: str | bytes, encoding: str = "utf-8") -> None:
    try:
        data = text if isinstance(text, bytes) else text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(
            f"修改后的文字含“{exc.object[exc.start:exc.end]}”，无法用原文件的编码 "
            f"{encoding} 保存，原文件未改动；请先另存为 UTF-8",
            path=str(path),
        ) from None
    path = Path(os.path.realpath(path))  # through a symlink: replace the target, keep the link
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".wenfeng-tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"无法写入：{exc.strerror or exc}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:  # a new file gets the usual permissions, not mkstemp's 0600
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"写入失败，原文件未改动：{exc.strerror or exc}", path=str(path)) from None
        raise
