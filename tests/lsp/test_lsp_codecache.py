"""The start-up code cache (wenfeng.lsp.codecache): code served from it is the code the built-in
would compile, a second start compiles (almost) nothing, and a bad file costs nothing but time."""

from __future__ import annotations
import __future__

import json
import marshal
import os
import subprocess
import sys
import textwrap

import pytest

from wenfeng.lsp import codecache

# One start as `wenfeng serve` makes it: install, import lsprotocol and pygls, build a server and
# convert an initialize request and a diagnostic; prints what was compiled and what was converted.
START = textwrap.dedent("""
    import json, sys
    from wenfeng.lsp import codecache
    codecache.install()
    cache = codecache._cache
    from lsprotocol import types
    from wenfeng.lsp.server import create_server
    server = create_server()
    converter = server.protocol._converter
    params = converter.structure({"processId": 1, "rootUri": None, "capabilities": {
        "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}},
        types.InitializeParams)
    diagnostic = types.Diagnostic(range=types.Range(types.Position(0, 1), types.Position(0, 2)),
                                  message="公文", severity=types.DiagnosticSeverity.Warning)
    out = {"params": converter.unstructure(params),
           "diagnostic": converter.unstructure(diagnostic), "repr": repr(diagnostic.range),
           "equal": diagnostic == types.Diagnostic(range=diagnostic.range, message="公文",
                                                    severity=types.DiagnosticSeverity.Warning)}
    out.update(compiled=cache and cache.compiled, used=cache and len(cache.used))
    codecache.finish()
    print(json.dumps(out, ensure_ascii=False))
""")


def start(tmp_path, **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k != "WENFENG_NO_CACHE"}
    environ.update(WENFENG_CACHE_DIR=str(tmp_path / "cache"), **env)
    done = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True,
                          env=environ, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_second_start_takes_its_code_from_the_file_and_behaves_the_same(tmp_path):
    first = start(tmp_path)
    assert first["used"] > 500 and first["compiled"] == first["used"]  # nothing stored yet
    files = list((tmp_path / "cache").glob("lsp-code-*.marshal"))
    assert len(files) == 1
    second = start(tmp_path)
    assert second["used"] == first["used"]
    # attrs salts a hashable class's __hash__ per process: those few are compiled every time
    assert second["compiled"] * 20 < second["used"]
    without = start(tmp_path, WENFENG_NO_CACHE="1")
    assert without["used"] is None
    for key in ("params", "diagnostic", "repr", "equal"):
        assert first[key] == second[key] == without[key]
    assert second["equal"] is True
    assert files[0].stat().st_mtime_ns == list((tmp_path / "cache").glob(
        "lsp-code-*.marshal"))[0].stat().st_mtime_ns  # not rewritten for the salted few


def test_a_damaged_or_foreign_file_is_ignored(tmp_path):
    start(tmp_path)
    file = next((tmp_path / "cache").glob("lsp-code-*.marshal"))
    data = file.read_bytes()
    head = len(codecache.FORMAT)
    for bad in (data[: len(data) // 2], b"\0" * 64, b"", b"wenfeng-code-0\n" + data[head:],
                data[:head] + b"\xff\xff\r\n" + data[head + 4:],  # another Python's bytecode
                codecache._header() + marshal.dumps({("x", "y", "exec", 0, 0): "not code"})):
        file.write_bytes(bad)
        assert codecache.load(file) == {}
    file.write_bytes(data[: len(data) // 2])
    got = start(tmp_path)
    assert got["compiled"] == got["used"] and got["equal"] is True
    assert file.read_bytes() == data or len(codecache.load(file)) == got["used"]  # rewritten


def test_the_caching_compile_keeps_the_callers_future_flags():
    """compile() inherits the calling module's ``from __future__`` flags; the stand-in must give
    the code the built-in gives when that module calls it."""
    import dataclasses  # has none

    import attr._make as attrs_make  # has `from __future__ import annotations`

    source = "def f(x: int) -> list[str]:\n    return [str(x)]\n"
    flag = __future__.annotations.compiler_flag
    cache = codecache._Cache({})
    for module, flags in ((attrs_make, flag), (dataclasses, 0)):
        ours = cache.compiler(module)(source, "<test>", "exec")
        builtin = compile(source, "<test>", "exec", flags, dont_inherit=True)
        assert marshal.dumps(ours) == marshal.dumps(builtin)
        namespace: dict = {}
        exec(ours, namespace)  # noqa: S102
        assert namespace["f"].__annotations__["x"] == ("int" if flags else int)
    # the same source under other flags is another entry, never a wrong hit
    assert len(cache.used) == 2 and cache.compiled == 2
    again = cache.compiler(attrs_make)(source, "<test>", "exec")
    assert cache.compiled == 2 and again.co_flags & flag


def test_finish_takes_the_stand_ins_out(tmp_path, monkeypatch):
    import dataclasses

    import attr._make as attrs_make

    monkeypatch.setattr(codecache, "path", lambda: tmp_path / "code.marshal")
    monkeypatch.setattr(codecache, "_cache", None)
    monkeypatch.delenv("WENFENG_NO_CACHE", raising=False)
    codecache.install()
    try:
        assert "compile" in vars(attrs_make) and "exec" in vars(dataclasses)

        @dataclasses.dataclass(frozen=True)
        class Point:
            x: int
            y: int = 2

        assert Point(1) == Point(1, 2) and hash(Point(1)) == hash(Point(1, 2))
        assert repr(Point(3)).endswith("Point(x=3, y=2)")
    finally:
        codecache.finish()
    assert "compile" not in vars(attrs_make) and "exec" not in vars(dataclasses)
    stored = codecache.load(tmp_path / "code.marshal")
    assert any(key[1] == "<string>" and "y=" in key[0] for key in stored)  # Point's __init__


@pytest.mark.parametrize("value", ["1", "yes"])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, value):
    monkeypatch.setenv("WENFENG_NO_CACHE", value)
    monkeypatch.setattr(codecache, "_cache", None)
    codecache.install()
    assert codecache._cache is None
    codecache.finish()
