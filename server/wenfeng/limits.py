"""Length limits: which apply to a draft, how it stands, and where in the text each is crossed.

The numbers come from the active profile (``lexicons/profiles``) overlaid with the user's
overrides; this module only does the arithmetic: statuses for the report and, for the L1xx
findings, the document offset where the text goes past a limit — so an editor can mark exactly
the text beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import counting
from .model import Counts, Document, LimitStatus

UNITS = {"words": "字", "pages": "页", "minutes": "分钟"}
METRICS = tuple(UNITS)


#: The 依据 of a limit a user set without naming one.
USER_SOURCE = "使用者设置"


@dataclass(frozen=True)
class Limit:
    general: float | None
    maximum: float | None
    source: str


def statuses(limits: dict[str, Limit], counts: Counts) -> tuple[LimitStatus, ...]:
    out = []
    for metric in METRICS:
        limit = limits.get(metric)
        if limit is None:
            continue
        value = {"words": counts.words, "pages": counts.pages, "minutes": counts.minutes}[metric]
        out.append(LimitStatus(metric=metric, value=value, general=limit.general,
                               maximum=limit.maximum, source=limit.source, unit=UNITS[metric]))
    return tuple(out)


def _units(document: Document, metric: str, rate: int) -> Iterator[tuple[int, float]]:
    """Yield ``(document offset where a unit starts, cumulative amount)`` through the 正文."""
    total = 0.0
    if metric == "words":
        for block in document.body_blocks:
            for start, _ in counting.word_units(block.text):
                total += 1
                yield block.to_source(start), total
    elif metric == "minutes":
        for block in document.body_blocks:
            for end, n in counting.spoken_units(block.text):
                total += n / rate
                yield block.to_source(end - 1), total


def crossing(document: Document, metric: str, threshold: float, rate: int) -> int | None:
    """Document offset of the first character beyond ``threshold`` (None if never crossed)."""
    if metric == "pages":
        # a page limit is crossed at the start of the first block that no longer fits
        blocks = {b.index: b for b in document.blocks}
        for index, lines in counting.line_budget(document):
            if lines / counting.LINES_PER_PAGE > threshold:
                return blocks[index].start
        return None
    if metric == "words":
        # whole paragraphs at a time (their 字数 is cached); unit by unit only where it is crossed
        total = 0
        for block in document.body_blocks:
            count = counting.word_count(block.text)
            if total + count > threshold:
                for start, _ in counting.word_units(block.text):
                    total += 1
                    if total > threshold:
                        return block.to_source(start)
            total += count
        return None
    for offset, amount in _units(document, metric, rate):
        if amount > threshold:
            return offset
    return None


def body_end(document: Document) -> int:
    """Offset just past the last counted character (where limit spans end)."""
    body = document.body_blocks
    return body[-1].end if body else (document.blocks[-1].end if document.blocks else 0)
