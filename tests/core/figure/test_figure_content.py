"""The [movement.figure] table is checked like the rest of an exercise file: each mistake is one sentence with the
file, the line and the field (docs/routine-format.md, "The figure"), and ``hipcoach check`` reports it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hipcoach.core import paths
from hipcoach.core.content import ContentError, load_exercise
from hipcoach.options import EXIT_ERROR
from tests.conftest import Run
from tests.tools import REPO_ROOT


@pytest.fixture
def bridge_text() -> str:
    return (paths.resources_dir() / "exercises" / "bridge.toml").read_text(encoding="utf-8")


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def problems_of(tmp_path: Path, text: str) -> tuple[ContentError, ...]:
    path = tmp_path / "bridge.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_exercise(path)
    return info.value.problems


def the_problem(problems: tuple[ContentError, ...], field: str) -> ContentError:
    found = [problem for problem in problems if problem.field == field]
    assert len(found) == 1, [(p.field, p.message) for p in problems]
    return found[0]


def test_the_shipped_bridge_loads_with_its_figure(bridge_text: str, tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text(bridge_text, encoding="utf-8")
    figure = load_exercise(path).movement.figure
    assert figure is not None
    assert set(figure.keyframes) == {"start", "top"}


def test_a_missing_pose_is_named(bridge_text: str, tmp_path: Path) -> None:
    text = bridge_text[: bridge_text.index("[movement.figure.pose.top]")]
    problem = the_problem(problems_of(tmp_path, text), "movement.figure.pose.top")
    assert "the top pose is missing" in problem.message
    assert problem.line == line_of(text, "[movement.figure]")


def test_an_angle_beyond_the_normal_range_is_refused(bridge_text: str, tmp_path: Path) -> None:
    text = bridge_text.replace("left_knee = 120.1", "left_knee = 150", 1)
    problem = the_problem(problems_of(tmp_path, text), "movement.figure.pose.start")
    assert "left knee.flexion 150 (normal 0 to 135)" in problem.message
    assert problem.line == line_of(text, "[movement.figure.pose.start]")


def test_an_angle_that_is_no_angle_is_refused_on_its_line(bridge_text: str, tmp_path: Path) -> None:
    text = bridge_text.replace("left_knee = 120.1", "left_knee = 500", 1)
    problem = the_problem(problems_of(tmp_path, text), "movement.figure.pose.start.left_knee")
    assert "must be a number from -180 to 180 (got 500)" in problem.message
    assert problem.line == line_of(text, "left_knee = 500")


def test_an_unknown_prop_is_refused(bridge_text: str, tmp_path: Path) -> None:
    text = bridge_text.replace('props = ["mat"]', 'props = ["mat", "ball"]', 1)
    problem = the_problem(problems_of(tmp_path, text), "movement.figure.props")
    assert "item 2 of movement.figure.props cannot be 'ball'" in problem.message
    assert problem.line == line_of(text, "props = ")


def test_an_unknown_view_is_refused(bridge_text: str, tmp_path: Path) -> None:
    text = bridge_text.replace('view = "side"', 'view = "sideways"', 1)
    problem = the_problem(problems_of(tmp_path, text), "movement.figure.view")
    assert "cannot be 'sideways'" in problem.message
    assert problem.line == line_of(text, "view = ")


def test_a_file_without_a_figure_is_refused(bridge_text: str, tmp_path: Path) -> None:
    text = bridge_text[: bridge_text.index("[movement.figure]")]
    problem = the_problem(problems_of(tmp_path, text), "movement.figure")
    assert "figure is missing" in problem.message


def test_a_working_joint_that_does_not_move_as_stated_is_refused(bridge_text: str, tmp_path: Path) -> None:
    text = bridge_text.replace("start = 62, top = 0", "start = 62, top = 40", 1)
    problem = the_problem(problems_of(tmp_path, text), "movement.figure.works.top")
    assert problem.message == "movement.figure.works.top says 40 degrees, but the top pose has 0"


def test_check_reports_a_broken_figure_with_its_file_line_and_field(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "resources"
    shutil.copytree(REPO_ROOT / "resources", root)
    bridge = root / "exercises" / "bridge.toml"
    text = bridge.read_text(encoding="utf-8").replace('props = ["mat"]', 'props = ["ball"]', 1)
    bridge.write_text(text, encoding="utf-8")
    monkeypatch.setenv("HIPCOACH_RESOURCES", str(root))
    status, _out, err = run("check", str(root / "routines" / "strength.toml"))
    assert status == EXIT_ERROR
    assert f"bridge.toml, line {line_of(text, 'props = ')}: item 1 of movement.figure.props cannot be 'ball'" in err
    assert "Traceback" not in err
