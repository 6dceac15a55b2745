"""List the cuts the trim plans make on tests/trim/drafts, for judging by hand.

Usage:
    python scripts/trim_sample.py [--to general|maximum] [--review FILE]
    python scripts/trim_sample.py --sample [SEED] [N] [--toml]

``--review FILE`` writes every cut of every draft as Markdown: per draft its 字数, limit and
headline, then one row per cut with its rule, class, grade, saving, the sentence before (the cut
in ［］) and after, and the reason — what an independent judge reads (``tests/trim/cuts-review.md``
is this output for the committed drafts).  Without it the same rows go to stdout.
``--sample`` prints a random sample instead, one line per cut (index, draft, offset, rule, class,
context), or with ``--toml`` the skeleton of tests/trim/judged.toml entries (accept/reason left
for the judge).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from wenfeng.api import check_path  # noqa: E402
from wenfeng.trim import TrimError, plan_trim  # noqa: E402
from wenfeng.trim.wording import CLASS_LABELS, GRADE_LABELS  # noqa: E402

DRAFTS = ROOT / "tests" / "trim" / "drafts"
CONTEXT = 25
SENTENCE_END = "。！？；\n"


def _around(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence(s) around [start, end): from the previous sentence end to the next one."""
    left = max(text.rfind(m, 0, start) for m in SENTENCE_END) + 1
    left = max(left, start - 60)
    ends = [i for i in (text.find(m, end) for m in SENTENCE_END) if i >= 0]
    right = min(min(ends, default=len(text)) + 1, end + 60)
    if text[right - 1:right] == "\n":
        right -= 1
    return text[left:start], text[end:right]


def plans(target: str):
    for path in sorted(DRAFTS.glob("*.txt")):
        report = check_path(path)
        try:
            yield path, report, plan_trim(report, target)
        except TrimError as exc:
            yield path, report, exc


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "⏎")


def review(target: str) -> str:
    lines = [f"# 压到限额：各稿的删改（{'一般限额' if target == 'general' else '最高限额'}）", "",
             "由 `python scripts/trim_sample.py --review FILE` 生成。每处删改：原句（删去部分在［］中）、"
             "改后、理由。判断标准：细心的编辑是否会接受（意思、语气、语法是否保持）。", ""]
    total = 0
    for path, report, plan in plans(target):
        if isinstance(plan, TrimError):
            lines += [f"## {path.name}", "", f"{plan}", ""]
            continue
        lines += [f"## {path.name}", "", f"{plan.doctype}，正文 {plan.before} 字 · {plan.headline}", ""]
        if not plan.cuts:
            continue
        lines += ["| # | 规则 | 类别·等级 | 减 | 原文 | 改后 | 理由 |", "|---|---|---|---|---|---|---|"]
        text = report.document.text
        for cut in plan.cuts:
            total += 1
            left, right = _around(text, cut.start, cut.end)
            before = f"{left}［{text[cut.start:cut.end]}］{right}"
            after = f"{left}{cut.replacement}{right}"
            lines.append(f"| {total} | {cut.rule} | {CLASS_LABELS[cut.cls]}·{GRADE_LABELS[cut.grade]} "
                         f"| {cut.saves} | {_cell(before)} | {_cell(after)} | {_cell(cut.reason)} |")
        lines.append("")
    lines.insert(4, f"共 {total} 处删改。")
    lines.insert(5, "")
    return "\n".join(lines) + "\n"


def sample(seed: int, n: int, toml: bool) -> None:
    everything = []
    for path, report, plan in plans("general"):
        text = report.document.text
        for cut in plan.cuts:
            left = text[max(0, cut.start - CONTEXT):cut.start].split("\n")[-1]
            right = text[cut.end:cut.end + CONTEXT].split("\n")[0]
            everything.append((path.name, cut, f"{left}［{cut.before}］{right}"))
    random.seed(seed)
    picked = sorted(random.sample(range(len(everything)), min(n, len(everything))))
    for i in picked:
        name, cut, context = everything[i]
        if toml:
            print(f'[[cuts]]\ndraft = "{name}"\nstart = {cut.start}\nend = {cut.end}\n'
                  f'rule = "{cut.rule}"\nclass = "{cut.cls}"\ncut = "{cut.before}"\n'
                  f'replacement = "{cut.replacement}"\ncontext = "{context}"\naccept = \n'
                  f'reason = ""\n')
        else:
            print(f"{i}|{name}|{cut.start}|{cut.rule}|{cut.cls}|{context}")
    print(f"# {len(picked)} of {len(everything)} cuts (seed {seed})", file=sys.stderr)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--to", choices=("general", "maximum"), default="general")
    parser.add_argument("--review", metavar="FILE")
    parser.add_argument("--sample", nargs="*", type=int, metavar="SEED N")
    parser.add_argument("--toml", action="store_true")
    args = parser.parse_args(argv)
    if args.sample is not None:
        seed, n = (args.sample + [19, 110][len(args.sample):])[:2]
        sample(seed, n, args.toml)
        return 0
    text = review(args.to)
    if args.review:
        Path(args.review).write_text(text, encoding="utf-8")
        print(f"写出 {args.review}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
