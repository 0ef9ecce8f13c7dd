"""The command line, run in-process through ``cli.main`` and, where the process itself matters, as a subprocess.

Most tests use a small catalogue written here (``HIPCOACH_RESOURCES``) so that exact output can be asserted without
depending on the shipped content; a few check the shipped content end to end.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from hipcoach import cli
from hipcoach.cli import arguments, dispatch
from hipcoach.cli import content as cli_content
from hipcoach.core import content, paths
from hipcoach.core.plan import estimate_seconds
from hipcoach.options import AppOptions
from tests.conftest import Run
from tests.factories import figure_toml
from tests.tools import REPO_ROOT

BRIDGE = """
    id = "bridge"
    number = 4
    name = "Bridge"
    benefit = "Strengthens the buttocks."
    position = "back"
    area = "buttock"
    kind = "reps"
    per_side = false
    equipment = ["mat"]
    steps = ["Lie on your back with your knees bent.", "Lift your hips.", "Lower slowly."]
    [movement]
    move_step = 2
    hold_step = 3
    demands = { hip_bend = 65, floor = true }
    [dose]
    reps = { value = 12, low = 10, high = 15 }
    sets = { value = 2, ours = true }
    hold_seconds = { value = 3, ours = true }
    tempo = { up = 2, down = 3, ours = true }
    [cues]
    start = "Bridge. Lie on your back."
""" + textwrap.indent(figure_toml(), "    ")
CLAMSHELLS = """
    id = "clamshells"
    number = 11
    name = "Clamshells"
    benefit = "Steadies the hip."
    position = "side"
    area = "outer-hip"
    kind = "reps"
    per_side = true
    side_word = "leg"
    equipment = ["mat"]
    steps = ["Lie on one side.", "Open the top knee."]
    [movement]
    move_step = 2
    demands = { hip_bend = 45, crosses_middle = true, turns_out = true, floor = true }
    [dose]
    reps = { value = 10, low = 10, high = 12 }
    sets = 3
    [cues]
    start = "Clamshells. Lie on one side."
""" + textwrap.indent(figure_toml(), "    ")
BIKE = """
    id = "stationary-bike"
    number = 6
    name = "Stationary Bike"
    benefit = "Keeps the hip moving."
    position = "machine"
    area = "warm-up"
    kind = "cardio"
    per_side = false
    equipment = ["bike"]
    steps = ["Pedal gently."]
    [movement]
    move_step = 1
    demands = { hip_bend = 95 }
    [dose]
    minutes = { value = 10, low = 10, high = 15 }
    sets = { value = 1, ours = true }
    [cues]
    start = "Stationary bike."
""" + textwrap.indent(figure_toml(cardio=True), "    ")
PIGEON = """
    id = "pigeon-pose"
    number = 19
    name = "Pigeon Posé"
    benefit = "Stretches the outer hip."
    position = "kneeling"
    area = "stretch"
    kind = "hold"
    per_side = true
    equipment = ["mat"]
    steps = ["Bring one knee forward.", "Hold."]
    [movement]
    move_step = 1
    hold_step = 2
    demands = { hip_bend = 120, turns_out = true, extends = true, kneels = true, floor = true }
    [dose]
    hold_seconds = { value = 20, ours = true }
    sets = 1
    [cues]
    start = "Pigeon pose."
""" + textwrap.indent(figure_toml(), "    ")
MINI = """
    name = "Mini"
    description = "Two exercises on the mat."
    rest_between_sets = 10
    rest_between_exercises = 5
    [[exercise]]
    id = "bridge"
    [[exercise]]
    id = "clamshells"
    sets = 1
"""
RIDE = """
    name = "Ride"
    description = "Just the bike."
    [[exercise]]
    id = "stationary-bike"
