"""Candidate cuts: every place a draft could lose 字 without losing content, each with its saving,
a safety grade and a Chinese reason.

Classes (``Cut.cls``):
- ``fix``: the engine's own safe fixes that shorten the text ("进行研究" → "研究"); the 顿号
  between quoted items go all at once per list, or not at all;
- ``filler`` / ``significance`` / ``pledge``: clauses or sentences matching ``lexicons/trim``
  patterns (套话, 重要性/意义 passages, 表态 endings);
- ``adverbs``: chains of emphasis adverbs (keep the last) and lone removable ones — never the
  head of one item of a 排比;
- ``repeat``: a sentence that restates an earlier one (``repeats``).

Every candidate has passed three gates: it lies in one body paragraph (never a title, heading,
addressee, 落款 or date), it touches nothing ``protect.toml`` protects (numbers, dates, amounts,
names, the request of a 请示, ordinal markers), and the paragraph it leaves is well formed
(``grammar``).  Spans are code points of ``Document.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

from ..metrics.counting import word_count
from ..model import Block, BlockKind, Report
from ..rules.matching import normalize
from . import grammar, repeats, sentences
from .data import AdverbWord, CutRule, Protect, TrimData

_ORDINAL = re.compile(r"\s*(?:[一二三四五六七八九十]是|首先|第[一二三四五六七八九十])")
# a sentence followed by one with no subject ("……是内在要求。必须科学施策") carries that
# sentence's topic: cutting it would leave the next one hanging
_TOPIC_FOLLOWS = re.compile(r"\s*(?:必须|要|需要|应当|务必|就要|只有)")
GRADE_ORDER = {"safe": 0, "likely": 1, "review": 2}
CLASS_ORDER = ("fix", "adverbs", "wordy", "filler", "pledge", "significance", "repeat")


@dataclass(frozen=True)
class Cut:
    """One proposed edit: replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    saves: int           # 字 (Word-compatible) the paragraph loses with this cut alone
    cls: str             # see the module docstring
    grade: str           # "safe" | "likely" | "review"
    rule: str            # T-id of the lexicon entry, the engine rule id, or "repeat"
    reason: str          # Chinese, for the drafter
    before: str          # the text removed or replaced
    block: int           # index of the paragraph (Block.index)
    local: tuple[int, int] = field(default=(0, 0), compare=False)  # span inside block.text

    @property
    def rank(self) -> tuple[int, int, int]:
        return GRADE_ORDER[self.grade], -self.saves, self.start


@dataclass
class _Context:
    report: Report
    data: TrimData
    boundaries: Callable[[str], frozenset[int]]  # jieba token edges of a text
    protects: list[Protect]
    ending: frozenset[int]      # indexes of the paragraphs that make up the ending
    emphasis: re.Pattern[str] | None = None  # any emphasis adverb of the adverbs entries


def _body_paragraphs(report: Report) -> list[Block]:
    return [b for b in report.document.blocks if b.kind is BlockKind.BODY and b.text.strip()]


def _ending(paragraphs: list[Block], protects: list[Protect]) -> frozenset[int]:
    """The last two paragraphs before the closing formula ("特此报告。", "妥否，请批示。")."""
    rest = list(paragraphs)
    while rest and len(rest[-1].text) <= 20 and any(p.pattern.search(rest[-1].text)
                                                   for p in protects):
        rest.pop()
    return frozenset(b.index for b in rest[-2:])


def protected(ctx: _Context, removed: str, sentence: str, a: int, b: int) -> str | None:
    """What protected content a cut of ``sentence[a:b]`` (removing ``removed``) would touch."""
    removed, sentence = normalize(removed), normalize(sentence)
    for p in ctx.protects:
        if p.refuses(removed, sentence, a, b):
            return p.what
    return None


def _sentence_at(sents: list[sentences.Sentence], i: int) -> sentences.Sentence | None:
    for s in sents:
        if s.start <= i < max(s.end, s.start + 1):
            return s
    return None


