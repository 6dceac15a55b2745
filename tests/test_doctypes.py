"""文种 detection from titles and content cues, and the precedence of explicit choices."""

from __future__ import annotations

import pytest

from wenfeng.config import Settings
from wenfeng.doctypes import ALIASES, CATALOGUE, NAMES, canonical, decide
from wenfeng.model import UNKNOWN_DOCTYPE
from wenfeng.sources import load_text


@pytest.mark.parametrize("title, expected", [
    ("关于申请专项经费的请示", "请示"),
    ("关于2024年工作情况的报告", "综合性报告"),
    ("XX市人民政府2024年度工作总结报告", "综合性报告"),
    ("关于防汛物资储备情况的报告", "专项报告"),
    ("关于开展安全生产大检查的通知", "通知"),
    ("关于印发《XX市促进就业若干措施》的通知", "政策性文件"),
    ("XX市优化营商环境实施办法（试行）", "政策性文件"),
    ("关于表彰先进集体的通报", "通报"),
    ("关于加快发展现代农业的意见", "意见"),
    ("关于同意设立XX开发区的批复", "批复"),
    ("关于商请支持XX工作的函", "函"),
    ("市政府第十次常务会议纪要", "纪要"),
    ("在全市经济工作会议上的讲话", "讲话"),
    ("全市安全生产工作会议主持词", "主持词"),
    ("关于XX项目推进情况的汇报", "汇报材料"),
    ("XX市人民政府公告", "公告"),
    ("关于禁止燃放烟花爆竹的通告", "通告"),
    ("XX市人民代表大会常务委员会关于XX的决定", "决定"),
])
def test_title_detection(title, expected):
    doc = load_text(f"{title}\n各单位：\n正文内容。\n")
    assert decide(doc).name == expected


def test_briefing_from_issue_line():
    doc = load_text("工作简报\n第5期\nXX市政府办公室编  2025年1月6日\n本期要目\n正文。")
    assert decide(doc).name == "简报"


@pytest.mark.parametrize("body, expected", [
    ("为做好工作，特申请经费。\n妥否，请批示。", "请示"),
    ("同志们：\n今天我们召开会议。", "讲话"),
    ("现在开会。\n下面，请张市长讲话。", "主持词"),
])
def test_content_cues_when_title_is_silent(body, expected):
    doc = load_text(f"有关事项\n{body}\n")
    assert decide(doc).name == expected


def test_unrecognised_means_no_limit(check):
    report = check("随便写几句\n今天天气很好。\n" + "好" * 5000)
    assert report.doctype.name == "未识别" and not report.doctype.recognised
    assert report.limits == ()
    assert not [f for f in report.findings if f.group == "L"]


def test_explicit_beats_config_beats_marker_beats_title():
    doc = load_text("文种：讲话\n关于经费的请示\n市政府：\n请支持。")
    assert decide(doc).name == "讲话" and decide(doc).how == "marker"
    assert decide(doc, configured="简报").name == "简报"
    assert decide(doc, explicit="主持词", configured="简报").name == "主持词"
    assert decide(doc, explicit="主持词").detected == "请示"


def test_per_file_mapping_in_settings(tmp_path):
    settings = Settings(files=(("请示*.txt", "请示"), ("*.md", "讲话")))
    assert settings.doctype_for(str(tmp_path / "请示-1.txt")) == "请示"
    assert settings.doctype_for(str(tmp_path / "x.md")) == "讲话"
    assert settings.doctype_for(str(tmp_path / "x.txt")) is None


def test_aliases_and_unknown_names():
    assert canonical("报告") == "专项报告"
    assert canonical("讲话稿") == "讲话"
    assert canonical("自动") == ""
    with pytest.raises(ValueError, match="未知文种"):
        canonical("情书")
    # every alias names a catalogue entry (or automatic / 未识别)
    assert all(canonical(alias) in (*NAMES, "", UNKNOWN_DOCTYPE) for alias in ALIASES)


def test_catalogue_covers_the_15_statutory_types():
    """《党政机关公文处理工作条例》第八条 lists 15 types; each is a catalogue 文种 or the form of one."""
    statutory = {"决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报", "报告",
                 "请示", "批复", "议案", "函", "纪要"}
    assert {d.statutory for d in CATALOGUE if d.statutory} == statutory
    assert len(set(NAMES)) == len(NAMES)
