"""The debug and test hooks are named in one module and listed in the developer docs (docs/hooks.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from hipcoach import hooks
from tests.tools import REPO_ROOT

NAME = re.compile(r"HIPCOACH_[A-Z_]+")


def _docstrings(tree: ast.Module) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_every_hook_is_named_only_in_the_hooks_module() -> None:
    """A hook's name written anywhere else (not in a docstring) is a hook nobody will find in the list."""
    elsewhere: list[str] = []
    for path in sorted((REPO_ROOT / "hipcoach").rglob("*.py")):
        if path == REPO_ROOT / "hipcoach" / "hooks.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                elsewhere.extend(
                    f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {name}" for name in NAME.findall(node.value)
                )
    assert elsewhere == []


def test_the_hooks_module_declares_each_hook_once_with_its_meaning() -> None:
    source = (REPO_ROOT / "hipcoach" / "hooks.py").read_text(encoding="utf-8")
    declared = set(NAME.findall(source))
    assert declared == set(hooks.HOOKS)
    assert all(meaning.strip() for meaning in hooks.HOOKS.values())


def test_the_developer_docs_list_every_hook() -> None:
    listed = set(NAME.findall((REPO_ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")))
    assert set(hooks.HOOKS) <= listed
    assert "hooks.md" in (REPO_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["", None])
def test_an_empty_hook_is_an_unset_one(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv(hooks.CUE_LOG_ENV, raising=False)
    else:
        monkeypatch.setenv(hooks.CUE_LOG_ENV, value)
    assert hooks.path(hooks.CUE_LOG_ENV) is None
    assert not hooks.is_on(hooks.CUE_LOG_ENV)


def test_a_hook_is_read_when_asked_not_at_import(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(hooks.CUE_LOG_ENV, str(tmp_path / "cues.jsonl"))
    assert hooks.path(hooks.CUE_LOG_ENV) == tmp_path / "cues.jsonl"
