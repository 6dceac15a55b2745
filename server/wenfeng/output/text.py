"""Terminal output: ``path:line:col: level ID message`` per finding (flake8 style, parsable by
editors), a status line per file, and a closing summary.  Colours only on a terminal and never
when ``NO_COLOR`` is set."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, TextIO

from ..fixes import word_change
from ..model import Level, Report
from .positions import LineTable
from .summary import describe, savings

_COLORS = {Level.ERROR: "\033[31m", Level.WARNING: "\033[33m", Level.INFO: "\033[36m",
           Level.HINT: "\033[2m"}
_RESET = "\033[0m"
_BOLD = "\033[1m"


def format_report(report: Report, path: str, color: bool = False) -> list[str]:
    table = LineTable(report.document.text)
    lines = []
    head = f"{path}: {describe(report)}"
    lines.append(f"{_BOLD}{head}{_RESET}" if color else head)
    for f in report.findings:
        line, col = table.position(f.start)
        level = f.level.label
        if color:
            level = f"{_COLORS[f.level]}{level}{_RESET}"
        lines.append(f"{path}:{line}:{col}: {level} {f.rule} {f.message}")
    s = savings(report)
    if s["fixes"]:
        tail = f"（超出一般限额 {s['over']:,} 字）" if s["over"] else ""
        lines.append(f"{path}: 可一键精简 {s['fixes']} 处，{word_change(s['saves'])}{tail}；"
                     f"用 --fix 应用，或 --diff 先看改动")
    return lines


def closing(reports: Iterable[Report], errors: int) -> str:
    counter: Counter[Level] = Counter()
    files = 0
    for r in reports:
        files += 1
        counter.update(f.level for f in r.findings)
    parts = [f"{counter[lv]} 个{lv.chinese}" for lv in (Level.ERROR, Level.WARNING, Level.INFO,
                                                        Level.HINT) if counter[lv]]
    found = "，".join(parts) if parts else "未发现问题"
    err = f"，{errors} 个文件无法检查" if errors else ""
    return f"共检查 {files} 个文件：{found}{err}"


def write(out: TextIO, lines: Iterable[str]) -> None:
    for line in lines:
        out.write(line + "\n")
