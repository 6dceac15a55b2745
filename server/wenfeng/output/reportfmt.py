"""Render a folder report (``wenfeng report``) as a terminal table, JSON, CSV or HTML.

Pure functions of the plain-data report built by ``wenfeng.cli.folder_report.build``.  The
terminal table pads by display width (a 汉字 is two columns), CSV has one row per file with a
BOM when written to a file (Excel then reads it as UTF-8), HTML is in ``reporthtml``.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

from ..display import cell
from .reporthtml import html_page
from .summary import STATE_NAMES, limit_text


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, cols: int, right: bool = False) -> str:
    gap = " " * max(0, cols - width(text))
    return gap + text if right else text + gap


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    def line(cells: list[str]) -> str:
        return "  ".join(pad(c, cols[i], i in right) for i, c in enumerate(cells))

    out = [line(headers), "  ".join("-" * c for c in cols)]
    out.extend(line(r) for r in rows)
    return out


def table(data: dict[str, Any]) -> str:
    names = data["groups"]
    groups = [g for g in names if any(f["groups"].get(g) for f in data["files"])]
    headers = ["文件", "文种", "字数", "限额", "页数", "状态"] + groups
    rows = []
    for f in data["files"]:
        rows.append([f["path"], f["doctype"], f"{f['words']:,}", limit_text(f["limit"]),
                     str(f["pages"]), STATE_NAMES.get(f["state"], f["state"])]
                    + [str(f["groups"].get(g, 0)) for g in groups])
    out = _table(headers, rows, {2, 4, *range(6, 6 + len(groups))})
    if groups:
        out.append("分组：" + "，".join(f"{g} {names[g]}" for g in groups))
    out.append("")
    t_rows = [[name, str(t["documents"]), str(t["overGeneral"]), str(t["overMaximum"]),
               f"{t['averageWords']:,}", f"{t['words']:,}", limit_text(t["limit"])]
              for name, t in data["totals"].items()]
    out.extend(_table(["文种", "篇数", "超一般限额", "超最高限额", "平均字数", "总字数", "限额"],
                      t_rows, {1, 2, 3, 4, 5}))
    unchecked = data.get("unchecked", [])
    if unchecked:
        out.append("")
        out.append(f"未检查 {len(unchecked)} 个文件：")
        out.extend(f"  {u['path']}：{u['reason']}" for u in unchecked)
    n = len(data["files"])
    out.append(f"共 {n} 个文件，{sum(t['words'] for t in data['totals'].values()):,} 字"
               + (f"；{len(unchecked)} 个文件未检查" if unchecked else "")
               + (f"；{len(data['errors'])} 个文件无法读取" if data["errors"] else ""))
    return "\n".join(out) + "\n"


def csv_columns(groups: dict[str, str]) -> list[str]:
    return ["path", "doctype", "words", "han", "pages", "minutes", "limit_metric",
            "limit_general", "limit_maximum", "limit_unit", "state", "findings",
            *[f"group_{g}" for g in groups], "error", "warning", "info", "hint", "note"]


def csv_text(data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_columns(data["groups"]))
    for f in data["files"]:
        limit = f["limit"] or {}
        writer.writerow([cell(f["path"]), cell(f["doctype"]), f["words"], f["han"], f["pages"],
                         f["minutes"],
                         limit.get("metric", ""), _num(limit.get("general")),
                         _num(limit.get("maximum")), limit.get("unit", ""), f["state"],
                         f["findings"], *[f["groups"].get(g, 0) for g in data["groups"]],
                         *[f["levels"].get(lv, 0) for lv in ("error", "warning", "info", "hint")],
                         "由 LibreOffice 转换后检查" if f.get("convertedBy") else ""])
    columns = csv_columns(data["groups"])
    state, last = columns.index("state"), len(columns) - 1
    for u in data.get("unchecked", []):  # listed, never dropped: state "unchecked" and why
        writer.writerow([cell(u["path"]), *[""] * (state - 1), "unchecked",
                         *[""] * (last - state - 1), cell(u["reason"])])
    return buffer.getvalue()


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_text(data)
    if fmt == "html":
        return html_page(data)
    return table(data)
