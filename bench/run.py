"""Run every wenfeng benchmark and write ``bench/RESULTS.md``.

    .venv/bin/python bench/run.py --before 4806d0c   # everything, and that revision beside it
    .venv/bin/python bench/run.py --quick    # fewer repetitions, for development
    .venv/bin/python bench/run.py --only start,typing   # some sections (see SECTIONS)

Inputs are made from ../shared/corpus/gwr at run time (see inputs.py); baselines run in the same
process/run, interleaved with what they are compared to, because this machine is noisy: every
number is a median (latencies also p95) and every comparison a ratio of paired runs.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.util
import json
import logging
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inputs as bench_inputs  # noqa: E402
import targets  # noqa: E402
import typo  # noqa: E402
from common import Results, fmt_ms, fmt_rate, median, verdict  # noqa: E402
from lspclient import LspClient  # noqa: E402

PY = sys.executable
RESULTS = bench_inputs.BENCH / "RESULTS.md"


# -- 1. lint throughput and baselines (in process) --------------------------------------------------
def bench_lint(res: Results, inp: bench_inputs.Inputs, runs: int) -> None:
    import autocorrect_py
    import jieba

    from wenfeng.config import Settings
    from wenfeng.metrics.counting import word_count
    from wenfeng.model import LINTED_KINDS
    from wenfeng.rules.engine import Engine
    from wenfeng.rules.matching import normalize
    from wenfeng.sources import load_text

    jieba.setLogLevel(logging.WARNING)
    engine = Engine()
    engine.segmenter.initialize()           # dictionary load is measured under "cold start"
    settings = Settings()
    tok = jieba.Tokenizer()                 # the baseline: a fresh tokenizer, same user words
    tok.initialize()
    for word, freq in engine.segmenter.user_words:
        if word and not any(c.isspace() for c in word):
            tok.add_word(word, freq)

    def lint_cold(text: str) -> float:
        engine.clear_caches()
        gc.collect()
        t = time.perf_counter()
        engine.check(load_text(text), settings)
        return time.perf_counter() - t

    def lint_warm(text: str) -> float:
        t = time.perf_counter()
        engine.check(load_text(text), settings)
        return time.perf_counter() - t

    def lint_eager(text: str) -> float:
        """Cold lint that also segments every paragraph (what a non-lazy jieba linter pays)."""
        engine.clear_caches()
        gc.collect()
        t = time.perf_counter()
        doc = load_text(text)
        for block in doc.blocks:
            if block.kind in LINTED_KINDS:
                engine.segmenter.boundaries(normalize(block.text))
        engine.check(doc, settings)
        return time.perf_counter() - t

    def jieba_cut(text: str) -> float:
        gc.collect()
        t = time.perf_counter()
        for _ in tok.cut(text, HMM=True):
            pass
        return time.perf_counter() - t

    def autocorrect_lint(text: str) -> float:
        # paragraph by paragraph: on the joined 280,000-字 text a single call sometimes stops
        # with its parser's "call limit reached"; per paragraph it gives the same lines
        t = time.perf_counter()
        for paragraph in text.split("\n"):
            autocorrect_py.lint_for(paragraph, "draft.txt")
        return time.perf_counter() - t

    def autocorrect_format(text: str) -> float:
        t = time.perf_counter()
        autocorrect_py.format(text)
        return time.perf_counter() - t

    for label, path in (("20,000-字 report", inp.report), ("280,000-字 (all 15)", inp.all15),
                        ("5,000-字 draft", inp.draft)):
        text = path.read_text(encoding="utf-8")
        zi = word_count(text)
        print(f"lint: {label} ({zi:,} 字)", flush=True)
        lint_cold(text)  # warm up imports and regex caches once
        t_lint, t_jieba, t_eager, t_warm, t_acl, t_acf, ratio, ratio_eager = ([] for _ in range(8))
        for i in range(runs):
            order = [jieba_cut, lint_cold] if i % 2 == 0 else [lint_cold, jieba_cut]
            times = {f.__name__: f(text) for f in order}
            t_jieba.append(times["jieba_cut"])
            t_lint.append(times["lint_cold"])
            ratio.append(times["jieba_cut"] / times["lint_cold"])
            t_eager.append(lint_eager(text))
            ratio_eager.append(times["jieba_cut"] / t_eager[-1])
            t_warm.append(lint_warm(text))
            t_acl.append(autocorrect_lint(text))
            t_acf.append(autocorrect_format(text))
        sec = f"Lint throughput — {label}, {zi:,} 字"
        how = "bench/run.py --only lint"
        res.add(sec, "wenfeng lint, cold cache (fresh engine cache per run)",
                f"{fmt_rate(zi / median(t_lint))} ({fmt_ms(median(t_lint))})", how=how)
        res.add(sec, "raw jieba segmentation, same text and user dictionary (baseline)",
                f"{fmt_rate(zi / median(t_jieba))} ({fmt_ms(median(t_jieba))})", how=how)
        res.add(sec, "ratio wenfeng / jieba (median of paired runs)", f"{median(ratio):.2f}",
                "≥ 0.7", verdict(median(ratio) >= 0.7), how)
        res.add(sec, "wenfeng lint + jieba on every paragraph (eager), cold",
                f"{fmt_rate(zi / median(t_eager))} ({fmt_ms(median(t_eager))}); "
                f"ratio to jieba {median(ratio_eager):.2f}", "≥ 0.7",
                verdict(median(ratio_eager) >= 0.7), how)
        res.add(sec, "wenfeng re-lint, warm cache (unchanged text)",
                f"{fmt_rate(zi / median(t_warm))} ({fmt_ms(median(t_warm))})", how=how)
        res.add(sec, "autocorrect-py lint_for, per paragraph (baseline)",
                f"{fmt_rate(zi / median(t_acl))} ({fmt_ms(median(t_acl))})", how=how)
        res.add(sec, "autocorrect-py format (baseline)",
                f"{fmt_rate(zi / median(t_acf))} ({fmt_ms(median(t_acf))})", how=how)
        if path == inp.all15:
            doc = load_text(text)
            linted = [b for b in doc.blocks if b.kind in LINTED_KINDS]
            engine.clear_caches()
            engine.check(doc, settings)
            segmented = len(engine.segmenter._cache)
            res.notes.append(
                f"Laziness: on the 280,000-字 file the engine asked jieba for {segmented} of "
                f"{len(linted)} paragraphs (only where a token-boundary term occurs), so the cold "
                f"lint does not pay for a full segmentation; the 'eager' row adds it.")


# -- 2. the two segmenter backends side by side -------------------------------------------------------
def bench_backends(res: Results, inp: bench_inputs.Inputs, runs: int) -> None:
    """rjieba (used) and jieba (the reference) through wenfeng's Segmenter, same user words."""
    from wenfeng.config import Settings
    from wenfeng.metrics.counting import word_count
    from wenfeng.model import LINTED_KINDS
    from wenfeng.rules.engine import Engine
    from wenfeng.rules.matching import normalize
    from wenfeng.segment import Segmenter
    from wenfeng.sources import load_text

    print("segmenter backends", flush=True)
    engine = Engine()
    words = engine.segmenter.user_words
    loads: dict[str, float] = {}
    seg: dict[str, Segmenter] = {}
    for name in ("jieba", "rjieba"):
        t = time.perf_counter()
        seg[name] = Segmenter(words, backend=name)
        seg[name].initialize()
        loads[name] = time.perf_counter() - t
    text = inp.all15.read_text(encoding="utf-8")
    zi = word_count(text)
    doc = load_text(text)
    paras = [normalize(b.text) for b in doc.blocks if b.kind in LINTED_KINDS]
    speed: dict[str, list[float]] = {"jieba": [], "rjieba": []}
    for i in range(runs):
        for name in (("jieba", "rjieba") if i % 2 == 0 else ("rjieba", "jieba")):
            t = time.perf_counter()
            for p in paras:
                seg[name].tokens(p)
            speed[name].append(time.perf_counter() - t)
    same = sum(1 for p in paras if seg["jieba"].tokens(p) == seg["rjieba"].tokens(p))
    findings = {}
    for name in ("jieba", "rjieba"):
        engine.clear_caches()
        engine.segmenter = seg[name]
        findings[name] = [(f.rule, f.start, f.end, f.message)
                          for f in engine.check(doc, Settings()).findings]
    sec = f"Segmenter backends — 280,000-字 file ({zi:,} 字)"
    how = "bench/run.py --only backends"
    res.add(sec, "dictionary load + user words: jieba / rjieba",
            f"{fmt_ms(loads['jieba'])} / {fmt_ms(loads['rjieba'])} "
            f"({loads['jieba'] / loads['rjieba']:.1f}×)", how=how)
    j, r = median(speed["jieba"]), median(speed["rjieba"])
    res.add(sec, "segmenting every paragraph: jieba / rjieba",
            f"{fmt_rate(zi / j)} / {fmt_rate(zi / r)} ({j / r:.1f}×)", how=how)
    res.add(sec, "paragraphs with identical tokens", f"{same} of {len(paras)}", how=how)
    differ = len(set(findings["jieba"]) ^ set(findings["rjieba"]))
    res.add(sec, "findings that differ between the backends", f"{differ} of "
            f"{len(findings['jieba'])}", "0", verdict(differ == 0), how)


