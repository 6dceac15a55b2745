"""Nothing is lost: ``--fix`` replaces files atomically (temp file + rename, permissions kept),
leaves the original byte-for-byte intact when anything fails midway, never writes through a
stale read, and Word output never touches its input.  A crash test SIGKILLs ``check --fix``
while it writes and finds the original either untouched or completely fixed — never partial.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SPEECH = "在全市工作会议上的讲话\r\n尊敬的各位领导、同志们：\r\n今天召开会议，进行研究部署。\r\n"


def _write(path: Path, text: str = SPEECH, encoding: str = "utf-8") -> bytes:
    data = text.encode(encoding)
    path.write_bytes(data)
    return data


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.wenfeng-tmp"))


def _fixed(text: str) -> str:
    from wenfeng import api, fixes

    report = api.check_text(text)
    return fixes.apply(text, report.safe_fixes)[0]


# --- the normal path ---------------------------------------------------------------------

def test_fix_replaces_by_rename_and_keeps_permissions(tmp_path, run_cli):
    path = tmp_path / "speech.txt"
    original = _write(path)
    path.chmod(0o604)
    inode = path.stat().st_ino
    with open(path, "rb") as reader:  # a reader holding the old file keeps seeing all of it
        code, _, err = run_cli("check", "--fix", str(path))
        assert reader.read() == original
    assert code in (0, 1) and "已修改" in err
    assert path.stat().st_ino != inode, "a new file was renamed into place"
    assert path.stat().st_mode & 0o777 == 0o604
    assert path.read_bytes() == _fixed(SPEECH).encode()
    assert _temps(tmp_path) == []


def test_fix_through_a_symlink_changes_the_target_and_keeps_the_link(tmp_path, run_cli):
    target = tmp_path / "real" / "speech.txt"
    target.parent.mkdir()
    _write(target)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    code, _, err = run_cli("check", "--fix", str(link))
    assert "已修改" in err, err
    assert link.is_symlink(), "the link must stay a link"
    assert target.read_bytes() == _fixed(SPEECH).encode()
    assert _temps(tmp_path) == [] and _temps(target.parent) == []


# --- failures midway: the original stays byte-for-byte, no temp file is left ------------

def _boom(err: int):
    def fail(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    return fail


class _HalfWriter:
    """A file object that writes half of what it is given, then hits a full disk."""

    def __init__(self, handle):
        self._handle = handle

    def write(self, data):
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


@pytest.mark.parametrize("failure", ["replace", "fsync", "disk-full", "mkstemp", "chmod"])
def test_failure_midway_leaves_the_original_intact(tmp_path, run_cli, monkeypatch, failure):
    import tempfile

    from wenfeng import files

    path = tmp_path / "speech.txt"
    original = _write(path)
    if failure == "replace":
        monkeypatch.setattr(files.os, "replace", _boom(errno.EIO))
    elif failure == "fsync":
        monkeypatch.setattr(files.os, "fsync", _boom(errno.EIO))
    elif failure == "disk-full":
        real_fdopen = os.fdopen
        monkeypatch.setattr(files.os, "fdopen", lambda *a, **k: _HalfWriter(real_fdopen(*a, **k)))
    elif failure == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _boom(errno.EACCES))
    elif failure == "chmod":
        monkeypatch.setattr(files.os, "fchmod", _boom(errno.EPERM))  # (mode set on the open file)
    code, out, err = run_cli("check", "--fix", str(path))
    assert code == 2 and "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.startswith("wenfeng:")]
    assert len(lines) == 1 and str(path) in lines[0], err
    assert ("原文件未改动" in lines[0]) or ("无法写入" in lines[0])
    assert path.read_bytes() == original
    assert _temps(tmp_path) == []


def test_interrupt_midway_leaves_the_original_intact(tmp_path, run_cli, monkeypatch):
    from wenfeng import files

    path = tmp_path / "speech.txt"
    original = _write(path)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    code, _, err = run_cli("check", "--fix", str(path))
    assert code == 130 and "已中断" in err
    assert path.read_bytes() == original and _temps(tmp_path) == []


def test_unencodable_fix_refuses_instead_of_crashing(tmp_path, run_cli):
    """A Big5-HKSCS draft where a fix brings in a simplified character Big5 cannot hold."""
    text = ("關於加強財政管理工作的報告\n各區縣人民政府：\n為進一步加強財政管理，現將有關事項報告如下。"
            "律師為被告人進行辨护，本市財政收入穩定增長，各項支出得到保障，社會事業持續發展。\n特此報告。\n")
    path = tmp_path / "big5.txt"
    original = _write(path, text, "big5hkscs")
    code, _, err = run_cli("check", "--fix", str(path))
    assert code == 2 and "Traceback" not in err, err
    assert "无法用原文件的编码 big5hkscs 保存" in err and "原文件未改动" in err
    assert path.read_bytes() == original and _temps(tmp_path) == []


def test_really_unwritable_folder(run_cli):
    """A folder the user may not write to (no simulation: as root the check runs with the
    effective uid of ``nobody``): one line saying it cannot write, the original intact."""
    import shutil
    import tempfile

    from wenfeng.rules.engine import get_engine

    get_engine().segmenter.initialize()  # lexicons and dictionary loaded before dropping rights
    base = Path(tempfile.mkdtemp(prefix="wenfeng-ro-", dir="/tmp"))
    try:
        base.chmod(0o755)
        path = base / "speech.txt"
        original = _write(path)
        path.chmod(0o666)  # the file itself is writable; its folder is not
        base.chmod(0o555)
        root = os.geteuid() == 0
        if root:
            os.setegid(65534)
            os.seteuid(65534)
        try:
            code, _, err = run_cli("check", "--fix", str(path))
        finally:
            if root:
                os.seteuid(0)
                os.setegid(0)
        assert code == 2 and "Traceback" not in err, err
        lines = [ln for ln in err.splitlines() if ln.startswith("wenfeng:")]
        assert len(lines) == 1 and "无法写入" in lines[0] and str(path) in lines[0], err
        assert path.read_bytes() == original
        assert _temps(base) == []
    finally:
        base.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_file_saved_during_the_check_is_not_overwritten(tmp_path, run_cli, monkeypatch):
    """An editor saves the draft while ``--fix`` is checking it: the fix must not write the
    stale text over the user's newer save."""
    from wenfeng import api

    path = tmp_path / "speech.txt"
    _write(path)
    newer = SPEECH + "这是编辑器刚刚保存的新段落。\r\n"
    real_check = api.check_document

    def check_then_editor_saves(*args, **kwargs):
        report = real_check(*args, **kwargs)
        path.write_bytes(newer.encode())
        return report

    monkeypatch.setattr(api, "check_document", check_then_editor_saves)
    code, _, err = run_cli("check", "--fix", str(path))
    assert path.read_bytes() == newer.encode(), "the user's newer save was overwritten"
    assert code == 2 and "Traceback" not in err
    assert "已被修改" in err


