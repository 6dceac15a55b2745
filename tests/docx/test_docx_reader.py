"""Reading .docx: what counts as text, reading order, the run map, parts, styles, same findings
as the .txt of the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import W_NS, docx_with_body, gb_docx, plain_docx, rewrite_part, set_run_fonts

import docx
from wenfeng.api import check_path
from wenfeng.model import BlockKind
from wenfeng.sources import load_path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def r(text: str, extra: str = "") -> str:
    return f'<w:r>{extra}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def test_runs_hyperlinks_fields_and_tracked_changes(tmp_path):
    body = p(
        r("关于"),
        '<w:hyperlink r:id="rId99">' + r("加强") + "</w:hyperlink>",
        '<w:ins w:id="1" w:author="a">' + r("基层") + "</w:ins>",
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除的字</w:delText></w:r></w:del>',
        '<w:moveFrom w:id="3" w:author="a">' + r("移走的字") + "</w:moveFrom>",
        '<w:moveTo w:id="4" w:author="a">' + r("治理") + "</w:moveTo>",
        '<w:fldSimple w:instr=" DOCPROPERTY x ">' + r("工作") + "</w:fldSimple>",
        r("", "<w:fldChar w:fldCharType='begin'/>"),
        "<w:r><w:instrText> REF 不显示的指令 </w:instrText></w:r>",
        r("", "<w:fldChar w:fldCharType='separate'/>"),
        r("的"),
        r("", "<w:fldChar w:fldCharType='end'/>"),
        r("隐藏", "<w:rPr><w:vanish/></w:rPr>"),
        '<w:sdt><w:sdtContent>' + r("通知") + "</w:sdtContent></w:sdt>",
        '<w:commentRangeStart w:id="0"/>',
        r("X") + '<w:commentRangeEnd w:id="0"/>',
    )
    doc = load_path(docx_with_body(tmp_path / "a.docx", body))
    assert doc.text == "关于加强基层治理工作的通知X"
    assert doc.fmt == "docx"


def test_headers_footers_comments_and_text_boxes_excluded(tmp_path):
    d = docx.Document()
    para = d.add_paragraph("正文第一段。")
    d.sections[0].header.paragraphs[0].text = "页眉文字"
    d.sections[0].footer.paragraphs[0].text = "页脚文字"
    d.add_comment(para.runs[0], text="批注文字", author="x")
    path = tmp_path / "b.docx"
    d.save(path)
    doc = load_path(path)
    assert doc.text == "正文第一段。"


def test_tables_in_reading_order_including_nested(tmp_path):
    cell = lambda inner: f"<w:tc>{inner}</w:tc>"  # noqa: E731
    nested = "<w:tbl><w:tr>" + cell(p(r("内表"))) + "</w:tr></w:tbl>"
    deleted_row = '<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>' + cell(p(r("删行"))) + "</w:tr>"
    body = (p(r("表前")) + "<w:tbl><w:tr>" + cell(p(r("甲"))) + cell(p(r("乙")) + nested) + "</w:tr>"
            + deleted_row + "<w:tr>" + cell(p(r("丙"))) + cell(p(r("丁"))) + "</w:tr></w:tbl>"
            + p(r("表后")))
    doc = load_path(docx_with_body(tmp_path / "t.docx", body))
    assert doc.text.split("\n") == ["表前", "甲", "乙", "内表", "丙", "丁", "表后"]
    records = doc.extra["layout"]["paragraphs"]
    assert records[0]["table"] is None and records[1]["table"] is not None


def test_line_breaks_split_blocks_and_tabs_stay(tmp_path):
    body = p(r("关于加强工作的"), "<w:r><w:br/></w:r>", r("通知")) + p(r("一、\t总体要求"))
    doc = load_path(docx_with_body(tmp_path / "br.docx", body))
    assert doc.text == "关于加强工作的\n通知\n一、\t总体要求"
    assert doc.title == "关于加强工作的通知"  # a two-line title, as in text
    assert doc.blocks[-1].kind is BlockKind.HEADING


def test_run_map_points_at_runs(tmp_path):
    d = docx.Document()
    para = d.add_paragraph()
    for piece in ("关于", "进一步", "加强", "𠀀字的通知"):
        para.add_run(piece)
    d.add_paragraph("")
    d.add_paragraph("第二段")
    path = tmp_path / "map.docx"
    d.save(path)
    doc = load_path(path)
    runs = docx.Document(path).paragraphs
    for start, end, pi, ri in doc.extra["runs"]:
        assert doc.text[start:end] == runs[pi].runs[ri].text
    assert doc.text == "关于进一步加强𠀀字的通知\n\n第二段"
    assert doc.blocks[-1].line == 2


def test_parts_classified_as_for_text(tmp_path):
    text = (ROOT / "examples" / "请示-申请专项经费.txt").read_text(encoding="utf-8")
    doc = load_path(plain_docx(text, tmp_path / "q.docx"))
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] is BlockKind.TITLE and kinds[1] is BlockKind.ADDRESSEE
    assert BlockKind.ATTACHMENT in kinds and BlockKind.SIGNATURE in kinds
    assert BlockKind.DATE in kinds and kinds[-1] is BlockKind.NOTE


def _key(f):
    return f.rule, f.start, f.end, f.level, f.message


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_same_findings_as_text(example, tmp_path):
    """The drafts as .txt and as .docx give the same content findings at the same offsets;
    the .docx alone also gets layout (X) findings."""
    text = example.read_text(encoding="utf-8")
    as_text = check_path(example)
    as_docx = check_path(plain_docx(text, tmp_path / "draft.docx"))
    assert as_docx.document.text == text
    assert as_docx.doctype.name == as_text.doctype.name
    assert as_docx.counts.words == as_text.counts.words
    content = [_key(f) for f in as_docx.findings if f.group != "X"]
    assert content == [_key(f) for f in as_text.findings]
    assert content, "the example drafts are meant to have findings"
    assert any(f.group == "X" for f in as_docx.findings)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_gb_layout_draft_same_content_findings_and_no_layout_findings(example, tmp_path):
    text = example.read_text(encoding="utf-8")
    as_text = check_path(example)
    as_docx = check_path(gb_docx(text, tmp_path / "gb.docx"))
    assert [f for f in as_docx.findings if f.group == "X"] == []
    found = lambda r: sorted((f.rule, f.message) for f in r.findings)  # noqa: E731
    assert found(as_docx) == found(as_text)


def test_styles_resolved_through_chain_and_theme(tmp_path):
    """Font from a basedOn style, size from docDefaults, east-Asian font from the theme."""
    d = docx.Document()
    styles = d.styles
    base = styles.add_style("公文基础", 1)
    set_run_fonts(base.element.get_or_add_rPr(), east_asia="仿宋_GB2312")
    body = styles.add_style("公文正文", 1)
    body.base_style = base
    defaults = styles.element.find(f"{{{W_NS}}}docDefaults")
    set_run_fonts(defaults.find(f"{{{W_NS}}}rPrDefault").find(f"{{{W_NS}}}rPr"), size_pt=16)
    d.add_paragraph("正文内容一。", style="公文正文")
    themed = d.add_paragraph("正文内容二。")
    themed.runs[0]._r.get_or_add_rPr()
    set_run_fonts(themed.runs[0]._r.get_or_add_rPr(), theme="minorEastAsia")
    path = tmp_path / "s.docx"
    d.save(path)
    doc = load_path(path)
    first, second = doc.extra["layout"]["paragraphs"]
    assert first["east_asia_font"] == "仿宋_GB2312" and first["size_pt"] == 16
    assert second["size_pt"] == 16
    # the stock settings say themeFontLang eastAsia="ja-JP": the theme's Jpan font
    assert second["east_asia_font"] == "ＭＳ 明朝"
    rewrite_part(path, "word/settings.xml", lambda xml: xml.replace('w:eastAsia="ja-JP"',
                                                                    'w:eastAsia="zh-CN"'))
    second = load_path(path).extra["layout"]["paragraphs"][1]
    assert second["east_asia_font"] == "宋体"  # the theme's Hans font for zh-CN


def test_annotated_output_of_reader_keeps_offsets_in_code_points(tmp_path):
    d = docx.Document()
    d.add_paragraph("𠀀𠀁关于进一步加强工作的通知")
    path = tmp_path / "astral.docx"
    d.save(path)
    doc = load_path(path)
    assert doc.text.index("关于") == 2
    start, end, _, _ = doc.extra["runs"][0]
    assert (start, end) == (0, len("𠀀𠀁关于进一步加强工作的通知"))
