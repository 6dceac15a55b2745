"""Per-paragraph caches whose memory has a ceiling in bytes, not only a number of entries.

An editor session re-checks a document on every keystroke, and every keystroke makes a new version
of one paragraph: a cache keyed by paragraph text and bounded only by count keeps thousands of
near-copies of long paragraphs, and the server's memory climbs for as long as the user types.
These look-ups run thousands of times per check, where a Python-level cache would cost
milliseconds, so they use C ``functools.lru_cache`` and bound the bytes another way: only texts of
at most :data:`MAX_CACHED_CHARS` are kept, so an entry holds at most a known number of bytes and
a cache at most ``maxsize`` times that (:func:`short_text_cache`); :func:`paragraph_cache` also
keeps the single latest longer text.  The engine's and the segmenter's caches, whose entries vary
more, count their bytes exactly (``rules/engine.py``, ``segment.py``).
"""

from __future__ import annotations

from functools import lru_cache, wraps
from itertools import repeat
from typing import Any, Callable, Protocol, Sequence, TypeVar, cast

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
#: What an entry costs beyond its text and value (the cache slot and its key tuple).
ENTRY_OVERHEAD = 120


class Cached(Protocol[T_co]):
    """A function wrapped by :func:`short_text_cache` or :func:`paragraph_cache`."""

    def __call__(self, *args: Any) -> T_co: ...

    def cache_clear(self) -> None: ...

    def cache_bytes(self) -> int: ...


#: Longest text kept by :func:`short_text_cache` (longer ones are computed every time).
MAX_CACHED_CHARS = 4096
#: The most one such entry holds: the text (up to 4 bytes per code point), a small value, the slot.
MAX_SHORT_ENTRY_BYTES = 4 * MAX_CACHED_CHARS + 80 + 2 * ENTRY_OVERHEAD


def short_text_cache(maxsize: int) -> Callable[[Callable[..., T]], Cached[T]]:
    """Decorator for ``fn(*args)`` whose last argument is a text and whose value is small (a
    number, a short tuple): cached in C while the text has at most :data:`MAX_CACHED_CHARS`
    characters.  At most ``maxsize × MAX_SHORT_ENTRY_BYTES`` bytes (2,048 entries: about 34 MB
    in the worst case, a few MB for real paragraphs)."""

    def wrap(fn: Callable[..., T]) -> Cached[T]:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(*args: Any) -> T:
            return cached(*args) if len(args[-1]) <= MAX_CACHED_CHARS else fn(*args)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cached = cached  # type: ignore[attr-defined]  # (see map_texts)
        call.cache_bytes = (  # type: ignore[attr-defined]
            lambda: cached.cache_info().currsize * MAX_SHORT_ENTRY_BYTES)
        return cast(Cached[T], call)

    return wrap


def paragraph_cache(maxsize: int) -> Callable[[Callable[[str], T]], Cached[T]]:
    """Decorator for ``fn(text)`` called over and over for the paragraph being checked (the
    prefilters' character sets): C ``lru_cache`` for texts of at most :data:`MAX_CACHED_CHARS`,
    and one slot for the latest longer text (its value can be large; one is kept, not many).
    ``maxsize`` × (text + value of a short text) bytes at most, plus the one long entry."""

    def wrap(fn: Callable[[str], T]) -> Cached[T]:
        cached = lru_cache(maxsize=maxsize)(fn)
        last: list[Any] = [None, None]

        @wraps(fn)
        def call(text: str) -> T:
            if len(text) <= MAX_CACHED_CHARS:
                return cached(text)
            slot = last[0]
            if slot is not None and slot[0] == text:
                return slot[1]
            value = fn(text)
            last[0] = (text, value)  # one assignment: safe between threads
            return value

        def cache_clear() -> None:
            cached.cache_clear()
            last[0] = None

        call.cache_clear = cache_clear  # type: ignore[attr-defined]
        call.cached = cached  # type: ignore[attr-defined]  # (see map_texts)
        call.cache_bytes = lambda: -1  # type: ignore[attr-defined]
        return cast(Cached[T], call)

    return wrap


def map_texts(fn: Callable[..., T], texts: Sequence[str], *fixed: Any) -> list[T]:
    """``[fn(*fixed, text) for text in texts]`` for a function wrapped by
    :func:`short_text_cache` or :func:`paragraph_cache`: when every text is short enough to be
    cached, the look-ups are made by ``map`` straight into the C cache — a document check that
    looks at every paragraph of a long document on every keystroke then costs a fraction of a
    microsecond per unchanged paragraph, not a Python call."""
    cached = getattr(fn, "cached", None)
    if cached is not None and texts and max(map(len, texts)) <= MAX_CACHED_CHARS:
        return list(map(cached, *(repeat(arg) for arg in fixed), texts))
    return [fn(*fixed, text) for text in texts]
