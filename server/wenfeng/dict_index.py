"""jieba's main dictionary, indexed by a word's first two characters, so that the words a short
text can contain are found without loading all 349,000.

rjieba builds its whole dictionary in about 0.2 s of CPU (holding the GIL) — as long as a bare
``import jieba``, and most of what a one-page ``wenfeng check`` spends outside the typo engine.
Yet segmenting a text only ever looks up dictionary words that are substrings of it, and the
total of all frequencies (:attr:`DictIndex.total`): :mod:`wenfeng.segment` gives rjieba exactly
those words and that total and gets exactly the same tokens (see ``_RjiebaBackend``).  This
module finds them.  The dictionary is kept in the cache folder, marshalled, as one UTF-8 blob
of its ``word freq tag`` lines grouped by their first two characters, with two small arrays of
where each group starts: loading it is a few memory copies, and only the groups of the bigrams
a text contains are decoded.  It is made once from jieba's ``dict.txt`` (the file both backends
ship) and keyed by that file's size and modification time.
"""

from __future__ import annotations

import gc
import importlib.util
import marshal
import sys
import threading
from array import array
from pathlib import Path
from typing import Any

from .cachedir import cache_dir, enabled, store

FORMAT = b"wenfeng-dict-index-4\n"

_Leaf = tuple[dict[str, tuple[int, str]], int]  # words of one bigram → (freq, tag); longest
_CODE = "I"  # the offsets' array type (4 bytes: the text is about 5 MB)


def dictionary_path() -> Path | None:
    """jieba's ``dict.txt`` (None when jieba is not installed)."""
    spec = importlib.util.find_spec("jieba")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "dict.txt"
        if path.is_file():
            return path
    return None


def _build(text: str) -> tuple[dict[str, tuple[int, int]], str, bytes, bytes, int]:
    """``dict.txt`` → the index's parts: the lines grouped by a word's first two characters
    (a one-character word alone in its group, under the second character ``\\0``), as one UTF-8
    blob; each group's second character and the blob offset where it starts; for each first
    character, the range of its groups; the total of all frequencies."""
    entries: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 2 or not fields[1].isdigit():
            continue
        # a word listed twice (“B超”): its last frequency, its first tag — as jieba-rs loads it
        old = entries.get(fields[0])
        tag = old[1] if old else (fields[2] if len(fields) > 2 else "")
        entries[fields[0]] = (fields[1], tag)
    total = sum(int(freq) for freq, _ in entries.values())  # (jieba-rs: each word once)
    groups: dict[tuple[str, str], list[str]] = {}
    for word, (freq, tag) in entries.items():
        groups.setdefault((word[0], word[1:2] or "\0"), []).append(f"{word} {freq} {tag}")
    spans: dict[str, tuple[int, int]] = {}
    seconds: list[str] = []
    blob: list[bytes] = []
    offsets = array(_CODE)
    at = 0
    for first, second in sorted(groups):
        start = spans.get(first, (len(seconds), 0))[0]
        spans[first] = (start, len(seconds) + 1)
        seconds.append(second)
        offsets.append(at)
        data = "\n".join(groups[first, second]).encode("utf-8")
        blob.append(data)
        at += len(data)
    offsets.append(at)
    return spans, "".join(seconds), offsets.tobytes(), b"".join(blob), total


class DictIndex:
    """The main dictionary's words, read a bigram at a time (thread-safe)."""

    def __init__(self, spans: dict[str, tuple[int, int]], seconds: str, offsets: bytes,
                 blob: bytes, total: int) -> None:
        self._first = spans
        self._seconds = seconds
        self._offsets = array(_CODE)
        self._offsets.frombytes(offsets)
        self._blob = blob
        self.total = total
        self._leaves: dict[str, _Leaf | None] = {}

    def _leaf(self, prefix: str) -> _Leaf | None:
        """The words starting with ``prefix`` (one character: only that word itself)."""
        leaf = self._leaves.get(prefix, False)
        if leaf is not False:
            return leaf  # type: ignore[return-value]
        leaf = None
        span = self._first.get(prefix[0])
        if span is not None:
            group = self._seconds.find(prefix[1:2] or "\0", *span)
            if group >= 0:
                lines = self._blob[self._offsets[group]:self._offsets[group + 1]].decode("utf-8")
                words: dict[str, tuple[int, str]] = {}
                for line in lines.split("\n"):
                    fields = line.split()
                    words[fields[0]] = (int(fields[1]), fields[2] if len(fields) > 2 else "")
                leaf = (words, max(map(len, words)))
        self._leaves[prefix] = leaf  # (two threads may both make it: the same value)
        return leaf

    def entry(self, word: str) -> tuple[int, str] | None:
        """``(frequency, tag)`` of a main-dictionary word, else None."""
        if not word:
            return None
        leaf = self._leaf(word[:2])
        return leaf[0].get(word) if leaf else None

    def words_in(self, text: str) -> set[str]:
        """Every main-dictionary word that occurs in ``text``."""
        found: set[str] = set()
        leaf_of = self._leaf
        n = len(text)
        for i in range(n):
            single = text[i]
            if leaf_of(single) is not None:
                found.add(single)
            if i + 1 == n:
                break
            pair = text[i:i + 2]
            leaf = leaf_of(pair)
            if leaf is None:
                continue
            words, longest = leaf
            if pair in words:
                found.add(pair)
            for end in range(i + 3, min(n, i + longest) + 1):
                piece = text[i:end]
                if piece in words:
                    found.add(piece)
        return found


_index: DictIndex | None = None
_index_lock = threading.Lock()


def _cache_file(source: Path) -> tuple[Path, bytes]:
    st = source.stat()
    header = FORMAT + f"{marshal.version}|{st.st_size}|{st.st_mtime_ns}|{source}\n".encode()
    return cache_dir() / f"dict-index-{sys.implementation.cache_tag}.marshal", header


def load() -> DictIndex | None:
    """The index of jieba's dictionary (made and cached on first use), or None when jieba's
    ``dict.txt`` cannot be found (the caller then loads the whole dictionary as before)."""
    global _index
    if _index is not None:
        return _index
    with _index_lock:
        if _index is not None:
            return _index
        source = dictionary_path()
        if source is None:
            return None
        state: Any = None
        file, header = _cache_file(source)
        if enabled():
            try:
                data = file.read_bytes()
                if data.startswith(header):
                    state = marshal.loads(memoryview(data)[len(header):])
            except (OSError, ValueError, EOFError, TypeError):
                state = None
        if not (isinstance(state, tuple) and len(state) == 5):
            enabled_gc = gc.isenabled()
            gc.disable()  # some 700,000 short-lived strings: no collections halfway through
            try:
                state = _build(source.read_text(encoding="utf-8"))
            finally:
                if enabled_gc:
                    gc.enable()
            if enabled():
                try:
                    store(file, header + marshal.dumps(state))
                except OSError:
                    pass  # (costs the next start the build)
        _index = DictIndex(*state)
        return _index
