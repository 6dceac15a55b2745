"""Counts in the editor: the hover on the title line, the code lens above it and the
``wenfeng/stats`` notification and request."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI, plain
from lsprotocol import types

from wenfeng.api import check_text

pytestmark = pytest.mark.slow  # starts real language servers

SPEECH = "在全市工作会议上的讲话\n同志们：\n今天召开会议，主要任务是总结工作、部署任务。\n"


def ident(uri):
    return types.TextDocumentIdentifier(uri=uri)


async def test_hover_on_the_title_line_only(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    await s.diagnostics(uri, 1)
    counts = check_text(QINGSHI).counts
    hover = await s.client.text_document_hover_async(types.HoverParams(ident(uri), types.Position(0, 4)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith(f"**请示 · {counts.words:,} / 1,500 字 · 约 {counts.pages} 页**")
    assert "标题以“请示”结尾" in hover.contents.value and "《若干措施》第6条" in hover.contents.value
    assert hover.range.start.line == hover.range.end.line == 0
    body = await s.client.text_document_hover_async(types.HoverParams(ident(uri), types.Position(2, 2)))
    assert body is None


async def test_code_lens_above_the_title_with_minutes_for_speeches(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    await s.diagnostics(uri, 1)
    counts = check_text(QINGSHI).counts
    [lens] = await s.client.text_document_code_lens_async(types.CodeLensParams(ident(uri)))
    assert lens.range.start == types.Position(0, 0)
    assert lens.command.title == f"请示 · {counts.words:,} / 1,500 字 · 约 {counts.pages} 页"
    assert lens.command.command == "wenfeng.server.showStats"

    speech = s.open("speech.txt", SPEECH)
    await s.diagnostics(speech, 1)
    counts = check_text(SPEECH).counts
    [lens] = await s.client.text_document_code_lens_async(types.CodeLensParams(ident(speech)))
    assert lens.command.title == (f"讲话 · {counts.words:,} 字 · 约 {counts.pages} 页 · "
                                  f"约 {counts.minutes:g} / 40 分钟")
    # running the lens command shows the figures to the user
    stats = await s.command(lens.command.command, *lens.command.arguments)
    assert stats["doctype"] == "讲话"
    message = await s.wait_for(lambda: [m for m in s.client.messages if "讲话（标题识别）" in m.message])
    assert message[0].type == types.MessageType.Info


async def test_stats_notification_and_request_carry_the_same_object(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    pushed = await s.stats(uri)
    report = check_text(QINGSHI)
    assert pushed == {
        "uri": uri, "version": 1, "doctype": "请示", "doctypeHow": "title", "detected": "请示",
        "profile": "jingzhou-2019",
        "counts": {"words": report.counts.words, "han": report.counts.han,
                   "charsNoSpaces": report.counts.chars_no_spaces,
                   "paragraphs": report.counts.paragraphs, "pages": report.counts.pages,
                   "minutes": report.counts.minutes, "rate": 200},
        "limits": [{"metric": "words", "value": report.counts.words, "general": 1500,
                    "maximum": 2000, "unit": "字", "state": "ok",
                    "source": report.limits[0].source}],
        "state": "ok", "statusText": f"请示 {report.counts.words:,}/1,500字",
        "savings": {"fixes": 1, "saves": 3, "over": 0}, "complete": True,
    }
    requested = await s.client.protocol.send_request_async("wenfeng/stats", {"uri": uri})
    assert plain(requested) == pushed
    assert await s.command("wenfeng.server.showStats", uri) == pushed


async def test_unrecognised_doctype_has_no_limits(start):
    s = await start()
    uri = s.open("notes.txt", "今天天气很好。\n我们去公园散步。\n")
    stats = await s.stats(uri)
    assert (stats["doctype"], stats["limits"], stats["state"]) == ("未识别", [], "ok")
    assert stats["statusText"].startswith("未识别文种 ")
    [lens] = await s.client.text_document_code_lens_async(types.CodeLensParams(ident(uri)))
    assert lens.command.title.startswith("未识别文种 · ")
