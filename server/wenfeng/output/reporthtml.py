"""The folder report as one self-contained HTML page with inline-SVG charts.

No scripts, fonts or images from anywhere else: the page can be mailed or archived as it is.
Each 文种 gets a bar chart of its documents' lengths (in the unit of its limit: 字, 页 or 分钟)
with the 一般 and 最多 limits drawn as lines, then the totals, the per-file table, each file's
findings in a collapsible ``<details>`` (closed; no script needed), and the files not checked
(.doc/.wps that could not be converted, PDF) with the reason.  Everything from a file — names,
messages, quoted text — is escaped.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path
from typing import Any

from .summary import STATE_NAMES, limit_text

COLORS = {"ok": "#3a7d44", "warning": "#d98e04", "error": "#c0392b", "none": "#7f8c8d"}
LABEL_W, PLOT_W, ROW_H, TOP, BOTTOM = 230, 520, 24, 34, 28

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;
margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
td.n{text-align:right}.warning{color:#b9770e}.error{color:#c0392b;font-weight:bold}
svg{display:block;margin:.5em 0}svg text{font-size:12px;fill:#333}
details{margin:.3em 0}summary{cursor:pointer}details table{margin-left:1.2em}
"""


def _value(row: dict[str, Any], metric: str) -> float:
    return {"words": row["words"], "pages": row["pages"], "minutes": row["minutes"]}[metric]


def _nice_step(top: float) -> float:
    raw = top / 5 if top > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def chart(doctype: str, rows: list[dict[str, Any]], limit: dict[str, Any] | None) -> str:
    """Horizontal bars per document with the limit lines; an inline ``<svg>`` string."""
    metric = limit["metric"] if limit else "words"
    unit = limit["unit"] if limit else "字"
    rows = sorted(rows, key=lambda r: -_value(r, metric))
    values = [_value(r, metric) for r in rows]
    marks = [v for v in ((limit or {}).get("general"), (limit or {}).get("maximum")) if v]
    top = max(values + marks + [1]) * 1.08
    step = _nice_step(top)
    top = math.ceil(top / step) * step
    height = TOP + ROW_H * len(rows) + BOTTOM
    total_w = LABEL_W + PLOT_W + 80
    x = lambda v: LABEL_W + PLOT_W * v / top  # noqa: E731
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{total_w}" '
             f'height="{height}" viewBox="0 0 {total_w} {height}" role="img" '
             f'aria-label="{escape(doctype)}篇幅与限额">']
    tick = 0.0
    while tick <= top + 1e-9:
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{TOP - 6}" x2="{x(tick):.1f}" '
            f'y2="{height - BOTTOM}" stroke="#eee"/>'
            f'<text x="{x(tick):.1f}" y="{height - 10}" text-anchor="middle">{tick:g}</text>'
        )
        tick += step
    for i, (row, value) in enumerate(zip(rows, values)):
        y = TOP + i * ROW_H
        state = row["state"] if limit else "none"
        name = Path(row["path"]).name
        label = name if len(name) <= 18 else name[:17] + "…"
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="{LABEL_W}" y="{y + 3}" '
            f'width="{max(1.0, x(value) - LABEL_W):.1f}" '
            f'height="{ROW_H - 8}" fill="{COLORS.get(state, COLORS["none"])}">'
            f'<title>{escape(row["path"])}：{value:g} {unit}</title></rect>'
            f'<text x="{x(value) + 4:.1f}" y="{y + 15}">{value:g}</text>'
        )
    for key, label, color in (("general", "一般", COLORS["warning"]),
                              ("maximum", "最多", COLORS["error"])):
        v = (limit or {}).get(key)
        if v:
            parts.append(f'<line class="limit" x1="{x(v):.1f}" y1="{TOP - 8}" x2="{x(v):.1f}" '
                         f'y2="{height - BOTTOM}" stroke="{color}" stroke-width="2" '
                         f'stroke-dasharray="6 3"/><text x="{x(v):.1f}" y="{TOP - 12}" '
                         f'text-anchor="middle" fill="{color}">{label} {v:g}{unit}</text>')
    parts.append(f'<text x="{LABEL_W + PLOT_W}" y="{height - 10}" text-anchor="start" '
                 f'dx="16">单位：{unit}</text></svg>')
    return "".join(parts)


def _totals_table(data: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td class=n>{t['documents']}</td>"
        f"<td class=n>{t['overGeneral']}</td><td class=n>{t['overMaximum']}</td>"
        f"<td class=n>{t['averageWords']:,}</td><td class=n>{t['words']:,}</td>"
        f"<td>{escape(limit_text(t['limit']))}</td></tr>"
        for name, t in data["totals"].items())
    return ("<table class=totals><tr><th>文种</th><th>篇数</th><th>超一般限额</th><th>超最高限额</th>"
            f"<th>平均字数</th><th>总字数</th><th>限额</th></tr>{rows}</table>")


