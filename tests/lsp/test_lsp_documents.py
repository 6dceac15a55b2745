"""Document sync and diagnostics: open, incremental change, save, close; what a diagnostic
carries; which documents are checked."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI, long_qingshi, position
from lsprotocol import types

from wenfeng.metrics.counting import word_count

pytestmark = pytest.mark.slow  # starts real language servers


async def test_open_publishes_diagnostics_with_rule_severity_clause_and_data(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    [d] = [d for d in await s.diagnostics(uri, 1) if d.code == "H201"]
    offset = QINGSHI.index("尊敬的")
    assert d.range == types.Range(position(QINGSHI, offset), position(QINGSHI, offset + 3))
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.source == "wenfeng"
    assert "尊敬的" in d.message and "《若干措施》第9条" in d.message
    assert d.data["rule"] == "H201"
    assert (d.data["start"], d.data["end"], d.data["version"]) == (offset, offset + 3, 1)
    assert d.data["fixes"] == [{"start": offset, "end": offset + 3, "replacement": "",
                                "title": "删除“尊敬的”（减少 3 字）", "safe": True}]
    assert d.data["fingerprint"].startswith("H201|")


async def test_length_finding_marks_the_text_past_the_limit(start):
    text = long_qingshi(1600)
    s = await start()
    uri = s.open("draft.txt", text)
    [d] = [d for d in await s.diagnostics(uri, 1) if d.code == "L101"]
    body_start = text.index("\n", text.index("市政府：")) + 1
    assert word_count(text[body_start:d.data["start"]]) == 1500  # the 1,501st 字 onwards
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.range.end == position(text, text.index("妥否，请批示。") + len("妥否，请批示。"))


async def test_incremental_change_rechecks_and_close_clears(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    assert any(d.code == "H201" for d in await s.diagnostics(uri, 1))
    at = QINGSHI.index("尊敬的")
    version = s.replace(uri, at, at + 3, "")  # delete "尊敬的" as the user would
    assert not any(d.code == "H201" for d in await s.diagnostics(uri, version))
    version = s.replace(uri, at, at, "尊敬的")
    assert any(d.code == "H201" for d in await s.diagnostics(uri, version))

    published = len(s.publications(uri))
    s.close(uri)
    cleared = await s.wait_for(lambda: s.publications(uri)[published:])
    assert list(cleared[-1].diagnostics) == []


async def test_save_rechecks_with_a_changed_wenfeng_toml(start):
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    assert any(d.code == "H201" for d in await s.diagnostics(uri, 1))
    before = len(s.publications(uri))
    (s.folder / "wenfeng.toml").write_text('[rules]\nH = false\n', encoding="utf-8")
    s.client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert not any(d.code == "H201" for d in await s.diagnostics(uri, 1, after=before))


async def test_only_enabled_languages_are_checked_with_editor_aliases(start):
    s = await start()
    python = s.open("notes.py", "# 尊敬的各位领导\n", language="python")
    text = s.open("draft.txt", QINGSHI, language="text")  # Neovim's and Helix's id for .txt
    assert any(d.code == "H201" for d in await s.diagnostics(text, 1))
    assert not s.publications(python)
    hover = await s.client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri=python), types.Position(0, 2)))
    assert hover is None


async def test_markdown_findings_point_into_the_source(start):
    s = await start()
    text = "# 关于申请专项经费的请示\n\n市政府：\n\n为加强管理，**尊敬的**各位领导，我们认真落实。\n"
    uri = s.open("draft.md", text, language="markdown")
    [d] = [d for d in await s.diagnostics(uri, 1) if d.code == "H201"]
    at = text.index("尊敬的")
    assert d.range == types.Range(position(text, at), position(text, at + 3))


async def test_form_feed_and_line_separator_do_not_shift_lines(start):
    """Word pastes \\f and \\u2028; LSP does not count them as line breaks (Python does)."""
    s = await start()
    text = "关于申请专项经费的请示\n市政府：\n附\f件\u2028说明，尊敬的各位领导，我们认真落实。\n妥否，请批示。\n"
    uri = s.open("draft.txt", text)
    [d] = [d for d in await s.diagnostics(uri, 1) if d.code == "H201"]
    at = text.index("尊敬的")
    assert d.range.start == position(text, at) == types.Position(2, 7)
    # an incremental edit after the \f lands where the client meant it
    version = s.replace(uri, at, at + 3, "")
    assert not any(d.code == "H201" for d in await s.diagnostics(uri, version))
    stats = await s.stats(uri)
    assert stats["version"] == version
