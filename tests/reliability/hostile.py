"""Builders for hostile input files (.docx made by hand with zipfile) and a CLI runner with limits.

The CLI runs in a subprocess with an address-space limit, so a reader that expanded a billion
laughs or decompressed a bomb would die (and fail the test) instead of eating the machine, and
with a wall-clock timeout, so a hang fails the test instead of stalling CI.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(*paragraphs: str, doctype: str = "") -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def write_docx(path: Path, document: str | bytes | None = None,
               extra: dict[str, bytes | str] | None = None, skip_main: bool = False) -> Path:
    """A minimal .docx; ``extra`` adds (or replaces) entries by name."""
    entries: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
        "word/document.xml": document if document is not None else document_xml("关于测试的请示"),
    }
    entries.update(extra or {})
    if skip_main:
        del entries["word/document.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def write_bomb_entry(path: Path, name: str, size: int, declared: int | None = None) -> Path:
    """A .docx with an extra entry ``name`` that inflates to ``size`` zero bytes (streamed, so
    the test never holds it in memory).  With ``declared`` the zip directory lies about the
    entry's size (local header and central directory both say ``declared``)."""
    if name == "word/document.xml":  # the bomb is the main part itself
        write_docx(path, extra={}, skip_main=True)
    else:
        write_docx(path)
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w") as fh:
            left = size
            while left > 0:
                fh.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
    if declared is not None:
        _patch_size(path, name, declared)
    return path


def _patch_size(path: Path, name: str, declared: int) -> None:
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    # central directory headers: signature PK\1\2, uncompressed size at +24, name at +46
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = int.from_bytes(data[pos + 28:pos + 30], "little")
        if bytes(data[pos + 46:pos + 46 + name_len]) == encoded:
            data[pos + 24:pos + 28] = declared.to_bytes(4, "little")
            local = int.from_bytes(data[pos + 42:pos + 46], "little")
            data[local + 22:local + 26] = declared.to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def err_lines(self) -> list[str]:
        return [ln for ln in self.err.splitlines() if ln.strip()]


MEMORY_LIMIT = 2 * 1024 ** 3  # address space of the CLI under test


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str, timeout: float = 60, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> Run:
    """``python -m wenfeng ARGS`` in a subprocess with a memory limit and a timeout."""
    full_env = dict(os.environ, NO_COLOR="1", PYTHONUNBUFFERED="1", **(env or {}))
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "wenfeng", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd, env=full_env,
                          preexec_fn=_limit_memory)
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start)


def assert_refused(run: Run, path: Path | str, *fragments: str, budget: float) -> None:
    """Exit 2, exactly one error line naming the file (and each fragment), no traceback,
    within ``budget`` seconds."""
    assert "Traceback" not in run.err, run.err
    assert run.code == 2, (run.code, run.out, run.err)
    assert len(run.err_lines) == 1, run.err
    line = run.err_lines[0]
    assert str(path) in line, line
    for fragment in fragments:
        assert fragment in line, line
    assert run.seconds < budget, f"took {run.seconds:.1f} s (budget {budget} s)"
