"""Wrong traditional forms left by a simplified-to-traditional conversion (同誌 for 同志).

Many public 公文 pages in traditional characters were machine-converted from simplified text, one
character at a time.  Where one simplified character stands for several traditional ones (志:
志/誌, 面: 面/麵, 系: 系/係/繫 — the 一简对多繁 groups of the 《简化字总表》 and the
《通用规范汉字表》's 繁体字对照表), such a conversion picks one form everywhere and writes 同誌,
下麵, 係統.  Each paragraph is taken to simplified and back with OpenCC's phrase-aware ``s2t``;
a character is reported when OpenCC's phrase conversion puts the *other* form of its group
there.  Only the groups the rule lists are looked at (``forms``), where the forms differ in
meaning, not variants of one character (裡/裏, 為/爲) or usage that both ways is right
(儘快/盡快): a phrase conversion is a good judge of 同志 vs 雜誌, not of those.  A character
written in its simplified shape (于, 台, 里 in a traditional text) is left alone: that shape is
a traditional character too.

Personal names are left alone: OpenCC reads “陳冬發指出” as 髮指 + 出.  A name is known from the
shapes ``person_names`` recognises (镇长陈冬发, 陈冬发同志) anywhere in the document, and every
later mention of it is skipped too (“会上，陈冬发指出”).

Without OpenCC (the VS Code bundle ships only pure-Python libraries) the check finds nothing.
"""

from __future__ import annotations

from typing import Iterator

from ... import person_names, traditional
from ...lru import map_texts, short_text_cache
from ...model import BlockKind, Level
from ..context import DocContext, DocHit
from .base import check

_LOOKED_AT = (BlockKind.TITLE, BlockKind.HEADING, BlockKind.BODY, BlockKind.ADDRESSEE,
              BlockKind.ATTACHMENT, BlockKind.SIGNATURE, BlockKind.NOTE)


def _groups(forms: list[str]) -> dict[str, frozenset[str]]:
    """``["志誌", "面麵"]`` → {"志": {志, 誌}, …}: a simplified character and its traditional
    forms (the first character is the simplified one, and is itself one of the forms)."""
    return {group[0]: frozenset(group) for group in forms if len(group) > 1}


@short_text_cache(2048)
def _wrong_forms(forms: str, text: str) -> tuple[tuple[int, str], ...]:
    """(position, right form) for each character of ``text`` in the wrong form of its group;
    ``forms``: the groups, one per line (a string hashes once, a tuple at every look-up)."""
    simplified = traditional.to_simplified(text)
    if simplified == text or traditional.opencc is None:
        return ()
    groups = _groups(forms.split("\n"))
    if not any(ch in groups for ch in simplified):
        return ()
    back = traditional.to_traditional(simplified)
    if len(back) != len(text):
        return ()
    out = []
    for i, (orig, simp, right) in enumerate(zip(text, simplified, back)):
        group = groups.get(simp)
        if group and orig != right and orig != simp and orig in group and right in group:
            out.append((i, right))
    return tuple(out)


@check("traditional_forms", forms=list)
def traditional_forms(ctx: DocContext, rule) -> Iterator[DocHit]:
    """Each wrong form once at the rule's level; its repeats (a converter makes the same
    mistake everywhere: 同誌 ten times) at most at information level, still with their fix."""
    forms = tuple(rule.params.get("forms") or ())
    seen: set[tuple[str, str]] = set()
    names: set[str] | None = None
    looked_at = [b for b in ctx.document.blocks if b.kind in _LOOKED_AT]
    for block, wrong in zip(looked_at, map_texts(_wrong_forms, [b.text for b in looked_at],
                                                 "\n".join(forms))):
        if not wrong:
            continue
        if names is None:
            names = _document_names(ctx)
        simplified = traditional.to_simplified(block.text)
        in_names = []
        if len(simplified) == len(block.text):  # positions agree only when no character merged
            in_names = [(m, m + len(name)) for name in names for m in _find_all(simplified, name)]
        for i, right in wrong:
            if person_names.overlaps(in_names, i, i + 1):
                continue
            start, end = block.source_span(i, i + 1)
            before = block.text[max(0, i - 1):i]
            context = block.text[max(0, i - 1):i + 2]
            pair = (block.text[i], right)
            level = min(rule.level, Level.INFO) if pair in seen else None
            seen.add(pair)
            yield DocHit(start, end, right, {
                "found": block.text[i], "expected": right, "context": context,
                "right_context": before + right + block.text[i + 1:i + 2]}, level=level)


def _document_names(ctx: DocContext) -> set[str]:
    """The personal names the document spells out somewhere, in simplified characters."""
    names: set[str] = set()
    for block in ctx.document.blocks:
        if block.kind in _LOOKED_AT:
            text = traditional.to_simplified(block.text)
            names.update(text[a:b] for a, b in person_names.spans(text) if 2 <= b - a <= 3)
    return names


def _find_all(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


CHECKS = (traditional_forms,)
