"""The goals of issue 18, each measured as a ratio against a baseline run in the same benchmark
run, interleaved with it (this machine is shared and noisy: absolute times move with the load,
ratios of neighbouring runs much less).

Every row says which way its ratio should point.  ``--before REV`` adds the same measurements of
an older revision (exported with ``git archive`` into ``bench/out/before-REV`` and run from
there), so "before" and "after" come from one run.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import inputs as bench_inputs
from common import PY, Results, fmt_ms, median, p95, p99, verdict
from lspclient import LspClient

CACHE = bench_inputs.OUT / "cache"   # wenfeng's caches (compiled lexicons, jieba's dictionary)


@dataclass
class Build:
    """A wenfeng to measure: this checkout, or an older revision exported beside it."""

    name: str
    env: dict[str, str] = field(default_factory=dict)

    def environ(self) -> dict[str, str]:
        return dict(os.environ, WENFENG_CACHE_DIR=str(CACHE), **self.env)


NOW = Build("now")


def before_build(rev: str) -> Build:
    """Export ``rev``'s package and lexicons and run them through PYTHONPATH."""
    short = subprocess.run(["git", "rev-parse", "--short", rev], capture_output=True, text=True,
                           cwd=bench_inputs.REPO, check=True).stdout.strip()
    target = bench_inputs.OUT / f"before-{short}"
    if not (target / "server" / "wenfeng").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", rev, "server", "lexicons"],
                                 capture_output=True, cwd=bench_inputs.REPO, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return Build(f"before ({short})", {"PYTHONPATH": str(target / "server")})


