"""Run every wenfeng benchmark and write ``bench/RESULTS.md``.

    .venv/bin/python bench/run.py            # everything (about 10 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # fewer repetitions, for development
    .venv/bin/python bench/run.py --only lint,lsp   # some sections (lint lsp start memory cli rjieba)

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
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inputs as bench_inputs  # noqa: E402
from lspclient import LspClient  # noqa: E402

PY = sys.executable
RESULTS = bench_inputs.BENCH / "RESULTS.md"


# -- small statistics -------------------------------------------------------------------------------
def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, -(-95 * len(s) // 100) - 1))]


def fmt_ms(s: float) -> str:
    return f"{s * 1000:,.1f} ms" if s < 10 else f"{s:,.2f} s"


def fmt_rate(n: float) -> str:
    return f"{n:,.0f} 字/s"


@dataclass
class Row:
    section: str
    what: str
    value: str
    target: str = ""
    verdict: str = ""      # "met", "missed" or ""
    how: str = ""          # command / note to reproduce


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args, **kw) -> None:
        row = Row(*args, **kw)
        self.rows.append(row)
        mark = f"  [{row.verdict}]" if row.verdict else ""
        print(f"  {row.what}: {row.value}{mark}", flush=True)


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


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


# -- 2. rjieba side by side --------------------------------------------------------------------------
def bench_rjieba(res: Results, inp: bench_inputs.Inputs, runs: int) -> None:
    import jieba
    import rjieba

    from wenfeng.config import Settings
    from wenfeng.metrics.counting import word_count
    from wenfeng.model import LINTED_KINDS
    from wenfeng.rules.engine import Engine
    from wenfeng.rules.matching import normalize
    from wenfeng.sources import load_text

    print("rjieba", flush=True)
    engine = Engine()
    words = [(w, f) for w, f in engine.segmenter.user_words if w and not any(c.isspace() for c in w)]
    t = time.perf_counter()
    tok = jieba.Tokenizer()
    tok.initialize()
    for w, f in words:
        tok.add_word(w, f)
    t_init_j = time.perf_counter() - t
    t = time.perf_counter()
    rj = rjieba.Jieba()
    for w, f in words:
        rj.add_word(w, f, None)
    t_init_r = time.perf_counter() - t

    text = inp.all15.read_text(encoding="utf-8")
    zi = word_count(text)
    tj, tr = [], []
    for _ in range(runs):
        t = time.perf_counter()
        list(tok.cut(text, HMM=True))
        tj.append(time.perf_counter() - t)
        t = time.perf_counter()
        rj.cut(text, True)
        tr.append(time.perf_counter() - t)
    doc = load_text(text)
    paras = [normalize(b.text) for b in doc.blocks if b.kind in LINTED_KINDS]
    same = sum(1 for p in paras
               if {e for _, s, e2 in tok.tokenize(p) for e in (s, e2)}
               == {e for _, s, e2 in rj.tokenize(p, "default", True) for e in (s, e2)})

    class RjiebaTokenizer:  # the engine's segmenter with rjieba underneath
        def tokenize(self, text, HMM=True):
            return rj.tokenize(text, "default", HMM)

    settings = Settings()
    engine.segmenter.initialize()
    reference = engine.check(doc, settings).findings
    engine.clear_caches()
    engine.segmenter._tokenizer = RjiebaTokenizer()
    swapped = engine.check(doc, settings).findings
    key = lambda f: (f.rule, f.start, f.end)  # noqa: E731
    differ = len(set(map(key, reference)) ^ set(map(key, swapped)))
    sec = "rjieba (jieba-rs) side by side — 280,000 字"
    how = "bench/run.py --only rjieba"
    res.add(sec, "segmentation: jieba / rjieba", f"{fmt_rate(zi / median(tj))} / "
            f"{fmt_rate(zi / median(tr))} ({median(tj) / median(tr):.1f}× faster)", how=how)
    res.add(sec, "dictionary load + user words: jieba / rjieba",
            f"{fmt_ms(t_init_j)} / {fmt_ms(t_init_r)}", how=how)
    res.add(sec, "paragraphs with identical token boundaries",
            f"{same} of {len(paras)} ({same / len(paras):.1%})", how=how)
    res.add(sec, "findings that differ if the engine used rjieba",
            f"{differ} of {len(reference)}", how=how)


# -- 3. LSP sessions -----------------------------------------------------------------------------------
SETTINGS = {"debounceMs": 0}


def body_lines(text: str) -> list[int]:
    """Lines long enough to be body paragraphs (where a drafter types)."""
    return [i for i, line in enumerate(text.split("\n")) if len(line) >= 80]


async def edit_latency(path: Path, keystrokes: int,
                       seed: int) -> tuple[list[float], float, float, float]:
    """Type and delete a character at random places; latency didChange → matching diagnostics.
    Typing starts once the complete first result is out (jieba's dictionary loaded)."""
    text = path.read_text(encoding="utf-8")
    client = LspClient(SETTINGS)
    root = bench_inputs.INPUTS
    await client.start(bench_inputs.REPO, bench_inputs.OUT / f"server-{path.stem}.log")
    await client.initialize(root)
    uri = path.resolve().as_uri()
    t = time.perf_counter()
    client.open(uri, text, 1)
    first = (await client.wait_published(uri, 1, timeout=300)).at - t
    complete = (await client.wait_complete(uri, 1, timeout=300)).at - t
    lines = text.split("\n")
    candidates = body_lines(text)
    rng = random.Random(seed)
    version = 1
    latencies = []
    cpu = 0.0
    for k in range(keystrokes + 4):
        if k == 4:
            cpu = client.cpu_seconds()
        line = rng.choice(candidates)
        col = rng.randrange(1, len(lines[line]))
        for new, (a, b) in (("的", (col, col)), ("", (col, col + 1))):  # type, then delete
            version += 1
            mark = len(client.published)
            t = time.perf_counter()
            client.change(uri, version, line, a, b, new)
            got = await client.wait_published(uri, version, after=mark, timeout=120)
            if k >= 4:  # the first few warm the server up
                latencies.append(got.at - t)
    cpu = (client.cpu_seconds() - cpu) / len(latencies)
    await client.stop()
    return latencies, first, complete, cpu


async def cold_start(path: Path) -> tuple[float, float, float]:
    """Process start → ``initialize`` answered, → first diagnostics, → complete diagnostics."""
    text = path.read_text(encoding="utf-8")
    client = LspClient(SETTINGS)
    await client.start(bench_inputs.REPO, bench_inputs.OUT / "server-start.log")
    t0 = client.started_at
    answered = await client.initialize(bench_inputs.INPUTS)
    uri = path.resolve().as_uri()
    client.open(uri, text, 1)
    got = await client.wait_published(uri, 1, timeout=120)
    complete = await client.wait_complete(uri, 1, timeout=120)
    await client.stop()
    return answered - t0, got.at - t0, complete.at - t0


def jieba_start() -> float:
    t = time.perf_counter()
    subprocess.run([PY, "-c", "import jieba; jieba.initialize()"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


async def memory(paths: list[Path]) -> tuple[float, float, float]:
    client = LspClient(SETTINGS)
    await client.start(bench_inputs.REPO, bench_inputs.OUT / "server-memory.log")
    await client.initialize(bench_inputs.INPUTS)
    base = client.peak_rss_mb()[1]
    for p in paths:
        client.open(p.resolve().as_uri(), p.read_text(encoding="utf-8"), 1)
    for p in paths:  # complete results: jieba's dictionary is loaded by then
        await client.wait_complete(p.resolve().as_uri(), 1, timeout=300)
    await asyncio.sleep(0.5)
    hwm, rss = client.peak_rss_mb()
    await client.stop()
    return base, hwm, rss


def bench_lsp(res: Results, inp: bench_inputs.Inputs, keystrokes: int) -> None:
    from wenfeng.metrics.counting import word_count

    for label, path, target in (("20,000-字 report", inp.report, 0.030),
                                ("280,000-字 file", inp.all15, 0.100)):
        print(f"lsp edit latency: {label}", flush=True)
        lat, first, complete, cpu = asyncio.run(edit_latency(path, keystrokes, seed=11))
        zi = word_count(path.read_text(encoding="utf-8"))
        sec = "Edit latency over stdio (debounceMs = 0)"
        res.add(sec, f"{label} ({zi:,} 字): keystroke didChange → publishDiagnostics, "
                f"{len(lat)} edits", f"median {fmt_ms(median(lat))}, p95 {fmt_ms(p95(lat))} "
                f"(server CPU {fmt_ms(cpu)} per edit)",
                f"p95 ≤ {target * 1000:.0f} ms", verdict(p95(lat) <= target),
                "bench/run.py --only lsp")
        res.add(sec, f"{label}: didOpen → first diagnostics (cold engine cache; provisional "
                "where jieba was not loaded yet)", fmt_ms(first), how="bench/run.py --only lsp")
        res.add(sec, f"{label}: didOpen → complete diagnostics (jieba loaded after the first)",
                fmt_ms(complete), how="bench/run.py --only lsp")


def bench_start(res: Results, inp: bench_inputs.Inputs, runs: int) -> None:
    print("cold start", flush=True)
    jieba_start()  # make sure jieba's dictionary cache file exists (both use it)
    asyncio.run(cold_start(inp.draft))
    drafts = (("clean", inp.draft), ("terms", inp.draft_terms))
    inits: list[float] = []
    firsts = {name: [] for name, _ in drafts}
    completes: list[float] = []
    ratios = {name: [] for name, _ in drafts}
    jiebas: list[float] = []
    for i in range(runs):
        order = list(drafts) if i % 2 == 0 else list(reversed(drafts))
        j0 = jieba_start()
        got = {}
        for name, path in order:
            a, f, c = asyncio.run(cold_start(path))
            inits.append(a)
            got[name] = f
            if name == "terms":
                completes.append(c)
        j1 = jieba_start()
        j = (j0 + j1) / 2  # the baseline on both sides of the server runs
        jiebas.append(j)
        for name in got:
            firsts[name].append(got[name])
            ratios[name].append(got[name] / j)
    sec = "Cold start (process start →)"
    how = "bench/run.py --only start"
    res.add(sec, "`initialize` answered", f"median {fmt_ms(median(inits))}", how=how)
    res.add(sec, "`python -c \"import jieba; jieba.initialize()\"` (baseline)",
            f"median {fmt_ms(median(jiebas))}", how=how)
    labels = {"clean": "5,000-字 draft of corpus prose (no paragraph needs jieba)",
              "terms": "the same draft with 8 lexicon terms typed in (provisional: published "
                       "before jieba is loaded)"}
    for name, _ in drafts:
        res.add(sec, f"first diagnostics, {labels[name]}",
                f"median {fmt_ms(median(firsts[name]))}, p95 {fmt_ms(p95(firsts[name]))}",
                "≤ 1.5 s", verdict(median(firsts[name]) <= 1.5), how)
        res.add(sec, f"first diagnostics / jieba start, {name} draft (median of paired runs)",
                f"{median(ratios[name]):.2f}×", "≤ 1.3×", verdict(median(ratios[name]) <= 1.3), how)
    res.add(sec, "complete diagnostics, terms draft (jieba loaded after the first result, "
            "then re-checked)", f"median {fmt_ms(median(completes))}, p95 {fmt_ms(p95(completes))}",
            how=how)


def bench_memory(res: Results, inp: bench_inputs.Inputs) -> None:
    from wenfeng.metrics.counting import word_count

    print("memory", flush=True)
    sizes = [word_count(p.read_text(encoding="utf-8")) for p in inp.ten]
    base, hwm, rss = asyncio.run(memory(inp.ten))
    res.add("Memory", f"server peak RSS (VmHWM) with ten documents open "
            f"({min(sizes):,}–{max(sizes):,} 字 each, {sum(sizes):,} 字 in all)",
            f"{hwm:,.0f} MB (after initialize: {base:,.0f} MB; now {rss:,.0f} MB)", "≤ 300 MB",
            verdict(hwm <= 300), "bench/run.py --only memory")


# -- 4. CLI -------------------------------------------------------------------------------------------
def timed(cmd: list[str]) -> tuple[float, float]:
    """``(wall seconds, CPU seconds of the command and its children)``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def bench_cli(res: Results, inp: bench_inputs.Inputs, runs: int) -> None:
    from wenfeng.metrics.counting import word_count

    print("cli", flush=True)
    total = sum(word_count(p.read_text(encoding="utf-8")) for p in inp.reports)
    wenfeng = [PY, "-m", "wenfeng"]
    check = wenfeng + ["check", "--format", "json"] + [str(p) for p in inp.reports]
    timed(check)
    runs_ = [timed(check) for _ in range(runs)]
    times = [w for w, _ in runs_]
    res.add("CLI", f"`wenfeng check` on the fifteen reports ({total:,} 字, one process)",
            f"median {fmt_ms(median(times))} ({fmt_rate(total / median(times))}); "
            f"CPU {fmt_ms(median([c for _, c in runs_]))}",
            how="bench/run.py --only cli")
    probe = subprocess.run(wenfeng + ["report", "--help"], capture_output=True)
    drafts = sorted(inp.drafts.glob("*.txt"))
    dz = sum(word_count(p.read_text(encoding="utf-8")) for p in drafts)
    if probe.returncode != 0:
        res.add("CLI", "`wenfeng report` on 200 drafts", "not available in this build "
                f"({probe.stderr.decode().strip().splitlines()[-1][:80] if probe.stderr else 'no command'})")
        return
    out = bench_inputs.OUT / "report.json"
    for jobs in (0, 1):
        cmd = wenfeng + ["report", str(inp.drafts), "--format", "json", "-o", str(out), "-j", str(jobs)]
        try:
            timed(cmd)
            runs_ = [timed(cmd) for _ in range(max(3, runs // 2))]
            times = [w for w, _ in runs_]
        except RuntimeError as exc:
            res.add("CLI", f"`wenfeng report -j {jobs}` on 200 drafts", f"failed: {str(exc)[:120]}")
            continue
        what = "all cores" if jobs == 0 else "one process"
        res.add("CLI", f"`wenfeng report -j {jobs}` on 200 drafts ({dz:,} 字, {what})",
                f"median {fmt_ms(median(times))} ({fmt_rate(dz / median(times))}); "
                f"CPU {fmt_ms(median([c for _, c in runs_]))}", how="bench/run.py --only cli")


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
        f"{platform.release()}; load average at start {load[0]:.2f} (shared, noisy)",
        f"- Python {platform.python_version()}; jieba {jieba.__version__}, pygls "
        f"{version('pygls')}, autocorrect-py {version('autocorrect-py')}, rjieba {version('rjieba')}",
    ]


def write(res: Results, header: list[str], args) -> str:
    lines = ["# wenfeng benchmark results", "",
             "Made by `.venv/bin/python bench/run.py` (see bench/README.md). Medians of paired, "
             "interleaved runs on a shared machine; compare ratios, not absolute times, across "
             "machines.", ""]
    lines += header
    lines += [f"- repetitions: lint {args.runs}, keystrokes {args.keystrokes} × 2 (type + delete), "
              f"cold starts {args.starts}", ""]
    lines += ["| section | measurement | result | target | |", "|---|---|---|---|---|"]
    for r in res.rows:
        mark = {"met": "✅", "missed": "❌"}.get(r.verdict, "")
        lines.append(f"| {r.section} | {r.what} | {r.value} | {r.target} | {mark} |")
    if res.notes:
        lines += ["", *(f"- {n}" for n in res.notes)]
    return "\n".join(lines) + "\n"


SECTIONS = ("lint", "rjieba", "lsp", "start", "memory", "cli")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (development)")
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    ap.add_argument("--output", default=str(RESULTS), help="markdown file to write")
    args = ap.parse_args()
    args.runs = 3 if args.quick else 7
    args.keystrokes = 10 if args.quick else 50
    args.starts = 3 if args.quick else 7
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections: {', '.join(sorted(unknown))} (have {', '.join(SECTIONS)})")

    missing = [name for name, module in (("autocorrect-py", "autocorrect_py"), ("rjieba", "rjieba"))
               if importlib.util.find_spec(module) is None]
    if missing and only & {"lint", "rjieba"}:
        sys.exit(f"bench: missing {', '.join(missing)} — install the bench extra: "
                 f".venv/bin/pip install -e '.[bench]'")
    inp = bench_inputs.prepare()
    header = machine()
    print("\n".join(header), flush=True)
    res = Results()
    if "lint" in only:
        bench_lint(res, inp, args.runs)
    if "rjieba" in only:
        bench_rjieba(res, inp, args.runs)
    if "lsp" in only:
        bench_lsp(res, inp, args.keystrokes)
    if "start" in only:
        bench_start(res, inp, args.starts)
    if "memory" in only:
        bench_memory(res, inp)
    if "cli" in only:
        bench_cli(res, inp, args.runs if not args.quick else 3)
    res.notes.append("Edit latency and cold start were measured with the server's debounce set "
                     "to 0 (`initializationOptions.settings.debounceMs = 0`); editors use the "
                     "default 150 ms, which adds to what a drafter sees but not to the work done.")
    out = write(res, header, args)
    Path(args.output).write_text(out, encoding="utf-8")
    (bench_inputs.OUT / "results.json").write_text(
        json.dumps([r.__dict__ for r in res.rows], ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n" + out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
