"""Build a small .docx from example text, so X8xx rule examples can run like the others.

``load_text(text, fmt="docx")`` lands here (rule examples with ``format = "docx"``).  The Word
file uses python-docx's stock template — Letter paper, 11 pt Latin/明朝 type, no indents, no
page numbers — which is exactly what a layout rule's ``bad`` example needs.  Each line becomes a
paragraph; two small notations reach the parts plain text cannot:

- a last line ``页脚：…`` becomes the footer text instead of a paragraph;
- ``{PAGE:1}`` and ``{DATE:2025年1月6日}`` become Word fields with that result text.
"""

from __future__ import annotations

import io
import re

from ...model import Document

_FIELD = re.compile(r"\{(PAGE|DATE):([^}]*)\}")
_FOOTER = re.compile(r"^页脚[：:](.*)$")


def _add_text(paragraph, text: str) -> None:
    """Append text to a python-docx paragraph, turning {NAME:result} into simple fields."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    pos = 0
    for m in _FIELD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        xml = (f'<w:fldSimple {nsdecls("w")} w:instr=" {m.group(1)} ">'
               f'<w:r><w:t xml:space="preserve">{m.group(2)}</w:t></w:r></w:fldSimple>')
        paragraph._p.append(parse_xml(xml))
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def document_from_text(text: str, path: str | None = None) -> Document:
    import docx

    from . import document_from

    word = docx.Document()
    lines = text.split("\n")
    footer = None
    if lines and (m := _FOOTER.match(lines[-1])):
        lines.pop()
        footer = m.group(1)
    for line in lines:
        _add_text(word.add_paragraph(), line)
    if footer is not None:
        para = word.sections[0].footer.paragraphs[0]
        _add_text(para, footer)
    buffer = io.BytesIO()
    word.save(buffer)
    return document_from(docx.Document(io.BytesIO(buffer.getvalue())), path)
