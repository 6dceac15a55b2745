"""Rebuild ``sentences.tsv`` from the 政府工作报告 corpus and ``pairs.tsv`` (run once; the TSV is
committed, so tests never need the corpus).

Each pair is a correct form and a typing error collected from drafts, the 公文助手 list or the
《咬文嚼字》 lists (homophones, look-alikes, dropped characters, 重字, 二/两).  For each pair up to
three corpus sentences containing the correct form are taken (evenly spaced, deterministic) and the
typo is put in: the twin is the sentence as published.

A pair found wrong later is marked withdrawn (fourth column) and its rows are left out without
renumbering the others.  The held-out third was fixed before any tuning: rows whose number is ≡ 2 (mod 3) have split
``holdout`` and were never looked at while setting thresholds; the rest are ``tune``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GWR = HERE.parents[2].parent / "shared" / "corpus" / "gwr"


def sentences() -> list[str]:
    out = []
    for path in sorted(GWR.glob("*.txt")):
        for s in re.split(r"(?<=[。；！？])", path.read_text(encoding="utf-8")):
            s = s.strip()
            if 18 <= len(s) <= 90 and "\n" not in s:
                out.append(s)
    return out


def main() -> int:
    pool = sentences()
    if not pool:
        print(f"corpus not found at {GWR}", file=sys.stderr)
        return 2
    rows = []
    for line in (HERE / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        right, wrong, kind, *note = line.split("\t")
        hits = [s for s in pool if s.count(right) == 1 and wrong not in s]
        if not hits:
            continue
        step = max(1, len(hits) // 3)
        for s in hits[::step][:3]:
            rows.append((kind, s.replace(right, wrong), s, wrong, right, bool(note)))
    with open(HERE / "sentences.tsv", "w", encoding="utf-8") as out:
        out.write("# Typo test set, made by make_sentences.py from the 政府工作报告 and pairs.tsv.\n"
                  "# Split fixed before tuning: id ≡ 2 (mod 3) is holdout, never used to set "
                  "thresholds; the rest is tune.\n")
        out.write("# id\tsplit\tkind\ttypo sentence\tcorrect twin\twrong\tright\n")
        for n, (kind, bad, good, wrong, right, withdrawn) in enumerate(rows):
            if withdrawn:  # keeps its number, so the split of every other row stays as fixed
                continue
            split = "holdout" if n % 3 == 2 else "tune"
            out.write(f"{n}\t{split}\t{kind}\t{bad}\t{good}\t{wrong}\t{right}\n")
    print(f"{sum(not r[-1] for r in rows)} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
