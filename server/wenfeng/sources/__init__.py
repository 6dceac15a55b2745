"""Readers: anything → :class:`wenfeng.model.Document`.

``load_path`` picks the reader by file suffix; ``load_text`` serves editor buffers.  The .docx
and Markdown readers are imported lazily so that plain-text use never loads python-docx or
markdown-it (a language server starts faster without them).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .text import check_is_text, decode, parse_text

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | DOCX_SUFFIXES
#: Files larger than this are refused rather than read (a 公文 is rarely over 1 MB of text).
MAX_TEXT_BYTES = 20 * 1024 * 1024


def fmt_for(path: str | os.PathLike[str], language_id: str | None = None) -> str:
    """"txt", "md" or "docx" from an editor language id or the file suffix."""
    if language_id in ("markdown",):
        return "md"
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    return "txt"


def load_text(text: str, *, path: str | None = None, fmt: str = "txt") -> Document:
    """Parse text that is already decoded (an editor buffer)."""
    if fmt == "md":
        from .markdown import parse_markdown

        return parse_markdown(text, path=path)
    if fmt == "docx":  # rule examples of .docx layout rules: a Word file built from the text
        from .docx.examples import document_from_text

        return document_from_text(text, path=path)
    return parse_text(text, path=path)


def load_path(path: str | os.PathLike[str]) -> Document:
    """Read a file from disk; raise :class:`InputError` with a one-line reason on failure."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("文件不存在", path=name)
    if p.is_dir():
        raise InputError("这是文件夹，不是文件", path=name)
    if not p.is_file():  # a pipe or device would block or never end (/dev/zero reports size 0)
        raise InputError("不是普通文件（管道、设备等），无法检查", path=name)
    fmt = fmt_for(p)
    if fmt == "docx":
        from .docx import load_docx  # python-docx only when a .docx is read

        return load_docx(p)
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"文件过大（{size // 1024 // 1024} MB），超过 "
                             f"{MAX_TEXT_BYTES // 1024 // 1024} MB 的上限", path=name)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror or exc}", path=name) from None
    text, encoding = decode(data, name)
    check_is_text(text, name)
    if fmt == "md":
        from .markdown import parse_markdown

        return parse_markdown(text, path=name, encoding=encoding)
    return parse_text(text, path=name, encoding=encoding)
