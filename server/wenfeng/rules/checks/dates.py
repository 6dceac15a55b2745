"""The 成文日期: its written form (GB/T 9704-2012 7.3.5.4) and its value for other checks.

The standard wants Arabic numerals with the year in full and no leading zeros ("2024年3月5日").
Drafts carry "二〇二四年三月五日" (the pre-2012 form), "2024年03月05日", "2024.3.5" or "24年".
The fix rewrites the whole date, so one finding carries one edit.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ...model import BlockKind, Document
from ..context import DocContext, DocHit
from .base import check
from .numerals import cn_to_int, digit_string

_CN = "〇○零Ｏ一二三四五六七八九十"
_ARABIC = re.compile(r"(?P<y>\d{2,4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_SEPARATED = re.compile(
    r"(?P<y>\d{4})\s*(?P<sep>[./-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
)
_CHINESE = re.compile(
    rf"(?P<y>[{_CN}]{{2,4}})\s*年\s*(?P<m>[{_CN}]{{1,3}})\s*月\s*(?P<d>[{_CN}]{{1,3}})\s*日"
)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def read_date(text: str) -> tuple[int, int, tuple[int, int, int], str] | None:
    """``(start, end, (y, m, d), form)`` of the first date in ``text``; form is "standard",
    "arabic" (non-standard Arabic), "separated" or "chinese".  Two-digit years count as 20xx."""
    m = _ARABIC.search(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        year = y + 2000 if len(m["y"]) == 2 else y
        if _valid(year, mo, d):
            standard = (len(m["y"]) == 4 and not m["m"].startswith("0")
                        and not m["d"].startswith("0")
                        and m.group(0) == f"{y}年{mo}月{d}日")
            return m.start(), m.end(), (year, mo, d), "standard" if standard else "arabic"
    m = _SEPARATED.search(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if _valid(y, mo, d):
            return m.start(), m.end(), (y, mo, d), "separated"
    m = _CHINESE.search(text)
    if m:
        digits = digit_string(m["y"])
        month, day = cn_to_int(m["m"]), cn_to_int(m["d"])
        if digits and month and day and len(digits) == 4 and _valid(int(digits), month, day):
            return m.start(), m.end(), (int(digits), month, day), "chinese"
    return None


def issue_date(document: Document) -> tuple[dt.date, str] | None:
    """The 成文日期 (last DATE block) as a date and as written."""
    for block in reversed(document.blocks):
        if block.kind is BlockKind.DATE:
            found = read_date(block.text)
            if found:
                start, end, (y, m, d), _ = found
                return dt.date(y, m, d), block.text[start:end]
    return None


@check("date_form", forms=list, since=str)
def date_form(ctx: DocContext, rule) -> Iterator[DocHit]:
    """Report the 成文日期 when its form is one of ``forms`` and offer the standard form.

    ``since`` (ISO date): dates before it are left alone — they followed the rules of their time
    (汉字 成文日期 was the standard form until GB/T 9704-2012 took effect on 2012-07-01)."""
    forms = set(rule.params.get("forms", ["arabic", "separated", "chinese"]))
    since = dt.date.fromisoformat(rule.params["since"]) if rule.params.get("since") else None
    for block in ctx.document.blocks:
        if block.kind is not BlockKind.DATE:
            continue
        found = read_date(block.text)
        if not found or found[3] not in forms:
            continue
        i, j, (y, m, d), _ = found
        if since and _valid(y, m, d) and dt.date(y, m, d) < since:
            continue
        start, end = block.source_span(i, j)
        fixed = f"{y}年{m}月{d}日"
        yield DocHit(start, end, fixed if block.is_contiguous(i, j) else None,
                     {"found": block.text[i:j], "expected": fixed})


CHECKS = (date_form,)
