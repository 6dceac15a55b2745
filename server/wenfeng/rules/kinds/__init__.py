"""The rule kinds: one module each, listed here.

A kind module provides ``KEYS`` (its own rule keys and their types), ``SCOPE`` ("block" or
"document"), ``prepare(rule, lexicon)`` (compile; raise ValueError with a Chinese reason),
``dict_words(prepared)`` (terms for jieba's user dictionary) and ``run`` (block scope) or
``run_document`` (document scope).
"""

from __future__ import annotations

from types import ModuleType

from . import density, existence, limit, pattern, structure, substitution, typo

MODULES: dict[str, ModuleType] = {
    "existence": existence,
    "substitution": substitution,
    "pattern": pattern,
    "density": density,
    "limit": limit,
    "structure": structure,
    "typo": typo,  # the proofreading engine, wenfeng.proofread
}
KIND_KEYS = {name: module.KEYS for name, module in MODULES.items()}
