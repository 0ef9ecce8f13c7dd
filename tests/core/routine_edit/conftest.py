"""Fixtures of the routine editor's core: the 18 exercises with their versions, as the editor is given them."""

from __future__ import annotations

import pytest

from hipcoach.core import content
from hipcoach.core.model import Exercise


@pytest.fixture(scope="module")
def every(catalogue: dict[str, Exercise]) -> dict[str, Exercise]:
    return content.with_variants(catalogue)
