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

The proofreading engine (``wenfeng.proofread``) also reads the word model here: the frequency
table (:meth:`Segmenter.frequencies`), the score of a text's best segmentation
(:meth:`Segmenter.route_logprob`, computed in Python over that table) and the dictionary's
part-of-speech tags (:meth:`Segmenter.tagged`) — the same numbers and tags from either backend.

Neither is imported until the dictionary is loaded (:meth:`Segmenter.initialize`), so building
an engine — and a language server's first check — never pays for it.
"""

from __future__ import annotations

import gc
import importlib.machinery
import importlib.util
import math
import os
import re
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import dict_index
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
        self._pos: Any = None  # a jieba.posseg.POSTokenizer, made by tag()

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        return self._tokenizer.tokenize(text, HMM=True)

    def frequency(self, word: str) -> tuple[int, bool]:
        freq = self._tokenizer.FREQ.get(word, 0)  # jieba keeps every prefix too, at 0
        return freq, freq > 0

    def tag(self, text: str) -> list[tuple[str, str]]:
        if self._pos is None:  # jieba.posseg reads its tables on first use
            with _IMPORT_LOCK:
                import jieba.posseg as posseg
            self._pos = posseg.POSTokenizer(self._tokenizer)
        return [(pair.word, pair.flag) for pair in self._pos.cut(text, HMM=False)]


class _RjiebaBackend:
    """The fast one: a private ``rjieba.Jieba`` (jieba-rs) with the same user words.

    It starts *partial* when it can (:mod:`wenfeng.dict_index` finds jieba's ``dict.txt``): an
    empty tokenizer given, before each text is cut, the main-dictionary words that occur in the
    text (and in the user words), plus one placeholder word that never occurs in a text and
    whose frequency keeps the dictionary's total that of the whole dictionary.  jieba's choice
    of a segmentation only ever looks up substrings of the text and that total — so the tokens,
    the user words' suggested frequencies and the tags are exactly those of the whole
    dictionary (``tests/test_segment.py``), for a few milliseconds instead of rjieba's 0.2 s
    load.  After :data:`PARTIAL_LIMIT` characters (a long document, a batch) — or when asked
    (:meth:`complete`: a server once its first result is out, a parent about to fork) — the
    whole dictionary is loaded and used from then on.
    """

    name = "rjieba"

    def __init__(self, words: list[tuple[str, int | None]], partial: bool = True) -> None:
        self._words = words
        self._lock = threading.RLock()
        self._index = dict_index.load() if partial else None
        self._added: set[str] = set()  # main-dictionary words given to a partial tokenizer
        self._added_total = 0
        self._seen = 0  # characters of text a partial tokenizer was prepared for
        self._user: dict[str, int] = {}
        if self._index is None:
            self._tokenizer = self._whole()
            return
        tokenizer = _rjieba_class().empty()
        self._tokenizer = tokenizer
        pieces: set[str] = set()
        for word, _ in words:
            pieces |= self._index.words_in(word)
        self._give(pieces)
        for word, freq in words:  # (suggested frequencies need the words inside each word)
            self._user[word] = tokenizer.add_word(word, freq, None)

    def _whole(self) -> Any:
        tokenizer = _rjieba_class()()
        self._user = {word: tokenizer.add_word(word, freq, None) for word, freq in self._words}
        return tokenizer

    @property
    def partial(self) -> bool:
        return self._index is not None

    def complete(self) -> None:
        """Load the whole dictionary (idempotent)."""
        with self._lock:
            if self._index is not None:
                self._tokenizer = self._whole()
                self._index = None
                self._added.clear()

    def _give(self, words: set[str]) -> None:
        """Add these main-dictionary words (and re-balance the placeholder); under the lock."""
        assert self._index is not None
        new = words - self._added
        if not new and self._added:
            return
        add = self._tokenizer.add_word
        entry = self._index.entry
        for word in new:
            freq, tag = entry(word)  # type: ignore[misc]  # (words_in: all main words)
            add(word, freq, tag or None)
            self._added_total += freq
        self._added |= new
        add(_PLACEHOLDER, self._index.total - self._added_total, None)

    def _prepared(self, text: str) -> Any:
        """The tokenizer, ready for ``text``: partial and given the text's words, or whole once
        :data:`PARTIAL_LIMIT` is reached; under the lock."""
        if self._index is not None:
            self._seen += len(text)
            if self._seen > PARTIAL_LIMIT:
                self.complete()
            else:
                self._give(self._index.words_in(text))
        return self._tokenizer

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        if not text.isascii() and _LONE_SURROGATE.search(text):  # Rust takes only valid UTF-8:
            text = _LONE_SURROGATE.sub("\ufffd", text)         # same length, same offsets
        if self._index is None:
            return self._tokenizer.tokenize(text, "default", True)
        with self._lock:  # (cut with the words given for it: none added by another thread)
            return self._prepared(text).tokenize(text, "default", True)

    def frequency(self, word: str) -> tuple[int, bool]:
        if word == _PLACEHOLDER:
            return 0, False
        freq = self._user.get(word)
        if freq is not None:
            return freq, True
        index = self._index
        if index is not None:
            found = index.entry(word)
            return (found[0], True) if found else (0, False)
        if not self._tokenizer.has_word(word):
            return 0, False
        return _dictionary_frequencies().get(word, 0), True

    def tag(self, text: str) -> list[tuple[str, str]]:
        if not text.isascii() and _LONE_SURROGATE.search(text):
            text = _LONE_SURROGATE.sub("\ufffd", text)
        if self._index is None:
            return self._tokenizer.tag(text, False)
        with self._lock:
            return self._prepared(text).tag(text, False)


#: Characters of text a partial rjieba tokenizer is prepared for before the whole dictionary is
#: loaded instead (finding a text's words costs about 2 µs a character; the whole load 0.2 s).
PARTIAL_LIMIT = 20_000
#: A word no text contains (two noncharacters), carrying the frequencies of the words left out.
_PLACEHOLDER = "\uffff\ufffe"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Frequencies:
    """``word → frequency`` over jieba's main dictionary and a segmenter's user words, read-only:
    ``get`` is 0 for anything that is not a word; ``table`` is the dict itself, for tight loops."""

    def __init__(self, main: dict[str, int], user: dict[str, int]) -> None:
        enabled = gc.isenabled()
        gc.disable()  # a 350,000-entry copy: no collection halfway through
        try:
            self.table: dict[str, int] = {**main, **user}
            # the longest word starting with each two characters (words of three or more): the
            # route search tries no longer slices than a word there could have
            reach: dict[str, int] = {}
            for word in self.table:
                if len(word) >= 3 and reach.get(word[:2], 0) < len(word):
                    reach[word[:2]] = len(word)
        finally:
            if enabled:
                gc.enable()
        self._reach = reach
        # jieba adds a user word's count to the total even when it replaces a main entry
        self.total = sum(main.values()) + sum(user.values())
        self._log_total = math.log(self.total) if self.total > 0 else 0.0

    @classmethod
    def from_parts(cls, table: dict[str, int], reach: dict[str, int],
                   total: int) -> "Frequencies":
        """A table rebuilt from its :attr:`table`, :attr:`reach` and :attr:`total` (a cache)."""
        made = cls.__new__(cls)
        made.table, made._reach, made.total = table, reach, total
        made._log_total = math.log(total) if total > 0 else 0.0
        return made

    @property
    def reach(self) -> dict[str, int]:
        return self._reach

    def get(self, word: str) -> int:
        return self.table.get(word, 0)

    def words(self, min_freq: int = 1) -> Iterator[tuple[str, int]]:
        """Every word counted at least ``min_freq`` times, with its count."""
        return ((word, freq) for word, freq in self.table.items() if freq >= min_freq)

    def route_logprob(self, text: str) -> float:
        """jieba's ``calc``: the best route through the DAG of dictionary words of ``text``, a
        position with no word starting there taken as a one-character word counted once."""
        route = [0.0] * (len(text) + 1)
        self._fill(text, route, len(text) - 1)
        return route[0]

    def _fill(self, text: str, route: list[float], start: int) -> None:
        """jieba's ``calc`` from position ``start`` down to 0 (``route`` holds the later ones)."""
        get, reach, log, log_total = self.table.get, self._reach.get, math.log, self._log_total
        n = len(text)
        for i in range(start, -1, -1):
            freq = get(text[i], 0)
            best = log(freq) - log_total + route[i + 1] if freq > 0 else None
            if i + 2 <= n:
                pair = text[i:i + 2]
                freq = get(pair, 0)
                if freq > 0:
                    score = log(freq) - log_total + route[i + 2]
                    if best is None or score > best:
                        best = score
                longest = reach(pair, 0)
                for j in range(i + 3, min(n, i + longest) + 1):
                    freq = get(text[i:j], 0)
                    if freq > 0:
                        score = log(freq) - log_total + route[j]
                        if best is None or score > best:
                            best = score
            route[i] = best if best is not None else route[i + 1] - log_total


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
        self._table: Frequencies | None = None  # made by frequencies()

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

    def complete(self) -> None:
        """Load the whole dictionary now, if the backend started with part of it (rjieba: see
        ``_RjiebaBackend``) — before forking workers, or in a server once its first result is
        out, so that no later keystroke pays for it."""
        self.initialize()
        complete = getattr(self._backend, "complete", None)
        if complete is not None:
            complete()

    def frequency(self, word: str) -> tuple[int, bool]:
        """``(frequency, is_word)``: the word's frequency in the dictionary as loaded (jieba's
        main dictionary plus the user words; 0 when absent) and whether it is a dictionary word.
        The same answer from either backend; loads the dictionary if need be."""
        self.initialize()
        return self._backend.frequency(word)

    # -- the word model, for the proofreading engine (wenfeng.proofread) ----------------------
    def frequencies(self) -> "Frequencies":
        """The dictionary as loaded — main dictionary plus user words — as a read-only table,
        built once; the same numbers from either backend (the user words' frequencies are the
        backend's own, which agree: ``tests/test_segment.py``)."""
        if self._table is None:
            self.initialize()
            with self._lock:
                if self._table is None:
                    user = {}
                    for word, _ in self._words:
                        freq, known = self._backend.frequency(word)
                        if known:
                            user[word] = freq
                    self._table = Frequencies(_dictionary_frequencies(), user)
        return self._table

    def route_logprob(self, text: str) -> float:
        """Log-probability of the best segmentation of ``text`` under jieba's unigram model (no
        HMM) — the score jieba itself maximises — computed in Python over :meth:`frequencies`, so
        both backends give the same number.  A typo shows as a drop of this score against the
        corrected text: the wrong character breaks a frequent word into rare pieces."""
        return self.frequencies().route_logprob(text)

    def tagged(self, text: str) -> list[tuple[str, str, int, int]]:
        """``(word, part of speech, start, end)`` for the dictionary words of ``text`` (nr person,
        ns place, nt organisation, nz other proper noun, m number, eng foreign …; x unknown).
        Only dictionary tags, no HMM guess at unknown names: those differ between jieba.posseg
        and jieba-rs, and the tags must not depend on the backend."""
        self.initialize()
        out, at = [], 0
        for word, flag in self._backend.tag(text):
            out.append((word, flag or "x", at, at + len(word)))
            at += len(word)
        return out

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
