"""The typo engine's cost (issue 14): the same work with and without its rules (P906–P913),
run in pairs, interleaved (A B B A …), on this machine in its present state.

- keystroke → diagnostics in the language server (20,000-字 report; the p95 ratio must stay
  ≤ 1.2);
- the language server's cold start: launch → first diagnostics of the 2,000-字 draft (the ratio
  must stay ≤ 1.1: the typo findings follow once the engine's tables are loaded, from the cache
  folder, warmed first) and → first complete diagnostics (reported);
- a whole-process ``wenfeng check`` of the fifteen 政府工作报告 (a fresh process each time, the
  compiled-lexicon and jieba caches warm): the wall and CPU ratios (goal ≈ 1.5);
- the engine in process, warm: microseconds per sentence, and the one-time cost of its tables.
"""

from __future__ import annotations

import asyncio
import os
import time

import inputs as bench_inputs
from common import Results, fmt_ms, median, p95, verdict
from lspclient import LspClient
from targets import NOW, _typing, load_note, run_timed, wenfeng

TYPO_RULES = [f"P9{n:02d}" for n in range(6, 14)]
OFF = {rule: False for rule in TYPO_RULES}
SEC = "11. Typo engine — the same work with and without P906–P913, paired and interleaved"
HOW = "bench/run.py --only typo"


def _configs() -> dict[str, str]:
    """Two wenfeng.toml files: the defaults, and the typo rules switched off."""
    folder = bench_inputs.OUT / "typo-configs"
    paths = {}
    for name, body in (("on", ""), ("off", "[rules]\n" + "".join(f"{r} = false\n"
                                                                   for r in TYPO_RULES))):
        path = folder / name / "wenfeng.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        paths[name] = str(path)
    return paths


def _order(rounds: int) -> list[str]:
    return [name for k in range(rounds) for name in (("off", "on") if k % 2 == 0 else ("on", "off"))]


def bench_typo(res: Results, inp: bench_inputs.Inputs, keystrokes: int, rounds: int) -> None:
    print("typo: keystrokes with and without the typo rules", flush=True)
    latencies: dict[str, list[float]] = {"on": [], "off": []}
    cpu: dict[str, list[float]] = {"on": [], "off": []}
    load = [load_note()]
    for k, name in enumerate(_order(rounds)):
        lat, per_edit = asyncio.run(_typing(inp.report, keystrokes, seed=11 + k // 2,
                                            settings={} if name == "on" else {"rules": OFF}))
        latencies[name] += lat
        cpu[name].append(per_edit)
    load.append(load_note())
    on, off = latencies["on"], latencies["off"]
    ratio = p95(on) / p95(off)
    res.add(SEC, f"20,000-字 report: keystroke → diagnostics p95 with / without the typo rules "
            f"({len(on)} edits each, {rounds} servers each); lower is better",
            f"{ratio:.2f} ({fmt_ms(p95(on))} / {fmt_ms(p95(off))}; median {fmt_ms(median(on))} / "
            f"{fmt_ms(median(off))}; server CPU per edit {fmt_ms(median(cpu['on']))} / "
            f"{fmt_ms(median(cpu['off']))}; {' → '.join(load)})", "≤ 1.2", verdict(ratio <= 1.2),
            HOW)

    _cold_start(res, inp, rounds * 2)

    print("typo: whole-process check of the fifteen reports", flush=True)
    configs = _configs()
    folder = str(inp.reports[0].parent)
    env = NOW.environ()
    run_timed(wenfeng("check", "--config", configs["on"], folder), env)  # caches warm
    walls: dict[str, list[float]] = {"on": [], "off": []}
    cpus: dict[str, list[float]] = {"on": [], "off": []}
    load = [load_note()]
    for name in _order(rounds):
        wall, used, _ = run_timed(wenfeng("check", "--config", configs[name], folder), env)
        walls[name].append(wall)
        cpus[name].append(used)
    load.append(load_note())
    pairs = list(zip(walls["on"], walls["off"]))
    wall_ratio = median([a / b for a, b in pairs])
    cpu_ratio = median([a / b for a, b in zip(cpus["on"], cpus["off"])])
    res.add(SEC, "`wenfeng check` of the 15 reports (276,024 字), a fresh process: wall and CPU "
            "with / without the typo rules, median of pairs; lower is better",
            f"wall {wall_ratio:.2f}, CPU {cpu_ratio:.2f} ({median(walls['on']):.2f} s / "
            f"{median(walls['off']):.2f} s; CPU {median(cpus['on']):.2f} s / "
            f"{median(cpus['off']):.2f} s; {' → '.join(load)})", "≈ 1.5",
            verdict(wall_ratio <= 1.5), HOW)

    print("typo: the engine in process", flush=True)
    _in_process(res, inp)


