"""No import circle in ``hipcoach/``: a circle makes the order of start-up matter, hides which layer depends on
which, and lets a change in one module break another's import in ways no test of either module sees.

The graph is built from the source with ``ast``, so a deferred import inside a function counts like one at the top
of the file (it is the same dependency, only later); an import under ``if TYPE_CHECKING:`` does not (it never runs).
An import names the most precise module it can: ``from hipcoach.cli import output`` is an edge to
``hipcoach.cli.output``, not to the package. So a package's ``__init__`` re-exporting its own modules is no circle,
while a module that reaches a sibling through its package's ``__init__`` (``from hipcoach.cli import say``) is one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.tools import REPO_ROOT

PACKAGE = REPO_ROOT / "hipcoach"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, at any depth, but not the body of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _imports(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _imports(child)


def _absolute(name: str, statement: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if statement.level == 0:
        return name
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (statement.level - 1)]
    return ".".join([*base, name] if name else base)


def edges(known: dict[str, Path]) -> dict[str, set[str]]:
    """Each module's imports of other hipcoach modules."""

    def most_precise(dotted: str) -> str | None:
        parts = dotted.split(".")
        while parts:
            candidate = ".".join(parts)
            if candidate in known:
                return candidate
            parts.pop()
        return None

    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        targets: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for statement in _imports(tree):
            if isinstance(statement, ast.Import):
                found = [most_precise(alias.name) for alias in statement.names]
            else:
                base = _absolute(statement.module or "", statement, name, path.name == "__init__.py")
                found = [most_precise(f"{base}.{alias.name}") for alias in statement.names]
            targets.update(target for target in found if target is not None and target != name)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each shown as one concrete circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(_one_circle(graph, set(component)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _one_circle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest path from the component's first module back to itself, through the component."""
    start = min(component)
    paths: dict[str, list[str]] = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & component):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no circle through {start}")


def test_no_import_circle() -> None:
    found = cycles(edges(modules()))
    assert not found, "import circles:\n" + "\n".join(" -> ".join(circle) for circle in found)


LEAVES = {"hipcoach", "hipcoach.options", "hipcoach.hooks"}
ROOTS = {"hipcoach.app", "hipcoach.background", "hipcoach.background_window"}
"""The composition roots: the window, the reminders without one, and the window in the reminders' process."""
"""Modules every layer may import: they import nothing of hipcoach themselves."""
MAY_IMPORT = {
    "hipcoach.core": {"hipcoach.core", *LEAVES},
    "hipcoach.speech": {"hipcoach.core", "hipcoach.speech", "hipcoach.error_log", *LEAVES},
    "hipcoach.ui": {
        "hipcoach.core",
        "hipcoach.speech",
        "hipcoach.ui",
        "hipcoach.ui.figure",
        "hipcoach.error_log",
        *LEAVES,
    },
    "hipcoach.cli": {
        "hipcoach.core",
        "hipcoach.cli",
        "hipcoach.error_log",
        *ROOTS,
        "hipcoach.ui.figure",
        *LEAVES,
    },
    "hipcoach.ui.figure": {"hipcoach.core", "hipcoach.ui.figure", *LEAVES},
}
"""What each package may import (docs/architecture.md, and each package's docstring); ``app`` and ``background``
(the composition roots of the window and of the reminders without one, ``ROOTS``) may import all."""


def _package_of(module: str, names: set[str]) -> str:
    """The longest of ``names`` that is ``module`` or a package holding it; else ``module`` itself."""
    inside = [name for name in names if module == name or module.startswith(name + ".")]
    return max(inside, key=len) if inside else module


def test_each_layer_imports_only_the_layers_below_it() -> None:
    graph = edges(modules())
    allowed_names = {*MAY_IMPORT, "hipcoach.error_log", *ROOTS, *LEAVES}
    wrong = []
    for module, targets in sorted(graph.items()):
        layer = _package_of(module, set(MAY_IMPORT))
        if layer not in MAY_IMPORT:
            continue
        for target in sorted(targets):
            if _package_of(target, allowed_names) not in MAY_IMPORT[layer]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []
    for leaf in LEAVES:
        assert graph[leaf] <= {"hipcoach"}, f"{leaf} is imported by every layer: it must import nothing of them"


def test_every_package_says_what_it_may_import() -> None:
    for init in sorted(PACKAGE.rglob("__init__.py")):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "import" in docstring, f"{init.relative_to(REPO_ROOT)}: say what the package may import"


def test_the_graph_sees_deferred_imports_and_skips_type_checking(tmp_path: Path) -> None:
    """The checker itself: a circle through a function-level import is found, one under TYPE_CHECKING is not."""
    graph = {"a": {"b"}, "b": {"a"}, "c": set()}
    assert cycles(graph) == [["a", "b", "a"]]
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from hipcoach.x import y\n"
        "def f():\n    from hipcoach import z\n"
    )
    names = set()
    for statement in _imports(ast.parse(source)):
        names.update(alias.name for alias in statement.names)
    assert names == {"TYPE_CHECKING", "z"}
