"""Findings → LSP diagnostics.

Each diagnostic carries in ``data`` everything a code action needs (docs/PROTOCOL.md): the rule,
the code-point span, the fixes and the document version, plus the finding's fingerprint for
"ignore here".  Code actions are rebuilt from that, never from the range a client echoes back
(Neovim 0.7 echoes byte columns).
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from ..model import Finding, Level, Report
from ..rules.engine import fingerprint
from .code_actions import SOURCE
from .positions import PositionMap

SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.INFO: types.DiagnosticSeverity.Information,
    Level.HINT: types.DiagnosticSeverity.Hint,
}


def message_of(finding: Finding) -> str:
    """The rule's Chinese message, with the clause it rests on unless it already names it."""
    if not finding.source or "依据" in finding.message:
        return finding.message
    return f"{finding.message}\n依据：{finding.source}"


def data_of(finding: Finding, report: Report, version: int | None) -> dict[str, Any]:
    return {
        "rule": finding.rule, "start": finding.start, "end": finding.end,
        "fixes": [{"start": f.start, "end": f.end, "replacement": f.replacement,
                   "title": f.title, "safe": f.safe} for f in finding.fixes],
        "version": version,
        "fingerprint": fingerprint(report.document, finding.rule, finding.start, finding.end),
    }


def to_diagnostic(finding: Finding, report: Report, positions: PositionMap,
                  version: int | None) -> types.Diagnostic:
    return types.Diagnostic(
        range=positions.range(finding.start, finding.end),
        message=message_of(finding),
        severity=SEVERITY[finding.level],
        code=finding.rule,
        code_description=types.CodeDescription(href=finding.link) if finding.link else None,
        source=SOURCE,
        data=data_of(finding, report, version),
    )


def to_diagnostics(report: Report, positions: PositionMap,
                   version: int | None) -> list[types.Diagnostic]:
    return [to_diagnostic(f, report, positions, version) for f in report.findings]
