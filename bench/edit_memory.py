"""What grows while a user types: edits driven in process through the server's check path.

    .venv/bin/python bench/edit_memory.py [edits] [--trace FRAMES]

Makes the same edits as ``run.py --only edits`` (a random frequent character typed into a random
long line of the 20,000-字 report, every version new text) but calls
``wenfeng.lsp.checking.check`` directly, as the server's worker thread does, so the numbers are
the check path's alone (no pygls, no pipes).  At a few marks it prints the process's RSS,
Python's allocated blocks and the number of entries in the caches that keep something per
paragraph or sentence; a cache whose count still rises after the first few thousand edits, or
whose entries grow with the text, is what makes the server's memory climb.  ``--trace N``
also takes tracemalloc snapshots (N frames; slow, about ten times) and prints the allocation
sites that grew most between the second mark and the last.

Uses the benchmark's cache folder (``bench/out/cache``), so the typo tables are those a warm
server opens; run ``bench/run.py`` once first to make the inputs.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inputs as bench_inputs  # noqa: E402

ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"


def rss_mb() -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmRSS"):
            return int(row.split()[1]) / 1024
    return float("nan")


def cache_counts() -> dict[str, int]:
    """Entries in the per-paragraph and per-sentence caches of every engine made so far."""
    from wenfeng.lsp import diagnostics
    from wenfeng.proofread.engine import Proofreader
    from wenfeng.rules import engine as rules_engine

    out: dict[str, int] = {}
    for engine in rules_engine._ENGINES.values():
        out["engine hits"] = len(engine._cache)
        out["engine findings"] = len(engine._findings)
        out["engine runs"] = len(engine._runs)
        out["segmenter"] = len(engine.segmenter._cache)
        proofreaders = {id(p): p for c in engine.rules.values()
                        if isinstance(p := getattr(c.prepared, "proofreader", None), Proofreader)}
        for p in proofreaders.values():
            out["proofread sentences"] = len(p._cache)
            out["proofread routes"] = p.spelling.routes.cache_info().currsize
            out["proofread logprob"] = p.spelling.logprob.cache_info().currsize
    out["kept diagnostic parts"] = len(diagnostics._MADE)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("edits", type=int, nargs="?", default=6000)
    ap.add_argument("--trace", type=int, default=0, metavar="FRAMES")
    args = ap.parse_args()
    os.environ.setdefault("WENFENG_CACHE_DIR", str(bench_inputs.OUT / "cache"))

    from lsprotocol import types
    from pygls.workspace.position_codec import PositionCodec

    from wenfeng.lsp.checking import check
    from wenfeng.proofread import sizing

    sizing.use_editor_sizes()  # as `wenfeng serve` does
    from wenfeng.lsp.positions import lsp_lines
    from wenfeng.lsp.settings import ConfigFiles, EditorLayer
    from wenfeng.lsp.snapshot import Snapshot
    from wenfeng.rules.engine import complete_dictionaries, get_engine

    path = bench_inputs.INPUTS / "report-20k.txt"
    text = path.read_text(encoding="utf-8")
    get_engine(()).load()
    complete_dictionaries()
    codec = PositionCodec(types.PositionEncodingKind.Utf16)
    files = ConfigFiles()
    uri = path.resolve().as_uri()

    def snapshot(version: int, text: str) -> Snapshot:
        return Snapshot(uri=uri, version=version, text=text, path=str(path),
                        language_id="plaintext", layers=(EditorLayer(), EditorLayer()),
                        doctype=None, ignores=frozenset(), codec=codec, ticket=version,
                        generation=0, lines=tuple(lsp_lines(text)))

    previous = check(snapshot(1, text), files).document
    gc.collect()
    gc.freeze()  # as the server does once it has started
    if args.trace:
        tracemalloc.start(args.trace)
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if len(line) >= 80]
    rng = random.Random(5)
    marks = sorted({1, args.edits // 10, args.edits // 4, args.edits // 2, args.edits})
    snaps = []
    started = time.perf_counter()
    for k in range(1, args.edits + 1):
        line = rng.choice(candidates)
        col = rng.randrange(1, len(lines[line]))
        lines[line] = lines[line][:col] + rng.choice(ALPHABET) + lines[line][col:]
        previous = check(snapshot(k + 1, "\n".join(lines)), files, previous=previous).document
        if k in marks:
            gc.collect()
            counts = ", ".join(f"{name} {n:,}" for name, n in cache_counts().items())
            print(f"{k:>6,} edits ({time.perf_counter() - started:.0f} s): RSS {rss_mb():.1f} MB, "
                  f"{sys.getallocatedblocks():,} blocks; {counts}", flush=True)
            if args.trace:
                snaps.append(tracemalloc.take_snapshot().filter_traces(
                    [tracemalloc.Filter(False, tracemalloc.__file__)]))
    if len(snaps) >= 3:
        print(f"\ngrowth from edit {marks[1]:,} to {marks[-1]:,}, by allocation site:")
        for stat in snaps[-1].compare_to(snaps[1], "traceback")[:12]:
            print(f"{stat.size_diff / 1e3:+9.1f} KB {stat.count_diff:+7,} blocks")
            for row in stat.traceback.format()[-2 * min(args.trace, 3):]:
                print("     ", row)


if __name__ == "__main__":
    main()
