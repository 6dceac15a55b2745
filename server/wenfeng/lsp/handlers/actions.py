"""``textDocument/codeAction``: quick fixes from ``Diagnostic.data``, 压到限额, fix-all and 文种
choice."""

from __future__ import annotations

from lsprotocol import types

from ..code_actions import (
    DOCTYPE,
    FIX_ALL,
    KINDS,
    TRIM,
    doctype_actions,
    fix_all,
    quick_fixes,
    wants,
    wenfeng_data,
)
from ..positions import PositionMap
from ..uris import state_key
from .display import title_lines
from .spec import feature
from .trim import trim_actions


def _doctype_menu(params: types.CodeActionParams, titles: range) -> bool:
    """The "设为文种" actions: on the title line, or when asked for by kind — not in the Ctrl+.
    menu of every finding in the body."""
    return (params.context.only is not None
            or params.range.start.line in titles or params.range.end.line in titles)


def _quick_fixes(ls, params: types.CodeActionParams, doc) -> list[types.CodeAction]:
    """Fixes and "忽略此处" for the client's diagnostics, from their ``data`` alone."""
    positions = PositionMap(doc.source, doc.position_codec)
    return [action for diagnostic in params.context.diagnostics
            if (data := wenfeng_data(diagnostic)) is not None
            for action in quick_fixes(doc.uri, doc.version, diagnostic, data, positions,
                                      ls.versioned_edits)]


def _document_actions(ls, params: types.CodeActionParams, result) -> list[types.CodeAction]:
    """精简全文 and the 文种 choice, from the check of the document as it is now."""
    uri, only = params.text_document.uri, params.context.only
    version, report, positions = result.snapshot.version, result.report, result.positions()
    actions = []
    if wants(only, FIX_ALL) and (action := fix_all(uri, version, report, positions,
                                                   ls.versioned_edits)):
        actions.append(action)
    if wants(only, DOCTYPE) and _doctype_menu(params, title_lines(report, positions)):
        actions += doctype_actions(uri, version, report, ls.choices.doctype(state_key(uri)),
                                   positions, ls.versioned_edits)
    return actions


async def code_action(ls, params: types.CodeActionParams):
    uri, only = params.text_document.uri, params.context.only
    doc = ls.document(uri)
    if doc is None:
        return None
    actions = _quick_fixes(ls, params, doc) if wants(only, types.CodeActionKind.QuickFix) else []
    if (wants(only, FIX_ALL) or wants(only, DOCTYPE) or wants(only, TRIM)) and (
            result := await ls.current(uri, flush=False)):
        if wants(only, TRIM):
            actions += await trim_actions(ls, params, result)
        actions += _document_actions(ls, params, result)
    return actions


HANDLERS = (
    feature(types.TEXT_DOCUMENT_CODE_ACTION, code_action,
            types.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=False)),
)
