"""Term lists shared by the term-based kinds (existence, substitution, density).

A rule lists its terms as ``terms = [...]``, as ``entries = [{term|find, replace, source, note,
suggest}]`` when each term carries its own source or suggestion, or as a ``swap`` table.  This
module turns any of those into one longest-first alternation plus a lookup from the normalized
term back to its entry, and yields the hits that pass the token-boundary and context tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..context import BlockContext
from ..matching import (
    Conditions,
    Prefilter,
    alternation,
    normalize_width,
    on_boundaries,
    text_chars,
    text_pairs,
)

ENTRY_KEYS = {"term", "find", "replace", "source", "note", "suggest", "not_in",
              "followed_by", "preceded_by", "not_followed_by", "not_preceded_by"}


@dataclass(frozen=True)
class TermTable:
    regex: Any
    entries: Mapping[str, Mapping[str, Any]]   # normalized term → entry
    conditions: Conditions
    entry_conditions: Mapping[str, Conditions]
    # prefilter: the first two characters of each term (the character of one-character terms);
    # a paragraph containing none of them holds no term. None: no prefilter.
    starts: tuple[frozenset[str], frozenset[str]] | None = None

    @property
    def words(self) -> list[str]:
        return list(self.entries)


def build(params: Mapping[str, Any]) -> TermTable:
    entries: dict[str, dict[str, Any]] = {}
    for term in params.get("terms", []):
        if not isinstance(term, str) or not term:
            raise ValueError("terms 中每一项都应是非空字符串")
        entries[normalize_width(term)] = {"term": term}
    for entry in params.get("entries", []):
        if not isinstance(entry, dict):
            raise ValueError("entries 中每一项都应是表，如 {term = \"…\", source = \"…\"}")
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            raise ValueError(f"entries 中有未知键 {'、'.join(sorted(unknown))}")
        term = entry.get("term") or entry.get("find")
        if not isinstance(term, str) or not term:
            raise ValueError("entries 中每一项都要有 term（或 find）")
        entries[normalize_width(term)] = dict(entry, term=term)
    for find, replace in params.get("swap", {}).items():
        entries[normalize_width(find)] = {"term": find, "replace": replace}
    if not entries:
        raise ValueError("至少要有一个词条（terms、entries 或 swap）")
    entry_conditions = {
        k: Conditions.from_params(e) for k, e in entries.items()
        if any(c in e for c in ("not_in", "followed_by", "preceded_by", "not_followed_by",
                                "not_preceded_by"))
    }
    starts = (frozenset(t[:2] for t in entries if len(t) >= 2),
              frozenset(t for t in entries if len(t) == 1))
    return TermTable(alternation(entries), entries, Conditions.from_params(params),
                     entry_conditions, starts)


def prefilter(table: TermTable) -> Prefilter | None:
    """What :func:`hits` requires of a paragraph, for the engine to test before running it."""
    if table.regex is None:
        return Prefilter(True, frozenset())  # no term: never a hit
    if table.starts is None:
        return None
    pairs, singles = table.starts
    return Prefilter(True, singles, pairs)


def hits(
    table: TermTable, ctx: BlockContext, boundary: str
) -> Iterator[tuple[int, int, Mapping[str, Any]]]:
    """``(start, end, entry)`` for every accepted occurrence in the block."""
    if table.regex is None:
        return
    text = ctx.norm
    if table.starts is not None:
        pairs, singles = table.starts
        if pairs.isdisjoint(text_pairs(text)) and singles.isdisjoint(text_chars(text)):
            return  # no term can start anywhere in this paragraph
    for m in table.regex.finditer(text):
        start, end = m.span()
        if not table.conditions.ok(text, start, end):
            continue
        entry = table.entries[m.group(0)]
        extra = table.entry_conditions.get(m.group(0))
        if extra is not None and not extra.ok(text, start, end):
            continue
        if boundary == "token" and not on_boundaries(ctx.boundaries, start, end):
            continue
        yield start, end, entry
