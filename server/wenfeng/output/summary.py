"""Figures shared by all formatters: the status line of a report and the "精简" summary."""

from __future__ import annotations

from ..metrics import counting
from ..doctypes import HOW_TO_SET
from ..fixes import select
from ..model import Report

HOW_LABELS = {"explicit": "指定", "config": "配置", "marker": "标记行", "title": "标题识别",
              "content": "正文识别", "none": "未识别"}


def savings(report: Report) -> dict[str, int]:
    """What applying every safe fix would save, against the overage of the 字数 limit."""
    chosen = select(report.safe_fixes)
    saved = sum(counting.word_count(report.document.text[f.start:f.end])
                - counting.word_count(f.replacement) for f in chosen)
    over = 0
    for status in report.limits:
        if status.metric == "words" and status.general is not None and status.value > status.general:
            over = int(status.value - status.general)
    return {"fixes": len(chosen), "saves": saved, "over": over}


def status_text(report: Report) -> str:
    """Short status: "请示 1,432/1,500字" (the editor status item shows the same)."""
    words = report.counts.words
    if not report.doctype.recognised:
        return f"未识别文种 {words:,}字"
    for status in report.limits:
        limit = status.general if status.general is not None else status.maximum
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
    parts = [f"{report.doctype.name}（{HOW_LABELS.get(report.doctype.how, report.doctype.how)}）",
             f"正文 {c.words:,} 字（汉字 {c.han:,}，字符 {c.chars_no_spaces:,}）",
             f"约 {c.pages} 页", f"约 {c.minutes:g} 分钟（{c.rate} 字/分钟）"]
    for s in report.limits:
        bound = []
        if s.general is not None:
            bound.append(f"一般 {s.general:g}")
        if s.maximum is not None:
            bound.append(f"最多 {s.maximum:g}")
        parts.append(f"限额 {'/'.join(bound)} {s.unit}" + ("" if s.state == "ok" else
                                                          "（超出）"))
    line = " · ".join(parts)
    if not report.doctype.recognised:
        line += "。" + HOW_TO_SET
    return line
