"""How the project's modules import each other: no cycle, and stages stay stages (and no
docstring example that is only a comment).

Every import counts, also one inside a function (a lazy import is still a dependency:
it only moves the failure from import time to run time). Stages (crawler, normalize,
dedup, corpus_cards) meet through files: they import neither Ray, multiprocessing, the
CLI nor the pipeline runner; the executor picks where their work runs.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ["vicorpus", "crawler", "normalize", "dedup", "corpus_cards"]
STAGES = ["crawler", "normalize", "dedup", "corpus_cards"]
# A stage hands its work to vicorpus.executors.open_executor; which executor runs it is not its business.
NOT_IN_A_STAGE = ("ray", "multiprocessing", "vicorpus.cli", "vicorpus.pipeline", "vicorpus.executors.ray",
                  "vicorpus.executors.local")


def _modules() -> dict[str, Path]:
    """{dotted name: source file} of every module of the project's packages."""
    found = {}
    for package in PACKAGES:
        found[package] = REPO / package / "__init__.py"
        for info in pkgutil.walk_packages([str(REPO / package)], package + "."):
            spec = importlib.util.find_spec(info.name)
            if spec is not None and spec.origin:
                found[info.name] = Path(spec.origin)
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The modules ``name`` imports (anywhere in the file), absolute: ``from pkg import sub``
    gives ``pkg.sub`` when sub is a module, else ``pkg``; ``import a.b`` gives ``a.b``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                out.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return out


def _edges() -> dict[str, set[str]]:
    """{module: the project modules it imports}."""
    return {name: {m for m in _imports(name, path) if m in MODULES and m != name}
            for name, path in MODULES.items()}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_project():
    edges = _edges()
    assert len(MODULES) >= 60 and "normalize.stage" in edges
    assert "vicorpus.executors" in edges["normalize.stage"]  # a lazy or module-level import, found
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle():
    cycles = _cycles(_edges())
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


@pytest.mark.parametrize("stage", STAGES)
def test_stages_import_neither_ray_nor_the_cli(stage):
    bad = []
    for name, path in MODULES.items():
        if name == stage or name.startswith(stage + "."):
            for imported in _imports(name, path):
                if any(imported == f or imported.startswith(f + ".") for f in NOT_IN_A_STAGE):
                    bad.append(f"{name} imports {imported}")
    assert not bad, bad


def test_no_docstring_example_is_only_a_comment():
    """A `>>> # call(...)` line looks like an example but doctest skips it: nothing is checked."""
    empty = []
    for name in MODULES:
        module = importlib.import_module(name)
        for test in doctest.DocTestFinder().find(module, name):
            empty += [f"{test.name}: {line.strip()}" for line in (test.docstring or "").splitlines()
                      if line.strip().startswith(">>>") and line.strip()[3:].strip().startswith("#")]
    assert not empty, empty
