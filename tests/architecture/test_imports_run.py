"""Every module imports on its own, in a fresh interpreter: what a runtime import cycle (or an
import that only works after some other module was loaded) would break."""

from __future__ import annotations

import subprocess
import sys

import import_graph as graph
import pytest

pytestmark = pytest.mark.slow  # one interpreter per module


def test_each_module_imports_alone():
    names = [m for m in graph.modules() if m != "wenfeng.__main__"]  # __main__ runs the CLI
    code = ("import subprocess, sys\n"
            "bad = []\n"
            f"for name in {names!r}:\n"
            "    r = subprocess.run([sys.executable, '-c', 'import ' + name],\n"
            "                       capture_output=True, text=True)\n"
            "    if r.returncode:\n"
            "        bad.append(name + ': ' + (r.stderr.strip().splitlines() or ['?'])[-1])\n"
            "print('\\n'.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""
    assert len(names) > 50  # the package was found
