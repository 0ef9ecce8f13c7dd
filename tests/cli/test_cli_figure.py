"""``hipcoach figure`` and ``hipcoach figures``: pictures of the exercise figures written without a display, with
the command line's one-line errors (docs/cli.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from hipcoach.options import EXIT_INVALID, EXIT_OK
from hipcoach.ui.figure.pictures import SHEET_CELL, SHEET_COLUMNS
from tests.conftest import Run
from tests.tools import REPO_ROOT


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    return lines[-1]


def test_a_still_is_written_at_the_size_asked_for(run: Run, tmp_path: Path, qapp: object) -> None:
    path = tmp_path / "bridge.png"
    status, out, err = run("figure", "bridge", "--pose", "top", "--png", str(path), "--size", "320x200")
    assert (status, err) == (EXIT_OK, "")
    assert out == f"{path}: written\n"
    image = QImage(str(path))
    assert (image.width(), image.height()) == (320, 200)


def test_a_version_of_an_exercise_is_drawn_by_its_id(run: Run, tmp_path: Path, qapp: object) -> None:
    """The easier and harder versions have figures of their own (docs/routine-format.md), looked at the same way."""
    pictures = {}
    for exercise_id in ("bridge", "half-bridge"):
        path = tmp_path / f"{exercise_id}.png"
        status, _out, err = run("figure", exercise_id, "--pose", "top", "--png", str(path), "--size", "320x200")
        assert (status, err) == (EXIT_OK, "")
        pictures[exercise_id] = QImage(str(path))
    assert pictures["bridge"] != pictures["half-bridge"]


def test_the_right_side_is_the_mirror_of_the_left(run: Run, tmp_path: Path, qapp: object) -> None:
    pictures = {}
    for side in ("left", "right"):
        path = tmp_path / f"{side}.png"
        assert run("figure", "clamshells", "--side", side, "--pose", "top", "--png", str(path))[0] == EXIT_OK
        pictures[side] = QImage(str(path))
    flipped = pictures["left"].flipped(Qt.Orientation.Horizontal)
    different = sum(
        1
        for y in range(0, flipped.height(), 3)
        for x in range(0, flipped.width(), 3)
        if flipped.pixelColor(x, y) != pictures["right"].pixelColor(x, y)
    )
    assert different < flipped.width() * flipped.height() / 9 * 0.01  # anti-aliasing may round a pixel apart
    assert pictures["left"] != pictures["right"]


def test_the_sheet_holds_all_eighteen(run: Run, tmp_path: Path, qapp: object) -> None:
    path = tmp_path / "sheet.png"
    status, _out, err = run("figures", "--sheet", str(path), "--style", "solid")
    assert (status, err) == (EXIT_OK, "")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (SHEET_CELL[0] * SHEET_COLUMNS, SHEET_CELL[1] * 6)


def test_an_unknown_exercise_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    status, _out, err = run("figure", "brige", "--png", str(tmp_path / "a.png"))
    assert status == EXIT_INVALID
    assert one_line(err) == "hipcoach: figure: there is no exercise 'brige'; did you mean 'bridge'?"
    assert not (tmp_path / "a.png").exists()


def test_a_bad_side_or_size_is_refused_by_the_parser(run: Run, tmp_path: Path) -> None:
    status, _out, err = run("figure", "bridge", "--side", "middle", "--png", str(tmp_path / "a.png"))
    assert status == EXIT_INVALID
    assert "argument --side: invalid choice: 'middle'" in one_line(err)
    status, _out, err = run("figure", "bridge", "--size", "big", "--png", str(tmp_path / "a.png"))
    assert status == EXIT_INVALID
    assert "must be WIDTHxHEIGHT in pixels" in one_line(err)


def test_a_file_that_cannot_be_written_is_one_clear_line(run: Run, tmp_path: Path, qapp: object) -> None:
    target = tmp_path / "missing-folder" / "a.png"
    status, _out, err = run("figure", "bridge", "--png", str(target))
    assert status == EXIT_INVALID
    assert one_line(err) == f"hipcoach: figure: {target} could not be written (No such file or directory)"
    status, _out, err = run("figures", "--sheet", str(tmp_path))  # a folder
    assert status == EXIT_INVALID
    assert one_line(err).startswith(f"hipcoach: figures: {tmp_path} could not be written (")


def test_pictures_need_no_display(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    path = tmp_path / "squat.png"
    result = subprocess.run(
        [sys.executable, "-m", "hipcoach", "figure", "yoga-squat", "--pose", "top", "--png", str(path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (EXIT_OK, "")
    assert QImage(str(path)).width() == 800
