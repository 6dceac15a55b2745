"""Files in and out of the page: read an upload, write the .docx downloads.

An upload is read into memory up to the size limit, written into a private temporary folder
(mode 0700, a fixed file name — never the client's), read with the same readers and the same
safety checks as the CLI (:func:`wenfeng.sources.load_path`: renamed .doc, encrypted files and zip
bombs get the CLI's one-line refusals), and the folder is removed before the answer goes out.
Nothing is kept between requests: a download sends the original .docx again.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..api import check_document
from ..doctypes import canonical
from ..errors import WenfengError
from ..output.docx import annotate_document
from ..output.docx.tracked import tracked_copy
from ..sources import load_path
from .guard import Limits

SUFFIXES = {".docx": "docx", ".txt": "txt", ".md": "md", ".markdown": "md"}


class FileRefused(Exception):
    """One line for the page; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def display_name(name: str | None) -> str:
    """The client's file name, for messages only (never used as a path)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(ch for ch in name if ch.isprintable())[:120] or "上传的文件"


def suffix_of(name: str, allowed: dict[str, str] = SUFFIXES) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise FileRefused(f"{name}：只能打开 .docx、.txt 或 .md 文件")
    return suffix


def check_size(name: str, size: int, limits: Limits) -> None:
    if size > limits.upload_bytes:
        raise FileRefused(f"{name}：文件过大（{size / 1048576:.1f} MB），网页版最多 "
                          f"{limits.upload_bytes / 1048576:.0f} MB", status=413)


@contextmanager
def private_copy(data: bytes, suffix: str) -> Iterator[Path]:
    """``data`` as a file in a fresh private folder, removed afterwards (even on error)."""
    with tempfile.TemporaryDirectory(prefix="wenfeng-web-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        yield path


def _refusal(name: str, exc: WenfengError) -> FileRefused:
    return FileRefused(f"{name}：{exc.detail}", status=422)


def read_upload(data: bytes, name: str, limits: Limits) -> dict:
    """``{"name", "fmt", "text"}`` of an uploaded file, or :class:`FileRefused`."""
    suffix = suffix_of(name)
    check_size(name, len(data), limits)
    try:
        with private_copy(data, suffix) as path:
            document = load_path(path)
    except WenfengError as exc:
        raise _refusal(name, exc) from None
    if len(document.text) > limits.document_chars:
        raise FileRefused(f"{name}：文档过长（{len(document.text):,} 字符），网页版最多 "
                          f"{limits.document_chars:,} 字符", status=413)
    return {"name": name, "fmt": SUFFIXES[suffix], "text": document.text}


def annotated_docx(data: bytes, name: str, doctype: str | None, limits: Limits) -> bytes:
    """The ``check --annotate`` copy of an uploaded .docx: one Word comment per finding."""
    suffix_of(name, {".docx": "docx"})
    check_size(name, len(data), limits)
    try:
        chosen = canonical(doctype) if doctype else None
    except ValueError as exc:
        raise FileRefused(str(exc)) from None
    try:
        with private_copy(data, ".docx") as path:
            report = check_document(load_path(path), doctype=chosen)
            return annotate_document(report)
    except WenfengError as exc:
        raise _refusal(name, exc) from None


def tracked_docx(data: bytes, name: str, text: str, limits: Limits) -> tuple[bytes, int, int]:
    """The uploaded .docx with the page's edits as tracked changes (bytes, written, left out)."""
    suffix_of(name, {".docx": "docx"})
    check_size(name, len(data), limits)
    if len(text) > limits.document_chars:
        raise FileRefused(f"文档过长：网页版最多 {limits.document_chars:,} 字符", status=413)
    try:
        with private_copy(data, ".docx") as path:
            return tracked_copy(path, text)
    except WenfengError as exc:
        raise _refusal(name, exc) from None
