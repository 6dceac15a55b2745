"""Profile the server while it handles keystrokes (py-spy, from PyPI: ``pip install py-spy``).

    .venv/bin/python bench/profile_lsp.py [report|all15] [keystrokes]

Writes ``bench/out/lsp-<input>.svg`` (a flame graph) and prints the latency summary.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inputs as bench_inputs  # noqa: E402
from lspclient import LspClient  # noqa: E402


async def main(which: str, keystrokes: int) -> None:
    inp = bench_inputs.prepare()
    path = {"report": inp.report, "all15": inp.all15}[which]
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    out = bench_inputs.OUT / f"lsp-{which}.{'txt' if '--raw' in sys.argv else 'svg'}"
    client = LspClient({"debounceMs": 0})
    await client.start(bench_inputs.REPO, bench_inputs.OUT / "server-profile.log")
    await client.initialize(bench_inputs.INPUTS)
    text = path.read_text(encoding="utf-8")
    uri = path.resolve().as_uri()
    client.open(uri, text, 1)
    await client.wait_complete(uri, 1, timeout=300)  # past the provisional start-up result
    recorder = subprocess.Popen([spy, "record", "--pid", str(client.proc.pid), "-o", str(out), "--format", "raw" if out.suffix == ".txt" else "flamegraph",
                                 "--rate", "250", "--threads", "--nonblocking"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    await asyncio.sleep(1.0)
    lines = text.split("\n")
    rng = random.Random(3)
    version, lat = 1, []
    for _ in range(keystrokes):
        line = rng.choice([i for i, s in enumerate(lines) if len(s) >= 80])
        col = rng.randrange(1, len(lines[line]))
        for new, (a, b) in (("的", (col, col)), ("", (col, col + 1))):
            version += 1
            mark = len(client.published)
            t = time.perf_counter()
            client.change(uri, version, line, a, b, new)
            got = await client.wait_published(uri, version, after=mark)
            lat.append(got.at - t)
    recorder.send_signal(signal.SIGINT)
    recorder.wait(60)
    await client.stop()
    lat.sort()
    print(f"median {statistics.median(lat) * 1000:.1f} ms, p95 {lat[int(len(lat) * 0.95) - 1] * 1000:.1f} ms;"
          f" flame graph: {out}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "all15",
                     int(sys.argv[2]) if len(sys.argv) > 2 else 40))
