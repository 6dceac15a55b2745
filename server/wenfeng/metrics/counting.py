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
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..chars import (
    CACHED_TEXT_MAX,
    HALF_CELLS,
    CharTable,
    cells,
    is_east_asian,
    is_han,
    is_space,
    per_text_cache,
)
from ..model import BlockKind, Counts, Document
from .pages import LINES_PER_PAGE, docx_line_budget

CHARS_PER_LINE = 28
TITLE_CHARS_PER_LINE = 20
PARAGRAPH_INDENT = 2
DEFAULT_RATE = 200
RATE_RANGE = (120, 300)


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


# -- per-text totals: fast and cached ------------------------------------------------------
# The totals below are what ``word_units``/``spoken_units``/the per-character tests give, computed
# with ``str.translate`` through tables that classify each code point once (on first sight) with
# those same tests, and cached per paragraph text: re-checking an edited document recounts only
# the paragraphs that changed (tests/test_incremental.py pins the equivalence).


_WORD_CLASS = CharTable(lambda ch: " " if is_space(ch) else ("E" if is_east_asian(ch) else "o"))
_WORD_UNIT = re.compile("E|o+")
_HAN_ONLY = CharTable(lambda ch: "h" if is_han(ch) else None)
_NON_SPACE_ONLY = CharTable(lambda ch: None if is_space(ch) else "c")


@per_text_cache
def word_count(text: str) -> int:
    """Word's 字数 of ``text`` (the number of ``word_units``)."""
    return len(_WORD_UNIT.findall(text.translate(_WORD_CLASS)))


@per_text_cache
def han_count(text: str) -> int:
    return len(text.translate(_HAN_ONLY))


@per_text_cache
def chars_no_spaces(text: str) -> int:
    """Word's 字符数(不计空格): every non-whitespace character (code point)."""
    return len(text.translate(_NON_SPACE_ONLY))


def spoken_units(text: str) -> Iterable[tuple[int, int]]:
    """Yield ``(end_offset, syllables)`` for each unit read aloud (Han 1; digits/letters ~1 each).

    "2024年" is read as five syllables, "5.2%" as about six (百分之五点二): we count each digit
    and letter as one syllable and ``%`` as three, which is close for the numbers 公文 contain.
    """
    for i, ch in enumerate(text):
        n = _spoken(ch)
        if n:
            yield i + 1, n


def _spoken(ch: str) -> int:
    """Syllables one character is read as."""
    if is_han(ch):
        return 1
    if ch.isascii() and ch.isalnum() or "０" <= ch <= "９":
        return 1
    if ch in "%％":
        return 3
    return 0


_SYLLABLES = CharTable(lambda ch: "s" * _spoken(ch) or None)


@per_text_cache
def syllables(text: str) -> int:
    return len(text.translate(_SYLLABLES))


# All five figures in one pass: each code point is classified once into a *combination* of what
# the five tables above would say of it, written as one private-use character; the figures are
# then sums over the counts of those characters (one ``translate`` and one ``Counter`` instead of
# five ``translate`` passes).  tests/test_counting.py pins the equality with the five functions.
_COMBOS: list[tuple[str, int, int, int, int]] = []   # (word class, han, non-space, syllables,
_COMBO_INDEX: dict[tuple[str, int, int, int, int], str] = {}  # half cells) → its character
_COMBO_BASE = 0xF0000  # supplementary private use area: never one of the classes' own outputs


def _combo(ch: str) -> str:
    key = (_WORD_CLASS[ord(ch)], len(_HAN_ONLY[ord(ch)] or ""), len(_NON_SPACE_ONLY[ord(ch)] or ""),
           len(_SYLLABLES[ord(ch)] or ""), len(HALF_CELLS[ord(ch)] or ""))
    code = _COMBO_INDEX.get(key)
    if code is None:
        code = _COMBO_INDEX[key] = chr(_COMBO_BASE + len(_COMBOS))
        _COMBOS.append(key)
    return code


_FIGURE_CLASS = CharTable(_combo)
_UNIT_PATTERNS: dict[int, re.Pattern[str]] = {}


def _units_pattern() -> re.Pattern[str]:
    """``E|o+`` over the combined classes (recompiled when a new combination appears)."""
    pattern = _UNIT_PATTERNS.get(len(_COMBOS))
    if pattern is None:
        east = "".join(chr(_COMBO_BASE + i) for i, c in enumerate(_COMBOS) if c[0] == "E")
        other = "".join(chr(_COMBO_BASE + i) for i, c in enumerate(_COMBOS) if c[0] == "o")
        parts = ([f"[{east}]"] if east else []) + ([f"[{other}]+"] if other else [])
        pattern = _UNIT_PATTERNS[len(_COMBOS)] = re.compile("|".join(parts) or "(?!)")
    return pattern


def _all_figures(text: str) -> tuple[int, int, int, int, float]:
    classes = text.translate(_FIGURE_CLASS)
    han = chars = spoken = half = 0
    for code, n in Counter(classes).items():
        _, h, c, s, w = _COMBOS[ord(code) - _COMBO_BASE]
        han += h * n
        chars += c * n
        spoken += s * n
        half += w * n
    return len(_units_pattern().findall(classes)), han, chars, spoken, half / 2


_cached_figures = lru_cache(maxsize=2048)(_all_figures)  # ≤ 34 MB: see lru.short_text_cache


