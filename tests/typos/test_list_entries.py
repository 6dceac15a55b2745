"""Every entry of the published lists (公文助手 词表, 《咬文嚼字》 十大语文差错), put in an ordinary
sentence that meets its context, must be found; and the probe rate on 公文助手's must-fix typos
and confusables must reach 95 %.

Sentences are built from the entry: ``经研究，{前接}{wrong}{后接}，请认真执行。`` (the first word
of a 前接/后接 context; none for 不前接/不后接), or a sentence below for 正则 entries.  An entry
counts as found when any finding (any level) covers the wrong form.

An entry whose wrong form an older wenfeng rule already reports (P901 布署, P924 以至 …) is left to
that rule, so the two never report one place twice.  Where the older rule is deliberately narrower
— it asks for a context, because 以至、检察、做出 are also correct words — the sentence below meets
that context; the list's broader “总是” is not applied.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from wenfeng.config import Settings
from wenfeng.proofread.data import load
from wenfeng.sources import load_text

ROOT = Path(__file__).resolve().parents[2] / "lexicons"
ENTRIES = load([ROOT]).entries


def sentence(entry) -> str | None:
    cond = entry.condition.replace("：", ":")
    head, _, rest = cond.partition(":")
    first = rest.split("|")[0] if rest else ""
    if head == "正则":
        return EXAMPLES.get(entry.id)
    before = first if head == "前接" else ""
    after = first if head == "后接" else ""
    return EXAMPLES.get(entry.id) or f"经研究，{before}{entry.wrong}{after}，请认真执行。"


# sentences for the 正则 entries (a context no template can meet)
EXAMPLES = {
    "SYN-003": "全面推行权利清单制度。",
    "SYN-006": "根据工作须要，决定调整分工。",
    "SYN-014": "截止目前，全市已完成投资的80%。",
    "SYN-026": "违约方应当按照订金罚则承担责任。",
    "GRM-001": "通过开展专项整治，使营商环境明显改善。",
    "GRM-002": "由于资金投入不足，使项目进度滞后。",
    "GRM-003": "参会人数超过300人以上。",
    "GRM-004": "项目总投资大约5000万元左右。",
    "GRM-005": "审批时间减少2倍。",
    "GRM-006": "事故原因是由于安全管理缺位造成的。",
    "YWJZ-2006-1": "神州十一号飞船顺利返回。",
    "COL-005": "农村基础实施还比较薄弱。",
    "COL-006": "部分群众对收费标准颇有微言。",
    "NRM-001": "全县新增一批4a级旅游景区。",
    "NRM-002": "全村共有12村民小组、718户。",
    "NRM-003": "根据《省人民政府办公关于印发实施办法的通知》要求。",
    "WRD-001": "为全县人民创建一个高标准、高品味的人居环境。",
    "WRD-002": "来信请寄县人民政府督查室，邮政：051530，信封注明“实事征集”。",
    "WRD-004": "我乡一直来基础差、底子薄。",
    "WRD-005": "会议期间请关闭手机或将手机调至震动状态。",
    "WRD-006": "基础工程已通过质检部门到现场堪验。",
    "WRD-007": "现对建设情况进行自查，现将情况报如下：一是组织落实到位。",
    "WRD-009": "目前，全镇汛抗旱暨秸秆禁烧工作稳步推进。",
    "WRD-010": "全面完成滨湖路全长近10公里征地拆迁防线工作。",
    "WRD-011": "郭集社区村级活动场所1个、中单村村级活动所1个。",
    "WRD-012": "姜刘村村级活动场1个，凡寨村村级活动场所1个。",
    # entries an older, narrower rule reports: a sentence in that rule's context
    "SYN-001": "市政府做出了重要部署。",
    "SYN-002": "抓紧制订配套政策。",
    "SYN-004": "群众反应的问题要及时办理。",
    "SYN-005": "监管不到位，以至造成重大损失。",
    "SYN-007": "自即日起起用新印章。",
    "SYN-008": "要定期检察安全隐患。",
    "SYN-011": "各地要竖立先进典型。",
    "SYN-019": "组织部门要全面考查干部的德才表现。",
    "SYN-020": "设置两年过度期。",
    "TYP-026": "新办公楼既将竣工。",
    "TYP-067": "进一步精减会议和文件。",
    "FML-005": "以上意见妥否。",
}


def span(entry, text: str) -> tuple[int, int]:
    if entry.condition.startswith("正则"):
        m = re.search(entry.condition.partition(":")[2], text)
        return m.span() if m else (0, 0)
    at = text.find(entry.wrong)
    return (at, at + len(entry.wrong)) if at >= 0 else (0, 0)


ENGINE_OFF = Settings(rules={f"P{n}": False for n in range(906, 914)})


def found(engine, entry, text: str, settings: Settings = Settings()) -> bool:
    """Some finding covers the entry — by the rule named in ``covered_by`` when there is one."""
    start, end = span(entry, text)
    report = engine.check(load_text(text), settings)
    return end > start and any(f.start < end and f.end > start
                               and (not entry.covered_by or f.rule == entry.covered_by)
                               for f in report.findings)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.enabled], ids=lambda e: e.id)
def test_every_list_entry_is_found(engine, entry):
    text = sentence(entry)
    assert text, f"{entry.id} needs an example sentence"
    assert found(engine, entry, text), f"{entry.id} “{entry.wrong}” not found in: {text}"


def test_gongwen_probe_rate(engine, capsys):
    """公文助手's must-fix typos (TYP-, 必错) and confusables (SYN-): ≥ 95 % found."""
    groups = {"必错错别字": [e for e in ENTRIES if e.id.startswith("TYP-")],
              "近义混淆": [e for e in ENTRIES if e.id.startswith("SYN-")]}
    for name, entries in groups.items():
        hits = [e for e in entries if found(engine, e, sentence(e))]
        before = [e for e in entries if found(engine, e, sentence(e), ENGINE_OFF)]
        rate = len(hits) / len(entries)
        with capsys.disabled():
            print(f"\n公文助手 {name}: {len(hits)}/{len(entries)} = {rate:.0%} "
                  f"(older rules alone, P906–P913 off: {len(before)}/{len(entries)})",
                  file=sys.stderr)
        assert rate >= 0.95, [e.wrong for e in entries if e not in hits]


