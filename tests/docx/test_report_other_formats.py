"""``wenfeng report``: .doc, .wps and .pdf are never skipped silently — converted with
LibreOffice when ``soffice`` is on PATH (a fake one here, the real one in the slow test), else
listed as 未检查 with the reason; the HTML lists each file's findings in ``<details>``."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx_builders import gb_docx

from wenfeng.cli import main
from wenfeng.cli.folder_report import build

QINGSHI = "关于申请专项经费的请示\n市政府：\n为加强管理，尊敬的各位领导，我们认真落实。\n妥否，请批示。\n"

CLEAN = "关于申请专项经费的请示\n市政府：\n为加强管理，我们申请专项经费50万元，用于设备购置。\n妥否，请批示。\n"

#: A stand-in for LibreOffice: writes the .docx named by $FAKE_DOCX for each input into
#: --outdir (or fails with $FAKE_EXIT), and logs its arguments, one run per line.
FAKE_SOFFICE = f"""#!{sys.executable}
import json, os, shutil, sys
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args, ensure_ascii=False) + "\\n")
if os.environ.get("FAKE_EXIT"):
    sys.exit(int(os.environ["FAKE_EXIT"]))
out = args[args.index("--outdir") + 1]
for f in args[args.index("--outdir") + 2:]:
    stem = os.path.splitext(os.path.basename(f))[0]
    shutil.copy(os.environ["FAKE_DOCX"], os.path.join(out, stem + ".docx"))
"""


@pytest.fixture
def office(tmp_path):
    """A folder with a .txt draft and one .doc, .wps and .pdf (contents do not matter to the
    fake converter), plus the .docx the fake "converts" them into."""
    folder = tmp_path / "发文"
    folder.mkdir()
    (folder / "请示.txt").write_text(QINGSHI, encoding="utf-8")
    for name in ("旧请示.doc", "金山稿.wps", "扫描件.pdf"):
        (folder / name).write_bytes(b"\xd0\xcf\x11\xe0 not really")
    gb_docx(QINGSHI, tmp_path / "converted.docx")
    return folder


def use_path(monkeypatch, tmp_path, fake: bool, **env: str) -> Path:
    """PATH with only a fake soffice (or nothing); returns the fake's argument log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "soffice.log"
    if fake:
        script = bin_dir / "soffice"
        script.write_text(FAKE_SOFFICE, encoding="utf-8")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_DOCX", str(tmp_path / "converted.docx"))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return log


def test_without_libreoffice_each_one_is_listed_with_the_reason(office, tmp_path, monkeypatch,
                                                                 capsys):
    use_path(monkeypatch, tmp_path, fake=False)
    assert main(["report", str(office)]) == 0
    out, err = capsys.readouterr()
    assert "未检查 3 个文件" in out and "共 1 个文件" in out
    unchecked = [line for line in err.splitlines() if "：未检查：" in line]
    assert len(unchecked) == 3
    assert any("旧请示.doc" in line and "未安装 LibreOffice" in line for line in unchecked)
    assert any("金山稿.wps" in line and "WPS 文字文件" in line for line in unchecked)
    assert any("扫描件.pdf" in line and "PDF 是版式文件" in line for line in unchecked)


def test_with_soffice_doc_and_wps_are_converted_in_one_run_and_checked(office, tmp_path,
                                                                       monkeypatch):
    log = use_path(monkeypatch, tmp_path, fake=True)
    data = build([str(office)], jobs=1)
    rows = {Path(r["path"]).name: r for r in data["files"]}
    assert sorted(rows) == ["旧请示.doc", "请示.txt", "金山稿.wps"]
    for name in ("旧请示.doc", "金山稿.wps"):
        assert rows[name]["convertedBy"] == "LibreOffice" and rows[name]["format"] == "docx"
        assert rows[name]["doctype"] == "请示" and rows[name]["groups"]["H"] == 1
    assert [Path(u["path"]).name for u in data["unchecked"]] == ["扫描件.pdf"]
    [run] = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert run[:2] == ["--headless", "--norestore"]
    assert run[2].startswith("-env:UserInstallation=file://")  # its own profile
    assert run[3:5] == ["--convert-to", "docx"]
    assert sorted(Path(p).name for p in run[7:]) == ["旧请示.doc", "金山稿.wps"]


def test_same_stems_go_to_separate_runs(tmp_path, monkeypatch):
    folder = tmp_path / "发文"
    folder.mkdir()
    for name in ("通知.doc", "通知.wps"):
        (folder / name).write_bytes(b"x")
    gb_docx(QINGSHI, tmp_path / "converted.docx")
    log = use_path(monkeypatch, tmp_path, fake=True)
    data = build([str(folder)], jobs=1)
    assert len(data["files"]) == 2 and data["unchecked"] == []
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2


def test_a_failed_conversion_is_listed_not_dropped(office, tmp_path, monkeypatch, capsys):
    use_path(monkeypatch, tmp_path, fake=True, FAKE_EXIT="77")
    target = tmp_path / "报告.csv"
    assert main(["report", str(office), "--format", "csv", "-o", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    unchecked = {Path(r["path"]).name: r for r in rows if r["state"] == "unchecked"}
    assert sorted(unchecked) == ["扫描件.pdf", "旧请示.doc", "金山稿.wps"]
    assert unchecked["旧请示.doc"]["note"] == "LibreOffice 转换失败（退出码 77）"
    assert [r["path"] for r in rows if r["state"] != "unchecked"] == [str(office / "请示.txt")]


def test_html_lists_each_files_findings_collapsed_and_escaped(tmp_path, monkeypatch):
    use_path(monkeypatch, tmp_path, fake=False)
    folder = tmp_path / "发文"
    folder.mkdir()
    (folder / "<b>请示&.txt").write_text(QINGSHI.replace("我们认真落实", "尊敬的<i>同志</i>"),
                                           encoding="utf-8")
    (folder / "干净.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    page = tmp_path / "报告.html"
    assert main(["report", str(folder), "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<b>请示" not in html and "<i>" not in html
    [details] = html.split("<details class=file>")[1:]
    summary = details.split("</summary>")[0]
    assert "&lt;b&gt;请示&amp;.txt：2 处（警告 1，提示 1）" in summary  # H201, and V410 (尊敬的 twice)
    assert details.count("<td>H201</td>") == 1 and "依据：" in details
    assert "1 个文件有问题（点开查看），1 个文件没有发现问题" in html
    assert "<h2>未检查的文件</h2>" in html and "扫描件.pdf：PDF 是版式文件" in html


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_real_libreoffice_converts_a_doc(tmp_path):
    """With the real soffice: a .doc made from the draft by LibreOffice is converted back and
    gives the draft's findings (CI does not depend on this; .ci/run installs LibreOffice)."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "请示.txt").write_text(QINGSHI, encoding="utf-8")
    folder = tmp_path / "发文"
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(folder), str(source / "请示.txt")],
                   check=True, capture_output=True, timeout=120)
    data = build([str(folder)], jobs=1)
    [row] = data["files"]
    assert row["path"].endswith("请示.doc") and row["convertedBy"] == "LibreOffice"
    assert row["doctype"] == "请示" and [i["rule"] for i in row["issues"]].count("H201") == 1
