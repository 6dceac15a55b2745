"""Shared matching machinery: width normalization, term alternations, context conditions.

Drafts pasted from the web mix full- and half-width forms ("妥否,请批示", "(一)"), so rules match
a normalized copy of the text.  Normalization maps code point to code point, so offsets in the
normalized text are offsets in the original.  User-supplied patterns are screened for nested
quantifiers (the classic catastrophic-backtracking shape) before they are compiled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

class RuleKeyError(ValueError):
    """A kind's ``prepare`` rejecting one key of a rule (the loader reports its line)."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_TABLE = {ord(k): v for k, v in _HALF_TO_FULL.items()}
# full-width ASCII letters and digits → ASCII
_TABLE.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF10, 0xFF1A)})
_TABLE.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF21, 0xFF3B)})
_TABLE.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF41, 0xFF5B)})
_TABLE[0x3000] = " "


def normalize(text: str) -> str:
    """Same-length normalized copy: half-width ``,;:?!()`` → full width; full-width A-Z/0-9 → ASCII."""
    return text.translate(_TABLE)


# A group that is quantified and contains a quantifier: (a+)+, (\w*)*, (x|y+){2,} …
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,\d*\})")
MAX_PATTERN_LENGTH = 2000


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a lexicon regex or raise ValueError with a Chinese reason."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"正则表达式过长（{len(pattern)} 字符，上限 {MAX_PATTERN_LENGTH}）")
    if _NESTED_QUANTIFIER.search(pattern):
        raise ValueError("正则表达式含嵌套量词（如 (a+)+），可能导致回溯失控，已拒绝")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"正则表达式无法编译：{exc}") from None


def alternation(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any of the (normalized) terms, longest first."""
    unique = sorted({normalize(t) for t in terms if t}, key=lambda t: (-len(t), t))
    if not unique:
        return None
    return re.compile("|".join(re.escape(t) for t in unique))


CONDITION_KEYS: dict[str, type] = {
    "preceded_by": str, "followed_by": str, "not_preceded_by": str, "not_followed_by": str,
    "not_in": list,
}
_LOOKBACK = 24


@dataclass(frozen=True)
class Conditions:
    """Context tests around a match (regexes anchored at the match)."""

    preceded_by: re.Pattern[str] | None = None
    followed_by: re.Pattern[str] | None = None
    not_preceded_by: re.Pattern[str] | None = None
    not_followed_by: re.Pattern[str] | None = None
    not_in: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "Conditions":
        def before(key: str) -> re.Pattern[str] | None:
            p = params.get(key)
            return compile_pattern(f"(?:{p})$") if p else None

        def after(key: str) -> re.Pattern[str] | None:
            p = params.get(key)
            return compile_pattern(p) if p else None

        return cls(before("preceded_by"), after("followed_by"), before("not_preceded_by"),
                   after("not_followed_by"), tuple(normalize(w) for w in params.get("not_in", [])))

    def ok(self, text: str, start: int, end: int) -> bool:
        prefix = text[max(0, start - _LOOKBACK):start]
        if self.preceded_by and not self.preceded_by.search(prefix):
            return False
        if self.not_preceded_by and self.not_preceded_by.search(prefix):
            return False
        if self.followed_by and not self.followed_by.match(text, end):
            return False
        if self.not_followed_by and self.not_followed_by.match(text, end):
            return False
        for word in self.not_in:
            lo = max(0, end - len(word))
            hi = min(len(text), start + len(word))
            idx = text.find(word, lo, hi + len(word))
            while idx >= 0 and idx <= start:
                if idx + len(word) >= end:
                    return False
                idx = text.find(word, idx + 1, hi + len(word))
        return True


def term_matches(regex: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    """All non-overlapping matches, trying shorter terms where a longer one failed is not done
    (the alternation is longest-first, which is what a reader expects)."""
    if regex is None:
        return iter(())
    return regex.finditer(text)


def on_boundaries(boundaries: frozenset[int], start: int, end: int) -> bool:
    return start in boundaries and end in boundaries
