"""The typo engine's word tables on disk: a model read from the cache holds exactly the tables a
freshly built one holds and finds the same typos; other user words are another cache file; a
damaged file is rebuilt, never fatal; ``WENFENG_NO_CACHE`` writes nothing."""

from __future__ import annotations

import pytest

from wenfeng.proofread.confusion import Confusion
from wenfeng.proofread.spelling import SpellingModel
from wenfeng.segment import Segmenter

WORDS = [("乡村振兴", None), ("放管服", 50)]
TEXT = "要惯彻落实会议精神。"


def model(words=WORDS) -> SpellingModel:
    seg = Segmenter(words)
    seg.initialize()
    return SpellingModel(seg, Confusion({}), ["布署"])


def found(m: SpellingModel) -> list[tuple[int, int, str | None]]:
    edges = m._seg.boundaries(TEXT)
    return [(s.start, s.end, s.replacement) for s in m.find(TEXT, sorted(edges),
                                                           bytearray(len(TEXT)))]


def files(folder):
    return sorted(folder.glob("typo-tables-*.marshal"))


def test_tables_read_back_are_the_tables_built(private_cache, monkeypatch):
    built = model()
    index = built.index()
    assert len(files(private_cache)) == 1
    monkeypatch.setattr(SpellingModel, "_build_index", lambda self: pytest.fail("rebuilt"))
    read = model()
    assert read.index() == index
    a, b = built._seg.frequencies(), read._seg.frequencies()
    assert (a.table, a.reach, a.total) == (b.table, b.reach, b.total)
    assert read.freq("贯彻") == built.freq("贯彻") > 0
    assert read.freq("布署") == 0                      # a list typo is no word, cached or not
    assert found(read) == found(built) != []


def test_other_user_words_are_another_file(private_cache):
    model().index()
    model(WORDS + [("两个维护", None)]).index()
    assert len(files(private_cache)) == 2


def test_a_damaged_file_is_rebuilt(private_cache):
    index = model().index()
    (path,) = files(private_cache)
    path.write_bytes(path.read_bytes()[:1000])
    assert model().index() == index
    assert path.stat().st_size > 1000                  # written again, whole


def test_no_cache_writes_nothing(private_cache, monkeypatch):
    monkeypatch.setenv("WENFENG_NO_CACHE", "1")
    assert model().index()
    assert files(private_cache) == []
