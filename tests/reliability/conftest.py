"""Reliability suite: hypothesis profiles (``_fuzz``) and a summary of how many examples ran."""

from __future__ import annotations

from . import _fuzz


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not _fuzz.EXAMPLES:
        return
    total = sum(_fuzz.EXAMPLES.values())
    terminalreporter.write_sep("-", f"wenfeng fuzz ({_fuzz.PROFILE}): {total} examples")
    for name, n in sorted(_fuzz.EXAMPLES.items()):
        terminalreporter.write_line(f"{n:8d}  {name}")
