"""Estimate where a .docx's pages break from its real page setup, not the GB/T 9704 grid.

A Word file knows its paper, margins, document grid, fonts, indents, line spacing, explicit page
breaks and section breaks (``Document.extra["layout"]``, made by ``sources/docx``).  This module
lays the paragraphs out line by line on those pages.  It is an estimate: Word's own line breaking
(避头尾, kerning, font metrics) is not reproduced, so a line more or less per few paragraphs is
expected.  ``line_budget`` answers in the grid-line units of ``counting`` (22 per page), so the
page limit (L102) and the place it is crossed work unchanged for .docx and text.

Single-spaced line height without a grid is taken as 1.3 × the font size (Word's ratio for
宋体/仿宋-class CJK fonts); on a document grid a line takes as many grid pitches as it needs.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

from ..chars import cells
from ..model import Document

LINES_PER_PAGE = 22  # GB/T 9704-2012 5.2.3: 22 lines of 28 字 per page

PT_PER_MM = 72 / 25.4
LINE_FACTOR = 1.3
_GRID_LINES = {"lines", "linesAndChars", "snapToChars"}
_GRID_CHARS = {"linesAndChars", "snapToChars"}


def _pt(mm: float | None, default_mm: float) -> float:
    return (mm if mm is not None else default_mm) * PT_PER_MM


class _Page:
    """Geometry of one section's page."""

    def __init__(self, section: dict[str, Any], base_size: float) -> None:
        self.width = (_pt(section.get("page_width_mm"), 210) - _pt(section.get("left_mm"), 28)
                      - _pt(section.get("right_mm"), 26) - _pt(section.get("gutter_mm"), 0))
        self.height = (_pt(section.get("page_height_mm"), 297) - _pt(section.get("top_mm"), 37)
                       - _pt(section.get("bottom_mm"), 35))
        self.width = max(self.width, 36.0)
        self.height = max(self.height, 36.0)
        grid = section.get("grid") or {}
        self.grid = grid.get("type") or "default"
        self.pitch = grid.get("line_pitch_pt") if self.grid in _GRID_LINES else None
        self.char_pitch = (base_size + (grid.get("char_space") or 0) / 4096
                           if self.grid in _GRID_CHARS else None)


def char_pitch(page: _Page, record: dict[str, Any]) -> float:
    return page.char_pitch or record.get("size_pt") or 10.5


def line_height(page: _Page, record: dict[str, Any]) -> float:
    """Height of one line of this paragraph in points."""
    spacing = record.get("spacing") or {}
    size = record.get("size_pt") or 10.5
    natural = size * LINE_FACTOR
    rule = spacing.get("rule", "auto")
    if rule == "exact" and spacing.get("line_pt"):
        return spacing["line_pt"]
    if rule == "atLeast" and spacing.get("line_pt"):
        natural = max(natural, spacing["line_pt"])
        multiple = 1.0
    else:
        multiple = spacing.get("multiple") or 1.0
    if page.pitch and record.get("snap_to_grid", True):
        return page.pitch * max(1, math.ceil(natural * multiple / page.pitch - 0.05))
    return natural * multiple


def chars_per_line(
    page: _Page, record: dict[str, Any], width: float | None = None
) -> tuple[int, float]:
    """(characters per line, first-line indent in characters) for this paragraph."""
    pitch = char_pitch(page, record)
    ind = record.get("indent") or {}

    def amount(prefix: str) -> float:
        if ind.get(f"{prefix}_chars") is not None:
            return ind[f"{prefix}_chars"] * pitch
        return ind.get(f"{prefix}_pt") or 0.0

    avail = (width or page.width) - amount("left") - amount("right")
    per_line = max(1, math.floor(avail / pitch + 0.01))
    first = amount("first") / pitch
    return per_line, first


def paragraph_lines(page: _Page, record: dict[str, Any], text: str,
                    width: float | None = None) -> list[int]:
    """Printed lines for each "\\n"-separated line of the paragraph text."""
    per_line, first = chars_per_line(page, record, width)
    out = []
    for i, line in enumerate(text.split("\n")):
        used = cells(line) + (first if i == 0 else 0)
        out.append(max(1, math.ceil(used / per_line - 1e-9)))
    return out


