"""Findings → LSP diagnostics.

Each diagnostic carries in ``data`` everything a code action needs (docs/PROTOCOL.md): the rule,
the code-point span, the fixes and the document version, plus the finding's fingerprint for
"ignore here".  Code actions are rebuilt from that, never from the range a client echoes back
(Neovim 0.7 echoes byte columns).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, NamedTuple

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
    """The report's diagnostics.  An editor asks for all of them on every keystroke, and most
    are what the previous version had, often moved by a few code points but on the same line:
    the range, message and link, made into lsprotocol objects, are kept, keyed by everything
    they are made of (the rule, message, level, link, fingerprint and client positions)."""
    document = report.document
    out = []
    for f in report.findings:
        start, end = positions.units(f.start), positions.units(f.end)
        fp = fingerprint(document, f.rule, f.start, f.end)
        key = (f.rule, f.level, f.message, f.source, f.link, fp, start, end)
        with _LOCK:
            made = _MADE.get(key)
            if made is not None:
                _MADE.move_to_end(key)
        if made is None:
            made = _Made(
                types.Range(start=types.Position(line=start[0], character=start[1]),
                            end=types.Position(line=end[0], character=end[1])),
                message_of(f),
                types.CodeDescription(href=f.link) if f.link else None)
            with _LOCK:
                _MADE[key] = made
                while len(_MADE) > _MADE_SIZE:
                    _MADE.popitem(last=False)
        out.append(types.Diagnostic(
            range=made.range, message=made.message, severity=SEVERITY[f.level], code=f.rule,
            code_description=made.link, source=SOURCE,
            data={"rule": f.rule, "start": f.start, "end": f.end,
                  "fixes": [{"start": x.start, "end": x.end, "replacement": x.replacement,
                             "title": x.title, "safe": x.safe} for x in f.fixes],
                  "version": version, "fingerprint": fp}))
    return out


class _Made(NamedTuple):
    """The parts of a diagnostic kept between checks (read, never changed, by everyone)."""

    range: types.Range
    message: str
    link: types.CodeDescription | None


#: Diagnostics' parts kept (a few hundred bytes each): the findings of a dozen long documents.
_MADE_SIZE = 2048
_MADE: OrderedDict[tuple, _Made] = OrderedDict()
_LOCK = threading.Lock()
