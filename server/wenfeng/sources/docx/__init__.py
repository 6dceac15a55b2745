"""Read Word (.docx) drafts into the same :class:`Document` the text reader builds.

The file is vetted first (``safety``: not a ZIP, .doc renamed, encrypted, zip bomb, path
traversal, missing parts, DTDs/entities, deep nesting), then opened with python-docx from the
vetted bytes.  Paragraphs (table cells included) are walked in reading order (``walk``);
``Document.text`` is their text joined by "\\n" — a manual line break inside a paragraph is a
"\\n" too — and the lines go through :func:`build_document`, so 标题, 主送, 附件说明 and 落款 are
found exactly as for a .txt of the same text.  ``extra`` carries:

- ``runs``: ``(start, end, paragraph, run)`` for every run that contributes text, in document
  code points — how findings are anchored back onto Word runs (``output/docx``);
- ``layout``: page setup and resolved formatting as plain data (``layout``) for the X8xx rules
  and the page estimate.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ...errors import InputError
from ...model import Document
from ..parts import Paragraph
from ..text import build_document
from .safety import safe_package
from .walk import ParaText, iter_paragraphs

_OUTER_WS = " \t\u3000\u00a0\u2002\u2003\u2009\ufeff"


def open_docx(path: Path, data: bytes | None = None):
    """python-docx ``Document`` of a vetted file (``data`` from :func:`safe_package`)."""
    import docx

    if data is None:
        data = safe_package(path)
    try:
        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises many kinds on malformed packages
        raise InputError(f"无法解析 Word 文件（{type(exc).__name__}：{str(exc)[:80]}）",
                         path=str(path)) from None


def read_paragraphs(document) -> list[ParaText]:
    return list(iter_paragraphs(document.element.body))


def document_from(document, path: str | None) -> Document:
    """Build the :class:`Document` from an opened python-docx document."""
    from .layout import build_layout

    paras = read_paragraphs(document)
    paragraphs: list[Paragraph] = []
    runs_map: list[tuple[int, int, int, int]] = []
    starts: list[int] = []
    blocks_of: list[list[int]] = []
    pos = 0
    line_no = 0
    for pi, para in enumerate(paras):
        if pi:
            pos += 1  # the "\n" between paragraphs
        starts.append(pos)
        for ri, run in enumerate(para.runs):
            if run.text:
                runs_map.append((pos, pos + len(run.text), pi, ri))
                pos += len(run.text)
        mine: list[int] = []
        offset = starts[-1]
        for line in para.text.split("\n"):
            content = line.strip(_OUTER_WS)
            if content:
                lead = len(line) - len(line.lstrip(_OUTER_WS))
                mine.append(len(paragraphs))
                paragraphs.append(Paragraph(text=content, start=offset + lead,
                                            end=offset + lead + len(content), line=line_no))
            offset += len(line) + 1
            line_no += 1
        blocks_of.append(mine)
    text = "\n".join(p.text for p in paras)
    layout = build_layout(document, paras, starts, blocks_of)
    # Word's outline level (标题 1/2… styles) marks headings the text alone may not show.
    for record in layout["paragraphs"]:
        level = record["outline_level"]
        if level is not None:
            for b in record["blocks"]:
                p = paragraphs[b]
                paragraphs[b] = Paragraph(p.text, p.start, p.end, p.line, p.offsets, level + 1)
    return build_document(text, paragraphs, fmt="docx", path=path,
                          extra={"runs": runs_map, "layout": layout})


def load_docx(path: str | os.PathLike[str]) -> Document:
    """Read a .docx file; any problem is one :class:`InputError` naming the file."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("文件不存在", path=name)
    document = open_docx(p)
    try:
        result = document_from(document, name)
    except InputError:
        raise
    except Exception as exc:  # hostile structure python-docx or the layout reader chokes on
        raise InputError(f"Word 文件结构异常，无法读取（{type(exc).__name__}：{str(exc)[:80]}）",
                         path=name) from None
    if not any(b.text for b in result.blocks):
        raise InputError("Word 文件中没有可检查的文字", path=name)
    return result