def _spacing(page: _Page, record: dict[str, Any], side: str) -> float:
    spacing = record.get("spacing") or {}
    if spacing.get(f"{side}_lines"):
        line = page.pitch or (record.get("size_pt") or 10.5) * LINE_FACTOR
        return spacing[f"{side}_lines"] * line
    return spacing.get(f"{side}_pt") or 0.0


class _Flow:
    """The running position: page number and height used on it."""

    def __init__(self) -> None:
        self.page = 0
        self.y = 0.0
        self.height = 1.0

    def new_page(self) -> None:
        if self.y > 0:
            self.page += 1
            self.y = 0.0

    def advance(self, amount: float) -> None:
        """Add ``amount`` points as one unsplittable line or row."""
        if self.y > 0 and self.y + amount > self.height + 0.01:
            self.page += 1
            self.y = 0.0
        if not math.isfinite(amount) or amount < 0:
            amount = 0.0
        self.y += amount
        if self.y > self.height + 0.01:  # taller than a page (a huge table row): whole pages
            pages = math.ceil((self.y - self.height - 0.01) / self.height)
            self.y -= pages * self.height
            self.page += pages

    def position(self) -> float:
        return (self.page + self.y / self.height) * LINES_PER_PAGE


def _block_of_line(starts: list[int], document: Document, start: int, end: int) -> int | None:
    """The block that begins on the text line [start, end] (blocks are sorted by start)."""
    k = bisect.bisect_left(starts, start)
    if k < len(starts) and starts[k] <= end:
        return document.blocks[k].index
    return None


def docx_line_budget(document: Document, layout: dict[str, Any]) -> list[tuple[int, float]]:
    """Cumulative grid-line position after each block, laid out on the document's own pages."""
    sections = layout.get("sections") or []
    base = layout.get("base_size_pt") or 10.5
    pages = [_Page(s, base) for s in sections] or [_Page({}, base)]
    flow = _Flow()
    after: dict[int, float] = {}
    records = layout.get("paragraphs") or []
    current_section = 0
    starts = [b.start for b in document.blocks]
    i = 0
    while i < len(records):
        record = records[i]
        sec = min(record.get("section", 0), len(pages) - 1)
        if sec != current_section:
            if sections[sec].get("start_type", "nextPage") != "continuous":
                flow.new_page()
            current_section = sec
        page = pages[sec]
        flow.height = page.height
        if record.get("table"):
            j = i
            key = tuple(record["table"][:2])
            row: list[dict[str, Any]] = []
            while j < len(records) and records[j].get("table") and \
                    tuple(records[j]["table"][:2]) == key:
                row.append(records[j])
                j += 1
            _place_row(document, page, flow, row, after)
            i = j
            continue
        if record.get("page_break_before"):
            flow.new_page()
        text = document.text[record["start"]:record["end"]]
        height = line_height(page, record)
        before = _spacing(page, record, "before")
        if flow.y > 0 and before:  # space before is dropped at the top of a page
            if flow.y + before <= flow.height:
                flow.y += before
            else:
                flow.new_page()
        breaks = set(record.get("page_breaks") or [])
        offset = record["start"]
        for k, (line, n) in enumerate(zip(text.split("\n"), paragraph_lines(page, record, text))):
            for _ in range(n):
                flow.advance(height)
            block = _block_of_line(starts, document, offset, offset + len(line))
            if block is not None:
                after[block] = flow.position()
            offset += len(line) + 1
            if k in breaks:
                flow.new_page()
        spacing_after = _spacing(page, record, "after")
        if flow.y + spacing_after <= flow.height:
            flow.y += spacing_after
        i += 1
    return sorted(after.items())


def _place_row(document: Document, page: _Page, flow: _Flow, row: list[dict[str, Any]],
               after: dict[int, float]) -> None:
    """A table row: its cells side by side, as tall as the tallest cell."""
    cells_in_row = sorted({r["table"][2] for r in row})
    heights = {c: 0.0 for c in cells_in_row}
    for record in row:
        width = record.get("cell_width_pt") or page.width / max(1, len(cells_in_row))
        text = document.text[record["start"]:record["end"]]
        lines = sum(paragraph_lines(page, record, text, width))
        heights[record["table"][2]] += lines * line_height(page, record) \
            + _spacing(page, record, "before") + _spacing(page, record, "after")
    flow.advance(max(heights.values()) if heights else 0.0)
    for record in row:
        for block in record.get("blocks") or []:
            after[block] = flow.position()
