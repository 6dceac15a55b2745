"""压到限额: the trim code action on the length diagnostic and ``wenfeng.server.trimPlan``.

Plans are computed in the check thread pool (20–130 ms on a long draft) and cached per check
result on the server (``ls.trim_plans``); see :mod:`wenfeng.lsp.trim` for what they hold.
"""

from __future__ import annotations

import asyncio
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from ...errors import WenfengError
from ..code_actions import wenfeng_data
from ..trim import (
    CMD_TRIM_PLAN,
    is_length_diagnostic,
    make_plan,
    narrow,
    plan_object,
    targets_over,
    trim_action,
)
from .spec import command

TARGETS = ("general", "maximum")


async def plan_of(ls, result, target: str):
    """The plan for a check result (cached); raises WenfengError when there is no 字数 limit."""
    plan = ls.trim_plans.get(result.report, target)
    if plan is None:
        loop = asyncio.get_running_loop()
        plan = await loop.run_in_executor(ls.checks, make_plan, result.report, result.lexicons,
                                          target)
        ls.trim_plans.put(result.report, target, plan)
    return plan


def _annotations(ls) -> bool:
    return ls.supports("workspace.workspace_edit.change_annotation_support")


async def trim_actions(ls, params: types.CodeActionParams, result) -> list[types.CodeAction]:
    """"精简到限额（N处，约减M字）" (and to the 最高限额 when over it too), offered on the length
    diagnostic only."""
    diagnostics = [d for d in params.context.diagnostics if is_length_diagnostic(wenfeng_data(d))]
    if not diagnostics:
        return []
    uri, version, positions = params.text_document.uri, result.snapshot.version, result.positions()
    actions: list[types.CodeAction] = []
    for target in targets_over(result.report):
        try:
            plan = await plan_of(ls, result, target)
        except WenfengError as exc:  # a broken user trim/ lexicon: say so once, offer nothing
            ls.log(f"无法生成精简方案：{exc}", types.MessageType.Warning)
            return []
        action = trim_action(uri, version, plan, positions, diagnostics,
                             annotate=_annotations(ls), document_changes=ls.versioned_edits)
        if action is not None and all(a.title != action.title for a in actions):
            actions.append(action)
    return actions


def _ids(value: Any, count: int) -> list[int] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise JsonRpcInvalidParams("第三个参数应为要采纳的删改编号数组，如 [0, 2, 5]")
    return sorted({v for v in value if 0 <= v < count})


async def trim_plan(ls, *args):
    """``[uri, target = "general", ids = null]`` → the plan (narrowed to ``ids`` when given)."""
    if not args or not isinstance(args[0], str) or not args[0]:
        raise JsonRpcInvalidParams("参数应为 [uri, \"general\" | \"maximum\", [编号…]]")
    uri = args[0]
    target = args[1] if len(args) > 1 and args[1] is not None else "general"
    if target not in TARGETS:
        raise JsonRpcInvalidParams("第二个参数应为 \"general\"（一般限额）或 \"maximum\"（最高限额）")
    result = await ls.current(uri)
    if result is None:
        return None
    try:
        plan = await plan_of(ls, result, target)
    except WenfengError as exc:
        return {"uri": uri, "version": result.snapshot.version, "target": target,
                "error": str(exc), "cuts": [], "edits": []}
    ids = _ids(args[2] if len(args) > 2 else None, len(plan.cuts))
    positions = result.positions()
    if ids is None:
        return plan_object(uri, result.snapshot.version, result.report, plan, positions)
    return plan_object(uri, result.snapshot.version, result.report,
                       narrow(result.report, plan, ids), positions, ids)


HANDLERS = (
    command(CMD_TRIM_PLAN, trim_plan),
)
