"""错别字 detection: a stretch jieba cannot make a word of, mended by one confusable character.

A typo splits a frequent word into rare pieces: “惯彻落实” segments as 惯/彻/落实 (or an unknown
token “要惯彻”), while “贯彻” is a word jieba has seen 2,922 times.  So:

1. suspicious characters are those of single-character or rare/unknown tokens that stand next to
   another such token — a lone function word between real words (在/会上) is not suspicious;
2. every 2–4 character window over a suspicious run that is not itself a word is tried with one
   suspicious character replaced by a homophone, near-homophone or look-alike, through an index
   of dictionary words keyed by a blanked character and its sound (“*彻|guan” → 贯彻);
3. a candidate counts only if the surrounding text scores better under jieba's unigram model
   with the correction than without (the gain, in nats) — rank by that evidence.

Grades: 必错 when the character is a homophone, the window is no word at all and the gain is
large for the correction's frequency; 疑似 for a smaller gain, a near sound or a look-alike.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Iterable

from .. import cachedir
from . import sizing, tables_cache
from .confusion import HOMOPHONE, NEAR_SOUND, SHAPE, Confusion, sound_keys
from .suggestion import MUST_FIX, SUSPECT, Suggestion
from .words import Searched, WordTables, fitting, index_entry

if TYPE_CHECKING:
    from ..segment import Segmenter

INDEX_MIN_FREQ = 50       # a correction must be a word jieba counted at least this often
RARE = 10                 # a token counted less often than this is no evidence of a real word
SURE_GAIN = 9.0           # nats of model score the correction must win for 必错 …
SURE_MIN_FREQ = 300       # … towards a word at least this common,
SURE_GAIN_COMMON = 7.5    # or this many nats …
SURE_COMMON_FREQ = 1000   # … towards a common word
SURE_GAIN_SHAPE = 10.0    # a look-alike: this many nats, two-character words only
LIKELY_GAIN = 5.5         # 疑似: at least this gain …
LIKELY_MIN_FREQ = 1000    # … towards a common word,
LIKELY_GAIN_RARE = 8.0    # or this gain towards any indexed word
NEAR_GAIN = 11.0          # 音近 (a fuzzy or rarer reading) needs this gain even for 疑似
FUNCTION_FREQ = 250_000   # single characters this common are never the replaced one
CONTEXT = 3            # characters of context on each side when scoring


_HAN = re.compile("[\u4e00-\u9fff]+")
#: stretches of suspicious characters (see :meth:`SpellingModel.find`) worth a window: two or more
_RUN = re.compile(rb"[\x01\x02]{2,}")


def is_han(text: str) -> bool:
    return _HAN.fullmatch(text) is not None


# 特色兴区, 科教兴国, 工业强县, 生态立市: a slogan ends in a verb and the place it builds up
_SLOGAN_VERBS = frozenset("兴强立活富稳美治护惠")
_SLOGAN_PLACES = frozenset("国省市县区镇乡村企校园")
# written conjunctions joining two names (…（扩大）会暨全县经济工作会议): never the typo
_CONJUNCTIONS = frozenset("暨")


def _slogan_tail(text: str, ws: int, we: int) -> bool:
    """A two-character window that ends a four-character slogan “XX兴区”."""
    return (we - ws == 2 and ws >= 2 and text[ws] in _SLOGAN_VERBS
            and text[ws + 1] in _SLOGAN_PLACES and is_han(text[ws - 2:ws]))


def _parallel(text: str, ws: int) -> bool:
    """A two-character window inside a parallel coinage — 宜业宜居, 涉法涉诉, 还林还草还湿,
    有扶有控 — where repeating a character is the point, not a slip."""
    n = len(text)
    return ((ws >= 2 and text[ws - 2] == text[ws]) or (ws + 2 < n and text[ws + 2] == text[ws])
            or (ws >= 1 and ws + 3 < n + 1 and ws + 1 < n and text[ws - 1] == text[ws + 1])
            or (ws + 3 < n and text[ws + 1] == text[ws + 3]))


class SpellingModel:
    def __init__(self, segmenter: "Segmenter", confusion: Confusion,
                 wrong_forms: Iterable[str] = ()) -> None:
        self._seg = segmenter
        self._confusion = confusion
        self._wrong = frozenset(wrong_forms)  # list typos that the user dictionary may know
        self._tables: WordTables | None = None
        self._lock = threading.Lock()
        sizes = sizing.current
        self._memo_limit = sizes.memo
        self.logprob = lru_cache(maxsize=sizes.logprob)(self._route_logprob)
        self.routes = lru_cache(maxsize=4096)(self._routes)
        # (a run's context is searched once for all its candidates; few recur in other text)
        self.searched = lru_cache(maxsize=256)(self._searched)
        # facts about one token or window, whatever its context (see find)
        self._token_kinds: dict[str, int] = {}
        self._windows: dict[str, tuple[tuple[int, ...], tuple[int, ...], int]] = {}
        self._options: dict[tuple[str, int], tuple[tuple[str, str, int], ...]] = {}

    def relation(self, typed: str, meant: str) -> str | None:
        return self._confusion.relation(typed, meant)

    @property
    def wrong(self) -> frozenset[str]:
        """Forms that are no words here, whatever the dictionary says (listed typos)."""
        return self._wrong

    @property
    def loaded(self) -> bool:
        """Whether the tables are open (read whole, or from the cache file as needed)."""
        return self._tables is not None

    @property
    def stored(self) -> bool:
        """Whether the cache folder holds this model's tables (opening them is then quick)."""
        if not cachedir.enabled():
            return False
        digest = tables_cache.key(self._seg, self._wrong, INDEX_MIN_FREQ)
        return digest is not None and tables_cache.stored(digest)

    @property
    def tables(self) -> WordTables:
        """The frequency table and the word index (:mod:`.words`): from the cache folder if it
        has them — opened in milliseconds, read unit by unit as texts need them — else built
        (about a second) and written there (:mod:`.tables_cache`)."""
        if self._tables is None:
            with self._lock:
                if self._tables is None:
                    digest = (tables_cache.key(self._seg, self._wrong, INDEX_MIN_FREQ)
                              if cachedir.enabled() else None)
                    units = tables_cache.load(digest) if digest else None
                    if units is not None:
                        self._tables = WordTables.lazy(units, self._build)
                    else:
                        self._tables = self._build()
                        if digest:
                            tables_cache.save(digest, self._tables)
        return self._tables

    def ensure(self, text: str) -> None:
        """Read the tables' units that look-ups about ``text`` need (see :mod:`.words`)."""
        self.tables.ensure(text)

    def freq(self, word: str) -> int:
        return 0 if word in self._wrong else self.tables.get(word)

    def _route_logprob(self, text: str) -> float:
        return self.tables.route_logprob(text)

    def _routes(self, text: str) -> tuple[float, ...]:
        return tuple(self.tables.routes(text))

    def _searched(self, text: str) -> Searched:
        return self.tables.searched(text)

    def gain(self, before: str, after: str, at: int, window: str, cand: str) -> float:
        """How much better ``after`` scores than ``before`` (the same text with ``window``, at
        ``at``, replaced by ``cand``): the same number as ``logprob(after) - logprob(before)``,
        searching ``after`` again only up to the last replaced character."""
        changed = [i for i in range(len(cand)) if cand[i] != window[i]]
        if len(cand) != len(window) or not changed:
            return self.logprob(after) - self.logprob(before)
        routes = self.routes(before)
        return (self.tables.route_changed(after, routes, at + changed[0], at + changed[-1])
                - routes[0])

    def index(self) -> dict[str, bytes]:
        """Dictionary words of 2–4 characters keyed by a one-character blank, then by the sound
        of the blanked character (“*彻” → “guan” → 贯彻): one look-up says whether any word fits
        the blank at all (most windows: none), the second returns only words whose missing
        character sounds like the typed one (:func:`.words.fitting`).  Read from the cache file
        unit by unit: the keys of a text's windows are there once :meth:`ensure` has seen it."""
        return self.tables.index

    def _build(self) -> WordTables:
        """The complete tables, built from the segmenter's dictionary (about a second)."""
        freqs = self._seg.frequencies()
        index: dict[str, dict[str, list[str]]] = {}
        for word, _ in freqs.words(INDEX_MIN_FREQ):
            if 2 <= len(word) <= 4 and word not in self._wrong and is_han(word):
                for i in range(len(word)):
                    sounds = index.setdefault(word[:i] + "*" + word[i + 1:], {})
                    for key in sound_keys(word[i]):
                        sounds.setdefault(key, []).append(word)
        return WordTables(freqs.table, freqs.reach, freqs.total,
                          {blank: index_entry(sounds) for blank, sounds in index.items()})

    def candidates(self, window: str, k: int) -> set[str]:
        """Words that differ from ``window`` only at ``k``, by a character that sounds or looks
        like the typed one."""
        entry = self.tables.index.get(window[:k] + "*" + window[k + 1:])
        if entry is None:
            # no indexed word fits the blank — nor a look-alike, which would be one of them
            return set()
        typed = window[k]
        found = set(fitting(entry, sound_keys(typed)))
        for other in self._confusion.shapes.get(typed, ""):
            word = window[:k] + other + window[k + 1:]
            if word not in self._wrong and self.freq(word) >= INDEX_MIN_FREQ:
                found.add(word)
        found.discard(window)
        return found

    def find(self, text: str, edges: list[int], blocked: bytearray) -> list[Suggestion]:
        """Suggestions for ``text`` given its jieba token ``edges``; ``blocked`` marks characters
        never to be corrected (titles, allowlisted names).

        The tests of a window are all conditions to skip it, so the cheapest come first: most
        windows have no replaceable character whose blank keys the index.  What depends on a
        token or a window alone (is it a word, which blanks key the index, which candidates
        sound or look alike) is remembered across sentences (:meth:`window`, :meth:`options`);
        only the model's score depends on the context."""
        n = len(text)
        self.ensure(text)  # every slice of ``text`` is now in ``table`` if it is a word at all
        kinds = self._token_kinds
        suspicious = bytearray(n)   # 1: part of a suspicious stretch; 2: may also be replaced
        replaceable = False
        for a, b in zip(edges, edges[1:]):
            token = text[a:b]
            kind = kinds.get(token)
            if kind is None:
                kind = self._token_kind(token)
            if kind:
                if b - a == 1:
                    suspicious[a] = kind
                else:
                    suspicious[a:b] = b"\x02" * (b - a)
                replaceable = replaceable or kind == 2
        if not replaceable:
            return []  # (a run needs a replaceable character: see below)
        found: list[Suggestion] = []
        windows = self._windows
        any_blocked = 1 in blocked
        for run in _RUN.finditer(suspicious):
            rs, re_ = run.span()
            lo, hi = rs, re_
            if lo > 0 and "\u4e00" <= text[lo - 1] <= "\u9fff":
                lo -= 1
            if hi < n and "\u4e00" <= text[hi] <= "\u9fff":
                hi += 1
            # the scored context: CONTEXT characters each side, trimmed to Han characters (text[lo]
            # and text[hi - 1] are Han, so the trimmed ends are the same for every window)
            a = max(lo - CONTEXT, 0)
            while a < lo and not "\u4e00" <= text[a] <= "\u9fff":
                a += 1
            b = min(hi + CONTEXT, n)
            while b > hi and not "\u4e00" <= text[b - 1] <= "\u9fff":
                b -= 1
            before = text[a:b]
            searched: Searched | None = None
            gains: dict[tuple[int, str], float] = {}
            best: dict[tuple[int, int], Suggestion] = {}
            for length in (2, 3, 4):
                for ws in range(max(lo, rs - length + 1), min(hi, re_ + length - 1) - length + 1):
                    we = ws + length  # (the window overlaps the run)
                    if suspicious.find(2, ws, we) < 0:
                        continue  # no character that may be replaced
                    window = text[ws:we]
                    info = windows.get(window)
                    if info is None:
                        info = self.window(window)
                    # replaceable characters whose blank some indexed word fits; not a real word
                    # (nor a listed typo: its own rule reports it)
                    places = [k for k in info[0] if suspicious[ws + k] == 2]
                    if not places or any_blocked and 1 in blocked[ws:we]:
                        continue
                    if length == 2 and (_parallel(text, ws) or _slogan_tail(text, ws, we)):
                        continue
                    window_freq = info[2]
                    for k in places:
                        q = ws + k - a
                        for cand, relation, common in self.options(window, k):
                            if relation == NEAR_SOUND and window_freq > 0:
                                continue  # (a near sound never against a word: see _grade)
                            key = (q, cand[k])
                            gain = gains.get(key)
                            if gain is None:
                                if searched is None:
                                    searched = self.searched(before)
                                after = before[:q] + cand[k] + before[q + 1:]
                                gain = (self.tables.route_replaced(after, searched, q)
                                        - searched[0][0])
                                gains[key] = gain
                            grade = _grade(gain, relation, window_freq, common, length)
                            if grade is None:
                                continue
                            known = best.get((ws, we))
                            if known is None or gain > known.evidence:
                                best[(ws, we)] = Suggestion(ws, we, cand, grade, "spelling",
                                                            f"{relation}误用", evidence=gain)
            taken: list[Suggestion] = []
            for s in sorted(best.values(), key=lambda s: -s.evidence):
                if all(s.end <= t.start or s.start >= t.end for t in taken):
                    taken.append(s)
            found.extend(taken)
        return found

    def _token_kind(self, token: str) -> int:
        """A token's part in a suspicious stretch: 0 none, 1 joins one, 2 may be replaced too."""
        if len(token) == 1:
            if not "\u4e00" <= token <= "\u9fff":
                kind = 0
            # the commonest function characters (的 在 是 就 …) join a stretch but are not
            # themselves replaced: trying them costs much and finds little
            elif ((token not in self._wrong and self.tables.get(token) >= FUNCTION_FREQ)
                  or token in _CONJUNCTIONS):
                kind = 1
            else:
                kind = 2
        else:
            kind = 2 if ((token in self._wrong or self.tables.get(token) < RARE)
                         and is_han(token)) else 0
        _remember(self._token_kinds, token, kind, self._memo_limit)
        return kind

    def window(self, window: str) -> tuple[tuple[int, ...], tuple[int, ...], int]:
        """What a window is whatever its context: ``(places, joined, freq)`` — the positions
        whose blank some indexed word fits when the spelling check may try it (none when the
        window is a word or a listed typo), the same for the real-word check (none when the
        window is a word or not all Han), and the window's count in the table."""
        tables = self.tables
        index = tables.index
        # (the blank keys spelt out: this runs for every new window of every text)
        if len(window) == 2:
            fits = (0,) * ("*" + window[1] in index) + (1,) * (window[0] + "*" in index)
        elif len(window) == 3:
            fits = ((0,) * ("*" + window[1:] in index)
                    + (1,) * (window[0] + "*" + window[2] in index)
                    + (2,) * (window[:2] + "*" in index))
        elif len(window) == 4:
            fits = ((0,) * ("*" + window[1:] in index)
                    + (1,) * (window[0] + "*" + window[2:] in index)
                    + (2,) * (window[:2] + "*" + window[3] in index)
                    + (3,) * (window[:3] + "*" in index))
        else:
            fits = tuple(k for k in range(len(window))
                         if window[:k] + "*" + window[k + 1:] in index)
        freq = tables.table.get(window)
        if freq is None:
            freq = tables.get(window)  # (a window of an ensured text is in the table if a word)
        wrong = window in self._wrong
        info = (() if wrong or freq >= RARE else fits,
                () if not is_han(window) or (not wrong and freq > 0) else fits, freq)
        _remember(self._windows, window, info, self._memo_limit)
        return info

    def options(self, window: str, k: int) -> tuple[tuple[str, str, int], ...]:
        """:meth:`candidates` with their relation to the typed character and their count, in
        the order of their text (which decides between equal gains: the set's own order
        changed with the hash seed, and with it 1 suggestion in 10,000); those with no
        relation left out."""
        key = (window, k)
        found = self._options.get(key)
        if found is None:
            relation_of = self._confusion.relation
            found = tuple((cand, relation, self.freq(cand))
                          for cand in sorted(self.candidates(window, k))
                          if (relation := relation_of(window[k], cand[k])) is not None)
            _remember(self._options, key, found, self._memo_limit)
        return found


