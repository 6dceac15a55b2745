"""SARIF 2.1.0 output for code-scanning tools (GitHub, GitLab, IDE viewers).

Columns are Unicode code points (``columnKind = "unicodeCodePoints"``), matching the text output;
every rule that fired is described in ``tool.driver.rules`` with its source clause.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..model import Level, Report
from ..rules.spec import Rule
from .positions import LineTable

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note", Level.HINT: "note"}


def _uri(path: str) -> str:
    p = Path(path)
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # a name that is not UTF-8: its own bytes, %-encoded
        raw = quote(os.fsencode(p.as_posix()))
        return raw if not p.is_absolute() else "file://" + raw
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def document(reports: list[tuple[str, Report]], rules: dict[str, Rule],
             errors: list[tuple[str, str]]) -> dict[str, Any]:
    used = sorted({f.rule for _, r in reports for f in r.findings})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    driver_rules = []
    for rule_id in used:
        rule = rules[rule_id]
        entry: dict[str, Any] = {
            "id": rule_id, "name": rule.name,
            "shortDescription": {"text": rule.name},
            "fullDescription": {"text": rule.explain or rule.name},
            "defaultConfiguration": {"level": _LEVELS[rule.level]},
            "properties": {"source": rule.source, "group": rule.group, "kind": rule.kind},
        }
        if rule.link:
            entry["helpUri"] = rule.link
        driver_rules.append(entry)
    results = []
    for path, report in reports:
        table = LineTable(report.document.text)
        uri = _uri(path)
        for f in report.findings:
            line, col = table.position(f.start)
            end_line, end_col = table.position(f.end)
            result: dict[str, Any] = {
                "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _LEVELS[f.level],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": line, "startColumn": col, "endLine": end_line,
                               "endColumn": end_col, "charOffset": f.start,
                               "charLength": f.end - f.start},
                }}],
                "properties": {"source": f.source},
            }
            if f.fixes:
                result["fixes"] = [{
                    "description": {"text": x.title or "修正"},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [{
                        "deletedRegion": {"charOffset": x.start, "charLength": x.end - x.start},
                        "insertedContent": {"text": x.replacement},
                    }]}],
                } for x in f.fixes]
            results.append(result)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "wenfeng", "version": __version__,
                            "informationUri": "https://pypi.org/project/wenfeng/",
                            "rules": driver_rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if errors:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": [
            {"level": "error", "message": {"text": m},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(p)}}}]}
            for p, m in errors]}]
    else:
        run["invocations"] = [{"executionSuccessful": True}]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
