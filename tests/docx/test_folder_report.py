"""``wenfeng report DIR``: per-file rows, totals by 文种, table/JSON/CSV/HTML, parallel runs,
progress bar, bad files reported while the rest goes on; the HTML renders in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from docx_builders import gb_docx

from wenfeng.cli import main
from wenfeng.cli.folder_report import Progress, build
from wenfeng.output.reportfmt import width

ROOT = Path(__file__).resolve().parents[2]
FILLER = "　　全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。" * 4


# a fixed set of the bundled examples, so the expected totals and chart below stay put
EXAMPLES = ("请示-申请专项经费.txt", "讲话-全市减负工作会议.txt", "通知-材料报送.md")
N_EXAMPLES = len(EXAMPLES)


@pytest.fixture
def folder(tmp_path):
    drafts = tmp_path / "drafts"
    (drafts / "2024").mkdir(parents=True)
    for name in EXAMPLES:
        shutil.copy(ROOT / "examples" / name, drafts / name)
    long_request = "关于申请专项经费的请示\n市政府：\n" + "\n".join([FILLER] * 25) + "\n妥否，请批示。"
    (drafts / "2024" / "超长请示.txt").write_text(long_request, encoding="utf-8")
    gb_docx((ROOT / "examples" / "请示-申请专项经费.txt").read_text(encoding="utf-8"),
            drafts / "2024" / "请示.docx")
    return drafts


def test_rows_and_totals(folder):
    data = build([str(folder)], jobs=1)
    assert len(data["files"]) == N_EXAMPLES + 2 and data["errors"] == []
    rows = {Path(r["path"]).name: r for r in data["files"]}
    assert rows["超长请示.txt"]["limit"]["state"] in ("warning", "error")
    assert rows["请示.docx"]["format"] == "docx" and rows["请示.docx"]["groups"]["X"] == 0
    assert rows["讲话-全市减负工作会议.txt"]["groups"]["H"] >= 1
    qs = data["totals"]["请示"]
    assert qs["documents"] == 3 and qs["overGeneral"] == 1
    assert qs["averageWords"] == round(sum(r["words"] for r in data["files"]
                                            if r["doctype"] == "请示") / 3)
    assert qs["limit"] == {"metric": "words", "general": 1500, "maximum": 2000, "unit": "字"}


def test_parallel_equals_serial(folder):
    serial = build([str(folder)], jobs=1)
    parallel = build([str(folder)], jobs=2)
    assert parallel["files"] == serial["files"] and parallel["totals"] == serial["totals"]


def test_parallel_run_moves_the_progress_bar_once_per_file(folder):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    for n in range(12):  # enough files for batches of more than one
        (folder / f"稿{n:02d}.txt").write_text(f"关于第{n}项工作的请示\n市政府：\n{FILLER}\n",
                                               encoding="utf-8")
    stream = Tty()
    data = build([str(folder)], jobs=2, progress_stream=stream)
    total = len(data["files"])
    steps = [int(m) for m in re.findall(r"\] (\d+)/%d " % total, stream.getvalue())]
    assert steps == list(range(1, total + 1))
    assert stream.getvalue().endswith("\r\033[K")  # and it clears itself


def test_bad_file_reported_batch_goes_on(folder, capsys):
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04 truncated")
    code = main(["report", str(folder), "--format", "json", "--jobs", "2"])
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert code == 2
    assert len(data["files"]) == N_EXAMPLES + 2
    assert [Path(e["path"]).name for e in data["errors"]] == ["坏文件.docx"]
    assert "坏文件.docx" in err and "Traceback" not in err


def test_table_is_aligned_by_display_width(folder, capsys):
    assert main(["report", str(folder)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header, rule = lines[0], lines[1]
    assert header.startswith("文件") and "文种" in header and "字数" in header
    file_rows = lines[2:7]
    assert {width(line.rstrip()) for line in file_rows} <= {width(rule)} | {
        width(line.rstrip()) for line in file_rows}
    assert all(width(line) == width(rule) for line in [header] + file_rows)
    assert "超一般限额" in out and f"共 {N_EXAMPLES + 2} 个文件" in out


def test_csv_file_has_bom_and_columns(folder, tmp_path, capsys):
    target = tmp_path / "report.csv"
    assert main(["report", str(folder), "--format", "csv", "-o", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == N_EXAMPLES + 2
    assert {"path", "doctype", "words", "pages", "limit_general", "group_X"} <= set(rows[0])
    assert "报告已写入" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    bar = Progress(3, stream)
    for name in ("a.txt", "b.docx", "c.md"):
        bar.step(name)
    bar.close()
    assert "\r[" in stream.getvalue() and "3/3 c.md" in stream.getvalue()
    plain = io.StringIO()
    quiet = Progress(3, plain)
    quiet.step("a.txt")
    assert plain.getvalue() == ""


# -- HTML in a real browser -----------------------------------------------------------------------
def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _run_chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--disable-dev-shm-usage", *args],
                          capture_output=True, text=True, timeout=120)


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes): (width, height, rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, bpp, rows


@pytest.mark.slow  # starts a browser
@pytest.mark.skipif(_chromium() is None, reason="chromium not installed")
def test_html_renders_in_chromium(folder, tmp_path):
    page = tmp_path / "report.html"
    assert main(["report", str(folder), "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    # 1. the browser's own layout: measure the bars and limit lines after rendering
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", """<script>
      const bars = [...document.querySelectorAll('svg.chart rect.bar')];
      const lines = document.querySelectorAll('svg.chart line.limit');
      document.body.setAttribute('data-probe', JSON.stringify({
        charts: document.querySelectorAll('svg.chart').length,
        bars: bars.length, wide: bars.filter(b => b.getBoundingClientRect().width > 1).length,
        limits: lines.length, height: document.body.scrollHeight}));
    </script></body>"""), encoding="utf-8")
    result = _run_chromium("--dump-dom", probe.as_uri())
    assert result.returncode == 0, result.stderr[-500:]
    import html as html_lib
    import re

    probe_json = re.search(r'data-probe="([^"]+)"', result.stdout)
    assert probe_json, result.stdout[:500]
    measured = json.loads(html_lib.unescape(probe_json.group(1)))
    assert measured["charts"] == 3  # one per 文种: 请示, 讲话, 通知
    assert measured["bars"] == 5 and measured["wide"] == 5
    assert measured["limits"] >= 3 and measured["height"] > 600
    # 2. a screenshot that is not blank and shows the bar colours
    shot = tmp_path / "shot.png"
    result = _run_chromium(f"--screenshot={shot}", "--window-size=900,1000", page.as_uri())
    assert shot.exists(), result.stderr[-500:]
    w, bpp, rows = _png_pixels(shot.read_bytes())
    colours = {row[i:i + 3] for row in rows for i in range(0, w * bpp, bpp)}
    assert len(colours) > 20, "the screenshot is blank"
    green, orange, red = (bytes.fromhex(c) for c in ("3a7d44", "d98e04", "c0392b"))
    assert green in colours  # bars within their limit
    assert red in colours  # the 请示 over its 2000-字 maximum
    assert orange in colours  # the 一般 limit lines
