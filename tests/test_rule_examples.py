"""Every rule's inline examples are tests (proselint style): ``bad`` fires, ``good`` stays clean,
``fixed`` is what this rule's fixes make of ``bad``; and every rule has a source and examples."""

from __future__ import annotations

import pytest

from wenfeng import fixes
from wenfeng.rules.engine import get_engine
from wenfeng.rules.examples import example_reports

ENGINE = get_engine()
RULE_IDS = sorted(ENGINE.lexicon.rules)


def test_lexicons_hold_rules():
    assert len(RULE_IDS) >= 4
    assert {"L101", "L102", "L103", "H201"} <= set(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_metadata(rule_id):
    rule = ENGINE.lexicon.rules[rule_id]
    assert rule.source.strip(), "a rule must cite its source"
    assert rule.examples, "a rule must carry examples"
    assert any(ex.bad for ex in rule.examples), "at least one example must fire"
    assert rule.id[0] == rule.group


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_examples(rule_id):
    for example, bad, good in example_reports(ENGINE, rule_id):
        if bad is not None:
            mine = [f for f in bad.findings if f.rule == rule_id]
            assert mine, f"{rule_id} should fire on: {example.bad[:60]}"
            if example.count is not None:
                assert len(mine) == example.count, (example.bad, mine)
            if example.fixed is not None:
                fixed, _ = fixes.apply(bad.document.text, [x for f in mine for x in f.fixes])
                assert fixed == example.fixed
        if good is not None:
            mine = [f for f in good.findings if f.rule == rule_id]
            assert not mine, f"{rule_id} should not fire on: {example.good[:60]} → {mine}"
