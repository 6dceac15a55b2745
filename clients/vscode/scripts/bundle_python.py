"""Fill ``bundled/libs/`` with the language server and the pure-Python libraries it needs, so the
.vsix works on a machine that has only a Python ≥ 3.10 interpreter and no network.

Why bundled libraries on ``sys.path`` (as Microsoft's Python-tools extension template does) and
not a wheelhouse installed into a private venv at first start: creating a venv needs the
``venv``/``ensurepip`` modules, which Debian and Ubuntu split into a separate package
(``python3-venv``) that many office machines lack; a venv also costs seconds and disk at first
start and a second copy per Python version.  Every library the editor path needs is pure Python,
so one folder serves every interpreter ≥ 3.10 on every OS.  The server is started with
``PYTHONPATH=<extension>/bundled/libs``.

What goes in: the ``wenfeng`` wheel built from this checkout (with its lexicons) and the runtime
dependencies from ``pyproject.toml`` resolved for Python 3.10 as pure wheels (``py3-none-any``;
charset-normalizer has one besides its compiled wheels), except ``python-docx``: .docx is a
command-line feature and the server never imports it (``tests/lsp/test_lsp_without_docx.py``);
and except the compiled libraries that wenfeng uses when present and does without otherwise
(same test): rjieba (jieba itself is used instead — the same cuts, a slower first load), google-re2
(a user lexicon pattern that needs linear-time matching is refused with a message) and OpenCC
(drafts in traditional characters are matched without conversion to simplified).
jieba is published only as an sdist; it is pure Python, so it is built into a wheel here.

Usage (from clients/vscode, with network access to PyPI or a pip cache):
    python3 scripts/bundle_python.py
Writes ``bundled/libs/`` and ``bundled/wheels/wenfeng-<version>-py3-none-any.whl``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
except ImportError:  # a bare interpreter: pip's own copy of the same library
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the build machine may run 3.10
    import tomli as tomllib

EXT = Path(__file__).resolve().parents[1]
ROOT = EXT.parents[1]
LIBS = EXT / "bundled" / "libs"
WHEELS = EXT / "bundled" / "wheels"
#: Only the .docx reader/writer uses these; the editor path never imports them.
DOCX_ONLY = {"python-docx", "lxml"}
#: Only ``wenfeng web`` uses these (the drafting page); the editor never starts it.
WEB_ONLY = {"starlette", "uvicorn", "websockets"}
#: Compiled libraries wenfeng does without (see the module docstring); no pure wheel exists.
OPTIONAL_NATIVE = {"rjieba", "google-re2", "opencc"}
#: Published only as an sdist (pure Python): built into a wheel locally.
SDIST_ONLY = {"jieba"}
#: Parts of jieba that wenfeng never imports (keyword extraction, the paddle model).  The
#: tokenizer needs ``dict.txt`` and ``finalseg``; the typo engine tags names with ``posseg``
#: when rjieba (which has its own tagger) is not there — as in this bundle.
JIEBA_UNUSED = ("analyse", "lac_small")
#: Pure wheels only.  pip evaluates environment markers (``python_version < '3.11'``) against the
#: interpreter running it, whatever ``--python-version`` says, so the backports the oldest
#: supported Python needs (tomli, exceptiongroup) are added by :func:`backports`.
PURE = ["--only-binary=:all:", "--platform", "any", "--implementation", "py",
        "--python-version", "3.10", "--abi", "none"]
OLDEST = {**default_environment(), "python_version": "3.10", "python_full_version": "3.10.0"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()


def requirements() -> list[str]:
    """Runtime dependencies from pyproject.toml without the .docx-only and compiled ones."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    left_out = DOCX_ONLY | WEB_ONLY | OPTIONAL_NATIVE
    return [r for r in project["dependencies"] if _name(r) not in left_out]


def _requires(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(z.read(meta).decode("utf-8"))
    return [Requirement(r) for r in headers.get_all("Requires-Dist") or []]


def backports(house: Path, wanted: list[str]) -> list[str]:
    """Requirements whose marker holds on Python 3.10 but that pip left out (see ``PURE``)."""
    have = {_name(w.name.split("-")[0].replace("_", "-")) for w in house.glob("*.whl")}
    missing = [Requirement(r) for r in wanted]
    for wheel in house.glob("*.whl"):
        if not wheel.name.startswith("wenfeng-"):
            missing += _requires(wheel)
    return sorted({f"{r.name}{r.specifier}"
                   for r in missing
                   if (r.marker is None or r.marker.evaluate({**OLDEST, "extra": ""}))
                   and _name(r.name) not in have | DOCX_ONLY | WEB_ONLY | OPTIONAL_NATIVE})


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], check=True)


def main() -> int:
    reqs = requirements()
    with tempfile.TemporaryDirectory() as tmp:
        house = Path(tmp)
        pip("wheel", "-q", "--no-deps", "-w", str(house), str(ROOT))
        for r in reqs:
            if _name(r) in SDIST_ONLY:
                pip("wheel", "-q", "--no-deps", "-w", str(house), r)
        pip("download", "-q", *PURE, "--find-links", str(house), "-d", str(house), *reqs)
        while extra := backports(house, reqs):
            pip("download", "-q", *PURE, "--find-links", str(house), "-d", str(house), *extra)
        wheels = sorted(house.glob("*.whl"))
        bad = [w.name for w in wheels if not w.name.endswith("-none-any.whl")
               or _name(w.name.replace("_", "-")) in DOCX_ONLY]
        if bad:
            print(f"not pure Python or .docx-only: {', '.join(bad)}", file=sys.stderr)
            return 1
        shutil.rmtree(LIBS, ignore_errors=True)
        shutil.rmtree(WHEELS, ignore_errors=True)
        pip("install", "-q", "--no-deps", "--no-compile", "--target", str(LIBS),
            *map(str, wheels))
        WHEELS.mkdir(parents=True)
        for w in house.glob("wenfeng-*.whl"):
            shutil.copy2(w, WHEELS / w.name)
    shutil.rmtree(LIBS / "bin", ignore_errors=True)  # console scripts with this machine's paths
    for part in JIEBA_UNUSED:
        shutil.rmtree(LIBS / "jieba" / part)
    print(f"bundled/libs: {', '.join(sorted(p.name for p in LIBS.glob('*.dist-info')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
