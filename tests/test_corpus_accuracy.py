"""Accuracy on realistic drafts: findings against hand annotations, per rule group.

The drafts in ``tests/corpus`` (请示, 报告, 简报, 讲话, 主持词, 通知, 汇报材料, some pasted with
half-width punctuation, several clean) carry ``NAME.expect.toml`` annotations.  Precision and
recall are printed per group (run with ``-s`` to see them); warning/error findings must reach
95% precision and 90% recall.  The matching logic lives in ``corpus_eval.py``.
"""

from __future__ import annotations

import re

import pytest

import corpus_eval
from wenfeng.rules.engine import get_engine

pytestmark = pytest.mark.slow

ENGINE = get_engine()
LEVELS = {rid: rule.level.label for rid, rule in ENGINE.lexicon.rules.items()}
DOCTYPES_SEEN = re.compile(r"^(qingshi|baogao|jianbao|jianghua|zhuchici|tongzhi|huibao|tongbao)_")


def test_corpus_is_large_and_varied():
    drafts = corpus_eval.drafts()
    assert len(drafts) >= 30
    kinds = {DOCTYPES_SEEN.match(d.name).group(1) for d in drafts if DOCTYPES_SEEN.match(d.name)}
    assert {"qingshi", "baogao", "jianbao", "jianghua", "zhuchici", "tongzhi", "huibao"} <= kinds
    clean = [d for d in drafts if not corpus_eval.load_expectations(d)[1]]
    assert len(clean) >= 8, "clean drafts measure false alarms"


@pytest.mark.parametrize("draft", corpus_eval.drafts(), ids=lambda p: p.stem)
def test_annotations_are_well_formed(draft):
    """Every annotation names a known, in-scope rule and quotes text that is in the draft."""
    assert draft.with_suffix(".expect.toml").is_file()
    text = draft.read_text(encoding="utf-8")
    _, expected = corpus_eval.load_expectations(draft)
    for ann in expected:
        assert ann["rule"] in ENGINE.lexicon.rules, ann
        assert corpus_eval.scoped(ann["rule"]), ann
        assert ann["text"] in text, ann


def test_precision_and_recall():
    result = corpus_eval.evaluate(ENGINE, LEVELS)
    print("\n所有级别\n" + corpus_eval.table(result["all"]))
    print("\nwarning/error\n" + corpus_eval.table(result["serious"]))
    serious = corpus_eval.totals(result["serious"])
    assert serious.tp >= 40, "the corpus must exercise the warning-level rules"
    assert serious.precision >= 0.95, corpus_eval.table(result["serious"])
    assert serious.recall >= 0.90, corpus_eval.table(result["serious"])
