"""The typo engine's word tables kept on disk, keyed by everything they are made from.

The spelling model needs jieba's dictionary as a frequency table (parsing ``dict.txt`` and
merging the user words: about 0.7 s) and an index of its words by blanked character and sound
(about 0.7–1.4 s).  Both depend only on the dictionary file, the segmenter's user words (the
lexicon terms), the list typos kept out of the index, pypinyin's reading table and wenfeng's own
code — so they are written once into the cache folder (:func:`wenfeng.cachedir.cache_dir`, private
0700) and read back in a fraction of the time by the next process or language server.

The file is plain ``marshal`` data — dicts of strings, ints and tuples, no code, no pickle — and
is checked for shape when read.  Anything wrong with it (missing, stale, truncated, another
format) means the tables are built again; ``WENFENG_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import marshal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..cachedir import cache_dir, store
from ..safe_read import read_regular
from ..segment import Frequencies

if TYPE_CHECKING:
    from ..segment import Segmenter

PREFIX = "typo-tables-"
SUFFIX = ".marshal"
KEEP = 4  # files kept (about 11 MB each: one per lexicon set); the oldest are removed beyond this
FORMAT = 1
MAX_BYTES = 64 * 1024 * 1024
#: the modules whose code decides what the tables hold
_CODE = ("proofread/spelling.py", "proofread/confusion.py", "proofread/tables_cache.py",
         "segment.py")

Index = dict[str, dict[str, tuple[str, ...]]]


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


def load(digest: str) -> tuple[Frequencies, Index] | None:
    """The frequency table and the word index stored under ``digest``, or None."""
    try:
        data = read_regular(_path(digest), MAX_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _note("错别字词表缓存不可用，重新生成：%s", exc)
        return None
    enabled_gc = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects: no collection halfway through
    try:
        fmt, table, reach, total, index = marshal.loads(data)
        if (fmt != FORMAT or not isinstance(table, dict) or not isinstance(reach, dict)
                or not isinstance(total, int) or not isinstance(index, dict)):
            raise ValueError("格式不符")
        return Frequencies.from_parts(table, reach, total), index
    except Exception as exc:  # noqa: BLE001 - a bad cache file is rebuilt, never fatal
        _note("错别字词表缓存不可用，重新生成：%s", exc)
        return None
    finally:
        if enabled_gc:
            gc.enable()


def save(digest: str, freqs: Frequencies, index: Index) -> None:
    """Write the tables atomically (a failure only costs the next start the build time)."""
    try:
        data = marshal.dumps((FORMAT, freqs.table, freqs.reach, freqs.total, index))
        store(_path(digest), data, keep=(PREFIX, SUFFIX, KEEP))
    except Exception as exc:  # noqa: BLE001 - unwritable cache folder…
        _note("未能写入错别字词表缓存：%s", exc)
