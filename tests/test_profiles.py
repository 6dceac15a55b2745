"""Limit profiles load, every limit cites its source, and limits mark the text past them."""

from __future__ import annotations

import pytest

from wenfeng.config import Settings
from wenfeng.model import Level
from wenfeng.rules.examples import expand_example


def test_profiles_and_their_sources(engine):
    profiles = engine.lexicon.profiles
    assert {"jingzhou-2019", "central-2024", "central-2019", "guoban-2007", "shenzhen-2007"} <= set(profiles)
    for profile in profiles.values():
        assert profile.source
        for metrics in profile.limits.values():
            for limit in metrics.values():
                assert limit.source.strip()


def test_default_profile_matches_the_design(engine):
    p = engine.lexicon.profiles["jingzhou-2019"].limits
    assert (p["请示"]["words"].general, p["请示"]["words"].maximum) == (1500, 2000)
    assert p["综合性报告"]["words"].general == 4500
    assert p["专项报告"]["words"].general == 2500
    assert p["简报"]["words"].general == 2000
    assert (p["汇报材料"]["words"].general, p["汇报材料"]["minutes"].general) == (2000, 8)
    assert (p["政策性文件"]["pages"].general, p["政策性文件"]["pages"].maximum) == (8, 10)
    assert p["讲话"]["minutes"].general == 40
    assert p["主持词"]["minutes"].general == 10


def _request(n_words: int) -> str:
    return "关于申请经费的请示\n市政府：\n" + "经" * n_words + "\n"


@pytest.mark.parametrize("n, levels", [(1500, []), (1501, [Level.WARNING]), (2000, [Level.WARNING]),
                                       (2001, [Level.WARNING, Level.ERROR])])
def test_request_thresholds(check, n, levels):
    report = check(_request(n))
    assert [f.level for f in report.findings if f.rule == "L101"] == levels


def test_limit_span_starts_at_first_character_past_the_limit(check):
    text = _request(1732)
    report = check(text)
    warning = [f for f in report.findings if f.rule == "L101"][0]
    body_start = text.index("：\n") + 2
    assert warning.start == body_start + 1500
    assert warning.end == body_start + 1732
    assert warning.message.startswith("请示正文 1,732 字，超出一般限额 1,500 字 232 字")
    assert warning.document_level


def test_error_span_past_maximum_and_overrides(check):
    text = _request(2100)
    report = check(text)
    warning, error = [f for f in report.findings if f.rule == "L101"]
    start = text.index("：\n") + 2
    assert (warning.start, warning.end) == (start + 1500, start + 2000)
    assert (error.start, error.end, error.level) == (start + 2000, start + 2100, Level.ERROR)
    from wenfeng.config import layer, parse_partial

    settings = layer(Settings(), parse_partial({"limits": {"请示": {"words": {"general": 3000}}}},
                                               origin="t"))
    relaxed = check(text, settings=settings)
    # the user's 一般 3,000 wins; the inherited 最多 2,000 would contradict it and is dropped
    assert [f.level for f in relaxed.findings if f.rule == "L101"] == []
    settings = layer(Settings(), parse_partial({"limits": {"请示": {"words": {"maximum": 2500}}}},
                                               origin="t"))
    stricter = check(text, settings=settings)  # 一般 1,500 inherited, 最多 2,500 from the user
    assert [f.level for f in stricter.findings if f.rule == "L101"] == [Level.WARNING]


def test_speech_minutes_and_policy_pages(check):
    speech = check("在全市工作会议上的讲话\n同志们：\n" + "讲" * 8200 + "\n")
    l103 = [f for f in speech.findings if f.rule == "L103"]
    assert l103 and "41 分钟" in l103[0].message
    policy = check(expand_example("关于印发《某市就业若干措施》的通知\n各区县：\n{filler:6000}"))
    assert policy.doctype.name == "政策性文件"
    assert {f.rule for f in policy.findings if f.group == "L"} == {"L102"}
