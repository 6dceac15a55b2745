"""Running a rule's examples: the ``[[rules.examples]]`` of each rule are its tests
(``tests/test_rule_examples.py``) and what ``wenfeng explain`` shows.

``{filler:N}`` in an example stands for about N 字 of neutral prose, so limit rules can have
examples without pasting thousands of characters into the rule file.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..config import Settings
from ..metrics.counting import word_count
from ..model import Report
from ..sources import load_text
from .engine import Engine

FILLER = "全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。"


def expand_example(text: str) -> str:
    """Expand ``{filler:N}`` in rule examples to about N 字 of neutral prose (limit rules)."""
    def filler(m: "re.Match[str]") -> str:
        n = int(m.group(1))
        per = word_count(FILLER)
        paragraphs = []
        total = 0
        while total < n:
            paragraphs.append(FILLER * 4)
            total += per * 4
        return "\n".join(paragraphs)

    return re.sub(r"\{filler:(\d+)\}", filler, text)


def example_reports(
    engine: Engine, rule_id: str
) -> Iterable[tuple[object, Report | None, Report | None]]:
    """Run one rule's examples: yield ``(example, report_of_bad, report_of_good)``."""
    rule = engine.explain(rule_id)
    settings = Settings()
    for ex in rule.examples:
        bad = good = None
        if ex.bad is not None:
            bad = engine.check(load_text(expand_example(ex.bad), fmt=ex.fmt), settings, ex.doctype)
        if ex.good is not None:
            good = engine.check(load_text(expand_example(ex.good), fmt=ex.fmt), settings,
                                ex.doctype)
        yield ex, bad, good
