"""Every benchmark still imports: they run by hand, not in the suite, so a renamed name in the product would
otherwise break one unnoticed until someone needs its figures."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

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


@pytest.mark.parametrize(
    ("flags", "least", "most"),
    [(["--fps", "0"], 0, 0), (["--fps", "20"], 12, 22), (["--fps", "20", "--wake-only"], 0, 0)],
)
def test_the_frames_floor_repaints_by_qt_alone(flags: list[str], least: int, most: int) -> None:
    """bench_figure part 5 takes this program's CPU as the least a frame costs: it must really repaint its picture
    at the rate asked, with Qt's timer connected to the label's own slot (and not at all when still, or when only
    the timer runs)."""
    command = [sys.executable, str(REPO_ROOT / "bench" / "frames_floor.py"), *flags, "--seconds", "0.3"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=True)
    paints = int(done.stdout.rsplit(":", 1)[1])
    assert least <= paints <= most, done.stdout
