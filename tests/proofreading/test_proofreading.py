"""The proofreading layer (issue 9) measured on an annotated corpus of drafts.

``drafts/NAME.txt`` carries errors of the proofreading groups and ``drafts/NAME.expect.toml``
lists every finding a careful proofreader would mark (``[[finding]] rule = "P901"
text = "布署"``).  ``drafts/NAME.clean.txt`` files are corrected twins and near-miss texts: any
proofreading finding on them is a false alarm.  The test prints precision and recall per group and
holds warning-level precision to 95 %.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tomllib

from wenfeng import fixes
from wenfeng.config import Settings, load_config
from wenfeng.model import Level
from wenfeng.sources import load_path, load_text

DRAFTS = Path(__file__).resolve().parent / "drafts"

# (label, first id, last id) — the proofreading rule groups of issue 9
GROUPS = [
    ("错别字/异形词 P901–P919", "P901", "P919"),
    ("易混词 P920–P949", "P920", "P949"),
    ("语病 P950–P969", "P950", "P969"),
    ("称谓/名称 P970–P989", "P970", "P989"),
    ("标点 N730–N769", "N730", "N769"),
    ("数字 N770–N799", "N770", "N799"),
]
MIN_WARNING_PRECISION = 0.95
MIN_RECALL = 0.90


def group_of(rule_id: str) -> str | None:
    for label, lo, hi in GROUPS:
        if rule_id[0] == lo[0] and lo <= rule_id <= hi:
            return label
    return None


def drafts() -> list[Path]:
    return sorted(DRAFTS.glob("*.txt"))


def expected_for(path: Path) -> list[tuple[str, str]]:
    expect = path.with_name(path.name[: -len(".txt")] + ".expect.toml")
    if path.name.endswith(".clean.txt"):
        assert not expect.exists(), f"{path.name} is a clean text and must not have expectations"
        return []
    assert expect.exists(), f"{path.name} needs {expect.name}"
    data = tomllib.loads(expect.read_text(encoding="utf-8"))
    found = [(f["rule"], f["text"]) for f in data.get("finding", [])]
    assert found, f"{expect.name} lists no finding"
    for rule, _ in found:
        assert group_of(rule), f"{expect.name}: {rule} is not a proofreading rule"
    return found


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    wtp: Counter = field(default_factory=Counter)  # warning level and above
    wfp: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    alarms: list = field(default_factory=list)


def proofreading_findings(report):
    return [f for f in report.findings if group_of(f.rule)]


@pytest.fixture(scope="module")
def tally(engine) -> Tally:
    t = Tally()
    for path in drafts():
        doc = load_path(path)
        report = engine.check(doc, Settings())
        want = Counter(expected_for(path))
        for f in proofreading_findings(report):
            key = (f.rule, doc.text[f.start:f.end])
            group = group_of(f.rule)
            strong = f.level >= Level.WARNING
            if want[key] > 0:
                want[key] -= 1
                t.tp[group] += 1
                t.wtp[group] += strong
            else:
                t.fp[group] += 1
                t.wfp[group] += strong
                t.alarms.append((path.name, f.rule, f.level.label, key[1]))
        for (rule, text), n in want.items():
            if n > 0:
                t.fn[group_of(rule)] += n
                t.misses.append((path.name, rule, text, n))
    return t


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def fmt(x: float | None) -> str:
    return "  —  " if x is None else f"{x:6.1%}"


def test_corpus_is_annotated_and_has_clean_twins():
    names = [p.name for p in drafts()]
    annotated = [n for n in names if not n.endswith(".clean.txt")]
    assert len(annotated) >= 8
    for name in annotated:
        twin = name[: -len(".txt")] + ".clean.txt"
        assert twin in names, f"{name} needs a corrected twin {twin}"
    # every group is exercised by the annotations
    groups = {group_of(rule) for p in drafts() for rule, _ in expected_for(p)}
    assert groups == {label for label, _, _ in GROUPS}


def test_precision_and_recall_per_group(tally, capsys):
    lines = [f"{'group':28} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>7} {'recall':>7} "
             f"{'warn prec':>9}"]
    for label, _, _ in GROUPS:
        tp, fp, fn = tally.tp[label], tally.fp[label], tally.fn[label]
        wp = ratio(tally.wtp[label], tally.wtp[label] + tally.wfp[label])
        lines.append(f"{label:28} {tp:4} {fp:4} {fn:4} {fmt(ratio(tp, tp + fp)):>7} "
                     f"{fmt(ratio(tp, tp + fn)):>7} {fmt(wp):>9}")
    tp, fp, fn = sum(tally.tp.values()), sum(tally.fp.values()), sum(tally.fn.values())
    lines.append(f"{'all':28} {tp:4} {fp:4} {fn:4} {fmt(ratio(tp, tp + fp)):>7} "
                 f"{fmt(ratio(tp, tp + fn)):>7}")
    for alarm in tally.alarms:
        lines.append(f"  false alarm: {alarm}")
    for miss in tally.misses:
        lines.append(f"  missed: {miss}")
    with capsys.disabled():
        print("\n" + "\n".join(lines), file=sys.stderr)

    for label, _, _ in GROUPS:
        wp = ratio(tally.wtp[label], tally.wtp[label] + tally.wfp[label])
        assert wp is None or wp >= MIN_WARNING_PRECISION, (label, wp, tally.alarms)
        recall = ratio(tally.tp[label], tally.tp[label] + tally.fn[label])
        assert recall is not None and recall >= MIN_RECALL, (label, recall, tally.misses)


@pytest.mark.parametrize("path", [p for p in drafts() if p.name.endswith(".clean.txt")],
                         ids=lambda p: p.name)
def test_clean_texts_raise_no_proofreading_warning(engine, path):
    report = engine.check(load_path(path), Settings())
    strong = [(f.rule, report.document.text[f.start:f.end]) for f in proofreading_findings(report)
              if f.level >= Level.WARNING]
    assert strong == []


@pytest.mark.parametrize("path", [p for p in drafts() if not p.name.endswith(".clean.txt")],
                         ids=lambda p: p.name)
def test_safe_fixes_settle_in_one_pass(engine, path):
    """Applying every safe proofreading fix once leaves nothing for a second pass to change."""
    report = engine.check(load_path(path), Settings())
    first = [x for f in proofreading_findings(report) for x in f.fixes if x.safe]
    assert first, "each annotated draft has at least one safe fix"
    text, _ = fixes.apply(report.document.text, first)
    again = engine.check(load_text(text), Settings())
    second = [(f.rule, text[f.start:f.end]) for f in proofreading_findings(again)
              if any(x.safe for x in f.fixes)]
    assert second == []


def test_groups_can_be_switched_off_in_wenfeng_toml(engine, tmp_path):
    config = tmp_path / "wenfeng.toml"
    config.write_text("[rules]\nP = false\nN770 = false\n", encoding="utf-8")
    settings = load_config(config)
    path = DRAFTS / "04-report-budget.txt"
    on = {f.rule for f in proofreading_findings(engine.check(load_path(path), Settings()))}
    off = {f.rule for f in proofreading_findings(engine.check(load_path(path), settings))}
    assert any(r.startswith("P") for r in on) and "N770" in on
    assert not any(r.startswith("P") for r in off) and "N770" not in off
    assert off == {r for r in on if not r.startswith("P") and r != "N770"}
