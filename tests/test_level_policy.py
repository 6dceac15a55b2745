"""The level policy of docs/levels.md, applied to the shipped rules."""

from __future__ import annotations

import re

from wenfeng.model import Level
from wenfeng.rules.engine import get_engine

RULES = get_engine().lexicon.rules
# sources that are commentary, books or newspaper collections, not binding texts
COMMENTARY = re.compile(r"人民日报征集|现代金报|李肇星|老秘网|《大手笔是怎样炼成的》|慎重使用的官方语言|韦志国|栾照钧")


def test_cliches_and_slogans_are_at_least_information():
    low = [r.id for r in RULES.values() if r.group == "S" and r.level < Level.INFO]
    assert not low, f"套话/口号规则不能低于 info：{low}"


def test_no_rule_is_an_error_by_default():
    # error is kept for the profile's hard maximum, which limit rules raise themselves
    assert not [r.id for r in RULES.values() if r.level >= Level.ERROR]


def test_commentary_alone_never_makes_a_warning():
    strong = [r.id for r in RULES.values()
              if r.level >= Level.WARNING and COMMENTARY.search(r.source)
              and not re.search(r"条例|GB/T|GF |若干措施|立法技术规范|新华社|现代汉语词典", r.source)]
    assert not strong, strong


def test_another_jurisdictions_rule_is_information():
    assert RULES["H202"].level == Level.INFO
