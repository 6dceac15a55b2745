"""Choose the cuts that bring a draft under its limit, and say how far they get.

The candidates come ranked (safe before likely before review; larger savings first); the plan
takes them in that order, skipping any that overlaps one already taken or that would leave the
paragraph ill formed together with the others, and any second emphasis adverb of one sentence,
until the 正文 is within the limit.  Counting is
the project's own (``counting.word_count`` per paragraph, summed over the counted blocks), done on
the paragraphs as they will read after the cuts — so the predicted 字数 is exactly what a re-check
of the applied text reports.

``edits`` are ``(start, end, new_text)`` in code points of ``Document.text``, in order and never
overlapping: what an editor applies as one workspace edit, the CLI writes, and the .docx writer
turns into tracked changes.  A paragraph cut away entirely takes its line with it (plain text and
Markdown; in Word the empty paragraph stays, as a tracked deletion of its text).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from ..errors import WenfengError
from ..metrics.counting import word_count
from ..model import Block, Report
from ..rules.engine import get_engine
from ..rules.matching import normalize
from . import grammar, sentences, wording
from .candidates import Cut, candidates
from .data import data_for

TARGETS = ("general", "maximum")


class TrimError(WenfengError):
    """The draft has no 字数 limit to trim to (or an unknown target was asked for)."""


@dataclass(frozen=True)
class TrimPlan:
    target: str
    doctype: str
    limit: int | None
    before: int                          # 正文字数 now
    after: int                           # 正文字数 once the plan is applied
    cuts: tuple[Cut, ...]                # the chosen cuts, in document order
    candidates: tuple[Cut, ...]          # every candidate, best first
    edits: tuple[tuple[int, int, str], ...]
    edit_cuts: tuple[tuple[int, ...], ...]  # per edit: the cuts it carries (indexes into cuts)
    advice: str                          # where to cut by hand when the plan falls short
    headline: str                        # "采纳这 9 处 → 1,472 字（一般限额 1,500 字以内）"
    summary: str                         # "精简到限额以内：9 处，减少 211 字"

    @property
    def needed(self) -> bool:
        return self.limit is not None and self.before > self.limit

    @property
    def reaches(self) -> bool:
        return self.limit is not None and self.after <= self.limit

    @property
    def saved(self) -> int:
        return self.before - self.after

    @property
    def remaining(self) -> int:
        """字 still over the limit after the plan (0 when it reaches)."""
        return 0 if self.limit is None else max(0, self.after - self.limit)

    def apply(self, text: str) -> str:
        """``text`` (the document's) with the plan's edits applied."""
        out, pos = [], 0
        for start, end, new in self.edits:
            out.append(text[pos:start])
            out.append(new)
            pos = end
        out.append(text[pos:])
        return "".join(out)


def _limit(report: Report, target: str) -> int | None:
    if target not in TARGETS:
        raise TrimError(f"未知目标 “{target}”（可用：general 一般限额、maximum 最高限额）", key="--to")
    status = next((s for s in report.limits if s.metric == "words"), None)
    if status is None:
        return None
    value = status.general if target == "general" else status.maximum
    return int(value) if value is not None else None


def _apply_local(text: str, cuts: list[Cut]) -> str:
    out, pos = [], 0
    for c in sorted(cuts, key=lambda c: c.local):
        out.append(text[pos:c.local[0]])
        out.append(c.replacement)
        pos = c.local[1]
    out.append(text[pos:])
    return "".join(out)


def _overlaps(cut: Cut, taken: list[Cut]) -> bool:
    a, b = cut.local
    return any(a < y and x < b for x, y in (t.local for t in taken))


def _paragraph_span(text: str, block: Block) -> tuple[int, int] | None:
    """The whole line(s) of a plain-text paragraph, for removing it entirely; None when the line
    holds anything besides the paragraph and its indentation (Markdown markers, another block)."""
    line_start = text.rfind("\n", 0, block.start) + 1
    if text[line_start:block.start].strip(" \t\u3000"):
        return None
    newline = text.find("\n", block.end)
    if text[block.end:newline if newline >= 0 else len(text)].strip():
        return None
    if newline < 0:  # the last line: take the line break before it instead
        return (line_start - 1 if line_start > 0 else 0), len(text)
    end = newline + 1
    # paragraphs separated by blank lines: drop one blank line too, so no double gap is left
    previous_line = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
    previous_blank = line_start >= 2 and previous_line.strip() == ""
    following = text.find("\n", end)
    if previous_blank and following >= 0 and not text[end:following].strip():
        end = following + 1
    return line_start, end


def plan_trim(report: Report, target: str = "general", *, engine: Any = None) -> TrimPlan:
    """Plan the cuts that bring ``report``'s document within its ``target`` 字数 limit.

    ``engine`` supplies the lexicon folders (shipped and the user's) and the segmenter; by
    default the shared engine.  Raises :class:`TrimError` when the 文种 has no 字数 limit.
    """
    if engine is None:
        engine = get_engine()
    limit = _limit(report, target)
    if limit is None:
        raise TrimError(f"{report.doctype.name}没有{wording.TARGET_LABELS[target]}字数限额，无法精简到限额；"
                        "可用 --type 指定文种", path=report.document.path)
    document = report.document
    before = report.counts.words
    found = candidates(report, data_for(engine.lexicon.roots), engine.segmenter.boundaries)
    blocks = {b.index: b for b in document.blocks}
    taken: dict[int, list[Cut]] = defaultdict(list)
    current = {i: word_count(blocks[i].text) for i in {c.block for c in found}}
    count = before
    toned: set[tuple[int, int]] = set()  # (paragraph, sentence) that already lost an adverb
    for cut in found if before > limit else ():
        if count <= limit:
            break
        same = taken[cut.block]
        if _overlaps(cut, same):
            continue
        sentence = (cut.block, _sentence_of(blocks[cut.block].text, cut.local[0]))
        if cut.cls == "adverbs" and sentence in toned:
            continue
        original = blocks[cut.block].text
        trial = _apply_local(original, same + [cut])
        if grammar.new_problems(original, trial):
            continue
        delta = current[cut.block] - word_count(trial)
        if delta <= 0:
            continue
        same.append(cut)
        if cut.cls == "adverbs":
            toned.add(sentence)
        current[cut.block] -= delta
        count -= delta
    chosen = sorted((c for cs in taken.values() for c in cs), key=lambda c: c.start)
    return _plan(report, target, limit, chosen, tuple(found))


def _sentence_of(text: str, i: int) -> int:
    """Which sentence of a paragraph position ``i`` lies in.  One emphasis adverb per sentence
    at most: in "着力发展……，大力振兴……，加快发展……" the adverbs rank the tasks, and taking them
    all leaves bare verbs that no longer say which comes first."""
    return bisect.bisect_right(_sentence_ends(text), i)


@lru_cache(maxsize=1024)
def _sentence_ends(text: str) -> tuple[int, ...]:
    return tuple(s.end for s in sentences.split(normalize(text)))


def choose(report: Report, plan: TrimPlan, ids: Iterable[int]) -> TrimPlan:
    """The plan narrowed to the cuts numbered ``ids`` (indexes into ``plan.cuts``, as a
    checklist shows them): its edits, 字数 and wording as if only those had been planned."""
    wanted = set(ids)
    chosen = [c for n, c in enumerate(plan.cuts) if n in wanted]
    return _plan(report, plan.target, plan.limit, chosen, plan.candidates)


def _plan(report: Report, target: str, limit: int | None, chosen: list[Cut],
          found: tuple[Cut, ...]) -> TrimPlan:
    """A plan of the ``chosen`` cuts (document order, disjoint): edits, 字数 after, wording."""
    document = report.document
    blocks = {b.index: b for b in document.blocks}
    per_block: dict[int, list[Cut]] = defaultdict(list)
    for cut in chosen:
        per_block[cut.block].append(cut)
    counts = {b.index: word_count(b.text) for b in document.body_blocks}
    before = report.counts.words
    after = before
    edits: list[tuple[int, int, str]] = []
    covers: list[tuple[int, ...]] = []
    order = {id(c): n for n, c in enumerate(chosen)}
    for index, cuts in sorted(per_block.items(), key=lambda kv: blocks[kv[0]].start):
        block = blocks[index]
        trimmed = _apply_local(block.text, cuts)
        now = word_count(trimmed)
        after -= word_count(block.text) - now
        if index in counts:
            counts[index] = now
        whole = None
        if document.fmt != "docx" and not trimmed.strip():
            whole = _paragraph_span(document.text, block)
        if whole:
            edits.append((whole[0], whole[1], ""))
            covers.append(tuple(order[id(c)] for c in cuts))
        else:
            for c in sorted(cuts, key=lambda c: c.start):
                edits.append((c.start, c.end, c.replacement))
                covers.append((order[id(c)],))
    advice = wording.advice(document, counts) if limit is not None and after > limit else ""
    return TrimPlan(
        target=target, doctype=report.doctype.name, limit=limit, before=before, after=after,
        cuts=tuple(chosen), candidates=found, edits=tuple(edits), edit_cuts=tuple(covers),
        advice=advice,
        headline=wording.headline(before, after, limit, target, len(chosen), advice),
        summary=wording.summary(before, after, limit, len(chosen)))
