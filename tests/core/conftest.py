"""Fixtures shared by the core's tests: the shipped catalogue and routines, read once per test module."""

from __future__ import annotations

import pytest

from hipcoach.core import content
from hipcoach.core.model import Exercise, Routine


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Exercise]:
    return content.load_catalogue()


@pytest.fixture(scope="module")
def builtins(catalogue: dict[str, Exercise]) -> list[Routine]:
    return content.builtin_routines(catalogue)
