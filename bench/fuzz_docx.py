"""The long .docx mutation-fuzz run (issue 19): N mutants of a real GB/T 9704 .docx, each checked
through the ``wenfeng check`` command path; every file must be reported (exit 0/1) or refused in
one line naming it (exit 2), none may take over the time budget, and the batch must complete.

    .venv/bin/python bench/fuzz_docx.py --mutants 5000 --seed 1 [--keep DIR]

Each file runs in-process under a watchdog (``faulthandler``: a file over the budget dumps the
stack and ends the run with a failure), then the whole folder is checked once more as one batch
by a ``wenfeng check`` subprocess (``--batch``), which must end with its summary line.
The CI version is ``tests/reliability/test_docx_fuzz.py`` (hypothesis, a few dozen mutants).
"""

from __future__ import annotations

import argparse
import collections
import faulthandler
import io
import random
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reliability.docx_mutants import mutate, seed_docx  # noqa: E402


def check_one(path: Path) -> tuple[int, list[str], str]:
    from wenfeng.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["check", "--format", "json", str(path)])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except Exception:  # what aborts a batch: a failure of this run, not of the fuzzer
            import traceback

            return -1, [], traceback.format_exc()
    lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
    return code, lines, err.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mutants", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds allowed per file")
    ap.add_argument("--keep", help="write the mutants here (default: a temporary folder)")
    ap.add_argument("--batch", action="store_true", help="also check the folder as one batch")
    args = ap.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="wenfeng-fuzz-"))
    folder.mkdir(parents=True, exist_ok=True)
    seed = seed_docx(folder)
    rng = random.Random(args.seed)
    outcomes: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    slowest = (0.0, "")
    started = time.monotonic()
    for n in range(args.mutants):
        path = folder / f"m{n:05d}.docx"
        path.write_bytes(mutate(seed, rng))
        faulthandler.dump_traceback_later(args.budget, exit=True)
        t0 = time.monotonic()
        code, lines, err = check_one(path)
        took = time.monotonic() - t0
        faulthandler.cancel_dump_traceback_later()
        slowest = max(slowest, (took, path.name))
        if code in (0, 1) and not lines:
            outcomes["reported"] += 1
        elif code == 2 and len(lines) == 1 and str(path) in lines[0] and "Traceback" not in err:
            outcomes["refused"] += 1
            reason = lines[0].split("：", 1)[-1]
            outcomes["refused: " + reason[:reason.find("（")] if "（" in reason else reason[:30]] += 1
        else:
            failures.append(f"{path.name}: exit {code}: {err[-600:]}")
        if took > args.budget:
            failures.append(f"{path.name}: {took:.1f} s")
        if not args.keep and not args.batch and not failures:
            path.unlink()
    total = time.monotonic() - started
    print(f"{args.mutants} mutants (seed {args.seed}) in {total:.0f} s: "
          f"{outcomes['reported']} reported, {outcomes['refused']} refused in one line, "
          f"{len(failures)} failures; slowest {slowest[0]:.2f} s ({slowest[1]})")
    for key, count in outcomes.most_common():
        if key.startswith("refused: "):
            print(f"  {count:6d}  {key[9:]}")
    for failure in failures[:20]:
        print("FAIL", failure)
    if args.batch:
        files = sorted(folder.glob("m*.docx"))
        t0 = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "wenfeng", "check", "--format", "json",
                               str(folder)], capture_output=True, text=True)
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        tracebacks = done.stderr.count("Traceback")
        print(f"batch of {len(files)} files: exit {done.returncode}, {len(lines)} error lines, "
              f"{tracebacks} tracebacks, {time.monotonic() - t0:.0f} s, "
              f"complete={done.stdout.rstrip().endswith('}')}")
        if tracebacks or done.returncode not in (0, 1, 2) or not done.stdout.rstrip().endswith("}"):
            failures.append("batch")
        if not args.keep and not failures:
            import shutil

            shutil.rmtree(folder)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
