"""Find and load the lexicons: rule files, limit profiles, dictionaries and allowlists.

The shipped lexicons sit inside the wheel as ``wenfeng/_lexicons``; in an editable install (or a
checkout) they are the repository's ``lexicons/`` folder.  Users add folders of the same layout;
their rules replace shipped rules with the same id.  Every problem is a :class:`LexiconError`
naming the file, line and key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .. import doctypes
from ..datafiles import key_line, packaged_root, read_toml
from ..errors import LexiconError
from ..metrics.limits import METRICS, Limit, parse_limit
from ..safe_read import read_text
from . import kinds
from .regex_engine import vet_user_rule
from .spec import Rule, parse_rule

DEFAULT_PROFILE = "jingzhou-2019"


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    source: str
    speaking_rate: int
    limits: dict[str, dict[str, Limit]]
    file: str = ""


@dataclass(frozen=True)
class Group:
    """A rule group: the first letter of its rules' ids, a short name and a title."""

    id: str
    name: str
    title: str


@dataclass
class Lexicon:
    """Everything loaded from one or more lexicon folders."""

    rules: dict[str, Rule] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    dict_words: list[tuple[str, int | None]] = field(default_factory=list)
    allowlists: dict[str, frozenset[str]] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)  # in report-column order
    roots: tuple[Path, ...] = ()

    def group_name(self, group: str) -> str:
        return self.groups[group].name if group in self.groups else group


def _load_groups(path: Path) -> list[Group]:
    """``groups.toml``: ``[[groups]]`` tables with id, name and title."""
    data, raw = read_toml(path)
    out = []
    for n, table in enumerate(data.get("groups", [])):
        for key in ("id", "name", "title"):
            if not isinstance(table.get(key), str) or not table[key]:
                raise LexiconError("分组应有 id、name、title 三项文字", path=str(path),
                                   line=key_line(raw, None, key), key=f"groups[{n}].{key}")
        out.append(Group(table["id"], table["name"], table["title"]))
    return out


def _load_profile(path: Path, doctype_names: set[str]) -> Profile:
    data, raw = read_toml(path)

    def fail(key: str, message: str) -> None:
        raise LexiconError(message, path=str(path), line=key_line(raw, None, key.split(".")[-1]),
                           key=key)

    allowed = {"name", "title", "source", "speaking_rate", "limits", "note"}
    for key in data:
        if key not in allowed:
            fail(key, f"未知键（可用：{'、'.join(sorted(allowed))}）")
    for key in ("name", "title", "source", "limits"):
        if key not in data:
            fail(key, "缺少必填项")
    limits: dict[str, dict[str, Limit]] = {}
    for doctype, metrics in data["limits"].items():
        if doctype not in doctype_names:
            fail(f"limits.{doctype}", f"未知文种 “{doctype}”")
        limits[doctype] = {}
        for metric, spec in metrics.items():
            if metric not in METRICS:
                fail(f"limits.{doctype}.{metric}", f"未知指标（可用：{'、'.join(METRICS)}）")
            limits[doctype][metric] = parse_limit(spec, f"limits.{doctype}.{metric}", fail,
                                                  require_source=True)
    rate = data.get("speaking_rate", 200)
    if not isinstance(rate, int) or not 120 <= rate <= 300:
        fail("speaking_rate", "语速应为 120–300 之间的整数（字/分钟）")
    return Profile(name=data["name"], title=data["title"], source=data["source"],
                   speaking_rate=rate, limits=limits, file=str(path))


def _read_wordlist(path: Path) -> list[str]:
    try:
        lines = read_text(path).splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取：{exc}", path=str(path)) from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _vet_user_patterns(rule: Rule, path: Path, raw: str) -> None:
    try:
        vet_user_rule(rule.params)
    except ValueError as exc:
        key = getattr(exc, "key", "pattern")
        raise LexiconError(str(exc), path=str(path), line=key_line(raw, rule.id, key),
                           key=f"{rule.id}.{key}") from None


def roots_for(extra_roots: Iterable[str | Path] = ()) -> list[Path]:
    """The folders :func:`load` reads: the shipped lexicons, then ``extra_roots``."""
    return [packaged_root()] + [Path(r).expanduser() for r in extra_roots]


def load(extra_roots: Iterable[str | Path] = ()) -> Lexicon:
    """Load the shipped lexicons plus ``extra_roots`` (later folders override earlier ones)."""
    doctype_names = set(doctypes.NAMES)
    roots = roots_for(extra_roots)
    lex = Lexicon(roots=tuple(roots))
    for root in roots:
        if not root.is_dir():
            raise LexiconError("词库文件夹不存在", path=str(root))
        if (root / "groups.toml").is_file():
            lex.groups.update((g.id, g) for g in _load_groups(root / "groups.toml"))
        for path in sorted((root / "profiles").glob("*.toml")):
            profile = _load_profile(path, doctype_names)
            lex.profiles[profile.name] = profile
        for path in sorted((root / "allowlists").glob("*.txt")):
            lex.allowlists[path.stem] = frozenset(_read_wordlist(path))
        for path in sorted((root / "dicts").glob("*.txt")):
            for line in _read_wordlist(path):
                parts = line.split()
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                lex.dict_words.append((parts[0], freq))
        seen_here: dict[str, str] = {}
        for path in sorted((root / "rules").glob("*.toml")):
            data, raw = read_toml(path)
            tables = data.get("rules")
            unknown = set(data) - {"rules", "group", "title", "source"}
            if unknown:
                key = sorted(unknown)[0]
                raise LexiconError("未知键（规则文件顶层可用：rules、group、title、source）",
                                   path=str(path), line=key_line(raw, None, key), key=key)
            if not isinstance(tables, list):
                raise LexiconError("规则文件应包含 [[rules]] 表", path=str(path))
            group, title = data.get("group"), data.get("title")
            if isinstance(group, str) and isinstance(title, str) and group not in lex.groups:
                lex.groups[group] = Group(group, title, title)  # a user file's own group
            for table in tables:
                rule = parse_rule(table, file=str(path), raw=raw, kind_keys=kinds.KIND_KEYS,
                                  doctype_names=doctype_names, kind_aliases=kinds.ALIASES)
                if root is not roots[0]:  # a user lexicon: slow patterns to RE2 or refused
                    _vet_user_patterns(rule, path, raw)
                if rule.id in seen_here:
                    raise LexiconError(f"规则编号重复（另见 {seen_here[rule.id]}）", path=str(path),
                                       key=rule.id)
                seen_here[rule.id] = str(path)
                lex.rules[rule.id] = rule
    if DEFAULT_PROFILE not in lex.profiles:
        raise LexiconError(f"内置词库缺少默认限额方案 {DEFAULT_PROFILE}", path=str(roots[0]))
    return lex
