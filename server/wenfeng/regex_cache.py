"""Compiled regular expressions kept on disk, so that a short command does not spend a quarter of
its run compiling them.

Python's ``re`` compiles a pattern in pure Python — parse it, then generate the matcher's code (a
list of integers) — and a one-page ``wenfeng check`` compiles some 250 of them (the modules' own
and the lexicons' rules that the draft's characters let through): 0.1–0.2 s, next to 0.03 s for
the check itself.  The generated code depends only on the pattern, its flags and the Python
version, so it is kept with :mod:`marshal` in the cache folder (:func:`wenfeng.cachedir.cache_dir`)
and the pattern object is made from it by ``_sre.compile`` — the same call, with the same
arguments, that ``re`` makes at the end of its own compile — in microseconds.  A pattern so made
is equal (``==``: same pattern, flags and code) to the one ``re`` makes; ``_sre`` validates the
code it is given, and anything amiss (a damaged file, an unfamiliar interpreter) falls back to
the normal compile.

:func:`install` is called by the command line (:mod:`wenfeng.cli`) before anything else is
imported, so that module-level patterns are served too; it wraps the one function ``re`` calls
to compile (``re._compiler.compile``; ``sre_compile.compile`` before Python 3.11).  What this
process compiled new is written at exit (:func:`save`; the language server also calls it once
started).  The library itself never installs it.  ``WENFENG_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import atexit
import importlib.util
import marshal
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

from .cachedir import cache_dir, enabled, store

try:
    import _sre
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import _sre
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

FORMAT = b"wenfeng-regex-1\n"
#: Entries kept at most; beyond it the file keeps only what the writing process used (patterns
#: built from changing data — a user's terms — cannot make it grow without end).
MAX_ENTRIES = 4000
_DEBUG = 128  # re.DEBUG: prints while compiling, never cached

_Key = tuple[Any, int]                 # (pattern, flags as given)
#: _sre.compile's arguments after the pattern, the code as the bytes of an array of C integers
_Parts = tuple[int, bytes, int, dict, tuple]
#: The array type of ``_sre``'s code words.
_WORD = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)

_lock = threading.Lock()
_stored: dict[_Key, _Parts] = {}
_used: set[_Key] = set()
_new = 0
_original: Any = None


def _header() -> bytes:
    return (FORMAT + importlib.util.MAGIC_NUMBER
            + f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}\n".encode())


def path() -> Path:
    return cache_dir() / f"regex-{sys.implementation.cache_tag}.marshal"


def _parts(pattern: Any, flags: int) -> _Parts:
    """What ``re``'s own compile passes to ``_sre.compile`` after the pattern (its code packed
    into bytes, see :func:`_make`)."""
    parsed = _sre_parse.parse(pattern, flags)
    code = _sre_compile._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, array(_WORD, code).tobytes(), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


def _make(pattern: Any, parts: _Parts) -> Any:
    flags, code, groups, groupindex, indexgroup = parts
    return _sre.compile(pattern, flags, array(_WORD, code).tolist(), groups, groupindex,
                        indexgroup)


def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile``, served from the cache for a pattern given as a string."""
    global _new
    if not isinstance(p, (str, bytes)) or flags & _DEBUG:
        return _original(p, flags)
    key = (p, flags)
    parts = _stored.get(key)
    if parts is not None:
        try:
            compiled = _make(p, parts)
        except Exception:  # noqa: BLE001 - a damaged entry: compile it as usual below
            parts = None
        else:
            _used.add(key)
            return compiled
    try:
        parts = _parts(p, flags)
        compiled = _make(p, parts)
    except Exception:  # noqa: BLE001 - re's own compile raises its own error (re.error…)
        return _original(p, flags)
    with _lock:
        _stored[key] = parts
        _used.add(key)
        _new += 1
    return compiled


def _load(file: Path) -> dict[_Key, _Parts]:
    try:
        with open(file, "rb") as f:
            data = f.read()
    except OSError:
        return {}
    header = _header()
    if not data.startswith(header):
        return {}
    try:
        stored = marshal.loads(memoryview(data)[len(header):])
    except Exception:  # noqa: BLE001 - damaged: start afresh
        return {}
    return stored if isinstance(stored, dict) else {}


def install() -> None:
    """Serve ``re``'s compiles from the cache file from now on (idempotent; a no-op when caches
    are off or the interpreter's ``re`` is not laid out as expected)."""
    global _original
    if _original is not None or not enabled():
        return
    if not (callable(getattr(_sre_compile, "compile", None))
            and callable(getattr(_sre_compile, "_code", None))):
        return  # pragma: no cover - another interpreter's re
    try:
        if _make("(?P<a>x)", _parts("(?P<a>x)", 0)) != _sre_compile.compile("(?P<a>x)", 0):
            return  # pragma: no cover - the internals are not what we expect
    except Exception:  # noqa: BLE001  # pragma: no cover
        return
    _stored.update(_load(path()))
    _original = _sre_compile.compile
    _sre_compile.compile = _compile
    atexit.register(save)


def uninstall() -> None:
    """Put ``re``'s own compile back (tests)."""
    global _original
    if _original is not None:
        _sre_compile.compile = _original
        _original = None
        atexit.unregister(save)


def save() -> None:
    """Write the cache file if this process compiled patterns it did not hold (a failure only
    costs the next start its compile time)."""
    global _new
    with _lock:
        if not _new or not enabled():
            return
        entries = _stored if len(_stored) <= MAX_ENTRIES else {
            k: v for k, v in _stored.items() if k in _used}
        try:
            data = _header() + marshal.dumps(entries)
        except ValueError:  # an unmarshallable entry (never seen): keep the valid ones
            return
        _new = 0
    try:
        store(path(), data)
    except OSError:
        pass
