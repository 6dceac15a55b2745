"""The per-paragraph caches keep short texts (up to a known size each, so their memory has a
ceiling) and never pile up long ones."""

from __future__ import annotations

from wenfeng.lru import MAX_CACHED_CHARS, paragraph_cache, short_text_cache


def counting(decorator):
    calls = []

    @decorator
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    return length, calls


def test_short_texts_are_cached_long_ones_computed_each_time():
    length, calls = counting(short_text_cache(4))
    short, long = "短" * 10, "长" * (MAX_CACHED_CHARS + 1)
    assert [length(short), length(short), length(long), length(long)] == [10, 10, len(long),
                                                                          len(long)]
    assert calls == [short, long, long]
    assert length.cache_bytes() > 0
    length.cache_clear()
    assert length.cache_bytes() == 0


def test_the_count_bound_holds():
    length, calls = counting(short_text_cache(2))
    for text in ("a", "b", "c", "a"):  # "a" was evicted by "c"
        length(text)
    assert calls == ["a", "b", "c", "a"]


def test_a_paragraph_cache_keeps_only_the_latest_long_text():
    length, calls = counting(paragraph_cache(4))
    one, two = "甲" * (MAX_CACHED_CHARS + 5), "乙" * (MAX_CACHED_CHARS + 6)
    for text in (one, one, two, two, one):
        length(text)
    assert calls == [one, two, one]


def test_map_texts_gives_what_calls_one_by_one_give():
    """:func:`map_texts` (look-ups made in C for short texts) equals calling the function, for
    short texts, for a list holding one text too long to cache, and with fixed arguments."""
    from wenfeng.lru import MAX_CACHED_CHARS, map_texts, paragraph_cache, short_text_cache

    @short_text_cache(16)
    def spans(pattern: str, flag: int, text: str) -> tuple:
        return (pattern, flag, text.count("的"), len(text))

    @paragraph_cache(16)
    def size(text: str) -> int:
        return len(text) * 2

    short = ["的的", "", "一的二", "的的"]
    long = short + ["的" * (MAX_CACHED_CHARS + 1)]
    for texts in (short, long, []):
        assert map_texts(spans, texts, "p", 3) == [spans("p", 3, t) for t in texts]
        assert map_texts(size, texts) == [size(t) for t in texts]
