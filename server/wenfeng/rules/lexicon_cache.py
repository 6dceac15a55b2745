"""Compiled lexicons kept on disk, keyed by a hash of everything they are made from.

Building an engine reads some twenty TOML files, validates about two hundred rules and parses
their regexes (to screen them for runaway backtracking and to derive each rule's prefilter) —
most of a short command's run time.  The result depends only on the lexicon files, wenfeng's own
code and the Python version, so it is pickled into the cache folder under a hash of those and
loaded in a few milliseconds next time.  Regexes are stored as their source and compiled on first
use (:class:`~wenfeng.rules.matching.LazyPattern`); named checks as their name.

Anything wrong with a cache file (missing, stale, truncated, unreadable) just means the lexicons
are compiled again; ``WENFENG_NO_CACHE=1`` turns the cache off.  The files are the user's own, in
their cache folder, and written atomically.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
import sys
from pathlib import Path
from typing import Any, Sequence

from ..cachedir import cache_dir, store
from ..safe_read import read_regular
from .checks.base import Check
from .checks.registry import CHECKS
from .matching import LazyPattern


def _note(message: str, exc: Exception) -> None:
    import logging  # lazy: only a bad or unwritable cache file is logged

    logging.getLogger(__name__).info(message, exc)

PREFIX = "lexicons-"
SUFFIX = ".pickle"
#: Cache files kept (one per lexicon set and code version); the oldest are removed beyond this.
KEEP = 8
_LEXICON_PARTS = ("groups.toml", "profiles/*.toml", "allowlists/*.txt", "dicts/*.txt",
                  "rules/*.toml")
FORMAT = 1


def _code_signature(h: Any) -> None:
    """wenfeng's own modules (path, size, modification time): a changed module is new code."""
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}\n".encode())


def key(roots: Sequence[Path]) -> str | None:
    """The hash naming the cache file for these lexicon folders (None: a folder is missing, so
    the loader must run and report it)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}\n".encode())
    _code_signature(h)
    for root in roots:
        if not root.is_dir():
            return None
        h.update(f"root:{root}\n".encode())
        for part in _LEXICON_PARTS:
            for path in sorted(root.glob(part)):
                try:  # never blocks on a FIFO nor reads /dev/zero: the loader reports those
                    data = read_regular(path)
                except (OSError, ValueError):
                    return None
                h.update(f"{path.relative_to(root)}:{len(data)}\n".encode())
                h.update(data)
    return h.hexdigest()


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            return (LazyPattern, (obj.pattern, obj.flags))
        if isinstance(obj, Check):
            return (_check, (obj.name,))
        return NotImplemented


def _check(name: str) -> Check:
    return CHECKS[name]


def _path(digest: str) -> Path:
    return cache_dir() / f"{PREFIX}{digest}{SUFFIX}"


def load(digest: str) -> Any | None:
    """The cached state for ``digest``, or None."""
    try:
        with open(_path(digest), "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a bad cache file is rebuilt, never fatal
        _note("词库缓存不可用，重新编译：%s", exc)
        return None


def save(digest: str, state: Any) -> None:
    """Write the state atomically (a failure only costs the next start its compile time)."""
    try:
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
        store(_path(digest), buffer.getvalue(), keep=(PREFIX, SUFFIX, KEEP))
    except Exception as exc:  # noqa: BLE001 - unwritable cache folder, unpicklable user data…
        _note("未能写入词库缓存：%s", exc)
