"""The wheel carries the lexicons (``wenfeng/_lexicons``) and works without the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_lexicons_and_runs(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT),
                    "-w", str(wheel_dir)], check=True, capture_output=True, timeout=600)
    wheel = next(wheel_dir.glob("wenfeng-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "wenfeng/_lexicons/profiles/jingzhou-2019.toml" in names
    assert "wenfeng/_lexicons/rules/honorifics.toml" in names
    # the built web page (git-ignored; scripts/hatch_build.py builds it when missing)
    assert {"wenfeng/web/static/index.html", "wenfeng/web/static/app.js"} <= set(names)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=600)
    # the installed copy (not the checkout) must find its own lexicons
    env = dict(os.environ, PYTHONPATH=str(target))
    env.pop("WENFENG_BUILTIN_LEXICONS", None)
    code = ("import wenfeng, wenfeng.datafiles as l; print(wenfeng.__file__); "
            "print(l.packaged_root())")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=tmp_path, check=True).stdout.split()
    assert out[0].startswith(str(target)) and out[1] == str(target / "wenfeng" / "_lexicons")
    rules = subprocess.run([sys.executable, "-m", "wenfeng", "rules"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert "H201" in rules
