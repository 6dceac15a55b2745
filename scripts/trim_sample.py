"""Print a random sample of the cuts the trim plans make on tests/trim/drafts, for judging by hand.

Usage: python scripts/trim_sample.py [SEED] [N] [--toml]
One line per cut (index, draft, offset, rule, class, context with the cut in ［］), or with
--toml the skeleton of tests/trim/judged.toml entries (accept/reason left for the judge).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from wenfeng.api import check_path  # noqa: E402
from wenfeng.trim import plan_trim  # noqa: E402


def rows():
    for path in sorted((ROOT / "tests" / "trim" / "drafts").glob("*.txt")):
        report = check_path(path)
        text = report.document.text
        for cut in plan_trim(report).cuts:
            left = text[max(0, cut.start - 25):cut.start].split("\n")[-1]
            right = text[cut.end:cut.end + 25].split("\n")[0]
            yield path.name, cut, f"{left}［{cut.before}］{right}"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    seed = int(args[0]) if args else 19
    n = int(args[1]) if len(args) > 1 else 110
    everything = list(rows())
    random.seed(seed)
    picked = sorted(random.sample(range(len(everything)), min(n, len(everything))))
    for i in picked:
        name, cut, context = everything[i]
        if "--toml" in argv:
            print(f'[[cuts]]\ndraft = "{name}"\nstart = {cut.start}\nend = {cut.end}\nrule = "{cut.rule}"\n'
                  f'class = "{cut.cls}"\ncut = "{cut.before}"\nreplacement = "{cut.replacement}"\n'
                  f'context = "{context}"\naccept = \nreason = ""\n')
        else:
            print(f"{i}|{name}|{cut.start}|{cut.rule}|{cut.cls}|{context}")
    print(f"# {len(picked)} of {len(everything)} cuts (seed {seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
