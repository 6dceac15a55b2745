"""The typo engine's word tables kept on disk, keyed by everything they are made from.

The spelling model needs jieba's dictionary as a frequency table (parsing ``dict.txt`` and
merging the user words: about 0.7 s) and an index of its words by blanked character and sound
(about 0.7–1.4 s).  Both depend only on the dictionary file, the segmenter's user words (the
lexicon terms), the list typos kept out of the index, pypinyin's reading table and wenfeng's own
code — so they are written once into the cache folder (:func:`wenfeng.cachedir.cache_dir`, private
0700) and read back by the next process or language server.

Read back *in units* (:mod:`.words`): the file is a directory followed by one ``marshal`` blob per
unit, and is mapped into memory (``mmap``), so opening it costs a few milliseconds and a page of
text reads only the units of its own characters.  Layout: ``MAGIC``, the header's length (8
bytes, little-endian), the header ``(FORMAT, total, data length, split characters, contents of
the character units, contents of the sub-directories, where the whole tables are)`` and the
blobs; a split character's sub-directory (its units per first two characters) is one more blob,
and the whole tables once more, for texts that need most of them.  All of it is plain data —
dicts, strings, bytes, ints, arrays; no code, no pickle — checked for shape when read.
Anything wrong with it (missing, stale, truncated, another format) means the tables are built
again; ``WENFENG_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import mmap
import os
import stat
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .. import cachedir
from ..cachedir import cache_dir, store
from ..safe_read import read_regular
from .words import Unit, WordTables, anchor

if TYPE_CHECKING:
    from ..segment import Segmenter

PREFIX = "typo-tables-"
SUFFIX = ".marshal"
KEEP = 4  # files kept (about 25 MB each: one per lexicon set); the oldest are removed beyond this
FORMAT = 2
MAGIC = b"wenfeng-typo-tables\n"
#: a character that begins more words than this has its longer words in units of two characters
SPLIT = 50
MAX_BYTES = 64 * 1024 * 1024
#: the modules whose code decides what the tables hold
_CODE = ("proofread/spelling.py", "proofread/confusion.py", "proofread/tables_cache.py",
         "proofread/words.py", "segment.py")

def _note(message: str, exc: Exception) -> None:
    import logging  # lazy: only a bad or unwritable cache file is logged

    logging.getLogger(__name__).info(message, exc)


def _stat_line(h, label: str, path: Path | None) -> None:
    if path is None:
        h.update(f"{label}:-\n".encode())
        return
    st = path.stat()
    h.update(f"{label}:{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())


def _package_file(package: str, name: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def key(segmenter: "Segmenter", wrong_forms: Iterable[str], min_freq: int) -> str | None:
    """The hash naming the cache file (None when a source cannot be identified)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{sys.version}|{min_freq}|{segmenter.backend}\n".encode())
    try:
        package = Path(__file__).resolve().parents[1]
        for name in _CODE:
            _stat_line(h, name, package / name)
        _stat_line(h, "dict", _package_file("jieba", "dict.txt"))
        _stat_line(h, "pinyin", _package_file("pypinyin", "pinyin_dict.json"))
    except OSError:
        return None
    h.update(repr(segmenter.user_words).encode())
    h.update("\n".join(sorted(wrong_forms)).encode())
    return h.hexdigest()


def _path(digest: str) -> Path:
    return cache_dir() / f"{PREFIX}{digest}{SUFFIX}"


class _Contents:
    """A table of contents: one character per blob, and where each blob begins and ends."""

    def __init__(self, keys: str, bounds: bytes) -> None:
        if not isinstance(keys, str) or not isinstance(bounds, bytes):
            raise ValueError("格式不符")
        self.keys = keys
        self.bounds = array("Q")
        self.bounds.frombytes(bounds)
        if len(self.bounds) != len(keys) + 1:
            raise ValueError("格式不符")

    @staticmethod
    def dump(keys: list[str], bounds: list[int]) -> tuple[str, bytes]:
        return "".join(keys), array("Q", bounds).tobytes()