async def _launch(path, settings: dict) -> tuple[float, float]:
    """Launch → the first diagnostics of ``path``, and → the first complete ones (seconds)."""
    client = LspClient({"debounceMs": 0, **settings})
    await client.start(bench_inputs.REPO, bench_inputs.OUT / "typo-start.log",
                       env={k: v for k, v in NOW.environ().items()
                            if k in ("WENFENG_CACHE_DIR", "PYTHONPATH")})
    await client.initialize(bench_inputs.INPUTS)
    uri = path.resolve().as_uri()
    client.open(uri, path.read_text(encoding="utf-8"), 1)
    first = await client.wait_published(uri, 1, timeout=120)
    done = await client.wait_complete(uri, 1, timeout=120)
    await client.stop()
    return first.at - client.started_at, done.at - client.started_at


def _cold_start(res: Results, inp: bench_inputs.Inputs, rounds: int) -> None:
    """The first diagnostics (the typo findings follow them) and the first complete ones."""
    print("typo: language-server cold start with and without the typo rules", flush=True)
    asyncio.run(_launch(inp.draft2k, {}))  # caches warm (lexicons, jieba, the typo tables)
    times: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
    load = [load_note()]
    for name in _order(rounds):
        times[name].append(asyncio.run(_launch(inp.draft2k, {} if name == "on" else
                                               {"rules": OFF})))
    load.append(load_note())
    for k, what in ((0, "first diagnostics (the typo findings follow)"),
                    (1, "first complete diagnostics")):
        on = [t[k] for t in times["on"]]
        off = [t[k] for t in times["off"]]
        ratio = median([a / b for a, b in zip(on, off)])
        goal = k == 0  # the goal is the first useful diagnostics; the complete ones: reported
        res.add(SEC, f"language server cold start, launch → {what} of the 2,000-字 draft, "
                f"with / without the typo rules ({rounds} starts each), median of pairs; "
                f"lower is better",
                f"{ratio:.2f} ({fmt_ms(median(on))} / {fmt_ms(median(off))}; "
                f"{' → '.join(load)})", "≤ 1.1" if goal else "",
                verdict(ratio <= 1.1) if goal else "", HOW)


def _in_process(res: Results, inp: bench_inputs.Inputs) -> None:
    from wenfeng.proofread import Proofreader
    from wenfeng.proofread import data as typo_data
    from wenfeng.rules.engine import Engine

    def first_use(cache: bool) -> tuple[float, Engine, Proofreader]:
        """CPU of a fresh engine's first sentence: the tables built (cache off) or read."""
        os.environ["WENFENG_NO_CACHE"] = "" if cache else "1"
        engine = Engine()
        engine.segmenter.initialize()
        t = time.process_time()
        reader = Proofreader(engine.segmenter, typo_data.load(engine.lexicon.roots))
        reader.analyse("要贯彻落实。", engine.segmenter.boundaries("要贯彻落实。"))
        return time.process_time() - t, engine, reader

    saved = os.environ.get("WENFENG_NO_CACHE")
    os.environ.setdefault("WENFENG_CACHE_DIR", str(bench_inputs.OUT / "cache"))
    try:
        built = first_use(False)[0]
        first_use(True)  # writes the cache folder's copy if it has none
        tables, engine, reader = first_use(True)
    finally:
        os.environ.pop("WENFENG_NO_CACHE", None)
        if saved is not None:
            os.environ["WENFENG_NO_CACHE"] = saved
    sentences = bench_inputs.sentences([p.read_text(encoding="utf-8") for p in inp.reports])
    edges = [engine.segmenter.boundaries(s) for s in sentences]
    t = time.process_time()
    found = sum(len(reader.analyse(s, e)) for s, e in zip(sentences, edges))
    first = (time.process_time() - t) / len(sentences)
    reader.clear_cache()  # (the sentences' results; the tables read stay)
    t = time.process_time()
    found = sum(len(reader.analyse(s, e)) for s, e in zip(sentences, edges))
    each = (time.process_time() - t) / len(sentences)
    res.add(SEC, f"in process: the engine's tables (frequency table, word index), built / "
            f"opened from the cache folder (their parts are read as sentences need them), once; "
            f"then per sentence, first pass / warm ({len(sentences):,} corpus sentences, "
            f"{found} suggestions)",
            f"{fmt_ms(built)} / {fmt_ms(tables)} once; {first * 1e6:,.0f} / {each * 1e6:,.0f} µs "
            f"CPU per sentence ({load_note()})", how=HOW)