# -- 3. memory with ten documents open -----------------------------------------------------------
SETTINGS = {"debounceMs": 0}


async def memory(paths: list[Path]) -> tuple[float, float, float]:
    client = LspClient(SETTINGS)
    await client.start(bench_inputs.REPO, bench_inputs.OUT / "server-memory.log",
                       env={"WENFENG_CACHE_DIR": str(targets.CACHE)})
    await client.initialize(bench_inputs.INPUTS)
    base = client.peak_rss_mb()[1]
    for p in paths:
        client.open(p.resolve().as_uri(), p.read_text(encoding="utf-8"), 1)
    for p in paths:  # complete results: the dictionary is loaded by then
        await client.wait_complete(p.resolve().as_uri(), 1, timeout=300)
    await asyncio.sleep(0.5)
    hwm, rss = client.peak_rss_mb()
    await client.stop()
    return base, hwm, rss


def bench_memory(res: Results, inp: bench_inputs.Inputs) -> None:
    from wenfeng.metrics.counting import word_count

    print("memory", flush=True)
    sizes = [word_count(p.read_text(encoding="utf-8")) for p in inp.ten]
    base, hwm, rss = asyncio.run(memory(inp.ten))
    res.add("Memory", f"server peak RSS (VmHWM) with ten documents open "
            f"({min(sizes):,}–{max(sizes):,} 字 each, {sum(sizes):,} 字 in all)",
            f"{hwm:,.0f} MB (after initialize: {base:,.0f} MB; now {rss:,.0f} MB)", "≤ 300 MB",
            verdict(hwm <= 300), "bench/run.py --only memory")