class UnitFile:
    """The units of one tables file, mapped into memory and decoded when asked for."""

    def __init__(self, data, base: int, total: int, split: str, chars: _Contents,
                 subcontents: _Contents, whole: tuple[int, int]) -> None:
        self._data = data  # an mmap (or bytes where mapping is impossible)
        self._base = base  # where the units begin
        self.total = total
        self.split = frozenset(split)
        self._chars = chars
        self._where = {c: i for i, c in enumerate(chars.keys)}
        self._subcontents = subcontents
        self._sub: dict[str, _Contents] = {}
        self._whole = whole

    def whole(self) -> Unit:
        """All the tables in one blob: for a text that needs thousands of units (a long report)
        one read of everything is faster."""
        start, end = self._whole
        tables = marshal.loads(self._data[start + self._base:end + self._base])
        if not (isinstance(tables, tuple) and len(tables) == 3
                and all(isinstance(part, dict) for part in tables)):
            raise ValueError("格式不符")
        return tables

    def chars(self) -> list[str]:
        return list(self._chars.keys)

    def pairs(self, char: str) -> list[str]:
        return [char + c for c in self._subdirectory(char).keys]

    def unit(self, key: str) -> Unit | None:
        """The unit of a character, or of the first two characters of a split character's
        words; None when no word, reach or index entry belongs to it."""
        if len(key) == 1:
            contents, at = self._chars, self._where.get(key, -1)
        else:
            contents = self._subdirectory(key[0])
            at = contents.keys.find(key[1])
        if at < 0:
            return None
        unit = self._blob(contents, at)
        if not (isinstance(unit, tuple) and len(unit) == 3
                and all(isinstance(part, dict) for part in unit)):
            raise ValueError("格式不符")
        return unit

    def _subdirectory(self, char: str) -> _Contents:
        found = self._sub.get(char)
        if found is None:
            at = self._subcontents.keys.find(char)
            found = _Contents(*self._blob(self._subcontents, at)) if at >= 0 else _EMPTY
            self._sub[char] = found
        return found

    def _blob(self, contents: _Contents, at: int):
        start, end = contents.bounds[at] + self._base, contents.bounds[at + 1] + self._base
        return marshal.loads(self._data[start:end])


_EMPTY = _Contents("", bytes(8))


