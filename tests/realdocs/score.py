"""Score wenfeng against the hand-annotated real documents in ``tests/realdocs/<part>/``.

Usage::

    python tests/realdocs/score.py dev            # human-readable report
    python tests/realdocs/score.py dev --json     # the same numbers as JSON

Each document is checked through ``wenfeng.api.check_text`` with default settings (profile
jingzhou-2019, 文种 detected, not given).  A finding *matches* an annotated problem when their
spans overlap (a zero-width finding matches a problem that contains its position).  A finding
that wenfeng marks as document-level (length, one matter per 请示…) is anchored on the title, so
it also matches the document's problems of the categories in ``DOCUMENT_CATEGORIES``.

Numbers printed:

- definite recall: definite problems matched by a finding at warning or error;
- suggestion recall: suggestions matched by a finding at any level (hint included);
- warning/error precision: share of warning/error findings that match an annotated problem
  or that the lead ruled right in ``adjudicated.toml``; findings nobody has ruled on yet count
  as wrong and are listed so that a human can rule on them;
- 文种 detection accuracy (exact catalogue name, so 专项报告 ≠ 综合性报告);
- recall per category.

The blind part was scored once, at the end of issue 13 (blind-result.md); the second blind part,
``blind2``, was likewise scored once by the lead (blind2-result.md); the third, ``blind3``, is
scored once by the lead at the end, and nobody runs wenfeng on it before that (see README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

HERE = Path(__file__).resolve().parent
PARTS = ("dev", "blind", "blind2", "blind3")
CLASSES = ("definite", "suggestion")
CATEGORIES = (
    "formalism", "report-request", "request-form", "honorific", "structure", "typo",
    "word-usage", "grammar", "punctuation", "date-format", "number-format", "docnumber",
    "numbering", "length", "cliche", "slogan", "verbose", "adverb", "wording",
)
#: Problems about the document as a whole; a document-level finding may stand for them.
DOCUMENT_CATEGORIES = frozenset({"report-request", "request-form", "length"})
REQUIRED_KEYS = ("url", "title", "retrieved", "doctype")
PROBLEM_KEYS = ("quote", "occurrence", "class", "category", "note", "basis")
VERDICTS = ("right", "wrong")


class DataError(Exception):
    """A malformed annotation file: the message names the file and the key."""


@dataclass
class Problem:
    quote: str
    occurrence: int
    cls: str
    category: str
    note: str
    basis: str
    start: int
    end: int


@dataclass
class Doc:
    part: str
    name: str
    text: str
    meta: dict
    problems: list[Problem] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.part}/{self.name}"


def find_occurrence(text: str, quote: str, occurrence: int) -> int:
    """Index of the ``occurrence``-th (1-based) appearance of ``quote`` in ``text``, or -1."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return -1
    return pos


def load_doc(toml_path: Path) -> Doc:
    part = toml_path.parent.name
    txt_path = toml_path.with_suffix(".txt")
    where = f"{part}/{toml_path.name}"
    if not txt_path.is_file():
        raise DataError(f"{where}: 缺少正文文件 {txt_path.name}")
    try:
        meta = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{where}: TOML 格式错误：{exc}") from None
    for key in REQUIRED_KEYS:
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise DataError(f"{where}: 缺少或为空的键 {key}")
    text = txt_path.read_text(encoding="utf-8")
    doc = Doc(part, toml_path.stem, text, meta)
    for i, raw in enumerate(meta.get("problem", []), 1):
        at = f"{where} [[problem]] 第{i}项"
        for key in PROBLEM_KEYS:
            if key not in raw:
                raise DataError(f"{at}: 缺少键 {key}")
        if raw["class"] not in CLASSES:
            raise DataError(f"{at}: class 须为 {'/'.join(CLASSES)}，而非 {raw['class']!r}")
        if raw["category"] not in CATEGORIES:
            raise DataError(f"{at}: 未知 category {raw['category']!r}")
        occ = raw["occurrence"]
        if not isinstance(occ, int) or occ < 1:
            raise DataError(f"{at}: occurrence 须为正整数")
        start = find_occurrence(text, raw["quote"], occ)
        if start < 0 or not raw["quote"]:
            raise DataError(f"{at}: 正文中找不到第{occ}处 {raw['quote']!r}")
        doc.problems.append(Problem(raw["quote"], occ, raw["class"], raw["category"], raw["note"],
                                    raw["basis"], start, start + len(raw["quote"])))
    return doc


