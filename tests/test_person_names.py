"""Names in attendee lists and after posts are not typos (blind2: 张忠新 read as 张重新), while a
real typo next to them is still found; 明查暗访 is usage, not a certain error."""

from __future__ import annotations

import pytest

from wenfeng.api import check_text
from wenfeng.person_names import spans


def named(text: str) -> list[str]:
    return [text[a:b] for a, b in spans(text)]


@pytest.mark.parametrize("text,name", [
    ("县政府党组成员杜林、张忠新、王智平、陈焕祥、朱波出席会议。", "杜林、张忠新、王智平、陈焕祥、朱波"),
    ("常务副县长桂鹏主持会议。", "桂鹏"),
    ("杜林、张忠新等出席。", "杜林、张忠新"),
    ("请张忠新同志讲话。", "张忠新"),
    ("出席人员：张忠新、李四，县财政局。", "出席人员：张忠新、李四，县财政局"),
])
def test_names_are_found_by_their_place(text, name):
    assert name in named(text)


@pytest.mark.parametrize("text", ["书记强调要惯彻落实。", "领导高度众视这项工作。", "全县干部群众要齐心协力。"])
def test_ordinary_words_after_a_post_are_not_names(text):
    assert named(text) == []


def test_a_listed_name_is_not_corrected():
    text = ("3月21日，县长吴海宏主持召开县政府党组会议。县政府党组成员杜林、张忠新、王智平、陈焕祥、"
            "朱波出席会议。")
    report = check_text(text, doctype="简报")
    assert [f for f in report.findings if f.rule.startswith("P9") and "忠新" in f.message] == []


def test_a_typo_beside_a_name_is_still_found():
    report = check_text("县长吴海宏主持会议，要求各部门认真惯彻落实。", doctype="简报")
    assert any(f.rule == "P906" and "惯彻" in f.message for f in report.findings)


def test_mingcha_anfang_is_only_a_suggestion():
    report = check_text("县住建局组织人员采取明查暗访的方式开展督查。", doctype="通报")
    levels = {f.rule: f.level.label for f in report.findings if "明查暗访" in f.message}
    assert levels == {"P907": "info"}
