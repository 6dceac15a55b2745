"""Properties of the core over hostile random drafts (hypothesis).

Whatever the text — rare Han, emoji, combining marks, control characters, lone surrogates, every
line-break style, empty and huge paragraphs, markdown markup — the engine returns a report; every
span and fix lies inside the text; selected fixes never overlap; applying every safe fix and
re-checking does not bring the same fixes back and never merges or splits paragraphs; counts and
findings do not depend on the line-ending style.  Example counts: see ``_fuzz.py``.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wenfeng import fixes as fixes_mod
from wenfeng.config import Settings
from wenfeng.errors import InputError
from wenfeng.files import encode_text
from wenfeng.model import Fix
from wenfeng.sources import load_path, load_text
from wenfeng.sources.text import LINE_BREAK_RE

from . import _fuzz
from .strategies import LINE_BREAKS, MD_LINE_BREAKS, documents, lines

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SETTINGS = Settings()


@pytest.fixture(scope="module")
def engine():
    from wenfeng.rules.engine import get_engine

    return get_engine()


def _check(engine, text: str, fmt: str):
    return engine.check(load_text(text, fmt=fmt), SETTINGS)


def _assert_report_sane(report, text: str, fmt: str) -> None:
    n = len(text)
    doc = report.document
    assert doc.text == text
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= n
        assert block.text, "a block is never empty"
        # every content character maps to the same character in the source
        for i, ch in enumerate(block.text):
            j = block.to_source(i)
            assert 0 <= j < n and text[j] == ch, (block, i)
        assert not LINE_BREAK_RE.search(block.text) or fmt == "md"
    for f in report.findings:
        assert 0 <= f.start <= f.end <= n, f
        assert f.message and f.rule
        found = f.data.get("found", "\n")
        if fmt == "txt" and not f.document_level and not LINE_BREAK_RE.search(found):
            # the span is where the found text is (a fix may also take the space after it)
            assert text[f.start:f.end].strip() == found.strip(), f
        for fix in f.fixes:
            assert 0 <= fix.start <= fix.end <= n, fix
            assert not LINE_BREAK_RE.search(text[fix.start:fix.end]), "a fix never eats a line end"
    counts = report.counts
    assert counts.words >= 0 and counts.han <= counts.chars_no_spaces
    assert counts.paragraphs <= len(doc.blocks)


def _assert_no_overlap(chosen: list[Fix]) -> None:
    for a, b in zip(chosen, chosen[1:]):
        assert a.start <= b.start
        assert a.end <= b.start, (a, b)
        assert not (a.start == a.end == b.start == b.end), "two insertions at one point"
        assert not (a.end == b.start == b.end), "insertion glued to the end of an edit"


# --- 1. the engine is total and its spans are sane ---------------------------------------

@given(text=documents())
@example(text="𠀀\r\n尊敬的各位领导、同志们：\u2028进行研究\r")
@example(text="\ud800尊敬的\udfff")
@example(text="\x00" * 50 + "尊敬的领导")
@example(text="一\n附件：1. 经费测算表")
def test_engine_never_raises_on_plain_text(engine, text):
    _fuzz.EXAMPLES["engine total (txt)"] += 1
    report = _check(engine, text, "txt")
    _assert_report_sane(report, text, "txt")


@given(text=documents(markdown=True))
@example(text="---\n文种: 请示\n---\n# 关于**加强**工作的请示\n\n尊敬的`x`领导：\n")
@example(text="&amp;尊敬的&#x4e00;\n\n[尊敬的](x)各位领导")
@example(text="\x00尊敬的领导\n\n- 进行研究\n  > 进行研究")
def test_engine_never_raises_on_markdown(engine, text):
    _fuzz.EXAMPLES["engine total (md)"] += 1
    report = _check(engine, text, "md")
    _assert_report_sane(report, text, "md")


_ORDINARY = {ord("\u2028"): "x", ord("\u2029"): "x", ord("\x85"): "x"}


@given(text=documents(markdown=True))
@example(text="# 标题\n\n第一段\u2028续行\n\n尊敬的各位领导：\n")
@example(text="&#x4e00;一&#x4e00;一\n一\n\u2028")
def test_markdown_structure_ignores_separators_commonmark_does_not_break_at(engine, text):
    """U+2028, U+2029 and NEL are ordinary characters to CommonMark: with each replaced by a
    letter (same length) the paragraphs are the same — none is cut short or lost."""
    _fuzz.EXAMPLES["markdown separators"] += 1
    # inside a paragraph (Python's strip() would trim them at its edges, which is fine), and no
    # entities (their characters are mapped back to the source by a best-effort search)
    text = re.sub("[\u2028\u2029\x85]", lambda m: f"甲{m.group()}乙", text).replace("&", "＆")
    plain = text.translate(_ORDINARY)
    a, b = load_text(text, fmt="md"), load_text(plain, fmt="md")
    assert [(x.start, x.end, x.text.translate(_ORDINARY)) for x in a.blocks] == \
        [(x.start, x.end, x.text) for x in b.blocks]


# --- 2. fixes: never overlap, apply cleanly, do not come back ----------------------------

def _same_fix_came_back(old_text: str, applied: list[Fix], rules_of: dict, new_report) -> list:
    """Fixes of the re-check that are the very fix applied at the same place."""
    # where each applied fix's replacement sits in the new text
    placed = []
    shift = 0
    for fix in applied:
        start = fix.start + shift
        placed.append((fix, start, start + len(fix.replacement)))
        shift += len(fix.replacement) - (fix.end - fix.start)
    back = []
    for finding in new_report.findings:
        for fix in finding.fixes:
            if not fix.safe:
                continue
            for old, s, e in placed:
                same = (rules_of[id(old)] == finding.rule and fix.replacement == old.replacement
                        and new_report.document.text[fix.start:fix.end] == old_text[old.start:old.end])
                if same and fix.start <= e and fix.end >= s:
                    back.append((finding.rule, old_text[old.start:old.end], fix.replacement))
    return back


@pytest.mark.parametrize("fmt", ["txt", "md"])
@given(data=st.data())
@example(data=None)
def test_fixes_apply_cleanly_and_do_not_come_back(engine, fmt, data):
    if data is None:  # the README's own example, so the property is never vacuous
        text = "在全市工作会议上的讲话\n尊敬的各位领导、同志们：\n今天召开会议，进行研究部署。\n"
    else:
        text = data.draw(documents(markdown=fmt == "md"), label="text")
    _fuzz.EXAMPLES[f"fixes idempotent ({fmt})"] += 1
    report = _check(engine, text, fmt)
    safe = [(fix, f.rule) for f in report.findings for fix in f.fixes if fix.safe]
    rules_of = {id(fix): rule for fix, rule in safe}
    new_text, applied = fixes_mod.apply(text, [fix for fix, _ in safe])
    _assert_no_overlap(applied)
    assert set(map(id, applied)) <= set(rules_of)
    if data is None:
        assert applied, "the example must have fixes"
    # applying never merges or splits paragraphs
    assert len(LINE_BREAK_RE.findall(new_text)) == len(LINE_BREAK_RE.findall(text))
    again = _check(engine, new_text, fmt)
    _assert_report_sane(again, new_text, fmt)
    assert _same_fix_came_back(text, applied, rules_of, again) == []


def _fix_strategy(n: int):
    return st.builds(
        Fix, start=st.integers(-2, n + 2), end=st.integers(-2, n + 2),
        replacement=st.text(alphabet="ab𠀀\n", max_size=3), safe=st.booleans(),
    )


@given(data=st.data())
def test_select_and_apply_on_arbitrary_fixes(data):
    """Any set of edits (overlapping, nested, insertions, stale ones past the end): the chosen
    ones never overlap, only in-range edits are reported as applied, and the result equals
    applying the reported edits one by one from the end."""
    text = data.draw(st.text(alphabet="尊敬的𠀀\r\n ab", max_size=30), label="text")
    fixes = data.draw(st.lists(_fix_strategy(len(text)), max_size=12), label="fixes")
    _fuzz.EXAMPLES["fixes.select/apply"] += 1
    chosen = fixes_mod.select(fixes)
    _assert_no_overlap(chosen)
    edits = [(f.start, f.end, f.replacement) for f in chosen]
    assert [(f.start, f.end, f.replacement) for f in fixes_mod.select(reversed(fixes))] == edits, \
        "the order of the input does not change the edits chosen"
    new_text, applied = fixes_mod.apply(text, fixes)
    for fix in applied:
        assert 0 <= fix.start <= fix.end <= len(text), f"reported as applied but out of range: {fix}"
    expected = text
    for fix in reversed(applied):
        expected = expected[:fix.start] + fix.replacement + expected[fix.end:]
    assert new_text == expected


# --- 3. line-ending style changes nothing but offsets -------------------------------------

def _summary(report):
    c = report.counts
    findings = Counter((f.rule, LINE_BREAK_RE.sub("", f.data.get("found", ""))) for f in report.findings)
    return (c.words, c.han, c.chars_no_spaces, c.paragraphs, c.pages, c.minutes,
            report.doctype.name, findings)


@pytest.mark.parametrize("fmt, styles", [("txt", LINE_BREAKS[:4]), ("md", MD_LINE_BREAKS)])
@given(data=st.data())
def test_counts_and_findings_do_not_depend_on_line_ends(engine, fmt, styles, data):
    ls = data.draw(lines(markdown=fmt == "md", controls=False), label="lines")
    final = data.draw(st.booleans(), label="final line break")
    _fuzz.EXAMPLES[f"line-end invariance ({fmt})"] += 1
    results = {}
    for sep in styles:
        text = sep.join(ls) + (sep if final else "")
        results[repr(sep)] = _summary(_check(engine, text, fmt))
    first = next(iter(results.values()))
    for sep, summary in results.items():
        assert summary == first, f"{sep} differs from {styles[0]!r}"


# --- 4. bytes from disk: a Document or one clear InputError, nothing else -----------------

@given(data=st.data())
@settings(max_examples=_fuzz.scaled(80))
@example(data=None)
def test_any_bytes_read_or_refused_clearly(tmp_path_factory, data):
    if data is None:
        payload = b"\xef\xbb\xbf" + "关于𠀀的请示\r\n".encode() + b"\xff"
    else:
        kind = data.draw(st.sampled_from(["bytes", "encoded", "mutated"]), label="kind")
        if kind == "bytes":
            payload = data.draw(st.binary(max_size=400), label="payload")
        else:
            text = data.draw(documents(controls=False), label="text")
            enc = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030",
                                             "big5hkscs", "utf-32"]), label="encoding")
            payload = text.encode(enc, errors="ignore")
            if kind == "mutated" and payload:
                i = data.draw(st.integers(0, len(payload) - 1), label="at")
                payload = payload[:i] + data.draw(st.binary(min_size=1, max_size=4)) + payload[i + 1:]
    _fuzz.EXAMPLES["load_path on arbitrary bytes"] += 1
    path = tmp_path_factory.mktemp("bytes") / "draft.txt"
    path.write_bytes(payload)
    try:
        doc = load_path(path)
    except InputError as exc:
        message = str(exc)
        assert str(path) in message and "\n" not in message
        return
    assert doc.text and doc.path == str(path)
    # what was read can be written back byte-exactly in the encoding that was detected (UTF-16
    # and UTF-32 in their own byte order, with their BOM)
    assert encode_text(doc.text, doc.encoding) == payload


# --- 5. --fix end to end on random files -------------------------------------------------

@given(text=documents(controls=False))
@settings(max_examples=_fuzz.scaled(40))
@example(text="在会上的讲话\r\n尊敬的各位领导、同志们：\r\n")
@example(text="\ufeff(1)查找突出问题。")
def test_cli_fix_writes_exactly_the_safe_fixes(engine, tmp_path_factory, text):
    """``wenfeng check --fix`` leaves exactly ``fixes.apply(original, safe fixes)`` on disk."""
    from wenfeng.cli import main

    _fuzz.EXAMPLES["check --fix end to end"] += 1
    if not text.strip() or "\ud800" in text:
        return
    path = tmp_path_factory.mktemp("fix") / "draft.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        doc = load_path(path)
    except InputError:
        return  # refused files are covered above
    expected, _ = fixes_mod.apply(doc.text, engine.check(doc, SETTINGS).safe_fixes)
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(["check", "--fix", "--color", "never", str(path)])
    assert code in (0, 1), err.getvalue()
    assert path.read_bytes() == expected.encode(doc.encoding)  # a BOM stays a BOM
    assert not re.search(r"Traceback", err.getvalue())