def _files_table(data: dict[str, Any]) -> str:
    names = data["groups"]
    groups = [g for g in names if any(f["groups"].get(g) for f in data["files"])]
    head = "".join(f"<th title='{names[g]}'>{g}</th>" for g in groups)
    rows = []
    for f in data["files"]:
        cells = "".join(f"<td class=n>{f['groups'].get(g, 0)}</td>" for g in groups)
        rows.append(f"<tr><td>{escape(f['path'])}</td><td>{escape(f['doctype'])}</td>"
                    f"<td class=n>{f['words']:,}</td><td>{escape(limit_text(f['limit']))}</td>"
                    f"<td class=n>{f['pages']}</td><td class={f['state']}>"
                    f"{STATE_NAMES.get(f['state'], '')}</td>{cells}</tr>")
    return (f"<table class=files><tr><th>文件</th><th>文种</th><th>字数</th><th>限额</th><th>页数</th>"
            f"<th>状态</th>{head}</tr>{''.join(rows)}</table>")


LEVEL_NAMES = {"error": "错误", "warning": "警告", "info": "提示", "hint": "建议"}


def _file_details(f: dict[str, Any]) -> str:
    """One file's findings, collapsed under a line that gives the count by level."""
    counts = "，".join(f"{LEVEL_NAMES[lv]} {n}" for lv, n in f["levels"].items() if n)
    note = "（由 LibreOffice 转换后检查）" if f.get("convertedBy") else ""
    rows = "".join(
        f"<tr><td class=n>{i['line']}</td><td class=n>{i['column']}</td>"
        f"<td class={escape(i['level'])}>{LEVEL_NAMES.get(i['level'], escape(i['level']))}</td>"
        f"<td>{escape(i['rule'])}</td><td>{escape(i['found'])}</td>"
        f"<td>{escape(i['message'])}<br><small>依据：{escape(i['source'])}</small></td></tr>"
        for i in f["issues"])
    return (f"<details class=file><summary>{escape(f['path'])}{note}：{f['findings']} 处"
            f"（{counts}）</summary><table><tr><th>行</th><th>列</th><th>级别</th><th>规则</th>"
            f"<th>原文</th><th>说明</th></tr>{rows}</table></details>")


def _findings_section(data: dict[str, Any]) -> str:
    with_findings = [f for f in data["files"] if f["issues"]]
    clean = len(data["files"]) - len(with_findings)
    return (f"<h2>各文件问题</h2><p>{len(with_findings)} 个文件有问题（点开查看），"
            f"{clean} 个文件没有发现问题。</p>" + "".join(map(_file_details, with_findings)))


def _unchecked_section(data: dict[str, Any]) -> str:
    items = "".join(f"<li>{escape(u['path'])}：{escape(u['reason'])}</li>"
                    for u in data.get("unchecked", []))
    return f"<h2>未检查的文件</h2><ul class=unchecked>{items}</ul>" if items else ""


def html_page(data: dict[str, Any]) -> str:
    sections = []
    for doctype, t in data["totals"].items():
        rows = [f for f in data["files"] if f["doctype"] == doctype]
        sections.append(
            f"<section class=doctype><h2>{escape(doctype)}（{t['documents']} 篇，"
            f"超限 {t['overGeneral']} 篇）</h2>{chart(doctype, rows, t['limit'])}</section>"
        )
    errors = "".join(f"<li>{escape(e['path'])}：{escape(e['message'])}</li>" for e in data["errors"])
    total_words = sum(t["words"] for t in data["totals"].values())
    return (
        "<!DOCTYPE html>\n<html lang=zh-CN><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>文风报告：{len(data['files'])} 个文件</title><style>{_CSS}</style></head><body>"
        f"<h1>文风报告</h1><p>共 {len(data['files'])} 个文件，正文 {total_words:,} 字"
        + (f"；另有 {len(data['unchecked'])} 个文件未检查（见文末）" if data.get("unchecked") else "")
        + f"。wenfeng {escape(data['tool']['version'])}</p>"
        f"<h2>按文种汇总</h2>{_totals_table(data)}{''.join(sections)}"
        f"<h2>文件明细</h2>{_files_table(data)}{_findings_section(data)}"
        + _unchecked_section(data)
        + (f"<h2>无法读取的文件</h2><ul class=errors>{errors}</ul>" if errors else "")
        + "</body></html>\n")
