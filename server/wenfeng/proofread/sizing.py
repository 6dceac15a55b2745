"""How much the typo engine keeps between sentences: a lot for one long check, little in an editor.

A batch check (``wenfeng check``, ``report``) meets tens of thousands of distinct windows once each,
and its memos must hold them all or lose what the next document repeats.  A language server lives
for days and its user makes a new sentence with every keystroke: a memo that keeps growing until a
ceiling of 100,000 entries is memory climbing for ten thousand keystrokes.  There, ceilings a tenth
as high fill within the first few hundred edits and then stay flat, and cost nothing a keystroke
needs (the edited sentence's windows are the recent ones).

The sizes are read when the proofreader is made: a server calls :func:`use_editor_sizes` first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    # facts about tokens, windows and candidates, entries per memo (a memo of windows 100,000
    # full holds about 15 MB; a 20,000-字 report has some 15,000 different windows, the fifteen
    # 政府工作报告 87,000)
    memo: int
    logprob: int     # route scores of contexts
    relation: int    # sound/shape relations of character pairs
    sentences: int   # analysed sentences


BATCH = Sizes(memo=100_000, logprob=65_536, relation=262_144, sentences=20_000)
EDITOR = Sizes(memo=8_192, logprob=8_192, relation=16_384, sentences=2_048)

current = BATCH


def use_editor_sizes() -> None:
    """Size the caches of proofreaders made from now on for a long-lived editor session."""
    global current
    current = EDITOR
