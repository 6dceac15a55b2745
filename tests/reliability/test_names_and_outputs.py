"""File names that are not UTF-8 (a GBK name from a Windows zip) or hold terminal controls, and
report cells a spreadsheet would run as formulas (issue 19, items 3 and 9).

Run as a subprocess under a UTF-8 locale that is not Python's UTF-8 mode (stdout is strict
there, as under ``zh_CN.UTF-8``): every command must finish, name the file with its undecodable
bytes as ``\\xNN``, and never pass ESC or BEL to the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from .hostile import run_cli

DRAFT = "关于申请经费的请示\n市政府：\n尊敬的领导，拟申请经费20万元。\n妥否，请批示。\n"
LOCALE = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONUTF8": "0"}
GBK_NAME = "关于申请经费的请示.txt".encode("gbk")
ESC_NAME = b"esc\x1b]0;owned\x07.txt"


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "drafts"
    d.mkdir()
    for name in (GBK_NAME, ESC_NAME, b"=HYPERLINK(1).txt", b"ok.txt"):
        with open(os.path.join(os.fsencode(d), name), "wb") as f:
            f.write(DRAFT.encode())
    return d


def _clean(run) -> None:
    assert "Traceback" not in run.err, run.err
    for stream in (run.out, run.err):
        assert "\x1b" not in stream and "\x07" not in stream


@pytest.mark.parametrize("argv", [["check"], ["check", "--format", "json"], ["check", "--format", "sarif"],
                                  ["stats"], ["stats", "--format", "json"], ["report"],
                                  ["report", "--format", "csv"], ["check", "--diff"]])
def test_every_command_handles_the_names(folder, argv):
    run = run_cli(*argv, str(folder), env=LOCALE)
    _clean(run)
    assert run.code in (0, 1), run.err
    shown = (run.out + run.err).replace("\\\\", "\\")  # JSON doubles the backslash
    assert "\\xb9\\xd8" in shown or "%B9%D8" in shown  # 关 in GBK, escaped (SARIF: %-encoded)
    assert "esc\\x1b]0;owned\\x07.txt" in shown or "esc%1B%5D0%3Bowned%07.txt" in shown


@pytest.mark.parametrize("fmt", ["html", "json", "csv", "table"])
def test_report_output_file_with_such_names(folder, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    run = run_cli("report", "--format", fmt, "-o", str(out), str(folder), env=LOCALE)
    _clean(run)
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8-sig")
    assert "\x1b" not in text and "\\xb9\\xd8" in text.replace("\\\\", "\\")
    if fmt == "json":
        assert len(json.loads(text)["files"]) == 4


def test_csv_cells_never_start_a_formula(folder, tmp_path):
    out = tmp_path / "r.csv"
    run = run_cli("report", "--format", "csv", "-o", str(out), str(folder), env=LOCALE)
    assert run.code == 0, run.err
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    paths = [r[0] for r in rows[1:]]
    assert any(p.endswith("=HYPERLINK(1).txt") for p in paths)
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@")), row


def test_formula_cells_are_quoted():
    from wenfeng.display import cell

    assert cell("=1+1") == "'=1+1" and cell("+1") == "'+1" and cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("-3") == "'-3" and cell("＝1") == "'＝1"
    assert cell("请示") == "请示" and cell(3) == 3


def test_error_lines_escape_controls(tmp_path):
    bad = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"x\x1b[2J\x07.txt")))
    bad.write_bytes(b"")
    run = run_cli("check", str(bad), env=LOCALE)
    assert run.code == 2 and len(run.err_lines) == 1, run.err
    _clean(run)
    assert "x\\x1b[2J\\x07.txt" in run.err_lines[0]