def _make(ctx: _Context, block: Block, a: int, b: int, replacement: str, *, cls: str, grade: str,
          rule: str, reason: str, sents: list[sentences.Sentence],
          removed: str | None = None) -> Cut | None:
    """A candidate for block-local [a, b) → replacement, or None if a gate refuses it.

    ``removed`` is what the cut takes out when that is less than ``text[a:b]`` (a list losing
    its 顿号 keeps its items); protection is checked on it.
    """
    text = block.text
    if b <= a or not block.is_contiguous(a, b):
        return None
    s = _sentence_at(sents, a)
    lo, hi = (s.start, s.end) if s else (0, len(text))
    if protected(ctx, text[a:b] if removed is None else removed, text[lo:hi], a - lo,
                 min(b, hi) - lo):
        return None
    after = text[:a] + replacement + text[b:]
    if grammar.new_problems(text, after):
        return None
    # a cut is credited with at most the 字 it takes out: in Word's count "”、“" losing its 顿号
    # also merges the two quotation marks into one run, which is not this cut's doing
    took = word_count(text[a:b]) - word_count(replacement)
    saves = min(word_count(text) - word_count(after), max(1, took))
    if saves <= 0:
        return None
    start, end = block.source_span(a, b)
    return Cut(start, end, replacement, saves, cls, grade, rule, reason, text[a:b], block.index,
               (a, b))


# -- clause and sentence patterns ---------------------------------------------------------------

def _pattern_cuts(ctx: _Context, block: Block, norm: str,
                  sents: list[sentences.Sentence]) -> Iterator[Cut]:
    rules = [r for r in ctx.data.cuts if r.pattern is not None
             and (r.where != "ending" or block.index in ctx.ending)]
    clause_rules = [r for r in rules if r.scope == "clause"]
    sentence_rules = [r for r in rules if r.scope == "sentence"]
    for s in sents:
        whole = next((r for r in sentence_rules
                      if r.pattern and r.pattern.fullmatch(norm, s.start, s.body_end)), None)
        if whole is not None and not _TOPIC_FOLLOWS.match(norm, s.end):
            # offered alongside any clause cuts below: the ranking picks the safer one
            yield from _one(ctx, block, s.start, s.end, [whole], sents)
        hits: dict[int, tuple[int, CutRule]] = {}  # clause index → (cut start, rule)
        for k, c in enumerate(s.clauses):
            for r in clause_rules:
                m = r.pattern.fullmatch(norm, c.start, c.end) if r.pattern else None
                if not m:
                    continue
                a = m.start("cut") if "cut" in m.re.groupindex else c.start
                if a < 0 or a >= c.end:
                    continue
                hits[k] = (a, r)
                break
        yield from _resolve(ctx, block, s, hits, sents)


def _resolve(ctx: _Context, block: Block, s: sentences.Sentence,
             hits: dict[int, tuple[int, CutRule]], sents) -> Iterator[Cut]:
    """Turn clause hits into cuts: runs of whole clauses go with one separator; a cut that keeps
    a clause's head ("各地要") joins the head to the next clause."""
    clauses = s.clauses
    n = len(clauses)
    full = {k for k, (a, _) in hits.items() if a == clauses[k].start}
    if len(hits) == n and full >= set(range(1, n)):
        # every clause is 套话 (the first may keep a head, "各乡镇要"): the sentence goes whole
        rules = [hits[k][1] for k in range(n)]
        yield from _one(ctx, block, s.start, s.end, rules, sents)
        return
    k = 0
    while k < n:
        if k in full:
            j = k
            while j + 1 < n and j + 1 in full:
                j += 1
            rules = [hits[x][1] for x in range(k, j + 1)]
            if j < n - 1:    # the run ends before the last clause: take its separators
                start = clauses[k].start
                if k - 1 in hits and k - 1 not in full:  # "各单位要高度重视，精心组织，…"
                    start = hits[k - 1][0]
                    rules.insert(0, hits[k - 1][1])
                yield from _one(ctx, block, start, clauses[j].sep_end, rules, sents)
            else:            # the run ends the sentence: take the separator before it
                yield from _one(ctx, block, clauses[k - 1].end, clauses[j].end, rules, sents)
            k = j + 1
            continue
        if k in hits and k < n - 1 and k + 1 not in full:  # keep the head, join the next clause
            yield from _one(ctx, block, hits[k][0], clauses[k].sep_end, [hits[k][1]], sents)
        elif k in hits and k + 1 in full and _run_end(full, k + 1) == n - 1:
            # the full run after it ends the sentence (cut on its own above): the head clause
            # may still go by itself, joining the last clause
            yield from _one(ctx, block, hits[k][0], clauses[k].sep_end, [hits[k][1]], sents)
        k += 1


