"""The published lists as checks: each entry is a wrong form, its correction and a context.

Contexts use 公文助手's notation (总是 / 后接:A|B / 不后接 / 前接 / 不前接 / 正则:…).  A literal
wrong form is a hit unless it begins inside a longer real word: “会报” in 大会/报告 or “起动” in
发起/动员 is not reported.  That test replaces the usual “starts and ends on a token boundary”,
which misses typos jieba glues to a neighbour (要惯彻, 辩/别的).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from .data import ListEntry, split_condition
from .suggestion import Suggestion

# suggestions that are instructions, not a replacement word (公文助手: 不可一键替换)
_NOT_A_WORD = re.compile(r"[「」／（()…、，]|^删去|^改|^写明|^列举|^明确|^用|^直接")


@dataclass(frozen=True)
class _Compiled:
    entry: ListEntry
    pattern: re.Pattern[str] | None
    after: tuple[str, ...] | None
    not_after: tuple[str, ...]
    before: tuple[str, ...] | None
    not_before: tuple[str, ...]

    @property
    def replaceable(self) -> bool:
        return not _NOT_A_WORD.search(self.entry.suggestion)


def compile_condition(entry: ListEntry) -> _Compiled:
    pattern = None
    after = before = None
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    if (split := split_condition(entry.condition)) is not None:
        head, rest = split
        items = tuple(x.strip() for x in rest.split("|") if x.strip())
        if head == "正则":  # checked when the list was read (data.check_condition)
            pattern = re.compile(rest)
        elif head == "后接":
            after = items
        elif head == "不后接":
            not_after = items
        elif head == "前接":
            before = items
        elif head == "不前接":
            not_before = items
        else:
            raise AssertionError(head)  # data.check_condition let an unknown condition through
    return _Compiled(entry, pattern, after, not_after, before, not_before)


def _free(blocked: bytearray | None, c: _Compiled, start: int, end: int) -> bool:
    return blocked is None or c.entry.in_titles or not any(blocked[start:end])


class ListMatcher:
    def __init__(self, entries: Iterable[ListEntry], skip: Iterable[str] = (),
                 needed_chars: Callable[[re.Pattern[str]], frozenset[str] | None] | None = None
                 ) -> None:
        skip = frozenset(skip)
        # an entry whose word another rule already checks is left to it, unless the entry only
        # adds a context that rule lacks (adds_to)
        self.entries = [compile_condition(e) for e in entries
                        if e.enabled and e.wrong and (e.wrong not in skip or e.adds_to)
                        and not e.covered_by]
        literal = sorted({c.entry.wrong for c in self.entries if c.pattern is None},
                         key=lambda w: (-len(w), w))  # (ties by text: one pattern per data)
        # one scan tells whether any literal wrong form occurs at all (most sentences: none);
        # then only the 正则 entries are tried
        self._any_literal = re.compile("|".join(map(re.escape, literal))) if literal else None
        self._patterned = [c for c in self.entries if c.pattern is not None]
        # a 正则 entry's characters one of which every match holds (None: no such set; the rules
        # engine's ``needed_chars``): most sentences hold none, and the pattern is not tried
        # (some scan every position)
        self._needs = {id(c): needed_chars(c.pattern) if needed_chars and c.pattern else None
                       for c in self._patterned}

    @property
    def wrong_forms(self) -> list[str]:
        """Forms wrong wherever they stand (总是): the word model must not take them for words.
        A word wrong only in some context (反应 before 情况) stays a word."""
        return [c.entry.wrong for c in self.entries
                if c.pattern is None and c.after is None and c.before is None
                and not c.not_after and not c.not_before]

    def find(self, text: str, inside_word: Callable[[int, int], bool],
             blocked: bytearray | None = None) -> list[Suggestion]:
        """Hits of every entry; none on ``blocked`` characters (titles, allowlisted terms) except
        for an entry marked ``in_titles``."""
        out: list[Suggestion] = []
        literal = self._any_literal is not None and self._any_literal.search(text) is not None
        chars: frozenset[str] | None = None
        for c in self.entries if literal else self._patterned:
            e = c.entry
            if c.pattern is not None:
                needs = self._needs[id(c)]
                if needs is not None:
                    if chars is None:
                        chars = frozenset(text)
                    if needs.isdisjoint(chars):
                        continue
                for m in c.pattern.finditer(text):
                    start, end = m.span()
                    if text.startswith(e.wrong, start):
                        end = start + len(e.wrong)
                    if _free(blocked, c, start, end):
                        out.append(self._suggest(c, start, end, text[start:end] == e.wrong))
                continue
            at = text.find(e.wrong)
            while at >= 0:
                end = at + len(e.wrong)
                if (self._context_ok(c, text, at, end) and not inside_word(at, end)
                        and _free(blocked, c, at, end)):
                    out.append(self._suggest(c, at, end, True))
                at = text.find(e.wrong, at + 1)
        return out

    @staticmethod
    def _context_ok(c: _Compiled, text: str, start: int, end: int) -> bool:
        tail, head = text[end:end + 12], text[max(0, start - 12):start]
        if c.after is not None and not tail.startswith(c.after):
            return False
        if c.not_after and tail.startswith(c.not_after):
            return False
        if c.before is not None and not head.endswith(c.before):
            return False
        if c.not_before and head.endswith(c.not_before):
            return False
        return True

    @staticmethod
    def _suggest(c: _Compiled, start: int, end: int, literal: bool) -> Suggestion:
        """``literal``: the hit is the entry's wrong form itself (a 正则 entry's may be more), so
        a plain-word suggestion replaces it."""
        e = c.entry
        why = f"{e.group}：{e.note}" if e.note else e.group
        if c.replaceable and literal:
            return Suggestion(start, end, e.suggestion, e.grade, "list", why, evidence=100.0)
        return Suggestion(start, end, None, e.grade, "list", why, advice=e.suggestion,
                          evidence=100.0)
