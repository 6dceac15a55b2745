"""Length limits: which apply to a draft, how it stands, and where in the text each is crossed.

The numbers come from the active profile (``lexicons/profiles``) overlaid with the user's
overrides; this module only does the arithmetic: statuses for the report and, for the L1xx
findings, the document offset where the text goes past a limit — so an editor can mark exactly
the text beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..model import Counts, Document, LimitStatus
from . import counting

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


def parse_limit(spec: Any, key: str, fail, require_source: bool = False) -> Limit:
    """``{general = 1500, maximum = 2000, source = "…"}`` (or a bare number = general)."""
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        spec = {"general": spec}
    if not isinstance(spec, dict):
        fail(key, "限额应为表，如 {general = 1500, maximum = 2000}")
    unknown = set(spec) - {"general", "maximum", "source"}
    if unknown:
        fail(key, f"未知键 {'、'.join(sorted(unknown))}（可用：general、maximum、source）")
    values = {}
    for name in ("general", "maximum"):
        v = spec.get(name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0
                              or v != v or v == float("inf")):  # TOML allows inf and nan
            fail(f"{key}.{name}", "应为正数")
        values[name] = v
    if values["general"] is None and values["maximum"] is None:
        fail(key, "至少要有 general 或 maximum")
    if values["general"] is not None and values["maximum"] is not None \
            and values["maximum"] < values["general"]:
        fail(f"{key}.maximum", "最高限额不能小于一般限额")
    if require_source and not spec.get("source"):
        fail(f"{key}.source", "限额必须注明依据")
    return Limit(values["general"], values["maximum"], spec.get("source", USER_SOURCE))
