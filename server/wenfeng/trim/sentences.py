"""Split a paragraph into sentences and clauses (code-point spans), for cutting whole units.

A sentence ends at 。！？ (the mark belongs to it) or at the end of the paragraph; a clause is the
text between ，/； inside a sentence.  Marks inside brackets, quotes and 书名号 do not split, so
“统一思想，提高认识” quoted as a name stays one piece.  Works on normalized text (half-width
,;?! already full width), so the spans apply to the original paragraph unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_END = "。！？"
CLAUSE_SEP = "，；"
_OPEN = "（《“‘「『【〔"
_CLOSE = "）》”’」』】〕"


@dataclass(frozen=True)
class Clause:
    start: int
    end: int       # end of the clause text (before its separator)
    sep_end: int   # after the separator (== end when none follows: the sentence's last clause)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int       # after the closing mark (or the paragraph end)
    body_end: int  # before the closing mark
    clauses: tuple[Clause, ...]

    @property
    def last_clause(self) -> Clause:
        return self.clauses[-1]


def split(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; leading spaces of a sentence are left outside it."""
    sentences: list[Sentence] = []
    depth = 0
    clauses: list[Clause] = []
    s_start = c_start = 0

    def skip_space(i: int) -> int:
        while i < len(text) and text[i] in " \u3000\t":
            i += 1
        return i

    s_start = c_start = skip_space(0)
    i = s_start
    while i < len(text):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in CLAUSE_SEP:
            clauses.append(Clause(c_start, i, i + 1))
            c_start = i + 1
        elif depth == 0 and ch in SENTENCE_END:
            end = i + 1
            while end < len(text) and text[end] in SENTENCE_END + "”’）":
                end += 1  # "？！" and a closing quote after the mark stay with the sentence
            clauses.append(Clause(c_start, i, i))
            sentences.append(Sentence(s_start, end, i, tuple(clauses)))
            clauses = []
            s_start = c_start = skip_space(end)
            i = s_start
            continue
        i += 1
    if s_start < len(text):
        end = len(text)
        while end > s_start and text[end - 1] in " \u3000\t":
            end -= 1
        if end > s_start:
            clauses.append(Clause(c_start, end, end))
            sentences.append(Sentence(s_start, end, end, tuple(clauses)))
    return sentences
