"""Regression tests for the false alarms and bad messages listed in issue 13 (real documents).

Each test names the item of the issue's list it guards."""

from __future__ import annotations

from wenfeng.api import check_text


def rules(text: str, doctype: str | None = None) -> dict[str, list[str]]:
    report = check_text(text, doctype=doctype)
    found: dict[str, list[str]] = {}
    for f in report.findings:
        found.setdefault(f.rule, []).append(report.document.text[f.start:f.end])
    return found


def test_h202_still_sees_a_local_leaders_important_speech():
    assert "H202" in rules("刚才，王书记作了重要讲话，请大家认真抓好落实。", "主持词")


def test_fixed_political_formulations_are_not_cliches():
    found = rules("党的二十大胜利召开。坚持把解决好“三农”问题作为全党工作的重中之重。", "讲话")
    assert "S301" not in found and "V407" not in found


def test_deleting_jinyibu_is_offered_only_where_a_sentence_remains():
    found = rules("全县营商环境进一步优化，监管工作进一步加强。", "综合性报告")
    assert "V407" not in found
    assert "V407" in rules("要进一步加强森林防火。", "通知")
