"""The data in lexicons/trim/: every entry's examples run, and bad data fails with file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from trim_helpers import apply_cuts, candidates_of, wrap

from wenfeng.datafiles import packaged_root
from wenfeng.errors import LexiconError
from wenfeng.trim.data import load

DATA = load([packaged_root()])


def _lines(text):
    return [line for line in text.splitlines() if line.strip()]


def _mine(cuts, rule_id):
    return [c for c in cuts if rule_id in c.rule.split("+")]


@pytest.mark.parametrize("rule", DATA.cuts, ids=lambda r: r.id)
def test_cut_examples(rule):
    for ex in rule.examples:
        if ex.text is not None:
            text = wrap(ex.text)
            _, cuts = candidates_of(text)
            mine = _mine(cuts, rule.id)
            assert mine, f"{rule.id} 没有删改：{ex.text}"
            # a paragraph cut away entirely leaves an empty line here (the plan removes the line)
            assert _lines(apply_cuts(text, mine)) == _lines(wrap(ex.cut))
        if ex.keep is not None:
            _, cuts = candidates_of(wrap(ex.keep))
            assert not _mine(cuts, rule.id), f"{rule.id} 不该删改：{ex.keep}"


def _refuses(entry, example: str) -> bool:
    """An example is a sentence with the cut in ［］, or (no ［］) text removed whole."""
    if "［" not in example:
        return entry.refuses(example, example, 0, len(example))
    a = example.index("［")
    b = example.index("］") - 1
    sentence = example.replace("［", "").replace("］", "")
    return entry.refuses(sentence[a:b], sentence, a, b)


@pytest.mark.parametrize("entry", DATA.protects, ids=lambda p: p.id)
def test_protect_examples(entry):
    assert entry.protected and entry.free
    for text in entry.protected:
        assert _refuses(entry, text), f"{entry.id} 应保护：{text}"
    for text in entry.free:
        assert not _refuses(entry, text), f"{entry.id} 不该保护：{text}"


def test_every_entry_has_a_public_source():
    for entry in (*DATA.cuts, *DATA.protects):
        assert entry.source and "NORMS" not in entry.source and "DESIGN" not in entry.source


def _user_root(tmp_path: Path, text: str) -> Path:
    (tmp_path / "trim").mkdir()
    (tmp_path / "trim" / "cuts.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_bad_class_names_file_and_key(tmp_path):
    root = _user_root(tmp_path, '[[cuts]]\nid = "T901"\nclass = "whatever"\ngrade = "safe"\n')
    with pytest.raises(LexiconError) as info:
        load([root])
    message = str(info.value)
    assert "cuts.toml" in message and "T901.class" in message


def test_runaway_pattern_is_refused(tmp_path):
    root = _user_root(tmp_path, '''[[cuts]]
id = "T902"
class = "filler"
grade = "likely"
pattern = "(a+)+"
reason = "x"
source = "y"
[[cuts.examples]]
text = "a"
cut = ""
[[cuts.examples]]
keep = "b"
''')
    with pytest.raises(LexiconError) as info:
        load([root])
    assert "T902.pattern" in str(info.value) and ":5" in str(info.value)


def test_user_entry_replaces_shipped_one(tmp_path):
    shipped = next(c for c in DATA.cuts if c.id == "T101")
    root = _user_root(tmp_path, '''[[cuts]]
id = "T101"
class = "filler"
grade = "review"
pattern = "统一思想"
reason = "本单位的说法"
source = "本单位文风要求"
[[cuts.examples]]
text = "统一思想，开展排查。"
cut = "开展排查。"
[[cuts.examples]]
keep = "开展排查。"
''')
    merged = load([packaged_root(), root])
    t101 = next(c for c in merged.cuts if c.id == "T101")
    assert t101.grade == "review" and t101.reason != shipped.reason
    assert len(merged.cuts) == len(DATA.cuts)
