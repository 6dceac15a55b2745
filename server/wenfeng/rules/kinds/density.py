"""``density``: a paragraph dense with 套话 is one finding, not ten.

Counts the rule's terms in each looked-at paragraph; when there are at least ``min_hits`` and they
cover at least ``min_share`` of the paragraph's characters, one finding spans the paragraph and
lists the terms found.  ``supersedes = ["S301"]`` drops that rule's per-term findings in a
paragraph this rule reports.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..context import BlockContext, Hit
from ..matching import CONDITION_KEYS, Prefilter
from . import terms as term_tables

KEYS = {"terms": list, "entries": list, "min_hits": int, "min_share": float, "supersedes": list,
        **CONDITION_KEYS}
SCOPE = "block"


def prepare(rule, lexicon) -> Any:
    min_hits = rule.params.get("min_hits", 3)
    share = rule.params.get("min_share", 0.15)
    if min_hits < 1 or not 0 < share <= 1:
        raise ValueError("min_hits 应 ≥ 1，min_share 应在 0 到 1 之间")
    return term_tables.build(rule.params)


def dict_words(prepared) -> list[str]:
    return prepared.words


def prefilter(rule, prepared) -> Prefilter | None:
    return term_tables.prefilter(prepared)


def run(rule, prepared, ctx: BlockContext) -> Iterator[Hit]:
    found = [(s, e) for s, e, _ in term_tables.hits(prepared, ctx, rule.boundary)]
    if len(found) < rule.params.get("min_hits", 3):
        return
    covered = sum(e - s for s, e in found)
    share = covered / max(1, len(ctx.text))
    if share < rule.params.get("min_share", 0.15):
        return
    terms = "、".join(dict.fromkeys(ctx.text[s:e] for s, e in found))
    yield Hit(0, len(ctx.text), None, {"hits": len(found), "share": f"{share:.0%}",
                                        "terms": terms})
