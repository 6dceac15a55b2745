"""Apply fixes to text safely: no overlapping edits, deterministic, idempotent.

Fixes are edits in code points.  When two overlap, the one that starts first (then the longer)
wins and the other is dropped, so applying "all fixes" can never corrupt the text; applying the
fixes of a re-check of the result changes nothing further once no rule fires.
"""

from __future__ import annotations

from typing import Iterable

from .model import Fix


def select(fixes: Iterable[Fix]) -> list[Fix]:
    """Non-overlapping fixes in document order (first start wins, then the longer one)."""
    chosen: list[Fix] = []
    last_end = -1
    for fix in sorted(fixes, key=lambda f: (f.start, -(f.end - f.start), f.replacement)):
        if fix.start < last_end or (fix.start == last_end and fix.start == fix.end):
            continue
        if chosen and fix.start == chosen[-1].start and fix.start == fix.end == chosen[-1].end:
            continue  # two insertions at one point: keep the first only
        chosen.append(fix)
        last_end = fix.end
    return chosen


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Return the fixed text and the fixes actually applied."""
    # stale edits (past the end, reversed) are dropped before choosing, so they are neither
    # reported as applied nor allowed to shadow a valid edit
    chosen = select(f for f in fixes if 0 <= f.start <= f.end <= len(text))
    out = []
    pos = 0
    for fix in chosen:
        out.append(text[pos:fix.start])
        out.append(fix.replacement)
        pos = fix.end
    out.append(text[pos:])
    return "".join(out), chosen


def word_change(saved: int) -> str:
    """“减少 N 字” for a saving, and honest words when fixes save nothing or add 字."""
    if saved > 0:
        return f"减少 {saved:,} 字"
    if saved < 0:
        return f"增加 {-saved:,} 字"
    return "字数不变"
