"""Modules stay small enough to read in one sitting: none over 600 lines, at most two over 450, and each of those
says in its docstring why it is one piece (docs/architecture.md, "Layers")."""

from __future__ import annotations

import ast

from tests.tools import REPO_ROOT

MOST_LINES = 600
LARGE = 450
MOST_LARGE = 2


def test_modules_are_small_and_a_large_one_says_why_it_is_one_piece() -> None:
    sizes = {
        path.relative_to(REPO_ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in (REPO_ROOT / "hipcoach").rglob("*.py")
    }
    lines = {name: len(text.splitlines()) for name, text in sizes.items()}
    assert not {name: count for name, count in lines.items() if count > MOST_LINES}
    large = sorted(name for name, count in lines.items() if count > LARGE)
    assert len(large) <= MOST_LARGE, large
    for name in large:
        docstring = ast.get_docstring(ast.parse(sizes[name])) or ""
        assert "one piece" in docstring, f"{name} has {lines[name]} lines and does not say why it is one piece"
