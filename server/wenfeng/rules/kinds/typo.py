"""``typo``: the proofreading engine (:mod:`wenfeng.proofread`) as a block rule kind.

A rule table names the checks it reports (``checks = ["spelling", "list"]``) and the grade it
takes (``grade = "必错"``); all typo rules of a lexicon share one :class:`Proofreader`, which
analyses each paragraph once.  Optional word lists feed the usage checks (``measures``,
``zuo_objects``, ``de_adverbs``, ``de_verbs``, ``zuo_modifiers``).  The model's guesses
(spelling, 重字, real words) are dropped where :mod:`wenfeng.person_names` sees a personal name.
"""

from __future__ import annotations

import threading
import weakref
from typing import Iterator

from ... import person_names, place_names
from ...proofread import Proofreader
from ...proofread import data as typo_data
from ...proofread.engine import UsageLists
from ...proofread.suggestion import RANK
from ...traditional import is_traditional
from ..context import BlockContext, Hit
from ..matching import RuleKeyError, needed_chars

KEYS = {"checks": list, "grade": str, "measures": list, "zuo_objects": list,
        "de_adverbs": list, "de_verbs": list, "zuo_modifiers": list}
SCOPE = "block"
CHECKS = frozenset({"spelling", "list", "repeat", "phrase", "measure", "zuo", "de", "realword",
                    "wordpair"})
#: Checks that guess from jieba's word model, which knows simplified text only: in a paragraph
#: written in traditional characters (checked as its simplified copy) they stay silent — the
#: conversion leaves forms the model misreads (著力, names such as 廣榮)
MODEL_CHECKS = frozenset({"spelling", "repeat", "realword"})

#: the usage word lists, in the order of :class:`UsageLists`'s fields
USAGE_KEYS = ("measures", "zuo_objects", "de_adverbs", "de_verbs", "zuo_modifiers")

_SHARED: dict[int, tuple[object, Proofreader]] = {}
_LOCK = threading.Lock()
#: Proofreaders whose tables were found in the cache folder.
_STORED: weakref.WeakSet[Proofreader] = weakref.WeakSet()


class Prepared:
    """A typo rule: which suggestions it reports, and the lexicon's shared proofreader."""

    def __init__(self, checks: frozenset[str], grade: str, lexicon) -> None:
        self.checks = checks
        self.grade = grade
        self._lexicon = lexicon
        self.proofreader: Proofreader | None = None  # made on first run (needs the segmenter)


def prepare(rule, lexicon) -> Prepared:
    checks = rule.params.get("checks") or []
    unknown = [c for c in checks if c not in CHECKS]
    if not checks or unknown:
        raise RuleKeyError("checks", f"未知校对检查 {'、'.join(map(str, unknown)) or '（空）'}"
                                     f"（可用：{'、'.join(sorted(CHECKS))}）")
    grade = rule.params.get("grade", "")
    if grade not in RANK:
        raise RuleKeyError("grade", f"级别“{grade}”无法识别（可用：必错、疑似、提示）")
    return Prepared(frozenset(checks), grade, lexicon)


def dict_words(prepared: Prepared) -> list[str]:
    return []  # list typos must stay unknown to jieba: the model relies on it


def _proofreader(prepared: Prepared, segmenter) -> Proofreader:
    """One proofreader per lexicon and segmenter, built from every typo rule's lists."""
    lexicon = prepared._lexicon
    key = id(lexicon)
    with _LOCK:
        shared = _SHARED.get(key)
        if shared is None or shared[0] is not lexicon:
            usage: dict[str, list[str]] = {}
            skip: set[str] = set()
            for rule in lexicon.rules.values():
                if rule.kind == "typo":
                    for name in USAGE_KEYS:
                        usage.setdefault(name, []).extend(rule.params.get(name, ()))
                    continue
                for entry in rule.params.get("entries", ()) or ():
                    if isinstance(entry, dict):
                        term = entry.get("find") or entry.get("term")
                        if isinstance(term, str):
                            skip.add(term)
            protected = set().union(*lexicon.allowlists.values()) if lexicon.allowlists else set()
            proofreader = Proofreader(
                segmenter, typo_data.load(lexicon.roots), skip_terms=skip, protected=protected,
                usage_lists=UsageLists(*(tuple(dict.fromkeys(usage.get(n, ()))) for n in
                                         USAGE_KEYS)), needed_chars=needed_chars)
            shared = (lexicon, proofreader)
            _SHARED[key] = shared
        return shared[1]


def ready(prepared: Prepared) -> bool:
    """Whether the rule's tables are loaded (``Engine.check_now`` leaves it out until then)."""
    return prepared.proofreader is not None and prepared.proofreader.tables_loaded


def loads_quickly(prepared: Prepared, segmenter) -> bool:
    """Whether :func:`load` takes milliseconds: the tables are in the cache folder (otherwise
    they are built, about a second and a half, and ``Engine.check_now`` leaves the rule out)."""
    if prepared.proofreader is None:
        prepared.proofreader = _proofreader(prepared, segmenter)
    proofreader = prepared.proofreader
    # every typo rule shares one proofreader, and the answer hashes the table sources: asked
    # once per rule at each provisional check, a yes is kept (tables once stored stay usable)
    if proofreader in _STORED:
        return True
    stored = proofreader.tables_stored
    if stored:
        with _LOCK:
            _STORED.add(proofreader)
    return stored


def load(prepared: Prepared, segmenter) -> None:
    """Make the shared proofreader and open its tables now (the lists; the frequency table and
    the index are then read from the cache folder as texts need them: milliseconds)."""
    if prepared.proofreader is None:
        prepared.proofreader = _proofreader(prepared, segmenter)
    prepared.proofreader.load_tables()


def run(rule, prepared: Prepared, ctx: BlockContext) -> Iterator[Hit]:
    if prepared.proofreader is None:  # (a full check; check_now waits until ``ready``)
        # check_now wraps the segmenter; the proofreader keeps the real one
        segmenter = getattr(ctx.segmenter, "_segmenter", ctx.segmenter)
        prepared.proofreader = _proofreader(prepared, segmenter)
    # the paragraph's token edges, shared with the other token rules; under check_now before
    # jieba is loaded this raises and the rule waits for the complete check
    traditional = None
    names: list[tuple[int, int]] | None = None
    for s in prepared.proofreader.analyse_paragraph(ctx.norm, ctx.boundaries):
        if s.check in prepared.checks and s.grade == prepared.grade:
            if s.check in MODEL_CHECKS:
                if traditional is None:
                    traditional = is_traditional(ctx.text)
                if traditional:
                    continue
                # a name in an attendee list or after a post (张忠新 is not 张重新)
                if names is None:
                    names = person_names.spans(ctx.norm)
                if person_names.overlaps(names, s.start, s.end):
                    continue
                # the first character of a town's or village's name (对翔凤镇 is not 对象凤镇)
                if place_names.changes_a_place_start(ctx.norm, s.start, s.end, s.replacement,
                                                     prepared.proofreader.is_word):
                    continue
            if s.replacement is None:
                advice = f"：{s.advice}"
            else:
                advice = {"必错": "应为", "疑似": "是否应为", "提示": "可改为"}[s.grade]
                advice += f"“{s.replacement}”"
            yield Hit(s.start, s.end, s.replacement, {"why": s.why, "advice": advice})