# -- machine and output --------------------------------------------------------------------------------
def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import jieba

    def version(name: str) -> str:
        try:
            from importlib.metadata import version as v
            return v(name)
        except Exception:  # noqa: BLE001
            return "absent"

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=bench_inputs.REPO).stdout.strip() or "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, cwd=bench_inputs.REPO).stdout.strip()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return [
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit}"
        f"{' + uncommitted changes' if dirty else ''}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} "
        f"{platform.release()}; load average at start {load[0]:.2f} (shared with several other "
        f"jobs, noisy: absolute times move with the load, the paired ratios much less)",
        f"- Python {platform.python_version()}; jieba {jieba.__version__}, pygls "
        f"{version('pygls')}, autocorrect-py {version('autocorrect-py')}, rjieba {version('rjieba')}",
    ]


def write(res: Results, header: list[str], args) -> str:
    lines = ["# wenfeng benchmark results", "",
             "Made by `.venv/bin/python bench/run.py` (see bench/README.md). Medians of paired, "
             "interleaved runs on a shared machine; compare ratios, not absolute times, across "
             "machines.", ""]
    lines += header
    lines += [f"- repetitions: start-up {args.runs} pairs, keystrokes {args.keystrokes} × 2 "
              f"(type + delete), edits {args.edits:,}", ""]
    lines += ["| section | measurement | result | target | |", "|---|---|---|---|---|"]
    for r in res.rows:
        mark = {"met": "✅", "missed": "❌"}.get(r.verdict, "")
        lines.append(f"| {r.section} | {r.what} | {r.value} | {r.target} | {mark} |")
    if res.notes:
        lines += ["", *(f"- {n}" for n in res.notes)]
    return "\n".join(lines) + "\n"


