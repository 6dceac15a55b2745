"""Writing files changes only what it should (issue 19, items 4 and 5).

``report -o`` refuses pipes, devices and folders, and any file the same run reads; ``--fix``
keeps a file's encoding (UTF-16/32 big-endian with BOM), line ends, mode, owner, hard links and
extended attributes — or refuses in one line, leaving the file as it was; temporary files a
killed run left are removed by the next one.
"""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .hostile import run_cli

SPEECH = "在全市工作会议上的讲话\r\n尊敬的各位领导、同志们：\r\n今天召开会议，进行研究部署。\r\n"
FIXED = SPEECH.replace("尊敬的", "", 1)


def _one_line(run, path, *fragments):
    assert "Traceback" not in run.err, run.err
    assert run.code == 2 and len(run.err_lines) == 1, run.err
    assert str(path) in run.err_lines[0]
    for fragment in fragments:
        assert fragment in run.err_lines[0], run.err_lines[0]


# --- report -o ------------------------------------------------------------------------------

@pytest.fixture
def drafts(tmp_path) -> Path:
    d = tmp_path / "drafts"
    d.mkdir()
    (d / "a.txt").write_text(SPEECH, encoding="utf-8")
    return d


def test_report_refuses_a_fifo(drafts, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    run = run_cli("report", "-o", str(fifo), str(drafts))
    _one_line(run, fifo, "不是普通文件")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_report_refuses_a_link_to_a_fifo_and_a_folder(drafts, tmp_path):
    fifo = tmp_path / "real.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "report.csv"
    link.symlink_to(fifo)
    _one_line(run_cli("report", "-o", str(link), str(drafts)), link, "不是普通文件")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    folder = tmp_path / "somewhere"
    folder.mkdir()
    _one_line(run_cli("report", "-o", str(folder), str(drafts)), folder, "不是普通文件")


@pytest.mark.parametrize("how", ["named", "in folder", "through a link"])
def test_report_never_overwrites_an_input(drafts, tmp_path, how):
    draft = drafts / "a.txt"
    target = draft
    if how == "through a link":
        target = tmp_path / "link.txt"
        target.symlink_to(draft)
    paths = [str(drafts)] if how != "named" else [str(draft)]
    run = run_cli("report", "--format", "csv", "-o", str(target), *paths)
    _one_line(run, target, "本次要检查的文件")
    assert draft.read_bytes() == SPEECH.encode()


def test_report_still_writes_a_new_file(drafts, tmp_path):
    out = tmp_path / "r.csv"
    run = run_cli("report", "--format", "csv", "-o", str(out), str(drafts))
    assert run.code == 0, run.err
    assert "a.txt" in out.read_text(encoding="utf-8-sig")


# --- check --fix ------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, bom", [("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-be", codecs.BOM_UTF32_BE),
                                           ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-32-le", codecs.BOM_UTF32_LE),
                                           ("utf-8", codecs.BOM_UTF8), ("utf-8", b""), ("gb18030", b"")])
def test_fix_keeps_encoding_bom_and_line_ends(tmp_path, encoding, bom):
    path = tmp_path / "speech.txt"
    path.write_bytes(bom + SPEECH.encode(encoding))
    run = run_cli("check", "--fix", str(path))
    assert run.code in (0, 1), run.err
    assert path.read_bytes() == bom + FIXED.encode(encoding)


def test_fix_keeps_mode(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    path.chmod(0o640)
    assert run_cli("check", "--fix", str(path)).code in (0, 1)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_bytes() == FIXED.encode()


def test_fix_refuses_a_read_only_file(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    path.chmod(0o444)
    run = run_cli("check", "--fix", str(path))
    _one_line(run, path, "只读")
    assert path.read_bytes() == SPEECH.encode() and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_fix_refuses_to_break_a_hard_link(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    other = tmp_path / "copy.txt"
    os.link(path, other)
    run = run_cli("check", "--fix", str(path))
    _one_line(run, path, "硬链接")
    assert os.path.samefile(path, other) and path.read_bytes() == SPEECH.encode()


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes on this platform")
def test_fix_keeps_extended_attributes(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    try:
        os.setxattr(path, "user.wenfeng.test", b"kept")
    except OSError as exc:
        pytest.skip(f"this file system has no user xattrs ({exc.strerror})")
    assert run_cli("check", "--fix", str(path)).code in (0, 1)
    assert path.read_bytes() == FIXED.encode()
    assert os.getxattr(path, "user.wenfeng.test") == b"kept"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_fix_as_root_keeps_the_owner(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    os.chown(path, 4321, 4322)
    assert run_cli("check", "--fix", str(path)).code in (0, 1)
    assert path.read_bytes() == FIXED.encode()
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (4321, 4322)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_next_run_removes_temp_files_of_a_killed_run(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("关于申请经费的请示\n市政府：\n拟申请经费20万元。\n妥否，请批示。\n", encoding="utf-8")
    killed = tmp_path / f".speech.txt.{_dead_pid()}.k3j_x1.wenfeng-tmp"
    killed.write_bytes(b"x" * 3_000_000)
    running = tmp_path / f".speech.txt.{os.getpid()}.a1b2c3.wenfeng-tmp"  # a live writer's
    running.write_bytes(b"y")
    run = run_cli("check", "--fix", str(clean))  # nothing to fix there: still swept
    assert run.code in (0, 1), run.err
    assert not killed.exists()
    assert running.exists()


def test_a_killed_fix_leaves_a_temp_file_the_next_run_removes(tmp_path):
    """The real thing: a write SIGKILLed between writing its temporary file and the rename."""
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    code = ("import os, sys, signal; from pathlib import Path; from wenfeng import files;"
            "files.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL);"
            "files.write_atomic(Path(sys.argv[1]), 'x' * 2_000_000)")
    subprocess.run([sys.executable, "-c", code, str(path)], timeout=60)
    assert len(list(tmp_path.glob(".*.wenfeng-tmp"))) == 1
    assert path.read_bytes() == SPEECH.encode()
    run = run_cli("check", "--fix", str(path))
    assert run.code in (0, 1), run.err
    assert not list(tmp_path.glob(".*.wenfeng-tmp"))