def _run_end(full: set[int], k: int) -> int:
    while k + 1 in full:
        k += 1
    return k


def _one(ctx, block, a, b, rules: list[CutRule], sents) -> Iterator[Cut]:
    worst = max(rules, key=lambda r: GRADE_ORDER[r.grade])
    reasons = list(dict.fromkeys(r.reason for r in rules))
    cut = _make(ctx, block, a, b, "", cls=worst.cls, grade=worst.grade,
                rule="+".join(dict.fromkeys(r.id for r in rules)), reason="；".join(reasons),
                sents=sents)
    if cut:
        yield cut


# -- emphasis adverbs ---------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _word_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=64)
def _adverb_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:(?:{alternation})地?)+")


def _adverb_cuts(ctx: _Context, block: Block, norm: str,
                 sents: list[sentences.Sentence]) -> Iterator[Cut]:
    edges = None
    for rule in (*ctx.data.by_class("adverbs"), *ctx.data.by_class("wordy")):
        words = {w.word: w for w in rule.words}
        item_re = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        for m in _adverb_regex(tuple(words)).finditer(norm):
            items = []  # (start, end-with-地, word)
            pos = m.start()
            while pos < m.end():
                im = item_re.match(norm, pos)
                if im is None:
                    break
                end = im.end() + (1 if norm.startswith("地", im.end()) else 0)
                items.append((im.start(), end, im.group()))
                pos = end
            if edges is None:
                edges = ctx.boundaries(block.text)
            if len(items) >= 2 and rule.chain_followed_by is not None:
                a, b = items[0][0], items[-1][0]
                if (a in edges and b in edges
                        and rule.chain_followed_by.match(norm, m.end())):
                    cut = _make(ctx, block, a, b, "", cls=rule.cls, grade=rule.grade,
                                rule=rule.id, reason=rule.reason, sents=sents)
                    if cut:
                        yield cut
                continue
            for a, b, word in items[:1] if len(items) == 1 else ():
                entry = words[word]
                # the word must start a token; jieba may glue it to its verb ("切实加强")
                if not entry.alone or a not in edges:
                    continue
                rest = norm[b:]
                if entry.followed_by and not entry.followed_by.match(rest):
                    continue
                if entry.not_followed_by and entry.not_followed_by.match(rest):
                    continue
                if entry.preceded_by and not entry.preceded_by.search(norm[max(0, a - 24):a]):
                    continue
                if not re.match("[\u4e00-\u9fff]", rest):
                    continue
                k = _sentence_index(sents, a)
                if entry.not_after and k > 0 and entry.not_after.search(
                        norm[sents[k - 1].start:sents[k - 1].end]):
                    continue
                if k >= 0 and (_in_parallel_series(norm, sents[k], a, word)
                               or _in_adverb_series(ctx, norm, sents, k, a)):
                    continue
                if (entry.ending_not_followed_by and block.index in ctx.ending
                        and entry.ending_not_followed_by.match(rest)):
                    continue
                grade = rule.grade
                if entry.contrast is not None and k >= 0:
                    stance = _stance(norm, sents, k, a, b, entry.contrast)
                    if stance == "refuse":
                        continue
                    if stance == "review":
                        grade = "review"
                reason = _lone_reason(ctx, rule, entry, norm, sents[k] if k >= 0 else None, a, b)
                case = next((c for c in entry.cases if c.followed_by.match(rest)), None)
                if case is not None:
                    reason = (case.reason or reason).replace("{word}", word)
                    grade = max(grade, case.grade or grade, key=GRADE_ORDER.__getitem__)
                cut = _make(ctx, block, a, b, "", cls=rule.cls, grade=grade, rule=rule.id,
                            reason=reason, sents=sents)
                if cut:
                    yield cut


