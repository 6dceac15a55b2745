"""Pure helpers of the language server: LSP line splitting, positions, editor settings,
the marker-line edit and the stats texts."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from wenfeng.api import check_text
from wenfeng.lsp.code_actions import marker_edit
from wenfeng.lsp.positions import PositionMap, lsp_lines
from wenfeng.lsp.settings import checked_language, editor_options, parse_layer
from wenfeng.lsp.stats import lens_text


def test_lsp_lines_break_only_at_cr_lf():
    assert lsp_lines("a\r\nb\rc\nd\fe\u2028f\x85g") == ["a\r\n", "b\r", "c\n", "d\fe\u2028f\x85g"]
    assert lsp_lines("") == [] and lsp_lines("x\n") == ["x\n"]


def test_position_map_round_trips_in_every_encoding():
    text = "𠀀a\r\n尊敬的𠀀\n"
    for encoding, expected in (("utf-8", 13), ("utf-16", 5), ("utf-32", 4)):
        positions = PositionMap(text, PositionCodec(encoding))
        assert positions.position(text.index("\n") + 1 + 4) == types.Position(1, expected)
        for offset in range(len(text) + 1):
            pos = positions.position(offset)
            if text[offset - 1:offset + 1] != "\r\n":  # inside "\r\n" maps to the line end
                assert positions.offset(pos) == offset, (encoding, offset)
        assert positions.position(len(text)) == types.Position(2, 0)


def test_editor_settings_fall_back_key_by_key():
    layer = parse_layer({"speakingRate": 999, "rules": {"H": False}, "debounceMs": -1,
                         "languages": ["text"], "bogus": 1, "trace": {"server": "off"}}, "测试")
    assert layer.partial == {"rules": {"H": False}}
    assert layer.languages == ("text",) and layer.debounce_ms is None
    assert len(layer.errors) == 3  # speakingRate, debounceMs, bogus
    assert editor_options((layer,)) == (150, ("text",))
    assert parse_layer(["not", "an", "object"], "测试").errors
    assert checked_language("text", ("plaintext",)) and not checked_language("python", ("plaintext",))


def test_marker_line_replaces_an_existing_one():
    assert marker_edit("标题\n", "txt", "请示").replacement == "文种：请示\n"
    text = "文种：讲话\r\n标题\r\n"
    fix = marker_edit(text, "txt", "请示")
    assert (fix.start, fix.end, fix.replacement) == (0, 5, "文种：请示")
    md = "<!-- 文种：讲话 -->\n# 标题\n"
    fix = marker_edit(md, "md", "请示")
    assert md[fix.start:fix.end] == "<!-- 文种：讲话 -->" and fix.replacement == "<!-- 文种：请示 -->"


def test_lens_text_shows_the_limit_and_minutes_for_speeches():
    report = check_text("关于申请专项经费的请示\n市政府：\n为加强管理，我们认真落实。\n")
    assert lens_text(report) == f"请示 · {report.counts.words} / 1,500 字 · 约 1 页"
    speech = check_text("在全市工作会议上的主持词\n同志们：\n现在开会。\n", doctype="主持词")
    assert lens_text(speech).endswith(f"约 {speech.counts.minutes:g} / 10 分钟")
