"""压到限额 in the editor: the code action on the length diagnostic (one workspace edit, annotated
by grade, confirmation asked for the riskier cuts) and ``wenfeng.server.trimPlan`` for checklists.

The draft is a real over-limit 请示 from ``tests/trim/drafts`` with an Extension-B character (𠀀)
early in the body, so every range after it differs between code points and UTF-16/UTF-8.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lsp_session import QINGSHI, apply_edits, edits_of, position
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from wenfeng.api import check_text
from wenfeng.trim import choose, plan_trim

pytestmark = pytest.mark.slow  # starts real language servers

TRIM = "quickfix.wenfeng.trim"
DRAFT = (Path(__file__).parents[1] / "trim" / "drafts" / "01-请示-2008-1.txt").read_text("utf-8")
# cuttable phrasings of each grade, added to the real text
EXTRA = ("各单位要高度重视，精心组织，于6月底前完成排查。要切实加强值班值守。"
         "做好这项工作，对于稳定经济运行具有十分重要的意义。")
TITLE = re.compile(r"精简(?:到限额（(\d+)处，约减(\d+)字）|篇幅（(\d+)处，约减(\d+)字，仍超出一般限额\d+字）)")


def draft() -> str:
    """The real draft with the extra sentences after 𠀀 in its second body paragraph."""
    lines = DRAFT.split("\n")
    body = [i for i, line in enumerate(lines) if len(line) > 40]
    lines[body[1]] = "𠀀" + lines[body[1]] + EXTRA
    return "\n".join(lines)


def core_plan(text: str, target: str = "general"):
    report = check_text(text)
    return report, plan_trim(report, target)


def as_dict(pos: types.Position) -> dict[str, int]:
    return {"line": pos.line, "character": pos.character}


def length(diagnostics):
    return [d for d in diagnostics if d.code == "L101"]


def trims(actions):
    return [a for a in actions if a.kind == TRIM]


async def test_code_action_applies_the_plan_as_one_annotated_edit(start):
    s = await start()
    text = draft()
    uri = s.open("请示.txt", text)
    [d] = length(await s.diagnostics(uri, 1))
    [action] = trims(await s.code_actions(uri, [d]))
    _, plan = core_plan(text)
    m = TITLE.fullmatch(action.title)
    assert m, action.title
    count, saved = (int(g) for g in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
    assert (count, saved) == (len(plan.cuts), plan.saved) and count >= 3
    assert list(action.diagnostics) == [d]
    # one TextDocumentEdit, versioned, each edit annotated with its grade
    [change] = action.edit.document_changes
    assert change.text_document.version == 1
    notes = action.edit.change_annotations
    used = {e.annotation_id for e in change.edits}
    assert used == set(notes) and len(change.edits) == len(plan.edits)
    for grade in {c.grade for c in plan.cuts}:
        note = notes[f"wenfeng.trim.{grade}"]
        assert note.needs_confirmation == (grade != "safe")
        assert note.label in ("安全的删改", "较稳妥的删改", "需斟酌的删改")
    # the ranges are UTF-16 positions of the core's code-point edits (𠀀 counts 2)
    assert any(text.rfind("\n", 0, a) < text.find("𠀀") < a for a, _, _ in plan.edits)
    assert [(e.range.start, e.range.end, e.new_text) for e in change.edits] == [
        (position(text, a), position(text, b), new) for a, b, new in plan.edits]
    version = s.apply(uri, action.edit)
    assert s.texts[uri] == plan.apply(text)
    stats = await s.stats(uri)
    assert stats["counts"]["words"] == plan.after
    assert bool(length(await s.diagnostics(uri, version))) == (not plan.reaches)


async def test_only_the_length_diagnostic_gets_it(start):
    s = await start()
    text = draft().replace("市人民政府：", "市人民政府：\n尊敬的各位领导：")
    uri = s.open("请示.txt", text)
    diagnostics = await s.diagnostics(uri, 1)
    others = [d for d in diagnostics if d.code != "L101"]
    assert others
    assert trims(await s.code_actions(uri, others)) == []
    assert trims(await s.code_actions(uri, [], only=[TRIM])) == []
    # asked for by kind, or under "quickfix"
    [d] = length(diagnostics)
    assert len(trims(await s.code_actions(uri, [d], only=[TRIM]))) == 1
    assert len(trims(await s.code_actions(uri, [d], only=["quickfix"]))) == 1
    assert trims(await s.code_actions(uri, [d], only=["source"])) == []


async def test_clients_without_annotations_get_plain_changes(start):
    s = await start("neovim")  # utf-8 positions, no documentChanges, no change annotations
    text = draft()
    uri = s.open("请示.txt", text)
    [d] = length(await s.diagnostics(uri, 1))
    [action] = trims(await s.code_actions(uri, [d]))
    assert action.edit.document_changes is None and action.edit.change_annotations is None
    assert s.encoding == "utf-8"
    assert apply_edits(text, edits_of(action.edit, uri), "utf-8") == core_plan(text)[1].apply(text)


async def test_plan_command_lists_cuts_for_a_checklist(start):
    s = await start()
    text = draft()
    uri = s.open("请示.txt", text)
    await s.diagnostics(uri, 1)
    plan = await s.command("wenfeng.server.trimPlan", uri)
    _, core = core_plan(text)
    assert plan["version"] == 1 and plan["target"] == "general" and plan["limit"] == 1500
    assert (plan["before"], plan["after"], plan["reaches"]) == (core.before, core.after,
                                                                core.reaches)
    assert [c["id"] for c in plan["cuts"]] == list(range(len(core.cuts)))
    for cut, c in zip(plan["cuts"], core.cuts):
        assert (cut["start"], cut["end"], cut["replacement"]) == (c.start, c.end, c.replacement)
        assert cut["range"]["start"] == as_dict(position(text, c.start))
        assert cut["range"]["end"] == as_dict(position(text, c.end))
        assert cut["saves"] == c.saves > 0 and cut["grade"] == c.grade and cut["reason"]
        assert cut["gradeLabel"] in ("安全", "较稳妥", "需斟酌")
        assert cut["context"]["text"].count("［") == 1
    assert {c["grade"] for c in plan["cuts"]} >= {"safe", "likely"}
    # narrowed to the ticked cuts: ids kept, edits and 字数 of just those
    ticked = [c["id"] for c in plan["cuts"] if c["grade"] == "safe"]
    narrowed = await s.command("wenfeng.server.trimPlan", uri, "general", ticked)
    report, _ = core_plan(text)
    expected = choose(report, core, ticked)
    assert [c["id"] for c in narrowed["cuts"]] == ticked
    assert narrowed["after"] == expected.after and narrowed["saved"] == expected.saved > 0
    edits = [types.TextEdit(range=types.Range(types.Position(**e["range"]["start"]),
                                              types.Position(**e["range"]["end"])),
                            new_text=e["newText"]) for e in narrowed["edits"]]
    assert apply_edits(text, edits) == expected.apply(text)
    s.set_text(uri, expected.apply(text))
    assert (await s.stats(uri))["counts"]["words"] == expected.after


async def test_plan_command_to_the_maximum_and_on_bad_input(start):
    s = await start()
    text = draft()
    uri = s.open("请示.txt", text)
    await s.diagnostics(uri, 1)
    maximum = await s.command("wenfeng.server.trimPlan", uri, "maximum")
    assert maximum["limit"] == 2000 and maximum["cuts"] == []  # 1,6xx 字: within 最多
    assert "无需精简" in maximum["headline"]
    for bad in ([], [uri, "least"], [uri, "general", "0"], [uri, "general", [True]]):
        with pytest.raises(JsonRpcException):
            await s.command("wenfeng.server.trimPlan", *bad)
    # a draft with no 字数 limit (未识别文种): an error in the answer, no cuts
    other = s.open("随笔.txt", "随笔\n今天天气很好。\n")
    await s.diagnostics(other, 1)
    answer = await s.command("wenfeng.server.trimPlan", other)
    assert answer["cuts"] == [] and "字数限额" in answer["error"]
    # the server is still there
    small = s.open("短.txt", QINGSHI)
    assert await s.diagnostics(small, 1)