def load_part(part: str, root: Path = HERE) -> list[Doc]:
    folder = root / part
    if not folder.is_dir():
        raise DataError(f"{folder}: 没有这个部分（可用：{'、'.join(PARTS)}）")
    stray = sorted(p.name for p in folder.glob("*.txt") if not p.with_suffix(".toml").is_file())
    if stray:
        raise DataError(f"{part}/{stray[0]}: 缺少标注文件 .toml")
    return [load_doc(p) for p in sorted(folder.glob("*.toml"))]


def load_adjudications(path: Path = HERE / "adjudicated.toml") -> dict[tuple[str, str, str], dict]:
    """``(doc key, rule, span text) → {"verdict", "reason"}`` from the lead's rulings."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path.name}: TOML 格式错误：{exc}") from None
    rulings = {}
    for i, entry in enumerate(data.get("finding", []), 1):
        for key in ("doc", "rule", "text", "verdict", "reason"):
            if not isinstance(entry.get(key), str):
                raise DataError(f"{path.name} [[finding]] 第{i}项: 缺少键 {key}")
        if entry["verdict"] not in VERDICTS:
            raise DataError(f"{path.name} [[finding]] 第{i}项: verdict 须为 right 或 wrong")
        rulings[(entry["doc"], entry["rule"], entry["text"])] = entry
    return rulings


def overlaps(f_start: int, f_end: int, p_start: int, p_end: int) -> bool:
    if f_start == f_end:
        return p_start <= f_start <= p_end
    return f_start < p_end and p_start < f_end


def matches(finding, problem: Problem) -> bool:
    if overlaps(finding.start, finding.end, problem.start, problem.end):
        return True
    return bool(getattr(finding, "document_level", False)) and problem.category in DOCUMENT_CATEGORIES


def is_serious(finding) -> bool:
    return int(finding.level) >= 3  # WARNING or ERROR


def score_doc(doc: Doc, findings, detected: str, rulings) -> dict:
    """Match one document's findings to its problems; pure, so the tests can feed it fakes."""
    problems = []
    for p in doc.problems:
        hit = [f for f in findings if matches(f, p)]
        serious = [f for f in hit if is_serious(f)]
        found = bool(serious) if p.cls == "definite" else bool(hit)
        problems.append({
            "quote": p.quote, "occurrence": p.occurrence, "class": p.cls, "category": p.category,
            "note": p.note, "found": found,
            "rules": sorted({f.rule for f in hit}),
            "best_level": max((f.level.label for f in hit), key=_level_rank, default=None),
        })
    serious_findings = []
    for f in findings:
        if not is_serious(f):
            continue
        span = doc.text[f.start:f.end]
        matched = any(matches(f, p) for p in doc.problems)
        ruling = rulings.get((doc.key, f.rule, span))
        verdict = "matched" if matched else (ruling["verdict"] if ruling else "pending")
        serious_findings.append({
            "rule": f.rule, "level": f.level.label, "start": f.start, "end": f.end, "text": span,
            "message": f.message, "verdict": verdict,
            "reason": ruling["reason"] if ruling and not matched else "",
        })
    expected = doc.meta["doctype"]
    return {"doc": doc.key, "expected_doctype": expected, "detected_doctype": detected,
            "doctype_ok": detected == expected, "problems": problems, "findings": serious_findings}


def _level_rank(label: str) -> int:
    return ("hint", "info", "warning", "error").index(label)


def _pct(n: int, d: int) -> float | None:
    return round(100.0 * n / d, 1) if d else None