SECTIONS = ("start", "server", "throughput", "linear", "typing", "edits", "cores", "memory",
            "backends", "lint", "typo")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (development)")
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    ap.add_argument("--before", metavar="REV", help="also measure this git revision (start-up, "
                    "throughput) in the same run, e.g. the commit before a change")
    ap.add_argument("--edits", type=int, help="edits for the memory-over-edits row "
                    "(default 10,000; 1,000 with --quick)")
    ap.add_argument("--output", default=str(RESULTS), help="markdown file to write")
    args = ap.parse_args()
    args.runs = 3 if args.quick else 7
    args.keystrokes = 20 if args.quick else 100
    args.edits = args.edits or (1000 if args.quick else 10000)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections: {', '.join(sorted(unknown))} (have {', '.join(SECTIONS)})")

    missing = [name for name, module in (("autocorrect-py", "autocorrect_py"), ("rjieba", "rjieba"))
               if importlib.util.find_spec(module) is None]
    if missing and only & {"lint", "backends"}:
        sys.exit(f"bench: missing {', '.join(missing)} — install the bench extra: "
                 f".venv/bin/pip install -e '.[bench]'")
    # .pyc files are written, as an installed package has them: with PYTHONDONTWRITEBYTECODE in
    # the environment every wenfeng process would compile its modules again, while jieba's (the
    # baseline) come compiled from its installation
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    inp = bench_inputs.prepare()
    header = machine()
    print("\n".join(header), flush=True)
    builds = [targets.NOW] + ([targets.before_build(args.before)] if args.before else [])
    res = Results()
    started = time.perf_counter()
    if "start" in only:
        targets.bench_start(res, inp, builds, args.runs)
    if "server" in only:
        targets.bench_server_start(res, inp, builds, max(3, args.runs // 2 + 1))
    if "throughput" in only:
        targets.bench_throughput(res, inp, builds, max(3, args.runs // 2 + 1))
    if "linear" in only:
        targets.bench_linear(res, inp)
    if "typing" in only:
        targets.bench_typing(res, inp, args.keystrokes, builds)
    if "typo" in only:
        typo.bench_typo(res, inp, args.keystrokes, 2 if args.quick else 3)
    if "edits" in only:
        targets.bench_edits(res, inp, args.edits)
    if "cores" in only:
        targets.bench_cores(res, inp, 2)
    if "memory" in only:
        bench_memory(res, inp)
    if "backends" in only:
        bench_backends(res, inp, 3)
    if "lint" in only:
        bench_lint(res, inp, 3 if args.quick else 5)
    res.notes.append("Language-server rows use `initializationOptions.settings.debounceMs = 0`; "
                     "editors keep the default 150 ms, which adds waiting but no work.")
    res.notes.append(f"The whole run took {time.perf_counter() - started:,.0f} s; load average "
                     f"at the end {os.getloadavg()[0]:.2f}.")
    out = write(res, header, args)
    Path(args.output).write_text(out, encoding="utf-8")
    (bench_inputs.OUT / "results.json").write_text(
        json.dumps([r.__dict__ for r in res.rows], ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n" + out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
