"""Reading drafts: encodings, line ends, markdown spans, and the parts of a 公文."""

from __future__ import annotations

import codecs

import pytest

from wenfeng.errors import InputError
from wenfeng.model import BlockKind
from wenfeng.sources import load_path, load_text

DRAFT = "关于申请专项经费的请示\n市人民政府：\n　　为做好工作，特申请经费。\n　　妥否，请批示。\n附件：经费测算表\nXX市财政局\n2025年1月6日\n"


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE), ("gb18030", b""), ("gbk", b""),
])
def test_encodings_decode_to_the_same_document(tmp_path, encoding, bom):
    path = tmp_path / "draft.txt"
    path.write_bytes(bom + DRAFT.encode(encoding))
    doc = load_path(path)
    assert doc.text == DRAFT
    assert doc.title == "关于申请专项经费的请示"


def test_gb18030_with_rare_characters(tmp_path):
    text = "关于𠀀镇的请示\n市政府：\n请支持。\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    assert load_path(path).text == text


@pytest.mark.parametrize("payload, reason", [
    (b"", "文件为空"),
    (b"   \n\t \r\n", "只有空白"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
    ("Ceci n'est pas du chinois: café, élève, où".encode("latin-1"), "无法识别文件编码"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "无法按 utf-8-sig 解码"),
])
def test_bad_text_files_are_refused_clearly(tmp_path, payload, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)
    with pytest.raises(InputError) as info:
        load_path(path)
    assert reason in str(info.value)
    assert str(path) in str(info.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="文件不存在"):
        load_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="文件夹"):
        load_path(tmp_path)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_kept_and_parts_found(newline):
    doc = load_text(DRAFT.replace("\n", newline))
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [BlockKind.TITLE, BlockKind.ADDRESSEE, BlockKind.BODY, BlockKind.BODY,
                     BlockKind.ATTACHMENT, BlockKind.SIGNATURE, BlockKind.DATE]
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text  # spans point into the source


def test_parts_of_a_full_document():
    text = ("XX市人民政府文件\nX政发〔2024〕5号\n关于加强基层减负工作\n的通知\n各区县人民政府：\n"
            "一、总体要求\n各地要落实。\n（一）精简文件\n1.减少发文\n附件：1. 任务清单\n2. 责任分工\n"
            "XX市人民政府\n2024年3月5日\n（此件公开发布）\n抄送：市委办公室。\n")
    doc = load_text(text)
    by_kind = {}
    for b in doc.blocks:
        by_kind.setdefault(b.kind, []).append(b.text)
    assert by_kind[BlockKind.META] == ["XX市人民政府文件", "X政发〔2024〕5号", "抄送：市委办公室。"]
    assert doc.title == "关于加强基层减负工作的通知"
    assert by_kind[BlockKind.ADDRESSEE] == ["各区县人民政府："]
    assert by_kind[BlockKind.HEADING] == ["一、总体要求", "（一）精简文件", "1.减少发文"]
    assert by_kind[BlockKind.ATTACHMENT] == ["附件：1. 任务清单", "2. 责任分工"]
    assert by_kind[BlockKind.SIGNATURE] == ["XX市人民政府"]
    assert by_kind[BlockKind.DATE] == ["2024年3月5日"]
    assert by_kind[BlockKind.NOTE] == ["（此件公开发布）"]


def test_a_sentence_ending_in_a_colon_is_body_not_addressee():
    # a 批复 often opens “你局……的请示收悉。经研究，批复如下：” with no 主送 line of its own
    doc = load_text("你局《关于维修校舍的请示》收悉。经研究，批复如下：\n一、同意维修。\n"
                    "县教育局\n2024年3月5日\n")
    assert doc.blocks[0].kind is BlockKind.BODY
    assert load_text("县教育局：\n同意维修。\n").blocks[0].kind is BlockKind.ADDRESSEE


def test_markdown_markup_is_not_counted_but_spans_point_into_source(check):
    md = ("---\ntitle: 草稿\n---\n# 在全市会议上的讲话\n\n**尊敬的**各位领导、[同志们](http://x.y/z)：\n\n"
          "今天开会，`code 不算` 讲三点。\n\n```\n尊敬的 代码块不检查\n```\n\n- 第一，抓落实。\n")
    report = check(md, fmt="md")
    doc = report.document
    texts = [b.text for b in doc.blocks]
    assert "尊敬的各位领导、同志们：" in texts
    assert not any("代码块" in t or "code" in t or "title" in t for t in texts)
    h201 = [f for f in report.findings if f.rule == "H201"]
    assert len(h201) == 1
    assert md[h201[0].start:h201[0].end] == "尊敬的"
    # the fix deletes exactly the three characters inside the ** markup
    from wenfeng import fixes
    fixed, _ = fixes.apply(md, h201[0].fixes)
    assert "****各位领导" in fixed


def test_markdown_front_matter_and_comment_marker():
    assert load_text("---\n文种: 请示\n---\n正文。\n", fmt="md").marker_doctype == "请示"
    assert load_text("<!-- 文种：讲话 -->\n\n正文。\n", fmt="md").marker_doctype == "讲话"


def test_fix_never_spans_markup(check):
    report = check("# 讲话\n\n尊**敬的**各位领导：\n", fmt="md")
    h201 = [f for f in report.findings if f.rule == "H201"]
    assert h201 and not h201[0].fixes  # the match crosses markup: reported, not auto-fixed
