"""Draw a uniform random sample of 120 cuts from tests/trim/cuts-review.md (seed 31415).
Usage: python sample.py [path-to-cuts-review.md] > sample.tsv
"""
import random
import re
import sys
from pathlib import Path

SRC = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1].endswith(".md") else str(Path(__file__).resolve().parents[2] / "cuts-review.md")
N, SEED = 120, 31415

def parse(path):
    cuts, draft = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^## (.+)$", line)
        if m:
            draft = m.group(1).strip()
            continue
        if line.startswith("| ") and re.match(r"^\| \d+ \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            idx, rule, grade, red, before, after, reason = cells[:7]
            cuts.append(dict(draft=draft, idx=int(idx), rule=rule, grade=grade,
                             reduce=red, before=before, after=after, reason=reason))
    return cuts

if __name__ == "__main__":
    cuts = parse(SRC)
    rng = random.Random(SEED)
    sample = sorted(rng.sample(cuts, N), key=lambda c: c["idx"])
    sys.stderr.write(f"population {len(cuts)}, sample {len(sample)}\n")
    for c in sample:
        print("\t".join(str(c[k]) for k in ("idx","draft","rule","grade","reduce","before","after","reason")))
