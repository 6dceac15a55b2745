"""X8xx layout rules on real Word layouts: a GB/T 9704 draft is clean; breaking one thing fires
the one rule, with what was found and what the standard asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import gb_docx, rewrite_part

import docx
from wenfeng.api import check_path, check_text
from wenfeng.model import Level

ROOT = Path(__file__).resolve().parents[2]
QINGSHI = (ROOT / "examples" / "请示-申请专项经费.txt").read_text(encoding="utf-8")


def layout_findings(tmp_path, **knobs):
    report = check_path(gb_docx(QINGSHI, tmp_path / "d.docx", **knobs))
    return [f for f in report.findings if f.group == "X"], report


def only(findings, rule):
    mine = [f for f in findings if f.rule == rule]
    others = sorted({f.rule for f in findings} - {rule})
    assert mine, f"{rule} did not fire"
    return mine, others


def test_gb_layout_is_clean(tmp_path):
    findings, report = layout_findings(tmp_path)
    assert findings == []
    assert report.document.extra["layout"]["sections"][0]["page_width_mm"] == 210


def test_x_rules_never_fire_on_text():
    report = check_text(QINGSHI)
    assert not [f for f in report.findings if f.group == "X"]


def test_paper_size(tmp_path):
    findings, _ = layout_findings(tmp_path, paper=(215.9, 279.4))
    mine, _ = only(findings, "X801")
    assert "215.9×279.4 mm" in mine[0].message and "A4" in mine[0].message
    assert mine[0].level is Level.WARNING
    # landscape A4 is still A4
    findings, _ = layout_findings(tmp_path, paper=(297, 210), margins=(37, 35, 28, 26))
    assert not [f for f in findings if f.rule == "X801"]


def test_margins_and_text_area(tmp_path):
    findings, report = layout_findings(tmp_path, margins=(25.4, 25.4, 31.7, 31.7))
    x802, _ = only(findings, "X802")
    assert "上边距 25.4 mm" in x802[0].message and "左边距 31.7 mm" in x802[0].message
    x803, _ = only(findings, "X803")
    assert "146.6×246.2 mm" in x803[0].message and "156×225 mm" in x803[0].message
    title = report.document.title_blocks[0]
    assert (x802[0].start, x802[0].end) == (title.start, title.end)  # the section's first paragraph
    # within ±1 mm is fine
    findings, _ = layout_findings(tmp_path, margins=(37.8, 34.2, 27.3, 26.7))
    assert not [f for f in findings if f.rule in ("X802", "X803")]


def test_body_font_and_size(tmp_path):
    findings, report = layout_findings(tmp_path, body_font="宋体")
    mine, others = only(findings, "X804")
    assert len(mine) == 3 and "另有" in mine[-1].message
    assert "宋体 16 磅（三号）" in mine[0].message and "仿宋 16 磅（三号）" in mine[0].message
    findings, _ = layout_findings(tmp_path, body_size=12)
    mine, _ = only(findings, "X804")
    assert "12 磅（小四）" in mine[0].message


def test_body_font_comes_from_style_inheritance(tmp_path):
    """The runs carry no font at all: it is resolved from the Normal style."""
    path = gb_docx(QINGSHI, tmp_path / "d.docx")
    body = [p for p in docx.Document(path).paragraphs if p.text.startswith("为贯彻落实")][0]
    assert all(run._r.rPr is None for run in body.runs)  # no direct formatting at all
    report = check_path(path)
    assert not [f for f in report.findings if f.rule == "X804"]
    # take the font off the style: now the theme/defaults decide, and they are not 仿宋
    findings, _ = layout_findings(tmp_path, body_font_in_style=False)
    assert [f for f in findings if f.rule == "X804"]


def test_title(tmp_path):
    findings, report = layout_findings(tmp_path, title_font="黑体", title_size=18, title_align="left")
    mine, _ = only(findings, "X805")
    assert "黑体" in mine[0].message and "18 磅（小二）" in mine[0].message and "未居中" in mine[0].message
    title = report.document.title_blocks
    assert (mine[0].start, mine[0].end) == (title[0].start, title[-1].end)


def test_heading_typefaces(tmp_path):
    findings, _ = layout_findings(tmp_path, heading_fonts={1: "仿宋_GB2312", 2: "楷体", 3: "仿宋",
                                                           4: "仿宋"})
    mine, _ = only(findings, "X806")
    assert len(mine) == 3 and "第1层标题为仿宋_GB2312" in mine[0].message and "黑体" in mine[0].message


def test_line_grid(tmp_path):
    findings, _ = layout_findings(tmp_path, grid=None)
    mine, _ = only(findings, "X807")
    assert mine[0].level is Level.INFO
    assert "每行约 27 字" in mine[0].message  # 三号 without a character grid: 156 mm holds 27
    findings, _ = layout_findings(tmp_path, grid=("lines", 579, 0))
    mine, _ = only(findings, "X807")
    assert "每面约 22 行" in mine[0].message


def test_first_line_indent(tmp_path):
    findings, _ = layout_findings(tmp_path, indent_chars=0)
    mine, _ = only(findings, "X808")
    assert "0 字" in mine[0].message and "左空2 字" in mine[0].message
    findings, _ = layout_findings(tmp_path, indent_chars=400)
    assert [f for f in findings if f.rule == "X808"]


def test_indent_by_leading_spaces_is_fine(tmp_path):
    text = "关于开展检查的通知\n各单位：\n　　现将有关事项通知如下。"
    report = check_path(gb_docx(text, tmp_path / "d.docx", indent_chars=None))
    d = docx.Document(tmp_path / "d.docx")
    d.paragraphs[2].runs[0].text = "　　现将有关事项通知如下。"
    d.save(tmp_path / "spaces.docx")
    report = check_path(tmp_path / "spaces.docx")
    assert not [f for f in report.findings if f.rule == "X808"]


def test_page_numbers(tmp_path):
    findings, _ = layout_findings(tmp_path, page_numbers=False)
    mine, _ = only(findings, "X809")
    assert "没有页脚" in mine[0].message or "没有页码" in mine[0].message
    findings, _ = layout_findings(tmp_path, page_dashes=("- ", " -"), page_size=10.5)
    mine, _ = only(findings, "X810")
    assert "一字线" in mine[0].message and "10.5 磅（五号）" in mine[0].message
    assert mine[0].level is Level.INFO
    findings, _ = layout_findings(tmp_path, odd_even=False)
    mine, _ = only(findings, "X810")
    assert "奇偶页不同" in mine[0].message


def test_typed_page_number_is_not_a_page_number(tmp_path):
    path = gb_docx(QINGSHI, tmp_path / "d.docx", page_numbers=False)
    d = docx.Document(path)
    d.sections[0].footer.paragraphs[0].text = "— 1 —"
    d.save(path)
    report = check_path(path)
    assert [f for f in report.findings if f.rule == "X809" and "页码域" in f.message]


def test_date_position_and_field(tmp_path):
    findings, report = layout_findings(tmp_path, date_align="center")
    mine, _ = only(findings, "X811")
    date = [b for b in report.document.blocks if b.kind.value == "date"][0]
    assert (mine[0].start, mine[0].end) == (date.start, date.end) and "居中" in mine[0].message
    findings, _ = layout_findings(tmp_path, date_field=True)
    mine, _ = only(findings, "X812")
    assert "DATE" in mine[0].message and mine[0].level is Level.WARNING


def test_layout_rules_can_be_switched_off(tmp_path):
    from wenfeng.config import Settings

    path = gb_docx(QINGSHI, tmp_path / "d.docx", paper=(215.9, 279.4))
    report = check_path(path, settings=Settings(rules={"X": False}))
    assert not [f for f in report.findings if f.group == "X"]


@pytest.mark.parametrize("edit,expected", [
    # page size in the section properties only (python-docx writes it; here a raw edit)
    (lambda xml: xml.replace('w:w="11906"', 'w:w="10318"').replace('w:h="16838"', 'w:h="14570"'),
     "X801"),
])
def test_raw_section_edits(tmp_path, edit, expected):
    path = gb_docx(QINGSHI, tmp_path / "d.docx")
    rewrite_part(path, "word/document.xml", edit)
    report = check_path(path)
    assert [f for f in report.findings if f.rule == expected]
