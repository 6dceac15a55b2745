"""Page count of a .docx from its own page setup (and the 政策性文件 page limit on it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_builders import gb_docx, plain_docx

import docx
from docx.enum.text import WD_BREAK
from wenfeng.api import check_path, check_text
from wenfeng.metrics.counting import page_count
from wenfeng.sources import load_path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
PARA = "　　全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。" * 3


def test_same_text_on_the_gb_grid_agrees_with_the_text_estimate(tmp_path):
    text = "关于加强基层治理的通知\n各乡镇人民政府：\n" + "\n".join([PARA] * 40)
    from_text = check_text(text).counts.pages
    from_docx = check_path(gb_docx(text, tmp_path / "gb.docx")).counts.pages
    assert abs(from_docx - from_text) <= 1
    assert from_docx >= 6


def test_real_layout_changes_the_count(tmp_path):
    """Letter paper with 11 pt type holds far more per page than the 22×28 grid."""
    text = "关于加强基层治理的通知\n各乡镇人民政府：\n" + "\n".join([PARA] * 40)
    dense = check_path(plain_docx(text, tmp_path / "plain.docx")).counts.pages
    grid = check_text(text).counts.pages
    assert dense < grid


def test_page_breaks_and_section_breaks_start_pages(tmp_path):
    d = docx.Document()
    d.add_paragraph("关于印发某某办法的通知")
    for i in range(4):
        para = d.add_paragraph(f"第{i + 1}部分内容。")
        para.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("最后一页。")
    path = tmp_path / "breaks.docx"
    d.save(path)
    assert page_count(load_path(path)) == 5
    d2 = docx.Document(path)
    d2.add_section()  # a new section starts on a new page
    d2.add_paragraph("新节。")
    d2.save(path)
    assert page_count(load_path(path)) == 6


def test_policy_document_page_limit_uses_real_pages(tmp_path):
    """A short 政策性文件 spread over 11 pages by page breaks is over the 10-page maximum."""
    d = docx.Document()
    d.add_paragraph("关于印发《某市促进就业若干措施》的通知")
    d.add_paragraph("各区县人民政府：")
    for i in range(11):
        para = d.add_paragraph(f"　　第{i + 1}条　各地要落实就业政策。")
        if i < 10:
            para.add_run().add_break(WD_BREAK.PAGE)
    path = tmp_path / "policy.docx"
    d.save(path)
    report = check_path(path, doctype="政策性文件")
    assert report.counts.pages == 11
    l102 = [f for f in report.findings if f.rule == "L102"]
    assert {f.level.label for f in l102} == {"warning", "error"}
    assert all("按 Word 文件的页面设置估算" in f.message for f in l102)
    # the same text as .txt is one page and within the limit
    text = load_path(path).text
    assert not [f for f in check_text(text, doctype="政策性文件").findings if f.rule == "L102"]


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pdf_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
def test_estimate_matches_libreoffice_on_fixed_spacing(tmp_path):
    """On a layout LibreOffice renders like Word (A4, GB margins, exact 28.95 pt lines, 三号),
    our page count equals the pages LibreOffice prints, within one page on long documents."""
    gwr = sorted((SHARED / "corpus" / "gwr").glob("*.txt"))
    texts = [("short", "关于开展检查的通知\n各单位：\n" + "\n".join([PARA] * 3))]
    if gwr:
        body = gwr[0].read_text(encoding="utf-8").split("\n")
        texts.append(("medium", "\n".join(body[:40])))
        texts.append(("long", "\n".join(body[:160])))
    else:  # the shared corpus is not part of the repository: make long prose instead
        texts.append(("long", "关于开展检查的通知\n" + "\n".join([PARA] * 120)))
    for name, text in texts:
        path = gb_docx(text, tmp_path / f"{name}.docx", grid=None)
        d = docx.Document(path)
        normal = d.styles["Normal"].paragraph_format
        from docx.shared import Pt

        normal.line_spacing = Pt(28.95)
        d.save(path)
        ours = check_path(path).counts.pages
        subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                       capture_output=True, timeout=180, check=True)
        theirs = _pdf_pages(tmp_path / f"{name}.pdf")
        assert abs(ours - theirs) <= max(1, theirs // 10), (name, ours, theirs)
