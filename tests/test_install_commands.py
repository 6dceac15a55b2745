"""Every install command the documentation gives is run, as written, in a clean virtual environment.

The commands are collected from README.md, docs/install.md, docs/editors.md and
clients/vscode/README.md (any line with ``pip install``, ``pip wheel`` or ``-m build``); a command
found there but not run here fails the test, so a new instruction cannot go untested.  ``python3``
in a command is the clean venv's interpreter (it comes first on PATH).  The offline steps run with
``--no-index`` and, where ``unshare -n`` works (root), in a network namespace with no network.
Marked ``slow``: it builds, downloads from PyPI and creates several venvs (a few minutes).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "install.md", ROOT / "docs" / "editors.md",
        ROOT / "clients" / "vscode" / "README.md"]
WHEEL = "wenfeng-0.1.0-py3-none-any.whl"

QUICK_START = ("python3 -m venv .venv && .venv/bin/pip install -e . && "
               ".venv/bin/wenfeng check examples --fail-on error")
FROM_CHECKOUT = "python3 -m pip install ."
WHEELHOUSE = "python3 -m pip wheel --wheel-dir wheels . hatchling"
OFFLINE = "python3 -m pip install --no-index --find-links wheels wenfeng"
BUILD = "python3 -m pip install build && python3 -m build"
SDIST_OFFLINE = "python3 -m pip install --no-index --find-links wheels dist/wenfeng-0.1.0.tar.gz"
RELEASE_WHEEL = f"python3 -m pip install {WHEEL}"
#: Commands the docs may show that are not separate installs (development set-up of this repo).
NOT_INSTALLS = {
    "`.venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/run.py` "
    "rebuilds the inputs from",
}


def documented() -> set[str]:
    """Install commands in the docs: code spans and lines of code blocks, comments dropped."""
    found = set()
    for doc in DOCS:
        if not doc.exists():
            continue
        for line in doc.read_text(encoding="utf-8").splitlines():
            if not re.search(r"pip install|pip wheel|-m build", line) \
                    or line.strip() in NOT_INSTALLS:
                continue
            if re.search(r"does not work|不可用", line):  # "`pip install wenfeng` does not work"
                line = line.replace("`pip install wenfeng`", "")
            spans = re.findall(r"`([^`]*(?:pip install|pip wheel|-m build)[^`]*)`", line)
            for cmd in spans or [line]:
                cmd = re.sub(r"\s+#.*$", "", cmd).strip()
                if cmd.startswith(("python3 ", "pip ", ".venv/")) or "pip install" in cmd:
                    found.add(cmd)
    return found


def test_every_documented_install_command_is_one_this_module_runs():
    runs = {QUICK_START, FROM_CHECKOUT, WHEELHOUSE, OFFLINE, BUILD, SDIST_OFFLINE, RELEASE_WHEEL}
    extension_message = re.compile(r"python3 -m pip install …/bundled/wheels/" + re.escape(WHEEL))
    unknown = {c for c in documented() if c not in runs and not extension_message.fullmatch(c)}
    assert not unknown, f"documented but not tested: {sorted(unknown)}"
    from_pypi = re.compile(r"pip install wenfeng(\s|$)")  # not published there
    assert not [c for c in documented() if from_pypi.search(c) and "--find-links" not in c]


def _copy_checkout(dest: Path) -> Path:
    """What a user downloads: the files the build needs, without this machine's venvs."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", "scripts/hatch_build.py"):  # the wheel's hook
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules")
    # the web page's sources (its built files are in server/, as after scripts/test.sh)
    for name in ("server", "lexicons", "tests", "examples", "clients/web/src"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    for name in ("package.json", "package-lock.json", "build.mjs"):
        shutil.copy2(ROOT / "clients/web" / name, dest / "clients/web" / name)
    return dest


def _venv(path: Path) -> dict[str, str]:
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{path / 'bin'}:{env['PATH']}"
    return env


def _offline_prefix() -> list[str]:
    try:
        done = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30)
        ok = done.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return ["unshare", "-n"] if ok else []


def _sh(cmd: str, cwd: Path, env: dict[str, str], offline: bool = False) -> None:
    argv = (_offline_prefix() if offline else []) + ["bash", "-c", cmd]
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"


def _works(venv: Path, cwd: Path) -> None:
    """The installed command checks a draft (python-docx included: the CLI reads .docx)."""
    done = subprocess.run([str(venv / "bin" / "wenfeng"), "check", "examples",
                           "--fail-on", "error"], cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and "请示-申请专项经费.txt" in done.stdout, done.stdout + done.stderr
    subprocess.run([str(venv / "bin" / "python"), "-c", "import docx, wenfeng.lsp.server"],
                   check=True, timeout=120)


@pytest.mark.slow
def test_documented_install_commands_work_in_clean_venvs(tmp_path):
    repo = _copy_checkout(tmp_path / "repo")

    # quick start (its own venv inside the checkout)
    _sh(QUICK_START, repo, {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"})

    # from the checkout
    env = _venv(tmp_path / "v-checkout")
    _sh(FROM_CHECKOUT, repo, env)
    _works(tmp_path / "v-checkout", repo)

    # build a release: wheel and sdist
    env = _venv(tmp_path / "v-build")
    _sh(BUILD, repo, env)
    assert (repo / "dist" / WHEEL).is_file() and (repo / "dist" / "wenfeng-0.1.0.tar.gz").is_file()

    # the release wheel, dependencies from PyPI (also what the extension's message proposes)
    env = _venv(tmp_path / "v-wheel")
    shutil.copy2(repo / "dist" / WHEEL, tmp_path / WHEEL)
    _sh(RELEASE_WHEEL, tmp_path, env)
    _works(tmp_path / "v-wheel", repo)

    # offline: a folder of wheels made online, installed with no index (and no network)
    env = _venv(tmp_path / "v-house")
    _sh(WHEELHOUSE, repo, env)
    env = _venv(tmp_path / "v-offline")
    _sh(OFFLINE, repo, env, offline=True)
    _works(tmp_path / "v-offline", repo)
    env = _venv(tmp_path / "v-sdist")
    _sh(SDIST_OFFLINE, repo, env, offline=True)
    _works(tmp_path / "v-sdist", repo)