"""
MINE = """
    name = "My Own"
    [[exercise]]
    id = "pigeon-pose"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "resources"
    for name, text in (("bridge", BRIDGE), ("clamshells", CLAMSHELLS), ("stationary-bike", BIKE)):
        write(root / "exercises" / f"{name}.toml", text)
    write(root / "exercises" / "pigeon-pose.toml", PIGEON)
    write(root / "routines" / "mini.toml", MINI)
    write(root / "routines" / "ride.toml", RIDE)
    monkeypatch.setenv("HIPCOACH_RESOURCES", str(root))
    return root


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[AppOptions]:
    """Stands in for hipcoach.app (the window) and records what it was asked to do."""
    calls: list[AppOptions] = []

    def run_app(options: AppOptions, argv: list[str] | None = None) -> int:
        calls.append(options)
        return 3

    module = types.ModuleType("hipcoach.app")
    module.__dict__["run_app"] = run_app
    monkeypatch.setitem(sys.modules, "hipcoach.app", module)
    return calls


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **extra}
    env.pop("PYTHONIOENCODING", None)
    return {**env, **extra}


# --------------------------------------------------------------------------------------------------------------
# --version, --help, bad arguments


def test_version(run: Run) -> None:
    assert run("--version") == (0, "hipcoach 0.1.0\n", "")


def test_help_lists_the_commands(run: Run) -> None:
    status, out, err = run("--help")
    assert status == 0
    assert err == ""
    for word in ("exercises", "routines", "check", "--start", "--time-scale", "--quit-when-done", "--data-dir"):
        assert word in out


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["exercises", "--nonsense"],
        ["check"],
        ["--start"],
        ["exercises", "--start", "mini"],
    ],
)
def test_bad_arguments_exit_2_with_usage(run: Run, argv: list[str], fake_app: list[AppOptions]) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert "usage:" in err
    assert "error:" in err
    assert fake_app == []


@pytest.mark.parametrize(
    "argv",
    [["--start", "mini", "routines"], ["--time-scale", "2", "exercises"], ["--quit-when-done", "check", "x"]],
)
def test_window_options_with_a_command_are_refused(run: Run, resources: Path, argv: list[str]) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert "only applies when opening the window" in err


# --------------------------------------------------------------------------------------------------------------
# Opening the window


def test_no_command_opens_the_window_with_defaults(run: Run, fake_app: list[AppOptions]) -> None:
    status, out, err = run()
    assert status == 3  # whatever run_app returned
    assert (out, err) == ("", "")
    assert fake_app == [AppOptions()]


def test_no_arguments_skip_the_parser_but_mean_what_it_would() -> None:
    """The launcher's start (no arguments) does not build the parser; what it uses instead must stay equal to what
    the parser gives, or a new window option would be lost for exactly that start."""
    assert arguments.build_parser().parse_args([]) == dispatch.NO_ARGUMENTS


def test_window_options_reach_the_app(
    run: Run, resources: Path, fake_app: list[AppOptions], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIPCOACH_SCREENSHOT_DIR", str(tmp_path / "shots"))
    status, _, err = run("--start", "mini", "--time-scale", "12.5", "--quit-when-done")
    assert (status, err) == (3, "")
    assert fake_app == [
        AppOptions(start="mini", time_scale=12.5, quit_when_done=True, screenshot_dir=tmp_path / "shots")
    ]


def test_start_with_sore_day_reaches_the_app(run: Run, resources: Path, fake_app: list[AppOptions]) -> None:
    status, _, err = run("--start", "mini", "--sore-day", "--no-floor")
    assert (status, err) == (3, "")  # what the stand-in window returns
    assert fake_app == [AppOptions(start="mini", sore_day=True, floor_ok=False)]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--sore-day",), "--sore-day needs --start ROUTINE"),
        (("--no-floor", "--start", "mini"), "--no-floor only goes with --sore-day"),
        (("cues", "mini", "--no-floor"), "--no-floor only goes with --sore-day"),
        (("--sore-day", "history"), "--sore-day only applies when opening the window, not to 'history'"),
    ],
)
def test_sore_day_options_out_of_place_exit_2(
    run: Run, fake_app: list[AppOptions], argv: tuple[str, ...], message: str
) -> None:
    status, _, err = run(*argv)
    assert status == 2 and message in err
    assert fake_app == []


