"""Chinese word boundaries from jieba — the only module that imports jieba.

Rules match a term only where it starts and ends on token boundaries ("检查" is not a hit inside
"检察院"-style longer words), because regex ``\\b`` means nothing between Han characters.  We use a
private ``jieba.Tokenizer`` (never the global one) whose user dictionary holds every lexicon term
and the words in ``lexicons/dicts``, so those segment as units.  Boundaries are cached per block
text: an edit re-segments only the paragraphs it touched.

jieba itself is imported only when the dictionary is loaded (:meth:`Segmenter.initialize`), so
that building an engine — and a language server's first, jieba-free check — never pays for it.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import tempfile
import threading
from collections import OrderedDict
from typing import Iterable

_CACHE_SIZE = 50_000
_CACHE_CHARS = 8_000_000
_IMPORT_LOCK = threading.Lock()


def _jieba():
    """The jieba module, imported on first use.

    jieba 0.42 imports ``pkg_resources`` only to open its own data files and falls back to a plain
    ``open`` of the same files when that import fails; ``pkg_resources`` alone takes about 0.4 s to
    import, so it is hidden for the duration of jieba's import (nothing else is affected: the
    entry is restored afterwards).
    """
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


class Segmenter:
    """Token boundaries for block texts, with a user dictionary and an LRU cache."""

    def __init__(self, words: Iterable[tuple[str, int | None]] = ()) -> None:
        self._words = list(words)
        self._tokenizer = None  # a jieba.Tokenizer, made by initialize()
        self._pos = None  # a jieba.posseg.POSTokenizer over it, made by tagged()
        self._ready = False
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, frozenset[int]] = OrderedDict()
        self._cache_chars = 0  # total length of the cached texts (bounded like the count)

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def user_words(self) -> list[tuple[str, int | None]]:
        """The ``(word, frequency)`` pairs added to jieba's dictionary (lexicon terms, dicts)."""
        return list(self._words)

    def clear_cache(self) -> None:
        """Forget cached boundaries (the dictionary stays loaded)."""
        with self._lock:
            self._cache.clear()
            self._cache_chars = 0

    def initialize(self) -> None:
        """Load the dictionary (about half a second); idempotent and thread-safe."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            if self._tokenizer is None:
                self._tokenizer = _jieba().Tokenizer()
                # jieba caches its parsed dictionary in a temp file; keep ours out of the global name.
                self._tokenizer.tmp_dir = os.environ.get("WENFENG_CACHE_DIR") or tempfile.gettempdir()
            self._tokenizer.initialize()
            for word, freq in self._words:
                if word and not any(c.isspace() for c in word):
                    self._tokenizer.add_word(word, freq)
            self._ready = True

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` tokens of ``text`` (code points)."""
        self.initialize()
        return list(self._tokenizer.tokenize(text, HMM=True))

    # -- dictionary look-ups for the proofreading engine (wenfeng.proofread) -------------------
    def frequency(self, word: str) -> int:
        """jieba's dictionary count of ``word`` (0 when it is not a word, only a prefix of one)."""
        self.initialize()
        return self._tokenizer.FREQ.get(word) or 0

    def frequencies(self) -> dict[str, int]:
        """jieba's count table itself (word → count; 0 marks a prefix only) — read it, never
        write it.  For tight loops that would otherwise call :meth:`frequency` thousands of times."""
        self.initialize()
        return self._tokenizer.FREQ

    def words(self, min_freq: int = 1) -> Iterable[tuple[str, int]]:
        """Every dictionary word counted at least ``min_freq`` times, with its count."""
        self.initialize()
        return [(w, f) for w, f in self._tokenizer.FREQ.items() if f >= min_freq]

    def route_logprob(self, text: str) -> float:
        """Log-probability of the best segmentation of ``text`` under jieba's unigram model (no
        HMM): the score jieba itself maximises.  A typo shows as a drop of this score against the
        corrected text, because the wrong character breaks a frequent word into rare pieces."""
        self.initialize()
        tok = self._tokenizer
        freq = tok.FREQ
        logtotal = math.log(tok.total)
        dag = tok.get_DAG(text)
        n = len(text)
        route = [0.0] * (n + 1)
        for i in range(n - 1, -1, -1):
            route[i] = max(math.log(freq.get(text[i:j + 1]) or 1) - logtotal + route[j + 1]
                           for j in dag[i])
        return route[0]

    def tagged(self, text: str, hmm: bool = True) -> list[tuple[str, str, int, int]]:
        """``(word, part of speech, start, end)`` by jieba.posseg over this segmenter's dictionary
        (nr person, ns place, nt organisation, nz other proper noun, m number, eng …).  The tag
        table is read on first use (about half a second), so callers ask only when they must.  With
        ``hmm=False`` only dictionary words are tagged (25 times faster; no guess at unknown names)."""
        self.initialize()
        with self._lock:
            if self._pos is None:
                with _IMPORT_LOCK:
                    import jieba.posseg as posseg
                self._pos = posseg.POSTokenizer(self._tokenizer)
        out, at = [], 0
        for pair in self._pos.cut(text, HMM=hmm):
            out.append((pair.word, pair.flag, at, at + len(pair.word)))
            at += len(pair.word)
        return out

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
        for _, start, end in self._tokenizer.tokenize(text, HMM=True):
            edges.add(start)
            edges.add(end)
        result = frozenset(edges)
        with self._lock:
            if text not in self._cache:
                self._cache_chars += len(text)
            self._cache[text] = result
            while len(self._cache) > _CACHE_SIZE or self._cache_chars > _CACHE_CHARS:
                self._cache_chars -= len(self._cache.popitem(last=False)[0])
        return result
