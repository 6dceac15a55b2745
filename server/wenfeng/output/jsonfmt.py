"""The JSON report: a stable, documented schema (``docs/report.schema.json``, version 1).

Adding fields is allowed within a version; renaming or removing one bumps ``version``.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..model import Finding, Report
from .positions import LineTable
from .summary import summary_dict

SCHEMA_VERSION = 1


def finding_dict(f: Finding, table: LineTable) -> dict[str, Any]:
    line, col = table.position(f.start)
    end_line, end_col = table.position(f.end)
    return {
        "rule": f.rule, "group": f.group, "level": f.level.label, "message": f.message,
        "source": f.source, "link": f.link, "start": f.start, "end": f.end,
        "line": line, "column": col, "endLine": end_line, "endColumn": end_col,
        "documentLevel": f.document_level, "found": f.data.get("found", ""),
        "fixes": [{"start": x.start, "end": x.end, "replacement": x.replacement,
                   "title": x.title, "safe": x.safe, "saves": x.saves} for x in f.fixes],
    }


def report_dict(report: Report, path: str) -> dict[str, Any]:
    table = LineTable(report.document.text)
    return {
        "path": path, "format": report.document.fmt, "encoding": report.document.encoding,
        "doctype": {"name": report.doctype.name, "how": report.doctype.how,
                    "detected": report.doctype.detected, "reason": report.doctype.reason,
                    "recognised": report.doctype.recognised},
        "profile": report.profile,
        **summary_dict(report),
        "findings": [finding_dict(f, table) for f in report.findings],
    }


def document(reports: list[tuple[str, Report]], errors: list[tuple[str, str]]) -> dict[str, Any]:
    by_level: dict[str, int] = {"error": 0, "warning": 0, "info": 0, "hint": 0}
    for _, r in reports:
        for f in r.findings:
            by_level[f.level.label] += 1
    return {
        "version": SCHEMA_VERSION, "tool": {"name": "wenfeng", "version": __version__},
        "files": [report_dict(r, p) for p, r in reports],
        "errors": [{"path": p, "message": m} for p, m in errors],
        "summary": {"files": len(reports), "errors": len(errors), "findings": by_level},
    }
