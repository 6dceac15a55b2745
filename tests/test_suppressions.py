"""Inline suppression comments in .md drafts (wenfeng.sources.suppressions): which findings
they hide, that a typo hides nothing, and that they never reach the counted text."""

from __future__ import annotations

from wenfeng.api import check_text

HEAD = "# 关于申请专项经费的请示\n\n市政府：\n\n"
TAIL = "\n妥否，请批示。\n"
A = "为加强管理，尊敬的各位领导，我们认真落实。\n"  # H201 (尊敬的) and S301-style words
B = "尊敬的同志们，请予支持。\n"
C = "尊敬的各位来宾，请予支持。\n"


def h201_lines(text: str) -> list[int]:
    report = check_text(text, fmt="md")
    return sorted(text.count("\n", 0, f.start) + 1 for f in report.findings if f.rule == "H201")


def md(*parts: str) -> str:
    return HEAD + "\n".join(parts) + TAIL


def test_without_comments_every_honorific_is_reported():
    assert h201_lines(md(A, B, C)) == [5, 7, 9]


def test_next_line_skips_blank_lines_and_takes_ids_groups_or_nothing():
    for selector in ("H201", "H", "", "S301, H201", "h201 -- 经领导同意保留"):
        text = md(f"<!-- wenfeng-disable-next-line {selector} -->\n", A, B)
        assert h201_lines(text) == [9], selector
    assert h201_lines(md("<!-- wenfeng-disable-next-line S301 -->", A, B)) == [6, 8]


def test_the_line_form_covers_the_line_it_is_on():
    text = md(A, B.rstrip("\n") + "<!-- wenfeng-disable-line H201 -->\n", C)
    assert h201_lines(text) == [5, 9]


def test_ranges_end_at_enable_or_at_the_end_of_the_draft():
    text = md("<!-- wenfeng-disable H201 -->\n", A, B, "<!-- wenfeng-enable -->\n", C)
    assert h201_lines(text) == [13]
    assert h201_lines(md(A, "<!-- wenfeng-disable -->\n", B, C)) == [5]
    # enable with ids takes those out; a range for every rule needs a bare enable
    text = md("<!-- wenfeng-disable H201 S301 -->\n", A, "<!-- wenfeng-enable H201 -->\n", B)
    assert h201_lines(text) == [11]
    text = md("<!-- wenfeng-disable -->\n", A, "<!-- wenfeng-enable H201 -->\n", B)
    assert h201_lines(text) == []


def test_a_typo_or_prose_in_the_list_suppresses_nothing():
    for comment in ("<!-- wenfeng-disable-next-line H2O1 -->", "<!-- wenfeng-disable-next-line 尊敬的 -->",
                    "<!-- wenfeng-disabled -->", "<!-- wenfeng disable-next-line -->"):
        assert h201_lines(md(comment + "\n", A)) == [7], comment


def test_code_is_not_an_instruction():
    fenced = md("```\n<!-- wenfeng-disable -->\n```\n", A)
    assert h201_lines(fenced) == [9]
    inline = md("写法：`<!-- wenfeng-disable-line -->`，尊敬的同志们。\n")
    assert h201_lines(inline) == [5]


def test_comments_never_reach_the_counted_text():
    plain = check_text(md(A, B, C), fmt="md")
    commented = check_text(md("<!-- wenfeng-disable H -->\n", A,
                              B.rstrip("\n") + "<!-- wenfeng-disable-line -->\n",
                              "<!-- wenfeng-enable -->\n", C), fmt="md")
    assert commented.counts == plain.counts
    assert [b.text for b in commented.document.body_blocks] == \
        [b.text for b in plain.document.body_blocks]


def test_check_and_fix_honour_them_on_the_command_line(tmp_path, run_cli):
    draft = tmp_path / "请示.md"
    draft.write_text(md("<!-- wenfeng-disable-next-line H201 -->\n", A, B), encoding="utf-8")
    code, out, _ = run_cli("check", str(draft))
    assert [line.split(":")[1] for line in out.splitlines() if " H201 " in line] == ["9"]
    run_cli("check", str(draft), "--fix")
    fixed = draft.read_text(encoding="utf-8")
    assert "尊敬的各位领导" in fixed and "尊敬的同志们" not in fixed


def test_in_plain_text_a_comment_is_text():
    """.txt has no comments: what is written there is part of the draft and is counted."""
    text = "关于申请专项经费的请示\n市政府：\n<!-- wenfeng-disable -->\n" + A
    report = check_text(text)
    assert [f.rule for f in report.findings if f.rule == "H201"] == ["H201"]
