"""One paragraph in, every proofreading suggestion out — cached by the paragraph's text.

Precision first (宁可漏报): nothing inside 《…》 titles or an allowlisted term is corrected, and
a suggestion from the model (spelling, 重字) is dropped when the dictionary's part-of-speech tags
(:meth:`Segmenter.tagged`) mark any character of it as part of a person, place, organisation or
other proper name, a number or a foreign word.  The tagger is consulted only for the few
sentences that have such a suggestion.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterable

from . import near_miss, realword, sizing, usage
from .confusion import Confusion
from .data import TypoData
from .lists import ListMatcher
from .spelling import RARE, SpellingModel
from .suggestion import RANK, Suggestion

if TYPE_CHECKING:
    from ..segment import Segmenter

_TITLE = re.compile(r"《[^《》\n]{1,80}》")
# a 发文字号 (济发〔2021〕9号): its 机关代字 is an abbreviation, never a typo for a word (激发)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,6}\s*[〔\[［【(（]\s*(?:\d{4}|[0-9xX×〇○]{2,4})\s*"
                         r"[〕\]］】)）]\s*第?\s*[0-9xX×]+\s*号")
_SENTENCE_END = re.compile(r"[。；！？!?;\n]")
_SENTENCE_SPLIT = re.compile(r"[^。；！？!?;\n]*(?:[。；！？!?;\n]+|$)")
_TAG_CONTEXT = 4
NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "nz", "m", "eng"})
_PLACE_SUFFIXES = frozenset("村镇乡县区市街路州屯寨庄湾岭")
_PARAGRAPHS = 64  # the last paragraphs, shared by the typo rules of one check


@dataclass(frozen=True)
class UsageLists:
    """Word lists of the usage checks (from the rule tables)."""

    measures: tuple[str, ...] = ()
    zuo_objects: tuple[str, ...] = ()
    de_adverbs: tuple[str, ...] = ()
    de_verbs: tuple[str, ...] = ()
    zuo_modifiers: tuple[str, ...] = ()


class Proofreader:
    def __init__(self, segmenter: "Segmenter", data: TypoData, *, skip_terms: Iterable[str] = (),
                 protected: Iterable[str] = (), usage_lists: UsageLists = UsageLists(),
                 needed_chars: Callable[[re.Pattern[str]], frozenset[str] | None] | None = None
                 ) -> None:
        """``needed_chars``: characters one of which every match of a pattern holds (the rules
        engine's prefilter), so that a 正则 list entry is tried only where it could match."""
        self._seg = segmenter
        self.lists = ListMatcher(data.entries, skip_terms, needed_chars)
        wrong = set(self.lists.wrong_forms) | set(skip_terms)
        self.spelling = SpellingModel(segmenter, Confusion(data.shapes), wrong)
        self.phrases = near_miss.PhraseMatcher(data.phrases, self.spelling.freq)
        # a word another rule or list entry already judges in context (反应 → P923) is theirs
        self._pairs = {w: ps for w, ps in realword.partners(data.word_groups).items()
                       if w not in wrong}
        # longest first; ties by the text, so the pattern (and its regex-cache entry) is the
        # same in every process whatever the hash seed
        self._protected = tuple(sorted({p for p in (*protected, *data.terms) if p},
                                       key=lambda w: (-len(w), w)))
        # one scan says whether any protected term occurs at all (most sentences: none)
        self._any_protected = (re.compile("|".join(map(re.escape, self._protected)))
                               if self._protected else None)
        self.usage = usage_lists
        self._cache: OrderedDict[str, tuple[Suggestion, ...]] = OrderedDict()
        self._cache_limit = sizing.current.sentences
        self._paragraphs: OrderedDict[str, list[Suggestion]] = OrderedDict()
        self._lock = threading.Lock()

    def analyse_paragraph(self, text: str, edges: frozenset[int]) -> list[Suggestion]:
        """All suggestions for a paragraph (``edges``: jieba's token edges in it), sentence by
        sentence.  jieba never joins words across 。；！？ (its blocks end at punctuation), so a
        sentence's edges are the paragraph's edges within it; a sentence seen before is not
        analysed again — an edit re-analyses one sentence, which keeps a keystroke cheap."""
        with self._lock:
            hit = self._paragraphs.get(text)
            if hit is not None:
                self._paragraphs.move_to_end(text)
                return hit
        out: list[Suggestion] = []
        ordered: list[int] | None = None
        start = 0
        for m in _SENTENCE_SPLIT.finditer(text):
            end = m.end()
            sentence = text[start:end]
            if sentence.strip():
                with self._lock:
                    found = self._cache.get(sentence)
                if found is None:
                    if ordered is None:
                        ordered = sorted(edges)
                    inside = ordered[bisect_left(ordered, start):bisect_right(ordered, end)]
                    found = self.analyse(sentence, frozenset(
                        [0, end - start, *(e - start for e in inside)]))
                out.extend(replace(s, start=s.start + start, end=s.end + start) for s in found)
            start = end
        with self._lock:  # every typo rule asks for the same paragraph: analyse it once
            self._paragraphs[text] = out
            while len(self._paragraphs) > _PARAGRAPHS:
                self._paragraphs.popitem(last=False)
        return out

    def analyse(self, text: str, edges: frozenset[int]) -> tuple[Suggestion, ...]:
        """All suggestions for one sentence or paragraph (``edges``: its jieba token edges)."""
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        result = tuple(self._analyse(text, edges))
        with self._lock:
            self._cache[text] = result
            while len(self._cache) > self._cache_limit:
                self._cache.popitem(last=False)
        return result

    def is_word(self, text: str) -> bool:
        """Whether ``text`` is in the frequency table (a listed typo never is)."""
        return self.spelling.freq(text) > 0

    @property
    def tables_loaded(self) -> bool:
        return self.spelling.loaded

    @property
    def tables_stored(self) -> bool:
        """Whether the tables wait in the cache folder (:meth:`load_tables` is then quick)."""
        return self.spelling.stored

    def load_tables(self) -> None:
        """Open the spelling model's tables now (else the first analysis does)."""
        self.spelling.ensure("")

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()
            self._paragraphs.clear()

    def _blocked(self, text: str) -> bytearray:
        blocked = bytearray(len(text))
        for pattern in (_TITLE, _DOC_NUMBER):
            for m in pattern.finditer(text):
                blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        if self._any_protected is None or not self._any_protected.search(text):
            return blocked
        for term in self._protected:
            at = text.find(term)
            while at >= 0:
                blocked[at:at + len(term)] = b"\x01" * len(term)
                at = text.find(term, at + 1)
        return blocked

    def _analyse(self, text: str, edges: frozenset[int]) -> list[Suggestion]:
        if not any("\u4e00" <= c <= "\u9fff" for c in text):
            return []
        ordered = sorted(edges)
        blocked = self._blocked(text)
        model = self.spelling
        model.ensure(text)
        modelled = model.find(text, ordered, blocked)
        modelled += near_miss.repeats(text, edges, model.freq, model.logprob, blocked)
        modelled += realword.find(model, text, ordered, blocked, self._pairs)
        modelled = self._drop_names(text, modelled)

        def inside_word(start: int, end: int) -> bool:
            return _inside_word(text, ordered, start, end, model.freq)

        listed = [self._explain(text, s) for s in self.lists.find(text, inside_word, blocked)]
        rest = self.phrases.find(text, edges, blocked)
        u = self.usage
        rest += usage.measure_words(text, u.measures) if u.measures else []
        rest += usage.zuo(text, u.zuo_objects, u.zuo_modifiers) if u.zuo_objects else []
        rest += usage.de(text, u.de_adverbs, u.de_verbs)
        return _non_overlapping(listed + modelled + rest)

    def _explain(self, text: str, s: Suggestion) -> Suggestion:
        """A list typo that differs by one character says how: “惯彻”应为“贯彻”（同音误用）."""
        wrong, right = text[s.start:s.end], s.replacement
        if right is None or len(right) != len(wrong):
            return s
        diff = [i for i in range(len(wrong)) if wrong[i] != right[i]]
        if len(diff) != 1 or s.why not in ("错别字",):
            return s
        relation = self.spelling.relation(wrong[diff[0]], right[diff[0]])
        return replace(s, why=f"{relation}误用") if relation else s

    def _drop_names(self, text: str, found: list[Suggestion]) -> list[Suggestion]:
        if not found:
            return found
        keep = []
        for s in found:
            a, b = max(0, s.start - _TAG_CONTEXT), min(len(text), s.end + _TAG_CONTEXT)
            tags = [(w, f, x + a, y + a) for w, f, x, y in self._seg.tagged(text[a:b])]
            # a name the dictionary knows (a word, not a lone character its table tags as a
            # surname), or a tagged token reaching beyond the suggestion
            if any(f in NAME_TAGS and x < s.end and y > s.start
                   and (len(w) >= 2 and self.spelling.freq(w) > 0 or x < s.start or y > s.end)
                   for w, f, x, y in tags):
                continue
            # a given name after a lone surname (秦良骥、梅思卫主持) or a place before a lone
            # 村/镇/乡… (梧峰村): proper names the dictionary cannot know
            if any(y == s.start and len(w) == 1 and f == "nr" and s.end - s.start == 2
                   or x == s.end and len(w) == 1 and w in _PLACE_SUFFIXES
                   for w, f, x, y in tags):
                continue
            keep.append(s)
        return keep


def _inside_word(text: str, edges: list[int], start: int, end: int, freq) -> bool:
    """True when ``text[start:end]`` begins inside a real word that starts before it (大会/报告
    holds no “会报”, 发起/动员 no “起动”).  Its end may run into a word: jieba reads 辩别的 as
    辩/别的 and 帐目的 as 帐/目的 — exactly where a token-boundary match misses the typo."""
    for a, b in zip(edges, edges[1:]):
        if a < start < b:
            return b - a >= 2 and freq(text[a:b]) >= RARE
    return False


def _non_overlapping(found: list[Suggestion]) -> list[Suggestion]:
    """One suggestion per place: a list entry before the model, 必错 before 疑似, stronger first."""
    order = sorted(found, key=lambda s: (s.check != "list", RANK[s.grade], -s.evidence, s.start))
    taken: list[Suggestion] = []
    for s in order:
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    return sorted(taken, key=lambda s: (s.start, s.end))
