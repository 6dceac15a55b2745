"""The 附件说明 (GB/T 9704-2012 7.3.4): how attachments are numbered.

"如有多个附件，使用阿拉伯数字标注附件顺序号（如'附件：1. XXXXX'）" — so "1、", "（1）",
"一、" or "①" become "1.", and a lone attachment carries no number at all.  The colon and
trailing punctuation are simple pattern rules; numbering needs to see every line of the note.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...model import BlockKind
from ..context import DocContext, DocHit
from .base import check
from .numerals import cn_to_int

_LABEL = re.compile(r"^附\s*件\s*[：:]\s*")
_NUMBER = re.compile(
    r"(?:(?P<a>\d{1,2})\s*(?P<asep>[.．](?!\d)|[、，,）)])"
    r"|[（(]\s*(?P<b>\d{1,2})\s*[）)]"
    r"|(?P<c>[一二三四五六七八九十]{1,3})\s*[、.．，,]"
    r"|(?P<d>[\u2460-\u2473]))\s*"
)


def _items(ctx: DocContext):
    """``(block, start, end, number, standard)`` for each numbered line of the 附件说明."""
    for block in ctx.document.blocks:
        if block.kind is not BlockKind.ATTACHMENT:
            continue
        label = _LABEL.match(block.text)
        offset = label.end() if label else 0
        m = _NUMBER.match(block.text, offset)
        if not m:
            continue
        if m["a"]:
            number, standard = int(m["a"]), m["asep"] in (".", "．")
        elif m["b"]:
            number, standard = int(m["b"]), False
        elif m["c"]:
            number, standard = cn_to_int(m["c"]) or 0, False
        else:
            number, standard = ord(m["d"]) - 0x2460 + 1, False
        yield block, offset, m.end(), number, standard


@check("attachment_note", problem=str)
def attachment_note(ctx: DocContext, rule) -> Iterator[DocHit]:
    problem = rule.params.get("problem")  # "numbering" | "single"
    items = list(_items(ctx))
    if problem == "numbering":
        for block, i, j, number, standard in items:
            if standard or not number:
                continue
            start, end = block.source_span(i, j)
            marker = block.text[i:j]
            fixed = f"{number}." + (" " if marker.endswith(" ") else "")
            yield DocHit(start, end, fixed, {"found": marker.strip(), "expected": f"{number}."})
    elif problem == "single" and len(items) == 1 and items[0][3] == 1:
        block, i, j, _, _ = items[0]
        # only when the whole note is this one line (no unnumbered second attachment either)
        if sum(1 for b in ctx.document.blocks if b.kind is BlockKind.ATTACHMENT) == 1:
            start, end = block.source_span(i, j)
            yield DocHit(start, end, "", {"found": block.text[i:j].strip()})


CHECKS = (attachment_note,)
