"""False-alarm rate of the proofreading groups on the 政府工作报告 corpus (2008–2022).

The reports are drafted by the most careful writers in the country, so every proofreading warning
on them is either a real slip or a false alarm; together they must stay below 1 warning per
10,000 字.  What remains is printed.  The corpus lives outside the repository
(``../shared/corpus/gwr`` next to the repo root) and the test skips when it is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wenfeng.config import Settings
from wenfeng.metrics.counting import word_count
from wenfeng.model import Level
from wenfeng.sources import load_path

from .test_proofreading import group_of

GWR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "gwr"
MAX_WARNINGS_PER_10K = 1.0


@pytest.mark.skipif(not GWR.is_dir(), reason=f"政府工作报告 corpus not found at {GWR}")
def test_gwr_stays_below_one_warning_per_10000_chars(engine, capsys):
    files = sorted(GWR.glob("*.txt"))
    assert files, f"no .txt files in {GWR}"
    chars = 0
    remaining = []
    for path in files:
        doc = load_path(path)
        chars += word_count(doc.text)
        report = engine.check(doc, Settings())
        for f in report.findings:
            if group_of(f.rule) and f.level >= Level.WARNING:
                context = doc.text[max(0, f.start - 10):f.end + 10].replace("\n", " ")
                remaining.append((path.name[:4], f.rule, doc.text[f.start:f.end], context))
    rate = len(remaining) / chars * 10_000
    with capsys.disabled():
        print(f"\nproofreading warnings on {len(files)} 政府工作报告: {len(remaining)} in {chars:,} 字 "
              f"= {rate:.2f} per 10,000 字", file=sys.stderr)
        for item in remaining:
            print(f"  {item}", file=sys.stderr)
    assert rate < MAX_WARNINGS_PER_10K
