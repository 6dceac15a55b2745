"""Errors a person can act on.

Every problem with user input (a file, a config, a lexicon) is raised as a subclass of
``WenfengError`` carrying a one-line Chinese message that names the file and, where it applies,
the line and key.  The CLI prints ``str(error)`` and exits 2; the language server shows it to the
user.  Nothing else in the code base should print tracebacks at a user.
"""

from __future__ import annotations


class WenfengError(Exception):
    """Base class: ``str()`` is the whole one-line message."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        self.path = path
        self.line = line
        self.key = key
        # one line, always: a parser's own message may span several (lxml's does)
        self.detail = " ".join(message.split("\n")).replace("\r", " ") if "\n" in message \
            or "\r" in message else message
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.path:
            where.append(str(self.path) + (f":{self.line}" if self.line else ""))
        if self.key:
            where.append(f"“{self.key}”")
        prefix = "，".join(where)
        return f"{prefix}：{self.detail}" if prefix else self.detail


class InputError(WenfengError):
    """A document that cannot be read (missing, empty, binary, undecodable, corrupt)."""


class ConfigError(WenfengError):
    """A wenfeng.toml or editor setting that is malformed or unknown."""


class LexiconError(WenfengError):
    """A rule, profile, dictionary or allowlist file that is malformed."""
