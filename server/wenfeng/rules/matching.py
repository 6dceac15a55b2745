"""Shared matching machinery: width normalization, term alternations, context conditions.

Drafts pasted from the web mix full- and half-width forms ("妥否,请批示", "(一)"), so rules match
a normalized copy of the text.  Normalization maps code point to code point, so offsets in the
normalized text are offsets in the original.  User-supplied patterns are screened for nested
quantifiers (the classic catastrophic-backtracking shape) before they are compiled.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Iterable, Mapping

from ..lru import paragraph_cache
from ..traditional import to_simplified
from .regex_engine import ON_NEW_PATTERN, lookup

try:  # the regex parser, to read which characters a pattern cannot match without
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

class RuleKeyError(ValueError):
    """A kind's ``prepare`` rejecting one key of a rule (the loader reports its line)."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_TABLE = {ord(k): v for k, v in _HALF_TO_FULL.items()}
# full-width ASCII letters and digits → ASCII
_TABLE.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF10, 0xFF1A)})
_TABLE.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF21, 0xFF3B)})
_TABLE.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF41, 0xFF5B)})
_TABLE[0x3000] = " "
# What normalize changes, as one character class: most paragraphs contain none of it and are
# returned as they are without a per-character pass.
_TO_NORMALIZE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")


def normalize(text: str) -> str:
    """Same-length normalized copy of document text: a paragraph in traditional characters →
    simplified (rules are written in simplified), then :func:`normalize_width`."""
    return normalize_width(to_simplified(text))


def normalize_width(text: str) -> str:
    """Same-length copy: half-width ``,;:?!()`` → full width; full-width A-Z/0-9 → ASCII.  Used
    alone for lexicon terms, which must keep their characters (“答覆” is a variant to flag)."""
    if not _TO_NORMALIZE.search(text):
        return text
    return text.translate(_TABLE)


class LazyPattern:
    """A regex compiled on first use: what a compiled engine loaded from the lexicon cache holds
    in place of ``re.Pattern`` (most rules never run on a short draft — their prefilter says no
    — so most patterns are never compiled).  After the first use the pattern's methods are
    plain attributes, as fast to reach as on the compiled pattern."""

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __reduce__(self):
        return (LazyPattern, (self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"


def compile_lazy(obj: Any, depth: int = 4) -> int:
    """Compile every :class:`LazyPattern` inside ``obj`` (a kind's prepared data: dataclasses,
    dicts, lists, tuples) now; the number compiled.  For processes about to fork workers."""
    if isinstance(obj, LazyPattern):
        obj.search  # noqa: B018 - the first attribute access compiles it
        return 1
    if depth == 0 or isinstance(obj, (str, bytes, int, float, re.Pattern)) or obj is None:
        return 0
    if isinstance(obj, dict):
        items: Iterable[Any] = obj.values()
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = obj
    elif hasattr(obj, "__dataclass_fields__"):
        items = [getattr(obj, name) for name in obj.__dataclass_fields__]
    else:
        return 0
    return sum(compile_lazy(item, depth - 1) for item in items)


# A group that is quantified and contains a quantifier: (a+)+, (\w*)*, (x|y+){2,} …
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,\d*\})")
MAX_PATTERN_LENGTH = 2000


@lru_cache(maxsize=4096)  # checks compile their lexicon patterns on every run: parse each once
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a lexicon regex or raise ValueError with a Chinese reason."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"正则表达式过长（{len(pattern)} 字符，上限 {MAX_PATTERN_LENGTH}）")
    if _NESTED_QUANTIFIER.search(pattern):
        raise ValueError("正则表达式含嵌套量词（如 (a+)+），可能导致回溯失控，已拒绝")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"正则表达式无法编译：{exc}") from None
    reason = _backtracking_risk(_sre_parse.parse(pattern))
    if reason:
        raise ValueError(f"正则表达式{reason}，可能导致回溯失控，已拒绝；请改用有上限的重复（如 {{0,30}}）"
                         "或互不重叠的写法")
    return lookup(pattern) or compiled  # a user pattern re could be slow on runs on RE2