def figures(text: str) -> tuple[int, int, int, int, float]:
    """``(word_count, han_count, chars_no_spaces, syllables, cells)`` of ``text``: what a
    document's counts need of one paragraph, in one cache look-up (a long document is re-counted
    on every keystroke, paragraph by paragraph)."""
    return _cached_figures(text) if len(text) <= CACHED_TEXT_MAX else _all_figures(text)


def clear_caches() -> None:
    """Forget the per-text totals (benchmarks measure cold runs with this)."""
    for fn in (word_count, han_count, chars_no_spaces, syllables, cells, _cached_figures,
               _body_lines):
        fn.cache_clear()  # type: ignore[attr-defined,union-attr]


def paragraph_lines(
    text: str, indent: int = PARAGRAPH_INDENT, per_line: int = CHARS_PER_LINE
) -> int:
    return max(1, math.ceil((indent + figures(text)[4]) / per_line))


@per_text_cache
def _body_lines(text: str) -> int:
    return paragraph_lines(text)


@dataclass(frozen=True)
class PageLayout:
    """Lines the non-body parts take; ``header_lines`` is the 红头 版头 (0 when absent)."""

    header_lines: int = 0


def line_budget(document: Document,
                layout: PageLayout = PageLayout()) -> list[tuple[int, float]]:
    """Cumulative grid lines after each block: ``[(block_index, lines_so_far), …]``."""
    real = document.extra.get("layout") if document.extra else None
    if real and real.get("sections"):  # a .docx: lay out on its own page setup
        return docx_line_budget(document, real)
    total: float = layout.header_lines
    out: list[tuple[int, float]] = []
    previous: BlockKind | None = None
    body_kinds = (BlockKind.BODY, BlockKind.HEADING)
    for block in document.blocks:
        kind = block.kind
        if kind in body_kinds:  # most blocks: the ``else`` below, looked up per text
            total += _body_lines(block.text)
            previous = kind
            out.append((block.index, total))
            continue
        if kind is BlockKind.META:
            continue
        total += _other_lines(kind, previous, block.text)
        previous = kind
        out.append((block.index, total))
    return out


def _other_lines(kind: BlockKind, previous: BlockKind | None, text: str) -> float:
    """Grid lines of a block that is not body text, after a block of kind ``previous``."""
    if kind is BlockKind.TITLE:
        return max(1, math.ceil(cells(text) / TITLE_CHARS_PER_LINE))
    if kind is BlockKind.ADDRESSEE:
        return 1 + paragraph_lines(text, indent=0)  # 标题下空一行
    if kind in (BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.NOTE):
        gap = previous not in (BlockKind.SIGNATURE, BlockKind.DATE, BlockKind.NOTE)
        return gap + paragraph_lines(text, indent=0)  # 正文下空一行
    if kind is BlockKind.ATTACHMENT:
        return (previous is not BlockKind.ATTACHMENT) + paragraph_lines(text)
    return paragraph_lines(text)


def total_lines(document: Document, layout: PageLayout = PageLayout()) -> float:
    """The last figure of :func:`line_budget` (0 when it is empty), without its per-block list:
    a keystroke re-counts the pages of the whole document, so the body paragraphs — nearly all
    of the blocks — are summed from their cached line counts in one ``map`` (in C), and only the
    few other blocks go through :func:`line_budget`'s rules."""
    real = document.extra.get("layout") if document.extra else None
    if real and real.get("sections"):
        budget = line_budget(document, layout)
        return budget[-1][1] if budget else 0
    blocks = document.blocks
    body_kinds = (BlockKind.BODY, BlockKind.HEADING)
    texts = [b.text for b in blocks if b.kind in body_kinds]
    if texts and max(map(len, texts)) <= CACHED_TEXT_MAX:
        total: float = sum(map(_body_lines.cached, texts))  # type: ignore[attr-defined]
    else:
        total = sum(map(_body_lines, texts))
    others = [i for i, b in enumerate(blocks) if b.kind not in body_kinds]
    if not texts and all(blocks[i].kind is BlockKind.META for i in others):
        return 0  # line_budget would list nothing
    total += layout.header_lines
    for i in others:
        block = blocks[i]
        kind = block.kind
        if kind is BlockKind.META:
            continue
        previous = next((b.kind for b in reversed(blocks[:i]) if b.kind is not BlockKind.META),
                        None)
        total += _other_lines(kind, previous, block.text)
    return total


def page_count(document: Document, layout: PageLayout = PageLayout()) -> int:
    lines = total_lines(document, layout)
    return max(1, math.ceil(lines / LINES_PER_PAGE)) if lines else 0


def counts_for(document: Document, rate: int = DEFAULT_RATE,
               layout: PageLayout = PageLayout()) -> Counts:
    """All figures for the counted part of ``document`` (正文: body paragraphs and headings)."""
    texts = [b.text for b in document.body_blocks]
    if texts and max(map(len, texts)) <= CACHED_TEXT_MAX:  # one look-up each, in C
        body = list(map(_cached_figures, texts))
    else:
        body = list(map(figures, texts))
    words, han, chars, spoken, _ = (sum(column) for column in zip(*body)) if body else (0,) * 5
    return Counts(
        words=words,
        han=han,
        chars_no_spaces=chars,
        paragraphs=len(body),
        pages=page_count(document, layout),
        minutes=round(spoken / rate, 1) if rate else 0.0,
        rate=rate,
    )
