"""Which paragraphs a rule looks at: 版头/期号 lines (META) only for rules that name them."""

from __future__ import annotations

from wenfeng.api import check_text
from wenfeng.model import BlockKind

BRIEFING = ("防汛工作简报\n第5期\n县防汛抗旱指挥部办公室 2023年6月7\n全县开展汛前隐患排查\n"
            "近日，县防汛抗旱指挥部组织各乡镇开展汛前隐患排查。\n")


def test_a_rule_naming_meta_sees_the_header_line():
    report = check_text(BRIEFING)
    header = report.document.blocks[2]
    assert header.kind is BlockKind.META
    hits = [f for f in report.findings if f.rule == "N785"]
    assert [report.document.text[f.start:f.end] for f in hits] == ["2023年6月7"]
    assert header.start <= hits[0].start < header.end


def test_rules_that_do_not_name_meta_leave_header_lines_alone():
    # “尊敬的” in a 版头 line is not the body's form of address (H201 looks at body lines only)
    text = BRIEFING.replace("县防汛抗旱指挥部办公室 2023年6月7", "尊敬的县防汛抗旱指挥部办公室 2023年6月7日")
    report = check_text(text)
    assert report.document.blocks[2].kind is BlockKind.META
    assert not [f for f in report.findings if f.rule in ("H201", "N785")]
