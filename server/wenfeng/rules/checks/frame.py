"""“穿靴戴帽”: boilerplate put in front of the first paragraph and after the last one.

"高举……旗帜" or "在……指引下" is only a 帽子 when it opens the document, and "为……而努力奋斗"
only a 靴子 when it closes it; in the middle of a report the same words may carry content.  So
this check looks at the first sentence of the first body paragraph and the last sentence of the
last one (a closing "谢谢大家！" line is skipped).
"""

from __future__ import annotations

import re
from typing import Iterator

from ...model import BlockKind
from ..context import DocContext, DocHit
from ..matching import compile_pattern, normalize
from .base import check

_THANKS = re.compile(r"^(?:谢谢(?:大家|各位)?|感谢大家)[！!。]?$")
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")


def _compiled(rule, key: str) -> list[re.Pattern[str]]:
    return [compile_pattern(p) for p in rule.params.get(key, [])]


@check("boilerplate_frame", opening=list, closing=list)
def boilerplate_frame(ctx: DocContext, rule) -> Iterator[DocHit]:
    body = [b for b in ctx.document.blocks if b.kind is BlockKind.BODY]
    while body and _THANKS.match(normalize(body[-1].text).strip()):
        body.pop()
    if not body:
        return
    first, last = body[0], body[-1]
    text = normalize(first.text)
    sentence = m.group(0) if (m := _SENTENCE.match(text)) else text
    for regex in _compiled(rule, "opening"):
        m = regex.search(sentence)
        if m:
            start, end = first.source_span(*m.span())
            yield DocHit(start, end, None, {"found": first.text[m.start():m.end()], "where": "开头"})
            break
    if last is first and len(body) == 1:
        return
    text = normalize(last.text).rstrip()
    tail_start = max(text.rfind("。", 0, len(text) - 1), text.rfind("！", 0, len(text) - 1),
                     text.rfind("；", 0, len(text) - 1)) + 1
    tail = text[tail_start:]
    for regex in _compiled(rule, "closing"):
        m = regex.search(tail)
        if m:
            i, j = tail_start + m.start(), tail_start + m.end()
            start, end = last.source_span(i, j)
            yield DocHit(start, end, None, {"found": last.text[i:j], "where": "结尾"})
            break


CHECKS = (boilerplate_frame,)
