"""Crafted and mutated .docx files (issue 19, item 2): hostile numbers in layout attributes and
damaged ZIP headers are reported or refused in one line, quickly, and never stop a batch.

The three files the adversarial pass found (``w:line`` of twenty digits looped for ever,
``w:sz="1e400"`` overflowed, ZIP "version needed" 6.4 raised NotImplementedError) are checked
one by one and in one batch; then a bounded hypothesis run over mutants of a real GB/T 9704
.docx (marked ``slow``).  The long run (≥ 5,000 mutants) is ``bench/fuzz_docx.py``.
"""

from __future__ import annotations

import io
import random
import signal
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from . import _fuzz
from .docx_mutants import mutate, seed_docx
from .hostile import run_cli

BUDGET = 10.0  # seconds per file


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> bytes:
    return seed_docx(tmp_path_factory.mktemp("seed"))


def _edit(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = [(i.filename, zf.read(i)) for i in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts:
            if name == part:
                assert old in blob, (part, old)
                blob = blob.replace(old, new)
            zf.writestr(name, blob)
    return out.getvalue()


def _version_needed(data: bytes, version: int) -> bytes:
    out = bytearray(data)
    at = data.index(b"PK\x01\x02")  # the first central directory entry
    struct.pack_into("<H", out, at + 6, version)
    return bytes(out)


def crafted(seed: bytes) -> dict[str, bytes]:
    return {
        "line.docx": _edit(seed, "word/styles.xml", b'w:line="276"', b'w:line="99999999999999999999"'),
        "pitch.docx": _edit(seed, "word/document.xml", b'w:linePitch="579"',
                            b'w:linePitch="99999999999999999999"'),
        "size.docx": _edit(seed, "word/styles.xml", b"<w:rPr>", b'<w:rPr><w:sz w:val="1e400"/>'),
        "nan.docx": _edit(seed, "word/document.xml", b"<w:pgSz ", b'<w:pgSz w:h="nan" '),
        "version.docx": _version_needed(seed, 64),
        "nul.docx": _edit(seed, "word/styles.xml", b"<w:rPr>", b"<w:rPr>\x00"),  # lxml: 2-line error
    }


@pytest.mark.parametrize("name", ["line.docx", "pitch.docx", "size.docx", "nan.docx", "version.docx", "nul.docx"])
def test_crafted_file_is_reported_or_refused_quickly(seed, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(crafted(seed)[name])
    run = run_cli("check", str(path), timeout=60)
    assert "Traceback" not in run.err, run.err
    assert run.seconds < BUDGET, f"{run.seconds:.1f} s"
    if run.code == 2:
        assert len(run.err_lines) == 1 and str(path) in run.err_lines[0], run.err
    else:
        assert run.code in (0, 1) and not run.err_lines, run.err


def test_crafted_files_do_not_stop_the_batch(seed, tmp_path):
    for name, data in crafted(seed).items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "z-good.docx").write_bytes(seed)
    run = run_cli("check", "--format", "json", str(tmp_path), timeout=120)
    assert "Traceback" not in run.err, run.err
    import json

    data = json.loads(run.out)
    checked = {Path(f["path"]).name for f in data["files"]}
    refused = {Path(e["path"]).name for e in data["errors"]}
    assert "z-good.docx" in checked
    assert checked | refused == {*crafted(seed), "z-good.docx"}
    assert len(run.err_lines) == len(refused)


class _Slow(Exception):
    pass


def _alarm(signum, frame):
    raise _Slow()


@pytest.mark.slow
@settings(max_examples=_fuzz.scaled(40))
@given(st.integers(min_value=0, max_value=2 ** 32))
def test_mutants_of_a_real_docx_are_reported_or_refused(seed, tmp_path_factory, run_cli, number):
    _fuzz.EXAMPLES["docx mutants"] += 1
    path = tmp_path_factory.mktemp("mutant") / "m.docx"
    path.write_bytes(mutate(seed, random.Random(number)))
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, BUDGET)
    try:
        code, _, err = run_cli("check", "--format", "json", str(path))
    except _Slow:
        pytest.fail(f"mutant {number} took over {BUDGET} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert "Traceback" not in err
    assert code in (0, 1) and not lines or code == 2 and len(lines) == 1 and str(path) in lines[0], err
