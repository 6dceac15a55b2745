"""Traditional-character drafts: rules match on a simplified copy (OpenCC t2s), while positions,
quoted text and fixes stay on the original characters."""

from __future__ import annotations

import subprocess
import sys

from wenfeng import fixes
from wenfeng.api import check_text
from wenfeng.traditional import match_script, to_simplified


def test_the_simplified_copy_keeps_every_offset():
    text = "關於進一步優化營商環境的若干意見，頭髮、乾隆與著作不變形。"
    simple = to_simplified(text)
    assert len(simple) == len(text)
    assert simple.startswith("关于进一步优化营商环境的若干意见")
    assert to_simplified("政府工作报告") == "政府工作报告"


def test_a_traditional_request_is_recognised_and_checked():
    text = ("關於解決抗旱資金的請示\n縣農業局：\n我鄉旱災嚴重，請予幫助解決。\n"
            "妥否，請批示。\n新場鄉人民政府\n2024年4月3日")
    report = check_text(text)
    assert report.doctype.name == "请示"


def test_findings_point_at_the_original_characters_and_fixes_stay_traditional():
    text = "關於做好防汛工作的通知\n各鄉鎮：\n各單位要高度重視，要進一步加強值班。\n縣應急管理局\n2024年6月3日"
    report = check_text(text)
    cliche = [f for f in report.findings if f.rule == "S301"]
    assert cliche and text[cliche[0].start:cliche[0].end] == "高度重視"
    assert "高度重視" in cliche[0].message
    verbose = [f for f in report.findings if f.rule == "V407"]
    assert verbose and text[verbose[0].start:verbose[0].end] == "進一步加強"
    fixed, _ = fixes.apply(text, list(verbose[0].fixes))
    assert "高度重視，要加強值班。" in fixed


def test_a_replacement_follows_the_script_of_what_it_replaces():
    assert match_script("加强", "進一步加強") == "加強"
    assert match_script("加强", "进一步加强") == "加强"


def test_a_stray_variant_in_simplified_text_is_not_converted_away():
    # “答覆” in a simplified paragraph is a variant form the 异形词 rules report; it must not be
    # silently read as “答复”, and a correct “答复” must not be reported
    text = "关于办理议案的通知\n各单位：\n请于月底前将办理结果答覆代表，并抄送县政府办公室。"
    assert to_simplified("请于月底前将办理结果答覆代表，并抄送县政府办公室。").count("答覆") == 1
    clean = text.replace("答覆", "答复")
    assert not [f for f in check_text(clean).findings if f.rule == "P903"]


def test_without_opencc_texts_are_matched_as_they_are():
    """The VS Code bundle has no OpenCC (a compiled library): simplified drafts are checked as
    usual, traditional ones without conversion, and nothing fails."""
    out = _without_opencc(
        "from wenfeng.traditional import match_script, to_simplified\n"
        "assert to_simplified('關於進一步優化') == '關於進一步優化'\n"
        "assert match_script('加强', '進一步加強') == '加强'\n"
        "report = check_text('关于申请经费的请示\\n市政府：\\n尊敬的各位领导，我们认真落实。\\n')\n"
        "print(report.doctype.name, sorted(f.rule for f in report.findings if f.rule == 'H201'))\n")
    assert out.split() == ["请示", "['H201']"]


def _without_opencc(body: str) -> str:
    """What ``body`` prints in a fresh interpreter where ``import opencc`` fails (check_text
    imported)."""
    script = "import sys; sys.modules['opencc'] = None\nfrom wenfeng.api import check_text\n" + body
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True).stdout


def test_conversion_errors_are_reported_once_at_warning_and_repeats_as_information():
    """P916: 同誌/下麵 left by a character-by-character conversion.  The first of each wrong form
    is a warning, its repeats information (each with its fix); variants and 于 are left alone."""
    text = ("同誌們：\n下麵請市長講話。\n×××同誌在百忙中出席會議，下麵請大家發言。\n"
            "關于裡面為了盡快辦理的事。")
    found = [f for f in check_text(text).findings if f.rule == "P916"]
    assert [(text[f.start:f.end], f.level.name) for f in found] == [
        ("誌", "WARNING"), ("麵", "WARNING"), ("誌", "INFO"), ("麵", "INFO")]
    fixed, _ = fixes.apply(text, [fix for f in found for fix in f.fixes])
    assert fixed.startswith("同志們：\n下面請市長講話。\n×××同志在百忙中")


def test_without_opencc_conversion_errors_are_not_looked_for():
    out = _without_opencc(
        "report = check_text('同誌們：\\n下麵請市長講話。\\n')\n"
        "print(len([f for f in report.findings if f.rule == 'P916']))\n")
    assert out.split() == ["0"]
