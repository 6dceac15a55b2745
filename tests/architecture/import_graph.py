"""The import graph of ``server/wenfeng``, read statically from the source (no import runs).

An edge A → B is a module-level import in A of B (or of a name from B): what runs when A is
imported.  Imports inside functions (deferred, for start-up time) and under ``TYPE_CHECKING``
are kept apart, since they cannot form a cycle at import time.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "server" / "wenfeng"


@dataclass(frozen=True)
class Import:
    source: str    # importing module
    target: str    # imported module (a wenfeng module, or a top-level third-party name)
    line: int
    deferred: bool   # inside a function: runs when the function is first called
    type_only: bool  # under ``if TYPE_CHECKING:``: never runs


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path: Path, known: set[str]) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []

    def visit(node: ast.AST, deferred: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = deferred or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                   ast.Lambda))
            typing = type_only or (isinstance(child, ast.If)
                                   and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(module, alias.name, child.lineno, deferred, type_only))
            elif isinstance(child, ast.ImportFrom):
                target = _resolve(module, is_package, child)
                for alias in child.names:  # "from . import x" may name a submodule
                    sub = f"{target}.{alias.name}"
                    found.append(Import(module, sub if sub in known else target, child.lineno,
                                        deferred, type_only))
            visit(child, inner, typing)

    visit(tree, False, False)
    return found


@lru_cache(maxsize=1)
def all_imports() -> tuple[Import, ...]:
    mods = modules()
    known = set(mods)
    return tuple(imp for name, path in mods.items() for imp in imports_of(name, path, known))


def runtime_graph(*, with_deferred: bool = True) -> dict[str, set[str]]:
    """Edges between wenfeng modules of imports that run (module level, and unless
    ``with_deferred`` is False, inside functions too).  Importing ``a.b`` also runs ``a``'s
    ``__init__``, so an edge to a submodule implies one to each enclosing package."""
    known = set(modules())
    graph: dict[str, set[str]] = {m: set() for m in known}
    for imp in all_imports():
        if imp.type_only or (imp.deferred and not with_deferred):
            continue
        if not imp.target.startswith("wenfeng"):
            continue
        parts = imp.target.split(".")
        for n in range(1, len(parts) + 1):
            target = ".".join(parts[:n])
            if target in known and target != imp.source and not imp.source.startswith(target + "."):
                graph[imp.source].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return result


if __name__ == "__main__":
    for component in cycles(runtime_graph()):
        print(" ↔ ".join(component))
