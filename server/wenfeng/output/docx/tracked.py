"""A copy of a .docx with a list of edits written as tracked changes (``wenfeng trim --apply``).

Reuses the machinery of ``--annotate --apply-fixes``: runs are split where an edit starts or
ends (``pieces``), the old text becomes a ``w:del`` and the new one a ``w:ins`` by "文风检查"
(``marks``).  Word shows every cut; 审阅 → 接受 keeps them, 拒绝 restores the draft.  The original
file is only read.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

from ...errors import InputError
from ...model import Document
from ...sources.docx import open_docx, read_paragraphs
from ...sources.docx.safety import safe_package
from .marks import Revisions
from .pieces import PieceIndex, cut_pieces


def tracked_copy(document: Document, edits: Iterable[tuple[int, int, str]]) -> tuple[bytes, int]:
    """``(docx bytes, edits written)``: ``document``'s file with ``edits`` (code points of
    ``document.text``) as tracked changes.  Edits Word cannot hold (across paragraphs, inside a
    field) are left out and not counted."""
    path = Path(document.path or "")
    word = open_docx(path, safe_package(path))
    paras = read_paragraphs(word)
    if "\n".join(p.text for p in paras) != document.text:
        raise InputError("文件在检查之后被改动过，请重新运行", path=str(path))
    edits = sorted(edits)
    index = PieceIndex(cut_pieces(paras, {x for start, end, _ in edits for x in (start, end)}))
    revisions = Revisions(word.element.body, index)
    written = sum(1 for start, end, new in edits if revisions.apply(start, end, new))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue(), written
