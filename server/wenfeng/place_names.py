"""Where the name of a town, township or village begins, so that the proofreading model does not
read its first character as the end of the word before it.

“对翔凤镇桂花树村……” reads to the model as 对象 + 凤镇: 翔凤 is no dictionary word, and 对象 is a
common one.  A 镇/乡/村 name is seldom in any dictionary, so a guess that changes the first
character of a two-character run that is no word and stands right before 镇/乡/村 (街道, 社区) is
dropped.  Only these small units are read so: 省/市/县 names are dictionary words, and a typo
before them (湖比省) is still worth a guess.
"""

from __future__ import annotations

from typing import Callable

_SUFFIXES = ("镇", "乡", "村", "街道", "社区")


def starts_small_place(text: str, i: int, known: Callable[[str], bool]) -> bool:
    """Whether ``text[i:i + 2]``, no word (``known``), stands right before a 镇/乡/村 suffix."""
    name = text[i:i + 2]
    return len(name) == 2 and text.startswith(_SUFFIXES, i + 2) and not known(name) \
        and all("\u4e00" <= c <= "\u9fff" for c in name)


def changes_a_place_start(text: str, start: int, end: int, replacement: str | None,
                          known: Callable[[str], bool]) -> bool:
    """Whether a same-length correction of ``text[start:end]`` changes only its last character,
    where that character begins a small place's name (对翔|凤镇: 翔凤镇)."""
    if replacement is None or len(replacement) != end - start or end - start < 2:
        return False
    last = end - 1
    return replacement[-1] != text[last] and replacement[:-1] == text[start:last] \
        and starts_small_place(text, last, known)
