"""``workspace/executeCommand`` (``wenfeng.server.*``) and the ``wenfeng/stats`` request.

Arguments arrive as raw JSON values and are checked here; a bad call is answered with an
InvalidParams error, never a crash.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from ...doctypes import NAMES, canonical
from ...output.summary import describe, savings
from ..code_actions import (
    CMD_IGNORE,
    CMD_PICK_DOCTYPE,
    CMD_SET_DOCTYPE,
    fix_all,
    ignore_key,
    valid_data,
)
from ..protocol import STATS
from ..uris import state_key
from .spec import command, feature

PREFIX = "wenfeng.server."


def _uri(args: tuple[Any, ...], count: int = 1) -> str:
    if len(args) < count or not isinstance(args[0], str) or not args[0]:
        raise JsonRpcInvalidParams(f"参数应为 [uri{', …' if count > 1 else ''}]")
    return args[0]


def _doctype(value: Any) -> str | None:
    """A catalogue 文种 from a command argument; None for "" (automatic)."""
    if not isinstance(value, str):
        raise JsonRpcInvalidParams(f"文种应为字符串：{'、'.join(NAMES)}，或 \"\"（自动识别）")
    try:
        return (canonical(value) if value.strip() else "") or None
    except ValueError as exc:
        raise JsonRpcInvalidParams(str(exc)) from None


async def _stats(ls, uri: str) -> dict[str, Any] | None:
    result = await ls.current(uri)
    return result.stats if result else None


async def set_doctype(ls, *args):
    uri, doctype = _uri(args, 2), _doctype(args[1])
    ls.choices.set_doctype(state_key(uri), doctype)
    ls.recheck(uri)
    return await _stats(ls, uri)


async def pick_doctype(ls, *args):
    """"其他文种…": every 文种 as a message request (VS Code shows its own picker instead)."""
    uri = _uri(args)
    listed = await list_doctypes(ls, uri)
    answer = await ls.window_show_message_request_async(types.ShowMessageRequestParams(
        type=types.MessageType.Info, message=f"选择文种（当前：{listed['current'] or '未识别'}）",
        actions=[types.MessageActionItem(title=n) for n in listed["doctypes"] + ["自动识别"]]))
    if answer is None:
        return None
    return await set_doctype(ls, uri, "" if answer.title == "自动识别" else answer.title)


async def list_doctypes(ls, *args):
    result = await ls.current(_uri(args))
    current, detected = (result.report.doctype.name, result.report.doctype.detected) \
        if result else (None, None)
    first = [detected] if detected in NAMES else []
    return {"current": current, "detected": detected,
            "doctypes": first + [n for n in NAMES if n != detected]}


async def show_stats(ls, *args):
    result = await ls.current(_uri(args))
    if result and args[1:2] == ("message",):  # from the code lens: show it, too
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info,
                                                       message=describe(result.report)))
    return result.stats if result else None


async def fix_all_command(ls, *args):
    uri = _uri(args)
    result = await ls.current(uri)
    action = result and fix_all(uri, result.snapshot.version, result.report,
                                result.positions(), ls.versioned_edits)
    answer = action and await ls.workspace_apply_edit_async(
        types.ApplyWorkspaceEditParams(edit=action.edit, label="精简全文"))
    saved = savings(result.report) if answer and answer.applied else {"fixes": 0, "saves": 0}
    return {"fixes": saved["fixes"], "saved": saved["saves"]}


async def reload_lexicons(ls, *args):
    count = await ls.reload_lexicons()
    ls.recheck_all()
    return {"rules": count}


def ignore(ls, *args):
    uri, doc = _uri(args, 2), ls.document(args[0])
    data = valid_data(args[1])
    target = data and doc and ignore_key(data, doc.source, doc.version)
    if not target:
        raise JsonRpcInvalidParams("第二个参数应为本文档当前诊断的 data 对象")
    ls.choices.add_ignore(state_key(uri), *target)
    ls.recheck(uri)
    return {"ignored": len(ls.choices.ignores(state_key(uri)))}


def clear_ignores(ls, *args):
    uri = _uri(args)
    ls.choices.clear_ignores(state_key(uri))
    ls.recheck(uri)
    return {"ignored": 0}


async def stats_request(ls, params):
    uri = getattr(params, "uri", None) or (params.get("uri") if isinstance(params, dict) else None)
    if not isinstance(uri, str):
        raise JsonRpcInvalidParams("参数应为 {\"uri\": …}")
    return await _stats(ls, uri)


HANDLERS = (
    command(CMD_SET_DOCTYPE, set_doctype),
    command(CMD_PICK_DOCTYPE, pick_doctype),
    command(PREFIX + "listDoctypes", list_doctypes),
    command(PREFIX + "showStats", show_stats),
    command(PREFIX + "fixAll", fix_all_command),
    command(PREFIX + "reloadLexicons", reload_lexicons),
    command(CMD_IGNORE, ignore),
    command(PREFIX + "clearIgnores", clear_ignores),
    feature(STATS, stats_request),
)
