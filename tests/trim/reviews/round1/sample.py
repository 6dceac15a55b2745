#!/usr/bin/env python3
"""Draw a uniform random sample of cuts from cuts-review.md.

Usage: python3 sample.py [N] [--json]
Seed is fixed at 20261203; sampling is uniform over all cut rows
(random.Random(seed).sample over the list in file order), output sorted by cut #.
"""
import json
import random
import re
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "cuts-review.md")  # as it was in round 1: see README
SEED = 20261203
GRADE = {"安全": "safe", "较稳妥": "likely", "需斟酌": "review"}


def parse(path=SRC):
    cuts, draft = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^## (\S+)", line)
        if m:
            draft = m.group(1)
            continue
        if re.match(r"^\| \d+ \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            num, rule, catgrade, minus, before, after, reason = cells[:7]
            cat, g = catgrade.split("·")
            cuts.append(dict(id=int(num), draft=draft, rule=rule, category=cat,
                             grade=GRADE[g], minus=int(minus), before=before,
                             after=after, reason=reason))
    return cuts


def sample(n=130, seed=SEED):
    cuts = parse()
    rng = random.Random(seed)
    return sorted(rng.sample(cuts, n), key=lambda c: c["id"]), len(cuts)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 130
    picked, total = sample(n)
    if "--json" in sys.argv:
        print(json.dumps(picked, ensure_ascii=False, indent=1))
    else:
        print(f"# {n} of {total} cuts, seed {SEED}")
        for c in picked:
            print(f"{c['id']}\t{c['draft']}\t{c['rule']}\t{c['grade']}\t{c['before']}\t=>\t{c['reason']}")
