"""Editor settings: validate what the client sends and layer it over ``wenfeng.toml``.

Precedence, lowest first (docs/PROTOCOL.md): built-in defaults < ``wenfeng.toml`` found from the
document's folder upward < ``initializationOptions`` < ``workspace/configuration`` answers (or,
for clients that cannot answer, the object pushed with ``workspace/didChangeConfiguration``).
Every key is validated on its own: a bad value is reported and only that key falls back, so one
typo never switches the whole configuration off.  Pure: no pygls here.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..config import EDITOR_ONLY_KEYS, Settings, config_search, layer, load_config, parse_partial
from ..errors import ConfigError

SECTION = "wenfeng"
DEFAULT_DEBOUNCE_MS = 150
DEFAULT_LANGUAGES = ("plaintext", "markdown")
#: Language ids editors use for the same thing (Neovim and Helix say "text", some say "md").
LANGUAGE_ALIASES = {"text": "plaintext", "txt": "plaintext", "plain": "plaintext",
                    "md": "markdown", "pandoc": "markdown"}


@dataclass(frozen=True)
class EditorLayer:
    """One validated settings object from the editor."""

    partial: Mapping[str, Any] = field(default_factory=dict)  # Settings fields
    debounce_ms: int | None = None
    languages: tuple[str, ...] | None = None
    errors: tuple[str, ...] = ()


def unwrap_initialization_options(options: Any) -> Any:
    """``{"settings": {…}}`` (PROTOCOL.md), ``{"wenfeng": {…}}`` (Helix, eglot) or the settings
    object itself."""
    if isinstance(options, Mapping):
        for key in ("settings", SECTION):
            if isinstance(options.get(key), Mapping):
                return options[key]
    return options


def parse_layer(raw: Any, origin: str, base_dir: str | None = None) -> EditorLayer:
    """Validate an editor settings object key by key; bad keys are reported and dropped."""
    if raw is None:
        return EditorLayer()
    if not isinstance(raw, Mapping):
        return EditorLayer(errors=(f"{origin}：设置应为对象（键值表），已忽略",))
    partial: dict[str, Any] = {}
    errors: list[str] = []
    debounce = languages = None
    for key, value in raw.items():
        if value is None:
            continue
        if key == "debounceMs":
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000:
                debounce = value
            else:
                errors.append(f"{origin}，“debounceMs”：应为 0–10000 的整数（毫秒）")
        elif key == "languages":
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                languages = tuple(value)
            else:
                errors.append(f"{origin}，“languages”：应为语言标识符的数组，如 [\"plaintext\", \"markdown\"]")
        elif key in EDITOR_ONLY_KEYS:
            continue
        else:
            try:
                partial.update(parse_partial({key: value}, origin=origin, editor=True,
                                             base_dir=base_dir))
            except ConfigError as exc:
                errors.append(str(exc))
    return EditorLayer(partial, debounce, languages, tuple(errors))


def checked_language(language_id: str | None, languages: tuple[str, ...]) -> bool:
    """Whether a document with this language id is checked under ``languages``."""
    if not language_id:
        return False
    wanted = {LANGUAGE_ALIASES.get(x, x) for x in languages}
    return LANGUAGE_ALIASES.get(language_id, language_id) in wanted


def editor_options(layers: tuple[EditorLayer, ...]) -> tuple[int, tuple[str, ...]]:
    """``(debounce ms, languages)`` after layering (later layers win)."""
    debounce: int = DEFAULT_DEBOUNCE_MS
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    for lay in layers:
        debounce = lay.debounce_ms if lay.debounce_ms is not None else debounce
        languages = lay.languages if lay.languages is not None else languages
    return debounce, languages


#: Seconds a document's wenfeng.toml look-up is trusted before the folders are searched again.
LOOK_AGAIN = 1.0


class ConfigFiles:
    """``wenfeng.toml`` lookups, re-read only when the file changes (checks run on every edit).

    Finding the file walks up the folders with a ``stat`` or two at each level — a tenth of a
    millisecond or more, on every keystroke — so a document's answer is kept for
    :data:`LOOK_AGAIN` seconds, and dropped at once by :meth:`forget`, which the server calls
    when the client says a wenfeng.toml changed or a file was saved."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[int, int], Settings | ConfigError]] = {}
        self._recent: dict[str, tuple[float, Settings, tuple[str, ...]]] = {}
        self._lock = threading.Lock()

    def forget(self) -> None:
        """Search the folders again at the next check (a wenfeng.toml may have changed)."""
        with self._lock:
            self._recent.clear()

    def settings_for(self, path: str | None) -> tuple[Settings, list[str]]:
        """Defaults < the nearest wenfeng.toml; a broken file is reported and skipped."""
        if not path or not os.path.isabs(path):
            return Settings(), []
        now = time.monotonic()
        with self._lock:
            recent = self._recent.get(path)
        if recent is not None and now - recent[0] < LOOK_AGAIN:
            return recent[1], list(recent[2])
        settings, problems = self._search(path)
        with self._lock:
            if len(self._recent) > 256:  # (documents come and go: old answers are dropped)
                self._recent.clear()
            self._recent[path] = (now, settings, tuple(problems))
        return settings, problems

    def _search(self, path: str) -> tuple[Settings, list[str]]:
        try:
            config, skipped = config_search(Path(path).parent)
        except OSError:
            config, skipped = None, []
        passed_over = [f"未使用 {cfg}：{reason}，可能被人改动" for cfg, reason in skipped]
        if config is None:
            return Settings(), passed_over
        try:
            st = config.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            return Settings(), []
        key = str(config)
        with self._lock:
            cached = self._cache.get(key)
        if cached is None or cached[0] != stamp:
            try:
                value: Settings | ConfigError = load_config(config)
            except ConfigError as exc:
                value = exc
            with self._lock:
                self._cache[key] = (stamp, value)
        else:
            value = cached[1]
        if isinstance(value, ConfigError):
            return Settings(), [*passed_over, f"{value}（已忽略此配置文件）"]
        return value, passed_over


def resolve(path: str | None, layers: tuple[EditorLayer, ...], files: ConfigFiles,
            ) -> tuple[Settings, list[str]]:
    """The Settings for one document and the problems met on the way."""
    settings, problems = files.settings_for(path)
    for lay in layers:
        settings = layer(settings, lay.partial)
    return settings, problems