def run_timed(cmd: list[str], env: dict[str, str], ok=(0, 1)) -> tuple[float, float, float]:
    """``(wall s, CPU s, peak RSS MB)`` of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            cwd=bench_inputs.REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd[:6])}… failed ({proc.returncode}): {err[-800:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def wenfeng(*args: str) -> list[str]:
    return [PY, "-m", "wenfeng", *args]


def load_note() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


# -- 1. start-up -------------------------------------------------------------------------------------
def bench_start(res: Results, inp: bench_inputs.Inputs, builds: list[Build], runs: int) -> None:
    """Whole-process ``wenfeng check`` of a one-page draft against a bare ``import jieba``."""
    print("start-up: CLI", flush=True)
    page = inp.page
    jieba = [PY, "-c", "import jieba"]
    commands = {b.name: wenfeng("check", "--format", "json", str(page)) for b in builds}
    for b in builds:  # warm: .pyc files, the compiled-lexicon cache, jieba's dictionary cache
        run_timed(commands[b.name], b.environ())
        run_timed(wenfeng("check", str(page)), dict(b.environ(), WENFENG_SEGMENTER="jieba"))
    base: list[float] = []
    walls: dict[str, list[float]] = {b.name: [] for b in builds}
    cpus: dict[str, list[float]] = {b.name: [] for b in builds}
    ratios: dict[str, list[float]] = {b.name: [] for b in builds}
    for i in range(runs):
        order = builds if i % 2 == 0 else builds[::-1]
        j0 = run_timed(jieba, NOW.environ())[0]
        got = {b.name: run_timed(commands[b.name], b.environ()) for b in order}
        j1 = run_timed(jieba, NOW.environ())[0]
        base.append((j0 + j1) / 2)
        for name, (wall, cpu, _) in got.items():
            walls[name].append(wall)
            cpus[name].append(cpu)
            ratios[name].append(wall / base[-1])
    sec = "1. Start-up — whole process, one-page draft"
    how = "bench/run.py --only start"
    res.add(sec, "`python -c \"import jieba\"` (baseline)", f"median {fmt_ms(median(base))}",
            how=how)
    for b in builds:
        res.add(sec, f"`wenfeng check` ({b.name}), {page.stat().st_size:,} bytes",
                f"median {fmt_ms(median(walls[b.name]))} (CPU {fmt_ms(median(cpus[b.name]))})",
                how=how)
        r = median(ratios[b.name])
        res.add(sec, f"ratio wenfeng check / import jieba ({b.name}); lower is better", f"{r:.2f}×",
                "≤ 2×", verdict(r <= 2) if b is NOW else "", how)
    if len(builds) > 1:
        r = median([a / b for a, b in zip(walls[NOW.name], walls[builds[1].name])])
        res.add(sec, f"ratio now / {builds[1].name}; lower is better", f"{r:.2f}×", how=how)


async def _server_start(path: Path, build: Build) -> tuple[float, float, int, int]:
    """Launch → complete diagnostics for ``path``: ``(initialize answered, complete, earlier
    publications, of which empty)``."""
    client = LspClient({"debounceMs": 0})
    await client.start(bench_inputs.REPO, bench_inputs.OUT / "server-start.log",
                       env={k: v for k, v in build.environ().items()
                            if k in ("WENFENG_CACHE_DIR", "PYTHONPATH")})
    t0 = client.started_at
    answered = await client.initialize(bench_inputs.INPUTS)
    uri = path.resolve().as_uri()
    client.open(uri, path.read_text(encoding="utf-8"), 1)
    done = await client.wait_complete(uri, 1, timeout=120)
    await asyncio.sleep(0.05)
    before = [p for p in client.published if p.uri == uri and p.at < done.at - 1e-9]
    # the complete result's own publication came just before its stats: not counted as earlier
    earlier = before[:-1] if before else []
    await client.stop()
    return answered - t0, done.at - t0, len(earlier), sum(1 for p in earlier if p.count == 0)


def bench_server_start(res: Results, inp: bench_inputs.Inputs, builds: list[Build],
                       runs: int) -> None:
    """The language server: launch → complete diagnostics of a 2,000-字 draft."""
    print("start-up: server", flush=True)
    for b in builds:
        asyncio.run(_server_start(inp.draft2k, b))  # warm caches
    jieba = [PY, "-c", "import jieba"]
    answered: dict[str, list[float]] = {b.name: [] for b in builds}
    complete: dict[str, list[float]] = {b.name: [] for b in builds}
    early: dict[str, list[int]] = {b.name: [] for b in builds}
    empty: dict[str, list[int]] = {b.name: [] for b in builds}
    ratio: dict[str, list[float]] = {b.name: [] for b in builds}
    for i in range(runs):
        order = builds if i % 2 == 0 else builds[::-1]
        j = run_timed(jieba, NOW.environ())[0]
        for b in order:
            a, c, n, e = asyncio.run(_server_start(inp.draft2k, b))
            answered[b.name].append(a)
            complete[b.name].append(c)
            early[b.name].append(n)
            empty[b.name].append(e)
            ratio[b.name].append(c / j)
    sec = "1. Start-up — language server, 2,000-字 draft whose findings need segmentation"
    how = "bench/run.py --only server"
    for b in builds:
        res.add(sec, f"launch → `initialize` answered ({b.name})",
                f"median {fmt_ms(median(answered[b.name]))}", how=how)
        c = median(complete[b.name])
        res.add(sec, f"launch → complete diagnostics ({b.name}); lower is better",
                f"median {fmt_ms(c)}, p95 {fmt_ms(p95(complete[b.name]))}", "≤ 0.6 s",
                verdict(c <= 0.6) if b is NOW else "", how)
        res.add(sec, f"ratio complete diagnostics / import jieba ({b.name}); lower is better",
                f"{median(ratio[b.name]):.2f}×", how=how)
        res.add(sec, f"publications before the complete one ({b.name}): provisional / empty",
                f"{sum(early[b.name])} / {sum(empty[b.name])} in {runs} starts", "0 empty",
                verdict(sum(empty[b.name]) == 0) if b is NOW else "", how)


# -- 2. throughput -------------------------------------------------------------------------------------
JIEBA_SCRIPT = ("import sys, jieba\n"
                "text = open(sys.argv[1], encoding='utf-8').read()\n"
                "n = sum(1 for _ in jieba.cut(text))\n")


def bench_throughput(res: Results, inp: bench_inputs.Inputs, builds: list[Build],
                     runs: int) -> None:
    """Whole-process ``wenfeng check`` of the 15 reports against a plain jieba script."""
    from wenfeng.metrics.counting import word_count

    print("throughput: 276k corpus", flush=True)
    zi = sum(word_count(p.read_text(encoding="utf-8")) for p in inp.reports)
    jieba = [PY, "-c", JIEBA_SCRIPT, str(inp.all15)]
    commands = {b.name: wenfeng("check", "--format", "json", *map(str, inp.reports))
                for b in builds}
    for b in builds:
        run_timed(commands[b.name], b.environ())
    run_timed(jieba, NOW.environ())
    base: list[float] = []
    walls: dict[str, list[float]] = {b.name: [] for b in builds}
    ratios: dict[str, list[float]] = {b.name: [] for b in builds}
    for i in range(runs):
        order = builds if i % 2 == 0 else builds[::-1]
        j0 = run_timed(jieba, NOW.environ())[0]
        got = {b.name: run_timed(commands[b.name], b.environ())[0] for b in order}
        base.append(j0)
        for name, wall in got.items():
            walls[name].append(wall)
            ratios[name].append(j0 / wall)
    sec = f"2. Throughput — whole process, the 15 政府工作报告 ({zi:,} 字)"
    how = "bench/run.py --only throughput"
    res.add(sec, "plain jieba script: load + `jieba.cut` of the joined text (baseline)",
            f"median {fmt_ms(median(base))}", how=how)
    for b in builds:
        w = median(walls[b.name])
        res.add(sec, f"`wenfeng check --format json` ({b.name})",
                f"median {fmt_ms(w)} ({zi / w:,.0f} 字/s)", how=how)
        r = median(ratios[b.name])
        res.add(sec, f"ratio jieba script / wenfeng ({b.name}); higher is better", f"{r:.2f}×",
                "≥ 2×", verdict(r >= 2) if b is NOW else "", how)


def bench_linear(res: Results, inp: bench_inputs.Inputs) -> None:
    """Time and peak memory of ``wenfeng check`` on 0.5M–5M 字 of text that never repeats."""
    print("throughput: linearity (unique text)", flush=True)
    sec = "2. Throughput — unique text (never-repeated paragraphs, files of ~20,000 字)"
    how = "bench/run.py --only linear"
    rows = []
    for size, folder in inp.unique:
        files = sorted(map(str, folder.glob("*.txt")))
        wall, cpu, rss = run_timed(wenfeng("check", "--format", "json", *files), NOW.environ())
        rows.append((size, wall, cpu, rss))
        res.add(sec, f"{size / 1e6:g}M 字 ({len(files)} files)",
                f"{fmt_ms(wall)}, CPU {fmt_ms(cpu)} ({size / cpu:,.0f} 字 per CPU s); "
                f"peak RSS {rss:,.0f} MB ({load_note()})", how=how)
    (s0, _, c0, m0), (s1, _, c1, m1) = rows[0], rows[-1]
    per = (c1 / s1) / (c0 / s0)
    res.add(sec, f"CPU per 字 at {s1 / 1e6:g}M / at {s0 / 1e6:g}M; 1 is linear, lower is better",
            f"{per:.2f}", "≤ 1.2", verdict(per <= 1.2), how)
    growth = (m1 - m0) / ((s1 - s0) / 1e6)
    res.add(sec, f"peak RSS growth from {s0 / 1e6:g}M to {s1 / 1e6:g}M 字; lower is better",
            f"{m0:,.0f} → {m1:,.0f} MB ({growth:,.1f} MB per M字)", how=how)


# -- 3. typing --------------------------------------------------------------------------------------
def body_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if len(line) >= 80]


async def _opened(path: Path, log: str,
                  settings: dict | None = None) -> tuple[LspClient, str, str]:
    """A server (debounce 0, plus ``settings``) with ``path`` open and its first complete
    diagnostics in."""
    text = path.read_text(encoding="utf-8")
    client = LspClient({"debounceMs": 0, **(settings or {})})
    await client.start(bench_inputs.REPO, bench_inputs.OUT / log,
                       env={"WENFENG_CACHE_DIR": str(CACHE)})
    await client.initialize(bench_inputs.INPUTS)
    uri = path.resolve().as_uri()
    client.open(uri, text, 1)
    await client.wait_complete(uri, 1, timeout=300)
    return client, uri, text


async def _typing(path: Path, keystrokes: int, seed: int,
                  settings: dict | None = None) -> tuple[list[float], float]:
    client, uri, text = await _opened(path, f"server-{path.stem}.log", settings)
    lines = text.split("\n")
    candidates = body_lines(text)
    rng = random.Random(seed)
    version, latencies, cpu = 1, [], 0.0
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
            if k >= 4:
                latencies.append(got.at - t)
    cpu = (client.cpu_seconds() - cpu) / len(latencies)
    await client.stop()
    return latencies, cpu


_CHECK_LOGGED = re.compile(r"检查 \S+ 第 (\d+) 版：(完成|中止)")


async def _burst(path: Path, keys: int, gap: float,
                 build: Build) -> tuple[float, float, float, int, tuple[int, int]]:
    """``keys`` keystrokes ``gap`` s apart, not waiting for results: ``(last key → its
    diagnostics, server CPU for the burst, server CPU for one check, publications, (checks
    finished, checks stopped) in the burst as the server logged them — (0, 0) for a build
    that does not log them)``."""
    text = path.read_text(encoding="utf-8")
    client = LspClient({"debounceMs": 0})
    log = bench_inputs.OUT / f"server-burst-{build.name.split()[0]}.log"
    # (WENFENG_LOG=DEBUG: the server logs each check it finished or stopped; little else is
    # logged in a burst — one publication)
    await client.start(bench_inputs.REPO, log,
                       env={**{k: v for k, v in build.environ().items()
                               if k in ("WENFENG_CACHE_DIR", "PYTHONPATH")},
                            "WENFENG_LOG": "DEBUG"})
    await client.initialize(bench_inputs.INPUTS)
    uri = path.resolve().as_uri()
    client.open(uri, text, 1)
    await client.wait_complete(uri, 1, timeout=300)
    line = body_lines(text)[len(body_lines(text)) // 2]
    # one check on its own, for scale
    cpu0 = client.cpu_seconds()
    client.change(uri, 2, line, 1, 1, "的")
    await client.wait_published(uri, 2, timeout=120)
    single = client.cpu_seconds() - cpu0
    mark = len(client.published)
    cpu0 = client.cpu_seconds()
    version = 2
    for k in range(keys):
        version += 1
        client.change(uri, version, line, 2 + k, 2 + k, "的")
        t_last = time.perf_counter()
        await asyncio.sleep(gap)
    got = await client.wait_published(uri, version, after=mark, timeout=120)
    burst = client.cpu_seconds() - cpu0
    count = sum(1 for p in client.published[mark:] if p.uri == uri)
    await client.stop()
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    # the burst's versions are 3 on (1: the open, 2: the single check above)
    checks = [m.group(2) for line in lines if (m := _CHECK_LOGGED.search(line))
              and int(m.group(1)) > 2]
    logged = (checks.count("完成"), len(checks) - checks.count("完成"))
    return got.at - t_last, burst, single, count, logged


def bench_typing(res: Results, inp: bench_inputs.Inputs, keystrokes: int,
                 builds: list[Build]) -> None:
    sec = "3. Typing — keystroke didChange → publishDiagnostics over stdio (debounceMs 0)"
    how = "bench/run.py --only typing"
    for label, path, target in (("20,000-字 report", inp.report, 0.010),
                                ("280,000-字 file", inp.all15, 0.030)):
        print(f"typing: {label}", flush=True)
        lat, cpu = asyncio.run(_typing(path, keystrokes, seed=11))
        res.add(sec, f"{label}: {len(lat)} edits, median / p95 / p99; lower is better",
                f"{fmt_ms(median(lat))} / {fmt_ms(p95(lat))} / {fmt_ms(p99(lat))} "
                f"(server CPU {fmt_ms(cpu)} per edit; {load_note()})",
                f"p95 ≤ {target * 1000:.0f} ms", verdict(p95(lat) <= target), how)
        r = p99(lat) / p95(lat)
        res.add(sec, f"{label}: ratio p99 / p95; lower is better", f"{r:.2f}", "≤ 2",
                verdict(r <= 2), how)
    keys, gap = 150, 0.020
    for b in builds:
        print(f"typing: burst ({b.name})", flush=True)
        after, burst, single, count, (done, stopped) = asyncio.run(_burst(inp.all15, keys, gap, b))
        checks = burst / single if single > 0 else float("nan")
        logged = (f"; the server's log: {done} checks finished, {stopped} stopped early because "
                  "a newer version had arrived" if done or stopped else "")
        res.add(sec, f"280,000-字 file ({b.name}): {keys} keystrokes {gap * 1000:.0f} ms apart, "
                "not waiting; checks run ≈ server CPU for the burst / CPU of one check",
                f"≈ {checks:.0f} checks' worth of CPU for {keys} versions in {keys * gap:.1f} s of "
                f"typing ({fmt_ms(burst)} CPU; {count} publications{logged}; {load_note()})",
                how=how)
        res.add(sec, f"280,000-字 file ({b.name}): last keystroke → its diagnostics; lower is "
                "better", fmt_ms(after), "≤ 0.2 s", verdict(after <= 0.2) if b is NOW else "",
                how)


async def _edits(path: Path, total: int, marks: tuple[int, ...]) -> list[tuple[int, float]]:
    client, uri, text = await _opened(path, "server-edits.log")
    lines = text.split("\n")
    candidates = body_lines(text)
    rng = random.Random(5)
    version, out = 1, []
    # each edit types a different character at a random place: every version is new text
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    for k in range(1, total + 1):
        line = rng.choice(candidates)
        col = rng.randrange(1, len(lines[line]))
        ch = rng.choice(alphabet)
        lines[line] = lines[line][:col] + ch + lines[line][col:]
        version += 1
        mark = len(client.published)
        client.change(uri, version, line, col, col, ch)
        await client.wait_published(uri, version, after=mark, timeout=120)
        if k in marks:
            out.append((k, client.peak_rss_mb()[1]))
    await client.stop()
    return out


def bench_edits(res: Results, inp: bench_inputs.Inputs, total: int) -> None:
    print(f"memory over {total:,} edits", flush=True)
    marks = tuple(sorted({max(1, total // 10), total // 4, total // 2, 3 * total // 4, total}))
    rss = asyncio.run(_edits(inp.report, total, marks))
    sec = f"3. Typing — memory over {total:,} edits of the 20,000-字 report"
    how = "bench/run.py --only edits"
    res.add(sec, "server RSS after n edits", ", ".join(f"{k:,}: {mb:,.0f} MB" for k, mb in rss),
            how=how)
    (k0, m0), (k1, m1) = rss[1], rss[-1]
    per = (m1 - m0) / ((k1 - k0) / 1000)
    res.add(sec, f"RSS growth from edit {k0:,} to {k1:,}; lower is better",
            f"{per:+.2f} MB per 1,000 edits ({m1 / m0:.2f}×)", "≤ 0.5 MB per 1,000",
            verdict(per <= 0.5), how)


# -- 4. cores ------------------------------------------------------------------------------------------
def bench_cores(res: Results, inp: bench_inputs.Inputs, runs: int) -> None:
    from wenfeng.metrics.counting import word_count

    print("cores: report on 2,000 drafts", flush=True)
    drafts = sorted(inp.drafts2000.glob("*.txt"))
    zi = sum(word_count(p.read_text(encoding="utf-8")) for p in drafts)
    out = bench_inputs.OUT / "report.json"

    def cmd(jobs: int) -> list[str]:
        return wenfeng("report", str(inp.drafts2000), "--format", "json", "-o", str(out),
                       "-j", str(jobs))
    run_timed(cmd(0), NOW.environ(), ok=(0,))  # warm
    walls: dict[int, list[float]] = {0: [], 1: []}
    cpus: dict[int, list[float]] = {0: [], 1: []}
    loads: list[float] = []
    ratios: list[float] = []
    for i in range(runs):
        order = (1, 0) if i % 2 == 0 else (0, 1)
        got = {}
        for jobs in order:
            loads.append(os.getloadavg()[0])
            got[jobs] = run_timed(cmd(jobs), NOW.environ(), ok=(0,))
            walls[jobs].append(got[jobs][0])
            cpus[jobs].append(got[jobs][1])
        ratios.append(got[1][0] / got[0][0])
    sec = f"4. Cores — `wenfeng report` on 2,000 drafts of unique text ({zi:,} 字), {os.cpu_count()} cores"
    how = "bench/run.py --only cores"
    for jobs in (1, 0):
        res.add(sec, f"`-j {jobs}`", f"median {fmt_ms(median(walls[jobs]))}, CPU "
                f"{fmt_ms(median(cpus[jobs]))} (workers and parent)", how=how)
    r = median(ratios)
    res.add(sec, "ratio wall `-j 1` / `-j 0`; higher is better",
            f"{r:.2f}× (load average during the runs {min(loads):.1f}–{max(loads):.1f})",
            "≥ 1.7× with both cores free", verdict(r >= 1.7), how)
    eff = median(cpus[1]) / median(cpus[0])
    res.add(sec, "ratio CPU `-j 1` / `-j 0` (work not duplicated by the workers; 1 is none, "
            "higher is better)", f"{eff:.2f}; with two free cores the wall ratio would be about "
            f"{2 * eff:.2f}×", how=how)
