"""Shared helpers of the trim tests: build a checked draft, apply a plan, re-count."""

from __future__ import annotations

from pathlib import Path

from wenfeng.api import check_text
from wenfeng.trim import plan_trim

DRAFTS = sorted((Path(__file__).parent / "drafts").glob("*.txt"))
HEAD = "关于排查工作情况的报告\n\n市人民政府：\n"


def wrap(body: str) -> str:
    """A 报告 frame around body paragraphs (so the first line is not taken for the title)."""
    return HEAD + body + "\n"


def candidates_of(text: str, doctype: str | None = None):
    from wenfeng.rules.engine import get_engine
    from wenfeng.trim.candidates import candidates
    from wenfeng.trim.data import data_for

    engine = get_engine()
    report = check_text(text, doctype=doctype)
    return report, candidates(report, data_for(engine.lexicon.roots), engine.segmenter.boundaries)


def apply_cuts(text: str, cuts) -> str:
    out, pos = [], 0
    taken = []
    for c in sorted(cuts, key=lambda c: (c.start, -c.end)):
        if taken and c.start < taken[-1].end:
            continue
        taken.append(c)
    for c in taken:
        out.append(text[pos:c.start])
        out.append(c.replacement)
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


def long_report(body_paragraph: str, times: int) -> str:
    return wrap("\n".join([body_paragraph] * times) + "\n特此报告。")


__all__ = ["DRAFTS", "HEAD", "apply_cuts", "candidates_of", "check_text", "long_report",
           "plan_trim", "wrap"]
