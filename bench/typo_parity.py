"""Do two revisions of the typo engine find the same?  Every suggestion, with its evidence to the
last bit, on the corpus and on typo-laden text, from this checkout and from ``--before REV``.

A change meant to make the engine cheaper must not change what it finds.  This writes, for each
revision, one line per suggestion (``bench/out/typo-parity-*.txt``) and compares them:

- the fifteen 政府工作报告 through ``Engine.check`` (every rule's findings, not only the typo rules);
- the corpus sentences one by one, the typo test set (``tests/typos/sentences.tsv``, both the
  sentences with an error and their corrected twins), the lines of ``tests/typos/pairs.tsv`` and
  ``tests/proofreading/drafts``;
- ``--mutants`` corpus sentences with one error put in (a homophone, a look-alike, a character
  dropped, doubled or two swapped; fixed seed), where the engine finds something in every
  second sentence;
- 2,000 corpus paragraphs with one character changed, through ``analyse_paragraph``.

Both runs use ``PYTHONHASHSEED=0`` unless ``--hash-seed N`` gives this checkout's run another
seed: the engine must find the same whatever the seed (candidates of the same evidence are taken
in the order of their text), which ``--before HEAD --hash-seed 1`` shows.

    .venv/bin/python bench/typo_parity.py --before main      # ≈ 1 minute; exit 1 on a difference
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

import inputs as bench_inputs
from targets import NOW, before_build


def fmt(s) -> str:
    return "\t".join(map(str, (s.start, s.end, s.replacement, s.grade, s.check, s.why, s.advice,
                               repr(s.evidence))))


def mutate(sentences: list[str], count: int, shapes: dict[str, str]) -> list[str]:
    from wenfeng.proofread.confusion import readings

    rng = random.Random(14)
    by_sound: dict[str, list[str]] = {}
    for c in sorted({c for s in sentences for c in s if "\u4e00" <= c <= "\u9fff"}):
        for r in readings(c):
            by_sound.setdefault(r, []).append(c)
    out: list[str] = []
    while len(out) < count:
        s = rng.choice(sentences)
        i = rng.randrange(len(s))
        c = s[i]
        if not "\u4e00" <= c <= "\u9fff":
            continue
        how = rng.random()
        if how < 0.55:
            if not readings(c):
                continue
            new = s[:i] + rng.choice(by_sound[rng.choice(readings(c))]) + s[i + 1:]
        elif how < 0.7:
            if not shapes.get(c):
                continue
            new = s[:i] + rng.choice(shapes[c]) + s[i + 1:]
        elif how < 0.8:
            new = s[:i] + s[i + 1:]
        elif how < 0.9:
            new = s[:i] + c + s[i:]
        elif i + 1 < len(s):
            new = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        else:
            continue
        out.append(new)
    return out


def dump(out: Path, mutants: int) -> None:
    """One revision's suggestions (run under that revision's PYTHONPATH)."""
    from wenfeng.config import Settings
    from wenfeng.rules.engine import Engine
    from wenfeng.rules.kinds import typo as typo_kind
    from wenfeng.sources import load_text

    engine = Engine()
    engine.segmenter.initialize()
    lines: list[str] = []
    files = bench_inputs.corpus_files()
    texts = [bench_inputs.read(p) for p in files]
    for path, text in zip(files, texts):
        for f in engine.check(load_text(text), Settings()).findings:
            lines.append(f"R\t{path.name}\t{f.rule}\t{f.start}\t{f.end}\t{f.level}\t{f.message}\t"
                         f"{f.fixes!r}")
    reader = next(iter(typo_kind._SHARED.values()))[1]
    seg = engine.segmenter
    sentences = bench_inputs.sentences(texts)
    tests = bench_inputs.REPO / "tests"
    extra: list[str] = []
    for line in (tests / "typos" / "sentences.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            extra += line.split("\t")[3:5]
    for line in (tests / "typos" / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        extra += [x for x in line.split("\t") if len(x) > 1]
    for p in sorted((tests / "proofreading" / "drafts").glob("*.txt")):
        extra += [x for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    mutated = mutate(sentences, mutants, reader.spelling._confusion.shapes)
    for kind, items in (("S", sentences), ("X", extra), ("M", mutated)):
        for k, s in enumerate(items):
            lines += [f"{kind}{k}\t{fmt(x)}" for x in reader.analyse(s, seg.boundaries(s))]
    rng = random.Random(18)
    paragraphs = [p for t in texts for p in bench_inputs.body_paragraphs(t)]
    han = [c for s in sentences for c in s if "\u4e00" <= c <= "\u9fff"]
    for k in range(2000):
        p = rng.choice(paragraphs)
        i = rng.randrange(len(p))
        q = p[:i] + rng.choice(han) + p[i + 1:]
        lines += [f"P{k}\t{fmt(x)}" for x in reader.analyse_paragraph(q, seg.boundaries(q))]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out.name}: {len(lines)} lines ({len(sentences)} corpus sentences, {len(extra)} test "
          f"lines, {len(mutated)} mutants)", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", default="main", help="the revision to compare with")
    ap.add_argument("--mutants", type=int, default=20_000)
    ap.add_argument("--hash-seed", default="0", help="PYTHONHASHSEED of this checkout's run")
    ap.add_argument("--dump", help=argparse.SUPPRESS)  # (the child process: write this file)
    args = ap.parse_args()
    if args.dump:
        dump(Path(args.dump), args.mutants)
        return 0
    outputs = []
    for build in (NOW, before_build(args.before)):
        name = "now" if build is NOW else args.before.replace("/", "-")
        out = bench_inputs.OUT / f"typo-parity-{name}.txt"
        env = dict(build.environ(), PYTHONHASHSEED=args.hash_seed if build is NOW else "0")
        subprocess.run([sys.executable, __file__, "--dump", str(out), "--mutants",
                        str(args.mutants)], env=env, check=True, cwd=bench_inputs.REPO)
        outputs.append(out.read_text(encoding="utf-8").splitlines())
    now, before = outputs
    if now == before:
        print(f"typo parity: identical ({len(now)} lines) with {args.before}")
        return 0
    import difflib

    diff = list(difflib.unified_diff(before, now, args.before, "now", lineterm="", n=0))
    print("\n".join(diff[:60]))
    print(f"typo parity: {sum(1 for d in diff if d[:1] in '+-') - 2} lines differ from "
          f"{args.before}")
    return 1


if __name__ == "__main__":
    os.chdir(bench_inputs.REPO)
    raise SystemExit(main())
