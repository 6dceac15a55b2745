"""The proofreading data in ``lexicons/typos/``: published word lists, the 形近字 table and the
fixed phrases.  Every lexicon root may carry a ``typos/`` folder; a user's entries add to (and,
with the same id, replace) the shipped ones.  Problems are :class:`LexiconError` naming the file."""

from __future__ import annotations

import re
import sys
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Iterable

from ..errors import LexiconError
from . import tables_cache

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

GRADES = ("必错", "疑似", "提示")


@dataclass(frozen=True)
class ListEntry:
    id: str
    wrong: str
    suggestion: str
    grade: str
    condition: str
    group: str
    note: str
    source: str
    enabled: bool = True
    covered_by: str = ""  # a wenfeng rule that already reports this entry
    adds_to: str = ""  # a wenfeng rule that judges the same word in other contexts
    in_titles: bool = False  # also inside 《…》 (an organ's name in a quoted document title)


@dataclass(frozen=True)
class TypoData:
    entries: tuple[ListEntry, ...]
    shapes: dict[str, str]  # a character → the characters that look like it
    phrases: tuple[str, ...]
    terms: frozenset[str] = frozenset()
    #: groups of real words drafters type for each other (实施/设施): ``confusable_words.txt``
    word_groups: tuple[tuple[str, ...], ...] = ()


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"无法读取校对词表：{exc}", path=str(path)) from None


CONDITIONS = ("后接", "不后接", "前接", "不前接", "正则")


def split_condition(condition: str) -> tuple[str, str] | None:
    """``(head, rest)`` of a 命中条件 such as ``后接:A|B`` (full-width colon too); None for 总是."""
    cond = condition.strip()
    if cond == "总是":
        return None
    head, _, rest = cond.replace("：", ":", 1).partition(":")
    return head, rest


def check_condition(entry: ListEntry, path: Path) -> None:
    """A user's list names its file and entry when a 命中条件 is malformed."""
    if (split := split_condition(entry.condition)) is None:
        return
    head, rest = split
    cond = entry.condition.strip()
    key = f"entry.{entry.id}.condition"
    if head not in CONDITIONS:
        raise LexiconError(f"{entry.id} 的命中条件“{cond}”无法识别", path=str(path), key=key)
    if head == "正则":
        try:
            re.compile(rest)
        except re.error as exc:
            raise LexiconError(f"{entry.id} 的正则有误：{exc}", path=str(path), key=key) from None


def _entries(path: Path) -> list[ListEntry]:
    data = _read_toml(path)
    default_source = data.get("source", "")
    out = []
    for n, raw in enumerate(data.get("entry", []), 1):
        try:
            grade = raw["level"]
            if grade not in GRADES:
                raise LexiconError(f"第 {n} 条级别“{grade}”无法识别（可用：必错、疑似、提示）",
                                   path=str(path), key=f"entry.{raw.get('id', n)}.level")
            out.append(ListEntry(
                id=str(raw["id"]), wrong=str(raw["wrong"]), suggestion=str(raw["suggestion"]),
                grade=grade, condition=str(raw.get("condition", "总是")),
                group=str(raw.get("group", "")), note=str(raw.get("note", "")),
                source=str(raw.get("source", default_source)),
                enabled=bool(raw.get("enabled", True)),
                covered_by=str(raw.get("covered_by", "")),
                adds_to=str(raw.get("adds_to", "")),
                in_titles=bool(raw.get("in_titles", False))))
            check_condition(out[-1], path)
        except KeyError as exc:
            raise LexiconError(f"第 {n} 条缺少键 {exc.args[0]}", path=str(path),
                               key=f"entry.{raw.get('id', n)}") from None
    return out


def _shapes(path: Path, table: dict[str, set[str]]) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取形近字表：{exc}", path=str(path)) from None
    for line in lines:
        if line.startswith("#"):
            continue
        group = {c.strip() for c in line.replace(" ", ",").split(",")}
        group = {c for c in group if len(c) == 1}
        for c in group:
            table.setdefault(c, set()).update(group - {c})


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取校对词表：{exc}", path=str(path)) from None
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def load(roots: Iterable[Path]) -> TypoData:
    """The typo data of these lexicon roots: parsed (about 0.1 s: TOML, the 正则 checks) and
    kept in the cache folder, under a hash of every file read, for the next process."""
    files = _files(roots)
    digest = tables_cache.digest_of("typos", [*files, Path(__file__)])
    kept = tables_cache.load_small(_PREFIX, digest)
    try:
        entries, shapes, phrases, terms, groups = kept
        return TypoData(tuple(ListEntry(*e) for e in entries), shapes, phrases, terms, groups)
    except (TypeError, ValueError):  # none kept, or of another shape: parse the files
        pass
    data = _parse(files)
    tables_cache.save_small(_PREFIX, digest, (tuple(astuple(e) for e in data.entries),
                                              data.shapes, data.phrases, data.terms,
                                              data.word_groups))
    return data


_PREFIX = "typo-lists-"


def _files(roots: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        folder = Path(root) / "typos"
        if folder.is_dir():
            out += sorted(folder.glob("*.toml")) + sorted(folder.glob("*.txt"))
    return out


def _parse(files: list[Path]) -> TypoData:
    entries: dict[str, ListEntry] = {}
    shapes: dict[str, set[str]] = {}
    phrases: list[str] = []
    terms: set[str] = set()
    groups: list[tuple[str, ...]] = []
    for path in files:  # each root's *.toml, then its *.txt
        if path.suffix == ".toml":
            if path.name == "phrases.toml":
                data = _read_toml(path)
                phrases.extend(p for p in data.get("phrases", []) if isinstance(p, str))
                continue
            for entry in _entries(path):
                entries[entry.id] = entry
        elif path.name == "terms.txt":
            terms.update(_lines(path))
        elif path.name == "confusable_words.txt":
            groups.extend(g for g in (tuple(line.split()) for line in _lines(path))
                          if len(g) >= 2)
        else:
            _shapes(path, shapes)
    return TypoData(tuple(entries.values()), {c: "".join(sorted(s)) for c, s in shapes.items()},
                    tuple(dict.fromkeys(phrases)), frozenset(terms), tuple(groups))
