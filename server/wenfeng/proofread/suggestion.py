"""What the proofreading checks hand back: one suggested change with its grade and reason."""

from __future__ import annotations

from dataclasses import dataclass

MUST_FIX, SUSPECT, HINT = "必错", "疑似", "提示"
RANK = {MUST_FIX: 0, SUSPECT: 1, HINT: 2}


@dataclass(frozen=True)
class Suggestion:
    """``text[start:end]`` should read ``replacement`` (None: no single right form, advice only).

    ``check`` names the check that found it (spelling, list, repeat, phrase, measure, zuo, de),
    ``grade`` is 必错 / 疑似 / 提示, ``why`` the reason shown to the drafter, ``advice`` what to do
    when there is no replacement.
    """

    start: int
    end: int
    replacement: str | None
    grade: str
    check: str
    why: str
    advice: str = ""
    evidence: float = 0.0