def test_a_file_named_twice_is_fixed_once(tmp_path, run_cli):
    """``check --fix drafts drafts/speech.txt``: one write, no false "changed meanwhile" error."""
    path = tmp_path / "drafts" / "speech.txt"
    path.parent.mkdir()
    _write(path)
    code, _, err = run_cli("check", "--fix", str(path.parent), str(path), str(path))
    assert code in (0, 1), err
    assert err.count("已修改") == 1 and "wenfeng:" not in err
    assert path.read_bytes() == _fixed(SPEECH).encode()


# --- Word files: the input is never touched ---------------------------------------------

def _docx(path: Path) -> bytes:
    import docx

    d = docx.Document()
    for line in SPEECH.splitlines():
        d.add_paragraph(line)
    d.save(path)
    return path.read_bytes()


def _fingerprint(path: Path):
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_ino, st.st_mtime_ns, st.st_mode


@pytest.mark.parametrize("args", [
    ["--annotate", "{out}"], ["--annotate", "{out}", "--apply-fixes"], ["--fix"], ["--diff"],
    ["--annotate", "{in}"], ["--annotate", "{in}", "--force"], ["--annotate", "{in}", "--apply-fixes", "--force"],
    ["--annotate", "{dir}", "--force"],
])
def test_word_output_never_touches_the_input(tmp_path, run_cli, args):
    src = tmp_path / "speech.docx"
    _docx(src)
    before = _fingerprint(src)
    out = tmp_path / "annotated.docx"
    argv = [a.format(out=out, dir=tmp_path, **{"in": src}) for a in args]
    code, _, err = run_cli("check", *argv, str(src))
    assert "Traceback" not in err
    assert _fingerprint(src) == before, f"{args} changed the input"
    if "{in}" in args or "{dir}" in args or "--fix" in args:
        assert code == 2 and err.count("wenfeng:") == 1, err  # refused with one line
    if args[:2] == ["--annotate", "{out}"]:
        assert out.exists() and out.read_bytes() != src.read_bytes()


