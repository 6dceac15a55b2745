"""``check --annotate``: Word comments anchored exactly, formatting kept, safe fixes as tracked
changes, overwrite protection, folder mode, and the copy opens in LibreOffice."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx_builders import anchored_texts, docx_with_body, gb_docx, plain_docx

import docx
from docx.shared import RGBColor
from wenfeng import fixes
from wenfeng.api import check_path
from wenfeng.cli import main
from wenfeng.output.docx import annotate_reports
from wenfeng.sources import load_path

ROOT = Path(__file__).resolve().parents[2]
QINGSHI = (ROOT / "examples" / "请示-申请专项经费.txt").read_text(encoding="utf-8")
SPEECH = (ROOT / "examples" / "讲话-全市减负工作会议.txt").read_text(encoding="utf-8")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_anchor(report, finding) -> str:
    doc = report.document
    if finding.document_level:
        titles = doc.title_blocks
        return doc.text[titles[0].start:titles[-1].end]
    return doc.text[finding.start:finding.end]


@pytest.mark.parametrize("builder", [plain_docx, gb_docx], ids=["plain", "gb"])
@pytest.mark.parametrize("text", [QINGSHI, SPEECH], ids=["qingshi", "speech"])
def test_every_comment_on_its_text(tmp_path, builder, text):
    src = builder(text, tmp_path / "in.docx")
    before = sha(src)
    report = check_path(src)
    assert report.findings
    errors = annotate_reports([(str(src), report)], str(tmp_path / "out.docx"))
    assert errors == []
    assert sha(src) == before, "the original must not change"
    out = tmp_path / "out.docx"
    comments = list(docx.Document(out).comments)
    assert len(comments) == len(report.findings)
    assert {c.author for c in comments} == {"文风检查"}
    anchors = anchored_texts(out)
    by_id = {c.comment_id: c for c in comments}
    got = Counter((anchors[cid], by_id[cid].text.split("】", 1)[1].split("\n")[0]) for cid in anchors)
    want = Counter((expected_anchor(report, f), f.message) for f in report.findings)
    assert got == want
    for f in report.findings:
        assert any(f.message in c.text and f"依据：{f.source}" in c.text for c in comments)
    # the copy reads back as the same text: splitting runs changed nothing visible
    assert load_path(out).text == report.document.text


def test_split_run_keeps_formatting(tmp_path):
    d = docx.Document()
    d.add_paragraph("在全市工作会议上的讲话")
    para = d.add_paragraph()
    run = para.add_run("会议开始，尊敬的各位领导、同志们：今天召开会议。")
    run.bold = True
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    src = tmp_path / "fmt.docx"
    d.save(src)
    report = check_path(src)
    h201 = [f for f in report.findings if f.rule == "H201"]
    assert h201
    annotate_reports([(str(src), report)], str(tmp_path / "out.docx"))
    out = docx.Document(tmp_path / "out.docx")
    runs = [r for r in out.paragraphs[1].runs if r.text]
    assert len(runs) >= 3  # split before and after "尊敬的"
    assert "".join(r.text for r in runs) == "会议开始，尊敬的各位领导、同志们：今天召开会议。"
    assert all(r.bold and r.font.color.rgb == RGBColor(0xC0, 0x00, 0x00) for r in runs)
    assert "尊敬的" in anchored_texts(tmp_path / "out.docx").values()


def test_document_level_findings_on_title(tmp_path):
    body = "\n".join(["　　全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。" * 4] * 30)
    text = f"关于申请专项经费\n的请示\n市政府：\n{body}\n妥否，请批示。"
    src = plain_docx(text, tmp_path / "long.docx")
    report = check_path(src)
    limit = [f for f in report.findings if f.rule == "L101"]
    assert limit and limit[0].document_level
    annotate_reports([(str(src), report)], str(tmp_path / "out.docx"))
    anchors = anchored_texts(tmp_path / "out.docx")
    comments = {c.comment_id: c.text for c in docx.Document(tmp_path / "out.docx").comments}
    on_title = [anchors[cid] for cid, t in comments.items() if t.startswith("【L101")]
    assert on_title and all(a == "关于申请专项经费\n的请示" for a in on_title)


def test_anchor_inside_hyperlink_and_across_runs(tmp_path):
    body = ('<w:p><w:r><w:t>在全市工作会议上的讲话</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>会议开始，尊</w:t></w:r><w:hyperlink r:id="rId99"><w:r><w:t>敬的各</w:t></w:r>'
            '</w:hyperlink><w:r><w:t>位领导：今天开会。</w:t></w:r></w:p>')
    src = docx_with_body(tmp_path / "link.docx", body)
    report = check_path(src)
    assert any(f.rule == "H201" for f in report.findings)
    annotate_reports([(str(src), report)], str(tmp_path / "out.docx"))
    assert "尊敬的" in anchored_texts(tmp_path / "out.docx").values()


def test_apply_fixes_as_tracked_changes(tmp_path):
    src = plain_docx(SPEECH, tmp_path / "speech.docx")
    report = check_path(src)
    safe = fixes.select(report.safe_fixes)
    assert safe, "the speech example has safe fixes (尊敬的 …)"
    errors = annotate_reports([(str(src), report)], str(tmp_path / "out.docx"), apply_fixes=True)
    assert errors == []
    out = tmp_path / "out.docx"
    expected, _ = fixes.apply(report.document.text, report.safe_fixes)
    assert load_path(out).text == expected  # deletions dropped, insertions kept
    xml = __import__("zipfile").ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="文风检查"' in xml and "<w:del " in xml
    comments = [c.text for c in docx.Document(out).comments]
    assert sum("已在本副本中以修订方式修改" in t for t in comments) >= 1
    anchors = anchored_texts(out)
    assert "[-尊敬的-]" in anchors.values()


def test_refuses_to_overwrite_without_force(tmp_path):
    src = plain_docx(SPEECH, tmp_path / "in.docx")
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")
    code = main(["check", str(src), "--annotate", str(out)])
    assert code == 2 and out.read_bytes() == b"keep me"
    code = main(["check", str(src), "--annotate", str(out), "--force"])
    assert code == 1 and len(list(docx.Document(out).comments)) > 0


def test_never_writes_over_the_original(tmp_path):
    src = plain_docx(SPEECH, tmp_path / "in.docx")
    before = sha(src)
    code = main(["check", str(src), "--annotate", str(src), "--force"])
    assert code == 2 and sha(src) == before


def test_folder_mode_mirrors_inputs(tmp_path, capsys):
    drafts = tmp_path / "drafts"
    (drafts / "sub").mkdir(parents=True)
    plain_docx(SPEECH, drafts / "a.docx")
    plain_docx(QINGSHI, drafts / "sub" / "b.docx")
    (drafts / "c.txt").write_text(SPEECH, encoding="utf-8")
    out = tmp_path / "annotated"
    code = main(["check", str(drafts), "--annotate", str(out)])
    capsys.readouterr()
    assert code == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        ["a.docx", "sub/b.docx"]
    # a single file into an existing folder keeps its name
    single = tmp_path / "single"
    single.mkdir()
    assert main(["check", str(drafts / "a.docx"), "--annotate", str(single)]) == 1
    assert (single / "a.docx").exists()


def test_text_input_cannot_be_annotated_into_a_file(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(SPEECH, encoding="utf-8")
    assert main(["check", str(src), "--annotate", str(tmp_path / "o.docx")]) == 2
    assert "只能为 .docx" in capsys.readouterr().err


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
def test_annotated_copy_opens_in_libreoffice(tmp_path):
    src = gb_docx(QINGSHI, tmp_path / "in.docx")
    report = check_path(src)
    out = tmp_path / "annotated.docx"
    assert annotate_reports([(str(src), report)], str(out), apply_fixes=True) == []
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "annotated.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
