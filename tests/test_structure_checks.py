"""Behaviour of the named structure checks beyond their rule examples: numeral reading, date
forms, heading sequences, meeting lengths and deadlines next to the 成文日期."""

from __future__ import annotations

import pytest

from wenfeng.rules.checks.dates import read_date
from wenfeng.rules.checks.numerals import cn_to_int, digit_string, int_to_cn


@pytest.mark.parametrize("text,value", [("三", 3), ("十", 10), ("十二", 12), ("二十", 20),
                                        ("九十九", 99), ("一百零五", 105), ("甲", None)])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


def test_numerals_round_trip():
    for n in range(1, 100):
        assert cn_to_int(int_to_cn(n)) == n
    assert digit_string("二〇二四") == "2024" and digit_string("二○一九") == "2019"


@pytest.mark.parametrize("text,form,ymd", [
    ("2024年3月5日", "standard", (2024, 3, 5)),
    ("2024年03月05日", "arabic", (2024, 3, 5)),
    ("24年3月5日", "arabic", (2024, 3, 5)),
    ("2024.3.5", "separated", (2024, 3, 5)),
    ("2024-03-05", "separated", (2024, 3, 5)),
    ("二〇二四年三月五日", "chinese", (2024, 3, 5)),
    ("二○二四年十二月三十一日", "chinese", (2024, 12, 31)),
])
def test_read_date(text, form, ymd):
    found = read_date(text)
    assert found is not None and found[3] == form and found[2] == ymd


def test_read_date_rejects_impossible_dates():
    assert read_date("2024年2月30日") is None


def rules_in(report, *ids):
    return [f for f in report.findings if f.rule in ids]


def test_heading_sequence_continuous_numbering_is_fine(check):
    text = "一、精简发文\n1.减少普发性文件。\n2.控制篇幅。\n二、压缩会议\n3.减少会议。\n4.控制规模。\n三、改进调研\n5.轻车简从。"
    assert not rules_in(check(text), "N707", "N708")


def test_heading_sequence_restart_per_parent_is_fine(check):
    text = "一、进展\n（一）管网。\n（二）公厕。\n二、打算\n（一）项目。\n（二）资金。"
    assert not rules_in(check(text), "N707", "N708", "N709")


def test_heading_repeat_and_gap_are_reported(check):
    report = check("一、进展\n（一）管网。\n（一）公厕。\n（三）绿化。")
    found = [(f.rule, report.document.text[f.start:f.end]) for f in rules_in(report, "N707")]
    assert found == [("N707", "（一）"), ("N707", "（三）")]
    assert "重复" in rules_in(report, "N707")[0].message


def test_heading_inline_markers_are_not_headings(check):
    text = "一、原则\n（1）坚持问题导向；（2）坚持系统观念；（3）坚持分类施策。\n二、任务\n抓好落实。"
    assert not rules_in(check(text), "N707", "N708")


NOTICE = ("关于召开全县森林防火工作会议的通知\n各乡镇：\n定于11月8日召开会议。\n会议时间：{when}。\n"
          "县林业局\n2024年11月1日")


@pytest.mark.parametrize("when,minutes", [("下午2:30—4:30", 120), ("上午9时至11时", 120),
                                          ("上午9:00—10:20", None), ("下午3:00至4:30", None)])
def test_meeting_duration(check, when, minutes):
    found = rules_in(check(NOTICE.format(when=when)), "F516")
    if minutes is None:
        assert not found
    else:
        assert len(found) == 1 and f"{minutes}分钟" in found[0].message


def test_meeting_duration_ignores_registration_times(check):
    text = NOTICE.format(when="上午9:00—10:00，报到时间8:00—9:00")
    assert not rules_in(check(text), "F516")


DEADLINE = "关于报送有关材料的通知\n各乡镇：\n请于{deadline}前将材料报送县政府办。\n县政府办公室\n{issued}"


@pytest.mark.parametrize("deadline,issued,fires", [
    ("12月20日", "2024年12月20日", True),
    ("12月21日下午", "2024年12月20日", True),
    ("12月23日", "2024年12月20日", False),
    ("1月2日", "2024年12月31日", False),     # next year, two days later
    ("1月1日", "2024年12月31日", True),      # next year, one day later
])
def test_same_day_deadline(check, deadline, issued, fires):
    found = rules_in(check(DEADLINE.format(deadline=deadline, issued=issued)), "F508")
    assert bool(found) is fires


def test_request_closing_half_width(check):
    text = "关于增设派出所的请示\n市公安局:\n拟增设城东派出所.\n妥否,请批示."
    assert not rules_in(check(text), "D611", "D610")


def test_attachment_single_and_numbering(check):
    text = "关于做好防汛工作的通知\n各乡镇：\n请做好准备。\n附件：一、防汛物资储备表\n二、责任人名单\n县防指\n2024年6月3日"
    report = check(text)
    fixes = [(report.document.text[x.start:x.end], x.replacement)
             for f in rules_in(report, "N721") for x in f.fixes]
    assert fixes == [("一、", "1."), ("二、", "2.")]


def test_request_that_only_states_a_need_is_one_document_level_finding(check):
    """D615: a 请示 that states a need and closes with 妥否，请批示 but asks nothing; the finding
    sits on the sentence that states the need.  Without any closing D611 reports instead."""
    asks_nothing = "市政府：\n经测算，三个规划共需经费80万元。\n妥否，请批示。\n市发改委\n2024年3月1日"
    found = rules_in(check(asks_nothing, "请示"), "D615")
    assert [f.document_level for f in found] == [True]
    assert asks_nothing[found[0].start:found[0].end] == "经测算，三个规划共需经费80万元。"
    no_closing = "市政府：\n经测算，三个规划共需经费80万元。\n市发改委\n2024年3月1日"
    assert not rules_in(check(no_closing, "请示"), "D615")


def test_several_matters_named_in_words_are_reported_once(check):
    text = ("市人民政府：\n我乡有以下几方面的工作还需市政府予以支持：\n1.道路工程缺口1100万元。\n"
            "2.便道欠款40万元。\n恳请市政府就以上两方面的工作给予扶持。\n妥否，请批示。")
    assert len(rules_in(check(text, "请示"), "D610")) == 1


def test_a_paragraph_without_quotation_marks_ends_an_open_quotation():
    """N753: a quote left open is reported when the next paragraph neither carries it on nor
    closes it, even though that paragraph has no quotation mark at all (paragraphs without
    marks are passed over quickly, not skipped); the later ” then has no “ before it."""
    from wenfeng.rules.engine import Engine
    from wenfeng.sources import load_text

    text = "关于开展调研的报告\n一、基本情况\n会议指出“要抓好落实\n各单位认真执行。\n这就是“两个结合”的要求”。\n"
    report = Engine().check(load_text(text))
    found = [(f.start, text[f.start:f.end]) for f in report.findings if f.rule == "N753"]
    assert found == [(text.index("“要"), "“"), (text.rindex("”"), "”")]