def test_start_accepts_a_routine_file(run: Run, resources: Path, fake_app: list[AppOptions], tmp_path: Path) -> None:
    routine = write(tmp_path / "elsewhere" / "evening.toml", MINE)
    status, _, err = run("--start", str(routine))
    assert (status, err) == (3, "")
    assert fake_app == [AppOptions(start=str(routine))]


@pytest.mark.parametrize("spec", ["no-such-routine", "missing/file.toml"])
def test_start_with_an_unknown_routine_exits_2_before_any_window(
    run: Run, resources: Path, fake_app: list[AppOptions], spec: str
) -> None:
    status, out, err = run("--start", spec)
    assert status == 2
    assert out == ""
    assert err.startswith("hipcoach: --start: ")
    assert err.count("\n") == 1
    assert fake_app == []


def test_start_with_a_broken_routine_file_names_the_problem(
    run: Run, resources: Path, fake_app: list[AppOptions], tmp_path: Path
) -> None:
    routine = write(tmp_path / "bad.toml", 'name = "Bad"\n[[exercise]]\nid = "bridge"\nreps = "ten"\n')
    status, _, err = run("--start", str(routine))
    assert status == 2
    assert "bad.toml, line 4: reps must be a whole number" in err
    assert fake_app == []


@pytest.mark.parametrize("value", ["0", "-1", "0.0", "1000.5", "1e9", "nan", "inf", "-inf", "fast", ""])
def test_invalid_time_scale_exits_2(run: Run, fake_app: list[AppOptions], value: str) -> None:
    status, out, err = run(f"--time-scale={value}")
    assert status == 2
    assert out == ""
    assert "--time-scale: must be a number greater than 0 and at most 1000" in err
    assert fake_app == []


@pytest.mark.parametrize(("value", "expected"), [("0.001", 0.001), ("1", 1.0), ("1000", 1000.0), ("1e3", 1000.0)])
def test_valid_time_scale(run: Run, fake_app: list[AppOptions], value: str, expected: float) -> None:
    assert run("--time-scale", value)[0] == 3
    assert fake_app == [AppOptions(time_scale=expected)]


def test_window_that_cannot_load_qt_says_so(run: Run, monkeypatch: pytest.MonkeyPatch, hipcoach_data_dir: Path) -> None:
    monkeypatch.setitem(sys.modules, "hipcoach.app", None)  # makes "import hipcoach.app" raise ImportError
    status, out, err = run()
    assert status == 1
    assert out == ""
    assert err.startswith("hipcoach: cannot open the window: Qt could not be loaded (")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "Traceback" in (hipcoach_data_dir / "logs" / "errors.log").read_text(encoding="utf-8")


def test_gui_main_is_main(monkeypatch: pytest.MonkeyPatch, fake_app: list[AppOptions]) -> None:
    monkeypatch.setattr(sys, "argv", ["hipcoach-gui", "--time-scale", "4"])
    assert cli.gui_main() == 3
    assert fake_app == [AppOptions(time_scale=4.0)]


