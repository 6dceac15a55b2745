"""False-alarm rate of the proofreading groups on the 政府工作报告 corpus (2008–2022).

The reports are drafted by the most careful writers in the country, so every proofreading warning
on them is either a real slip or a false alarm; together they must stay below 1 warning per
10,000 字, and the 错别字 group (P901–P919, the typo engine included) below 0.5.  What remains
is printed.  The corpus lives outside the repository
(``../shared/corpus/gwr`` next to the repo root) and the test skips when it is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wenfeng.config import Settings
from wenfeng.counting import word_count
from wenfeng.model import Level
from wenfeng.sources import load_path

from .test_proofreading import GROUPS, group_of

GWR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "gwr"
MAX_WARNINGS_PER_10K = 1.0
MAX_TYPO_WARNINGS_PER_10K = 0.5
_RUN: dict[str, tuple[int, list]] = {}


def warnings_on_corpus(engine) -> tuple[int, list[tuple[str, str, str, str]]]:
    """``(字 count, [(year, rule, text, context)])`` of proofreading warnings, computed once."""
    if "run" not in _RUN:
        chars, remaining = 0, []
        for path in sorted(GWR.glob("*.txt")):
            doc = load_path(path)
            chars += word_count(doc.text)
            for f in engine.check(doc, Settings()).findings:
                if group_of(f.rule) and f.level >= Level.WARNING:
                    context = doc.text[max(0, f.start - 10):f.end + 10].replace("\n", " ")
                    remaining.append((path.name[:4], f.rule, doc.text[f.start:f.end], context))
        _RUN["run"] = (chars, remaining)
    return _RUN["run"]


@pytest.mark.skipif(not GWR.is_dir(), reason=f"政府工作报告 corpus not found at {GWR}")
def test_gwr_stays_below_one_warning_per_10000_chars(engine, capsys):
    files = sorted(GWR.glob("*.txt"))
    assert files, f"no .txt files in {GWR}"
    chars, remaining = warnings_on_corpus(engine)
    rate = len(remaining) / chars * 10_000
    with capsys.disabled():
        print(f"\nproofreading warnings on {len(files)} 政府工作报告: {len(remaining)} in {chars:,} 字 "
              f"= {rate:.2f} per 10,000 字", file=sys.stderr)
        for item in remaining:
            print(f"  {item}", file=sys.stderr)
    assert rate < MAX_WARNINGS_PER_10K


@pytest.mark.skipif(not GWR.is_dir(), reason=f"政府工作报告 corpus not found at {GWR}")
def test_gwr_typo_warnings_stay_below_half_per_10000_chars(engine, capsys):
    """The typo engine guesses from a word model: on the best-edited prose it may not cry wolf."""
    chars, remaining = warnings_on_corpus(engine)
    assert chars > 200_000, "the corpus looks truncated"
    typos = [item for item in remaining if group_of(item[1]) == GROUPS[0][0]]
    rate = len(typos) / chars * 10_000
    with capsys.disabled():
        print(f"\n错别字 warnings on the 政府工作报告: {len(typos)} in {chars:,} 字 "
              f"= {rate:.2f} per 10,000 字", file=sys.stderr)
        for item in typos:
            print(f"  {item}", file=sys.stderr)
    assert rate < MAX_TYPO_WARNINGS_PER_10K
