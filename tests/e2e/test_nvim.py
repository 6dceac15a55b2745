"""Headless Neovim against the real server (tests/e2e/nvim/run.sh); skipped only without nvim."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

RUN = Path(__file__).parent / "nvim" / "run.sh"


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim is not installed")
def test_neovim_quick_fix_after_non_bmp_characters():
    env = {**os.environ, "WENFENG_PYTHON": os.environ.get("WENFENG_PYTHON", sys.executable)}
    done = subprocess.run(["bash", str(RUN)], env=env, capture_output=True, text=True,
                          timeout=180)
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0 and lines[-1].endswith(" passed, 0 failed"), done.stdout + done.stderr
