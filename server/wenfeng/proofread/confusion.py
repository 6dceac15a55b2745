"""Which characters a drafter confuses: same sound (pypinyin), near sound, or same shape.

Sound comes from pypinyin's character table, tones ignored (拼音输入法 does not see them): the
usual readings alike is 同音; alike only through a rarer reading of a 多音字, or through a fuzzy
initial/final (zh/z, in/ing …), is 音近.  Shape comes from the 形近字表 in
``lexicons/typos/same_stroke.txt``.  pypinyin's table is read on first use only.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path

from . import sizing, tables_cache

HOMOPHONE = "同音"
NEAR_SOUND = "音近"
SHAPE = "形近"

_LOCK = threading.Lock()


class Readings:
    """pypinyin's character table as one string and the bounds of each code point's readings
    in it: two objects to read from the cache folder instead of 42,000 (about 1 ms, not 25)."""

    def __init__(self, first: int, text: str, bounds: bytes) -> None:
        self.first = first
        self.text = text
        self.bounds = array("I")
        self.bounds.frombytes(bounds)

    @classmethod
    def of(cls, table: dict[int, str]) -> "Readings":
        first, last = min(table, default=0), max(table, default=-1)
        parts, bounds, at = [], [0], 0
        for code in range(first, last + 1):
            readings = table.get(code, "")
            parts.append(readings)
            at += len(readings)
            bounds.append(at)
        return cls(first, "".join(parts), array("I", bounds).tobytes())

    def parts(self) -> tuple[int, str, bytes]:
        return self.first, self.text, self.bounds.tobytes()

    def get(self, code: int) -> str | None:
        """Readings of one code point, comma-separated, most common first (None: unknown)."""
        at = code - self.first
        if 0 <= at < len(self.bounds) - 1:
            return self.text[self.bounds[at]:self.bounds[at + 1]] or None
        return None


_TABLE: Readings | None = None


def _table() -> Readings:
    """pypinyin's character table (code point → readings, most common first).

    Read from the package's ``pinyin_dict.json`` without importing pypinyin: its ``__init__``
    also loads the phrase table, about half a second and 190,000 lists that the garbage
    collector would then walk on every full collection for the life of a language server.
    """
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                _TABLE = _read_table()
    return _TABLE


def _read_table() -> Readings:
    """Parsed once (about 0.1 s), then kept in the cache folder beside the word tables."""
    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            digest = tables_cache.digest_of("pinyin", [path, Path(__file__)])
            try:
                return Readings(*tables_cache.load_small(_PREFIX, digest))
            except (TypeError, ValueError):  # none kept, or of another shape
                pass
            table = Readings.of({int(code): readings for code, readings in
                                 json.loads(path.read_text(encoding="utf-8")).items()})
            tables_cache.save_small(_PREFIX, digest, table.parts())
            return table
    from pypinyin.pinyin_dict import pinyin_dict  # a layout without the data file

    return Readings.of(dict(pinyin_dict))


_PREFIX = "typo-pinyin-"


def _plain(syllable: str) -> str:
    """``lǜ`` → ``lv``, ``zhōng`` → ``zhong``."""
    syllable = syllable.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
    syllable = syllable.replace("ǚ", "v").replace("ǜ", "v")
    return "".join(c for c in unicodedata.normalize("NFD", syllable)
                   if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def readings(char: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one character (empty for a character pypinyin does not know)."""
    raw = _table().get(ord(char))
    if not raw:
        return ()
    # tuples, not frozensets: the caches hold thousands, and a tuple of strings is one object the
    # garbage collector stops tracking (a long-lived server would walk every set, every time)
    return tuple(dict.fromkeys(_plain(s) for s in raw.split(",")))


@lru_cache(maxsize=16384)
def primary(char: str) -> str:
    """The usual reading (pypinyin lists the most common reading first)."""
    raw = _table().get(ord(char))
    return _plain(raw.split(",")[0]) if raw else ""


# 拼音输入法 fuzzy pairs that drafters from many regions type for each other
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("f", "h"), ("r", "l"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


@lru_cache(maxsize=16384)
def sound_keys(char: str) -> tuple[str, ...]:
    """Every reading of ``char`` with fuzzy initials/finals merged: two characters that share a
    key are homophones or near sounds (the exact relation is :meth:`Confusion.relation`)."""
    return tuple(dict.fromkeys(_fuzzy(r) for r in readings(char)))


@lru_cache(maxsize=16384)
def _fuzzy(syllable: str) -> str:
    for a, b in _FUZZY_INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a):]
            break
    for a, b in _FUZZY_FINALS:
        if syllable.endswith(a):
            syllable = syllable[: -len(a)] + b
            break
    return syllable


class Confusion:
    """The relation between two characters, if a drafter would plausibly type one for the other."""

    def __init__(self, shapes: dict[str, str]) -> None:
        self.shapes = shapes
        self.relation = lru_cache(maxsize=sizing.current.relation)(self._relation)

    def _relation(self, typed: str, meant: str) -> str | None:
        a, b = readings(typed), readings(meant)
        shared = not set(a).isdisjoint(b)
        if shared and primary(typed) == primary(meant):
            return HOMOPHONE
        if shared:
            return NEAR_SOUND  # only through a rarer reading (提 dī / 地 dì): weaker evidence
        if meant in self.shapes.get(typed, ""):
            return SHAPE
        if a and b and {_fuzzy(s) for s in a} & {_fuzzy(s) for s in b}:
            return NEAR_SOUND
        return None
