"""Compare wenfeng's findings on the annotated drafts in ``tests/corpus`` with their annotations.

Each draft ``NAME.txt`` has ``NAME.expect.toml``: optional ``doctype = "…"`` (else detected) and
``[[finding]]`` tables with ``rule``, ``text`` (text the finding should cover) and optional
``count``.  A finding matches an annotation of the same rule when an occurrence of the quoted
text overlaps the finding's span; each annotation is used ``count`` times at most.  Only rules
in the groups this corpus annotates are scored (``SCOPED``); other layers (length limits,
proofreading, running-text punctuation) have their own tests.  Shared by the accuracy test and
``python -m tests.corpus_eval`` style reporting.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = Path(__file__).resolve().parent / "corpus"
SERIOUS = ("warning", "error")


def scoped(rule_id: str) -> bool:
    """H, S, V, F, D and N701–N729 are annotated here; N730+ and P9xx belong to proofreading."""
    if rule_id[0] in "HSVFD":
        return True
    return rule_id[0] == "N" and 701 <= int(rule_id[1:]) <= 729


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_alarms: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def overlaps(text: str, quoted: str, start: int, end: int) -> bool:
    """True when some occurrence of the annotated text overlaps the finding's span."""
    i = text.find(quoted)
    while i >= 0:
        if i < end and start < i + len(quoted) or (start == end and i <= start <= i + len(quoted)):
            return True
        i = text.find(quoted, i + 1)
    return False


def drafts() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def load_expectations(draft: Path) -> tuple[str | None, list[dict]]:
    data = tomllib.loads(draft.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    return data.get("doctype"), data.get("finding", [])


def evaluate(engine, rule_levels: dict[str, str]) -> dict[str, dict[str, Tally]]:
    """``{"all": {group: Tally}, "serious": {group: Tally}}`` over the whole corpus."""
    from wenfeng.config import Settings
    from wenfeng.sources import load_path

    result: dict[str, dict[str, Tally]] = {"all": defaultdict(Tally), "serious": defaultdict(Tally)}
    for draft in drafts():
        doctype, expected = load_expectations(draft)
        report = engine.check(load_path(draft), Settings(), doctype)
        remaining = []
        for ann in expected:
            remaining.extend([ann] * int(ann.get("count", 1)))
        for f in report.findings:
            if not scoped(f.rule):
                continue
            found = report.document.text[f.start:f.end]
            match = next((a for a in remaining if a["rule"] == f.rule
                          and overlaps(report.document.text, a["text"], f.start, f.end)), None)
            buckets = ["all"] + (["serious"] if f.level.label in SERIOUS else [])
            for bucket in buckets:
                tally = result[bucket][f.rule[0]]
                if match is not None:
                    tally.tp += 1
                else:
                    tally.fp += 1
                    tally.false_alarms.append(f"{draft.name}: {f.rule} “{found[:40]}”")
            if match is not None:
                remaining.remove(match)
        for ann in remaining:
            buckets = ["all"] + (["serious"] if rule_levels.get(ann["rule"]) in SERIOUS else [])
            for bucket in buckets:
                tally = result[bucket][ann["rule"][0]]
                tally.fn += 1
                tally.misses.append(f"{draft.name}: {ann['rule']} “{ann['text'][:40]}”")
    return result


def table(tallies: dict[str, Tally]) -> str:
    lines = ["group   TP   FP   FN  precision  recall"]
    total = Tally()
    for group in sorted(tallies):
        t = tallies[group]
        total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
        lines.append(f"{group:5} {t.tp:4} {t.fp:4} {t.fn:4}  {t.precision:9.1%}  {t.recall:6.1%}")
    lines.append(f"{'all':5} {total.tp:4} {total.fp:4} {total.fn:4}  {total.precision:9.1%}  {total.recall:6.1%}")
    for group in sorted(tallies):
        for line in tallies[group].false_alarms:
            lines.append(f"  false alarm  {line}")
        for line in tallies[group].misses:
            lines.append(f"  missed       {line}")
    return "\n".join(lines)


def totals(tallies: dict[str, Tally]) -> Tally:
    total = Tally()
    for t in tallies.values():
        total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
    return total


if __name__ == "__main__":
    from wenfeng.rules.engine import get_engine

    eng = get_engine()
    levels = {rid: r.level.label for rid, r in eng.lexicon.rules.items()}
    res = evaluate(eng, levels)
    print("all levels\n" + table(res["all"]))
    print("\nwarning/error\n" + table(res["serious"]))
