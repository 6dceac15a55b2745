"""The spelling model's word tables, whole in memory or read piece by piece as a text needs them.

The tables are jieba's frequency table (350,000 words with the user words), the longest word
after each two characters (``reach``, for the route search) and the word index of
:meth:`SpellingModel.index`.  Read whole they cost about 0.35 s in every process, yet a page of
text only ever asks about words that begin with one of its own characters — and about the
corrections the index offers, whose characters are the text's but for one.

So the cache file (:mod:`.tables_cache`) holds them in *units*: everything about the words that
begin with one character (its words, its ``reach`` entries, the index entries whose first
non-blank character it is).  The few hundred characters that begin hundreds of words each (一
begins 3,315) keep only their one-character word and their index entries in their unit, and
their longer words in one unit per first two characters.  :meth:`WordTables.ensure` reads the
units of a text's characters and character pairs before the text is analysed; a look-up of any
other word reads its unit on the spot.  A page reads about a tenth of the table, and the answers
are the same numbers, from the same dicts, as the whole table's
(``tests/typos/test_tables_cache.py``).
"""

from __future__ import annotations

import math
import threading
from functools import lru_cache
from typing import Callable, Iterable, Protocol

from ..segment import Frequencies

#: blank key → the words that fit it, by sound: ``"|guan:贯彻 管彻|kuan:宽彻|"`` in UTF-8 (one bytes
#: object per key, of which only the sounds asked for are decoded: a unit reads ten times faster
#: than the same as dicts of tuples of strings, and most keys are only ever tested for presence)
Index = dict[str, bytes]
#: units read one by one before the rest is read in one go (a page of text reads about 1,300; the
#: fifteen 政府工作报告 would read 60,000, several times slower than reading everything at once)
BULK = 4000
#: one unit: words → frequency, two characters → longest word after them, index entries
Unit = tuple[dict[str, int], dict[str, int], Index]
#: a text's route scores (``routes[i]`` for ``text[i:]``) and, at each place, the dictionary
#: words starting there as ``(end, log(freq) - log_total)``, in order of their end
Searched = tuple[tuple[float, ...], tuple[tuple[tuple[int, float], ...], ...]]


def index_entry(sounds: dict[str, list[str]]) -> bytes:
    return "".join(f"|{sound}:{' '.join(words)}" for sound, words in sounds.items()).encode() + b"|"


@lru_cache(maxsize=4096)
def _label(sound: str) -> bytes:
    return f"|{sound}:".encode()


def fitting(entry: bytes, sounds: tuple[str, ...]) -> list[str]:
    """The words of an index entry filed under any of ``sounds``."""
    out: list[str] = []
    for sound in sounds:
        label = _label(sound)
        at = entry.find(label)
        if at >= 0:
            at += len(label)
            out += entry[at:entry.index(b"|", at)].decode().split(" ")
    return out


class Units(Protocol):
    """Where the units come from (:class:`.tables_cache.UnitFile`)."""

    total: int
    split: frozenset[str]

    def chars(self) -> Iterable[str]: ...
    def whole(self) -> Unit: ...
    def pairs(self, char: str) -> Iterable[str]: ...
    def unit(self, key: str) -> Unit | None: ...


def anchor(key: str, table: dict[str, int]) -> str:
    """The character of an index key (“*彻”, “贯*落实”) whose unit holds it: its rarest one
    (as a word of its own; not the blank).  Any of them would do — a window's characters are
    all read before its keys are looked up — and the rarest keeps the units of the common
    characters, which every text reads, small."""
    return min((c for c in key if c != "*"), key=lambda c: (table.get(c, 0), c))


