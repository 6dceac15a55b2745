"""Every text a drafter sees (source, message, explanation, per-term notes) names public
documents only: no internal project files such as NORMS.md or DESIGN.md (issue 13's message list)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
import tomllib

LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"
SHOWN_KEYS = {"source", "message", "explain", "note", "suggest", "name", "title"}
INTERNAL = re.compile(r"NORMS|DESIGN\.md|ANCHORS|\.md\b|§\d")


def _shown_strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _shown_strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _shown_strings(v, key)
    elif isinstance(node, str) and key in SHOWN_KEYS:
        yield key, node


@pytest.mark.parametrize("path", sorted((LEXICONS / "rules").glob("*.toml")), ids=lambda p: p.name)
def test_rule_texts_cite_public_documents_only(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    internal = [(k, s) for k, s in _shown_strings(data) if INTERNAL.search(s)]
    assert not internal, internal


def test_the_check_catches_an_internal_reference():
    bad = {"rules": [{"source": "NORMS.md §6.2 #3", "examples": [{"bad": "x"}]}]}
    assert list(_shown_strings(bad)) and INTERNAL.search(next(_shown_strings(bad))[1])
