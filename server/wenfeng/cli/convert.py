"""Files the folder report cannot read itself: old Word (.doc), WPS (.wps) and PDF.

An office's folder of 发文 holds these next to the .docx drafts; a report that skipped them would
understate what was sent.  So each is either converted with LibreOffice (``soffice --headless
--convert-to docx``, when ``soffice`` is on ``PATH``) and checked like a .docx, or listed as
未检查 with the reason.  PDF is always listed: it is a page layout, and LibreOffice imports it as
one text box per printed line (its ``--convert-to txt`` gives an empty file), from which neither
the paragraphs nor the 字数 of the draft can be restored reliably.

LibreOffice runs with a profile of its own in a temporary folder, so a LibreOffice the user has
open is neither disturbed nor handed the job (it would return before converting), and under a
time limit; all .doc/.wps files go to one ``soffice`` run (starting it costs seconds).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

#: Suffixes found in a folder of 发文 that wenfeng does not read itself, and what they are.
CONVERTIBLE = {".doc": "旧版 Word 文件", ".wps": "WPS 文字文件"}
NOT_READ = {".pdf": "PDF 文件"}
SUFFIXES = frozenset(CONVERTIBLE) | frozenset(NOT_READ)
PDF_REASON = ("PDF 是版式文件，无法可靠还原正文和字数（LibreOffice 只能转出逐行的文本框）；"
              "请检查原稿 .docx/.wps，或另存为 .txt 后检查")
#: Seconds for one soffice run: start-up plus this much per file.
START_SECONDS, PER_FILE_SECONDS = 60, 20


def soffice() -> str | None:
    """The LibreOffice command on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _batches(files: list[Path]) -> list[list[Path]]:
    """Groups with distinct file stems (a.doc and a.wps would both become a.docx)."""
    batches: list[list[Path]] = []
    for f in files:
        for batch in batches:
            if all(g.stem != f.stem for g in batch):
                batch.append(f)
                break
        else:
            batches.append([f])
    return batches


def convert(files: list[Path], workdir: Path) -> tuple[dict[Path, Path], dict[Path, str]]:
    """``(converted, unchecked)``: each .doc/.wps/.pdf file either maps to a .docx made from it
    under ``workdir`` or to the reason it is not checked."""
    converted: dict[Path, Path] = {}
    unchecked: dict[Path, str] = {}
    todo = []
    for f in files:
        if f.suffix.lower() in NOT_READ:
            unchecked[f] = PDF_REASON
        else:
            todo.append(f)
    command = soffice() if todo else None
    if todo and command is None:
        for f in todo:
            unchecked[f] = (f"{CONVERTIBLE[f.suffix.lower()]}：未安装 LibreOffice（soffice），无法转换；"
                            "请安装 LibreOffice 或另存为 .docx 后检查")
        return converted, unchecked
    profile = (workdir / "profile").resolve().as_uri()
    for i, batch in enumerate(_batches(todo)):
        out = workdir / f"out{i}"
        out.mkdir(parents=True)
        limit = START_SECONDS + PER_FILE_SECONDS * len(batch)
        problem = None
        try:
            run = subprocess.run(
                [str(command), "--headless", "--norestore", f"-env:UserInstallation={profile}",
                 "--convert-to", "docx", "--outdir", str(out), *map(str, batch)],
                capture_output=True, text=True, errors="replace", timeout=limit,
                stdin=subprocess.DEVNULL)
            if run.returncode != 0:
                problem = f"LibreOffice 转换失败（退出码 {run.returncode}）"
        except subprocess.TimeoutExpired:
            problem = f"LibreOffice 转换超过 {limit} 秒，已放弃"
        except OSError as exc:
            problem = f"无法运行 LibreOffice：{exc.strerror or exc}"
        for f in batch:
            made = out / f"{f.stem}.docx"
            if problem is None and made.is_file() and made.stat().st_size > 0:
                converted[f] = made
            else:
                unchecked[f] = problem or "LibreOffice 未能转换此文件（可能已损坏或加密）"
    return converted, unchecked
