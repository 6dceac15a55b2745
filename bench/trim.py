"""Benchmark of the trim planner (压到限额) on a 5,000-字 draft, with ``check`` as the baseline.

    .venv/bin/python bench/trim.py              # 30 paired rounds
    .venv/bin/python bench/trim.py --rounds 10  # quicker

The draft is built from the committed drafts in tests/trim/drafts (政府工作报告 passages): their
body paragraphs joined under one title as a 综合性报告 of about 5,000 字 (limit 4,500), so the
benchmark needs nothing outside the repository.  Each round times, interleaved on the same
document: ``check`` (the baseline every editor keystroke pays) and ``plan_trim`` on its report —
once warm (per-paragraph caches filled, as in an editor) and once cold (all caches cleared first:
the planner then segments every paragraph with jieba itself).  Prints medians and p95 in ms.
``main()`` returns the numbers, so bench/run.py can call it as a section.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from wenfeng.config import Settings  # noqa: E402
from wenfeng.metrics.counting import word_count  # noqa: E402
from wenfeng.model import BlockKind  # noqa: E402
from wenfeng.rules.engine import get_engine  # noqa: E402
from wenfeng.sources import load_text  # noqa: E402
from wenfeng.trim import plan_trim  # noqa: E402

TARGET = 5000


def draft_5k() -> str:
    paragraphs: list[str] = []
    total = 0
    for path in sorted((ROOT / "tests" / "trim" / "drafts").glob("*.txt")):
        doc = load_text(path.read_text(encoding="utf-8"))
        for block in doc.blocks:
            if block.kind is BlockKind.BODY and len(block.text) > 60 and total < TARGET:
                paragraphs.append(block.text)
                total += word_count(block.text)
    return ("关于2024年度经济社会发展工作情况的报告\n\n市人民政府：\n" + "\n".join(paragraphs)
            + "\n特此报告。\n\nXX市发展和改革委员会\n2025年1月10日\n")


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"{statistics.median(samples) * 1000:7.1f} ms (p95 {p95 * 1000:.1f})"


def main(rounds: int = 30) -> dict[str, list[float]]:
    engine = get_engine()
    engine.segmenter.initialize()
    text = draft_5k()
    document = load_text(text)
    settings = Settings()
    report = engine.check(document, settings)
    plan = plan_trim(report, engine=engine)
    times: dict[str, list[float]] = {k: [] for k in ("check warm", "plan warm", "check cold",
                                                     "plan cold")}
    for _ in range(rounds):
        t = time.perf_counter()
        report = engine.check(document, settings)
        times["check warm"].append(time.perf_counter() - t)
        t = time.perf_counter()
        plan_trim(report, engine=engine)
        times["plan warm"].append(time.perf_counter() - t)
        engine.clear_caches()
        t = time.perf_counter()
        report = engine.check(document, settings)
        times["check cold"].append(time.perf_counter() - t)
        engine.clear_caches()  # the planner alone, cold: its own segmentation included
        t = time.perf_counter()
        plan_trim(report, engine=engine)
        times["plan cold"].append(time.perf_counter() - t)
    print(f"draft: {report.doctype.name}, 正文 {report.counts.words:,} 字, "
          f"{len(report.document.body_blocks)} paragraphs; plan: {len(plan.candidates)} candidates, "
          f"{len(plan.cuts)} cuts, {plan.before:,} → {plan.after:,} 字; {rounds} rounds")
    for name, samples in times.items():
        print(f"  {name:<11} {_ms(samples)}")
    ratio = statistics.median(p / c for p, c in zip(times["plan warm"], times["check warm"]))
    print(f"  plan warm / check warm (paired median ratio): {ratio:.2f}")
    return times


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    main(parser.parse_args().rounds)
