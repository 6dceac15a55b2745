"""What makes a keystroke cheap in a long document, asserted on results (not on time): the
engine's findings kept per paragraph and shifted when the paragraph moves, and a check of an
outdated version stopped instead of finished."""

from __future__ import annotations

import random

import pytest
from pygls.workspace.position_codec import PositionCodec

from wenfeng.config import Settings
from wenfeng.lsp.checking import check
from wenfeng.lsp.settings import ConfigFiles
from wenfeng.lsp.snapshot import Snapshot
from wenfeng.rules.engine import CheckStopped, Engine, get_engine
from wenfeng.sources import load_text
from wenfeng.sources.incremental import reparse_text

DRAFT = ("关于申请专项经费的请示\n市政府：\n为进一步加强管理，尊敬的各位领导，这次汛情波及到沿江三个乡镇。\n"
         "一、总体要求\n要认真落实，进行研究，高度重视“安全生产”工作。\n三、工作安排\n"
         "全市各级各部门认真落实年度目标任务，重点项目建设有序推进。\n妥否，请批示。\n2024年3月5日\n")
PIECES = ["的", "“", "”", "\n", "一、", "进行研究", "", "𠀀", "尊敬的", "（一）"]


def edits(text: str, n: int, seed: int):
    """``n`` random versions of ``text`` (insertions, deletions, replacements)."""
    rng = random.Random(seed)
    for _ in range(n):
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.choice([0, 0, 1, 3]))
        text = text[:start] + rng.choice(PIECES) + text[end:]
        yield text


def snapshot(text: str, version: int, codec: str = "utf-16") -> Snapshot:
    return Snapshot(uri="file:///d.txt", version=version, text=text, path=None,
                    language_id="plaintext", layers=(), doctype=None, ignores=frozenset(),
                    codec=PositionCodec(codec), ticket=version, generation=0)


def as_data(findings):
    return [(f.rule, f.level, f.start, f.end, f.message, f.fixes, f.link, dict(f.data))
            for f in findings]


def test_findings_kept_per_paragraph_equal_a_fresh_check_after_every_edit():
    engine, fresh = get_engine(()), Engine()
    document = None
    for text in edits(DRAFT * 4, 120, seed=7):
        document = reparse_text(document, text)
        fresh.clear_caches()
        assert as_data(engine.check(document).findings) == \
            as_data(fresh.check(load_text(text)).findings)


def test_findings_under_ignores_are_made_afresh():
    engine = get_engine(())
    first = engine.check(load_text(DRAFT)).findings[0]
    from wenfeng.rules.engine import fingerprint

    document = load_text(DRAFT)
    ignored = frozenset({(first.rule, fingerprint(document, first.rule, first.start,
                                                  first.end))})
    findings = engine.check(document, Settings(ignores=ignored)).findings
    assert (first.rule, first.start) not in {(f.rule, f.start) for f in findings}


def test_a_check_whose_document_changed_stops_and_is_not_a_result():
    text = DRAFT * 40
    calls = []

    def stop() -> bool:  # the text changes once the check is under way
        calls.append(1)
        return len(calls) > 2

    result = check(snapshot(text, 2), ConfigFiles(), stop=stop)
    assert result.stopped and result.report is None and result.error is None
    assert result.document is not None and result.document.text == text  # read, for the next
    assert not result.diagnostics
    outdated = check(snapshot(text, 3), ConfigFiles(), stop=lambda: True)
    assert outdated.stopped and outdated.document is None  # never started
    done = check(snapshot(text, 4), ConfigFiles(), previous=result.document,
                 stop=lambda: False)
    assert not done.stopped and done.report is not None
    assert done.diagnostics == check(snapshot(text, 4), ConfigFiles()).diagnostics


def test_engine_check_stops_when_asked():
    with pytest.raises(CheckStopped):
        get_engine(()).check(load_text(DRAFT), stop=lambda: True)


def test_diagnostics_of_a_keystroke_equal_those_of_a_cold_check():
    """The server's path (the previous parse re-read where it changed, every per-paragraph cache
    warm from the version before: quotes, headings, 字数 and pages, request closings …) gives
    the very diagnostics, figures and stats of a check from nothing, edit after edit."""
    from wenfeng.lsp.protocol import diagnostic_json

    engine = get_engine(())
    files = ConfigFiles()
    previous = None
    texts = list(edits("附件\n" + DRAFT * 3 + "“引文开头\n“接着引\n他说”。\n“未闭合\n无引号段落\n结尾”。\n附件1\n（一）要求\n", 80, seed=11))
    for version, text in enumerate(texts, start=2):
        warm = check(snapshot(text, version), files, previous=previous)
        previous = warm.document
        engine.clear_caches()  # (also the document checks' per-paragraph caches)
        cold = check(snapshot(text, version), files)
        assert warm.error is None and cold.error is None
        assert [diagnostic_json(d) for d in warm.diagnostics] == \
            [diagnostic_json(d) for d in cold.diagnostics]
        assert warm.report.counts == cold.report.counts
        assert warm.report.limits == cold.report.limits
        assert warm.stats == cold.stats


def test_diagnostics_kept_between_checks_equal_diagnostics_made_afresh():
    """:func:`to_diagnostics` keeps the parts of each diagnostic that do not depend on the
    version: after edits (lines added and removed above findings, a finding's context changed)
    every diagnostic equals :func:`to_diagnostic` made from nothing, in UTF-16 and UTF-32."""
    from wenfeng.lsp.diagnostics import to_diagnostic, to_diagnostics
    from wenfeng.lsp.positions import PositionMap
    from wenfeng.lsp.protocol import diagnostic_json

    for codec in ("utf-16", "utf-32"):
        for version, text in enumerate(edits(DRAFT * 3, 60, seed=5), start=2):
            report = get_engine(()).check(load_text(text))
            positions = PositionMap(text, PositionCodec(codec))
            kept = to_diagnostics(report, positions, version)
            fresh = [to_diagnostic(f, report, positions, version) for f in report.findings]
            assert [diagnostic_json(d) for d in kept] == [diagnostic_json(d) for d in fresh]


def test_a_long_span_is_fingerprinted_by_its_ends_and_length():
    from wenfeng.rules.engine import fingerprint

    text = "前文。" + "甲" * 100 + "乙" * 100 + "。后文"
    edited = text.replace("甲乙", "甲丙")  # an edit inside the span, same length
    end = 3 + 200
    assert fingerprint(load_text(text), "L001", 3, end) == \
        fingerprint(load_text(edited), "L001", 3, end)
    longer = text[:end] + "乙" + text[end:]
    assert fingerprint(load_text(text), "L001", 3, end) != \
        fingerprint(load_text(longer), "L001", 3, end + 1)
    # a short span keeps its whole text
    assert "|甲甲乙乙|" in fingerprint(load_text(text), "P900", 101, 105)
