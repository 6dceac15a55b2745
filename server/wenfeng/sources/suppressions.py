"""Inline suppression comments in Markdown drafts: a finding the author has weighed and kept.

An HTML comment is not shown and not counted (the Markdown reader drops HTML), so it can carry
an instruction without touching the text a 机关 counts and reads::

    <!-- wenfeng-disable-next-line H201 -->     the next line that has text
    正文……<!-- wenfeng-disable-line S301 -->    the line the comment is on
    <!-- wenfeng-disable V -->                  from here to the matching enable (or the end)
    <!-- wenfeng-enable -->

Rule ids (``H201``) and group letters (``V``) may be listed, separated by spaces, commas or
、; none means every rule; ``-- 说明`` after them is a note for the reader.  A bare
``wenfeng-enable`` ends every open range; ``wenfeng-enable V`` takes V out of the ranges that
list it (a range opened for every rule is ended only by a bare enable).  A comment whose
list holds anything that is not an id is not an instruction at all, so a typo never turns
into "disable everything".  In the editor these comments work as on the command line:
both read the draft through this module.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from ..model import Finding, Suppression

_DIRECTIVE = re.compile(
    r"<!--\s*wenfeng-(disable-next-line|disable-line|disable|enable)(?![\w-])(.*?)-->", re.S)
_ID = re.compile(r"[A-Z]\d{3}|[A-Z]")
_SEPARATORS = re.compile(r"[\s,，、]+")


def _ids(raw: str) -> frozenset[str] | None:
    """The rule selectors of a directive; None when the list is not one (a typo, prose)."""
    listed = raw.split("--", 1)[0].strip()
    tokens = [t.upper() for t in _SEPARATORS.split(listed) if t]
    if not all(_ID.fullmatch(t) for t in tokens):
        return None
    return frozenset(tokens)


class _Lines:
    """Line starts and ends of the source (Markdown line ends: \\r\\n, \\r, \\n)."""

    def __init__(self, lines: list[tuple[int, int, int]]) -> None:
        self.lines = lines
        self.starts = [start for _, start, _ in lines]

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def next_with_text(self, after: int, text: str) -> tuple[int, int] | None:
        for _, start, end in self.lines[after + 1:]:
            if text[start:end].strip():
                return start, end
        return None


def find(text: str, comments: Iterable[tuple[int, int]],
         lines: list[tuple[int, int, int]]) -> tuple[Suppression, ...]:
    """Suppressions from the HTML ``comments`` (source spans of HTML the reader skipped, in
    order); ``lines`` as :func:`wenfeng.sources.markdown.split_lines` gives them."""
    table = _Lines(lines)
    out: list[Suppression] = []
    open_ranges: list[tuple[int, frozenset[str]]] = []
    for region_start, region_end in comments:
        for m in _DIRECTIVE.finditer(text, region_start, region_end):
            kind, ids = m.group(1), _ids(m.group(2))
            if ids is None:
                continue
            if kind == "disable-line":
                _, start, end = lines[table.index(m.start())]
                out.append(Suppression(start, end + 1, ids))
            elif kind == "disable-next-line":
                span = table.next_with_text(table.index(m.end() - 1), text)
                if span:
                    out.append(Suppression(span[0], span[1] + 1, ids))
            elif kind == "disable":
                open_ranges.append((m.end(), ids))
            else:  # enable
                still_open = []
                for start, rules in open_ranges:
                    if ids and not rules & ids:  # not one of the ranges this enable names
                        still_open.append((start, rules))
                        continue
                    out.append(Suppression(start, m.start(), rules))
                    if ids and rules - ids:
                        still_open.append((m.end(), rules - ids))
                open_ranges = still_open
    out.extend(Suppression(start, len(text), rules) for start, rules in open_ranges)
    return tuple(out)


def suppressed(suppressions: tuple[Suppression, ...], finding: Finding) -> bool:
    """True when the draft asks not to report ``finding``."""
    return any(s.start <= finding.start < s.end
               and (not s.rules or finding.rule in s.rules or finding.group in s.rules)
               for s in suppressions)
