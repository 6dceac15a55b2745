"""Fixes: applying all of them gives the expected text, never overlaps, and is idempotent."""

from __future__ import annotations

from wenfeng import fixes
from wenfeng.model import Fix


def test_overlapping_fixes_first_and_longest_wins():
    text = "甲乙丙丁戊"
    chosen = fixes.select([Fix(1, 3, "X"), Fix(0, 2, "Y"), Fix(2, 4, "Z"), Fix(0, 1, "W")])
    assert [(f.start, f.end) for f in chosen] == [(0, 2), (2, 4)]
    assert fixes.apply(text, chosen)[0] == "YZ戊"


def test_touching_fixes_both_apply_and_insertions_are_single():
    assert fixes.apply("甲乙丙", [Fix(0, 1, ""), Fix(1, 2, "")])[0] == "丙"
    assert fixes.apply("甲乙", [Fix(1, 1, "A"), Fix(1, 1, "B")])[0] == "甲A乙"


def test_out_of_range_fixes_are_ignored():
    assert fixes.apply("甲乙", [Fix(1, 9, "")])[0] == "甲乙"


def test_all_safe_fixes_then_recheck_is_clean(check):
    text = ("在全市工作会议上的讲话\n尊敬的各位领导、尊敬的同志们：\n下面请尊敬的张书记讲话。\n"
            "𠀀请尊敬的李主任发言。\n")
    report = check(text)
    fixed, applied = fixes.apply(text, report.safe_fixes)
    assert len([f for f in report.findings if f.rule == "H201"]) == 4
    assert fixed == ("在全市工作会议上的讲话\n各位领导、同志们：\n下面请张书记讲话。\n"
                     "𠀀请李主任发言。\n")
    again = check(fixed)
    assert not [f for f in again.findings if f.rule == "H201"]
    # fixing is a fixpoint: the fixed text offers no further safe fix
    assert again.safe_fixes == []
    assert fixes.apply(fixed, again.safe_fixes) == (fixed, [])
