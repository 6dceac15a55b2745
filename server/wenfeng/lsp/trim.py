"""压到限额 in the editor: the trim plan as one code action and as a checklist for clients.

- On the length diagnostic (L101), a ``quickfix.wenfeng.trim`` action "精简到限额（9处，约减211字）"
  applies the whole plan as ONE workspace edit.  Where the client supports change annotations,
  each edit carries the annotation of its grade (安全 / 较稳妥 / 需斟酌); the last two need
  confirmation, so VS Code opens its refactor preview and the drafter unticks what should stay.
- ``wenfeng.server.trimPlan [uri, target?, ids?]`` returns the plan as JSON — each cut with its
  id, grade, class, reason, code-point span and client range, and saving — so a client can show
  a checklist; called again with the ticked ``ids`` it returns the edits of just those cuts
  (a paragraph cut away entirely takes its line with it, which single cuts cannot say).

Offsets stay code points inside (the core's plan); they become client positions only here, through
:class:`~wenfeng.lsp.positions.PositionMap`.  Plans are cached per check result: a code-action
request comes with every cursor move over a long diagnostic.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Iterable

from lsprotocol import types

from .code_actions import TRIM
from .positions import PositionMap

if TYPE_CHECKING:
    from ..model import Report
    from ..trim import TrimPlan

CMD_TRIM_PLAN = "wenfeng.server.trimPlan"
LENGTH_RULE = "L101"
GRADES = ("safe", "likely", "review")  # least to most in need of a look
#: grade → (annotation label, needs confirmation, description)
ANNOTATIONS = {
    "safe": ("安全的删改", False, "简化说法、删去套话，不改变意思"),
    "likely": ("较稳妥的删改", True, "删去强调副词、表态结尾等，一般不改变意思，请过目"),
    "review": ("需斟酌的删改", True, "删去意义铺垫、重复表述等整句，请逐处确认"),
}
_CACHE_SIZE = 8


class PlanCache:
    """The last few plans, keyed by the check result's report (kept alive by the entry, so its
    identity cannot be reused while cached) and the target."""

    def __init__(self) -> None:
        self._plans: OrderedDict[tuple[int, str], tuple[Report, TrimPlan]] = OrderedDict()

    def get(self, report: Report, target: str) -> TrimPlan | None:
        hit = self._plans.get((id(report), target))
        if hit is None or hit[0] is not report:
            return None
        self._plans.move_to_end((id(report), target))
        return hit[1]

    def put(self, report: Report, target: str, plan: TrimPlan) -> None:
        self._plans[(id(report), target)] = (report, plan)
        while len(self._plans) > _CACHE_SIZE:
            self._plans.popitem(last=False)


def make_plan(report: Report, lexicons: tuple[str, ...], target: str) -> TrimPlan:
    """The core's plan with the engine of the check's lexicon folders; slow: run off the loop."""
    from ..rules.engine import get_engine  # loaded by the first check long before this runs
    from ..trim import plan_trim

    return plan_trim(report, target, engine=get_engine(lexicons))


def narrow(report: Report, plan: TrimPlan, ids: Iterable[int]) -> TrimPlan:
    from ..trim import choose

    return choose(report, plan, ids)


def targets_over(report: Report) -> list[str]:
    """The limits the 正文's 字数 exceeds: "general" first, then "maximum"."""
    status = next((s for s in report.limits if s.metric == "words"), None)
    if status is None:
        return []
    return [target for target, limit in (("general", status.general),
                                         ("maximum", status.maximum))
            if limit is not None and status.value > limit]


def is_length_diagnostic(data: dict[str, Any] | None) -> bool:
    return data is not None and data.get("rule") == LENGTH_RULE


def _grade_of(plan: TrimPlan, covered: tuple[int, ...]) -> str:
    """An edit that carries several cuts (a paragraph removed whole) takes the least safe grade."""
    return max((plan.cuts[n].grade for n in covered), key=GRADES.index)


