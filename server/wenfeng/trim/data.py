"""Load what the trim planner may cut and what it must never touch (``lexicons/trim/*.toml``).

The cuttable phrasings (``cuts.toml``) and the protected content (``protect.toml``) are data, like
the rules: each entry has an id, a source and examples the test suite runs.  A user lexicon folder
with a ``trim/`` sub-folder adds entries (same id replaces).  Problems are :class:`LexiconError`
naming the file, line and key.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..datafiles import key_line, read_toml
from ..errors import LexiconError
from ..rules.matching import compile_pattern

CLASSES = ("filler", "significance", "pledge", "adverbs", "wordy")
WORD_CLASSES = ("adverbs", "wordy")  # entries that list words rather than a pattern
GRADES = ("safe", "likely", "review")
SCOPES = ("clause", "sentence")


@dataclass(frozen=True)
class AdverbWord:
    word: str
    alone: bool = False
    followed_by: re.Pattern[str] | None = None
    not_followed_by: re.Pattern[str] | None = None
    preceded_by: re.Pattern[str] | None = None
    # the previous sentence of the paragraph names another subject ("地方政府也要……"): a cut
    # of the subject here would hand this sentence to that one
    not_after: re.Pattern[str] | None = None
    reason: str = ""    # replaces the entry's reason for this word
    # the first case whose followed_by matches what follows the word sets the grade (never
    # safer than the entry's) and the reason of that cut: "切实使……" is a pledge, not tone
    cases: tuple[WordCase, ...] = ()
    # in the closing paragraphs, not cut before this: the draft's pledge ("我们将……")
    ending_not_followed_by: re.Pattern[str] | None = None
    # other stance words ("规范、有序、加快"): beside them in the sentence the word grades the
    # task, so its cut is at most "review"; before the same verb ("规范发展……。大力发展……")
    # in this or a neighbouring sentence it is not offered
    contrast: re.Pattern[str] | None = None


@dataclass(frozen=True)
class WordCase:
    followed_by: re.Pattern[str]
    grade: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Example:
    text: str | None = None   # must be cut …
    cut: str | None = None    # … into this
    keep: str | None = None   # must come out unchanged


@dataclass(frozen=True)
class CutRule:
    id: str
    cls: str
    grade: str
    reason: str
    source: str
    file: str
    scope: str = "clause"
    pattern: re.Pattern[str] | None = None
    where: str = ""
    words: tuple[AdverbWord, ...] = ()
    chain_followed_by: re.Pattern[str] | None = None
    examples: tuple[Example, ...] = ()
    # for a word removed on its own: the reason when no other emphasis word stays in the
    # sentence (``reason`` then claims a pile-up that is not there)
    reason_alone: str = ""


@dataclass(frozen=True)
class Protect:
    id: str
    what: str
    pattern: re.Pattern[str]
    source: str
    file: str
    doctypes: frozenset[str] = frozenset()
    scope: str = "span"          # "span": the removed text; "sentence": the whole sentence;
    #                              "overlap": a match in the sentence that the cut reaches into
    protected: tuple[str, ...] = ()
    free: tuple[str, ...] = ()
    removing: re.Pattern[str] | None = None  # applies only to cuts removing such words
    unless: re.Pattern[str] | None = None    # … and not when the sentence after the cut has this

    def refuses(self, removed: str, sentence: str, a: int, b: int) -> bool:
        """Does this entry forbid removing ``sentence[a:b]`` (``removed``, normalized)?"""
        if self.removing is not None and not self.removing.search(removed):
            return False
        if self.scope == "span":
            hit = bool(self.pattern.search(removed))
        elif self.scope == "sentence":
            hit = bool(self.pattern.search(sentence))
        else:
            hit = any(m.start() < b and a < m.end() for m in self.pattern.finditer(sentence))
        if hit and self.unless is not None:
            hit = not self.unless.search(sentence[:a] + sentence[b:])
        return hit


@dataclass(frozen=True)
class TrimData:
    cuts: tuple[CutRule, ...]
    protects: tuple[Protect, ...] = field(default=())

    def by_class(self, cls: str) -> list[CutRule]:
        return [c for c in self.cuts if c.cls == cls]


def _fail(path: Path, raw: str, entry_id: str | None, key: str, message: str) -> LexiconError:
    line = key_line(raw, entry_id, key)
    return LexiconError(message, path=str(path), line=line,
                        key=f"{entry_id}.{key}" if entry_id else key)


def _regex(path: Path, raw: str, entry_id: str, key: str, value: Any) -> re.Pattern[str] | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise _fail(path, raw, entry_id, key, "应为非空字符串（正则表达式）")
    try:
        return compile_pattern(value)
    except ValueError as exc:
        raise _fail(path, raw, entry_id, key, str(exc)) from None


def _text(path: Path, raw: str, table: dict, entry_id: str | None, key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, raw, entry_id, key, "缺少必填项（应为非空字符串）")
    return value


def _cases(path: Path, raw: str, entry_id: str, value: Any) -> tuple[WordCase, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(path, raw, entry_id, "cases", "应为 { followed_by = \"…\", grade = \"…\" } 表的列表")
    out = []
    for case in value:
        followed = case.get("followed_by") if isinstance(case, dict) else None
        pattern = _regex(path, raw, entry_id, "followed_by", followed)
        grade = case.get("grade", "") if isinstance(case, dict) else ""
        if pattern is None or (grade and grade not in GRADES):
            raise _fail(path, raw, entry_id, "cases",
                        f"每项要有 followed_by；grade 应为 {'、'.join(GRADES)} 之一")
        out.append(WordCase(pattern, grade, str(case.get("reason", ""))))
    return tuple(out)


def _cut_rule(path: Path, raw: str, table: dict) -> CutRule:
    entry_id = _text(path, raw, table, None, "id")
    if not re.fullmatch(r"T\d{3}", entry_id):
        raise _fail(path, raw, entry_id, "id", "编号应为 T 加三位数字，如 T101")
    allowed = {"id", "class", "grade", "scope", "pattern", "where", "reason", "reason_alone",
               "source", "words", "chain_followed_by", "examples"}
    for key in table:
        if key not in allowed:
            raise _fail(path, raw, entry_id, key, f"未知键（可用：{'、'.join(sorted(allowed))}）")
    cls, grade = table.get("class"), table.get("grade")
    if cls not in CLASSES:
        raise _fail(path, raw, entry_id, "class", f"应为 {'、'.join(CLASSES)} 之一")
    if grade not in GRADES:
        raise _fail(path, raw, entry_id, "grade", f"应为 {'、'.join(GRADES)} 之一")
    scope = table.get("scope", "clause")
    if scope not in SCOPES:
        raise _fail(path, raw, entry_id, "scope", f"应为 {'、'.join(SCOPES)} 之一")
    where = table.get("where", "")
    if where not in ("", "ending"):
        raise _fail(path, raw, entry_id, "where", "只能是 ending")
    words: list[AdverbWord] = []
    pattern = None
    if cls in WORD_CLASSES:
        raw_words = table.get("words")
        if not isinstance(raw_words, list) or not raw_words:
            raise _fail(path, raw, entry_id, "words", "adverbs、wordy 条目需要 words 列表")
        for item in raw_words:
            if not isinstance(item, dict) or not isinstance(item.get("word"), str):
                raise _fail(path, raw, entry_id, "words", "每项应为 { word = \"…\" } 表")
            words.append(AdverbWord(
                item["word"], bool(item.get("alone", False)),
                _regex(path, raw, entry_id, "followed_by", item.get("followed_by")),
                _regex(path, raw, entry_id, "not_followed_by", item.get("not_followed_by")),
                _regex(path, raw, entry_id, "preceded_by", item.get("preceded_by")),
                _regex(path, raw, entry_id, "not_after", item.get("not_after")),
                str(item.get("reason", "")), _cases(path, raw, entry_id, item.get("cases")),
                _regex(path, raw, entry_id, "ending_not_followed_by",
                       item.get("ending_not_followed_by")),
                _regex(path, raw, entry_id, "contrast", item.get("contrast"))))
    else:
        pattern = _regex(path, raw, entry_id, "pattern", table.get("pattern"))
        if pattern is None:
            raise _fail(path, raw, entry_id, "pattern", "缺少必填项")
    examples = []
    for ex in table.get("examples", ()):
        if not isinstance(ex, dict) or not (("text" in ex and "cut" in ex) or "keep" in ex):
            raise _fail(path, raw, entry_id, "examples", "每个例子要有 text 和 cut，或 keep")
        examples.append(Example(ex.get("text"), ex.get("cut"), ex.get("keep")))
    if not any(e.text for e in examples) or not any(e.keep for e in examples):
        raise _fail(path, raw, entry_id, "examples", "至少要有一个删改例子（text/cut）和一个不删的例子（keep）")
    return CutRule(
        id=entry_id, cls=cls, grade=grade, scope=scope, pattern=pattern, where=where,
        reason=_text(path, raw, table, entry_id, "reason"),
        source=_text(path, raw, table, entry_id, "source"), file=str(path), words=tuple(words),
        chain_followed_by=_regex(path, raw, entry_id, "chain_followed_by",
                                 table.get("chain_followed_by")),
        examples=tuple(examples), reason_alone=str(table.get("reason_alone", "")))


def _protect(path: Path, raw: str, table: dict) -> Protect:
    entry_id = _text(path, raw, table, None, "id")
    allowed = {"id", "what", "pattern", "doctypes", "scope", "source", "protected", "free",
               "removing", "unless"}
    for key in table:
        if key not in allowed:
            raise _fail(path, raw, entry_id, key, f"未知键（可用：{'、'.join(sorted(allowed))}）")
    scope = table.get("scope", "span")
    if scope not in ("span", "sentence", "overlap"):
        raise _fail(path, raw, entry_id, "scope", "应为 span、sentence 或 overlap")
    pattern = _regex(path, raw, entry_id, "pattern", table.get("pattern"))
    if pattern is None:
        raise _fail(path, raw, entry_id, "pattern", "缺少必填项")
    return Protect(
        id=entry_id, what=_text(path, raw, table, entry_id, "what"), pattern=pattern,
        source=_text(path, raw, table, entry_id, "source"), file=str(path),
        doctypes=frozenset(table.get("doctypes", ())), scope=scope,
        protected=tuple(table.get("protected", ())), free=tuple(table.get("free", ())),
        removing=_regex(path, raw, entry_id, "removing", table.get("removing")),
        unless=_regex(path, raw, entry_id, "unless", table.get("unless")))


def load(roots: Iterable[Path]) -> TrimData:
    """Entries of ``<root>/trim/cuts.toml`` and ``protect.toml`` for each root, later roots
    replacing earlier entries with the same id."""
    cuts: dict[str, CutRule] = {}
    protects: dict[str, Protect] = {}
    for root in roots:
        folder = Path(root) / "trim"
        for name, key in (("cuts.toml", "cuts"), ("protect.toml", "protect")):
            path = folder / name
            if not path.is_file():
                continue
            data, raw = read_toml(path)
            tables = data.get(key)
            unknown = set(data) - {key, "title", "source"}
            if unknown:
                k = sorted(unknown)[0]
                raise LexiconError(f"未知键（顶层可用：{key}、title、source）", path=str(path),
                                   line=key_line(raw, None, k), key=k)
            if not isinstance(tables, list):
                raise LexiconError(f"应包含 [[{key}]] 表", path=str(path))
            for table in tables:
                if key == "cuts":
                    rule = _cut_rule(path, raw, table)
                    cuts[rule.id] = rule
                else:
                    protect = _protect(path, raw, table)
                    protects[protect.id] = protect
    return TrimData(tuple(cuts.values()), tuple(protects.values()))


_CACHE: dict[tuple[str, ...], TrimData] = {}
_LOCK = threading.Lock()


def data_for(roots: Iterable[Path]) -> TrimData:
    """Loaded once per set of lexicon folders."""
    key = tuple(str(r) for r in roots)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = load(Path(r) for r in key)
        return _CACHE[key]
