"""False alarms at scale: the 政府工作报告 of 2008–2022 were drafted with the greatest care, so
warning- and error-level findings on them must stay rare — below 1 per 10,000 字 over all rules
(length limits aside), below 1 per 10,000 字 for the proofreading groups alone, and below 0.5
for the 错别字 group (P901–P919, the typo engine included), which guesses from a word model.

The corpus sits outside the repository (``../shared/corpus/gwr`` next to the checkout, present
in CI); without it the tests are skipped.  The findings that remain are printed and explained in
``tests/corpus/README.md``.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import pytest

from wenfeng.config import Settings
from wenfeng.model import Level, Report
from wenfeng.sources import load_path

from .test_proofreading import GROUPS, group_of

GWR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "gwr"
MAX_PER_10K = 1.0
MAX_TYPO_PER_10K = 0.5

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not GWR.is_dir() or not any(GWR.glob("*.txt")),
                       reason=f"政府工作报告语料不在 {GWR}（CI 中提供）"),
]


@lru_cache(maxsize=1)
def _reports(engine) -> tuple[tuple[str, Report], ...]:
    """Every report checked once, shared by both measures."""
    return tuple((path.name, engine.check(load_path(path), Settings()))
                 for path in sorted(GWR.glob("*.txt")))


def _rate(engine, keep) -> tuple[float, list[str]]:
    words, remaining = 0, []
    for name, report in _reports(engine):
        words += report.counts.words
        text = report.document.text
        for f in report.findings:
            if f.level >= Level.WARNING and keep(f):
                line = text.count("\n", 0, f.start) + 1
                context = text[max(0, f.start - 12):f.end + 8].replace("\n", "⏎")
                remaining.append(f"{name}:{line} {f.rule} {f.level.label} “{context}”")
    assert words > 200_000, "the corpus looks truncated"
    return len(remaining) / words * 10_000, remaining


def _show(title: str, rate: float, remaining: list[str], capsys) -> None:
    with capsys.disabled():
        print(f"\n{title}: {len(remaining)} = {rate:.2f} per 10,000 字", file=sys.stderr)
        for line in remaining:
            print(f"  {line}", file=sys.stderr)


def test_gwr_warning_rate_all_rules(engine, capsys):
    rate, remaining = _rate(engine, lambda f: f.group != "L")
    _show("warning/error findings (length limits aside)", rate, remaining, capsys)
    assert rate < MAX_PER_10K, "\n".join(remaining)


def test_gwr_warning_rate_proofreading(engine, capsys):
    rate, remaining = _rate(engine, lambda f: group_of(f.rule) is not None)
    _show("proofreading warnings", rate, remaining, capsys)
    assert rate < MAX_PER_10K, "\n".join(remaining)


def test_gwr_warning_rate_typos(engine, capsys):
    """The typo engine may not cry wolf on the best-edited prose."""
    rate, remaining = _rate(engine, lambda f: group_of(f.rule) == GROUPS[0][0])
    _show("错别字 warnings", rate, remaining, capsys)
    assert rate < MAX_TYPO_PER_10K, "\n".join(remaining)