def _sentence_index(sents: list[sentences.Sentence], i: int) -> int:
    return next((k for k, s in enumerate(sents) if s.start <= i < max(s.end, s.start + 1)), -1)


_CLAUSE_HEAD = re.compile(r"(?:要|将|并|也|还|又|继续|同时)?")


def _in_parallel_series(norm: str, s: sentences.Sentence, a: int, word: str) -> bool:
    """Is the word at ``a`` the head of one item of a 排比 — three or more clauses of the
    sentence opening alike ("大规模……，大范围……，大力……，大幅度……")?  Taking it out of one
    item would break the series."""
    heads = [_CLAUSE_HEAD.match(norm, c.start).end() for c in s.clauses]  # type: ignore[union-attr]
    if a not in heads:
        return False
    return sum(1 for h in heads if norm.startswith(word[0], h)) >= 3


# an item of a numbered series: "一是……。二是……" / "一要……，二要……"
_ORDINAL_ITEM = re.compile(r"(?<![\u4e00-\u9fff])[一二三四五六七八九十](?:是|要)")


def _in_adverb_series(ctx: _Context, norm: str, sents: list[sentences.Sentence], k: int,
                      a: int) -> bool:
    """Does the word at ``a`` head one item of a series whose other items also open with an
    emphasis word?  Taking it out of that one item would make the series uneven: a run of two or
    more clauses making up the sentence ("着力维护……，积极化解……") or three in a row
    ("全面落实……，认真解决……，坚决破除……"), or the items of
    an 一是/二是/三是 series across the paragraph ("一是认真治理……。二是切实加强……")."""
    if ctx.emphasis is None or not ctx.emphasis.match(norm, a):
        return False  # not an emphasis word ("我们")
    opens = ctx.emphasis.match
    s = sents[k]
    heads = [_CLAUSE_HEAD.match(norm, c.start).end() for c in s.clauses]  # type: ignore[union-attr]
    if a in heads:
        i = heads.index(a)
        lo = hi = i
        while lo > 0 and opens(norm, heads[lo - 1]):
            lo -= 1
        while hi + 1 < len(heads) and opens(norm, heads[hi + 1]):
            hi += 1
        # three in a row, or every clause of the sentence: two adverb-led clauses inside a longer
        # sentence ("……，切实放宽市场准入，积极引入竞争机制") are no series of their own
        if hi - lo >= 2 or (hi > lo and hi - lo + 1 == len(heads)):
            return True
    mine = _ORDINAL_ITEM.match(norm, a - 2) if a >= 2 else None
    if mine is None or mine.end() != a:
        return False
    return any(opens(norm, m.end()) for m in _ORDINAL_ITEM.finditer(norm) if m.start() != a - 2)


def _stance(norm: str, sents: list[sentences.Sentence], k: int, a: int, b: int,
            contrast: re.Pattern[str]) -> str | None:
    """"refuse" when another stance word stands before the same verb in this sentence or a
    neighbouring one ("规范发展互联网金融。大力发展普惠金融"), "review" when one stands elsewhere in
    the sentence ("积极推广……，大力发展……，加快……"), else None."""
    word, verb = norm[a:b], norm[b:b + 2]
    for j in (k - 1, k, k + 1):
        if not 0 <= j < len(sents):
            continue
        for m in contrast.finditer(norm, sents[j].start, sents[j].end):
            if m.start() != a and m.group() != word and norm.startswith(verb, m.end()):
                return "refuse"
    s = sents[k]
    if any(m.start() != a and m.group() != word
           for m in contrast.finditer(norm, s.start, s.end)):
        return "review"
    return None