def summarise(results: list[dict]) -> dict:
    probs = [p for r in results for p in r["problems"]]
    definite = [p for p in probs if p["class"] == "definite"]
    suggestion = [p for p in probs if p["class"] == "suggestion"]
    findings = [f for r in results for f in r["findings"]]
    right = sum(f["verdict"] in ("matched", "right") for f in findings)
    pending = sum(f["verdict"] == "pending" for f in findings)
    per_cat = {}
    for cls in CLASSES:
        for cat in CATEGORIES:
            group = [p for p in probs if p["class"] == cls and p["category"] == cat]
            if group:
                found = sum(p["found"] for p in group)
                per_cat[f"{cls}/{cat}"] = {"found": found, "total": len(group),
                                           "recall": _pct(found, len(group))}
    doctype_ok = sum(r["doctype_ok"] for r in results)
    return {
        "documents": len(results),
        "definite": {"found": sum(p["found"] for p in definite), "total": len(definite),
                     "recall": _pct(sum(p["found"] for p in definite), len(definite))},
        "suggestion": {"found": sum(p["found"] for p in suggestion), "total": len(suggestion),
                       "recall": _pct(sum(p["found"] for p in suggestion), len(suggestion))},
        "precision": {"right": right, "total": len(findings), "pending": pending,
                      "wrong": len(findings) - right - pending,
                      "precision": _pct(right, len(findings))},
        "doctype": {"right": doctype_ok, "total": len(results),
                    "accuracy": _pct(doctype_ok, len(results))},
        "per_category": per_cat,
    }


def run(part: str) -> dict:
    from wenfeng.api import check_text  # imported here so data checks work without wenfeng

    docs = load_part(part)
    rulings = load_adjudications()
    results = []
    for doc in docs:
        report = check_text(doc.text, path=str(HERE / doc.part / f"{doc.name}.txt"))
        if report.document.text != doc.text:
            raise DataError(f"{doc.key}: wenfeng 读入的正文与文件不一致，偏移无法对齐")
        results.append(score_doc(doc, report.findings, report.doctype.name, rulings))
    return {"part": part, "summary": summarise(results), "documents": results}


def _fmt(stat: dict, key: str) -> str:
    value = stat[key]
    return "n/a" if value is None else f"{value:.1f} %"


def print_report(out: dict) -> None:
    s = out["summary"]
    print(f"wenfeng on tests/realdocs/{out['part']}: {s['documents']} documents")
    print(f"  definite problems found at warning/error: {s['definite']['found']}/{s['definite']['total']}"
          f" = {_fmt(s['definite'], 'recall')}")
    print(f"  suggestions found at any level:            {s['suggestion']['found']}/{s['suggestion']['total']}"
          f" = {_fmt(s['suggestion'], 'recall')}")
    pr = s["precision"]
    print(f"  warning/error precision:                   {pr['right']}/{pr['total']} = {_fmt(pr, 'precision')}"
          f"  ({pr['pending']} not yet adjudicated, counted wrong; {pr['wrong']} ruled wrong)")
    print(f"  文种 detection:                            {s['doctype']['right']}/{s['doctype']['total']}"
          f" = {_fmt(s['doctype'], 'accuracy')}")
    print("\nRecall per category:")
    for cat, c in s["per_category"].items():
        print(f"  {cat:28s} {c['found']:3d}/{c['total']:<3d} {_fmt(c, 'recall')}")
    print("\n文种 mismatches:")
    for r in out["documents"]:
        if not r["doctype_ok"]:
            print(f"  {r['doc']}: expected {r['expected_doctype']}, detected {r['detected_doctype']}")
    print("\nMissed definite problems:")
    for r in out["documents"]:
        for p in r["problems"]:
            if p["class"] == "definite" and not p["found"]:
                seen = f" (only {p['best_level']}: {', '.join(p['rules'])})" if p["rules"] else ""
                print(f"  {r['doc']} [{p['category']}] “{p['quote']}” — {p['note']}{seen}")
    print("\nUnmatched warning/error findings (rule on them in adjudicated.toml):")
    for r in out["documents"]:
        for f in r["findings"]:
            if f["verdict"] in ("pending", "wrong", "right"):
                tag = {"pending": "?", "wrong": "✗", "right": "✓"}[f["verdict"]]
                print(f"  {tag} {r['doc']} {f['rule']} {f['level']} “{f['text'][:40]}” — {f['message'][:80]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=PARTS)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    try:
        out = run(args.part)
    except DataError as exc:
        print(f"score.py: {exc}", file=sys.stderr)
        return 2
    except ImportError:
        print("score.py: 找不到 wenfeng（请在装有 wenfeng 的环境中运行，如 .venv/bin/python）", file=sys.stderr)
        return 2
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
