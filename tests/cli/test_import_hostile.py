"""``hipcoach import`` of files no hipcoach wrote: values out of range exit 2 naming the field, never 1 "unexpected
error"; nothing is written; and text from the file cannot drive the terminal once it is in the history."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from hipcoach.core.history import open_history
from tests.cli.support import run_process, seed
from tests.conftest import Run

Change = Callable[[dict[str, object]], object]


def _exported(run: Run, tmp_path: Path) -> dict[str, object]:
    seed(2)
    tmp_path.mkdir()
    target = tmp_path / "export.json"
    assert run("export", "--format", "json", "--output", str(target))[0] == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _first(data: dict[str, object]) -> dict[str, object]:
    sessions = data["sessions"]
    assert isinstance(sessions, list)
    session = sessions[0]
    assert isinstance(session, dict)
    return session


def _first_exercise(data: dict[str, object]) -> dict[str, object]:
    exercises = _first(data)["exercises"]
    assert isinstance(exercises, list)
    exercise = exercises[0]
    assert isinstance(exercise, dict)
    return exercise


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda d: _first(d).update(started_at="9999-12-31T23:00:00-05:00"),
            "sessions[0].started_at must be a date between the years 1970 and 9000",
            id="year 9999 with an offset",
        ),
        pytest.param(
            lambda d: _first(d).update(ended_at="0001-01-01T00:00:00+05:00"),
            "sessions[0].ended_at must be a date between the years 1970 and 9000",
            id="year 1 with an offset",
        ),
        pytest.param(
            lambda d: _first_exercise(d).update(recorded_at="9999-12-31T23:59:59+00:00"),
            "sessions[0].exercises[0].recorded_at must be a date between",
            id="year 9999 in UTC",
        ),
        pytest.param(
            lambda d: _first_exercise(d).update(actual=10**30),
            "sessions[0].exercises[0].actual must be a whole number from 0 to 1000000000, not a number of about 31",
            id="integer of 10^30",
        ),
        pytest.param(
            lambda d: _first(d).update(time_scale=math.inf),
            "sessions[0].time_scale must be an ordinary number, not inf",
            id="Infinity",
        ),
        pytest.param(
            lambda d: _first(d).update(real_seconds=math.nan),
            "sessions[0].real_seconds must be an ordinary number, not nan",
            id="NaN",
        ),
        pytest.param(
            lambda d: _first(d).update(active_seconds=10**30),
            "sessions[0].active_seconds must be a number up to 1000000000",
            id="seconds of 10^30",
        ),
    ],
)
def test_out_of_range_values_exit_2_naming_the_field(run: Run, tmp_path: Path, change: Change, message: str) -> None:
    data = _exported(run, tmp_path / "a")
    change(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")  # Infinity and NaN as Python's json writes them
    status, out, err = run("--data-dir", str(tmp_path / "b"), "import", str(bad))
    assert (status, out) == (2, ""), err
    assert err.startswith(f"hipcoach: import: {bad}: ")
    assert message in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[" * 100_000 + "]" * 100_000, "it nests 100000 levels deep", id="100k deep"),
        pytest.param('{"format": "hipcoach-history", "n": ' + "1" * 5000 + "}", "far too long", id="5000 digits"),
    ],
)
def test_files_json_cannot_read_sensibly_exit_2(run: Run, tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    status, out, err = run("import", str(bad))
    assert (status, out) == (2, ""), err
    assert err.startswith(f"hipcoach: import: {bad} is not a hipcoach JSON export (")
    assert message in err


def test_deep_json_as_a_process(tmp_path: Path) -> None:
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run_process("import", str(bad), data_dir=tmp_path / "data")
    assert result.returncode == 2, result.stderr
    assert "unexpected error" not in result.stderr


def test_escape_sequences_in_an_imported_name_never_reach_the_terminal(run: Run, tmp_path: Path) -> None:
    data = _exported(run, tmp_path / "a")
    _first(data).update(routine_name="Evil\x1b]0;owned\x07\x1b[2J\x00\u202eName\x9b31m", note="a\rb")
    source = tmp_path / "names.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    other = tmp_path / "b"
    assert run("--data-dir", str(other), "import", str(source))[0] == 0
    with open_history(other / "history.sqlite3") as history:  # stored as given: the file's text is the user's
        assert any("\x1b" in session.routine_name for session in history.sessions())
    status, out, err = run("--data-dir", str(other), "history")
    assert (status, err) == (0, "")
    assert "Evil]0;owned[2JName31m" in out
    assert not any(ord(char) < 0x20 and char != "\n" for char in out)
    assert "\u202e" not in out and "\x9b" not in out
    status, out, err = run("--data-dir", str(other), "history", "--json")
    assert status == 0
    json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in history --json"))
    assert "\x1b" not in out  # escaped as \u001b by the JSON writer