def _lone_reason(ctx: _Context, rule: CutRule, entry: AdverbWord, norm: str,
                 s: sentences.Sentence | None, a: int, b: int) -> str:
    """The reason for removing one word on its own: the word's, else the entry's; an entry
    that speaks of a pile-up ("叠用") says so only when another emphasis word stays."""
    word = norm[a:b]
    reason = (entry.reason or rule.reason).replace("{word}", word)
    if not rule.reason_alone:
        return reason
    lo, hi = (s.start, s.end) if s else (0, len(norm))
    rest = norm[lo:a] + "\x00" + norm[b:hi]
    other = ctx.emphasis.search(rest) if ctx.emphasis else None
    if other is None:
        return rule.reason_alone.replace("{word}", word)
    return f"{reason}（同句还有“{other.group()}”）"


# -- the engine's safe fixes ----------------------------------------------------------------------

def _local(block: Block, start: int, end: int) -> tuple[int, int] | None:
    """Block-local span of document span [start, end), if it lies inside the block's text."""
    if block.offsets is None:
        a, b = start - block.start, end - block.start
        return (a, b) if 0 <= a <= b <= len(block.text) else None
    try:
        a = block.offsets.index(start)
    except ValueError:
        return None
    b = a + (end - start)
    return (a, b) if b <= len(block.text) and block.is_contiguous(a, b) else None


# quoted or 书名号 items in a row, with or without 顿号 between them: “家电下乡”、“农机下乡”
_QUOTED_ITEM = r"[“《][^“”《》\n]*[”》]"
_QUOTED_LIST = re.compile(f"{_QUOTED_ITEM}(?:、?{_QUOTED_ITEM})+")


def _list_cuts(ctx: _Context, block: Block, found: list[tuple[int, int, str, str]]) -> list[Cut]:
    """The fixes that drop a 顿号 between quoted items (GB/T 15834 4.5.3.5), one cut per list:
    all of its 顿号 or none, so no list is left half punctuated.  A list is left alone when an
    item holds its own 顿号 (“汽车、摩托车下乡”: the 顿号 between items keep them apart) or when
    an item without quotes runs on before or after it (“一国两制”、“港人治港”、“澳人治澳”、高度自治).
    ``found``: (start, end, rule, reason) of each such fix, block-local."""
    norm = normalize(block.text)
    sents = sentences.split(norm)
    at = {a: (rule, reason) for a, _, rule, reason in found}
    cuts = []
    for m in _QUOTED_LIST.finditer(norm):
        a, b = m.span()
        seps = [i for i in range(a, b) if norm[i] == "、" and norm[i - 1] in "”》"
                and norm[i + 1] in "“《"]
        if not seps or not any(i in at for i in seps):
            continue
        items = re.findall(_QUOTED_ITEM, m.group())
        if (any("、" in item for item in items) or norm[a - 1:a] == "、"
                or norm[b:b + 1] == "、" or not all(i in at for i in seps)):
            continue
        first, last = seps[0], seps[-1] + 1
        gone = set(seps)
        replacement = "".join(ch for i, ch in enumerate(block.text[first:last], first)
                              if i not in gone)
        rule, reason = at[first]
        cut = _make(ctx, block, first, last, replacement,
                    cls="fix", grade="safe", rule=rule, reason=reason, sents=sents,
                    removed="、" * len(seps))
        if cut:
            cuts.append(cut)
    return cuts


def _is_list_fix(text: str, a: int, b: int, replacement: str) -> bool:
    return (text[a:b] == "、" and not replacement and 0 < a and b < len(text)
            and text[a - 1] in "”》" and text[b] in "“《")


