"""A copy of a .docx with the edits made to its text elsewhere (the web page) as tracked changes.

The page edits the plain text read from the .docx (paragraphs joined by newlines).  Here the
edited text is compared with the original, paragraph by paragraph and then character by
character inside changed paragraphs, and each difference is written into a copy of the original
as a ``w:del``/``w:ins`` by "文风检查" (:class:`.marks.Revisions`), formatting kept.  Changes that add
or remove whole paragraphs, or cross text Word owns (fields), are counted as not carried over.

:func:`tracked_edits` writes a list of edits made by the core itself (``wenfeng trim --apply``:
the trim plan's cuts, in code points of the document's text) the same way.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path
from typing import Iterable

from ...errors import InputError
from ...model import Document
from ...sources.docx import open_docx, read_paragraphs
from ...sources.docx.safety import safe_package
from .marks import Revisions
from .pieces import PieceIndex, cut_pieces


def _edits(old: str, new: str) -> tuple[list[tuple[int, int, str]], int]:
    """``(start, end, replacement)`` in ``old``'s offsets, within paragraphs; and how many
    paragraph-level changes could not be expressed that way."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    starts, pos = [], 0
    for line in old_lines:
        starts.append(pos)
        pos += len(line) + 1
    edits: list[tuple[int, int, str]] = []
    skipped = 0
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace" or i2 - i1 != j2 - j1:
            skipped += 1
            continue
        for a, b in zip(range(i1, i2), range(j1, j2)):
            chars = difflib.SequenceMatcher(None, old_lines[a], new_lines[b], autojunk=False)
            for op, c1, c2, d1, d2 in chars.get_opcodes():
                if op != "equal":
                    edits.append((starts[a] + c1, starts[a] + c2, new_lines[b][d1:d2]))
    return edits, skipped


def tracked_copy(path: Path, new_text: str) -> tuple[bytes, int, int]:
    """The copy as bytes, the number of changes written and of changes left out."""
    word = open_docx(path, safe_package(path))
    paras = read_paragraphs(word)
    old_text = "\n".join(p.text for p in paras)
    edits, skipped = _edits(old_text, new_text)
    index = PieceIndex(cut_pieces(paras, {x for s, e, _ in edits for x in (s, e)}))
    revisions = Revisions(word.element.body, index)
    written = 0
    for start, end, replacement in edits:
        if revisions.apply(start, end, replacement):
            written += 1
        else:
            skipped += 1
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue(), written, skipped


def tracked_edits(document: Document,
                  edits: Iterable[tuple[int, int, str]]) -> tuple[bytes, int]:
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
