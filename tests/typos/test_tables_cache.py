"""The typo engine's word tables on disk: a model read from the cache holds exactly the tables a
freshly built one holds — unit by unit, as texts need them — and finds the same typos; other user
words are another cache file; a damaged file is rebuilt, never fatal (also when the damage is
only found halfway through a check); ``WENFENG_NO_CACHE`` writes nothing."""

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
    whole = built.tables
    assert whole.complete and len(files(private_cache)) == 1
    monkeypatch.setattr(SpellingModel, "_build", lambda self: pytest.fail("rebuilt"))
    read = model()
    assert not read.tables.complete and read.tables.table == {}   # nothing read yet
    assert read.freq("贯彻") == built.freq("贯彻") > 0            # read on the spot
    assert read.freq("布署") == 0                      # a list typo is no word, cached or not
    assert found(read) == found(built) != []
    assert 0 < len(read.tables.table) < len(whole.table) // 10   # a sentence reads a little
    read.tables.load_all()
    assert (read.tables.table, read.tables.reach, read.tables.total, read.tables.index) == (
        whole.table, whole.reach, whole.total, whole.index)


def test_a_unit_is_read_for_a_word_the_text_does_not_hold(private_cache):
    built = model()
    read = model()
    read.ensure("要惯彻")
    for word in ("贯彻", "中国共产党", "一带一路", "彻底", "乡村振兴", "放管服", "囗囗"):
        assert read.freq(word) == built.freq(word)
    assert read.logprob("贯彻落实") == built.logprob("贯彻落实")


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


def test_a_unit_damaged_inside_the_file_means_the_tables_are_built(private_cache):
    built = model()
    assert built.tables.complete
    (path,) = files(private_cache)
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 4000] = b"\xff" * 4000   # the length still fits
    path.write_bytes(bytes(data))
    read = model()
    assert not read.tables.complete
    read.tables.load_all()                             # meets the damage: builds instead
    assert read.tables.complete and read.tables.index == built.tables.index
    assert found(read) == found(built)


def test_no_cache_writes_nothing(private_cache, monkeypatch):
    monkeypatch.setenv("WENFENG_NO_CACHE", "1")
    assert model().index()
    assert model().tables.complete
    assert files(private_cache) == []


def test_the_engine_finds_the_same_with_tables_read_unit_by_unit(private_cache, engine):
    """Parity on a sample: the typo set's sentences and their corrected twins, analysed with the
    tables built in memory and with the tables read from the cache file as the text needs them —
    the same suggestions, the same evidence to the last bit."""
    from wenfeng.proofread import Proofreader
    from wenfeng.proofread import data as typo_data

    from .test_typo_sentences import rows

    sentences = [text for r in rows() for text in (r["bad"], r["good"])]

    def suggestions(reader):
        return [reader.analyse(s, engine.segmenter.boundaries(s)) for s in sentences]

    data = typo_data.load(engine.lexicon.roots)
    built = Proofreader(engine.segmenter, data)
    assert built.spelling.tables.complete
    read = Proofreader(engine.segmenter, data)
    assert not read.spelling.tables.complete
    assert suggestions(read) == suggestions(built)
    assert any(suggestions(built))


def test_a_changed_text_scores_as_if_searched_whole(private_cache):
    m = model()
    for before, after, first, last in (("要惯彻落实会议精神", "要贯彻落实会议精神", 1, 1),
                                       ("基础实施建设", "基础设施建设", 2, 2),
                                       ("认真落实", "认真洛实", 2, 2),
                                       ("普通提高", "普遍提高", 1, 1),
                                       ("一二三四", "一五六四", 1, 2)):
        routes = m.routes(before)
        assert routes[0] == m.tables.route_logprob(before) == m._seg.route_logprob(before)
        assert (m.tables.route_changed(after, routes, first, last)
                == m.tables.route_logprob(after) == m._seg.route_logprob(after))


def test_a_text_with_one_character_replaced_scores_as_if_searched_whole(private_cache):
    """``route_replaced`` (the spelling check's gain: only the words over the replaced character
    looked up again) gives the whole search's number to the last bit, wherever the character
    is and whatever replaces it — also characters that begin, end or break long words."""
    m = model()
    for before in ("要惯彻落实会议精神", "中华人民共和国国民经济和社会发展", "基础实施建设，普通提高",
                   "一带一路倡议", "囗囗贯彻"):
        searched = m.tables.searched(before)
        assert searched[0] == tuple(m.tables.routes(before))
        for at in range(len(before)):
            for char in "贯彻国民发展囗的一":
                after = before[:at] + char + before[at + 1:]
                assert (m.tables.route_replaced(after, searched, at)
                        == m.tables.route_logprob(after) == m._seg.route_logprob(after))


def test_what_the_model_remembers_changes_nothing(engine, monkeypatch):
    """The facts the spelling model keeps about tokens, windows and candidates across sentences
    are the facts themselves: the typo set analysed by a model that forgets them at once (a memo
    of one entry), by a fresh one and by one that has seen every sentence already — the same
    suggestions, the same evidence to the last bit."""
    from dataclasses import replace

    from wenfeng.proofread import Proofreader, sizing
    from wenfeng.proofread import data as typo_data

    from .test_typo_sentences import rows

    sentences = [text for r in rows() for text in (r["bad"], r["good"])]
    data = typo_data.load(engine.lexicon.roots)

    def suggestions(reader):
        reader.clear_cache()  # (the sentences' results, not the model's memos)
        return [reader.analyse(s, engine.segmenter.boundaries(s)) for s in sentences]

    warm = Proofreader(engine.segmenter, data)
    first = suggestions(warm)
    assert suggestions(warm) == first and any(first)
    monkeypatch.setattr(sizing, "current", replace(sizing.current, memo=1))
    assert suggestions(Proofreader(engine.segmenter, data)) == first
    monkeypatch.setattr(sizing, "current", sizing.EDITOR)  # a language server's sizes
    assert suggestions(Proofreader(engine.segmenter, data)) == first
