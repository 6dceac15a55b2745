"""The documentation stays true: the README is short, and docs/rules.md is generated from the
lexicons and lists every rule."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from wenfeng.rules.engine import get_engine

ROOT = Path(__file__).resolve().parents[1]


def test_rule_table_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "rules_table.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_every_rule_listed_with_level_and_source():
    table = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in get_engine().lexicon.rules.values():
        assert f"| {rule.id} | {rule.level.label} |" in table


def test_readme_is_an_entrance():
    """README ≤ 12 KB; the detail lives in docs/, and every page it links to exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 12 * 1024
    for link in re.findall(r"\]\(((?:docs|lexicons)/[^)#]+)\)", readme):
        assert (ROOT / link).is_file(), link