def _grade(gain: float, relation: str, window_freq: int, common: int,
           length: int) -> str | None:
    """The grade a correction with this ``gain`` earns (None: no suggestion)."""
    if gain < LIKELY_GAIN:
        return None
    if relation == NEAR_SOUND and (window_freq > 0 or gain < NEAR_GAIN):
        return None  # a fuzzy sound is weak evidence: never against a word jieba knows
                     # (拟于 → 位于), and only with a large gain (提质 is no 地质)
    if gain < LIKELY_GAIN_RARE and common < LIKELY_MIN_FREQ:
        return None  # a weak gain towards an uncommon word: 有扶有控 is no 扶植
    # 必错: a non-word replaced by a common word with a large gain, through a homophone (a
    # look-alike is weaker evidence: 付不起 is no 对不起)
    sure = window_freq == 0 and (
        relation == HOMOPHONE and (gain >= SURE_GAIN and common >= SURE_MIN_FREQ
                                   or gain >= SURE_GAIN_COMMON and common >= SURE_COMMON_FREQ)
        # a look-alike only inside a two-character word, and with a larger gain
        or relation == SHAPE and length == 2 and gain >= SURE_GAIN_SHAPE
        and common >= SURE_COMMON_FREQ)
    return MUST_FIX if sure else SUSPECT


def _remember(memo: dict, key, value, limit: int) -> None:
    """Keep ``value`` in a memo of facts about words and windows; when it holds ``limit``
    entries, the older half is forgotten (a language server checks text for days; a fact is the
    same whenever it is asked for again)."""
    if len(memo) >= limit:
        for old in list(islice(memo, limit // 2 or 1)):
            del memo[old]
    memo[key] = value
