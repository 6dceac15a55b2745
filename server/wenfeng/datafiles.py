"""The shipped data and how TOML data files are read: one place for file:line errors.

:func:`packaged_root` finds the shipped ``lexicons/`` folder (inside the wheel as
``wenfeng/_lexicons``; in a checkout or editable install, the repository's ``lexicons/``);
:func:`read_toml` reads a file or raises :class:`~wenfeng.errors.LexiconError` naming its line;
:func:`key_line` finds the line of a key for the errors found after parsing.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from .errors import LexiconError
from .safe_read import read_text


def packaged_root() -> Path:
    """The built-in lexicon folder: ``$WENFENG_BUILTIN_LEXICONS`` (tests swap the rule set this
    way), else the shipped one."""
    override = os.environ.get("WENFENG_BUILTIN_LEXICONS")
    return Path(override) if override else shipped_root()


def shipped_root() -> Path:
    """The shipped lexicon folder (wheel: package data; checkout/editable: repo ``lexicons/``)."""
    here = Path(__file__).resolve().parent  # the wenfeng package
    wheel = here / "_lexicons"
    if wheel.is_dir():
        return wheel
    repo = here.parents[1] / "lexicons"
    if repo.is_dir():
        return repo
    raise LexiconError("找不到内置词库（lexicons）；安装可能不完整，请重新安装 wenfeng")


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    # lazy: with the compiled lexicons cached, most runs read no TOML at all
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        raw = read_text(path).replace("\r\n", "\n")  # (read_text's universal newlines)
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取：{exc}", path=str(path)) from None
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        msg = str(exc)
        if line is None:
            m = re.search(r"line (\d+)", msg)
            line = int(m.group(1)) if m else None
        raise LexiconError(f"TOML 语法错误：{msg}", path=str(path), line=line) from None


def key_line(raw: str, rule_id: str | None, key: str) -> int | None:
    """Best-effort 1-based line of ``key = …`` inside the table of ``rule_id`` in ``raw``."""
    lines = raw.splitlines()
    start = 0
    if rule_id:
        for n, line in enumerate(lines):
            if re.match(rf'^\s*id\s*=\s*["\']{re.escape(rule_id)}["\']', line):
                start = n
                # the table header is usually just above the id line
                for back in range(n, max(-1, n - 5), -1):
                    if lines[back].strip().startswith("[[rules]]"):
                        start = back
                        break
                break
    k = re.escape(key)
    # `key = …`, `"key" = …`, or a table header naming it: [rules.key], [limits."key"]
    pattern = re.compile(rf'^\s*(?:["\']?{k}["\']?\s*=|\[+[^\]]*(?:^|[."\'\[\s]){k}["\']?\s*\]+)')
    for n in range(start, len(lines)):
        if n > start and lines[n].strip().startswith("[[rules]]"):
            break
        if pattern.match(lines[n]):
            return n + 1
    return start + 1 if rule_id else None
