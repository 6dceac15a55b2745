"""The typo engine's cost (issue 14): the same work with and without its rules (P906–P913),
run in pairs, interleaved (A B B A …), on this machine in its present state.

- keystroke → diagnostics in the language server (20,000-字 report; the p95 ratio must stay
  ≤ 1.2);
- a whole-process ``wenfeng check`` of the fifteen 政府工作报告 (a fresh process each time, the
  compiled-lexicon and jieba caches warm): the wall and CPU ratios (goal ≈ 1.5);
- the engine in process, warm: microseconds per sentence, and the one-time cost of its tables.
"""

from __future__ import annotations

import asyncio
import time

import inputs as bench_inputs
from common import Results, fmt_ms, median, p95, verdict
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


def _in_process(res: Results, inp: bench_inputs.Inputs) -> None:
    from wenfeng.proofread import Proofreader
    from wenfeng.proofread import data as typo_data
    from wenfeng.rules.engine import Engine

    engine = Engine()
    engine.segmenter.initialize()
    t = time.process_time()
    reader = Proofreader(engine.segmenter, typo_data.load(engine.lexicon.roots))
    reader.analyse("要贯彻落实。", engine.segmenter.boundaries("要贯彻落实。"))
    tables = time.process_time() - t
    sentences = bench_inputs.sentences([p.read_text(encoding="utf-8") for p in inp.reports])
    edges = [engine.segmenter.boundaries(s) for s in sentences]
    t = time.process_time()
    found = sum(len(reader.analyse(s, e)) for s, e in zip(sentences, edges))
    each = (time.process_time() - t) / len(sentences)
    res.add(SEC, f"in process: the engine's tables, built once (word index, readings); then "
            f"per sentence, warm ({len(sentences):,} corpus sentences, {found} suggestions)",
            f"{fmt_ms(tables)} once; {each * 1e6:,.0f} µs CPU per sentence ({load_note()})",
            how=HOW)
