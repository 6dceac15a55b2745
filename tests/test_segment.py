"""The segmenter's two backends agree: rjieba (fast) gives the findings jieba (the reference)
gives, the dictionary frequencies are the same from both, and without rjieba the segmenter falls
back to jieba cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenfeng import segment
from wenfeng.config import Settings
from wenfeng.rules.engine import Engine
from wenfeng.segment import Segmenter
from wenfeng.sources import load_path

ROOT = Path(__file__).resolve().parents[1]
GWR = ROOT.parent / "shared" / "corpus" / "gwr"
SENTENCES = ["我们检查了检察院的工作", "进一步加强基层减负工作，尊敬的各位领导",
             "2024年GDP增长5.2%，𠀀字与English混排", "", "　（一）关于请示事项"]


@pytest.fixture(scope="module")
def engines():
    """Two engines on the same lexicons, one per backend."""
    fast, reference = Engine(), Engine()
    fast.segmenter = Segmenter(fast.segmenter.user_words, backend="rjieba")
    reference.segmenter = Segmenter(reference.segmenter.user_words, backend="jieba")
    fast.segmenter.initialize()
    reference.segmenter.initialize()
    assert (fast.segmenter.backend, reference.segmenter.backend) == ("rjieba", "jieba")
    return fast, reference


def findings(engine: Engine, path: Path) -> list[tuple]:
    report = engine.check(load_path(path), Settings())
    return [(f.rule, f.start, f.end, f.message) for f in report.findings]


def test_the_same_tokens(engines):
    fast, reference = engines
    for text in SENTENCES:
        assert fast.segmenter.tokens(text) == reference.segmenter.tokens(text)


def test_the_same_findings_on_the_examples(engines):
    fast, reference = engines
    paths = sorted((ROOT / "examples").glob("*.*"))
    assert paths
    for path in paths:
        assert findings(fast, path) == findings(reference, path), path.name


@pytest.mark.slow
def test_the_same_findings_on_the_corpus(engines):
    fast, reference = engines
    paths = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    if GWR.is_dir():  # the 15 政府工作报告 (276,000 字), where the shared corpus is checked out
        paths += sorted(GWR.glob("*.txt"))
    compared = 0
    for path in paths:
        expected = findings(reference, path)
        assert findings(fast, path) == expected, path.name
        compared += len(expected)
    assert compared > 100  # the corpus does exercise the rules


@pytest.mark.parametrize("word", ["检查", "检察院", "的", "进一步加强", "检察", "zzz", "检查了"])
def test_frequencies_are_the_same_from_both_backends(engines, word):
    fast, reference = engines
    assert fast.segmenter.frequency(word) == reference.segmenter.frequency(word)


def test_frequency_says_whether_a_word_is_in_the_dictionary(engines):
    fast, _ = engines
    freq, known = fast.segmenter.frequency("检查")
    assert known and freq > 1000
    assert fast.segmenter.frequency("检查了") == (0, False)   # a prefix-free non-word
    assert fast.segmenter.frequency("进一步加强")[1]           # a lexicon term, added as a word


def test_without_rjieba_the_segmenter_falls_back_to_jieba(monkeypatch):
    def missing():
        raise ImportError("No module named 'rjieba'")

    monkeypatch.setattr(segment, "_rjieba_class", missing)
    fallback = Segmenter([("进一步加强", None)], backend="rjieba")
    fallback.initialize()
    assert fallback.backend == "jieba"
    assert ("进一步加强", 0, 5) in fallback.tokens("进一步加强管理")


def test_the_backend_can_be_chosen(monkeypatch):
    monkeypatch.setenv("WENFENG_SEGMENTER", "jieba")
    assert segment.backend_name() == "jieba" and not segment.loads_quickly()
    monkeypatch.setenv("WENFENG_SEGMENTER", "rjieba")
    assert segment.backend_name() == "rjieba" and segment.loads_quickly()