def _fix_cuts(ctx: _Context, paragraphs: list[Block]) -> Iterator[Cut]:
    """The rules' safe fixes that shorten the text (an unsafe one — "对……进行研究" rewritten as
    "研究……" — is offered one by one in editors, never planned)."""
    lists: dict[int, list[tuple[int, int, str, str]]] = {}
    blocks = {b.index: b for b in paragraphs}
    for finding in ctx.report.findings:
        for fix in finding.fixes:
            if not fix.safe or fix.saves <= 0:
                continue
            block = next((b for b in paragraphs if b.start <= fix.start and fix.end <= b.end), None)
            span = _local(block, fix.start, fix.end) if block else None
            if block is None or span is None:
                continue
            title = re.sub(r"（减少 \d+ 字）$", "", fix.title)
            if _is_list_fix(block.text, span[0], span[1], fix.replacement):
                lists.setdefault(block.index, []).append(
                    (span[0], span[1], finding.rule, f"{title}：{finding.message}"))
                continue
            cut = _make(ctx, block, span[0], span[1], fix.replacement, cls="fix", grade="safe",
                        rule=finding.rule, reason=f"{title}：{finding.message}",
                        sents=sentences.split(normalize(block.text)))
            if cut:
                yield cut
    for index, found in lists.items():
        yield from _list_cuts(ctx, blocks[index], found)


# -- repeated statements --------------------------------------------------------------------------

def _repeat_cuts(ctx: _Context, paragraphs: list[Block],
                 split: dict[int, tuple[str, list[sentences.Sentence]]]) -> Iterator[Cut]:
    where: list[tuple[Block, sentences.Sentence]] = []
    texts: list[str] = []
    for block in paragraphs:
        norm, sents = split[block.index]
        for s in sents:
            where.append((block, s))
            texts.append(norm[s.start:s.end])
    for rep in repeats.find(texts):
        block, s = where[rep.index]
        if s is split[block.index][1][0] or _ORDINAL.match(split[block.index][0], s.end):
            continue  # it opens a paragraph or a list ("……。一是"): it introduces what follows
        earlier = texts[rep.earlier]
        quote = earlier if len(earlier) <= 18 else earlier[:16] + "……"
        reason = f"与前文“{quote}”意思重复（相同字词占 {rep.score:.0%}）"
        cut = _make(ctx, block, s.start, s.end, "", cls="repeat", grade="likely", rule="repeat",
                    reason=reason, sents=split[block.index][1])
        if cut:
            yield cut


def candidates(report: Report, data: TrimData,
               boundaries: Callable[[str], frozenset[int]]) -> list[Cut]:
    """All candidate cuts of ``report``'s document, best first (safest, then largest saving)."""
    doctype = report.doctype.name
    protects = [p for p in data.protects if not p.doctypes or doctype in p.doctypes
                or (doctype.endswith("报告") and "报告" in p.doctypes)]
    paragraphs = _body_paragraphs(report)
    emphasis = tuple(w.word for r in data.by_class("adverbs") for w in r.words)
    ctx = _Context(report, data, boundaries, protects, _ending(paragraphs, protects),
                   _word_regex(emphasis) if emphasis else None)
    split = {}
    out: list[Cut] = []
    for block in paragraphs:
        norm = normalize(block.text)
        sents = sentences.split(norm)
        split[block.index] = (norm, sents)
        out.extend(_pattern_cuts(ctx, block, norm, sents))
        out.extend(_adverb_cuts(ctx, block, norm, sents))
    out.extend(_fix_cuts(ctx, paragraphs))
    out.extend(_repeat_cuts(ctx, paragraphs, split))
    unique = {(c.start, c.end, c.replacement): c for c in sorted(out, key=lambda c: c.rank,
                                                                 reverse=True)}
    return sorted(unique.values(), key=lambda c: c.rank)

