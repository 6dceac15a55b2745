"""重字 and fixed phrases with a character dropped or two swapped.

重字: a doubled character that is no word (县县级, 的的, 道路路; not 常常, 人人 — dictionary
words — nor 村村通, where the model does not gain by dropping one, nor 超收收入, where the second
begins a word).  Near-miss: each phrase of
``lexicons/typos/phrases.toml`` with one character deleted, or two neighbours swapped, is looked
for where it starts and ends on token boundaries and is not itself a word.
"""

from __future__ import annotations

from typing import Callable

from .suggestion import MUST_FIX, SUSPECT, Suggestion

REPEAT_GAIN = 6.0
COMMON_CHAR = 250_000  # a lone character this frequent (是, 在) may follow a word ending in it
# function characters that are never written twice (的的确确 is a dictionary word and is skipped)
_NEVER_DOUBLED = frozenset("的了是在和与及对把被将为从向我")
# 平湖村/村委会, 石家庄市/市长, 全市/市直: an administrative unit's name ends in the character that
# the next organ or office begins with; 县县级 (级 is no organ) stays a slip
_UNIT_SUFFIXES = frozenset("省市县区乡镇村州旗盟")
_ASPECT = frozenset("了着过")
_ORGAN_STARTS = frozenset("委长直政党两支人纪民")


def _word_at(text: str, edges: list[int], at: int,
             freq: Callable[[str], int]) -> tuple[int, int] | None:
    """The dictionary word of two or more characters holding the character at ``at`` (not a
    token jieba only guessed: 2000所县/县级 is still 县县级)."""
    for a, b in zip(edges, edges[1:]):
        if a <= at < b:
            return (a, b) if b - a >= 2 and freq(text[a:b]) > 0 else None
    return None


def _word_end_repeat(text: str, edges: frozenset[int], i: int, word: tuple[int, int],
                     freq: Callable[[str], int]) -> bool:
    """道路/路/建设: the first character ends a word and the second stands alone — a slip, unless
    the lone one is a common function character (实事求是/是) or the word counts things one by
    one (一项/项, 一次/次)."""
    a, b = word
    return (b == i + 1 and i + 2 in edges and freq(text[i + 1]) < COMMON_CHAR
            and not (b - a == 2 and text[a] == "一")
            # 工作/作了安排: the lone one is a verb that an aspect particle follows
            and text[i + 2:i + 3] not in _ASPECT)


def repeats(text: str, edges: frozenset[int], freq: Callable[[str], int],
            logprob: Callable[[str], float], blocked: bytearray) -> list[Suggestion]:
    out = []
    edges_list = sorted(edges)
    n = len(text)
    for i in range(n - 1):
        c = text[i]
        if c != text[i + 1] or not "\u4e00" <= c <= "\u9fff" or blocked[i] or blocked[i + 1]:
            continue
        if (i > 0 and text[i - 1] == c) or (i + 2 < n and text[i + 2] == c):
            continue  # three in a row: deliberate or a table, not a slip
        if c in _UNIT_SUFFIXES and i + 2 < n and text[i + 2] in _ORGAN_STARTS:
            continue  # a place name, then its organ: 平湖村村委会, 石家庄市市长
        a, b = max(0, i - 3), min(n, i + 5)
        if freq(text[i:i + 2]) >= 200 or any(
                freq(text[x:y]) > 0 for x in range(a, i + 1) for y in range(i + 2, b + 1)
                if y - x >= 3):
            continue  # part of a real word: 常常, 的的确确, 人人
        word = _word_at(text, edges_list, i, freq)
        # 超收/收入: the second one begins a word (县/县级 does not); a word-end slip is judged
        # by the model alone
        at_end = word is not None and _word_end_repeat(text, edges, i, word, freq)
        if word is not None and not at_end:
            continue
        gain = logprob(text[a:i] + text[i + 1:b]) - logprob(text[a:b])
        if (c in _NEVER_DOUBLED and not at_end) or gain >= REPEAT_GAIN:
            out.append(Suggestion(i, i + 2, c, MUST_FIX, "repeat", f"“{c}”字重复",
                                  evidence=gain))
    return out


class PhraseMatcher:
    def __init__(self, phrases: tuple[str, ...], freq: Callable[[str], int]) -> None:
        self._freq = freq
        self._variants: dict[str, tuple[str, str, str]] | None = None
        self._lengths: list[int] = []
        self._heads: frozenset[str] = frozenset()
        self._phrases = tuple(p for p in phrases if len(p) >= 4)

    def _build(self) -> dict[str, tuple[str, str, str]]:
        phrases = set(self._phrases)
        variants: dict[str, tuple[str, str, str]] = {}
        for p in self._phrases:
            for i in range(len(p)):
                v = p[:i] + p[i + 1:]
                # a first or last character dropped: too close to a phrase that just goes on
                # (保民生保市场主体); only for long phrases, or before punctuation (see find)
                edge = i == 0 or i == len(p) - 1
                side = ("head" if i == 0 else "tail") if edge and len(p) < 6 else ""
                variants.setdefault(v, (p, "漏字", side))
            for i in range(len(p) - 1):
                if p[i] != p[i + 1]:
                    v = p[:i] + p[i + 1] + p[i] + p[i + 2:]
                    variants.setdefault(v, (p, "字序颠倒", ""))
        return {v: m for v, m in variants.items()
                if v not in phrases and self._freq(v) == 0 and len(v) >= 3}

    def find(self, text: str, edges: frozenset[int], blocked: bytearray) -> list[Suggestion]:
        if self._variants is None:
            variants = self._build()
            self._lengths = sorted({len(v) for v in variants})
            self._heads = frozenset(v[:2] for v in variants)
            self._variants = variants
        variants, lengths, heads = self._variants, self._lengths, self._heads
        out = []
        n = len(text)
        for i in sorted(edges):
            if text[i:i + 2] not in heads:  # no variant starts here (most places)
                continue
            for length in lengths:
                j = i + length
                if j > n:
                    break
                hit = variants.get(text[i:j])
                if hit is None or j not in edges or any(blocked[i:j]):
                    continue
                phrase, how, at_edge = hit
                if at_edge == "tail" and j < n and "\u4e00" <= text[j] <= "\u9fff":
                    continue
                if at_edge == "head" and i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff":
                    continue
                if text.find(phrase, max(0, i - len(phrase)), j + len(phrase)) >= 0:
                    continue
                out.append(Suggestion(i, j, phrase, MUST_FIX if how == "漏字" else SUSPECT,
                                      "phrase", f"固定提法“{phrase}”{how}"))
        return out
