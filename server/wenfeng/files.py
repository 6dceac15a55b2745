"""Writing files without ever losing the original.

``write_atomic`` writes to a temporary file in the same folder, flushes it to disk and renames it
over the target; if anything fails midway the original is untouched and the temporary file is
removed.  Only the text changes: the encoding (a UTF-16/32 BOM and byte order included), owner,
group, mode and extended attributes are kept, and what cannot be kept is refused with a clear
message — a read-only file, a file with several hard links, a pipe or device, another user's
file that could not be given back to them.  Temporary files a killed run left behind are removed
(:mod:`.temp_files`).
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError
from .temp_files import SUFFIX, prefix_for, sweep

#: Encodings whose files start with a byte-order mark, as :func:`.sources.text.decode` names them.
_BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
         "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


def encode_text(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding`` as the file had it — a UTF-16/32 file keeps its BOM and its byte
    order (Python's "utf-16" would write the machine's)."""
    if encoding in _BOMS:
        return _BOMS[encoding] + text.encode(encoding)
    return text.encode(encoding)


def _refuse_unsafe_target(path: Path, st: os.stat_result) -> None:
    """What replacing the file would change besides its text: refuse rather than change it."""
    if not stat.S_ISREG(st.st_mode):
        raise InputError("不是普通文件（管道、设备或文件夹），拒绝写入", path=str(path))
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise InputError("文件是只读的，未写入修改；确需修改请先取消只读属性", path=str(path))
    if st.st_nlink > 1:
        raise InputError(f"文件有 {st.st_nlink} 个硬链接，写回会断开它们，未写入修改；"
                         "请用 --diff 查看修改后手工改", path=str(path))


def _keep_metadata(fd: int, path: Path, st: os.stat_result) -> None:
    """Give the temporary file the original's owner, group, mode and extended attributes."""
    if (st.st_uid, st.st_gid) != (os.fstat(fd).st_uid, os.fstat(fd).st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except OSError:
            raise InputError("文件属于其他用户或用户组，写回会改变其所有者，未写入修改",
                             path=str(path)) from None
    os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(path)
    except OSError:  # not supported here: nothing to keep
        return
    for name in names:
        try:
            value = os.getxattr(path, name)
            if name in os.listxattr(fd) and os.getxattr(fd, name) == value:
                continue  # already there (a security label the folder gives every file)
            os.setxattr(fd, name, value)
        except OSError:
            raise InputError(f"文件的扩展属性 {name} 无法保留，未写入修改", path=str(path)) from None


def write_atomic(path: Path, text: str | bytes, encoding: str = "utf-8") -> None:
    try:
        data = text if isinstance(text, bytes) else encode_text(text, encoding)
    except UnicodeEncodeError as exc:
        raise InputError(
            f"修改后的文字含“{exc.object[exc.start:exc.end]}”，无法用原文件的编码 "
            f"{encoding} 保存，原文件未改动；请先另存为 UTF-8",
            path=str(path),
        ) from None
    path = Path(os.path.realpath(path))  # through a symlink: replace the target, keep the link
    folder = path.parent
    sweep(folder)
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"无法写入：{exc.strerror or exc}", path=str(path)) from None
    if st is not None:
        _refuse_unsafe_target(path, st)
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix_for(path), suffix=SUFFIX, dir=folder)
    except OSError as exc:
        raise InputError(f"无法写入：{exc.strerror or exc}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if st is not None:
                _keep_metadata(handle.fileno(), path, st)
            else:  # a new file gets the usual permissions, not mkstemp's 0600
                mask = os.umask(0)
                os.umask(mask)
                os.fchmod(handle.fileno(), 0o666 & ~mask)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"写入失败，原文件未改动：{exc.strerror or exc}", path=str(path)) from None
        raise
