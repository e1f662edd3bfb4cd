"""The layers import downward only and no module imports itself in a circle.

The import graph is read from the source with `ast` (nothing is imported), so a rule breaks
here the moment someone writes the import, not when a deployment first hits the cycle.
Every `import` counts, also one inside a function: a lazy import hides a cycle, it does not
remove it. The rules are drawn in docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "sankore"

# What each layer must never import (the top-level package names under sankore/). The
# pipeline's components (pipeline, attribution, events, geo, timex, resources) sit between
# readers and the record converters; store, corpus and export only ever see records.
ABOVE_COMPONENTS = {"api", "ingest", "store", "cli", "web", "corpus", "export", "eval"}
COMPONENTS = {"pipeline", "attribution", "events", "geo", "timex", "resources"}
FORBIDDEN: dict[str, set[str]] = {
    "store": {"pipeline", "api", "ingest", "readers", "cli", "web", "corpus", "export", "eval",
              "table"} | COMPONENTS,
    "readers": {"api", "ingest", "store", "cli", "web", "corpus", "export", "eval"} | COMPONENTS,
    **{name: ABOVE_COMPONENTS for name in COMPONENTS},
    "corpus": {"api", "ingest", "cli", "web", "readers", "eval"} | COMPONENTS,
    "export": {"api", "ingest", "cli", "web", "readers", "eval"} | COMPONENTS,
    "api": {"ingest", "store", "cli", "web", "corpus", "export", "eval"},
    "ingest": {"cli", "web", "eval"},
    "eval": {"ingest", "store", "cli", "web"},
}
# The bottom of the stack: these import nothing of Sankore but what is listed.
ONLY: dict[str, set[str]] = {"errors": set(), "records": {"errors"}, "scoring": set(),
                             "distance": set(), "text": set(), "spans": set(), "output": {"errors"},
                             "models": set(), "mentions": {"records"}}
# Pure tables any layer may read (the PLOVER vocabulary and CAMEO roots; the resource
# files' loaders): they import nothing of Sankore, so reading them drags no layer along.
SHARED_TABLES = {"sankore.events.categories", "sankore.resources", "sankore.resources.lexicons"}


def module_names() -> dict[str, tuple[Path, bool]]:
    """Every module under src/sankore by dotted name, with its file and whether it is a package."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def imported_modules(name: str, path: Path, is_package: bool, modules: dict) -> set[str]:
    """The sankore modules that `name` imports (a name that is a submodule counts as it)."""
    found: set[str] = set()

    def known(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            submodules = [f"{origin}.{alias.name}" for alias in node.names
                          if f"{origin}.{alias.name}" in modules]
            # `from . import anchored` imports the submodule; the package around it is
            # already being imported, so it is no edge of its own.
            only_submodules = len(submodules) == len(node.names)
            targets = submodules + ([] if only_submodules else [origin])
        else:
            continue
        for target in targets:
            module = known(target) if target.startswith("sankore") else None
            if module is not None and module != name:
                found.add(module)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imported_modules(name, path, is_package, modules)
            for name, (path, is_package) in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer(module: str) -> str:
    """The top-level package a module belongs to ("sankore" itself is the api's front door)."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] == "cli_support":
        return "cli"  # the commands' shared options and output: part of the CLI layer
    return parts[1] if len(parts) > 1 else "api"


def violations(graph: dict[str, set[str]]) -> list[str]:
    broken = []
    for module, targets in sorted(graph.items()):
        here = layer(module)
        for target in sorted(targets):
            there = layer(target)
            if there == here or target in SHARED_TABLES and here not in ONLY:
                continue
            if here in ONLY and there not in ONLY[here] or there in FORBIDDEN.get(here, set()):
                broken.append(f"{module} imports {target} ({here} must not import {there})")
    return broken


def test_the_graph_is_read_right():
    """The checks below mean something only if the reader finds real edges."""
    graph = import_graph()
    assert "sankore.records" in graph["sankore.store.base"]
    assert "sankore.timex.anchored" in graph["sankore.timex.normalize"]
    assert "sankore.timex" not in graph["sankore.timex.normalize"]  # `from . import anchored`


def test_the_checks_catch_a_cycle_and_an_upward_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert violations({"sankore.store.sqlite": {"sankore.pipeline"}}) == [
        "sankore.store.sqlite imports sankore.pipeline (store must not import pipeline)"]
    assert violations({"sankore.records": {"sankore.readers.base"}})


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_layers_import_downward_only():
    assert violations(import_graph()) == []


def test_shared_tables_import_nothing_of_sankore():
    graph = import_graph()
    assert {table: graph[table] for table in SHARED_TABLES if graph[table]} == {}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_over_400_lines(path):
    """STYLE.md: modules stay under ~400 lines, one concern each."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_the_package_never_imports_training():
    """training/ is outside the wheel: an installed Sankore has no such package."""
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and not node.level:
                assert not (node.module or "").startswith("training"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("training") for a in node.names), path


@pytest.mark.slow
def test_every_module_imports_first_in_a_fresh_interpreter():
    """The graph above reads the import statements; Python also runs a package's
    `__init__` before any module in it, and `sankore/pipeline/__init__.py` imports every
    component. A module a component needs that waited on that `__init__` failed when imported
    first (`import sankore.events.dating`: its names were half defined when the components
    asked for them). Each module is imported first, alone, in its own interpreter."""
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    def first_import(name: str) -> str | None:
        result = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True,
                                text=True, timeout=300)
        return None if result.returncode == 0 else f"{name}: {result.stderr.strip().splitlines()[-1]}"

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(first_import, sorted(module_names())) if f]
    assert failures == []
