"""``substitution``: a form that should be replaced by another (进行研究 → 研究, 其它 → 其他).

Every entry's replacement becomes a fix; ``{expected}`` and ``{saves}`` fill the message.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..context import BlockContext, Hit
from ..matching import CONDITION_KEYS, Prefilter
from . import terms as term_tables

KEYS = {"entries": list, "swap": dict, **CONDITION_KEYS}
SCOPE = "block"


def prepare(rule, lexicon) -> Any:
    table = term_tables.build(rule.params)
    for key, entry in table.entries.items():
        if not isinstance(entry.get("replace"), str):
            raise ValueError(f"词条 “{entry['term']}” 缺少 replace（替换成什么）")
    return table


def dict_words(prepared) -> list[str]:
    return prepared.words


def prefilter(rule, prepared) -> Prefilter | None:
    return term_tables.prefilter(prepared)


def run(rule, prepared, ctx: BlockContext) -> Iterator[Hit]:
    for start, end, entry in term_tables.hits(prepared, ctx, rule.boundary):
        fields = {k: v for k, v in entry.items() if k in ("suggest", "note", "source")}
        yield Hit(start, end, entry["replace"], fields)
