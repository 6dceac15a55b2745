"""What one character is, for counting and layout: Han or not, space or not, grid cells.

Shared by the .docx reader (``sources``), the counts (``metrics``) and the layout checks
(``rules``), so it sits below all of them.  Also the machinery the per-text totals use:
``str.translate`` tables that classify each code point once, and a per-paragraph cache.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache, wraps
from typing import Callable, TypeVar

N = TypeVar("N", int, float)


def is_han(ch: str) -> bool:
    """A CJK ideograph (URO, extensions A–H, compatibility ideographs) or 〇."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x323AF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F or cp == 0x3007)


def is_space(ch: str) -> bool:
    return (ch.isspace() or ch in "\u200b\ufeff"
            or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"))


def is_east_asian(ch: str) -> bool:
    """Counted one by one by Word: Han, kana, hangul, and full-width forms and CJK punctuation."""
    if is_han(ch):
        return True
    cp = ord(ch)
    return (0x3000 < cp <= 0x303F or 0xFF01 <= cp <= 0xFF60 or 0xFFE0 <= cp <= 0xFFEE
            or 0x3040 <= cp <= 0x30FF or 0xAC00 <= cp <= 0xD7AF or 0x3100 <= cp <= 0x312F
            or 0xFE30 <= cp <= 0xFE4F)


class CharTable(dict):
    """A ``str.translate`` table filled lazily: code point → ``classify(char)``."""

    def __init__(self, classify: Callable[[str], str | None]) -> None:
        super().__init__()
        self._classify = classify

    def __missing__(self, cp: int) -> str | None:
        value = self[cp] = self._classify(chr(cp))
        return value


CACHED_TEXT_MAX = 4096  # longer texts are counted each time (not pinned in the cache)


def per_text_cache(fn: Callable[[str], N]) -> Callable[[str], N]:
    cached = lru_cache(maxsize=2048)(fn)  # texts of ≤ CACHED_TEXT_MAX 字: ≤ 34 MB (see lru.py)

    @wraps(fn)
    def count(text: str) -> N:
        return cached(text) if len(text) <= CACHED_TEXT_MAX else fn(text)

    count.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    count.cached = cached  # type: ignore[attr-defined]  # (for map() over short texts, in C)
    return count


def _half_cells(ch: str) -> int:
    """Half grid cells one character takes: full width 2, half width 1, whitespace 0."""
    if is_space(ch) and ch != "\u3000":
        return 0
    if is_east_asian(ch) or ch == "\u3000" or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


HALF_CELLS = CharTable(lambda ch: "h" * _half_cells(ch) or None)


@per_text_cache
def cells(text: str) -> float:
    """Grid cells a line of text takes: full width 1, half width 0.5 (NORMS §1.7)."""
    return len(text.translate(HALF_CELLS)) / 2
