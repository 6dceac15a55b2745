"""What a rule is once loaded from TOML, and how a rule table is validated.

A rule file holds ``[[rules]]`` tables (see ``lexicons/README.md``).  ``parse_rule`` checks the
common keys here and hands the kind-specific keys to the kind module's ``KEYS`` table, so an
unknown or mistyped key is an error that names the file, the line and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..datafiles import key_line
from ..errors import LexiconError
from ..model import BlockKind, Level

RULE_ID_RE = re.compile(r"^[A-Z]\d{3}$")
DEFAULT_BLOCKS = frozenset({BlockKind.HEADING, BlockKind.BODY})

COMMON_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str, "kind": str, "level": str, "name": str, "message": str, "source": str,
    "link": str, "doctypes": list, "exclude_doctypes": list, "blocks": list, "boundary": str,
    "fix_safe": bool, "explain": str, "examples": list, "match_on": str, "formats": list,
    "exempt_titles": str,
}
TERM_KINDS = frozenset({"existence", "substitution", "density"})
#: Kinds whose rules read token boundaries by default (the typo engine works on jieba's words).
TOKEN_KINDS = TERM_KINDS | {"typo"}
EXAMPLE_KEYS = {"bad", "good", "fixed", "doctype", "count", "note", "format"}


@dataclass(frozen=True)
class Example:
    bad: str | None = None
    good: str | None = None
    fixed: str | None = None
    doctype: str | None = None
    count: int | None = None
    fmt: str = "txt"


@dataclass(frozen=True)
class Rule:
    """One rule: common header plus ``params`` (the kind's own keys, validated by the kind)."""

    id: str
    kind: str
    level: Level
    name: str
    message: str
    source: str
    file: str
    link: str | None = None
    doctypes: frozenset[str] = frozenset()
    exclude_doctypes: frozenset[str] = frozenset()
    blocks: frozenset[BlockKind] = DEFAULT_BLOCKS
    boundary: str = "token"
    fix_safe: bool = True
    explain: str = ""
    match_on: str = "normalized"
    formats: frozenset[str] = frozenset()
    exempt_titles: str | None = None   # a regex: documents whose title matches are not checked
    examples: tuple[Example, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def group(self) -> str:
        return self.id[0]

    def exempt_for(self, title: str) -> bool:
        """The document's subject (its normalized title) puts it outside this rule."""
        return bool(self.exempt_titles and title and re.search(self.exempt_titles, title))

    def applies_to(self, doctype: str, fmt: str = "txt") -> bool:
        if self.doctypes and doctype not in self.doctypes:
            return False
        if doctype in self.exclude_doctypes:
            return False
        if self.formats and fmt not in self.formats:
            return False
        return True


def _check_type(value: Any, expected: type | tuple[type, ...], key: str, fail) -> None:
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        names = {str: "字符串", list: "数组", bool: "true/false", int: "整数", float: "数字",
                 dict: "表"}
        want = names.get(expected, str(expected)) if isinstance(expected, type) else "、".join(
            names.get(t, str(t)) for t in expected)
        fail(key, f"应为{want}")


def parse_rule(table: Mapping[str, Any], *, file: str, raw: str,
               kind_keys: Mapping[str, Mapping[str, Any] | None], doctype_names: set[str],
               kind_aliases: Mapping[str, str] | None = None) -> Rule:
    """Validate one ``[[rules]]`` table and build a :class:`Rule`."""
    rule_id = table.get("id") if isinstance(table.get("id"), str) else None
    kind_aliases = kind_aliases or {}

    def fail(key: str, message: str) -> None:
        raise LexiconError(message, path=file, line=key_line(raw, rule_id, key),
                           key=f"{rule_id}.{key}" if rule_id else key)

    for key in ("id", "kind", "level", "name", "message", "source"):
        if key not in table:
            fail(key, "缺少必填项")
    if not RULE_ID_RE.match(str(table["id"])):
        fail("id", "规则编号应为一个大写字母加三位数字，如 H201")
    kind = kind_aliases.get(table["kind"], table["kind"])
    if kind not in kind_keys:
        fail("kind", f"未知规则类型 “{kind}”（可用：{'、'.join(sorted(kind_keys))}）")
    own = kind_keys[kind]
    for key, value in table.items():
        if key in COMMON_KEYS:
            _check_type(value, COMMON_KEYS[key], key, fail)
        elif own is None:  # the kind's prepare validates its own keys
            continue
        elif key in own:
            _check_type(value, own[key], key, fail)
        else:
            names = sorted({*COMMON_KEYS, *own})
            fail(key, f"未知键（{kind} 规则可用：{'、'.join(names)}）")
    try:
        level = Level.parse(table["level"])
    except ValueError as exc:
        fail("level", str(exc))
    if not str(table["source"]).strip():
        fail("source", "规则必须注明依据")
    for key in ("doctypes", "exclude_doctypes"):
        for name in table.get(key, []):
            if name not in doctype_names:
                fail(key, f"未知文种 “{name}”")
    blocks = DEFAULT_BLOCKS
    if "blocks" in table:
        try:
            blocks = frozenset(BlockKind(b) for b in table["blocks"])
        except ValueError:
            fail("blocks", f"块类型只能是：{'、'.join(k.value for k in BlockKind)}")
    boundary = table.get("boundary", "token" if kind in TOKEN_KINDS else "char")
    if boundary not in ("token", "char"):
        fail("boundary", "只能是 token 或 char")
    if table.get("match_on", "normalized") not in ("normalized", "original"):
        fail("match_on", "只能是 normalized 或 original")
    examples = []
    for ex in table.get("examples", []):
        if not isinstance(ex, dict):
            fail("examples", "每个例子应为表（[[rules.examples]]）")
        unknown = set(ex) - EXAMPLE_KEYS
        if unknown:
            fail("examples", f"例子中有未知键 {'、'.join(sorted(unknown))}")
        if "bad" not in ex and "good" not in ex:
            fail("examples", "例子至少要有 bad 或 good")
        examples.append(Example(bad=ex.get("bad"), good=ex.get("good"), fixed=ex.get("fixed"),
                                doctype=ex.get("doctype"), count=ex.get("count"),
                                fmt=ex.get("format", "txt")))
    if not examples:
        fail("examples", "每条规则至少要有一个例子（bad/good）")
    if table.get("exempt_titles"):
        try:
            re.compile(table["exempt_titles"])
        except re.error as exc:
            fail("exempt_titles", f"正则表达式无法编译：{exc}")
    params = {k: v for k, v in table.items() if k not in COMMON_KEYS}
    return Rule(
        id=table["id"], kind=kind, level=level, name=table["name"], message=table["message"],
        source=table["source"], file=file, link=table.get("link"),
        doctypes=frozenset(table.get("doctypes", [])),
        exclude_doctypes=frozenset(table.get("exclude_doctypes", [])), blocks=blocks,
        boundary=boundary, fix_safe=table.get("fix_safe", True),
        explain=table.get("explain", ""), match_on=table.get("match_on", "normalized"),
        formats=frozenset(table.get("formats", [])), examples=tuple(examples), params=params,
        exempt_titles=table.get("exempt_titles"),
    )
