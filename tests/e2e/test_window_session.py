"""The real app in a real window under Xvfb: a built-in routine at --time-scale 50, from the chooser to the end.

The app saves its own screenshots (HIPCOACH_SCREENSHOT_DIR) from the X server's pixels at three moments: the
chooser, the middle of the first exercise, and the summary. They are kept in artifacts/ for a person to look at,
and checked here for being real pictures of a window, not blank frames.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from hipcoach.core.history import tally
from hipcoach.ui.figure.colours import ACCENT_LIGHT
from tests.display import x11_env
from tests.tools import require_tool, wait_until

pytestmark = pytest.mark.e2e


def distinct_colours(path: Path) -> int:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    seen: set[int] = set()
    step_x, step_y = max(1, image.width() // 80), max(1, image.height() // 60)
    for y in range(0, image.height(), step_y):
        for x in range(0, image.width(), step_x):
            seen.add(image.pixel(x, y))
    return len(seen)


def run_app(args: list[str], display: str, data_dir: Path, shots: Path) -> subprocess.CompletedProcess[str]:
    env = x11_env(display, HIPCOACH_DATA_DIR=str(data_dir), HIPCOACH_SCREENSHOT_DIR=str(shots))
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )


def test_gentle_mobility_runs_to_its_end_in_a_real_window(
    xvfb_display: str, hipcoach_data_dir: Path, tmp_path: Path, artifacts_dir: Path
) -> None:
    shots = tmp_path / "shots"
    args = ["--start", "gentle-mobility", "--time-scale", "50", "--quit-when-done"]
    result = run_app(args, xvfb_display, hipcoach_data_dir, shots)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    for name in ("chooser.png", "session.png", "summary.png"):
        shot = shots / name
        assert shot.is_file(), f"no {name}; stderr: {result.stderr[-2000:]}"
        image = QImage(str(shot))
        assert image.width() >= 800 and image.height() >= 500, (name, image.width(), image.height())
        assert distinct_colours(shot) >= 3, f"{name} looks blank"
        shutil.copy(shot, artifacts_dir / f"e2e-{name}")
    compare_summary_with_history(shots / "summary.txt", xvfb_display, hipcoach_data_dir)


def compare_summary_with_history(summary_file: Path, display: str, data_dir: Path) -> None:
    """The summary on screen says what ``hipcoach history --json`` says of the same session: the counts exactly,
    the time to the second (the window and the recorder each read their own clock), and that it was a trial run."""
    title, routine_name, counts, time_taken = summary_file.read_text(encoding="utf-8").splitlines()[:4]
    env = x11_env(display, HIPCOACH_DATA_DIR=str(data_dir))
    listed = subprocess.run(
        [sys.executable, "-m", "hipcoach", "history", "--json"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    (session,) = json.loads(listed)
    numbers = session["exercises"]
    stored = tally.Counts(
        numbers["completed"],
        numbers["partial"],
        numbers["skipped"],
        numbers["not_reached"],
        numbers["earlier_attempts"],
    )
    assert counts == tally.counts_text(stored)
    assert routine_name == session["routine_name"]
    assert session["trial"] is True and title == "Trial run complete"  # --time-scale 50
    minutes, seconds = time_taken.removeprefix("Time taken: ").split()[0].split(":")
    assert abs(int(minutes) * 60 + int(seconds) - session["real_seconds"]) <= 1


def test_escape_stops_an_unattended_session_with_exit_status_3(
    xvfb_display: str, hipcoach_data_dir: Path, tmp_path: Path
) -> None:
    """Under --quit-when-done nothing waits for an answer: Esc stops at once and the exit status says so."""
    xdotool = require_tool("xdotool")
    env = x11_env(xvfb_display, HIPCOACH_DATA_DIR=str(hipcoach_data_dir))
    app = subprocess.Popen(
        [sys.executable, "-m", "hipcoach", "--start", "strength", "--quit-when-done"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        windows = subprocess.run(
            [xdotool, "search", "--sync", "--onlyvisible", "--name", "hipcoach"],
            env=env, capture_output=True, text=True, timeout=60, check=True,
        ).stdout.split()  # fmt: skip

        def press_escape() -> bool:
            # XTEST key presses go to the focused window, as a real keyboard's would (no window manager here)
            subprocess.run([xdotool, "windowfocus", "--sync", windows[-1]], env=env, check=False, timeout=10)
            subprocess.run([xdotool, "key", "Escape"], env=env, check=False, timeout=10)
            return app.poll() is not None

        wait_until(press_escape, timeout=60, interval=0.5, what="the app to stop after Esc")
        _, stderr = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 3, stderr[-3000:]


FIGURE_ROUTINE = """\
id = "figure-check"
name = "Figure check"
description = "The bridge, three times, to see the figure move."

[[exercise]]
id = "bridge"
reps = 3
sets = 1
"""


def test_the_figure_moves_in_a_real_window_and_its_mid_rep_screenshot_is_kept(
    xvfb_display: str, hipcoach_data_dir: Path, tmp_path: Path, artifacts_dir: Path
) -> None:
    routine = tmp_path / "figure-check.toml"
    routine.write_text(FIGURE_ROUTINE, encoding="utf-8")
    shots = tmp_path / "shots"
    result = run_app(
        ["--start", str(routine), "--time-scale", "10", "--quit-when-done"], xvfb_display, hipcoach_data_dir, shots
    )
    assert result.returncode == 0, result.stderr[-3000:]
    shot = shots / "figure.png"
    assert shot.is_file(), f"no figure.png; stderr: {result.stderr[-2000:]}"
    shutil.copy(shot, artifacts_dir / "e2e-figure-mid-rep.png")
    image = QImage(str(shot))
    accent = QColor(ACCENT_LIGHT)
    painted = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if _near(image.pixelColor(x, y), accent)
    )
    assert painted > 200, "the working leg is not drawn in the accent colour"


def _near(colour: QColor, other: QColor) -> bool:
    return (
        abs(colour.red() - other.red()) + abs(colour.green() - other.green()) + abs(colour.blue() - other.blue()) < 40
    )