class WordTables(Frequencies):
    """:class:`~wenfeng.segment.Frequencies` plus the word index; complete, or filled by units.

    ``table``, ``reach`` (``_reach``) and ``index`` are plain dicts that tight loops may read
    directly once :meth:`ensure` has run for the text they ask about; :meth:`get` and
    :meth:`route_logprob` read missing units themselves.  Should a unit fail to read (a damaged
    file), ``rebuild`` makes the complete tables in memory instead."""

    def __init__(self, table: dict[str, int], reach: dict[str, int], total: int, index: Index,
                 units: Units | None = None,
                 rebuild: Callable[[], "WordTables"] | None = None) -> None:
        made = Frequencies.from_parts(table, reach, total)
        self.__dict__.update(made.__dict__)
        self.index = index
        self._units = units    # None: complete
        self._rebuild = rebuild
        self._split = units.split if units is not None else frozenset()
        self._chars: set[str] = set()
        self._pairs: set[str] = set()
        self._last = ""  # the last text read for (its parts need nothing more)
        self._lock = threading.RLock()

    @classmethod
    def lazy(cls, units: Units, rebuild: Callable[[], "WordTables"]) -> "WordTables":
        return cls({}, {}, units.total, {}, units, rebuild)

    @property
    def complete(self) -> bool:
        return self._units is None

    def ensure(self, text: str, remember: bool = True) -> None:
        """Read the units every look-up about ``text`` needs — its words and the index keys of
        its windows — unless they are in memory already.  ``remember``: the next texts asked
        for will be parts of this one (a sentence the model is about to search), which then
        need no look at all."""
        if self._units is None or text in self._last:
            return
        if not self._chars.issuperset(text):
            self._load(set(text).difference(self._chars), ())
        split = self._split
        if not split.isdisjoint(text):
            pairs = {a + b for a, b in zip(text, text[1:]) if a in split}
            pairs.difference_update(self._pairs)
            if pairs:
                self._load((), pairs)
        if remember:
            self._last = text

    def get(self, word: str) -> int:
        found = self.table.get(word)
        if found is not None:
            return found
        if self._units is None or not word:
            return 0
        first = word[0]
        if first in self._chars and (len(word) == 1 or first not in self._split
                                     or word[:2] in self._pairs):
            return 0  # its unit is in memory: no such word
        self.ensure(word[:2], remember=False)
        return self.table.get(word, 0)

    def route_logprob(self, text: str) -> float:
        """:meth:`Frequencies.route_logprob <wenfeng.segment.Frequencies.route_logprob>`, the
        same sums in the same order (``tests/typos/test_tables_cache.py``)."""
        return self.routes(text)[0]

    def routes(self, text: str) -> list[float]:
        """The best score of every ending of ``text``: ``routes(text)[i]`` for ``text[i:]``."""
        self.ensure(text, remember=False)
        route = [0.0] * (len(text) + 1)
        self._fill(text, route, len(text) - 1)
        return route

    def route_changed(self, text: str, routes: tuple[float, ...], first: int, last: int) -> float:
        """:meth:`route_logprob` of ``text``, which differs from the text ``routes`` were made
        for (of the same length) only from ``first`` to ``last``: the endings after ``last``
        are the same and score the same, so only the positions up to it are searched again."""
        self.ensure(text[max(first - 1, 0):last + 2], remember=False)
        route = list(routes)
        self._fill(text, route, last)
        return route[0]

    def searched(self, text: str) -> "Searched":
        """:meth:`routes` of ``text`` together with the words its search found at each place, so
        that texts differing from it in one character are searched again cheaply
        (:meth:`route_replaced`)."""
        self.ensure(text, remember=False)
        get, reach, log, log_total = self.table.get, self._reach.get, math.log, self._log_total
        n = len(text)
        route = [0.0] * (n + 1)
        words: list[tuple[tuple[int, float], ...]] = [()] * n
        for i in range(n - 1, -1, -1):
            # the same sums as Frequencies._fill: each word's log(freq) - log_total first
            found = []
            freq = get(text[i], 0)
            if freq > 0:
                found.append((i + 1, log(freq) - log_total))
            if i + 2 <= n:
                pair = text[i:i + 2]
                freq = get(pair, 0)
                if freq > 0:
                    found.append((i + 2, log(freq) - log_total))
                for j in range(i + 3, min(n, i + reach(pair, 0)) + 1):
                    freq = get(text[i:j], 0)
                    if freq > 0:
                        found.append((j, log(freq) - log_total))
            best = None
            for j, weight in found:
                score = weight + route[j]
                if best is None or score > best:
                    best = score
            route[i] = best if best is not None else route[i + 1] - log_total
            words[i] = tuple(found)
        return tuple(route), tuple(words)

    def route_replaced(self, text: str, searched: "Searched", at: int) -> float:
        """:meth:`route_logprob` of ``text``, the text ``searched`` was made for with the
        character at ``at`` replaced: the endings after ``at`` score the same, and so do the
        words that end before it; only the words over ``at`` are looked up again.  The same
        number as a whole search (a best route is a maximum: the order the words are tried in
        cannot change it)."""
        self.ensure(text[max(at - 1, 0):at + 2], remember=False)
        get, reach, log, log_total = self.table.get, self._reach.get, math.log, self._log_total
        routes, words = searched
        route = list(routes)
        n = len(text)
        for i in range(at, -1, -1):
            best = None
            if i >= at - 1:  # the character itself or the pair is new: all words again
                first = i + 1 if i == at else i + 2
                freq = get(text[i], 0)
                if freq > 0:
                    best = log(freq) - log_total + route[i + 1]
            else:
                first = at + 1
                for j, weight in words[i]:
                    if j > at:
                        break  # (in order of their end)
                    score = weight + route[j]
                    if best is None or score > best:
                        best = score
            if i + 2 <= n:
                pair = text[i:i + 2]
                if i + 2 >= first:
                    freq = get(pair, 0)
                    if freq > 0:
                        score = log(freq) - log_total + route[i + 2]
                        if best is None or score > best:
                            best = score
                for j in range(max(i + 3, first), min(n, i + reach(pair, 0)) + 1):
                    freq = get(text[i:j], 0)
                    if freq > 0:
                        score = log(freq) - log_total + route[j]
                        if best is None or score > best:
                            best = score
            route[i] = best if best is not None else route[i + 1] - log_total
        return route[0]

    def load_all(self) -> None:
        """Read every unit (the tests compare the result with the tables built in memory)."""
        units = self._units
        if units is not None:
            chars = list(units.chars())
            self._load(chars, ())
            with self._lock:
                if self._units is None:
                    return
                try:
                    pairs = [p for c in chars if c in self._split for p in units.pairs(c)]
                except Exception as exc:  # noqa: BLE001 - a damaged file: build instead
                    self._replace_with_rebuilt(exc)
                    return
            self._load((), pairs)

    def _load(self, chars: Iterable[str], pairs: Iterable[str]) -> None:
        with self._lock:
            units = self._units
            if units is None:
                return  # complete meanwhile
            try:
                if len(self._chars) + len(self._pairs) > BULK:
                    self._read_whole(units)
                    return
                for c in chars:
                    if c not in self._chars:
                        self._merge(units.unit(c))
                        self._chars.add(c)  # after the merge: whoever sees it finds the words
                for p in pairs:
                    if p not in self._pairs:
                        self._merge(units.unit(p))
                        self._pairs.add(p)
            except Exception as exc:  # noqa: BLE001 - a damaged file: build the tables instead
                self._replace_with_rebuilt(exc)

    def _read_whole(self, units: Units) -> None:
        """Everything at once: the dicts are replaced, not filled (whoever still holds the old
        ones holds the units their text needed)."""
        self.table, self._reach, self.index = units.whole()
        self._units = None

    def _merge(self, unit: Unit | None) -> None:
        if unit is not None:
            words, reach, index = unit
            self.table.update(words)
            self._reach.update(reach)
            self.index.update(index)

    def _replace_with_rebuilt(self, exc: Exception) -> None:
        import logging  # lazy: only a damaged cache file is logged

        logging.getLogger(__name__).info("错别字词表缓存不可用，重新生成：%s", exc)
        assert self._rebuild is not None
        whole = self._rebuild()
        self.table, self._reach, self.index = whole.table, whole._reach, whole.index
        self._units = None
