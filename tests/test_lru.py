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
