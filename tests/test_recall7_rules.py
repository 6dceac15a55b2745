"""Rules added for the recall7 documents (issue 13): each fires on the general shape and stays
silent on the correct forms next to it (the rule examples in lexicons/ test the firing side too)."""

from __future__ import annotations

import pytest

from wenfeng.api import check_text


def rules_at(text: str, rule: str, doctype: str | None = None) -> list[str]:
    report = check_text(text, doctype=doctype) if doctype else check_text(text)
    return [text[f.start:f.end] for f in report.findings if f.rule == rule]


def levels_at(text: str, rule: str) -> set[str]:
    return {f.level.label for f in check_text(text).findings if f.rule == rule}


@pytest.mark.parametrize("text, found", [
    ("目前，全镇汛抗旱暨秸秆禁烧工作稳步推进。", "汛抗旱"),
    ("全面完成全长近10公里征地拆迁防线工作。", "防线"),
    ("中单村村级活动所1个。", "活动所"),
    ("姜刘村村级活动场1个。", "活动场"),
])
def test_dropped_and_wrong_characters_are_certain(text, found):
    hits = [f for f in check_text(text).findings if text[f.start:f.end] == found]
    assert hits and all(f.level.label == "warning" for f in hits)


@pytest.mark.parametrize("text", [
    "成立防汛抗旱指挥部，做好抗汛抗旱准备。",
    "筑牢疫情防控的防线，守住安全底线。",
    "开展活动所需经费由镇财政解决；新建村级活动场所、村级活动场地各1处。",
])
def test_typo_entries_leave_correct_forms(text):
    assert not [f for f in check_text(text).findings if f.rule == "P906"]


def test_square_unit():
    assert rules_at("每个活动场所在360平方以上，共1200平方。", "N797") == ["平方", "平方"]
    assert rules_at("新建360平方米，辖区23.9平方公里，边长的平方和。", "N797") == []
    assert levels_at("建筑面积360平方。", "N797") == {"warning"}


def test_last_century():
    assert rules_at("始建于上个世纪80年代，上世纪九十年代扩建。", "N798") == ["上个世纪", "上世纪"]
    assert rules_at("始建于20世纪80年代。", "N798") == []


@pytest.mark.parametrize("text, found", [
    ("2月11日晚7:30—9:30进行检查。", ["晚7:30"]),
    ("须在12月3日下午5时前报县统计局。", ["下午5时"]),
    ("晚上8点开会。", ["晚上8点"]),
])
def test_twelve_hour_clock_widened(text, found):
    assert rules_at(text, "N795") == found


def test_twelve_hour_clock_leaves_24_hour_times():
    assert rules_at("上午9:00签到，下午14:30开会，晚20时结束。", "N795") == []


@pytest.mark.parametrize("text", [
    "截止2月11日，华龙城张贴通告6张。",
    "全年任务过半。截止目前，已完成投资80%。",
    "截止到2023年底，共建成基站1.2万个。",
])
def test_jiezhi_as_of_at_sentence_start(text):
    assert rules_at(text, "P996") == ["截止到" if "截止到" in text else "截止"]


@pytest.mark.parametrize("text", [
    "报名工作即日开始，截止2月11日，逾期不受理。",
    "申报于2月11日截止，截止日期后不再受理。",
    "截至2月11日，共受理87份。",
])
def test_jiezhi_deadline_left_alone(text):
    assert rules_at(text, "P996") == []


def test_lieru_yixiang_blend():
    assert rules_at("该项工作列入县“三送”活动年终考评的一项重要内容。", "P995")
    assert rules_at("该项工作列为年终考评的一项重要内容，并列入年度目标考核。", "P995") == []


REQUEST = "关于新建村室的请示\n县发展和改革委员会：\n拟新建村室4个，恳请批准立项。\n{closing}"


def test_request_closing_of_a_report():
    text = REQUEST.format(closing="特此报告。")
    assert rules_at(text, "D621", "请示") == ["特此报告"]
    assert rules_at(REQUEST.format(closing="妥否，请批示。"), "D621", "请示") == []
    # a report may close so
    report = "关于防汛工作的报告\n县政府：\n汛期工作已部署完毕。\n特此报告。"
    assert rules_at(report, "D621", "专项报告") == []


def test_request_closing_without_full_stop():
    assert rules_at(REQUEST.format(closing="妥否，请批示"), "N799", "请示") == ["妥否，请批示"]
    assert rules_at(REQUEST.format(closing="妥否，请批示。"), "N799", "请示") == []


def test_te_ci_shen_qing_in_a_report():
    text = "关于申请补助资金的报告\n县委组织部：\n共需资金15万元。\n特此申请"
    assert rules_at(text, "D623", "专项报告") == ["特此申请"]
    assert rules_at(text.replace("特此申请", "特此报告。"), "D623", "专项报告") == []


def test_title_situation_report_without_de():
    bad = "关于春节期间禁鞭工作开展情况通报\n各乡镇：\n现通报如下。"
    assert rules_at(bad, "D622") == ["关于春节期间禁鞭工作开展情况通报"]
    assert rules_at(bad.replace("情况通报", "情况的通报"), "D622") == []


@pytest.mark.parametrize("text, term", [
    ("当前各项工作时间紧、任务重，与会人员要恪尽职守。", "时间紧、任务重"),
    ("以高度的责任感和使命感投入工作。", "高度的责任感和使命感"),
    ("始终以饱满的工作热情、昂扬的精神状态完成任务。", "饱满的工作热情"),
])
def test_new_stock_phrases_are_information(text, term):
    hits = [f for f in check_text(text).findings if f.rule == "S301" and text[f.start:f.end] == term]
    assert hits and hits[0].level.label == "info"


def test_stock_phrase_list_leaves_plain_sense_of_duty():
    # 2010 政府工作报告: “增强教师的责任感和使命感” is not flagged
    assert rules_at("增强教师的责任感和使命感。", "S301") == []


def test_duties_redundancy_and_communication():
    assert rules_at("请各单位结合部门职能职责提出意见。", "V401") == ["职能职责"]
    hits = [f for f in check_text("坚持24小时值班，保持通讯畅通。").findings if "通讯" in f.message]
    assert hits
