"""The real-document evaluation set is well-formed, and the scorer matches as documented.

These tests read the annotations of every part but never run wenfeng on the texts: each blind
part is scored once by the lead (README.md).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from wenfeng.doctypes import NAMES
from wenfeng.model import UNKNOWN_DOCTYPE, Finding, Level

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("realdocs_score", HERE / "score.py")
score = importlib.util.module_from_spec(_spec)
sys.modules["realdocs_score"] = score  # dataclasses look their module up
_spec.loader.exec_module(score)


@pytest.fixture(scope="module")
def parts():
    return {part: score.load_part(part) for part in score.PARTS}


def test_every_annotation_loads_and_every_quote_is_in_its_text(parts):
    # load_part raises DataError on a missing quote, a bad class/category or a missing key
    for docs in parts.values():
        for doc in docs:
            for p in doc.problems:
                assert doc.text[p.start:p.end] == p.quote
                assert p.cls in score.CLASSES and p.category in score.CATEGORIES


def test_sizes_and_mix(parts):
    assert len(parts["dev"]) >= 42
    assert len(parts["blind"]) == 20
    assert len({d.meta["doctype"] for d in parts["blind"]}) >= 6  # blind mixes 文种
    everything = parts["dev"] + parts["blind"]
    assert sum(bool(d.meta.get("traditional")) for d in everything) >= 3
    assert all(d.meta["url"].startswith("http") for d in everything)


def test_no_blind_document_in_dev(parts):
    dev, blind = parts["dev"], parts["blind"]
    assert not {d.name for d in dev} & {d.name for d in blind}
    assert not {d.text for d in dev} & {d.text for d in blind}


def _paragraphs(docs):
    return {line for d in docs for line in d.text.splitlines() if len(line) >= 30}


def test_second_blind_part_is_new_and_mixed(parts):
    blind2, earlier = parts["blind2"], parts["dev"] + parts["blind"]
    assert len(blind2) >= 22
    assert len({d.meta["doctype"] for d in blind2}) >= 8
    assert sum(bool(d.meta.get("traditional")) for d in blind2) >= 3
    for d in blind2:
        assert d.meta["url"].startswith("http") and d.meta["retrieved"], d.key
        assert isinstance(d.meta.get("truncated", False), bool), d.key
        assert isinstance(d.meta.get("traditional", False), bool), d.key
    # no document of the earlier parts again: not by name, URL, text or any longer paragraph
    assert not {d.name for d in blind2} & {d.name for d in earlier}
    assert not {d.meta["url"] for d in blind2} & {d.meta["url"] for d in earlier}
    assert not {d.text for d in blind2} & {d.text for d in earlier}
    assert not _paragraphs(blind2) & _paragraphs(earlier)
    assert len({d.meta["url"] for d in blind2}) == len(blind2)


def test_third_blind_part_is_new_and_mixed(parts):
    blind3 = parts["blind3"]
    earlier = parts["dev"] + parts["blind"] + parts["blind2"]
    assert len(blind3) >= 22
    assert len({d.meta["doctype"] for d in blind3}) >= 8
    assert sum(bool(d.meta.get("traditional")) for d in blind3) >= 3
    assert sum(not d.problems for d in blind3) >= 2  # some real documents are clean
    for d in blind3:
        assert d.meta["url"].startswith("http") and d.meta["retrieved"], d.key
        assert isinstance(d.meta.get("truncated", False), bool), d.key
        assert isinstance(d.meta.get("traditional", False), bool), d.key
    # no document of the earlier parts again: not by name, URL, text or any longer paragraph
    assert not {d.name for d in blind3} & {d.name for d in earlier}
    assert not {d.meta["url"] for d in blind3} & {d.meta["url"] for d in earlier}
    assert not {d.text for d in blind3} & {d.text for d in earlier}
    assert not _paragraphs(blind3) & _paragraphs(earlier)
    assert len({d.meta["url"] for d in blind3}) == len(blind3)


def test_expected_doctypes_are_wenfeng_names(parts):
    allowed = set(NAMES) | {UNKNOWN_DOCTYPE}
    for docs in parts.values():
        for doc in docs:
            assert doc.meta["doctype"] in allowed, doc.key


def test_adjudications_name_real_findable_text(parts):
    by_key = {d.key: d for docs in parts.values() for d in docs}
    for (key, _rule, text), entry in score.load_adjudications().items():
        assert key in by_key, key
        assert text in by_key[key].text, (key, text)
        assert entry["verdict"] in score.VERDICTS and entry["reason"]


def _finding(rule, level, start, end, document_level=False):
    return Finding(rule=rule, level=level, start=start, end=end, message="m", source="s",
                   document_level=document_level)


def _doc(tmp_path, text, problems_toml, part="dev", name="x"):
    folder = tmp_path / part
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.toml").write_text(
        'url = "https://example.gov.cn/a"\ntitle = "t"\nretrieved = "2026-12-03"\ndoctype = "请示"\n'
        + problems_toml, encoding="utf-8")
    return score.load_doc(folder / f"{name}.toml")


PROBLEMS = """
[[problem]]
quote = "微言"
occurrence = 2
class = "definite"
category = "typo"
note = "n"
basis = "b"

[[problem]]
quote = "不胜感谢"
occurrence = 1
class = "suggestion"
category = "wording"
note = "n"
basis = "b"

[[problem]]
quote = "请示"
occurrence = 1
class = "definite"
category = "request-form"
note = "n"
basis = "b"
"""


def test_matching_rules(tmp_path):
    text = "关于修路的请示\n有微言，又有微言，不胜感谢。\n别处"
    doc = _doc(tmp_path, text, PROBLEMS)
    second = text.index("微言", text.index("微言") + 1)
    assert doc.problems[0].start == second
    thanks = text.index("不胜感谢")
    other = text.index("别处")
    findings = [
        _finding("T1", Level.WARNING, text.index("微言"), text.index("微言") + 2),  # first, not annotated
        _finding("T2", Level.INFO, second, second + 2),          # right place, too low for definite
        _finding("S1", Level.HINT, thanks + 1, thanks + 2),      # any level counts for suggestions
        _finding("D1", Level.ERROR, 0, 0, document_level=True),  # stands for the request-form problem
        _finding("X1", Level.ERROR, other, other + 2),           # matches nothing
    ]
    rulings = {("dev/x", "X1", "别处"): {"verdict": "wrong", "reason": "r"}}
    result = score.score_doc(doc, findings, "请示", rulings)
    found = {p["quote"]: p["found"] for p in result["problems"]}
    assert found == {"微言": False, "不胜感谢": True, "请示": True}
    verdicts = {f["rule"]: f["verdict"] for f in result["findings"]}
    assert verdicts == {"T1": "pending", "D1": "matched", "X1": "wrong"}  # info/hint are not listed
    summary = score.summarise([result])
    assert summary["definite"] == {"found": 1, "total": 2, "recall": 50.0}
    assert summary["precision"]["right"] == 1 and summary["precision"]["total"] == 3
    assert summary["doctype"]["accuracy"] == 100.0


def test_bad_annotation_names_file_and_item(tmp_path):
    bad = PROBLEMS.replace('quote = "不胜感谢"', 'quote = "不在正文里"')
    with pytest.raises(score.DataError, match=r"dev/x\.toml \[\[problem\]\] 第2项"):
        _doc(tmp_path, "有微言，又有微言。请示", bad)
    with pytest.raises(score.DataError, match="category"):
        _doc(tmp_path, "有微言，又有微言。请示", PROBLEMS.replace('"typo"', '"spelling"'))