def _map(path: Path):
    """The file's bytes, mapped (read-only); only a regular file of ours, at most MAX_BYTES."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            raise OSError("不是普通文件或文件过大")
        try:
            return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # (an empty file; a system without mmap for it)
            with os.fdopen(os.dup(fd), "rb") as f:
                return f.read(MAX_BYTES + 1)
    finally:
        os.close(fd)


def stored(digest: str) -> bool:
    """Whether tables are stored under ``digest`` (opening them then takes milliseconds)."""
    return _path(digest).is_file()


def load(digest: str) -> UnitFile | None:
    """The tables stored under ``digest``, opened (their units are read when asked for)."""
    try:
        data = _map(_path(digest))
    except FileNotFoundError:
        return None
    except OSError as exc:
        _note("错别字词表缓存不可用，重新生成：%s", exc)
        return None
    try:
        start = len(MAGIC) + 8
        if data[:len(MAGIC)] != MAGIC:
            raise ValueError("格式不符")
        head_length = int.from_bytes(data[len(MAGIC):start], "little")
        fmt, total, length, split, chars, subcontents, whole = marshal.loads(
            data[start:start + head_length])
        base = start + head_length
        if (fmt != FORMAT or not isinstance(total, int) or base + length != len(data)
                or not isinstance(split, str)):
            raise ValueError("格式不符")
        return UnitFile(data, base, total, split, _Contents(*chars), _Contents(*subcontents),
                        whole)
    except Exception as exc:  # noqa: BLE001 - a bad cache file is rebuilt, never fatal
        _note("错别字词表缓存不可用，重新生成：%s", exc)
        return None


def units(tables: WordTables) -> tuple[frozenset[str], dict[str, Unit]]:
    """The complete tables cut into units: the split characters, and each unit by its key."""
    counts: dict[str, int] = {}
    for word in tables.table:
        counts[word[:1]] = counts.get(word[:1], 0) + 1
    split = frozenset(c for c, n in counts.items() if n > SPLIT and c)
    out: dict[str, Unit] = {}

    def unit(key: str) -> Unit:
        found = out.get(key)
        if found is None:
            found = out[key] = ({}, {}, {})
        return found

    for word, freq in tables.table.items():
        if word:  # (an empty word is no word: WordTables.get answers 0)
            unit(word[:2] if len(word) >= 2 and word[0] in split else word[0])[0][word] = freq
    for pair, longest in tables.reach.items():
        unit(pair if pair[0] in split else pair[0])[1][pair] = longest
    for key, sounds in tables.index.items():
        unit(anchor(key, tables.table))[2][key] = sounds
    return split, out


def save(digest: str, tables: WordTables) -> None:
    """Write the complete tables atomically (a failure only costs the next start the build)."""
    try:
        split, cut = units(tables)
        blobs: list[bytes] = []
        length = 0

        def add(blob: bytes) -> int:  # offsets count from the end of the header
            nonlocal length
            blobs.append(blob)
            length += len(blob)
            return length

        chars = sorted(k for k in cut if len(k) == 1)
        char_bounds = [0] + [add(marshal.dumps(cut[c])) for c in chars]
        subs: dict[str, list[str]] = {}
        for key in sorted(k for k in cut if len(k) == 2):
            subs.setdefault(key[0], []).append(key[1])
        firsts = sorted(subs)
        contents = []
        for first in firsts:
            at = [length] + [add(marshal.dumps(cut[first + c])) for c in subs[first]]
            contents.append(marshal.dumps(_Contents.dump(subs[first], at)))
        sub_bounds = [length] + [add(blob) for blob in contents]
        whole = (length, add(marshal.dumps((tables.table, tables.reach, tables.index))))
        head = marshal.dumps((FORMAT, tables.total, length, "".join(sorted(split)),
                              _Contents.dump(chars, char_bounds),
                              _Contents.dump(firsts, sub_bounds), whole))
        store(_path(digest), b"".join([MAGIC, len(head).to_bytes(8, "little"), head, *blobs]),
              keep=(PREFIX, SUFFIX, KEEP))
    except Exception as exc:  # noqa: BLE001 - unwritable cache folder…
        _note("未能写入错别字词表缓存：%s", exc)


# -- smaller tables: pypinyin's readings, the parsed typo lists ---------------------------------
# Each is one marshal blob named by a hash of the files it is read from (their paths, sizes and
# times) and of the module that reads them; read whole.

def digest_of(label: str, files: Iterable[Path]) -> str | None:
    """The hash naming a small table made from ``files`` (None when one cannot be read)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{label}|{FORMAT}|{sys.version}\n".encode())
    try:
        for path in files:
            _stat_line(h, label, path)
    except OSError:
        return None
    return h.hexdigest()


def load_small(prefix: str, digest: str | None):
    """The data stored under ``prefix`` and ``digest``, or None (none, unreadable, disabled)."""
    if digest is None or not cachedir.enabled():
        return None
    try:
        data = read_regular(cache_dir() / f"{prefix}{digest}{SUFFIX}", MAX_BYTES)
        return marshal.loads(data)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a bad cache file is rebuilt, never fatal
        _note("错别字词表缓存不可用，重新生成：%s", exc)
        return None


def save_small(prefix: str, digest: str | None, value) -> None:
    if digest is None or not cachedir.enabled():
        return
    try:
        store(cache_dir() / f"{prefix}{digest}{SUFFIX}", marshal.dumps(value),
              keep=(prefix, SUFFIX, KEEP))
    except Exception as exc:  # noqa: BLE001 - unwritable cache folder…
        _note("未能写入错别字词表缓存：%s", exc)
