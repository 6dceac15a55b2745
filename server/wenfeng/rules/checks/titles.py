"""The title (条例第九条（七）: 发文机关 + 事由 + 文种, usually "关于……的" + 文种).

Two checks: the 文种 word the title ends with must match the 文种 the user chose (a 请示
titled "……的报告" is one or the other), and a statutory document's title should carry the
"关于……的" 事由.  Detection from the title can never disagree with the title, so the first
check only runs when the 文种 was set explicitly (flag, config or marker line).
"""

from __future__ import annotations

import re
from typing import Iterator

from ... import doctypes
from ...model import BlockKind
from ..context import DocContext, DocHit
from ..matching import normalize
from .base import check

_EXPLICIT = ("explicit", "config", "marker")
_TAIL = re.compile(
    r"(请示报告|请示|报告|通知|通报|意见|决定|决议|命令|公报|公告|通告|批复|议案|复函|函|纪要)\s*$"
)
_NO_ABOUT = re.compile(r"印发|转发|批转|工作报告$|公报$")


def _statutory(name: str) -> str | None:
    entry = doctypes.BY_NAME.get(name)
    return entry.statutory if entry else None


@check("title_form")
def title_form(ctx: DocContext, rule) -> Iterator[DocHit]:
    """Title ends in another statutory 文种 than the one chosen for the document."""
    if ctx.doctype.how not in _EXPLICIT or not ctx.document.title_blocks:
        return
    chosen = _statutory(ctx.doctype.name)
    last = ctx.document.title_blocks[-1]
    m = _TAIL.search(last.text)
    if not chosen or not m:
        return
    word = m.group(1)
    said = {"复函": "函", "命令": "命令（令）", "请示报告": "请示"}.get(word, word)
    if said == chosen:
        return
    start, end = last.source_span(*m.span(1))
    yield DocHit(start, end, None, {"found": word, "expected": chosen})


@check("title_about")
def title_about(ctx: DocContext, rule) -> Iterator[DocHit]:
    """A statutory document's title without "关于" (and not a 印发/转发 title)."""
    title = ctx.document.title
    simple = normalize(title) if title else ""  # a traditional title reads “關於”
    if not title or "关于" in simple or _NO_ABOUT.search(simple):
        return
    blocks = [b for b in ctx.document.blocks if b.kind is BlockKind.TITLE]
    first = blocks[0]
    yield DocHit(first.start, blocks[-1].end, None, {"found": title}, document_level=True)


CHECKS = (title_form, title_about)
