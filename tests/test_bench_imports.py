"""Every benchmark still imports: they run by hand, not in the suite, so a renamed name in the product would
otherwise break one unnoticed until someone needs its figures."""

from __future__ import annotations

import importlib

import pytest

from tests.tools import REPO_ROOT

# bench_*.py are the benchmarks, run as modules; the other files are scripts they start as child processes
BENCHES = sorted(path.stem for path in (REPO_ROOT / "bench").glob("bench_*.py"))


def test_the_benchmarks_are_found() -> None:
    assert "bench_startup" in BENCHES


@pytest.mark.parametrize("name", BENCHES)
def test_benchmark_imports(name: str) -> None:
    module = importlib.import_module(f"bench.{name}")
    assert module.__doc__, f"bench/{name}.py should say what it measures"
