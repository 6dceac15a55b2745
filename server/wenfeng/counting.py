"""How long a draft is: Word-compatible 字数, 汉字数, 字符数, pages and speaking minutes.

Drafters check our number against Word's status bar, so the headline 字数 follows Word
(NORMS.md §3.2, the office-wordcount model validated against Word): every Han character and every
full-width (East Asian) character counts 1; an unbroken run of other non-space characters
(``2024``, ``GDP``, ``5.2%``, ``——``, ``“``) counts 1; whitespace counts 0.

Pages follow the GB/T 9704-2012 grid (5.2.3: 22 lines × 28 字 per page; body paragraphs indented
2 字; title in 2号 ≈ 20 字 per line) — NORMS.md §1.7.  Minutes divide the spoken syllables (汉字
plus digits and letters read out) by a speaking rate (NORMS.md §5: 200 字/分钟 default, 180–220).
Every function here works on plain strings and is pure.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from .model import BlockKind, Counts, Document

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
TITLE_CHARS_PER_LINE = 20
PARAGRAPH_INDENT = 2
DEFAULT_RATE = 200
RATE_RANGE = (120, 300)


def is_han(ch: str) -> bool:
    """A CJK ideograph (URO, extensions A–H, compatibility ideographs) or 〇."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x323AF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F or cp == 0x3007)


def is_space(ch: str) -> bool:
    return ch.isspace() or ch in "\u200b\ufeff" or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def is_east_asian(ch: str) -> bool:
    """Counted one by one by Word: Han, kana, hangul, and full-width forms and CJK punctuation."""
    if is_han(ch):
        return True
    cp = ord(ch)
    return (0x3000 < cp <= 0x303F or 0xFF01 <= cp <= 0xFF60 or 0xFFE0 <= cp <= 0xFFEE
            or 0x3040 <= cp <= 0x30FF or 0xAC00 <= cp <= 0xD7AF or 0x3100 <= cp <= 0x312F
            or 0xFE30 <= cp <= 0xFE4F)


def word_units(text: str) -> Iterable[tuple[int, int]]:
    """Yield ``(start, end)`` of each unit Word counts as one 字 (in order)."""
    run_start = -1
    for i, ch in enumerate(text):
        if is_space(ch):
            if run_start >= 0:
                yield run_start, i
                run_start = -1
        elif is_east_asian(ch):
            if run_start >= 0:
                yield run_start, i
                run_start = -1
            yield i, i + 1
        elif run_start < 0:
            run_start = i
    if run_start >= 0:
        yield run_start, len(text)


def word_count(text: str) -> int:
    """Word's 字数 of ``text``."""
    return sum(1 for _ in word_units(text))


def han_count(text: str) -> int:
    return sum(1 for ch in text if is_han(ch))


def chars_no_spaces(text: str) -> int:
    """Word's 字符数(不计空格): every non-whitespace character (code point)."""
    return sum(1 for ch in text if not is_space(ch))


def spoken_units(text: str) -> Iterable[tuple[int, int]]:
    """Yield ``(end_offset, syllables)`` for each unit read aloud (Han 1; digits/letters ~1 each).

    "2024年" is read as five syllables, "5.2%" as about six (百分之五点二): we count each digit
    and letter as one syllable and ``%`` as three, which is close for the numbers 公文 contain.
    """
    for i, ch in enumerate(text):
        if is_han(ch):
            yield i + 1, 1
        elif ch.isascii() and ch.isalnum() or "０" <= ch <= "９":
            yield i + 1, 1
        elif ch in "%％":
            yield i + 1, 3


def syllables(text: str) -> int:
    return sum(n for _, n in spoken_units(text))


def cells(text: str) -> float:
    """Grid cells a line of text takes: full width 1, half width 0.5 (NORMS §1.7)."""
    total = 0.0
    for ch in text:
        if is_space(ch) and ch != "\u3000":
            continue
        total += 1.0 if (is_east_asian(ch) or ch == "\u3000" or unicodedata.east_asian_width(ch)
                         in ("W", "F")) else 0.5
    return total


def paragraph_lines(text: str, indent: int = PARAGRAPH_INDENT, per_line: int = CHARS_PER_LINE) -> int:
    return max(1, math.ceil((indent + cells(text)) / per_line))


@dataclass(frozen=True)
class PageLayout:
    """Lines the non-body parts take; ``header_lines`` is the 红头 版头 (0 when absent)."""

    header_lines: int = 0


def line_budget(document: Document, layout: PageLayout = PageLayout()) -> list[tuple[int, int]]:
    """Cumulative grid lines after each block: ``[(block_index, lines_so_far), …]``."""
    total = layout.header_lines
    out = []
    previous: BlockKind | None = None
    for block in document.blocks:
        kind = block.kind
        if kind is BlockKind.META:
            continue
        if kind is BlockKind.TITLE:
            total += max(1, math.ceil(cells(block.text) / TITLE_CHARS_PER_LINE))
        elif kind is BlockKind.ADDRESSEE:
            total += 1 + paragraph_lines(block.text, indent=0)  # 标题下空一行
        elif kind in (BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.NOTE):
            if previous not in (BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.NOTE):
                total += 1  # 正文下空一行
            total += paragraph_lines(block.text, indent=0)
        elif kind is BlockKind.ATTACHMENT:
            if previous is not BlockKind.ATTACHMENT:
                total += 1
            total += paragraph_lines(block.text)
        else:
            total += paragraph_lines(block.text)
        previous = kind
        out.append((block.index, total))
    return out


def page_count(document: Document, layout: PageLayout = PageLayout()) -> int:
    budget = line_budget(document, layout)
    lines = budget[-1][1] if budget else 0
    return max(1, math.ceil(lines / LINES_PER_PAGE)) if lines else 0


def counts_for(document: Document, rate: int = DEFAULT_RATE,
               layout: PageLayout = PageLayout()) -> Counts:
    """All figures for the counted part of ``document`` (正文: body paragraphs and headings)."""
    body = [b.text for b in document.body_blocks]
    return Counts(
        words=sum(word_count(t) for t in body),
        han=sum(han_count(t) for t in body),
        chars_no_spaces=sum(chars_no_spaces(t) for t in body),
        paragraphs=len(body),
        pages=page_count(document, layout),
        minutes=round(sum(syllables(t) for t in body) / rate, 1) if rate else 0.0,
        rate=rate,
    )
