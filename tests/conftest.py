"""Shared fixtures: one engine per session, and a helper that checks a string."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Keep the compiled-lexicon cache and jieba's dictionary cache out of the real home
    directory: one folder for the whole run (servers started by tests inherit it)."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("WENFENG_CACHE_DIR")
    os.environ["WENFENG_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("WENFENG_CACHE_DIR", None)
    else:
        os.environ["WENFENG_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def engine():
    from wenfeng.rules.engine import get_engine

    return get_engine()


@pytest.fixture
def check(engine):
    """check(text, doctype=None, fmt="txt", settings=None) -> Report"""
    from wenfeng.config import Settings
    from wenfeng.sources import load_text

    def run(text: str, doctype: str | None = None, fmt: str = "txt", settings=None):
        return engine.check(load_text(text, fmt=fmt), settings or Settings(), doctype)

    return run


@pytest.fixture
def run_cli(tmp_path, monkeypatch):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    from wenfeng.cli import main

    def run(*args: str, cwd: Path | None = None):
        import io
        from contextlib import redirect_stderr, redirect_stdout

        out, err = io.StringIO(), io.StringIO()
        if cwd:
            monkeypatch.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse usage errors
                code = exc.code if isinstance(exc.code, int) else 2
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path, monkeypatch):
    """Keep editor state (文种 choices, ignores) out of the real home directory."""
    monkeypatch.setenv("WENFENG_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("NO_COLOR", "1")


def pytest_report_header(config):
    return f"wenfeng tests on Python {sys.version.split()[0]} ({os.cpu_count()} cores)"


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """A fresh cache folder for this test, with caching on (for the on-disk cache tests)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("WENFENG_CACHE_DIR", str(folder))
    monkeypatch.delenv("WENFENG_NO_CACHE", raising=False)
    return folder
