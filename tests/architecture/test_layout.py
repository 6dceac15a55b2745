"""The tree is the pipeline: no import cycles, imports only go down the layers, third-party
libraries stay in their adapters, and lines are at most 100 characters.

The import graph is read statically (:mod:`import_graph`): imports inside functions count too,
since they run as soon as the function is called; only ``if TYPE_CHECKING:`` imports are left out.
"""

from __future__ import annotations

import import_graph as graph
import pytest

# Lower layers never import higher ones.  A module not listed belongs to the layer of its
# nearest listed package.
LAYERS = [
    {"wenfeng", "wenfeng.model", "wenfeng.errors", "wenfeng.files", "wenfeng.chars",
     "wenfeng.datafiles", "wenfeng.fixes", "wenfeng.segment", "wenfeng.doctypes",
     "wenfeng.cachedir", "wenfeng.lru", "wenfeng.editor_state"},
    {"wenfeng.sources"},
    {"wenfeng.metrics"},
    {"wenfeng.config"},
    {"wenfeng.rules"},
    {"wenfeng.api"},
    {"wenfeng.trim"},
    {"wenfeng.output"},
    {"wenfeng.lsp"},
    {"wenfeng.web"},
    {"wenfeng.cli", "wenfeng.__main__"},
]

# Where a third-party library may be imported (package prefixes).
CONFINED = {
    "pygls": ("wenfeng.lsp",),
    "lsprotocol": ("wenfeng.lsp",),
    "docx": ("wenfeng.sources.docx", "wenfeng.output.docx", "wenfeng.cli.folder_report"),
    "lxml": ("wenfeng.sources.docx", "wenfeng.output.docx"),
    "jieba": ("wenfeng.segment",),
    "opencc": ("wenfeng.traditional",),
    "rjieba": ("wenfeng.segment",),
    "markdown_it": ("wenfeng.sources.markdown",),
    "starlette": ("wenfeng.web",),
    "uvicorn": ("wenfeng.web",),
    "websockets": ("wenfeng.web",),
    "mdit_py_plugins": ("wenfeng.sources.markdown",),
}

# Modules that defer imports into functions, and why (start-up time is the only good reason).
DEFERRED = {
    "wenfeng.cli.main": "each command loads only what it uses (wenfeng --help stays instant)",
    "wenfeng.cli.trim": "python-docx only when a .docx is trimmed",
    "wenfeng.cli.folder_report": "the engine is compiled once, before the worker pool forks",
    "wenfeng.lsp.server": "initialize is answered before the engine and jieba load",
    "wenfeng.lsp.launch": "lsprotocol is imported only once its generated code is cached",
    "wenfeng.lsp.code_actions": "the engine, loaded by the first check long before this runs",
    "wenfeng.lsp.trim": "the trim planner and the engine, loaded by the first check long before this runs",
    "wenfeng.lsp.snapshot": "type-only use of the model at run time",
    "wenfeng.rules.context": "type names for annotations only",
    "wenfeng.sources": "python-docx and markdown-it only when such a file is read",
    "wenfeng.sources.docx": "the layout summary only when asked for",
    "wenfeng.sources.docx.examples": "python-docx only when a .docx example is built",
    "wenfeng.web.run": "the address is printed before the page's modules and the engine load",
}


def layer_of(module: str) -> int:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        for i, layer in enumerate(LAYERS):
            if prefix in layer:
                return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def test_no_import_cycles():
    assert graph.cycles(graph.runtime_graph()) == []


def test_the_graph_sees_imports():
    """Guard for the two tests around it: a graph without edges would pass them."""
    g = graph.runtime_graph()
    assert "wenfeng.rules.engine" in g["wenfeng.api"]
    assert "wenfeng.rules.checks.registry" in g["wenfeng.rules.kinds.check"]
    assert graph.cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_imports_go_down_the_pipeline():
    wrong = [f"{imp.source}:{imp.line} imports {imp.target}"
             for imp in graph.all_imports()
             if not imp.type_only and imp.target.startswith("wenfeng.")
             and imp.target in graph.modules()
             and layer_of(imp.target) > layer_of(imp.source)]
    assert wrong == []


@pytest.mark.parametrize("library", sorted(CONFINED))
def test_third_party_libraries_stay_in_their_adapters(library):
    outside = [f"{imp.source}:{imp.line}" for imp in graph.all_imports()
               if imp.target.split(".")[0] == library
               and not imp.source.startswith(CONFINED[library])]
    assert outside == []


def test_deferred_imports_have_a_reason():
    deferring = {imp.source for imp in graph.all_imports()
                 if imp.deferred and not imp.type_only and imp.target.startswith("wenfeng")}
    assert deferring <= set(DEFERRED), sorted(deferring - set(DEFERRED))


def test_lines_are_at_most_100_characters():
    long = [f"{path.relative_to(graph.PACKAGE.parent)}:{n}"
            for path in graph.modules().values()
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if len(line) > 100]
    assert long == []
