"""Small helpers shared by the benchmark modules: statistics, formatting, the results table."""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass, field

PY = sys.executable


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def _rank(xs: list[float], pct: int) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, -(-pct * len(s) // 100) - 1))]


def p95(xs: list[float]) -> float:
    return _rank(xs, 95)


def p99(xs: list[float]) -> float:
    return _rank(xs, 99)


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
