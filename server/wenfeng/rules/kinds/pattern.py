"""``pattern``: a regular expression over the text (numbering markers, dates, punctuation…).

``replace`` is a ``re`` template for the fix; ``allowlist`` names a file in ``lexicons/allowlists``
whose terms are never reported (established formulations such as "两个维护");
``scope = "document"`` runs the pattern over the joined looked-at blocks (``\\n`` between them)
for patterns that must see several paragraphs at once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from ..context import BlockContext, DocContext, DocHit, Hit
from ..matching import (
    CONDITION_KEYS,
    Conditions,
    Prefilter,
    compile_pattern,
    needed_chars,
    on_boundaries,
    text_chars,
)
from ..regex_engine import with_flags

KEYS = {"pattern": str, "replace": str, "allowlist": str, "scope": str, "flags": list,
        **CONDITION_KEYS}
SCOPE = "block"
_FLAGS = {"ignorecase": re.IGNORECASE, "multiline": re.MULTILINE}


@dataclass(frozen=True)
class Prepared:
    regex: re.Pattern[str]
    conditions: Conditions
    allow: frozenset[str]
    document: bool
    needs: frozenset[str] | None = None  # a match contains one of these (prefilter; None: none)


def prepare(rule, lexicon) -> Prepared:
    if "pattern" not in rule.params:
        raise ValueError("pattern 规则缺少 pattern")
    flags = 0
    for name in rule.params.get("flags", []):
        if name not in _FLAGS:
            raise ValueError(f"未知 flags “{name}”（可用：ignorecase、multiline）")
        flags |= _FLAGS[name]
    regex = compile_pattern(rule.params["pattern"])
    if flags:
        regex = with_flags(regex, flags)
    if "replace" in rule.params:
        try:
            regex.sub(rule.params["replace"], "")  # validates the template's group references
        except (re.error, IndexError) as exc:
            raise ValueError(f"replace 模板无效：{exc}") from None
    allow: frozenset[str] = frozenset()
    if rule.params.get("allowlist"):
        name = rule.params["allowlist"]
        if name not in lexicon.allowlists:
            raise ValueError(f"找不到白名单 “{name}”（应在 allowlists/{name}.txt）")
        allow = lexicon.allowlists[name]
    scope = rule.params.get("scope", "block")
    if scope not in ("block", "document"):
        raise ValueError("scope 只能是 block 或 document")
    return Prepared(regex, Conditions.from_params(rule.params), allow, scope == "document",
                    needed_chars(regex))


def prefilter(rule, prepared: Prepared) -> Prefilter | None:
    if prepared.needs is None:
        return None
    return Prefilter(rule.match_on == "normalized", prepared.needs)


def is_document_scope(prepared: Prepared) -> bool:
    return prepared.document


def dict_words(prepared) -> list[str]:
    return sorted(prepared.allow)


def _replacement(rule, m: re.Match[str]) -> str | None:
    template = rule.params.get("replace")
    if template is None:
        return None
    try:
        return m.expand(template)
    except (re.error, IndexError):
        return None


def run(rule, prepared: Prepared, ctx: BlockContext) -> Iterator[Hit]:
    text = ctx.norm if rule.match_on == "normalized" else ctx.text
    if prepared.needs is not None and prepared.needs.isdisjoint(text_chars(text)):
        return  # the paragraph lacks every character a match would need
    for m in prepared.regex.finditer(text):
        start, end = m.span()
        if end == start:
            continue
        if m.group(0) in prepared.allow or (m.lastgroup and m.group(m.lastgroup) in prepared.allow):
            continue
        if not prepared.conditions.ok(text, start, end):
            continue
        if rule.boundary == "token" and not on_boundaries(ctx.boundaries, start, end):
            continue
        fields = {k: v for k, v in m.groupdict().items() if v is not None}
        yield Hit(start, end, _replacement(rule, m), fields)


def run_document(rule, prepared: Prepared, ctx: DocContext) -> Iterator[DocHit]:
    """Document scope: match over the joined blocks, map back to document offsets."""
    blocks = [b for b in ctx.document.blocks if b.kind in rule.blocks]
    pieces, starts = [], []
    pos = 0
    for b in blocks:
        bctx = ctx.block_context(b)
        starts.append(pos)
        pieces.append(bctx.norm if rule.match_on == "normalized" else bctx.text)
        pos += len(pieces[-1]) + 1
    joined = "\n".join(pieces)

    def block_at(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    for m in prepared.regex.finditer(joined):
        start, end = m.span()
        if end == start or m.group(0) in prepared.allow:
            continue
        if not prepared.conditions.ok(joined, start, end):
            continue
        fields = {k: v for k, v in m.groupdict().items() if v is not None}
        fields["found"] = m.group(0)
        first, last = block_at(start), block_at(end - 1)
        doc_start = blocks[first].to_source(min(start - starts[first], len(blocks[first].text)))
        doc_end = blocks[last].source_span(end - 1 - starts[last], end - starts[last])[1]
        yield DocHit(doc_start, doc_end, None, fields)
