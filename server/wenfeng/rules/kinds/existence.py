"""``existence``: a term that should not be in the text (尊敬的, 老板 as a form of address…).

Optional ``fix = "delete"`` removes the term, and ``trim`` names separators that would be left
dangling and are removed with it (one following character from that set).
"""

from __future__ import annotations

from typing import Any, Iterator

from ..context import BlockContext, Hit
from ..matching import CONDITION_KEYS, Prefilter
from . import terms as term_tables

KEYS = {"terms": list, "entries": list, "fix": str, "trim": str, **CONDITION_KEYS}
SCOPE = "block"


def prepare(rule, lexicon) -> Any:
    if rule.params.get("fix") not in (None, "delete"):
        raise ValueError("fix 只能是 \"delete\"")
    return term_tables.build(rule.params)


def dict_words(prepared) -> list[str]:
    return prepared.words


def prefilter(rule, prepared) -> Prefilter | None:
    return term_tables.prefilter(prepared)


def run(rule, prepared, ctx: BlockContext) -> Iterator[Hit]:
    delete = rule.params.get("fix") == "delete"
    trim = rule.params.get("trim", "")
    for start, end, entry in term_tables.hits(prepared, ctx, rule.boundary):
        fields = {k: v for k, v in entry.items() if k in ("suggest", "note", "source")}
        if delete:
            stop = end + 1 if trim and end < len(ctx.text) and ctx.text[end] in trim else end
            yield Hit(start, stop, "", fields)
        else:
            yield Hit(start, end, None, fields)
