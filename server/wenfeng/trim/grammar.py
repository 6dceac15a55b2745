"""Is a paragraph still well formed after a cut?  Checks that compare before and after.

A cut may only remove words; what it must never leave behind is a broken sentence: two marks in
a row ("，。", "，，"), a sentence or paragraph that opens with a mark, an empty sentence, a
conjunction left hanging ("并。", a sentence opening with "并" or "以及"), or a clause that ends on
a word that needs an object or a verb ("要，", "把。", "地，").  Each check counts occurrences;
a cut is refused when any count grows, so a draft's own quirks never block a cut elsewhere.
"""

from __future__ import annotations

import re

_MARKS = "，；、：。！？"
#: name → pattern; the names are shown in test failures only
CHECKS: dict[str, re.Pattern[str]] = {
    "连续标点": re.compile(f"[，；、：][{_MARKS}]|[。！？][，；、：]"),
    "句首标点": re.compile("(?:^|[。！？])\\s*[，；、：。！？]"),
    "空句": re.compile("^\\s*$"),
    "悬空连词": re.compile(f"(?:和|及|以及|与|并|并且|而且|或|或者|从而|进而|且)[{_MARKS}]"),
    "句首连词": re.compile("(?:^|[。！？；])\\s*(?:并|并且|而且|从而|进而|以及|且|和|及|与)"
                         "(?![\\u4e00-\\u9fff]{0,1}(?:时|其|此))"),
    "缺宾语或谓语": re.compile(f"(?:要|将|应|应当|需要|必须|务必|把|对|向|为|以|在|被|使|让|地|得)[{_MARKS}]"),
    # "按照……体系，狠抓落实。" cut to "按照……体系。": a prepositional phrase left without its verb
    "介词短语缺谓语": re.compile("(?:^|[，；。！？])\\s*(?:按照|根据|依照|依据|对照|围绕|通过|为了|针对|结合|随着)"
                            "[^，；。！？]{0,60}[。！？]"),
    "无汉字的句子": re.compile(f"(?:^|[{_MARKS}])[^\\u4e00-\\u9fff{_MARKS}]*[。！？]"),
}


def profile(text: str) -> dict[str, int]:
    """How often each check fires in ``text``."""
    counts = {name: len(pattern.findall(text)) for name, pattern in CHECKS.items()}
    counts["空句"] = 1 if not text.strip() else 0
    return counts


def new_problems(before: str, after: str) -> list[str]:
    """Names of the checks that fire more often in ``after`` than in ``before``.

    ``after == ""`` (a paragraph removed entirely) is fine: nothing is left to be broken.
    """
    if not after.strip():
        return []
    old, new = profile(before), profile(after)
    return [name for name in CHECKS if new[name] > old[name]]
