"""Code actions, built from ``Diagnostic.data`` and the current check — never from echoed ranges.

- ``quickfix`` per fix of a diagnostic (preferred when it is the only, safe fix) and "忽略此处";
- ``source.fixAll.wenfeng``: every safe fix at once ("精简全文：共 N 处，减少 M 字");
- ``refactor.rewrite.wenfeng.doctype`` (on the title line, or when asked for by kind): "设为文种：X"
  for the detected 文种 and a few likely ones (stored per document, the text is untouched),
  "其他文种…" (a picker), and a variant that writes a marker line ("文种：X", in markdown
  ``<!-- 文种：X -->``) that every reader of the file — CLI included — honours.

``data`` is what :mod:`.diagnostics` put there.  Its offsets are code points of the version it
names; when the client's document has moved on, a fix is offered only if the finding's
fingerprint still matches the text at those offsets.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from lsprotocol import types

from ..doctypes import BY_NAME, CATALOGUE, canonical
from ..fixes import select, word_change
from ..model import Document, Fix, Report
from ..output.summary import savings
from ..sources.parts import MARKER_RE
from .positions import PositionMap, lsp_lines

SOURCE = "wenfeng"  # Diagnostic.source of ours
FIX_ALL = "source.fixAll.wenfeng"
DOCTYPE = "refactor.rewrite.wenfeng.doctype"
CMD_SET_DOCTYPE = "wenfeng.server.setDoctype"
CMD_IGNORE = "wenfeng.server.ignore"
TRIM = "quickfix.wenfeng.trim"  # 压到限额 (lsp/trim.py builds it)
CMD_PICK_DOCTYPE = "wenfeng.server.pickDoctype"
#: Offered when no 文种 was recognised: the ones most drafts are.
COMMON_DOCTYPES = ("请示", "专项报告", "通知")
#: How many 文种 the menu names (the detected one first; the rest are behind "其他文种…").
MENU_SIZE = 4
KINDS = [types.CodeActionKind.QuickFix, TRIM, FIX_ALL, DOCTYPE]
_FRONT_MATTER_END = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def wenfeng_data(diagnostic: types.Diagnostic) -> dict[str, Any] | None:
    """The ``data`` of one of our diagnostics, if it is well-formed (clients may send anything)."""
    return valid_data(diagnostic.data) if diagnostic.source in (SOURCE, None) else None


def valid_data(data: Any) -> dict[str, Any] | None:
    """``data`` if it has the shape ``diagnostics.data_of`` gives it, else None."""
    if not isinstance(data, dict):
        return None
    if not isinstance(data.get("rule"), str) or not all(
        isinstance(data.get(k), int) and not isinstance(data.get(k), bool) for k in ("start", "end")
    ):
        return None
    if not isinstance(data.get("fixes", []), list):
        return None
    return data


def wants(only: Iterable[str] | None, kind: str) -> bool:
    """Whether the client's ``only`` filter admits ``kind`` (LSP: hierarchical prefixes)."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit],
                   document_changes: bool) -> types.WorkspaceEdit:
    """A versioned edit where the client supports it (stale edits are then refused)."""
    if document_changes:
        ident = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(ident, edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def text_edits(fixes: Iterable[Fix], positions: PositionMap) -> list[types.TextEdit]:
    return [types.TextEdit(range=positions.range(f.start, f.end), new_text=f.replacement)
            for f in fixes]


def _fingerprint(data: dict[str, Any], text: str) -> str:
    from ..rules.engine import fingerprint  # loaded by the first check long before this runs

    return fingerprint(Document(text=text, blocks=()), data["rule"], data["start"], data["end"])


def still_valid(data: dict[str, Any], text: str, version: int | None) -> bool:
    """Do the code-point offsets in ``data`` still address the finding in ``text``?"""
    start, end = data["start"], data["end"]
    if not 0 <= start <= end <= len(text):
        return False
    if data.get("version") == version:
        return True
    expected = data.get("fingerprint")
    return bool(expected) and _fingerprint(data, text) == expected


def ignore_key(data: dict[str, Any], text: str, version: int | None) -> tuple[str, str] | None:
    """``(rule, fingerprint)`` to store for "ignore here", or None if the text moved on."""
    if isinstance(data.get("fingerprint"), str):
        return data["rule"], data["fingerprint"]
    if not still_valid(data, text, version):
        return None
    return data["rule"], _fingerprint(data, text)


def _fixes_of(data: dict[str, Any], text: str) -> list[Fix]:
    out = []
    for f in data.get("fixes", []):
        try:
            fix = Fix(int(f["start"]), int(f["end"]), str(f["replacement"]),
                      str(f.get("title", "")),
                      bool(f.get("safe", False)))
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= fix.start <= fix.end <= len(text):
            out.append(fix)
    return out


def quick_fixes(uri: str, version: int | None, diagnostic: types.Diagnostic,
                data: dict[str, Any], positions: PositionMap,
                document_changes: bool) -> list[types.CodeAction]:
    """One quickfix per fix in ``data`` plus "忽略此处"."""
    actions = []
    fixes = _fixes_of(data, positions.text) if still_valid(data, positions.text, version) else []
    for fix in fixes:
        actions.append(types.CodeAction(
            title=fix.title or f"改为“{fix.replacement}”",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            is_preferred=len(fixes) == 1 and fix.safe,
            edit=workspace_edit(uri, version, text_edits([fix], positions), document_changes)))
    actions.append(types.CodeAction(
        title=f"忽略此处（{data['rule']}）", kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        command=types.Command(title="忽略此处", command=CMD_IGNORE, arguments=[uri, data])))
    return actions


def fix_all(uri: str, version: int | None, report: Report, positions: PositionMap,
            document_changes: bool) -> types.CodeAction | None:
    """Every safe, non-overlapping fix of the report in one edit."""
    chosen = select(report.safe_fixes)
    if not chosen:
        return None
    saved = savings(report)
    return types.CodeAction(
        title=f"精简全文：共 {len(chosen)} 处，{word_change(saved['saves'])}", kind=FIX_ALL,
        edit=workspace_edit(uri, version, text_edits(chosen, positions), document_changes))


def marker_edit(text: str, fmt: str, doctype: str) -> Fix:
    """Write "文种：X" as the document's marker line: replace an existing one, else insert it at
    the top (after YAML front matter in markdown)."""
    line = f"<!-- 文种：{doctype} -->" if fmt == "md" else f"文种：{doctype}"
    offset = 0
    head = lsp_lines(text)
    for raw in head[:40] if fmt == "md" else head[:8]:
        body = raw.rstrip("\r\n")
        if MARKER_RE.match(body):
            return Fix(offset, offset + len(body), line, safe=True)
        offset += len(raw)
    newline = "\r\n" if "\r\n" in text[:2000] else "\n"
    at = 0
    if fmt == "md" and (m := _FRONT_MATTER_END.match(text)):
        at = m.end()
        if text[at - 1:at] not in ("\n", "\r"):
            return Fix(at, at, newline + line + newline, safe=True)
    return Fix(at, at, line + newline, safe=True)


def _marker_name(report: Report) -> str | None:
    try:
        return canonical(report.document.marker_doctype or "") or None
    except ValueError:
        return None


def likely_doctypes(detected: str | None, chosen: str | None) -> list[str]:
    """The detected 文种, the chosen one, then others that go the same way (upward, downward…) in
    catalogue order — or the common ones when nothing was recognised; :data:`MENU_SIZE` in all."""
    first = [n for n in dict.fromkeys((detected, chosen)) if n in BY_NAME]
    base = BY_NAME.get(detected or "") or BY_NAME.get(chosen or "")
    pool = [d.name for d in CATALOGUE if d.direction == base.direction] if base else COMMON_DOCTYPES
    return (first + [n for n in pool if n not in first])[:MENU_SIZE]


def doctype_actions(uri: str, version: int | None, report: Report, chosen: str | None,
                    positions: PositionMap, document_changes: bool) -> list[types.CodeAction]:
    """"设为文种：X" for the likely 文种 (detected first), "其他文种…", automatic, and the
    marker-line variant."""
    detected = report.doctype.detected
    actions = []
    for name in likely_doctypes(detected, chosen):
        notes = ("（检测）" if name == detected else "") + ("（当前）" if name == chosen else "")
        actions.append(types.CodeAction(
            title=f"设为文种：{name}{notes}", kind=DOCTYPE,
            command=types.Command(title=f"设为文种：{name}", command=CMD_SET_DOCTYPE,
                                  arguments=[uri, name])))
    actions.append(types.CodeAction(
        title="其他文种…", kind=DOCTYPE,
        command=types.Command(title="选择文种", command=CMD_PICK_DOCTYPE, arguments=[uri])))
    if chosen:
        actions.append(
            types.CodeAction(
                title=f"设为文种：自动识别（{detected}）",
                kind=DOCTYPE,
                command=types.Command(
                    title="自动识别文种", command=CMD_SET_DOCTYPE, arguments=[uri, ""]
                ),
            )
        )
    current = report.doctype.name
    if report.doctype.recognised and _marker_name(report) != current:
        fix = marker_edit(positions.text, report.document.fmt, current)
        actions.append(
            types.CodeAction(
                title=f"在文首写入文种标记行“文种：{current}”",
                kind=DOCTYPE,
                edit=workspace_edit(uri, version, text_edits([fix], positions), document_changes),
                # the marker then decides; drop a stored choice that would override it
                command=types.Command(
                    title="自动识别文种", command=CMD_SET_DOCTYPE, arguments=[uri, ""]
                )
                if chosen
                else None,
            )
        )
    return actions
