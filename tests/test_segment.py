"""The segmenter's two backends agree: rjieba (fast) gives the findings jieba (the reference)
gives, the dictionary frequencies are the same from both, and without rjieba the segmenter falls
back to jieba cleanly; rjieba given only the words a text contains (wenfeng.dict_index) cuts
and tags it as with the whole dictionary."""

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


# -- rjieba with part of the dictionary (wenfeng.dict_index) -------------------------------------
def corpus_paragraphs(reports: bool = False) -> list[str]:
    paths = sorted((ROOT / "examples").glob("*.*")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    if reports and GWR.is_dir():
        paths += sorted(GWR.glob("*.txt"))
    return [p for path in paths for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]


@pytest.fixture(scope="module")
def partial_and_whole(engines):
    """A partial rjieba tokenizer that stays partial, and one with the whole dictionary."""
    words = engines[0].segmenter.user_words
    partial = Segmenter(words, backend="rjieba")
    partial.initialize()
    whole = Segmenter(words, backend="rjieba")
    whole.complete()
    assert partial._backend.partial and not whole._backend.partial
    return partial, whole


def same_as_whole(partial: Segmenter, whole: Segmenter, paragraphs: list[str]) -> None:
    for text in paragraphs:
        assert partial.tokens(text) == whole.tokens(text), text
        assert partial.tagged(text) == whole.tagged(text), text
        for start in range(0, len(text) - 4, 11):
            for width in (1, 2, 3, 4):
                word = text[start:start + width]
                assert partial.frequency(word) == whole.frequency(word), word
    assert partial._backend.partial


def test_part_of_the_dictionary_gives_the_tokens_tags_and_frequencies_of_the_whole(
        partial_and_whole, monkeypatch):
    monkeypatch.setattr(segment, "PARTIAL_LIMIT", 10**9)
    partial, whole = partial_and_whole
    paragraphs = corpus_paragraphs() + SENTENCES
    assert sum(map(len, paragraphs)) > 10_000
    same_as_whole(partial, whole, paragraphs)
    for word, _ in partial.user_words:
        assert partial.frequency(word) == whole.frequency(word), word
    assert partial.frequency("\uffff\ufffe") == (0, False)  # the placeholder is no word


@pytest.mark.slow
def test_part_of_the_dictionary_is_the_whole_on_the_reports(partial_and_whole, monkeypatch):
    monkeypatch.setattr(segment, "PARTIAL_LIMIT", 10**9)
    partial, whole = partial_and_whole
    same_as_whole(partial, whole, corpus_paragraphs(reports=True))


def test_past_its_limit_a_partial_tokenizer_loads_the_whole_dictionary(monkeypatch):
    monkeypatch.setattr(segment, "PARTIAL_LIMIT", 30)
    seg = Segmenter([("进一步加强", None)], backend="rjieba")
    seg.initialize()
    assert seg._backend.partial
    first = seg.tokens("进一步加强基层减负工作")
    assert seg._backend.partial
    later = seg.tokens("我们检查了检察院的工作，进一步加强基层减负工作")
    assert not seg._backend.partial
    assert first == seg.tokens("进一步加强基层减负工作")
    assert ("进一步加强", 12, 17) in later


def test_without_jiebas_dictionary_file_rjieba_loads_it_whole(monkeypatch):
    from wenfeng import dict_index

    monkeypatch.setattr(dict_index, "_index", None)
    monkeypatch.setattr(dict_index, "dictionary_path", lambda: None)
    seg = Segmenter([("进一步加强", None)], backend="rjieba")
    seg.initialize()
    assert not seg._backend.partial
    assert ("进一步加强", 0, 5) in seg.tokens("进一步加强管理")


def test_a_damaged_dictionary_index_is_made_again(private_cache, monkeypatch):
    from wenfeng import dict_index

    monkeypatch.setattr(dict_index, "_index", None)
    made = dict_index.load()
    assert made is not None and made.entry("检查")[0] > 1000
    files = list(private_cache.glob("dict-index-*.marshal"))
    assert len(files) == 1
    files[0].write_bytes(files[0].read_bytes()[:1000])  # truncated
    monkeypatch.setattr(dict_index, "_index", None)
    again = dict_index.load()
    assert again is not None and again.entry("检查") == made.entry("检查")
    assert again.total == made.total
    assert again.words_in("检察院检查") == {"检", "察", "院", "查", "检察", "察院", "检察院", "检查"}


def test_the_index_counts_a_word_listed_twice_once_as_jieba_rs_does():
    from wenfeng import dict_index

    freq: dict[str, int] = {}
    for line in dict_index.dictionary_path().read_text(encoding="utf-8").splitlines():
        word, count, *_ = line.split()
        freq[word] = int(count)
    index = dict_index.load()
    assert index.total == sum(freq.values())
    assert index.entry("B超") == (3, "n")
