"""The code attrs and cattrs generate, kept on disk so that the language server starts sooner.

lsprotocol defines some 570 attrs classes; attrs writes each class's ``__init__``, ``__repr__``,
``__eq__``… as Python source and compiles it as the class is defined, and cattrs does the same
for each message type the first time one is converted (as :mod:`dataclasses` does for
wenfeng's own ~200 classes).  Compiling is about 40 % of the half second that importing
lsprotocol and pygls takes — on the way to every first diagnostic.  The
sources are the same on every start, so the code objects are kept with :mod:`marshal`, as
``.pyc`` files keep a module's, in the cache folder (:func:`wenfeng.cachedir.cache_dir`), under
the interpreter's bytecode version, and looked up by (source, file name, mode, flags): a code
object is only ever reused for exactly the source it was compiled from.

:func:`install` puts a caching ``compile`` into the namespaces of the attrs and cattrs modules
that generate code, and a caching ``exec`` into :mod:`dataclasses`' (a module's own name is
found before the built-in one); :func:`finish` writes
what this start compiled, if anything was new, and takes the caching ``compile`` out again, so
nothing of this outlives start-up.  A missing, stale or damaged file only costs the compile time;
``WENFENG_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations
import __future__

import builtins
import importlib
import importlib.util
import logging
import marshal
import sys
import threading
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from .. import regex_cache
from ..cachedir import cache_dir, enabled, store

log = logging.getLogger(__name__)

#: The modules whose generated code is cached, and the built-in each calls by its plain name
#: on the source it generates.
TARGETS = (("attr._make", "compile"), ("cattrs.gen", "compile"),
           ("cattrs.gen.typeddicts", "compile"), ("dataclasses", "exec"))
FORMAT = b"wenfeng-code-1\n"

_Key = tuple[str, str, str, int, int]


class _Cache:
    def __init__(self, stored: dict[_Key, CodeType]) -> None:
        self.stored = stored
        self.used: dict[_Key, CodeType] = {}
        self.compiled = 0       # sources not found in the file
        self.lock = threading.Lock()

    def compiler(self, module: ModuleType):
        """``compile`` as ``module`` calls it: with that module's ``__future__`` flags, which the
        built-in would have inherited from its caller, and the result kept."""
        inherited = 0
        for name in __future__.all_feature_names:
            feature: __future__._Feature = getattr(__future__, name)
            if vars(module).get(name) is feature:
                inherited |= feature.compiler_flag

        def compile(source: Any, filename: Any, mode: str, flags: int = 0,  # noqa: A001
                    dont_inherit: bool = False, optimize: int = -1) -> Any:
            if not dont_inherit:
                flags |= inherited
            if not (isinstance(source, str) and isinstance(filename, str)):
                return builtins.compile(source, filename, mode, flags, True, optimize)
            key = (source, filename, mode, flags,
                   sys.flags.optimize if optimize == -1 else optimize)
            code = self.stored.get(key)
            if code is None:
                code = builtins.compile(source, filename, mode, flags, True, optimize)
                with self.lock:
                    self.compiled += 1
                self.stored[key] = code
            self.used[key] = code
            return code

        return compile

    def executor(self, module: ModuleType):
        """``exec`` as ``module`` calls it on a source string: compiled through the cache."""
        compile = self.compiler(module)

        def exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:  # noqa: A001
            if isinstance(source, str):
                source = compile(source, "<string>", "exec")
            builtins.exec(source, vars(module) if globals is None else globals, locals)

        return exec


_cache: _Cache | None = None
_installed: list[tuple[ModuleType, str]] = []


def path() -> Path:
    return cache_dir() / f"lsp-code-{sys.implementation.cache_tag}.marshal"


def _header() -> bytes:
    return FORMAT + importlib.util.MAGIC_NUMBER


def load(file: Path) -> dict[_Key, CodeType]:
    """The code objects stored in ``file`` (empty if it is missing, damaged or from another
    Python)."""
    header = _header()
    try:
        with open(file, "rb") as f:
            data = f.read()  # (marshal.load on the file object is several times slower)
        if not data.startswith(header):
            return {}
        stored = marshal.loads(memoryview(data)[len(header):])
    except FileNotFoundError:
        return {}
    except Exception as exc:  # noqa: BLE001 - a damaged file: compile as usual
        log.info("代码缓存不可用：%s", exc)
        return {}
    if not isinstance(stored, dict):
        return {}
    return {k: v for k, v in stored.items()
            if isinstance(k, tuple) and len(k) == 5 and isinstance(v, CodeType)}


def install() -> None:
    """Serve the generated code of :data:`TARGETS` from the cache file (before lsprotocol is
    imported: its classes are made as it is imported).  Idempotent."""
    global _cache
    if _cache is not None or not enabled():
        return
    _cache = _Cache(load(path()))
    for name, builtin in TARGETS:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a future attrs/cattrs layout: no cache for it, nothing breaks
            continue
        if builtin not in vars(module):
            make = _cache.compiler if builtin == "compile" else _cache.executor
            setattr(module, builtin, make(module))
            _installed.append((module, builtin))


def finish() -> None:
    """Start-up is over: stop caching, and write the code this start used if any of it had to
    be compiled (the file then holds exactly one start's code; a failure is only logged)."""
    global _cache
    regex_cache.save()  # (the regexes compiled on the way here, if any were new)
    cache, _cache = _cache, None
    for module, builtin in _installed:
        vars(module).pop(builtin, None)
    _installed.clear()
    # (a few sources differ on every start — attrs salts a hashable class's ``__hash__`` with
    # the process's string hashing — and must not make every start rewrite the file)
    if cache is None or cache.compiled * 20 < len(cache.used):
        return
    try:
        store(path(), _header() + marshal.dumps(dict(cache.used)))
    except Exception as exc:  # noqa: BLE001 - an unwritable cache folder costs the next start
        log.info("未能写入代码缓存：%s", exc)
