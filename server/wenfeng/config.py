"""Settings: defaults, ``wenfeng.toml`` discovery, editor settings, and their precedence.

One immutable :class:`Settings` object reaches the engine.  It is built by layering partial
settings, lowest first: built-in defaults < ``wenfeng.toml`` (found from the file's folder upward
to the project or home folder, never one another user owns or can change; or ``--config``) <
editor ``initializationOptions`` < editor ``workspace/configuration`` < CLI flags.  Unknown keys
are errors naming the file, line and key; editors get the same messages.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any, Mapping

from .datafiles import key_line, read_toml
from .doctypes import canonical
from .errors import ConfigError
from .metrics.limits import METRICS, USER_SOURCE, Limit, parse_limit
from .model import Level

CONFIG_NAME = "wenfeng.toml"

# wenfeng.toml key → (Settings field, expected type); editor camelCase names map to the same.
TOML_KEYS: dict[str, tuple[str, type | tuple[type, ...]]] = {
    "profile": ("profile", str),
    "doctype": ("doctype", str),
    "speaking_rate": ("speaking_rate", int),
    "limits": ("limits", dict),
    "rules": ("rules", dict),
    "levels": ("levels", dict),
    "lexicons": ("lexicons", list),
    "allowlist": ("allowlist", list),
    "files": ("files", dict),
}
EDITOR_KEYS: dict[str, str] = {
    "profile": "profile", "doctype": "doctype", "speakingRate": "speaking_rate",
    "limits": "limits", "rules": "rules", "levels": "levels", "lexiconPaths": "lexicons",
    "allowlist": "allowlist", "files": "files",
}
#: Editor-only keys the language server reads itself (accepted, not part of Settings).
EDITOR_ONLY_KEYS = {"debounceMs", "languages", "trace", "interpreter", "importStrategy",
                    "documentSelector", "enable", "showNotifications"}


@dataclass(frozen=True)
class Settings:
    """Everything that changes what a check reports (immutable; build with :func:`layer`)."""

    profile: str = "jingzhou-2019"
    doctype: str | None = None
    speaking_rate: int | None = None
    limits: Mapping[str, Mapping[str, Limit]] = field(default_factory=dict)
    rules: Mapping[str, bool] = field(default_factory=dict)
    levels: Mapping[str, Level] = field(default_factory=dict)
    lexicons: tuple[str, ...] = ()
    allowlist: frozenset[str] = frozenset()
    files: tuple[tuple[str, str], ...] = ()
    ignores: frozenset[tuple[str, str]] = frozenset()  # (rule id, fingerprint) from the editor
    base_dir: str | None = None  # folder of the wenfeng.toml, for [files] globs

    # -- questions the engine asks ----------------------------------------------------------
    def rule_enabled(self, rule_id: str) -> bool:
        if rule_id in self.rules:
            return self.rules[rule_id]
        return self.rules.get(rule_id[0], True)

    def level_for(self, rule_id: str, default: Level) -> Level:
        return self.levels.get(rule_id) or self.levels.get(rule_id[0]) or default

    def rate_for(self, profile) -> int:
        return self.speaking_rate or profile.speaking_rate

    def limits_for(self, profile, doctype: str) -> dict[str, Limit]:
        """The profile's limits for ``doctype`` with the user's overrides merged field by field:
        a value the user gives wins; an inherited value that would contradict it is dropped.
        An override that repeats the profile's numbers keeps the profile's 依据 (unless it names
        its own), so restating the defaults in a settings file does not hide the clause."""
        merged = dict(profile.limits.get(doctype, {}))
        for metric, user in self.limits.get(doctype, {}).items():
            base = merged.get(metric)
            if base is None:
                merged[metric] = user
                continue
            general = user.general if user.general is not None else base.general
            maximum = user.maximum if user.maximum is not None else base.maximum
            if general is not None and maximum is not None and maximum < general:
                if user.general is not None:
                    maximum = user.maximum
                else:
                    general = None
            same = (general, maximum) == (base.general, base.maximum) and user.source == USER_SOURCE
            merged[metric] = Limit(general, maximum, base.source if same else user.source)
        return merged

    def doctype_for(self, path: str | None) -> str | None:
        """The configured 文种 for ``path``: a [files] glob match first, then ``doctype``."""
        if path:
            candidates = {PurePath(path).name, PurePath(path).as_posix()}
            if self.base_dir:
                try:
                    candidates.add(Path(path).resolve().relative_to(
                        Path(self.base_dir).resolve()).as_posix())
                except ValueError:
                    pass
            for pattern, doctype in self.files:
                if any(fnmatch.fnmatch(c, pattern) for c in candidates):
                    return doctype
        return self.doctype

    @property
    def cache_key(self) -> tuple:
        """What the per-block cache must be keyed on besides the text (rule selection/levels)."""
        return (self.profile, tuple(sorted(self.rules.items())),
                tuple(sorted((k, int(v)) for k, v in self.levels.items())),
                self.lexicons, tuple(sorted(self.allowlist)))


def _type_name(t) -> str:
    names = {str: "字符串", int: "整数", dict: "表", list: "数组", bool: "true/false"}
    return names.get(t, str(t))


def parse_partial(data: Mapping[str, Any], *, origin: str, raw: str | None = None,
                  editor: bool = False, base_dir: str | None = None) -> dict[str, Any]:
    """Validate one layer (a wenfeng.toml or an editor settings object) into Settings fields."""
    def fail(key: str, message: str) -> None:
        line = key_line(raw, None, key.split(".")[-1]) if raw else None
        raise ConfigError(message, path=origin, line=line, key=key)

    out: dict[str, Any] = {}
    for key, value in data.items():
        if editor:
            if key in EDITOR_ONLY_KEYS:
                continue
            if key not in EDITOR_KEYS:
                fail(key, f"未知设置项（可用：{'、'.join(sorted(set(EDITOR_KEYS) | EDITOR_ONLY_KEYS))}）")
            name = EDITOR_KEYS[key]
            expected = TOML_KEYS[name][1]
        else:
            if key not in TOML_KEYS:
                fail(key, f"未知配置项（可用：{'、'.join(TOML_KEYS)}）")
            name, expected = TOML_KEYS[key]
        if value is None:
            continue
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            fail(key, f"应为{_type_name(expected)}")
        out[name] = _convert(name, value, key, fail, base_dir)
    return out


def _convert(name: str, value: Any, key: str, fail, base_dir: str | None) -> Any:
    if name == "doctype":
        try:
            return canonical(value) or None
        except ValueError as exc:
            fail(key, str(exc))
    if name == "speaking_rate":
        if not 120 <= value <= 300:
            fail(key, "语速应在 120–300 字/分钟之间（《规范》参考 180–220）")
        return value
    if name == "limits":
        limits: dict[str, dict[str, Limit]] = {}
        for doctype, metrics in value.items():
            try:
                doctype_name = canonical(doctype)
            except ValueError as exc:
                fail(f"{key}.{doctype}", str(exc))
            if not isinstance(metrics, dict):
                fail(f"{key}.{doctype}", "应为表，如 {words = {general = 1500}}")
            limits[doctype_name] = {}
            for metric, spec in metrics.items():
                if metric not in METRICS:
                    fail(f"{key}.{doctype}.{metric}", f"未知指标（可用：{'、'.join(METRICS)}）")
                limits[doctype_name][metric] = parse_limit(spec, f"{key}.{doctype}.{metric}", fail)
        return limits
    if name == "rules":
        for k, v in value.items():
            if not isinstance(v, bool):
                fail(f"{key}.{k}", "应为 true 或 false")
        return dict(value)
    if name == "levels":
        levels = {}
        for k, v in value.items():
            try:
                levels[k] = Level.parse(str(v))
            except ValueError as exc:
                fail(f"{key}.{k}", str(exc))
        return levels
    if name == "lexicons":
        out = []
        for item in value:
            if not isinstance(item, str):
                fail(key, "应为文件夹路径的数组")
            p = Path(item).expanduser()
            if not p.is_absolute() and base_dir:
                p = Path(base_dir) / p
            out.append(str(p))
        return tuple(out)
    if name == "allowlist":
        if not all(isinstance(t, str) for t in value):
            fail(key, "应为字符串数组")
        return frozenset(value)
    if name == "files":
        files = []
        for pattern, doctype in value.items():
            try:
                files.append((pattern, canonical(str(doctype))))
            except ValueError as exc:
                fail(f"{key}.{pattern}", str(exc))
        return tuple(files)
    return value


def layer(base: Settings, partial: Mapping[str, Any]) -> Settings:
    """Apply one validated layer; tables (limits, rules, levels) merge key by key."""
    changes = dict(partial)
    for name in ("rules", "levels"):
        if name in changes:
            changes[name] = {**getattr(base, name), **changes[name]}
    if "limits" in changes:
        merged = {k: dict(v) for k, v in base.limits.items()}
        for doctype, metrics in changes["limits"].items():
            merged.setdefault(doctype, {}).update(metrics)
        changes["limits"] = merged
    if "lexicons" in changes:
        changes["lexicons"] = tuple(dict.fromkeys(base.lexicons + changes["lexicons"]))
    if "allowlist" in changes:
        changes["allowlist"] = base.allowlist | changes["allowlist"]
    if "files" in changes:
        changes["files"] = changes["files"] + base.files
    return replace(base, **changes)


#: Folders that mark a project's root: the search for wenfeng.toml stops there.
PROJECT_MARKERS = (".git", ".hg", ".svn", ".bzr", ".jj", "_darcs", ".fslckout")


def untrusted(path: Path) -> str | None:
    """Why a wenfeng.toml must not be used (None: it may be): owned by someone else, or
    writable by others — anyone could then change what every draft below it is checked with."""
    if not hasattr(os, "geteuid"):
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_uid != os.geteuid():
        return "该文件属于其他用户"
    if st.st_mode & 0o022:
        return "其他用户可以修改该文件"
    return None


def config_search(start: str | os.PathLike[str]) -> tuple[Path | None, list[tuple[Path, str]]]:
    """The nearest usable ``wenfeng.toml`` from ``start`` (a file or its folder) up to the
    project root (a folder holding .git, .hg, .svn …) or the home folder, whichever comes first;
    and the files passed over on the way, with the reason."""
    p = Path(start).resolve()
    if p.is_file() or not p.exists():
        p = p.parent
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        home = None
    skipped: list[tuple[Path, str]] = []
    for folder in (p, *p.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            reason = untrusted(candidate)
            if reason is None:
                return candidate, skipped
            skipped.append((candidate, reason))
        if folder == home or any((folder / marker).exists() for marker in PROJECT_MARKERS):
            break
    return None, skipped


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The ``wenfeng.toml`` that applies to drafts in ``start`` (see :func:`config_search`)."""
    return config_search(start)[0]


def load_config(path: str | os.PathLike[str], base: Settings | None = None) -> Settings:
    """Read one wenfeng.toml on top of ``base``."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError("配置文件不存在", path=str(p))
    try:
        data, raw = read_toml(p)
    except Exception as exc:  # LexiconError from read_toml: re-label as a config problem
        raise ConfigError(getattr(exc, "detail", str(exc)), path=str(p),
                          line=getattr(exc, "line", None)) from None
    partial = parse_partial(data, origin=str(p), raw=raw, base_dir=str(p.parent))
    settings = layer(base or Settings(), partial)
    return replace(settings, base_dir=str(p.parent))


def settings_for_path(path: str | None, explicit_config: str | None = None,
                      base: Settings | None = None) -> Settings:
    """Defaults < discovered (or explicit) wenfeng.toml."""
    base = base or Settings()
    config = Path(explicit_config) if explicit_config else (find_config(path) if path else None)
    return load_config(config, base) if config else base
