"""Code actions: quick fixes from Diagnostic.data (also when a client echoes byte columns),
fix-all, the 文种 choice (stored, or as a marker line) and "ignore here"."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI, edits_of, long_qingshi, position, units
from lsprotocol import types

pytestmark = pytest.mark.slow  # starts real language servers

FIX_ALL = "source.fixAll.wenfeng"
DOCTYPE = "refactor.rewrite.wenfeng.doctype"


def quick(actions, with_edit=True):
    return [a for a in actions if a.kind == types.CodeActionKind.QuickFix
            and (a.edit if with_edit else a.command)]


def h201(diagnostics):
    return [d for d in diagnostics if d.code == "H201"]


async def test_quick_fix_deletes_the_honorific_and_is_preferred(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    [d] = h201(await s.diagnostics(uri, 1))
    actions = await s.code_actions(uri, [d])
    [fix] = quick(actions)
    assert fix.title == "删除“尊敬的”（减少 3 字）"
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert [a.title for a in quick(actions, with_edit=False)] == ["忽略此处（H201）"]
    version = s.apply(uri, fix.edit)
    assert s.texts[uri] == QINGSHI.replace("尊敬的", "")
    assert not h201(await s.diagnostics(uri, version))


async def test_echoed_byte_columns_are_ignored_in_favour_of_data(start):
    """Neovim 0.7 sends context.diagnostics back with byte columns (its own conversion)."""
    s = await start("neovim@v0.7.0")
    text = "关于申请𠀀𠀀经费的请示\n市政府：\n𠀀𠀀为加强管理，尊敬的各位领导，我们认真落实。\n"
    uri = s.open("draft.txt", text)
    [d] = h201(await s.diagnostics(uri, 1))
    assert s.encoding == "utf-16"
    line = text.split("\n")[2]
    col = line.index("尊敬的")
    byte_range = types.Range(types.Position(2, units(line[:col], "utf-8")),
                             types.Position(2, units(line[:col + 3], "utf-8")))
    assert byte_range != d.range  # 30..39 instead of 10..13
    echoed = types.Diagnostic(range=byte_range, message=d.message, severity=d.severity,
                              code=d.code, source=d.source, data=d.data)
    [fix] = quick(await s.code_actions(uri, [echoed], rng=byte_range))
    [edit] = edits_of(fix.edit, uri)
    assert edit.range == d.range == types.Range(position(text, text.index("尊敬的")),
                                                position(text, text.index("尊敬的") + 3))


async def test_stale_data_offers_no_fix_but_unmoved_findings_keep_theirs(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    [d] = h201(await s.diagnostics(uri, 1))
    s.set_text(uri, QINGSHI + "附件：无\n")  # after the finding: offsets still hold
    [fix] = quick(await s.code_actions(uri, [d]))
    assert edits_of(fix.edit, uri)[0].range == d.range
    s.set_text(uri, "新增一行\n" + QINGSHI)  # before it: data offsets no longer match
    assert quick(await s.code_actions(uri, [d])) == []


async def test_fix_all_action_and_command(start):
    s = await start()
    text = QINGSHI.replace("我们认真落实", "尊敬的各位同志，我们认真落实")
    uri = s.open("draft.txt", text)
    assert len(h201(await s.diagnostics(uri, 1))) == 2
    [action] = await s.code_actions(uri, [], only=[FIX_ALL])
    assert action.kind == FIX_ALL and action.title == "精简全文：共 2 处，减少 6 字"
    version = s.apply(uri, action.edit)
    assert s.texts[uri] == text.replace("尊敬的", "")
    assert not h201(await s.diagnostics(uri, version))
    assert await s.code_actions(uri, [], only=[FIX_ALL]) == []  # nothing left: idempotent

    s.set_text(uri, text)
    assert await s.command("wenfeng.server.fixAll", uri) == {"fixes": 2, "saved": 6}
    [edit] = s.rec.applied
    assert s.apply(uri, edit) and s.texts[uri] == text.replace("尊敬的", "")


async def test_doctype_actions_only_on_the_title_line_and_few(start):
    """Ctrl+. on a finding in the body is not flooded with 文种; the title line offers the
    detected one, three likely ones, "其他文种…" and the marker line."""
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    [d] = h201(await s.diagnostics(uri, 1))
    title = types.Range(types.Position(0, 3), types.Position(0, 3))
    for trigger in (types.CodeActionTriggerKind.Invoked, types.CodeActionTriggerKind.Automatic):
        in_body = await s.code_actions(uri, [d], trigger=trigger)
        assert quick(in_body) and not [a for a in in_body if a.kind == DOCTYPE]
        on_title = [a for a in await s.code_actions(uri, [], rng=title, trigger=trigger)
                    if a.kind == DOCTYPE]
        assert [a.title for a in on_title] == [
            "设为文种：请示（检测）", "设为文种：综合性报告", "设为文种：专项报告", "设为文种：议案",
            "其他文种…", "在文首写入文种标记行“文种：请示”"]
    other = on_title[4].command
    assert (other.command, list(other.arguments)) == ("wenfeng.server.pickDoctype", [uri])


async def test_doctype_menu_when_nothing_is_recognised_and_after_a_choice(start):
    s = await start()
    uri = s.open("draft.txt", "会议材料\n大家认真学习。\n")
    await s.diagnostics(uri, 1)
    titles = [a.title for a in await s.code_actions(uri, [], only=[DOCTYPE])]
    assert titles[:4] == ["设为文种：请示", "设为文种：专项报告", "设为文种：通知", "其他文种…"]
    await s.command("wenfeng.server.setDoctype", uri, "通知")
    titles = [a.title for a in await s.code_actions(uri, [], only=[DOCTYPE])]
    assert titles[:5] == ["设为文种：通知（当前）", "设为文种：通报", "设为文种：决定", "设为文种：决议",
                          "其他文种…"]


async def test_other_doctypes_asks_with_a_message_request(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    await s.diagnostics(uri, 1)
    asked = []

    def answer(ls, params: types.ShowMessageRequestParams):
        asked.append([a.title for a in params.actions])
        return types.MessageActionItem(title="纪要")

    s.client.feature(types.WINDOW_SHOW_MESSAGE_REQUEST)(answer)
    stats = await s.command("wenfeng.server.pickDoctype", uri)
    assert stats["doctype"] == "纪要" and stats["doctypeHow"] == "explicit"
    assert asked[0][0] == "请示" and len(asked[0]) == 22 and asked[0][-1] == "自动识别"


async def test_chosen_doctype_applies_at_once_and_survives_a_restart(start, tmp_path):
    text = long_qingshi(1600)
    s = await start()
    uri = s.open("draft.txt", text)
    assert any(d.code == "L101" for d in await s.diagnostics(uri, 1))
    [choose] = [a for a in await s.code_actions(uri, [], only=[DOCTYPE])
                if a.title == "设为文种：综合性报告"]
    published = len(s.publications(uri))
    stats = await s.command(choose.command.command, *choose.command.arguments)
    assert (stats["doctype"], stats["doctypeHow"], stats["detected"]) == ("综合性报告", "explicit", "请示")
    assert stats["limits"][0]["general"] == 4500
    assert not any(d.code == "L101" for d in await s.diagnostics(uri, 1, after=published))
    assert s.rec.applied == [] and s.versions[uri] == 1  # the text was not touched

    again = await start()  # a new server process, same state folder
    uri = again.open("draft.txt", text)
    assert not any(d.code == "L101" for d in await again.diagnostics(uri, 1))
    assert (await again.stats(uri))["doctype"] == "综合性报告"
    listed = await again.command("wenfeng.server.listDoctypes", uri)
    assert (listed["current"], listed["detected"], listed["doctypes"][0]) == ("综合性报告", "请示", "请示")
    stats = await again.command("wenfeng.server.setDoctype", uri, "")
    assert (stats["doctype"], stats["doctypeHow"]) == ("请示", "title")


async def test_marker_line_variant_writes_the_type_into_the_text(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    await s.diagnostics(uri, 1)
    await s.command("wenfeng.server.setDoctype", uri, "讲话")
    [marker] = [a for a in await s.code_actions(uri, [], only=[DOCTYPE]) if a.edit]
    assert marker.title == "在文首写入文种标记行“文种：讲话”"
    s.apply(uri, marker.edit)
    assert s.texts[uri] == "文种：讲话\n" + QINGSHI
    await s.command(marker.command.command, *marker.command.arguments)  # drop the stored choice
    stats = await s.stats(uri, lambda st: st["doctypeHow"] == "marker")
    assert stats["doctype"] == "讲话"

    md = "---\ntitle: 草稿\n---\n# 关于申请专项经费的请示\n\n市政府：\n"
    uri = s.open("draft.md", md, language="markdown")
    await s.diagnostics(uri, 1)
    [marker] = [a for a in await s.code_actions(uri, [], only=[DOCTYPE]) if a.edit]
    s.apply(uri, marker.edit)
    assert s.texts[uri] == "---\ntitle: 草稿\n---\n<!-- 文种：请示 -->\n# 关于申请专项经费的请示\n\n市政府：\n"
    assert (await s.stats(uri))["doctypeHow"] == "marker"


async def test_ignore_here_suppresses_one_finding_across_restarts(start):
    text = QINGSHI.replace("我们认真落实", "尊敬的各位同志，我们认真落实")
    s = await start()
    uri = s.open("draft.txt", text)
    first, second = h201(await s.diagnostics(uri, 1))
    [ignore] = quick(await s.code_actions(uri, [first]), with_edit=False)
    published = len(s.publications(uri))
    assert await s.command(ignore.command.command, *ignore.command.arguments) == {"ignored": 1}
    remaining = h201(await s.diagnostics(uri, 1, after=published))
    assert [d.data["start"] for d in remaining] == [second.data["start"]]
    # an edit elsewhere keeps it ignored
    version = s.replace(uri, len(text), len(text), "附件：无\n")
    assert len(h201(await s.diagnostics(uri, version))) == 1

    again = await start()
    uri = again.open("draft.txt", text)
    assert len(h201(await again.diagnostics(uri, 1))) == 1
    published = len(again.publications(uri))
    await again.command("wenfeng.server.clearIgnores", uri)
    assert len(h201(await again.diagnostics(uri, 1, after=published))) == 2
