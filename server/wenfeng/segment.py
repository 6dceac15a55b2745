"""Chinese word boundaries — the only module that imports a segmenter (jieba or rjieba).

Rules match a term only where it starts and ends on token boundaries ("检查" is not a hit inside
"检察院"-style longer words), because regex ``\\b`` means nothing between Han characters.  Each
:class:`Segmenter` owns a private tokenizer (never a library's global one) whose user dictionary
holds every lexicon term and the words in ``lexicons/dicts``, so those segment as units.
Boundaries are cached per block text, bounded in bytes: an edit re-segments only the paragraphs
it touched, and a long editing session does not pile up copies.

Two backends give the same tokens (same dictionary, same algorithm; ``tests/test_segment.py``
checks identical findings on the corpus):

- ``rjieba`` (jieba-rs, Rust): the fast one, used when it is installed — its dictionary loads in
  about a tenth of the time jieba takes to ``marshal.load`` its cache, and it cuts text about
  15× faster;
- ``jieba``: the reference, used when rjieba is not installed or ``WENFENG_SEGMENTER=jieba``.

Neither is imported until the dictionary is loaded (:meth:`Segmenter.initialize`), so building
an engine — and a language server's first check — never pays for it.
"""

from __future__ import annotations

import gc
import importlib.machinery
import importlib.util
import os
import re
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterable

from .cachedir import cache_dir

_CACHE_SIZE = 50_000
#: Bytes the cached boundaries may hold (texts and boundary sets, as ``sys.getsizeof`` counts).
_CACHE_BYTES = 8_000_000
_IMPORT_LOCK = threading.Lock()

BACKENDS = ("rjieba", "jieba")


def entry_bytes(text: str, edges: frozenset[int]) -> int:
    """What one cache entry costs in memory (the text, its boundary set and the offsets in it,
    counted as separate int objects: an upper bound)."""
    return sys.getsizeof(text) + sys.getsizeof(edges) + 32 * len(edges)


def backend_name() -> str:
    """The backend new segmenters use: ``$WENFENG_SEGMENTER`` (``jieba`` or ``rjieba``), else
    rjieba when it is installed, else jieba."""
    chosen = os.environ.get("WENFENG_SEGMENTER", "").strip().lower()
    if chosen in BACKENDS:
        return chosen
    return "rjieba" if importlib.util.find_spec("rjieba") is not None else "jieba"


def loads_quickly() -> bool:
    """Whether new segmenters load their dictionary in a blink (rjieba, about 0.1 s) — callers
    may then simply wait for it — rather than in about a second (jieba)."""
    return backend_name() == "rjieba"


def jieba_cache_dir() -> str:
    """The folder for jieba's parsed-dictionary cache (loaded with marshal, so never a shared
    folder another user could plant it in: see :func:`cachedir.cache_dir`)."""
    return str(cache_dir())


def _jieba():
    """The jieba module, imported on first use.

    jieba 0.42 imports ``pkg_resources`` only to open its own data files and falls back to a plain
    ``open`` of the same files when that import fails; ``pkg_resources`` alone takes about 0.4 s to
    import, so it is hidden for the duration of jieba's import (nothing else is affected: the
    entry is restored afterwards).
    """
    import logging

    with _IMPORT_LOCK:
        hide = "pkg_resources" not in sys.modules
        if hide:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # → ImportError
        try:
            import jieba
        finally:
            if hide:
                del sys.modules["pkg_resources"]
        jieba.setLogLevel(logging.WARNING)
        return jieba


def _rjieba_class() -> Any:
    """rjieba's ``Jieba`` class.

    ``import rjieba`` builds a global tokenizer at import time (a whole dictionary load we would
    not use); the compiled extension inside the package is loaded directly instead, when it can
    be found, else the package is imported as usual.
    """
    with _IMPORT_LOCK:
        loaded = sys.modules.get("rjieba.rjieba") or sys.modules.get("rjieba")
        if loaded is not None:
            return loaded.Jieba
        spec = importlib.util.find_spec("rjieba")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = Path(folder) / f"rjieba{suffix}"
                if not path.is_file():
                    continue
                loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(path))
                ext = importlib.util.spec_from_file_location("rjieba.rjieba", path, loader=loader)
                if ext is None:
                    break
                module = importlib.util.module_from_spec(ext)
                loader.exec_module(module)
                sys.modules["rjieba.rjieba"] = module
                return module.Jieba
        import rjieba  # the usual way (costs one extra dictionary load)

        return rjieba.Jieba


_DICT_FREQ: dict[str, int] | None = None


def _dictionary_frequencies() -> dict[str, int]:
    """jieba's main dictionary as ``word → frequency`` (read once, when first asked; both
    backends ship this same dictionary, jieba-rs embedded in its binary)."""
    global _DICT_FREQ
    with _IMPORT_LOCK:
        if _DICT_FREQ is None:
            table: dict[str, int] = {}
            spec = importlib.util.find_spec("jieba")
            folders = list(spec.submodule_search_locations or []) if spec else []
            for folder in folders:
                path = Path(folder) / "dict.txt"
                if path.is_file():
                    table = _parse_dictionary(path.read_text(encoding="utf-8"))
                    break
            _DICT_FREQ = table
        return _DICT_FREQ