ON_NEW_PATTERN.append(compile_pattern.cache_clear)


# -- screening user patterns for catastrophic backtracking, on the parsed pattern (so nested
# groups, counted repeats and alternations are all seen): the shapes that make Python's
# backtracking engine exponential, or polynomial of high order, on one long paragraph.
_UNBOUNDED = 100  # a quantifier allowing more repetitions than this counts as unbounded
_BROAD = "broad"  # the class key of ``.``, negated classes, back references and the unknown


def _is(op, *names: str) -> bool:
    return any(op is getattr(_sre, name, None) for name in names)


def _is_repeat(op) -> bool:
    return _is(op, "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _flatten(items):
    """The items of a sequence with (capturing or not) groups opened up."""
    for op, av in items:
        if op is _sre.SUBPATTERN:
            yield from _flatten(av[-1])
        else:
            yield op, av


def _can_be_empty(items) -> bool:
    for op, av in _flatten(items):
        if _is_repeat(op):
            if av[0] > 0 and not _can_be_empty(av[2]):
                return False
        elif op is _sre.BRANCH:
            if not any(_can_be_empty(alt) for alt in av[1]):
                return False
        elif _is(op, "ATOMIC_GROUP"):
            if not _can_be_empty(av):
                return False
        elif not _is(op, "AT", "ASSERT", "ASSERT_NOT"):
            return False  # a character, a class or a back reference
    return True


def _first_chars(items) -> set[int] | None:
    """Code points a match of ``items`` can start with; None when unknown or possibly empty."""
    for op, av in _flatten(items):
        if _is(op, "AT", "ASSERT", "ASSERT_NOT"):
            continue
        if op is _sre.LITERAL:
            return {av}
        if op is _sre.IN and all(o is _sre.LITERAL or (o is _sre.RANGE and a[1] - a[0] < 4096)
                                 for o, a in av):
            return {c for o, a in av for c in ([a] if o is _sre.LITERAL else range(a[0], a[1] + 1))}
        return None
    return None


def _literal(items) -> str | None:
    flat = list(_flatten(items))
    if flat and all(op is _sre.LITERAL for op, _ in flat):
        return "".join(chr(av) for _, av in flat)
    return None


def _ambiguous_branch(alternatives) -> bool:
    """Can two alternatives of a repeated alternation match the same text in two ways?"""
    maybe_firsts = [_first_chars(alt) for alt in alternatives]
    firsts = [f for f in maybe_firsts if f is not None]
    if len(firsts) < len(maybe_firsts):
        return True  # an alternative that may be empty or starts with a broad class
    starts = set().union(*firsts)
    literals = [_literal(alt) for alt in alternatives]
    for i in range(len(alternatives)):
        for j in range(i + 1, len(alternatives)):
            if not firsts[i] & firsts[j]:
                continue
            s, t = literals[i], literals[j]
            if s is None or t is None or s == t:
                return True
            short, long_ = sorted((s, t), key=len)
            if not long_.startswith(short):
                continue  # same first character, then they part: one way only
            if ord(long_[len(short)]) in starts:
                return True  # "a|aa": the longer one can also be read as two shorter ones
    return False


def _class_key(body):
    """What an unbounded repeat of ``body`` consumes, for comparing neighbours."""
    for op, av in _flatten(body):
        if op is _sre.LITERAL:
            return ("literal", av)
        if op is _sre.IN and not any(o is _sre.NEGATE or "NOT" in repr(a)
                                     for o, a in av):
            return ("in", tuple(sorted(map(str, av))))
        if op is _sre.CATEGORY and "NOT" not in repr(av):
            return ("category", repr(av))
        return _BROAD
    return _BROAD


def _clash(run: set, keys: set) -> bool:
    return bool(run and keys) and (bool(run & keys) or _BROAD in run or _BROAD in keys)


class _Risk(Exception):
    pass


def _summary(items, in_repeat: bool) -> tuple[set, set, set | None]:
    """(unbounded repeats before the first character that must match, those after the last one,
    those along a way through that needs no character or None); raise :class:`_Risk`."""
    run: set = set()
    lead: set = set()
    mandatory = False
    for op, av in _flatten(items):
        i_through: set[Any] | None  # None: this item can be skipped over (matches empty)
        if _is_repeat(op):
            low, high, body = av
            if high > 1:
                if in_repeat:
                    raise _Risk("含嵌套量词（如 (a+)+）")
                if _can_be_empty(body):
                    raise _Risk("重复的部分可能匹配空串（如 (a?)+）")
                if any(o is _sre.BRANCH and _ambiguous_branch(a[1]) for o, a in _flatten(body)):
                    raise _Risk("重复的分支可以多种方式匹配同一段文字（如 (a|aa)+）")
            b_lead, b_trail, b_through = _summary(body, in_repeat or high > 1)
            if high > _UNBOUNDED:
                key = {_class_key(body)}
                i_lead, i_trail, i_through = key, key, key
            else:
                i_lead, i_trail = b_lead, b_trail
                i_through = (b_through or set()) if low == 0 else b_through
        elif op is _sre.BRANCH:
            parts = [_summary(alt, in_repeat) for alt in av[1]]
            i_lead = set().union(*(p[0] for p in parts))
            i_trail = set().union(*(p[1] for p in parts))
            throughs = [p[2] for p in parts if p[2] is not None]
            i_through = set().union(*throughs) if throughs else None
        elif _is(op, "AT", "ASSERT", "ASSERT_NOT"):
            if not _is(op, "AT"):
                _summary(av[-1], False)  # looked at on its own; it never backtracks into us
            continue
        else:  # a character, a class, a back reference or an atomic group: must match
            if _is(op, "ATOMIC_GROUP"):
                _summary(av, False)
            i_lead, i_trail, i_through = set(), set(), None
        if _clash(run, i_lead):
            raise _Risk("含相邻且可匹配相同文字的无上限量词（如 .*.* 或 \\d*\\d*）")
        if not mandatory:
            lead |= i_lead | (i_through or set())
        if i_through is None:
            run = set(i_trail)
            mandatory = True
        else:
            if _clash(run, i_through):
                raise _Risk("含相邻且可匹配相同文字的无上限量词（如 .*.* 或 \\d*\\d*）")
            run = run | i_through | i_trail
    return lead, run, (None if mandatory else run)


def _backtracking_risk(parsed) -> str | None:
    """A Chinese reason when the parsed pattern has a catastrophic shape, else None."""
    try:
        _summary(parsed, False)
    except _Risk as risk:
        return str(risk)
    return None


def alternation(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any of the (normalized) terms, longest first."""
    unique = sorted({normalize_width(t) for t in terms if t}, key=lambda t: (-len(t), t))
    if not unique:
        return None
    return re.compile("|".join(re.escape(t) for t in unique))


CONDITION_KEYS: dict[str, type] = {
    "preceded_by": str, "followed_by": str, "not_preceded_by": str, "not_followed_by": str,
    "not_in": list,
}
_LOOKBACK = 40  # long enough for “习近平总书记在……会议上的重要讲话”


@dataclass(frozen=True)
class Conditions:
    """Context tests around a match (regexes anchored at the match)."""

    preceded_by: re.Pattern[str] | None = None
    followed_by: re.Pattern[str] | None = None
    not_preceded_by: re.Pattern[str] | None = None
    not_followed_by: re.Pattern[str] | None = None
    not_in: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "Conditions":
        def before(key: str) -> re.Pattern[str] | None:
            p = params.get(key)
            return compile_pattern(f"(?:{p})$") if p else None

        def after(key: str) -> re.Pattern[str] | None:
            p = params.get(key)
            return compile_pattern(p) if p else None

        return cls(before("preceded_by"), after("followed_by"), before("not_preceded_by"),
                   after("not_followed_by"),
                   tuple(normalize_width(w) for w in params.get("not_in", [])))

    def ok(self, text: str, start: int, end: int) -> bool:
        prefix = text[max(0, start - _LOOKBACK):start]
        if self.preceded_by and not self.preceded_by.search(prefix):
            return False
        if self.not_preceded_by and self.not_preceded_by.search(prefix):
            return False
        if self.followed_by and not self.followed_by.match(text, end):
            return False
        if self.not_followed_by and self.not_followed_by.match(text, end):
            return False
        for word in self.not_in:
            lo = max(0, end - len(word))
            hi = min(len(text), start + len(word))
            idx = text.find(word, lo, hi + len(word))
            while idx >= 0 and idx <= start:
                if idx + len(word) >= end:
                    return False
                idx = text.find(word, idx + 1, hi + len(word))
        return True


def on_boundaries(boundaries: frozenset[int], start: int, end: int) -> bool:
    return start in boundaries and end in boundaries


# -- prefilters: skip a rule for a paragraph that cannot contain a match ------------------------
# A paragraph is checked by every block rule, but most rules cannot match most paragraphs. Each
# rule gets a cheap *necessary* condition (the paragraph contains one of a few characters, or one
# of a few character pairs) tested against sets computed once per paragraph; when it fails the
# rule's regex is not run at all. The tests are exact (never skip a paragraph that could match).

_MAX_NEEDED = 64
_REPEATS = tuple(getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_sre, name))


def _needed_in_sequence(items) -> frozenset[str] | None:
    best = None
    for op, av in items:
        chars = _needed_in_item(op, av)
        if chars is not None and (best is None or len(chars) < len(best)):
            best = chars
    return best


def _needed_in_item(op, av) -> frozenset[str] | None:
    if op is _sre.LITERAL:
        return frozenset(chr(av))
    if op is _sre.IN:
        chars: set[str] = set()
        for item, arg in av:
            if item is _sre.LITERAL:
                chars.add(chr(arg))
            elif item is _sre.RANGE and arg[1] - arg[0] < _MAX_NEEDED:
                chars.update(map(chr, range(arg[0], arg[1] + 1)))
            else:  # NEGATE, CATEGORY, wide ranges: no useful requirement
                return None
        return frozenset(chars) if len(chars) <= _MAX_NEEDED else None
    if op is _sre.SUBPATTERN:
        add_flags = av[1]
        return None if add_flags & re.IGNORECASE else _needed_in_sequence(av[-1])
    if op in _REPEATS:
        low, _, sub = av
        return _needed_in_sequence(sub) if low >= 1 else None
    if op is _sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            needed = _needed_in_sequence(alternative)
            if needed is None:
                return None
            union |= needed
        return frozenset(union) if len(union) <= _MAX_NEEDED else None
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _needed_in_sequence(av)
    if op is _sre.ASSERT:  # (?=…) (?<=…): not in the match, but in the text it is found in
        return _needed_in_sequence(av[1])
    return None  # negative lookarounds, anchors, ANY, categories, back references: nothing


def needed_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which the text holds wherever ``regex`` matches: in the match, or
    where a positive lookaround looks (None: no useful set).  A prefilter on the text searched:
    a paragraph without any of them has no match."""
    if regex.flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # noqa: BLE001 - an internal parser; without it we simply do not filter
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _needed_in_sequence(parsed)


@paragraph_cache(64)
def text_chars(text: str) -> frozenset[str]:
    """The characters of a paragraph (computed once, shared by every rule's prefilter)."""
    return frozenset(text)


@paragraph_cache(64)
def text_pairs(text: str) -> frozenset[str]:
    """The adjacent character pairs of a paragraph."""
    return frozenset(map(operator.add, text, text[1:]))


@dataclass(frozen=True)
class Prefilter:
    """A rule's necessary condition on a paragraph, tested by the engine before the rule runs:
    the (normalized, if ``normalized``) text contains one of ``chars`` or one of ``pairs``."""

    normalized: bool
    chars: frozenset[str]
    pairs: frozenset[str] = frozenset()

    @cached_property
    def pair_starts(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.pairs)

    def rules_out(self, text: str) -> bool:
        """True when no match can be in ``text`` (never True when one could)."""
        chars = text_chars(text)
        if not self.chars.isdisjoint(chars):
            return False
        if not self.pairs or self.pair_starts.isdisjoint(chars):
            return True
        return self.pairs.isdisjoint(text_pairs(text))
