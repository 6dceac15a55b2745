"""A report's figures, said once for every output: the summary dict, the status line, the
"精简" savings and the wording of limits.

:func:`summary_dict` is what the JSON output, the language server's ``wenfeng/stats`` and the
folder report all carry (counts, limits, state, status text, savings); the limit helpers below
are the only place a limit is put into words.
"""

from __future__ import annotations

from typing import Any, Callable

from ..doctypes import HOW_TO_SET
from ..fixes import select
from ..metrics import counting
from ..model import Counts, LimitStatus, Report

HOW_LABELS = {"explicit": "指定", "config": "配置", "marker": "标记行", "title": "标题识别",
              "content": "正文识别", "none": "未识别"}


def savings(report: Report) -> dict[str, int]:
    """What applying every safe fix would save, against the overage of the 字数 limit."""
    chosen = select(report.safe_fixes)
    saved = sum(counting.word_count(report.document.text[f.start:f.end])
                - counting.word_count(f.replacement) for f in chosen)
    over = 0
    for status in report.limits:
        if (status.metric == "words" and status.general is not None
                and status.value > status.general):
            over = int(status.value - status.general)
    return {"fixes": len(chosen), "saves": saved, "over": over}


def status_text(report: Report) -> str:
    """Short status: "请示 1,432/1,500字" (the editor status item shows the same)."""
    words = report.counts.words
    if not report.doctype.recognised:
        return f"未识别文种 {words:,}字"
    for status in report.limits:
        limit = status.general if status.general is not None else status.maximum
        assert limit is not None  # a limit has at least one bound (parse_limit)
        if status.metric == "words":
            return f"{report.doctype.name} {words:,}/{int(limit):,}字"
        if status.metric == "pages":
            return f"{report.doctype.name} 约{report.counts.pages}/{int(limit)}页"
        if status.metric == "minutes":
            return f"{report.doctype.name} 约{report.counts.minutes:g}/{limit:g}分钟"
    return f"{report.doctype.name} {words:,}字"


def state(report: Report) -> str:
    states = [s.state for s in report.limits]
    return "error" if "error" in states else "warning" if "warning" in states else "ok"


def describe(report: Report) -> str:
    """One human line: 文种 (and how it was decided), counts, limits, pages, minutes."""
    c = report.counts
    how = HOW_LABELS.get(report.doctype.how, report.doctype.how)
    parts = [report.doctype.name if how == report.doctype.name else f"{report.doctype.name}（{how}）",
             f"正文 {c.words:,} 字（汉字 {c.han:,}，字符 {c.chars_no_spaces:,}）",
             f"约 {c.pages} 页", f"约 {c.minutes:g} 分钟（{c.rate} 字/分钟）"]
    for s in report.limits:
        bound = [f"{label} {v:g}" for label, v in bounds(s.general, s.maximum)]
        parts.append(f"限额 {'/'.join(bound)} {s.unit}" + ("" if s.state == "ok" else
                                                          "（超出）"))
    line = " · ".join(parts)
    if not report.doctype.recognised:
        line += "。" + HOW_TO_SET
    return line


# -- the summary dict ----------------------------------------------------------------------------
def _same(x: float | None) -> float | int | None:
    return x


def counts_dict(c: Counts) -> dict[str, Any]:
    return {"words": c.words, "han": c.han, "charsNoSpaces": c.chars_no_spaces,
            "paragraphs": c.paragraphs, "pages": c.pages, "minutes": c.minutes, "rate": c.rate}


def limit_dict(s: LimitStatus, number: Callable[[float | None], Any] = _same) -> dict[str, Any]:
    return {"metric": s.metric, "value": number(s.value), "general": number(s.general),
            "maximum": number(s.maximum), "unit": s.unit, "state": s.state, "source": s.source}


def summary_dict(report: Report,
                 number: Callable[[float | None], Any] = _same) -> dict[str, Any]:
    """Counts, limits, state, status text and savings (``number`` shapes the limit figures)."""
    return {"counts": counts_dict(report.counts),
            "limits": [limit_dict(s, number) for s in report.limits],
            "state": state(report), "statusText": status_text(report),
            "savings": savings(report)}


# -- limits in words -----------------------------------------------------------------------------
#: A limit state as a table cell ("" when within the limit).
STATE_NAMES = {"ok": "", "warning": "超一般限额", "error": "超最高限额"}
#: A limit state as a verdict.
VERDICTS = {"ok": "未超出", "warning": "超出一般限额", "error": "超出最多限额"}


def bounds(general: float | None, maximum: float | None) -> list[tuple[str, float]]:
    """The bounds a limit has, labelled: ``[("一般", 1500), ("最多", 2000)]``."""
    return [(label, v) for label, v in (("一般", general), ("最多", maximum)) if v]


def limit_text(limit: dict[str, Any] | None) -> str:
    """A limit dict as "1500/2000字" ("—" for none)."""
    if not limit:
        return "—"
    values = [f"{v:g}" for v in (limit["general"], limit["maximum"]) if v is not None]
    return f"{'/'.join(values)}{limit['unit']}"