def workspace_edit(uri: str, version: int | None, plan: TrimPlan, positions: PositionMap,
                   *, annotate: bool, document_changes: bool) -> types.WorkspaceEdit:
    """The plan's edits as one workspace edit; annotated by grade when ``annotate`` (which needs
    ``document_changes``: only a ``TextDocumentEdit`` carries annotations)."""
    if not document_changes:
        return types.WorkspaceEdit(changes={uri: [
            types.TextEdit(range=positions.range(start, end), new_text=new)
            for start, end, new in plan.edits]})
    edits: list[types.TextEdit | types.AnnotatedTextEdit] = []
    used: set[str] = set()
    for (start, end, new), covered in zip(plan.edits, plan.edit_cuts):
        rng = positions.range(start, end)
        if annotate:
            grade = _grade_of(plan, covered)
            used.add(grade)
            edits.append(types.AnnotatedTextEdit(range=rng, new_text=new,
                                                 annotation_id=f"wenfeng.trim.{grade}"))
        else:
            edits.append(types.TextEdit(range=rng, new_text=new))
    ident = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    annotations = {
        f"wenfeng.trim.{grade}": types.ChangeAnnotation(
            label=ANNOTATIONS[grade][0], needs_confirmation=ANNOTATIONS[grade][1],
            description=ANNOTATIONS[grade][2])
        for grade in GRADES if grade in used} or None
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(ident, edits)],
                               change_annotations=annotations)


def trim_action(uri: str, version: int | None, plan: TrimPlan, positions: PositionMap,
                diagnostics: list[types.Diagnostic], *, annotate: bool,
                document_changes: bool) -> types.CodeAction | None:
    """"精简到限额（N处，约减M字）", or None when the plan has nothing to cut."""
    from ..trim.wording import action_title

    title = action_title(plan.before, plan.after, plan.limit, len(plan.cuts), plan.target)
    if not title or not plan.edits:
        return None
    return types.CodeAction(
        title=title, kind=TRIM, diagnostics=diagnostics,
        edit=workspace_edit(uri, version, plan, positions, annotate=annotate,
                            document_changes=document_changes))


def _range(positions: PositionMap, start: int, end: int) -> dict[str, Any]:
    rng = positions.range(start, end)
    return {"start": {"line": rng.start.line, "character": rng.start.character},
            "end": {"line": rng.end.line, "character": rng.end.character}}


CONTEXT = 12  # characters shown on each side of a cut in the checklist


def _context(text: str, start: int, end: int, new: str) -> dict[str, str]:
    left = text[max(0, start - CONTEXT):start].split("\n")[-1]
    right = text[end:end + CONTEXT].split("\n")[0]
    return {"left": left, "right": right,
            "text": f"…{left}［{text[start:end]}］{right}…",
            "result": f"…{left}{new}{right}…"}


def plan_object(uri: str, version: int | None, report: Report, plan: TrimPlan,
                positions: PositionMap, ids: list[int] | None = None) -> dict[str, Any]:
    """The plan as the ``wenfeng.server.trimPlan`` command returns it (docs/PROTOCOL.md).
    ``ids``: for a narrowed plan, the full plan's id of each of its cuts (ids never change)."""
    from ..trim.wording import CLASS_LABELS, GRADE_LABELS, action_title, location

    document = report.document
    ids = ids if ids is not None else list(range(len(plan.cuts)))
    cuts = [{
        "id": ids[n], "start": c.start, "end": c.end, "range": _range(positions, c.start, c.end),
        "removed": c.before, "replacement": c.replacement, "saves": c.saves,
        "grade": c.grade, "gradeLabel": GRADE_LABELS[c.grade],
        "class": c.cls, "classLabel": CLASS_LABELS[c.cls], "rule": c.rule, "reason": c.reason,
        "location": location(document, c.block),
        "context": _context(document.text, c.start, c.end, c.replacement),
    } for n, c in enumerate(plan.cuts)]
    edits = [{"range": _range(positions, start, end), "newText": new,
              "cuts": [ids[k] for k in covered]}
             for (start, end, new), covered in zip(plan.edits, plan.edit_cuts)]
    return {
        "uri": uri, "version": version, "target": plan.target, "doctype": plan.doctype,
        "limit": plan.limit, "before": plan.before, "after": plan.after,
        "saved": plan.saved, "reaches": plan.reaches, "remaining": plan.remaining,
        "headline": plan.headline, "advice": plan.advice,
        "title": action_title(plan.before, plan.after, plan.limit, len(plan.cuts), plan.target),
        "cuts": cuts, "edits": edits,
    }
