"""Errors a person can act on: every message the CLI can print is in ``error_catalogue.py`` (with
its cause and what to do) and is produced here by a real scenario — exit 2 (130 for Ctrl+C), one
line on stderr that names the file, no traceback.

Three guards keep the table in docs/errors.md honest:
- ``test_every_message_in_the_source_is_catalogued``: the source is scanned for error messages;
  a new message without a catalogue entry (or an entry whose message is gone) fails;
- ``test_each_error_scenario``: each entry's scenarios run through the CLI;
- ``test_readme_table_is_current``: the error table of docs/errors.md (between the ``errors-table``
  markers) is generated from the catalogue — regenerate with
  ``WENFENG_WRITE_ERRORS_MD=1 .venv/bin/pytest tests/reliability/test_errors.py``.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
from pathlib import Path

import pytest

from .error_catalogue import ENTRIES, NOT_CLI, PARTS, World

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "server" / "wenfeng"
README = ROOT / "docs" / "errors.md"
BEGIN, END = "<!-- errors-table:begin -->", "<!-- errors-table:end -->"
_RAISERS = {"InputError", "ConfigError", "LexiconError", "ValueError", "RuleKeyError", "_refuse",
            "fail", "_Risk", "WenfengError"}


# --- the source scan --------------------------------------------------------------------------

def _skeleton(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _skeleton(node.left) + _skeleton(node.right)
    return "…"


def source_messages() -> dict[str, str]:
    """skeleton → first place it is raised (the language server's own messages excluded)."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "lsp" in path.relative_to(SOURCE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            message = None
            if name in _RAISERS and node.args:
                message = node.args[1] if name in ("fail", "RuleKeyError") and len(node.args) > 1 else node.args[0]
            elif name == "append" and node.args and isinstance(node.args[0], ast.Tuple) \
                    and len(node.args[0].elts) == 2:
                message = node.args[0].elts[1]  # errors.append((path, "message"))
            elif name == "print" and any(k.arg == "file" for k in node.keywords) and node.args:
                text = _skeleton(node.args[0])
                if text.startswith("wenfeng: ") and not text.startswith(("wenfeng: …", "wenfeng: 报告已写入")):
                    found.setdefault(text[len("wenfeng: "):], f"{path.name}:{node.lineno}")
                continue
            elif name == "exit" and len(node.args) == 2:  # argparse usage errors
                text = _skeleton(node.args[1]).strip()
                if text.startswith("wenfeng: "):
                    found.setdefault(text[len("wenfeng: "):], f"{path.name}:{node.lineno}")
                continue
            if message is not None:
                found.setdefault(_skeleton(message), f"{path.name}:{node.lineno}")
    return found


def test_every_message_in_the_source_is_catalogued():
    in_source = source_messages()
    catalogued = {e.skeleton for e in ENTRIES}
    missing = {s: where for s, where in in_source.items()
               if s not in catalogued and s not in NOT_CLI and s not in PARTS}
    assert not missing, "error messages without a catalogue entry (add them to error_catalogue.py):\n" + \
        "\n".join(f"  {where}: {s}" for s, where in sorted(missing.items(), key=lambda kv: kv[1]))
    gone = catalogued - set(in_source)
    assert not gone, f"catalogue entries whose message is no longer in the source: {sorted(gone)}"
    assert len(catalogued) == len(ENTRIES), "one entry per message"


# --- the scenarios --------------------------------------------------------------------------

def fragment(skeleton: str) -> str:
    """The longest literal piece of a message (what every instance of it contains)."""
    return max(skeleton.split("…"), key=len).strip()


SCENARIOS = [(i, j) for i, entry in enumerate(ENTRIES) for j in range(len(entry.scenarios))]


@pytest.fixture(scope="module")
def minimal_builtin(tmp_path_factory) -> Path:
    """Built-in lexicons reduced to the default profile, so a user-lexicon error is reached
    without compiling every shipped rule (the message path is the same)."""
    folder = tmp_path_factory.mktemp("builtin")
    (folder / "profiles").mkdir()
    shutil.copy(ROOT / "lexicons" / "profiles" / "jingzhou-2019.toml", folder / "profiles")
    return folder


@pytest.mark.timeout(120)
@pytest.mark.parametrize("i, j", SCENARIOS,
                         ids=[f"e{i:03d}.{j}" for i, j in SCENARIOS])
def test_each_error_scenario(tmp_path, run_cli, monkeypatch, minimal_builtin, i, j):
    entry = ENTRIES[i]
    if entry.group in ("词库", "规则") and "内置" not in entry.skeleton:
        monkeypatch.setenv("WENFENG_BUILTIN_LEXICONS", str(minimal_builtin))
    world = World(tmp_path / "w")
    world.root.mkdir()
    case = entry.scenarios[j](world)
    if case.argv[0] == "api":  # not reachable from the command line
        from wenfeng.errors import InputError
        from wenfeng.sources import load_path

        with pytest.raises(InputError) as info:
            load_path(case.argv[1])
        lines = [f"wenfeng: {info.value}"]
        code, err = 2, ""
    else:
        if case.patch:
            case.patch(monkeypatch)
        code, _, err = run_cli(*case.argv)
        lines = [ln for ln in err.splitlines() if ln.startswith("wenfeng:")]
    assert "Traceback" not in err, err
    assert code == case.code, err
    assert len(lines) == 1, f"one line expected:\n{err}"
    assert fragment(entry.skeleton) in lines[0], lines[0]
    for name in case.names:
        assert name in lines[0], f"{name} missing from: {lines[0]}"


# --- the README table ------------------------------------------------------------------------

def _md(text: str) -> str:
    """Table-cell safe: no column breaks, no stray emphasis."""
    return re.sub(r"([|*_])", r"\\\1", text)


def render_table() -> str:
    out = ["<!-- generated from tests/reliability/error_catalogue.py by test_errors.py -->",
           "", "| 出错信息（wenfeng: 文件：……） | 原因 | 怎么办 |", "|---|---|---|"]
    group = None
    for entry in ENTRIES:
        if entry.group != group:
            group = entry.group
            out.append(f"| **{group}** | | |")
        out.append(f"| {_md(entry.skeleton)} | {_md(entry.cause)} | {_md(entry.action)} |")
    return "\n".join(out) + "\n"


def test_readme_table_is_current():
    table = render_table()
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    current, _, tail = rest.partition(END)
    if os.environ.get("WENFENG_WRITE_ERRORS_MD"):
        README.write_text(f"{head}{BEGIN}\n{table}{END}{tail}", encoding="utf-8")
        current = "\n" + table
    assert current == "\n" + table, \
        "docs/errors.md's error table is stale: regenerate with WENFENG_WRITE_ERRORS_MD=1"
    rows = [ln for ln in table.splitlines() if ln.startswith("| ") and not ln.startswith("| **")]
    assert len(rows) - 1 == len(ENTRIES)  # minus the header row
    assert all(re.match(r"^\| .+ \| .+ \| .+ \|$", r) for r in rows)
