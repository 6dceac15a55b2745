"""``limit``: the draft against its 文种's length limit in the active profile.

Over 一般 gives a finding at the rule's level spanning the text past 一般 (up to 最多 when that is
also exceeded); over 最多 gives an ``error`` spanning the text past 最多.  The message carries the
count, the limit and the overage, e.g. "请示正文 1,732 字，超出一般限额 1,500 字 232 字".
"""

from __future__ import annotations

from typing import Iterator

from ...metrics.limits import UNITS, body_end, crossing
from ...model import Level
from ..context import DocContext, DocHit

KEYS = {"metric": str}
SCOPE = "document"


def prepare(rule, lexicon) -> str:
    metric = rule.params.get("metric")
    if metric not in UNITS:
        raise ValueError(f"metric 只能是 {'、'.join(UNITS)}")
    return metric


def dict_words(prepared) -> list[str]:
    return []


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def run_document(rule, metric: str, ctx: DocContext) -> Iterator[DocHit]:
    limits = ctx.settings.limits_for(ctx.profile, ctx.doctype.name)
    limit = limits.get(metric)
    if limit is None or not ctx.doctype.recognised:
        return
    value = {"words": ctx.counts.words, "pages": ctx.counts.pages,
             "minutes": ctx.counts.minutes}[metric]
    rate = ctx.counts.rate
    end = body_end(ctx.document)
    general_at = crossing(ctx.document, metric, limit.general, rate) \
        if limit.general is not None and value > limit.general else None
    max_at = crossing(ctx.document, metric, limit.maximum, rate) \
        if limit.maximum is not None and value > limit.maximum else None
    real_pages = bool(ctx.document.extra and ctx.document.extra.get("layout"))
    base = {"doctype": ctx.doctype.name, "value": _fmt(value), "unit": UNITS[metric],
            "rate": rate, "limit_source": limit.source,
            "page_basis": "按 Word 文件的页面设置估算" if real_pages
            else "按 GB/T 9704 每页22行、每行28字估算"}
    if general_at is not None and limit.general is not None:
        stop = max_at if max_at is not None and max_at > general_at else end
        yield DocHit(general_at, stop, None, dict(
            base, which="一般限额", limit=_fmt(limit.general), over=_fmt(value - limit.general)),
            document_level=True)
    if max_at is not None and limit.maximum is not None:
        yield DocHit(max_at, end, None, dict(
            base, which="最高限额", limit=_fmt(limit.maximum), over=_fmt(value - limit.maximum)),
            level=Level.ERROR, document_level=True)
