"""Traditional characters: rules match a simplified copy; positions and fixes stay on the original.

Many public 公文 pages are served in traditional characters (big5 mirrors of mainland sites).
Every rule is written in simplified characters, so a text is matched on its simplified form.
The conversion is OpenCC's ``t2s`` (phrase-aware, so 乾隆 stays and 頭髮 becomes 头发); the copy
must keep the length of the original, character for character, so that every offset found on it
is an offset into the original.  Where a phrase conversion would change the length (rare), that
text is converted one character at a time instead.  A replacement offered as a fix is converted
back with ``s2t`` when the text it replaces is traditional, so a fix never mixes the scripts.

OpenCC is a compiled library.  Where it is missing — the VS Code extension ships only
pure-Python libraries (``clients/vscode/scripts/bundle_python.py``) — texts are matched as they
are: simplified drafts are unaffected, and traditional ones are checked without conversion.
"""

from __future__ import annotations

from functools import cache, lru_cache

try:
    import opencc
except ImportError:  # not installed (the editor bundle): no conversion, see the docstring
    opencc = None  # type: ignore[assignment]


@cache
def _converter(config: str) -> opencc.OpenCC:
    """An OpenCC converter, made on first use: ``s2t`` takes about 0.1 s to build and is only
    needed for a fix in a traditional-character text (``t2s`` is quick, needed by every check)."""
    return opencc.OpenCC(config)


# A paragraph counts as traditional when at least this share of its Han characters change
# under t2s (about a third do in real traditional text).  A simplified paragraph with a stray
# variant (“答覆”, “瞭解”) stays as it is, so the variant-form rules still see it.
TRADITIONAL_SHARE = 0.1


# blocks are normalized again by many rules: convert each text once (2,048 paragraphs, as the
# other per-paragraph caches: more would keep the history of an editing session, see lru.py)
@lru_cache(maxsize=2048)
def to_simplified(text: str) -> str:
    """A same-length simplified copy of ``text`` when it is written in traditional characters;
    ``text`` itself otherwise."""
    if not text or text.isascii() or opencc is None:
        return text
    try:
        converted = _converter("t2s").convert(text)
    except UnicodeEncodeError:  # a lone surrogate (bad editor text): OpenCC takes only UTF-8
        return text
    if converted == text:
        return text
    changed = sum(a != b for a, b in zip(text, converted))
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    if changed < TRADITIONAL_SHARE * max(han, 1):
        return text
    if len(converted) == len(text):
        return converted
    out = []
    t2s = _converter("t2s")
    for ch in text:
        single = t2s.convert(ch)
        out.append(single if len(single) == 1 else ch)
    return "".join(out)


def is_traditional(text: str) -> bool:
    """True when ``text`` holds characters that OpenCC turns into simplified ones."""
    return to_simplified(text) != text


def match_script(replacement: str, original: str) -> str:
    """``replacement`` in traditional characters when the ``original`` it replaces is
    traditional."""
    if not replacement or opencc is None or not is_traditional(original):
        return replacement
    converted = _converter("s2t").convert(replacement)
    return converted if len(converted) == len(replacement) else replacement


@lru_cache(maxsize=2048)
def to_traditional(text: str) -> str:
    """OpenCC's phrase-aware ``s2t`` of a simplified ``text`` (``text`` itself without OpenCC):
    what a careful conversion writes, against which a machine conversion's 同誌 is judged."""
    if opencc is None or not text or text.isascii():
        return text
    try:
        return _converter("s2t").convert(text)
    except UnicodeEncodeError:
        return text
