"""A document's figures as the editor shows them: the ``wenfeng/stats`` object (status item),
the code-lens line above the title and the hover on it.

"请示 · 1,432 / 1,500 字 · 约 3 页" (and speaking minutes for 讲话, 主持词 and 汇报材料).  Built from
the same :class:`~wenfeng.model.Report` and summary helpers as the CLI, so both agree.  Pure.
"""

from __future__ import annotations

from typing import Any

from ..doctypes import SPOKEN
from ..fixes import word_change
from ..model import LimitStatus, Report
from ..output.summary import HOW_LABELS, VERDICTS, bounds, savings, summary_dict

HOW_TO_SET = "未识别文种，不检查篇幅限额。可用代码操作“设为文种”指定，或在文首加一行“文种：请示”。"


def _number(x: float | None) -> float | int | None:
    return int(x) if isinstance(x, float) and x.is_integer() else x


def stats_object(report: Report, uri: str, version: int | None,
                 complete: bool = True) -> dict[str, Any]:
    """The ``wenfeng/stats`` payload (docs/PROTOCOL.md); ``complete`` is False for a provisional
    start-up result (the full one follows)."""
    return {
        "uri": uri, "version": version,
        "doctype": report.doctype.name, "doctypeHow": report.doctype.how,
        "detected": report.doctype.detected, "profile": report.profile,
        **summary_dict(report, _number),
        "complete": complete,
    }


def _against(value: str, status: LimitStatus | None, unit: str) -> str:
    if status is None:
        return f"{value} {unit}"
    bound = status.general if status.general is not None else status.maximum
    return f"{value} / {_number(bound):,} {unit}"


def lens_text(report: Report) -> str:
    """"请示 · 1,432 / 1,500 字 · 约 3 页" (+ " · 约 7.2 分钟" for speeches)."""
    c = report.counts
    by_metric = {s.metric: s for s in report.limits}
    name = report.doctype.name if report.doctype.recognised else "未识别文种"
    parts = [name, _against(f"{c.words:,}", by_metric.get("words"), "字"),
             "约 " + _against(f"{c.pages}", by_metric.get("pages"), "页")]
    if report.doctype.name in SPOKEN or "minutes" in by_metric:
        parts.append("约 " + _against(f"{c.minutes:g}", by_metric.get("minutes"), "分钟"))
    return " · ".join(parts)


def _limit_line(s: LimitStatus) -> str:
    parts = [f"{label} {_number(v):,} {s.unit}" for label, v in bounds(s.general, s.maximum)]
    return f"- 限额：{'，'.join(parts)}（{VERDICTS[s.state]}）—— {s.source}"


def hover_markdown(report: Report) -> str:
    """The hover on the title line: the lens line, then how each figure was arrived at."""
    c, d = report.counts, report.doctype
    lines = [
        f"**{lens_text(report)}**",
        "",
        f"- 文种：{d.name}（{HOW_LABELS.get(d.how, d.how)}"
        + (f"：{d.reason}" if d.reason and d.how != "explicit" else "")
        + "）"
        + (f"；检测结果为{d.detected}" if d.detected != d.name else ""),
        f"- 正文 {c.words:,} 字（汉字 {c.han:,}，字符 {c.chars_no_spaces:,}，不计空格），{c.paragraphs} 段",
        f"- 约 {c.pages} 页（GB/T 9704 版心估算）；按 {c.rate} 字/分钟朗读约 {c.minutes:g} 分钟",
        f"- 限额方案：{report.profile}",
    ]
    lines += [_limit_line(s) for s in report.limits]
    saved = savings(report)
    if saved["fixes"]:
        lines.append(f"- 可精简 {saved['fixes']} 处，{word_change(saved['saves'])}（代码操作“精简全文”）")
    lines += ["", HOW_TO_SET if not d.recognised else "更改文种：代码操作“设为文种”。"]
    return "\n".join(lines)
