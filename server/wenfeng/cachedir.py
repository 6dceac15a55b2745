"""Where wenfeng keeps files it can always rebuild (jieba's parsed dictionary, compiled lexicons).

One function decides the folder, so every cache lives in the same place:
``$WENFENG_CACHE_DIR``, else ``$XDG_CACHE_HOME/wenfeng``, else ``%LOCALAPPDATA%\\wenfeng\\cache``
on Windows, else ``~/.cache/wenfeng``.  Deleting the folder is always safe.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def _location() -> Path:
    if explicit := os.environ.get("WENFENG_CACHE_DIR"):
        return Path(explicit).expanduser()
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg).expanduser() / "wenfeng"
    if os.name == "nt" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "wenfeng" / "cache"
    return Path.home() / ".cache" / "wenfeng"


def _private(folder: Path) -> bool:
    """A folder of ours that no one else can write into."""
    try:
        st = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and not st.st_mode & 0o022 and \
        (not hasattr(os, "geteuid") or st.st_uid == os.geteuid())


def cache_dir() -> Path:
    """The cache folder, created 0700.  Caches are loaded with marshal/pickle, so a folder
    that is not ours alone is never used: then a fresh private temporary folder (removed at
    exit) stands in."""
    folder = _location()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        pass
    if _private(folder):
        return folder
    global _fallback
    if _fallback is None:
        import atexit  # (rare path: kept off start-up)
        import shutil
        import tempfile

        _fallback = Path(tempfile.mkdtemp(prefix="wenfeng-cache-"))  # 0700, ours
        atexit.register(shutil.rmtree, _fallback, True)
    return _fallback


_fallback: Path | None = None


def enabled() -> bool:
    """False when ``WENFENG_NO_CACHE`` is set (to anything but 0): every cache is then rebuilt
    in memory and nothing is written."""
    return os.environ.get("WENFENG_NO_CACHE", "") in ("", "0")


def store(target: Path, data: bytes, keep: tuple[str, str, int] | None = None) -> None:
    """Write ``data`` to ``target`` in the cache folder atomically (a temporary file renamed
    over it, so a reader never sees half a file).  ``keep`` = (prefix, suffix, n): afterwards
    only the newest n files of that family stay.  OSError goes to the caller, for whom a failure
    only costs the next start its build time."""
    import tempfile  # lazy: only a start that built something new writes

    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
    if keep is not None:
        prefix, suffix, n = keep
        files = sorted(target.parent.glob(f"{prefix}*{suffix}"),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[n:]:
            old.unlink(missing_ok=True)
