"""The content package keeps one job per module, small enough to read at once, and its ``__init__`` keeps every name
the app reaches through ``from hipcoach.core import content`` (docs/architecture.md, "Content → plan")."""

from __future__ import annotations

import ast

from hipcoach.core import content
from tests.tools import REPO_ROOT

PACKAGE = REPO_ROOT / "hipcoach" / "core" / "content"
MOST_LINES = 450


def test_each_module_of_the_content_package_is_small() -> None:
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.glob("*.py")}
    assert {"source.py", "reader.py", "exercises.py", "movement.py", "routines.py", "catalogue.py"} <= set(sizes)
    assert {name: lines for name, lines in sizes.items() if lines > MOST_LINES} == {}


def test_the_package_offers_what_the_app_uses() -> None:
    used = {"ContentError", "load_catalogue", "load_exercise", "load_routine", "builtin_routines", "user_routines"}
    assert used | {"find_routine", "MAX_FILE_BYTES"} <= set(content.__all__)
    assert all(hasattr(content, name) for name in content.__all__)


def test_no_module_of_the_package_reaches_a_sibling_through_its_init() -> None:
    """A name taken from the ``__init__`` (not a module of the package) would be a circle through it."""
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    wrong = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "hipcoach.core.content":
                wrong += [f"{path.name}: {alias.name}" for alias in node.names if alias.name not in modules]
    assert wrong == []
