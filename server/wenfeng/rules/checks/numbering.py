"""Heading numbering across the document (GB/T 9704-2012 7.3.3: 一、→（一）→1.→（1）).

The per-heading form of a marker ("1、", "（一）、") is checked by pattern rules; what needs the
whole document is the sequence: numbers that skip or repeat (一、 then 三、), a level that
appears under a deeper one (（一） below 1.), and a level left out (1. directly under 一、).
One function serves the three rules; the rule's ``problem`` key says which it reports.
Only paragraph-initial markers count: "（1）……（2）……" inside one paragraph is running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...lru import short_text_cache
from ...model import BlockKind
from ..context import DocContext, DocHit
from ..matching import normalize
from .base import check
from .numerals import CN_CHARS, cn_to_int, int_to_cn

_MARKERS = (
    (1, re.compile(rf"^([{CN_CHARS}]{{1,3}})\s*[、.．，：]")),
    (2, re.compile(rf"^（\s*([{CN_CHARS}]{{1,3}})\s*）")),
    # “3.2014年度……”: a heading whose text starts with a year, written without a space
    (3, re.compile(r"^(\d{1,3})\s*(?:[.．](?!\d)|[.．](?=\d{4}年)|、)")),
    (4, re.compile(r"^（\s*(\d{1,3})\s*）")),
)
_PAREN_DIGITS = re.compile("^([\u2474-\u2487])")  # ⑴…⒇, an old form of level 4
_ATTACHMENT_PAGE = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*$")
LEVEL_NAMES = {1: "第一层“一、”", 2: "第二层“（一）”", 3: "第三层“1.”", 4: "第四层“（1）”"}


@dataclass(frozen=True)
class Heading:
    level: int
    number: int
    start: int   # document offsets of the marker
    end: int
    marker: str


def marker_text(level: int, number: int) -> str:
    cn = int_to_cn(number)
    return {1: f"{cn}、", 2: f"（{cn}）", 3: f"{number}.", 4: f"（{number}）"}[level]


def parse_heading(text: str) -> tuple[int, int, int] | None:
    """(level, number, marker length) of a heading's 序次语, from its normalized text."""
    for level, regex in _MARKERS:
        m = regex.match(text)
        if m:
            number = cn_to_int(m.group(1))
            if number:
                return level, number, m.end()
    m = _PAREN_DIGITS.match(text)
    if m:
        return 4, ord(m.group(1)) - 0x2474 + 1, 1
    return None


@short_text_cache(2048)
def _parsed_heading(text: str) -> tuple[int, int, int] | None:
    """:func:`parse_heading` of a heading's text, cached (re-read on every keystroke)."""
    return parse_heading(normalize(text))


def headings(ctx: DocContext) -> Iterator[Heading | None]:
    """Headings in order; ``None`` marks a reset (an attachment page starts its own numbering)."""
    for block in ctx.document.blocks:
        text = block.text
        if text.startswith("附") and _ATTACHMENT_PAGE.match(text):  # (the test first: every block)
            yield None
            continue
        if block.kind is not BlockKind.HEADING:
            continue
        parsed = _parsed_heading(text)
        if parsed is None:
            continue
        level, number, length = parsed
        start, end = block.source_span(0, length)
        yield Heading(level, number, start, end, block.text[:length])


@check("heading_numbering", problem=str)
def heading_numbering(ctx: DocContext, rule) -> Iterator[DocHit]:
    """Read nesting as a reader does: a marker style already open closes the deeper ones and
    continues its own sequence; a style not yet open starts a sub-sequence under the last
    heading.  ``problem`` ("gap" | "order" | "skip") picks what the rule reports."""
    problem = rule.params.get("problem")
    stack: list[Heading] = []
    skip_reported = False
    # 措施-style documents number their clauses 1–20 straight through the parts (一、 1. 2. 二、
    # 3. 4.); a sub-sequence that continues the previous one of its level is fine.
    latest: dict[int, int] = {}
    found = ctx.memo("numbering.headings", lambda: list(headings(ctx)))  # once for the 3 rules
    # a document that uses only two levels may leave one out (一、 then 1.): GB/T 9704 says the
    # levels “依次可以用”, and many units' rules allow it; a skip matters from three levels on
    levels_used = {h.level for h in found if h is not None}
    for h in found:
        if h is None:
            stack, latest = [], {}
            continue
        if any(entry.level == h.level for entry in stack):
            while stack[-1].level != h.level:
                stack.pop()
            previous = stack.pop()
            expected = previous.number + 1
            parent = stack[-1] if stack else None
            repeated = previous.number == h.number
        else:
            parent = stack[-1] if stack else None
            expected, repeated = 1, False
            if problem == "order" and parent is not None and parent.level > h.level:
                yield DocHit(h.start, h.end, None, {
                    "found": h.marker.strip(), "level": LEVEL_NAMES[h.level],
                    "parent": LEVEL_NAMES[parent.level]})
            if problem == "skip" and not skip_reported and parent is not None \
                    and h.level - parent.level > 1 and len(levels_used) > 2:
                skip_reported = True
                yield DocHit(h.start, h.end, None, {
                    "found": h.marker.strip(), "level": LEVEL_NAMES[h.level],
                    "missing": "、".join(LEVEL_NAMES[k] for k in range(parent.level + 1, h.level))})
        continued = expected == 1 and h.number == latest.get(h.level, -1) + 1
        if problem == "gap" and h.number != expected and not continued:
            yield DocHit(h.start, h.end, None, {
                "found": h.marker.strip(), "what": "重复" if repeated else "不连续",
                "expected": marker_text(h.level, expected), "level": LEVEL_NAMES[h.level]})
        stack.append(h)
        latest[h.level] = h.number


CHECKS = (heading_numbering,)
