"""Usage checks that need no model: 二/两 before a measure word, 作/做 with abstract objects,
的/地 before a verb (a hint only).  The word lists are the rule's data in
``lexicons/rules/typo_engine.toml``; this module only applies them."""

from __future__ import annotations

import re
from functools import lru_cache

from .suggestion import HINT, MUST_FIX, SUSPECT, Suggestion


@lru_cache(maxsize=64)
def _measure(measures: tuple[str, ...]) -> re.Pattern[str]:
    # not an ordinal or part of a number: 第二个, 十二个, 一二个, 三分之二, 第一、二批
    return re.compile(r"(?<![第十百千万亿零〇一二三四五六七八九两之\d.、])二(?=(?:%s))" %
                      "|".join(map(re.escape, sorted(measures, key=len, reverse=True))))


def measure_words(text: str, measures: tuple[str, ...]) -> list[Suggestion]:
    return [Suggestion(m.start(), m.end(), "两", MUST_FIX, "measure",
                       f"量词“{text[m.end():m.end() + 1]}”前用“两”")
            for m in _measure(measures).finditer(text)]


@lru_cache(maxsize=64)
def _zuo(objects: tuple[str, ...], modifiers: tuple[str, ...]) -> re.Pattern[str]:
    # 做报告, and with one modifier between: 做重要讲话, 做专题报告
    between = "(?:%s)?" % "|".join(map(re.escape, modifiers)) if modifiers else ""
    return re.compile(r"做(?=%s(?:%s))" % (between, "|".join(map(re.escape, objects))))


def zuo(text: str, objects: tuple[str, ...], modifiers: tuple[str, ...] = ()) -> list[Suggestion]:
    return [Suggestion(m.start(), m.end(), "作", SUSPECT, "zuo",
                       "与报告、讲话、贡献、批示等抽象事物搭配用“作”")
            for m in _zuo(objects, modifiers).finditer(text)]


@lru_cache(maxsize=64)
def _de(adverbs: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:%s)(的)(?=(?:%s))" % ("|".join(map(re.escape, adverbs)),
                                                   "|".join(map(re.escape, verbs))))


def de(text: str, adverbs: tuple[str, ...], verbs: tuple[str, ...]) -> list[Suggestion]:
    if not adverbs or not verbs:
        return []
    return [Suggestion(m.start(1), m.end(1), "地", HINT, "de", "修饰动词的状语后用“地”")
            for m in _de(adverbs, verbs).finditer(text)]
