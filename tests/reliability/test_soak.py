"""A short soak of one TCP server (``bench/soak_lsp.py --duration 30``): random edits, hostile
frames, config changes and extra connections; correct diagnostics at the end, every request
answered, memory flat.  The full 10-minute run is the same script with ``--duration 600``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_short_soak_of_one_tcp_server():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "soak_lsp.py"), "--duration", "30"],
                          capture_output=True, text=True, timeout=280)
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    assert stats["alive"] and stats["diagnostics_match"] and stats["unanswered"] == 0, stats
    assert stats["edits"] > 100 and stats["hostile_frames"] > 0 and stats["extra_connections"], stats
    assert stats["rss_growth_mb"] < 50, stats
    assert done.returncode == 0, done.stderr[-2000:]
