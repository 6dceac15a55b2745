"""Each candidate class finds what it should and leaves alone what it should not."""

from __future__ import annotations

from trim_helpers import apply_cuts, candidates_of, wrap

from wenfeng.trim import grammar, repeats
from wenfeng.trim.sentences import split


def _classes(cuts):
    return {c.cls for c in cuts}


def test_engine_fix_becomes_a_safe_cut():
    _, cuts = candidates_of(wrap("发现的问题要及时加以解决，明确了分工。"))
    fix = [c for c in cuts if c.cls == "fix"]
    assert fix and fix[0].grade == "safe" and fix[0].replacement == "解决"
    assert fix[0].saves == 2 and fix[0].rule == "V404"


def test_unsafe_engine_fix_is_not_a_cut():
    # V403 rewrites "对……进行研究" into "研究……": offered one by one in editors, never planned
    _, cuts = candidates_of(wrap("会议对排查方案进行研究，明确了分工。"))
    assert "fix" not in _classes(cuts)


def test_no_fix_cut_where_no_rule_fires():
    _, cuts = candidates_of(wrap("发现的问题要及时解决，明确了分工。"))
    assert "fix" not in _classes(cuts)


def test_adverb_chain_keeps_the_last_adverb():
    text = wrap("各单位要切实认真抓好安全生产。")
    _, cuts = candidates_of(text)
    chain = [c for c in cuts if c.rule == "T401"]
    assert [c.before for c in chain] == ["切实"]
    assert apply_cuts(text, chain) == wrap("各单位要认真抓好安全生产。")


def test_adverb_as_adjective_is_kept():
    _, cuts = candidates_of(wrap("实施积极的财政政策。这套方案切实可行。"))
    assert "adverbs" not in _classes(cuts)


def test_further_is_kept_where_it_states_a_fact():
    _, cuts = candidates_of(wrap("消费拉动经济增长作用进一步增强。"))
    assert not cuts


def test_filler_clause_keeps_the_subject():
    text = wrap("各乡镇要统一思想，提高认识，于6月底前完成危房排查。")
    _, cuts = candidates_of(text)
    filler = [c for c in cuts if c.cls == "filler"]
    assert apply_cuts(text, filler) == wrap("各乡镇要于6月底前完成危房排查。")


def test_whole_filler_sentence_goes_with_its_full_stop():
    text = wrap("排查已经完成。要统一思想，提高认识，狠抓落实。下一步开展复查。")
    _, cuts = candidates_of(text)
    assert apply_cuts(text, [c for c in cuts if c.cls == "filler"]) == \
        wrap("排查已经完成。下一步开展复查。")


def test_significance_passage():
    # "做好这项工作……具有十分重要的意义" (the independent reviewer took all 3 sampled: 较稳妥);
    # other 意义 sentences stay 需斟酌
    text = wrap("项目拟于9月开工。做好这项工作，对于改善群众居住条件具有十分重要的意义。")
    _, cuts = candidates_of(text)
    sig = [c for c in cuts if c.cls == "significance"]
    assert len(sig) == 1 and sig[0].grade == "likely" and sig[0].rule == "T206"
    assert apply_cuts(text, sig) == wrap("项目拟于9月开工。")
    text = wrap("启动一批重大专项。这对增强自主创新能力，有着重要而深远的影响。")
    _, cuts = candidates_of(text)
    sig = [c for c in cuts if c.cls == "significance"]
    assert len(sig) == 1 and sig[0].grade == "review" and sig[0].rule == "T202"


def test_significance_sentence_that_carries_the_topic_stays():
    _, cuts = candidates_of(wrap("改善空气质量，是可持续发展的内在要求。必须标本兼治。"))
    assert "significance" not in _classes(cuts)


def test_pledge_ending():
    text = wrap("我局将按期完成建设任务，为全市高质量发展作出新的更大贡献。")
    _, cuts = candidates_of(text)
    pledges = [c for c in cuts if c.cls == "pledge"]
    # the clause (较稳妥) ranks before the whole closing sentence (需斟酌), which would lose
    # "按期完成建设任务"
    assert [c.rule for c in pledges] == ["T301", "T305"]
    assert apply_cuts(text, pledges[:1]) == wrap("我局将按期完成建设任务。")


def test_pledge_with_a_real_contribution_is_kept():
    _, cuts = candidates_of(wrap("该企业去年缴税2000万元，为地方财政作出了贡献。"))
    assert "pledge" not in _classes(cuts)


def test_repeated_statement_is_found_and_cut():
    first = "各乡镇要组织力量对辖区内的危房逐户开展排查，建立台账。"
    again = "各乡镇要组织力量对辖区危房逐户开展排查。"
    text = wrap(f"{first}排查中发现的问题要及时报告。\n排查结果报县里。{again}")
    _, cuts = candidates_of(text)
    rep = [c for c in cuts if c.cls == "repeat"]
    assert len(rep) == 1 and rep[0].before == again
    assert "意思重复" in rep[0].reason


def test_a_sentence_that_adds_a_fact_is_not_a_repeat():
    first = "各乡镇要组织力量对辖区内的危房逐户开展排查，建立台账。"
    more = "县住建局要组织专家对排查出的危房逐户开展鉴定，提出加固方案。"
    _, cuts = candidates_of(wrap(f"{first}\n排查结果报县里。{more}"))
    assert "repeat" not in _classes(cuts)


def test_repeat_measure_is_containment_of_bigrams():
    assert repeats.bigrams("统一思想") == frozenset({"统一", "一思", "思想"})
    later, earlier = repeats.bigrams("开展排查"), repeats.bigrams("全面开展排查工作")
    assert repeats.containment(later, earlier) == 1.0
    assert repeats.containment(earlier, later) < 0.5
    found = repeats.find(["各地要在汛期前完成水库大坝安全排查", "各地要在汛期前完成水库大坝排查"])
    assert [(r.index, r.earlier) for r in found] == [(1, 0)]
    assert repeats.find(["甲乙丙丁", "甲乙丙丁"]) == []  # too short to judge


def test_candidates_are_ranked_safe_first_then_by_saving():
    _, cuts = candidates_of(wrap("问题要加以解决。要统一思想，提高认识，狠抓落实。各单位要切实加强值守。"))
    ranks = [c.rank for c in cuts]
    assert ranks == sorted(ranks) and cuts[0].grade == "safe"


def test_sentences_and_clauses():
    s = split("一是统一思想，提高认识。“甲，乙”为名称；二是开展排查！")
    assert [len(x.clauses) for x in s] == [2, 2]
    assert s[1].clauses[0].end == s[1].clauses[0].start + len("“甲，乙”为名称")


def test_grammar_checks_fire_and_stay_quiet():
    cases = {
        "连续标点": ("要开展排查，建立台账。", "要开展排查，。"),
        "句首标点": ("开展排查。建立台账。", "开展排查。，建立台账。"),
        "悬空连词": ("加强排查和整改。", "加强排查和。"),
        "句首连词": ("要高度重视，并抓好排查。", "并抓好排查。"),
        "缺宾语或谓语": ("各地要抓紧排查。", "各地要。"),
        "介词短语缺谓语": ("按照考核体系，狠抓落实。", "按照考核体系。"),
    }
    for name, (before, after) in cases.items():
        assert name in grammar.new_problems(before, after), name
        assert grammar.new_problems(before, before) == []
    assert grammar.new_problems("要统一思想，开展排查。", "要开展排查。") == []
    assert grammar.new_problems("全段只讲意义。", "") == []  # a paragraph cut away entirely