def test_without_console_streams(monkeypatch: pytest.MonkeyPatch, resources: Path) -> None:
    """Windows starts the hipcoach-gui script with sys.stdout and sys.stderr set to None."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    statuses = [cli.main(argv) for argv in (["--version"], ["--help"], ["exercises"], ["routines"], ["frobnicate"])]
    assert statuses == [0, 0, 0, 0, 2]


# --------------------------------------------------------------------------------------------------------------
# --data-dir


def test_data_dir_before_or_after_the_command(run: Run, resources: Path, tmp_path: Path) -> None:
    for before in (True, False):
        data = tmp_path / f"data-{before}"
        write(data / "routines" / "mine.toml", MINE)
        option = ["--data-dir", str(data)]
        argv = [*option, "routines", "--json"] if before else ["routines", "--json", *option]
        status, out, err = run(*argv)
        assert (status, err) == (0, "")
        assert [r["id"] for r in json.loads(out)] == ["mini", "ride", "mine"]
        assert paths.data_dir() == data
        paths.set_data_dir(None)


def test_data_dir_applies_to_the_window(run: Run, fake_app: list[AppOptions], tmp_path: Path) -> None:
    assert run("--data-dir", str(tmp_path / "d"))[0] == 3
    assert paths.data_dir() == tmp_path / "d"
    assert paths.config_dir() == tmp_path / "d" / "config"


def test_relative_data_dir_is_made_absolute(
    run: Run, fake_app: list[AppOptions], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("--data-dir", "rel")[0] == 3
    assert paths.data_dir() == tmp_path / "rel"


def test_data_dir_that_is_a_file_exits_2(run: Run, fake_app: list[AppOptions], tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    status, _, err = run("--data-dir", str(not_a_folder))
    assert status == 2
    assert "--data-dir: " in err
    assert "is not a folder" in err
    assert fake_app == []


def test_data_dir_from_the_environment(
    run: Run, resources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "env-data" / "routines" / "mine.toml", MINE)
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env-data"))
    status, out, _ = run("routines", "--json")
    assert status == 0
    assert [r["id"] for r in json.loads(out)][-1] == "mine"


# --------------------------------------------------------------------------------------------------------------
# exercises


def test_exercises_table(run: Run, resources: Path) -> None:
    status, out, err = run("exercises")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "No.  Id               Name             Position            Dose",
        "  4  bridge           Bridge           Lying on your back  10-15 reps (12), hold 3 s*, 2 sets*",
        "  6  stationary-bike  Stationary Bike  On the machine      10-15 min (10)",
        " 11  clamshells       Clamshells       Lying on your side  10-12 reps (10) each leg, 3 sets",
        " 19  pigeon-pose      Pigeon Posé      Kneeling            hold 20 s* each side",
        "",
        "* our choice: the article gives no number",
    ]


def test_exercises_json(run: Run, resources: Path) -> None:
    status, out, err = run("exercises", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert [item["id"] for item in data] == ["bridge", "stationary-bike", "clamshells", "pigeon-pose"]
    assert data[0] == {
        "id": "bridge",
        "name": "Bridge",
        "number": 4,
        "position": "back",
        "kind": "reps",
        "per_side": False,
        "side_word": "side",
        "equipment": ["mat"],
        "benefit": "Strengthens the buttocks.",
        "steps": ["Lie on your back with your knees bent.", "Lift your hips.", "Lower slowly."],
        "dose": {
            "sets": {"value": 2, "low": None, "high": None, "ours": True},
            "reps": {"value": 12, "low": 10, "high": 15, "ours": False},
            "hold_seconds": {"value": 3, "low": None, "high": None, "ours": True},
            "tempo": {"up": 2.0, "down": 3.0, "ours": True},
        },
    }
    assert data[1]["dose"] == {
        "sets": {"value": 1, "low": None, "high": None, "ours": True},
        "minutes": {"value": 10, "low": 10, "high": 15, "ours": False},
    }
    assert data[2]["per_side"] is True
    assert data[2]["side_word"] == "leg"
    assert data[3]["name"] == "Pigeon Posé"  # JSON escapes it (\u00e9); the parser gives it back


def test_json_output_is_ascii(run: Run, resources: Path) -> None:
    out = run("exercises", "--json")[1]
    assert out.isascii()
    assert "\\u00e9" in out


def test_broken_catalogue_is_an_installation_problem(run: Run, resources: Path) -> None:
    write(resources / "exercises" / "bridge.toml", BRIDGE.replace('kind = "reps"', 'kind = "jumps"'))
    for command in ("exercises", "routines"):
        status, out, err = run(command)
        assert status == 1
        assert out == ""
        assert "the built-in exercises could not be loaded (the installation looks damaged)" in err
        assert "bridge.toml" in err
        assert "kind cannot be" in err


def test_each_problem_of_a_broken_catalogue_on_a_line_of_its_own(run: Run, resources: Path) -> None:
    broken = BRIDGE.replace('kind = "reps"', 'kind = "jumps"').replace("per_side = false", 'per_side = "no"')
    write(resources / "exercises" / "bridge.toml", broken)
    for command in (["exercises"], ["figure", "bridge", "--png", str(resources / "bridge.png")]):
        err = run(*command)[2]
        problems = [line for line in err.splitlines() if "bridge.toml" in line]
        assert len(problems) >= 2, err  # one line each, not run together
        assert all(line.count("bridge.toml") == 1 for line in problems), err


# --------------------------------------------------------------------------------------------------------------
# routines


def test_routines_table(run: Run, resources: Path) -> None:
    catalogue = content.load_catalogue()
    routines = content.builtin_routines(catalogue)
    minutes = {r.id: str(max(1, round(estimate_seconds(r, cli_content.DEFAULT_TIMING) / 60))) for r in routines}
    status, out, err = run("routines")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Id", "Name", "Minutes", "Exercises", "Equipment"]
    assert lines[1].split() == ["mini", "Mini", minutes["mini"], "2", "mat"]
    assert lines[2].split() == ["ride", "Ride", minutes["ride"], "1", "bike"]
    assert len(lines) == 3


def test_routines_json_lists_built_in_and_own_routines(run: Run, resources: Path, hipcoach_data_dir: Path) -> None:
    mine = write(hipcoach_data_dir / "routines" / "mine.toml", MINE)
    catalogue = content.load_catalogue()
    mini = content.load_routine(resources / "routines" / "mini.toml", catalogue)
    status, out, err = run("routines", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert [r["id"] for r in data] == ["mini", "ride", "mine"]
    assert data[0] == {
        "id": "mini",
        "name": "Mini",
        "description": "Two exercises on the mat.",
        "estimated_seconds": round(estimate_seconds(mini, cli_content.DEFAULT_TIMING)),
        "equipment": ["mat"],
        "exercises": ["bridge", "clamshells"],
        "source": "built-in",
    }
    assert isinstance(data[0]["estimated_seconds"], int)
    assert data[0]["estimated_seconds"] > 60
    assert data[1]["source"] == "built-in"
    assert data[2]["source"] == str(mine)
    assert data[2]["exercises"] == ["pigeon-pose"]


def test_broken_own_routine_is_skipped_with_a_warning(run: Run, resources: Path, hipcoach_data_dir: Path) -> None:
    write(hipcoach_data_dir / "routines" / "mine.toml", MINE)
    broken = write(hipcoach_data_dir / "routines" / "broken.toml", 'name = "Broken"\n[[exercise]]\nid = "bridj"\n')
    status, out, err = run("routines", "--json")
    assert status == 0
    assert [r["id"] for r in json.loads(out)] == ["mini", "ride", "mine"]
    assert err.splitlines() == [
        f"hipcoach: warning: skipped {broken}, line 3: 'bridj' is not an exercise hipcoach knows;"
        " did you mean 'bridge'?"
    ]


# --------------------------------------------------------------------------------------------------------------
# check


def test_check_valid_file(run: Run, resources: Path, tmp_path: Path) -> None:
    routine_path = write(tmp_path / "two.toml", MINI)
    routine = content.load_routine(routine_path, content.load_catalogue())
    minutes = max(1, round(estimate_seconds(routine, cli_content.DEFAULT_TIMING) / 60))
    status, out, err = run("check", str(routine_path))
    assert (status, err) == (0, "")
    assert out == f"{routine_path}: valid \u2014 2 exercises, about {minutes} minutes\n"


def test_check_counts_in_the_singular(run: Run, resources: Path, tmp_path: Path) -> None:
    one = 'name = "One"\n[[exercise]]\nid = "stationary-bike"\nminutes = 1\n'  # no trip to the mat
    routine_path = write(tmp_path / "one.toml", one)
    assert run("check", str(routine_path))[1] == f"{routine_path}: valid \u2014 1 exercise, about 1 minute\n"


def test_check_invalid_file_names_line_and_field(run: Run, resources: Path, tmp_path: Path) -> None:
    bad = MINI.replace('"clamshells"\n    sets = 1', '"clamshells"\n    sets = 0')
    routine_path = write(tmp_path / "bad.toml", bad)
    status, out, err = run("check", str(routine_path))
    assert status == 2
    assert out == ""
    assert err == f"{routine_path}, line 10: sets must be a whole number from 1 to 10 (got 0)\n"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("missing.toml", None, "the file does not exist"),
        ("syntax.toml", 'name = "x\n', "not valid TOML"),
        ("empty.toml", "", "the file is empty"),
        ("binary.toml", "\x00\x01", "binary data"),
    ],
)
def test_check_unusable_files_exit_2(
    run: Run, resources: Path, tmp_path: Path, name: str, text: str | None, expected: str
) -> None:
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    status, out, err = run("check", str(path))
    assert status == 2
    assert out == ""
    assert err.startswith(f"{path}")
    assert len(err.splitlines()) == 1
    assert expected in err


def test_check_a_file_named_like_a_built_in_routine(
    run: Run, resources: Path, tmp_path: Path, hipcoach_data_dir: Path
) -> None:
    elsewhere = write(tmp_path / "mini.toml", MINE)
    status, out, err = run("check", str(elsewhere))
    assert status == 0  # usable with --start PATH
    assert out.startswith(f"{elsewhere}: valid")
    assert err == (
        f"{elsewhere}: note: a built-in routine is already called 'mini'; "
        "rename the file to use it from your routines folder\n"
    )
    in_routines = write(hipcoach_data_dir / "routines" / "mini.toml", MINE)
    status, out, err = run("check", str(in_routines))
    assert status == 2  # the app skips it there
    assert out == ""
    assert err.startswith(f"{in_routines}: a built-in routine is already called 'mini'")


def test_check_the_built_in_file_itself(run: Run, resources: Path) -> None:
    status, out, err = run("check", str(resources / "routines" / "mini.toml"))
    assert (status, err) == (0, "")
    assert "valid" in out


# --------------------------------------------------------------------------------------------------------------
# Errors nobody expected


def test_unexpected_error_is_one_line_and_logged(
    run: Run, resources: Path, monkeypatch: pytest.MonkeyPatch, hipcoach_data_dir: Path
) -> None:
    def explode() -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(content, "load_catalogue", explode)
    status, out, err = run("exercises")
    log = hipcoach_data_dir / "logs" / "errors.log"
    assert status == 1
    assert out == ""
    assert err == f"hipcoach: unexpected error: RuntimeError: boom second line; details in {log}\n"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "explode" in text
    assert "hipcoach 0.1.0" in text
    if os.name == "posix":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(hipcoach_data_dir.stat().st_mode) == 0o700
    assert run("exercises")[0] == 1
    assert log.read_text(encoding="utf-8").count("Traceback") == 2  # appended, not replaced


def test_unexpected_error_when_the_log_cannot_be_written(
    run: Run, resources: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder's parent should be")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocker / "data"))

    def explode() -> None:
        raise ValueError("bad")

    monkeypatch.setattr(content, "load_catalogue", explode)
    status, out, err = run("exercises")
    assert status == 1
    assert out == ""
    assert err.startswith("hipcoach: unexpected error: ValueError: bad (the details could not be saved: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_keyboard_interrupt(run: Run, resources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(content, "load_catalogue", interrupt)
    assert run("exercises") == (1, "", "hipcoach: interrupted\n")


# --------------------------------------------------------------------------------------------------------------
# As a process


def run_process(
    *argv: str, env: dict[str, str], stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *argv],
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


def test_python_dash_m(hipcoach_data_dir: Path) -> None:
    result = run_process("--version", env=subprocess_env(HIPCOACH_DATA_DIR=str(hipcoach_data_dir)))
    assert (result.returncode, result.stdout, result.stderr) == (0, "hipcoach 0.1.0\n", "")


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["exercises"], 1),
        (["routines", "--json"], 1),
        (["--help"], 0),  # argparse itself ignores errors writing the help
    ],
)
def test_closed_pipe_exits_quietly(resources: Path, hipcoach_data_dir: Path, argv: list[str], status: int) -> None:
    """Like ``hipcoach exercises | head -0``: the reader has gone before the first write."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # no reader at all: the first write fails with EPIPE, every time
    try:
        env = subprocess_env(HIPCOACH_DATA_DIR=str(hipcoach_data_dir), HIPCOACH_RESOURCES=str(resources))
        result = run_process(*argv, env=env, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == status


def test_output_the_terminal_cannot_encode_is_replaced(resources: Path, hipcoach_data_dir: Path) -> None:
    env = subprocess_env(
        HIPCOACH_DATA_DIR=str(hipcoach_data_dir), HIPCOACH_RESOURCES=str(resources), PYTHONIOENCODING="ascii"
    )
    result = run_process("exercises", env=env)
    assert (result.returncode, result.stderr) == (0, "")
    assert "Pigeon Pos?" in result.stdout
    result = run_process("check", str(resources / "routines" / "mini.toml"), env=env)
    assert (result.returncode, result.stderr) == (0, "")
    assert "valid ? 2 exercises" in result.stdout


def test_commands_do_not_import_qt(resources: Path, hipcoach_data_dir: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from hipcoach import cli
        statuses = [
            cli.main(["exercises", "--json"]),
            cli.main(["routines"]),
            cli.main(["check", {str(resources / "routines" / "mini.toml")!r}]),
            cli.main(["--version"]),
            cli.main(["--start", "nope"]),
        ]
        qt = sorted(name for name in sys.modules if name.startswith(("PySide6", "shiboken6", "hipcoach.app")))
        print("RESULT", statuses, qt, file=sys.stderr)
        """
    )
    env = subprocess_env(HIPCOACH_DATA_DIR=str(hipcoach_data_dir), HIPCOACH_RESOURCES=str(resources))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "RESULT [0, 0, 0, 0, 2] []"


# --------------------------------------------------------------------------------------------------------------
# The shipped content


def test_shipped_exercises(run: Run) -> None:
    catalogue = content.load_catalogue()
    status, out, err = run("exercises", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert [item["id"] for item in data] == list(catalogue)
    assert [item["number"] for item in data] == sorted(item["number"] for item in data)
    for item in data:
        assert set(item) >= {"id", "name", "number", "position", "kind", "per_side", "equipment", "benefit", "steps"}
        assert "sets" in item["dose"]
    status, out, err = run("exercises")
    assert (status, err) == (0, "")
    assert len(out.splitlines()) >= len(catalogue) + 1


def test_shipped_routines(run: Run) -> None:
    builtins = content.builtin_routines(content.load_catalogue())
    status, out, err = run("routines", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert [r["id"] for r in data] == [r.id for r in builtins]
    assert {r["source"] for r in data} == {"built-in"}
    for routine in builtins:
        status, out, err = run("check", routine.source)
        assert (status, err) == (0, ""), routine.source
        assert out.startswith(f"{routine.source}: valid \u2014 {len(routine.entries)} exercise")


# --------------------------------------------------------------------------------------------------------------
# The error messages the routine format documents


DOCUMENTED = re.compile(
    r"<!-- checked example: (?P<name>\S+) -->\s*```toml\n(?P<toml>.*?)```.*?```text\n(?P<output>.*?)```", re.DOTALL
)


def test_the_documented_error_messages_are_the_real_ones(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/routine-format.md shows files and what ``check`` says about them; both must stay true."""
    monkeypatch.delenv("HIPCOACH_RESOURCES", raising=False)  # the shipped exercises, as a user has them
    monkeypatch.chdir(tmp_path)
    text = (REPO_ROOT / "docs" / "routine-format.md").read_text(encoding="utf-8")
    examples = list(DOCUMENTED.finditer(text))
    assert len(examples) == 2
    for example in examples:
        (tmp_path / example["name"]).write_text(example["toml"], encoding="utf-8")
        assert run("check", example["name"]) == (2, "", example["output"]), example["name"]
    messages = examples[0]["output"].splitlines()
    assert len(messages) == 7, "the first example shows that every problem of a file is listed"