# --- crash test: SIGKILL during the write -----------------------------------------------

def _kill_during_write(cmd: list[str], folder: Path, rng: random.Random, max_delay: float,
                       deadline: float = 120.0) -> tuple[bool, bool]:
    """Run ``cmd``; as soon as its temporary file appears in ``folder``, wait a random moment
    (0..max_delay s) and SIGKILL it.  ``(killed, temp file still there after the kill)``."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, NO_COLOR="1"))
    try:
        end = time.monotonic() + deadline
        while proc.poll() is None and time.monotonic() < end and not _temps(folder):
            pass  # busy-wait: the write may last only milliseconds
        if proc.poll() is None:
            time.sleep(rng.uniform(0, max_delay))
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return killed, bool(_temps(folder))
    finally:
        if proc.poll() is None:
            proc.kill()


def _check_round(path: Path, original: bytes, expected: bytes, outcomes: dict, mid: bool) -> None:
    data = path.read_bytes()
    assert data in (original, expected), f"partial file after a kill ({len(data)} bytes)"
    outcomes["old" if data == original else "new"] += 1
    outcomes["killed mid-write"] += mid
    for leftover in _temps(path.parent):  # what a kill leaves: a hidden temp file, never the target
        leftover.unlink()


def test_sigkill_during_write_never_leaves_a_partial_file(tmp_path):
    """``write_atomic`` of 24 MB in a child process, SIGKILLed at random moments while its
    temporary file exists: the target is always exactly the old or exactly the new bytes."""
    original = ("旧" * 4_000_000).encode()            # 12 MB
    expected = ("新的内容" * 2_000_000).encode()        # 24 MB
    payload = tmp_path / "payload.bin"
    payload.write_bytes(expected)
    target = tmp_path / "work" / "draft.txt"
    target.parent.mkdir()
    code = ("import sys; from pathlib import Path; from wenfeng.files import write_atomic; "
            "write_atomic(Path(sys.argv[1]), Path(sys.argv[2]).read_bytes())")
    rng = random.Random(4)
    outcomes = {"old": 0, "new": 0, "killed mid-write": 0}
    for round_no in range(12):
        target.write_bytes(original)
        delay = 0.03 if round_no % 3 else 1.0  # mostly inside the write; sometimes after it
        killed, mid = _kill_during_write([sys.executable, "-c", code, str(target), str(payload)],
                                         target.parent, rng, max_delay=delay)
        _check_round(target, original, expected, outcomes, killed and mid)
    print(f"write_atomic kills: {outcomes}")
    assert outcomes["killed mid-write"] >= 3, outcomes  # the kills did land inside the write


def test_sigkill_during_check_fix_never_leaves_a_partial_file(tmp_path):
    """The real command: ``wenfeng check --fix`` on a 0.5 MB draft, killed while it writes."""
    para = "尊敬的各位领导、同志们：这项工作已经进行研究部署。" + \
        "全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。" * 400
    text = "在全市工作会议上的讲话\n" + "\n".join([para] * 30) + "\n"
    original = text.encode()
    expected = _fixed(text).encode()
    assert expected != original
    path = tmp_path / "big.txt"
    rng = random.Random(8)
    outcomes = {"old": 0, "new": 0, "killed mid-write": 0}
    for _ in range(1):
        path.write_bytes(original)
        killed, mid = _kill_during_write(
            [sys.executable, "-m", "wenfeng", "check", "--fix", "--format", "json", str(path)],
            tmp_path, rng, max_delay=0.005)
        _check_round(path, original, expected, outcomes, killed and mid)
    print(f"check --fix kills: {outcomes}")
