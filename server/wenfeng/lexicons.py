"""Find and load the lexicons: rule files, limit profiles, dictionaries and allowlists.

The shipped lexicons sit inside the wheel as ``wenfeng/_lexicons``; in an editable install (or a
checkout) they are the repository's ``lexicons/`` folder.  Users add folders of the same layout;
their rules replace shipped rules with the same id.  Every problem is a :class:`LexiconError`
naming the file, line and key.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import LexiconError
from .limits import METRICS, USER_SOURCE, Limit
from .rules.spec import Rule, parse_rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT_PROFILE = "jingzhou-2019"


def packaged_root() -> Path:
    """The shipped lexicon folder (wheel: package data; checkout/editable: repo ``lexicons/``)."""
    override = os.environ.get("WENFENG_BUILTIN_LEXICONS")
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    wheel = here / "_lexicons"
    if wheel.is_dir():
        return wheel
    repo = here.parents[1] / "lexicons"
    if repo.is_dir():
        return repo
    raise LexiconError("找不到内置词库（lexicons）；安装可能不完整，请重新安装 wenfeng")


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    source: str
    speaking_rate: int
    limits: dict[str, dict[str, Limit]]
    file: str = ""


@dataclass
class Lexicon:
    """Everything loaded from one or more lexicon folders."""

    rules: dict[str, Rule] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    dict_words: list[tuple[str, int | None]] = field(default_factory=list)
    allowlists: dict[str, frozenset[str]] = field(default_factory=dict)
    roots: tuple[Path, ...] = ()


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取：{exc}", path=str(path)) from None
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        msg = str(exc)
        if line is None:
            import re

            m = re.search(r"line (\d+)", msg)
            line = int(m.group(1)) if m else None
        raise LexiconError(f"TOML 语法错误：{msg}", path=str(path), line=line) from None


def _load_profile(path: Path, doctype_names: set[str]) -> Profile:
    data, raw = read_toml(path)
    from .rules.spec import key_line

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


def parse_limit(spec: Any, key: str, fail, require_source: bool = False) -> Limit:
    """``{general = 1500, maximum = 2000, source = "…"}`` (or a bare number = general)."""
    if isinstance(spec, (int, float)) and not isinstance(spec, bool):
        spec = {"general": spec}
    if not isinstance(spec, dict):
        fail(key, "限额应为表，如 {general = 1500, maximum = 2000}")
    unknown = set(spec) - {"general", "maximum", "source"}
    if unknown:
        fail(key, f"未知键 {'、'.join(sorted(unknown))}（可用：general、maximum、source）")
    values = {}
    for name in ("general", "maximum"):
        v = spec.get(name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0):
            fail(f"{key}.{name}", "应为正数")
        values[name] = v
    if values["general"] is None and values["maximum"] is None:
        fail(key, "至少要有 general 或 maximum")
    if values["general"] is not None and values["maximum"] is not None \
            and values["maximum"] < values["general"]:
        fail(f"{key}.maximum", "最高限额不能小于一般限额")
    if require_source and not spec.get("source"):
        fail(f"{key}.source", "限额必须注明依据")
    return Limit(values["general"], values["maximum"], spec.get("source", USER_SOURCE))


def _read_wordlist(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取：{exc}", path=str(path)) from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def load(extra_roots: Iterable[str | Path] = ()) -> Lexicon:
    """Load the shipped lexicons plus ``extra_roots`` (later folders override earlier ones)."""
    from .doctypes import NAMES
    from .rules import kinds

    doctype_names = set(NAMES)
    roots = [packaged_root()] + [Path(r).expanduser() for r in extra_roots]
    lex = Lexicon(roots=tuple(roots))
    for root in roots:
        if not root.is_dir():
            raise LexiconError("词库文件夹不存在", path=str(root))
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
                from .rules.spec import key_line

                raise LexiconError("未知键（规则文件顶层可用：rules、group、title、source）",
                                   path=str(path), line=key_line(raw, None, key), key=key)
            if not isinstance(tables, list):
                raise LexiconError("规则文件应包含 [[rules]] 表", path=str(path))
            for table in tables:
                rule = parse_rule(table, file=str(path), raw=raw, kind_keys=kinds.KIND_KEYS,
                                  doctype_names=doctype_names)
                if rule.id in seen_here:
                    raise LexiconError(f"规则编号重复（另见 {seen_here[rule.id]}）", path=str(path),
                                       key=rule.id)
                seen_here[rule.id] = str(path)
                lex.rules[rule.id] = rule
    if DEFAULT_PROFILE not in lex.profiles:
        raise LexiconError(f"内置词库缺少默认限额方案 {DEFAULT_PROFILE}", path=str(roots[0]))
    return lex
