"""The plan on the 40 over-limit drafts: exact counts, never-cut content, well-formed results."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from trim_helpers import DRAFTS, check_text, long_report, plan_trim, wrap

from wenfeng.model import BlockKind
from wenfeng.rules.checks.request import ANY_REQUEST
from wenfeng.rules.matching import normalize
from wenfeng.trim import TrimError, choose, grammar
from wenfeng.trim.sentences import split

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PLANS = {}


def _plan(path: Path):
    if path not in PLANS:
        report = check_text(path.read_text(encoding="utf-8"), path=str(path))
        PLANS[path] = (report, plan_trim(report))
    return PLANS[path]


def test_there_are_at_least_30_over_limit_drafts():
    assert len(DRAFTS) >= 30
    for path in DRAFTS:
        report, plan = _plan(path)
        assert report.doctype.name in ("请示", "专项报告")
        assert plan.needed, path.name
        assert 1600 <= plan.before <= 2800, path.name


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_predicted_count_equals_a_recount_of_the_result(path):
    report, plan = _plan(path)
    again = check_text(plan.apply(report.document.text), path=str(path))
    assert again.counts.words == plan.after
    assert plan.saved == sum(c.saves for c in plan.cuts) or plan.saved > 0


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_never_cut(path):
    """Numbers, headings, titles, 落款 and the request of a 请示 come through untouched."""
    report, plan = _plan(path)
    doc = report.document
    for cut in plan.cuts:
        assert not re.search(r"[0-9０-９%％]", cut.before), cut
        block = next(b for b in doc.blocks if b.index == cut.block)
        assert block.kind is BlockKind.BODY
    after = check_text(plan.apply(doc.text), path=str(path)).document
    kept = [BlockKind.TITLE, BlockKind.HEADING, BlockKind.ADDRESSEE, BlockKind.SIGNATURE,
            BlockKind.DATE]
    assert [b.text for b in doc.blocks if b.kind in kept] == \
        [b.text for b in after.blocks if b.kind in kept]
    numbers = re.compile(r"\d+(?:\.\d+)?")
    assert numbers.findall(doc.text) == numbers.findall(after.text)
    if report.doctype.name == "请示":
        requests = [s for b in doc.body_blocks for s in _sentences(b.text) if ANY_REQUEST.search(s)]
        assert requests and all(s in after.text for s in requests)


def _sentences(text):
    norm = normalize(text)
    return [text[s.start:s.end] for s in split(norm)]


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_every_trimmed_paragraph_is_well_formed(path):
    report, plan = _plan(path)
    before = {b.index: b.text for b in report.document.body_blocks}
    after = check_text(plan.apply(report.document.text), path=str(path)).document
    touched = {c.block for c in plan.cuts}
    old = [before[i] for i in sorted(touched)]
    # match each touched paragraph to its result by order: cuts never add or merge paragraphs
    new_texts = [b.text for b in after.body_blocks]
    for text in old:
        result = next((t for t in new_texts if t not in before.values()), None)
        if result is None:  # the paragraph was cut away entirely
            continue
        new_texts.remove(result)
        assert grammar.new_problems(text, result) == [], (text, result)
        assert not re.search(r"[，；、：][，；。！？]|^[，；。]", result)


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_edits_are_ordered_and_disjoint(path):
    report, plan = _plan(path)
    last = -1
    for start, end, new in plan.edits:
        assert last <= start <= end <= len(report.document.text)
        last = end
    assert [c.start for c in plan.cuts] == sorted(c.start for c in plan.cuts)
    assert set(plan.cuts) <= set(plan.candidates)


def test_plan_reaches_the_limit_and_says_so():
    text = long_report("各单位要统一思想，提高认识，精心组织，周密部署，按期完成排查，逐户建立台账。", 70)
    report = check_text(text)
    plan = plan_trim(report)
    assert plan.needed and plan.reaches and plan.after <= 2500 < plan.before
    assert plan.summary == f"精简到限额以内：{len(plan.cuts)} 处，减少 {plan.saved} 字"
    assert plan.headline == f"采纳这 {len(plan.cuts)} 处 → {plan.after:,} 字（一般限额 2,500 字以内）"
    # it stops once the limit is reached: not every candidate is taken
    assert len(plan.cuts) < len(plan.candidates)


def test_plan_that_falls_short_names_the_largest_part():
    part = "县住建局已于5月完成全县1200户危房的鉴定，其中C级312户、D级86户，拨付改造资金960万元。"
    body = ("一、排查情况\n" + "\n".join([part] * 8) + "\n二、改造进展\n" + "\n".join([part] * 70)
            + "\n三、下一步安排\n要切实加强督查。\n特此报告。")
    report = check_text(wrap(body))
    plan = plan_trim(report)
    assert plan.needed and not plan.reaches and plan.remaining == plan.after - 2500
    assert "建议压缩第二部分（二、改造进展" in plan.advice
    assert plan.headline.endswith(plan.advice) and f"仍超出一般限额 {plan.remaining:,} 字" in plan.headline
    assert f"（仍超出 {plan.remaining} 字）" in plan.summary


def test_within_the_limit_nothing_to_do():
    report = check_text(wrap("要统一思想，提高认识，完成排查。\n特此报告。"))
    plan = plan_trim(report)
    assert not plan.needed and plan.cuts == () and plan.edits == () and plan.summary == ""
    assert "无需精简" in plan.headline


def test_maximum_target_uses_the_maximum_limit():
    text = "关于申请经费的请示\n\n市人民政府：\n" + "\n".join(
        ["各乡镇要统一思想，提高认识，按期完成排查，逐户建立台账，做到底数清楚。"] * 60) + "\n妥否，请批示。\n"
    report = check_text(text)
    assert 2000 < report.counts.words
    plan = plan_trim(report, "maximum")
    assert plan.limit == 2000 and plan.reaches
    with pytest.raises(TrimError):
        plan_trim(report, "everything")


def test_no_word_limit_is_an_error():
    report = check_text("全市安全生产工作会议讲话\n同志们：\n要统一思想。\n")
    with pytest.raises(TrimError) as info:
        plan_trim(report)
    assert "没有" in str(info.value)


def test_a_paragraph_cut_away_takes_its_line():
    text = long_report("各乡镇要按期完成排查，逐户建立台账，做到底数清楚，问题整改到位。", 90)
    text = text.replace("特此报告。", "要统一思想，提高认识，狠抓落实。\n特此报告。")
    report = check_text(text)
    plan = plan_trim(report)
    applied = plan.apply(report.document.text)
    assert "狠抓落实" not in applied and "\n\n\n" not in applied
    assert check_text(applied).counts.words == plan.after


def test_markdown_offsets_round_trip():
    body = "\n\n".join(["各乡镇要**统一思想**，提高认识，按期完成排查，逐户建立台账，做到底数清楚。"] * 90)
    text = "# 关于排查工作情况的报告\n\n市人民政府：\n\n" + body + "\n\n特此报告。\n"
    report = check_text(text, fmt="md")
    plan = plan_trim(report)
    applied = plan.apply(report.document.text)
    assert "**" in applied  # markup is never eaten: cuts on contiguous text only
    assert check_text(applied, fmt="md").counts.words == plan.after


def test_judged_sample_matches_the_drafts():
    judged = tomllib.loads((Path(__file__).parent / "judged.toml").read_text(encoding="utf-8"))
    cuts = judged["cuts"]
    assert len(cuts) >= 100
    for entry in cuts:
        text = (Path(__file__).parent / "drafts" / entry["draft"]).read_text(encoding="utf-8")
        assert text[entry["start"]:entry["end"]] == entry["cut"]
        assert isinstance(entry["accept"], bool) and entry["reason"]


@pytest.mark.parametrize("path", DRAFTS[:12], ids=lambda p: p.name)
def test_a_checklist_subset_counts_and_applies_exactly(path):
    """``choose``: the cuts a drafter ticked, with their own edits and an exact 字数."""
    report, plan = _plan(path)
    assert choose(report, plan, range(len(plan.cuts))) == plan
    every_other = list(range(0, len(plan.cuts), 2))
    narrowed = choose(report, plan, every_other)
    assert narrowed.cuts == tuple(plan.cuts[n] for n in every_other)
    again = check_text(narrowed.apply(report.document.text), path=str(path))
    assert again.counts.words == narrowed.after
    assert narrowed.before == plan.before and narrowed.after >= plan.after
    covered = sorted(n for group in narrowed.edit_cuts for n in group)
    assert covered == list(range(len(narrowed.cuts)))
    assert len(narrowed.edit_cuts) == len(narrowed.edits)


def test_a_paragraph_cut_whole_is_one_edit_carrying_its_cuts():
    text = wrap("今年完成投资3亿元。\n做好这项工作，对于改善群众居住条件具有十分重要的意义。\n"
                + "\n".join(["各乡镇已按期完成排查，逐户建立台账，底数清楚。"] * 110) + "\n特此报告。")
    report = check_text(text)
    plan = plan_trim(report)
    whole = [(edit, group) for edit, group in zip(plan.edits, plan.edit_cuts)
             if edit[2] == "" and report.document.text[edit[0]:edit[1]].endswith("\n")]
    assert whole, plan.edits
    for (start, end, _), group in whole:
        assert all(start <= plan.cuts[n].start and plan.cuts[n].end <= end for n in group)