# correct uses of a 近义混淆 pair's wrong word (both words are real): no finding on them
@pytest.mark.parametrize("text", [
    "坚持权利平等、机会平等、规则平等，保障人民的民主权利和农民的财产权利。",
    "加强社会主义民主法制建设，深入开展法制宣传教育。",
    "绝不允许弄虚作假，绝不能搞劳民伤财的形象工程。",
    "须要指出的是，我们的工作还存在不少困难和问题。",
    "人民法院依法中止审理。",
    "新华社受权发布。",
    "教材由专家审订后出版。",
    "其间，我们克服了许多困难。",
    "消费者交付的订金可以退还。",
    "侦查人员依法收集证据，对违犯纪律的党员依规处理。",
])
def test_confusable_words_in_their_right_use_stay_silent(engine, text):
    report = engine.check(load_text(text), Settings())
    assert [f for f in report.findings if f.rule == "P907"] == []


def test_narrowed_or_switched_off_pairs_say_why(engine):
    """A pair whose published condition was narrowed, or that is switched off although its
    group ships on, keeps the published condition and gives the reason in the data."""
    import tomllib

    # words an older rule judges in its own context (以至 → P924): the list leaves them to it
    judged = {e.get("term") or e.get("find") for r in engine.lexicon.rules.values()
              if r.kind != "typo" for e in (r.params.get("entries") or ()) if isinstance(e, dict)}
    for path in sorted(ROOT.glob("typos/*.toml")):
        for raw in tomllib.loads(path.read_text(encoding="utf-8")).get("entry", []):
            changed = "published_condition" in raw or "published_level" in raw or (
                raw.get("enabled") is False and raw.get("group") == "近义混淆")
            if changed:
                assert raw.get("why"), f"{path.name} {raw['id']}"
            if raw.get("group") == "近义混淆" and raw.get("enabled", True) and not (
                    raw.get("covered_by") or raw["wrong"] in judged):
                # both words are real words: a bare 总是 fires on every correct use
                assert raw.get("condition", "总是") != "总是", f"{path.name} {raw['id']}"


def test_switched_off_group_stays_off(engine):
    """The 套话虚词 group ships switched off in 公文助手 and stays off here."""
    entry = next(e for e in ENTRIES if e.id == "CLI-011")
    assert not entry.enabled
    assert not found(engine, entry, sentence(entry))


def gf1001_entries() -> list[str]:
    from wenfeng.rules.engine import get_engine

    rule = get_engine().explain("P903")
    return [e["find"] for e in rule.params["entries"] if set(e) <= {"find", "replace", "source", "note"}]


@pytest.mark.parametrize("template", ["经研究，{}，请各单位认真执行。", "各单位要把{}的情况报来。"])
def test_every_gf1001_variant_is_found(engine, template):
    """《第一批异形词整理表》（GF 1001-2001）: each non-recommended form (P903) in an ordinary
    sentence — also where jieba could glue its last character to the next word.

    The sentences hold at least ten other Han characters: in a shorter one a single variant
    character such as 覆 is a tenth of the text, and the paragraph is read as traditional
    script and converted (wenfeng.traditional), so 答覆 would not be seen."""
    missed = []
    for wrong in gf1001_entries():
        text = template.format(wrong)
        at = text.index(wrong)
        report = engine.check(load_text(text), Settings())
        if not any(f.start < at + len(wrong) and f.end > at for f in report.findings):
            missed.append(wrong)
    assert not missed, missed
