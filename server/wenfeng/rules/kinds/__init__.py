"""The rule kinds: one module each, listed here.

A kind module provides ``KEYS`` (its own rule keys and their types; None when ``prepare``
validates them), ``SCOPE`` ("block" or "document"), ``prepare(rule, lexicon)`` (compile; raise
ValueError with a Chinese reason), ``dict_words(prepared)`` (terms for jieba's user dictionary)
and ``run`` (block scope) or ``run_document`` (document scope).  A block kind may add
``prefilter(rule, prepared)``: a :class:`~wenfeng.rules.matching.Prefilter` the engine tests on
each paragraph before calling ``run`` (most rules cannot match most paragraphs).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Mapping

from . import check, density, existence, limit, pattern, substitution, typo

MODULES: dict[str, ModuleType] = {
    "existence": existence,
    "substitution": substitution,
    "pattern": pattern,
    "density": density,
    "limit": limit,
    "check": check,
    "typo": typo,  # the proofreading engine, wenfeng.proofread
}
#: Former kind names still accepted in (user) rule files: old name -> kind.
ALIASES = {"structure": "check"}
KIND_KEYS: dict[str, Mapping[str, Any] | None] = {
    name: module.KEYS for name, module in MODULES.items()}
