"""Paired quotation marks across the body (GB/T 15834-2011 4.8).

A pattern sees one paragraph, but a quotation may run over several: the standard opens each
quoted paragraph with “ and closes only the last one with ”.  So the pairing is followed
through the body in order, and a quote left open at a paragraph's end is accepted when the next
paragraph goes on with it (opens with “) or closes it before opening another (a hard-wrapped
line).  What is left is a “ nobody closes or a ” nobody opened.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...lru import map_texts, short_text_cache
from ...model import Block, BlockKind
from ..context import DocContext, DocHit
from .base import check

_LOOKED_AT = (BlockKind.HEADING, BlockKind.BODY)
_OPEN, _CLOSE = "“", "”"


# (this runs over every paragraph of the document on every keystroke: the marks of each
# paragraph are found once, by a regex in C, and kept per paragraph text)
_QUOTE = re.compile(f"[{_OPEN}{_CLOSE}]")


@short_text_cache(2048)
def _quotes_in(text: str) -> tuple[tuple[int, str], ...]:
    """``(position, mark)`` of each “ and ” in ``text``, cached per paragraph."""
    if _OPEN not in text and _CLOSE not in text:
        return ()
    return tuple((m.start(), m.group()) for m in _QUOTE.finditer(text))


def _first_quote(text: str) -> str | None:
    m = _QUOTE.search(text)
    return m.group() if m else None


def _continues(block: Block | None) -> bool:
    """The paragraph after an open quote carries it on (opens with “, or closes it first)."""
    if block is None:
        return False
    text = block.text.lstrip()
    return text.startswith(_OPEN) or _first_quote(text) == _CLOSE


@check("quote_pairs")
def quote_pairs(ctx: DocContext, rule) -> Iterator[DocHit]:
    """Report each “ left open and each ” with no “ before it."""
    body = [b for b in ctx.document.blocks if b.kind in _LOOKED_AT]
    marks = map_texts(_quotes_in, [b.text for b in body])
    carried = 0  # quotes still open from the paragraph before
    for n, block in enumerate(body):
        quotes = marks[n]
        if not carried and not quotes:
            continue  # (most paragraphs)
        text = block.text
        opens: list[int] = []  # positions of the “ still open in this paragraph
        depth = carried
        skip_lead = carried > 0 and text.lstrip().startswith(_OPEN)
        lead = len(text) - len(text.lstrip())
        for i, ch in quotes:
            if ch == _OPEN:
                if skip_lead and i == lead:
                    continue  # a continued quotation re-opens each paragraph
                depth += 1
                opens.append(i)
            elif ch == _CLOSE:
                if depth == 0:
                    start, end = block.source_span(i, i + 1)
                    yield DocHit(start, end, None, {"found": _CLOSE, "which": "后引号"})
                    continue
                depth -= 1
                if opens:
                    opens.pop()
        nxt = body[n + 1] if n + 1 < len(body) else None
        if depth and _continues(nxt):
            carried = depth
            continue
        for i in opens:
            start, end = block.source_span(i, i + 1)
            yield DocHit(start, end, None, {"found": _OPEN, "which": "前引号"})
        carried = 0


CHECKS = (quote_pairs,)
