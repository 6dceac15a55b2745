"""Candidate cuts: every place a draft could lose 字 without losing content, each with its saving,
a safety grade and a Chinese reason.

Classes (``Cut.cls``):
- ``fix``: the engine's own safe fixes that shorten the text ("进行研究" → "研究");
- ``filler`` / ``significance`` / ``pledge``: clauses or sentences matching ``lexicons/trim``
  patterns (套话, 重要性/意义 passages, 表态 endings);
- ``adverbs``: chains of emphasis adverbs (keep the last) and lone removable ones;
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
from .data import CutRule, Protect, TrimData

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


def _body_paragraphs(report: Report) -> list[Block]:
    return [b for b in report.document.blocks if b.kind is BlockKind.BODY and b.text.strip()]


def _ending(paragraphs: list[Block], protects: list[Protect]) -> frozenset[int]:
    """The last two paragraphs before the closing formula ("特此报告。", "妥否，请批示。")."""
    rest = list(paragraphs)
    while rest and len(rest[-1].text) <= 20 and any(p.pattern.search(rest[-1].text)
                                                   for p in protects):
        rest.pop()
    return frozenset(b.index for b in rest[-2:])


def protected(ctx: _Context, removed: str, sentence: str) -> str | None:
    """What protected content ``removed`` (or, for sentence-scope entries, ``sentence``) holds."""
    for p in ctx.protects:
        target = sentence if p.scope == "sentence" else removed
        if p.pattern.search(normalize(target)):
            return p.what
    return None


def _sentence_at(sents: list[sentences.Sentence], i: int) -> sentences.Sentence | None:
    for s in sents:
        if s.start <= i < max(s.end, s.start + 1):
            return s
    return None


def _make(ctx: _Context, block: Block, a: int, b: int, replacement: str, *, cls: str, grade: str,
          rule: str, reason: str, sents: list[sentences.Sentence]) -> Cut | None:
    """A candidate for block-local [a, b) → replacement, or None if a gate refuses it."""
    text = block.text
    if b <= a or not block.is_contiguous(a, b):
        return None
    s = _sentence_at(sents, a)
    sentence = text[s.start:s.end] if s else text
    if protected(ctx, text[a:b], sentence):
        return None
    after = text[:a] + replacement + text[b:]
    if grammar.new_problems(text, after):
        return None
    saves = word_count(text) - word_count(after)
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
                cut = _make(ctx, block, a, b, "", cls=rule.cls, grade=rule.grade,
                            rule=rule.id, reason=rule.reason, sents=sents)
                if cut:
                    yield cut


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


def _fix_cuts(ctx: _Context, paragraphs: list[Block]) -> Iterator[Cut]:
    """The rules' safe fixes that shorten the text (an unsafe one — "对……进行研究" rewritten as
    "研究……" — is offered one by one in editors, never planned)."""
    for finding in ctx.report.findings:
        for fix in finding.fixes:
            if not fix.safe or fix.saves <= 0:
                continue
            block = next((b for b in paragraphs if b.start <= fix.start and fix.end <= b.end), None)
            span = _local(block, fix.start, fix.end) if block else None
            if block is None or span is None:
                continue
            title = re.sub(r"（减少 \d+ 字）$", "", fix.title)
            cut = _make(ctx, block, span[0], span[1], fix.replacement, cls="fix", grade="safe",
                        rule=finding.rule, reason=f"{title}：{finding.message}",
                        sents=sentences.split(normalize(block.text)))
            if cut:
                yield cut


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
    ctx = _Context(report, data, boundaries, protects, _ending(paragraphs, protects))
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

