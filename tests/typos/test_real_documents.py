"""Classes of error that real documents showed and the first typo engine missed (issue 13's
evaluation set): a real word typed for another (基础实施), a doubled character at a word's end
(道路路), 作/做 and 的/地 after a longer phrase, a dropped measure word or organ-name character,
the capital A of 景区等级 — and the false alarms it raised on slogans and on 暨.  Each case is an
ordinary 公文 sentence, not a quote from the evaluation set; each negative twin must stay silent."""

from __future__ import annotations

import pytest

from wenfeng.config import Settings
from wenfeng.model import Level
from wenfeng.sources import load_text


def typo_findings(engine, text: str):
    report = engine.check(load_text(text), Settings())
    return [f for f in report.findings if "P901" <= f.rule <= "P969"]


def covering(engine, text: str, wrong: str):
    at = text.index(wrong)
    return [f for f in typo_findings(engine, text) if f.start < at + len(wrong) and f.end > at]


@pytest.mark.parametrize("text, wrong, right", [
    ("全镇农村基础实施建设滞后。", "实施", "设施"),         # a confusable pair + jieba's 基础设施
    ("城区公共实施维护资金不足。", "实施", "设施"),
    ("广大群众普通关心的就业问题。", "普通", "普遍"),
    ("市委对此项工作一起高度重视。", "一起", "一直"),
    ("会议对各项议题逐渐审议。", "逐渐", "逐项"),
    ("群众可如实反应有关问题。", "反应", "反映"),
])
def test_confused_real_word_is_a_suspicion(engine, text, wrong, right):
    hits = covering(engine, text, wrong)
    assert hits, text
    assert all(f.level == Level.INFO for f in hits)       # 疑似: the drafter decides
    assert any(right in f.message for f in hits)


@pytest.mark.parametrize("text, wrong, right", [
    ("部分群众对收费办法有微言。", "微言", "微词"),
    ("可通过市长信箱反应有关问题。", "反应", "反映"),
])
def test_confused_real_word_with_no_other_reading_is_certain(engine, text, wrong, right):
    """In these collocations the other word cannot be meant (颇有微言, 信箱反应): 必错."""
    hits = covering(engine, text, wrong)
    assert hits and all(f.level == Level.WARNING for f in hits), text
    assert any(right in f.message for f in hits)


@pytest.mark.parametrize("text", [
    "要加快实施乡村振兴战略，完善基础设施和公共设施。",
    "普通高校毕业生就业形势总体稳定，群众普遍关心住房问题。",
    "大家一起研究，一直保持联系，逐渐形成共识。",
    "改革方案配套实施，安全实施到位。",
    "坚持微言大义的传统。",
])
def test_confusable_words_in_their_right_use_stay_silent(engine, text):
    assert typo_findings(engine, text) == []


@pytest.mark.parametrize("text, doubled", [
    ("全县道路路建设完成投资2亿元。", "路路"),
    ("下午召开会会议，研究部署。", "会会"),
])
def test_doubled_character_at_a_word_end(engine, text, doubled):
    hits = covering(engine, text, doubled)
    assert any(f.rule == "P909" and f.level == Level.WARNING for f in hits), text


@pytest.mark.parametrize("text", [
    "常常深入基层，人人参与，要好好研究研究。",
    "超收收入全部用于民生，道路路面全部硬化。",
    "实事求是是我们党的思想路线。",
    "一项项工作落到实处，一次次攻坚克难。",
    "武汉市市长出席会议，人大常委会会议审议通过。",
    "王路路同志作表态发言。",
    "部门门户网站全部开通。",
])
def test_doubled_characters_that_are_right_stay_silent(engine, text):
    assert not [f for f in typo_findings(engine, text) if f.rule == "P909"], text


def test_zuo_with_a_modifier_before_an_abstract_object(engine):
    hits = covering(engine, "下面，请县长做重要讲话。", "做")
    assert any(f.rule == "P912" and "作" in f.message for f in hits)
    assert not covering(engine, "下面，请大家做好重要工作。", "做")


def test_de_after_a_two_word_adverbial(engine):
    hits = covering(engine, "望你们认真负责的完成翻修任务。", "的")
    assert any(f.rule == "P913" and "地" in f.message for f in hits)
    assert not covering(engine, "这是认真负责的态度。", "的")


@pytest.mark.parametrize("text, wrong", [
    ("全县新增a级景区3家。", "a级"),
    ("成功创建4a级旅游景区。", "4a级"),
])
def test_scenic_grade_is_a_capital_a(engine, text, wrong):
    assert any(f.level >= Level.WARNING for f in covering(engine, text, wrong))


def test_scenic_grade_in_capitals_stays_silent(engine):
    assert typo_findings(engine, "成功创建4A级旅游景区和AAA级景区各1家。") == []


def test_numeral_without_measure_word(engine):
    assert any(f.level >= Level.WARNING
               for f in covering(engine, "全村12村民小组，总户数718户。", "12"))
    assert typo_findings(engine, "全村12个村民小组，第3村民小组已完成。") == []


def test_organ_name_missing_a_character_even_in_a_quoted_title(engine):
    text = "根据《市人民政府办公关于印发实施办法的通知》要求。"
    assert any(f.level >= Level.WARNING for f in covering(engine, text, "办公"))
    assert typo_findings(engine, "根据《市人民政府办公室关于印发实施办法的通知》要求。") == []


@pytest.mark.parametrize("text", [
    "始终坚持生态立区、旅游活区、特色兴区、创新强区。",   # a slogan “XX兴区”
    "实施科教兴国、工业强县战略。",
    "县委全委（扩大）会暨全县经济工作会议今天召开。",     # 暨 joins two meeting names
    "2023年度总结表彰大会暨新春团拜会。",
])
def test_slogans_and_conjunctions_are_no_typos(engine, text):
    assert typo_findings(engine, text) == [], text
