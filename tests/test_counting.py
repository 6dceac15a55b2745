"""The counting convention, pinned with hand-counted strings (README "字数怎么算")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wenfeng.metrics import counting


@pytest.mark.parametrize("text, words, han, chars", [
    # Han and full-width punctuation: 1 each
    ("妥否，请批示。", 7, 5, 7),
    # half-width runs count 1 each: 2024 / GDP / 5.2%
    ("2024年，全市GDP增长5.2%。", 10, 5, 18),
    # Chinese quotes and dashes are runs of non-East-Asian characters (one unit per run)
    ("要“高度重视”，抓好落实——确保实效……", 18, 13, 20),
    # numbering "1." is a run; spaces count 0
    ("附件：1. 2024年工作要点", 10, 7, 14),
    # characters outside the BMP (CJK Ext-B) are Han characters
    ("𠀀𠀀尊敬的", 5, 5, 5),
    # U+3000 ideographic space and tabs are whitespace: 0, and they split runs
    ("\u3000\u3000第一\tABC def", 4, 2, 8),
    # full-width digits and letters count one each
    ("１２３ＡＢ", 5, 0, 5),
    # mixed Latin inside Han: each Latin run 1
    ("使用APP和QQ工作群", 8, 6, 11),
    ("", 0, 0, 0),
    ("   \n\t", 0, 0, 0),
])
def test_word_han_chars(text, words, han, chars):
    assert counting.word_count(text) == words
    assert counting.han_count(text) == han
    assert counting.chars_no_spaces(text) == chars


def test_units_are_in_order_and_cover_counted_text():
    text = "2024年GDP增长5.2%。"
    units = list(counting.word_units(text))
    assert [text[s:e] for s, e in units] == ["2024", "年", "GDP", "增", "长", "5.2%", "。"]


def test_counts_cover_body_only(check):
    report = check("关于申请经费的请示\n市政府：\n请予支持。\n附件：经费测算表\nXX局\n2025年1月6日")
    # only "请予支持。" is 正文: title, 主送, 附件说明, 署名 and 日期 are not counted
    assert report.counts.words == 5
    assert report.counts.paragraphs == 1


def test_counts_invariant_to_line_endings(check):
    text = "关于经费的请示\n市政府：\n一、基本情况\n今年，全市GDP增长5.2%。\n妥否，请批示。\n"
    a = check(text).counts
    b = check(text.replace("\n", "\r\n")).counts
    c = check(text.replace("\n", "\r")).counts
    assert a == b == c


def test_pages_on_gbt9704_grid():
    # one 560-字 paragraph: ceil((2 + 560) / 28) = 21 lines → 1 page; two of them → 2 pages
    from wenfeng.sources import load_text

    para = "经" * 560
    one = load_text(f"关于工作的报告\n{para}")
    two = load_text(f"关于工作的报告\n{para}\n{para}")
    assert counting.page_count(one) == 1
    assert counting.page_count(two) == 2


def test_minutes_at_rate(check):
    report = check("在会议上的讲话\n同志们：\n" + "讲" * 2000 + "。")
    assert report.counts.rate == 200
    assert report.counts.minutes == 10.0


def test_spoken_syllables_read_numbers():
    assert counting.syllables("2024年") == 5
    assert counting.syllables("增长5.2%") == 2 + 2 + 3


_MIXED = st.text(alphabet=st.one_of(
    st.characters(max_codepoint=0x33FF), st.characters(min_codepoint=0xFF00, max_codepoint=0xFF70),
    st.sampled_from("汉字〇，。“”——…%％ \u3000\t\u200b\ufeff𠀀😀"),), max_size=80)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_one_pass_figures_equal_the_five_counts(text):
    """``figures`` counts in one pass what the five per-figure functions count one by one."""
    from wenfeng.chars import cells
    from wenfeng.metrics.counting import (
        _all_figures,
        chars_no_spaces,
        han_count,
        syllables,
        word_count,
    )

    assert _all_figures(text) == (word_count(text), han_count(text), chars_no_spaces(text),
                                  syllables(text), cells(text))


def test_total_lines_is_the_last_figure_of_the_line_budget():
    """Pages are counted from :func:`total_lines` (body paragraphs summed in one go); it must
    agree with the block-by-block budget on every kind of layout: 版头, title, addressee,
    headings, attachments, signature and date, notes, and documents of META lines only."""
    import random

    from wenfeng.metrics.counting import line_budget, total_lines
    from wenfeng.sources import load_text

    lines = ["XX市人民政府文件", "X政发〔2024〕1号", "关于做好防汛工作的通知", "各区县人民政府：",
             "一、总体要求", "（一）加强领导。" + "全市各级各部门认真落实年度目标任务。" * 9,
             "全市各级各部门认真落实年度目标任务。", "附件：1.应急预案", "2.责任清单",
             "XX市人民政府", "2024年3月15日", "（此件公开发布）", "抄送：市委办公室。",
             "x" * 5000, "的" * 4200]
    rng = random.Random(5)
    for _ in range(200):
        text = "\n".join(rng.choice(lines) for _ in range(rng.randrange(0, 12)))
        document = load_text(text)
        budget = line_budget(document)
        assert total_lines(document) == (budget[-1][1] if budget else 0), text
