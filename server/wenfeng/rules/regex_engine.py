"""A linear-time engine for the user patterns Python's ``re`` could take minutes on.

The shape screen in :mod:`.matching` refuses nested and overlapping repeats, but a pattern
such as ``.*的.*的.*的.*吗`` passes it and still backtracks polynomially: over 150 s on one long
paragraph.  A user lexicon's pattern with two or more unbounded repeats of a broad item (``.``,
a negated class, ``\\w``/``\\S``…) is therefore run by RE2 (``google-re2``, linear time) when it
is installed and can express the pattern; otherwise the rule is refused with a clear reason.
Every other pattern — and every shipped one, reviewed with its examples — stays on ``re``.

:func:`vet_user_rule` is called when a user lexicon is loaded; :func:`lookup` is consulted by
``matching.compile_pattern``.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

try:
    import re._parser as _sre_parse  # Python ≥ 3.11
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

try:
    import re2 as _re2
except ImportError:  # not installed, or no wheel for this platform: refuse instead
    _re2 = None

_UNBOUNDED = 100
#: Rule keys holding a user regex, and how the matching code wraps each (see matching.Conditions).
REGEX_KEYS = {"pattern": "{}", "followed_by": "{}", "not_followed_by": "{}",
              "preceded_by": "(?:{})$", "not_preceded_by": "(?:{})$"}
_RE2_PATTERNS: dict[str, Any] = {}   # pattern text → compiled RE2 object
_BROAD_CATEGORIES = {"CATEGORY_NOT_DIGIT", "CATEGORY_WORD", "CATEGORY_NOT_WORD",
                     "CATEGORY_NOT_SPACE", "CATEGORY_SPACE", "CATEGORY_NOT_LINEBREAK"}


def _broad(items) -> bool:
    for op, av in items:
        name = str(op)
        if name in ("ANY", "NOT_LITERAL"):
            return True
        if name == "IN" and any(str(o) == "NEGATE"
                                or (str(o) == "CATEGORY" and str(a) in _BROAD_CATEGORIES)
                                for o, a in av):
            return True
        if name == "SUBPATTERN" and _broad(av[-1]):
            return True
        if name == "BRANCH" and any(_broad(b) for b in av[1]):
            return True
    return False


def broad_unbounded(parsed) -> int:
    """How many unbounded repeats of a broad item the parsed pattern holds."""
    n = 0
    for op, av in parsed:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            if (high is _sre_parse.MAXREPEAT or high > _UNBOUNDED) and _broad(sub):
                n += 1
            n += broad_unbounded(sub)
        elif name == "SUBPATTERN":
            n += broad_unbounded(av[-1])
        elif name == "BRANCH":
            n += max(broad_unbounded(b) for b in av[1])
        elif name in ("ASSERT", "ASSERT_NOT"):
            n += broad_unbounded(av[1])
    return n


class Linear:
    """An RE2 pattern with the parts of ``re.Pattern`` the rules use (``pattern``, ``flags``,
    ``finditer``, ``search``, ``match``, ``sub``); matches are RE2's, with the same methods."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        options = _re2.Options()
        options.log_errors = False  # RE2 would print its parse errors to stderr
        inline = ("i" if flags & re.IGNORECASE else "") + ("m" if flags & re.MULTILINE else "")
        self._compiled = _re2.compile(f"(?{inline}){pattern}" if inline else pattern, options)
        self.pattern = pattern
        self.flags = re.UNICODE | flags
        self.groupindex = dict(re.compile(pattern).groupindex)

    def finditer(self, text: str, *args):
        return self._compiled.finditer(text, *args)

    def search(self, text: str, *args):
        return self._compiled.search(text, *args)

    def match(self, text: str, *args):
        return self._compiled.match(text, *args)

    def sub(self, template, text: str, count: int = 0):
        return self._compiled.sub(template, text, count)


def _re2_compile(pattern: str, flags: int = 0) -> Linear:
    return Linear(pattern, flags)


def vet(pattern: str) -> None:
    """Register ``pattern`` for RE2 if Python's ``re`` could be slow on it; ValueError if it
    cannot be run safely."""
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return  # compile_pattern reports it
    count = broad_unbounded(parsed)
    if count < 2 or pattern in _RE2_PATTERNS:
        return
    if _re2 is not None:
        try:
            _RE2_PATTERNS[pattern] = _re2_compile(pattern)
            for forget in ON_NEW_PATTERN:  # compile caches may hold the re version already
                forget()
            return
        except Exception:  # lookarounds, back references: RE2 cannot run it
            pass
    raise ValueError(f"正则表达式含 {count} 处无上限的宽泛重复（如 .*），在长段落上可能极慢；"
                     "请改用有上限的重复（如 .{0,30}）" + ("" if _re2 is not None else "，或安装 google-re2"))


#: Called when a pattern moves to RE2 (matching registers its compile cache's clear here,
#: so this module needs no import of matching).
ON_NEW_PATTERN: list[Callable[[], None]] = []


def vet_user_rule(params: Mapping[str, Any]) -> None:
    """Vet every regex of a user rule; ValueError carries ``key`` (the rule key at fault)."""
    for key, wrap in REGEX_KEYS.items():
        value = params.get(key)
        if isinstance(value, str) and value:
            try:
                vet(wrap.format(value))
            except ValueError as exc:
                exc.key = key  # type: ignore[attr-defined]
                raise


def lookup(pattern: str):
    """The RE2 object registered for ``pattern``, or None (use ``re``)."""
    return _RE2_PATTERNS.get(pattern)


def with_flags(regex, flags: int):
    """``regex`` recompiled with ``re`` flags (IGNORECASE, MULTILINE), on its own engine."""
    if lookup(regex.pattern) is regex:
        return _re2_compile(regex.pattern, flags)
    return re.compile(regex.pattern, flags)