def _parse_dictionary(data: str) -> dict[str, int]:
    """``word freq [tag]`` lines → ``{word: freq}``; every line of jieba's file has a tag, which
    allows one split of the whole text (about 10× faster than line by line)."""
    fields = data.split()
    lines = data.count("\n") + (0 if data.endswith("\n") else 1)
    if len(fields) == 3 * lines and all(f.isdigit() for f in fields[1::3]):
        enabled = gc.isenabled()
        gc.disable()  # 350,000 new objects would trigger a dozen pointless collections
        try:
            return dict(zip(fields[0::3], map(int, fields[1::3])))
        finally:
            if enabled:
                gc.enable()
    table = {}
    for line in data.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            table[parts[0]] = int(parts[1])
    return table


class _JiebaBackend:
    """The reference: a private ``jieba.Tokenizer``."""

    name = "jieba"

    def __init__(self, words: list[tuple[str, int | None]]) -> None:
        tokenizer = _jieba().Tokenizer()
        # jieba caches its parsed dictionary in a file; ours lives in wenfeng's cache folder
        tokenizer.tmp_dir = jieba_cache_dir()
        tokenizer.initialize()
        for word, freq in words:
            tokenizer.add_word(word, freq)
        self._tokenizer = tokenizer

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        return self._tokenizer.tokenize(text, HMM=True)

    def frequency(self, word: str) -> tuple[int, bool]:
        freq = self._tokenizer.FREQ.get(word, 0)  # jieba keeps every prefix too, at 0
        return freq, freq > 0


class _RjiebaBackend:
    """The fast one: a private ``rjieba.Jieba`` (jieba-rs) with the same user words."""

    name = "rjieba"

    def __init__(self, words: list[tuple[str, int | None]]) -> None:
        tokenizer = _rjieba_class()()
        self._user: dict[str, int] = {}
        for word, freq in words:
            self._user[word] = tokenizer.add_word(word, freq, None)
        self._tokenizer = tokenizer

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        if not text.isascii() and _LONE_SURROGATE.search(text):  # Rust takes only valid UTF-8:
            text = _LONE_SURROGATE.sub("\ufffd", text)         # same length, same offsets
        return self._tokenizer.tokenize(text, "default", True)

    def frequency(self, word: str) -> tuple[int, bool]:
        if not self._tokenizer.has_word(word):
            return 0, False
        freq = self._user.get(word)
        return (freq if freq is not None else _dictionary_frequencies().get(word, 0)), True


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _make_backend(name: str, words: list[tuple[str, int | None]]) -> Any:
    if name == "rjieba":
        try:
            return _RjiebaBackend(words)
        except (ImportError, OSError, AttributeError) as exc:  # not installable here: fall back
            import logging

            logging.getLogger(__name__).warning("rjieba 不可用（%s），改用 jieba", exc)
    return _JiebaBackend(words)


class Segmenter:
    """Token boundaries for block texts, with a user dictionary and a cache bounded in bytes."""

    def __init__(self, words: Iterable[tuple[str, int | None]] = (),
                 backend: str | None = None) -> None:
        self._words = list(words)
        self._backend_name = backend
        self._backend: Any = None  # made by initialize()
        self._ready = False
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, frozenset[int]] = OrderedDict()
        self._cache_bytes = 0

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def backend(self) -> str:
        """``"rjieba"`` or ``"jieba"``: the backend in use (or to be used, before loading)."""
        if self._backend is not None:
            return self._backend.name
        return self._backend_name or backend_name()

    @property
    def user_words(self) -> list[tuple[str, int | None]]:
        """The ``(word, frequency)`` pairs added to the dictionary (lexicon terms, dicts)."""
        return list(self._words)

    def clear_cache(self) -> None:
        """Forget cached boundaries (the dictionary stays loaded)."""
        with self._lock:
            self._cache.clear()
            self._cache_bytes = 0

    def initialize(self) -> None:
        """Load the dictionary (rjieba ≈ 0.1 s, jieba ≈ 1 s); idempotent and thread-safe."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            words = [(w, f) for w, f in self._words if w and not any(c.isspace() for c in w)]
            self._backend = _make_backend(self._backend_name or backend_name(), words)
            self._ready = True

    def frequency(self, word: str) -> tuple[int, bool]:
        """``(frequency, is_word)``: the word's frequency in the dictionary as loaded (jieba's
        main dictionary plus the user words; 0 when absent) and whether it is a dictionary word.
        The same answer from either backend; loads the dictionary if need be."""
        self.initialize()
        return self._backend.frequency(word)

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` tokens of ``text`` (code points)."""
        self.initialize()
        return list(self._backend.tokenize(text))

    def forget(self, texts: Iterable[str]) -> None:
        """Drop the cached boundaries of these texts (paragraphs an edit replaced)."""
        with self._lock:
            for text in texts:
                old = self._cache.pop(text, None)
                if old is not None:
                    self._cache_bytes -= entry_bytes(text, old)

    def cached(self, text: str) -> frozenset[int] | None:
        """Boundaries of ``text`` if they are already known (never loads the dictionary)."""
        return self._cache.get(text)

    def boundaries(self, text: str) -> frozenset[int]:
        """Offsets in ``text`` where a token starts or ends (0 and len(text) included)."""
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        self.initialize()
        edges = {0, len(text)}
        for _, start, end in self._backend.tokenize(text):
            edges.add(start)
            edges.add(end)
        result = frozenset(edges)
        size = entry_bytes(text, result)
        if size > _CACHE_BYTES:
            return result  # longer than the whole cache: computed, not kept
        with self._lock:
            old = self._cache.pop(text, None)
            if old is not None:
                self._cache_bytes -= entry_bytes(text, old)
            self._cache[text] = result
            self._cache_bytes += size
            while len(self._cache) > _CACHE_SIZE or self._cache_bytes > _CACHE_BYTES:
                key, value = self._cache.popitem(last=False)
                self._cache_bytes -= entry_bytes(key, value)
        return result
