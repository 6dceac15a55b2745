"""Rules added for the recall6 documents: each fires on the general shape and stays silent on the
correct forms next to it (the rule examples in lexicons/ test the firing side too)."""

from __future__ import annotations

import pytest

from wenfeng.api import check_text


def rules_at(text: str, rule: str) -> list[str]:
    report = check_text(text)
    return [text[f.start:f.end] for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("text, found", [
    ("会上，三位副镇长分别就下阶段工作做了具体部署。", ["做"]),
    ("各村围绕重点工作推进情况做交流汇报。", ["做"]),
    ("镇党委书记对全镇各项工作做了总结安排。", ["做"]),
    ("县长对下步工作做了全面安排部署。", ["做"]),
])
def test_zuo_before_deployment_and_reports(text, found):
    assert rules_at(text, "P914") == found


@pytest.mark.parametrize("text", [
    "各单位要做好部署，做出安排，按时做好总结工作。",
    "办公室提前做汇报材料，做总结表的同志按时报送。",
    "县长作了全面安排部署，各村作交流汇报。",
])
def test_zuo_rule_leaves_zuohao_and_materials(text):
    assert rules_at(text, "P914") == []


def test_zuo_rule_reads_traditional_text():
    assert rules_at("最后，鎮黨委書記對全鎮各項工作做了總結安排。", "P914") == ["做"]


@pytest.mark.parametrize("text, rule", [
    ("请关闭手机或将手机调至震动或静音状态。", "P906"),
    ("基础工程已通过质检部门到现场堪验。", "P906"),
    ("现将情况报如下：一是组织落实。", "P906"),
    ("对您们的到来表示欢迎。", "P906"),
])
def test_new_typo_entries_fire(text, rule):
    assert rules_at(text, rule)


@pytest.mark.parametrize("text", [
    "这一事件在全县引起很大震动，地震震动持续数秒。",
    "群众不堪重负，场面难堪。",
    "现将有关材料上报如下：一是名单。",
])
def test_new_typo_entries_stay_silent(text):
    assert rules_at(text, "P906") == [] and rules_at(text, "P907") == []


def test_daowei_series_needs_three():
    three = "要做到安全生产认识到位，人员到位，措施到位，工作到位。"
    two = "确保制度建设到位、政策落实到位，有效解决收入分配中的突出问题。"
    assert rules_at(three, "S323") and not rules_at(two, "S323")


def test_twelve_hour_clock_only_afternoon():
    assert rules_at("大会时间：2018年12月28日下午2:30。", "N795") == ["下午2:30"]
    assert rules_at("上午9:00签到，14:30开会，下午14:30散会。", "N795") == []


def test_yaoqiuyao_and_niding():
    assert rules_at("会议要求要持续关注返乡人员。", "V413") == ["要求要"]
    assert rules_at("拟定于12月28日召开党员大会。", "V413") == ["拟定于"]
    assert rules_at("实施方案拟定于去年3月，今年修订。", "V413") == []


def test_conversion_check_leaves_a_known_name_alone():
    text = ("梅隴鎮召開行政工作例會。鎮黨委副書記、鎮長陳冬發，副鎮長何紅梅出席會議。\n"
            "會上，陳冬發指出，各單位要牢牢把握三季度特點。同誌們要抓好落實。\n")
    found = rules_at(text, "P916")
    assert found == ["誌"]
