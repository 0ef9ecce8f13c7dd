"""``hipcoach history``, ``export`` and ``import``: in-process through ``cli.main``, and as real processes where the
process matters (no Qt, exit statuses, a read-only history)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, save_answers
from hipcoach.core.safety.precautions import Approach
from tests.cli.support import T0, run_process, seed
from tests.conftest import Run
from tests.tools import REPO_ROOT

# -- history ---------------------------------------------------------------------------------------------------------


def test_history_lists_sessions_oldest_first(run: Run) -> None:
    seed()
    status, out, err = run("history")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "Date",
        "Routine",
        "Status",
        "Minutes",
        "exercising",
        "Done",
        "Partial",
        "Skipped",
        "Not",
        "reached",
        "Pain",
    ]
    assert len(lines) == 4
    first_day = T0.astimezone().strftime("%Y-%m-%d %H:%M")
    assert lines[1].startswith(first_day)
    assert lines[1].split()[3:] == ["Mobility", "completed", "12", "1", "1", "1", "0", "6", "\N{RIGHTWARDS ARROW}", "4"]
    assert lines[3].split()[3:] == ["Mobility", "running", "-", "1", "1", "1", "0"]


def test_history_json(run: Run) -> None:
    seed(2)
    status, out, err = run("history", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert [item["status"] for item in data] == ["completed", "running"]
    assert data[0]["exercises"] == {
        "completed": 1,
        "partial": 1,
        "skipped": 1,
        "not_reached": 0,
        "earlier_attempts": 0,
    }
    assert (data[0]["pain_before"], data[0]["pain_after"], data[0]["active_seconds"]) == (6, 4, 720.0)
    assert data[0]["started_at"] == "2026-03-02T08:00:00+00:00"
    assert data[1]["ended_at"] is None


def test_a_trial_run_is_marked_in_the_list_and_the_json(run: Run) -> None:
    seed(1)
    with open_history() as history:
        session_id = history.start_session("strength", "Strength", 10.0, T0 + timedelta(days=1))
        history.end_session(session_id, "completed", T0 + timedelta(days=1, seconds=76), 76, 780)
    status, out, _ = run("history", "--json")
    assert status == 0
    assert [(item["routine_id"], item["trial"]) for item in json.loads(out)] == [
        ("gentle-mobility", False),
        ("strength", True),
    ]
    status, out, _ = run("history")
    assert out.splitlines()[2].split()[2:5] == ["Strength", "completed", "(trial)"]


def test_an_empty_history_creates_no_files(run: Run, hipcoach_data_dir: Path) -> None:
    assert run("history") == (0, "No sessions yet.\n", "")
    assert run("history", "--json") == (0, "[]\n", "")
    assert not hipcoach_data_dir.exists()


# -- export ----------------------------------------------------------------------------------------------------------


def test_export_json_and_import_it_elsewhere_without_duplicates(run: Run, tmp_path: Path) -> None:
    seed()
    target = tmp_path / "out" / "history.json"
    target.parent.mkdir()
    status, out, err = run("export", "--format", "json", "--output", str(target))
    assert (status, out, err) == (0, f"{target}: JSON, 3 sessions\n", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
    data = json.loads(target.read_text())
    assert data["format"] == "hipcoach-history" and len(data["sessions"]) == 3

    other = tmp_path / "other-computer"
    status, out, err = run("--data-dir", str(other), "import", str(target))
    assert (status, out, err) == (0, f"{target}: added 3 sessions (0 already in the history)\n", "")
    status, out, err = run("import", str(target), "--data-dir", str(other))
    assert (status, out, err) == (0, f"{target}: added 0 sessions (3 already in the history)\n", "")
    with open_history(other / HISTORY_FILE) as history:
        sessions = history.sessions()
    assert len(sessions) == 3
    assert sorted(s.status for s in sessions) == ["completed", "completed", "stopped"]  # never resumed elsewhere


def test_the_json_export_carries_the_safety_answers_and_the_import_ignores_them(run: Run, tmp_path: Path) -> None:
    seed(1)
    target = tmp_path / "history.json"
    assert run("export", "--format", "json", "--output", str(target))[0] == 0
    assert "safety" not in json.loads(target.read_text())  # never answered: the export is as it always was
    answers = SafetyAnswers(
        True, Operation(OperatedHip.RIGHT, Approach.FRONT, date(2026, 3, 1)), answered_on=date(2026, 3, 2)
    )
    save_answers(answers)
    assert run("export", "--format", "json", "--output", str(target), "--force")[0] == 0
    data = json.loads(target.read_text())
    assert data["safety"] == {
        "answered": True,
        "answered_on": "2026-03-02",
        "operated_hip": "right",
        "approach": "front",
        "operated_on": "2026-03-01",
        "precautions_lifted": False,
        "warning_signs": [],
    }
    with open_history() as history:
        assert history.export_json()["safety"] == data["safety"]
    other = tmp_path / "other-computer"
    status, out, _ = run("--data-dir", str(other), "import", str(target))
    assert (status, out) == (0, f"{target}: added 1 session (0 already in the history)\n")
    assert not (other / "safety.json").exists()  # the answers are the person's on this computer, not imported


def test_export_csv(run: Run, tmp_path: Path) -> None:
    seed(2)
    target = tmp_path / "history.csv"
    status, out, err = run("export", "--format", "csv", "--output", str(target))
    assert (status, out, err) == (0, f"{target}: 8 rows, 2 sessions\n", "")
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 8
    assert {row["side"] for row in rows} == {"", "left", "right"}


def test_export_refuses_to_overwrite_unless_forced(run: Run, tmp_path: Path) -> None:
    seed(1)
    target = tmp_path / "kept.json"
    target.write_text("precious")
    status, out, err = run("export", "--format", "json", "--output", str(target))
    assert (status, out) == (2, "")
    assert "already exists" in err and "--force" in err and str(target) in err
    assert target.read_text() == "precious"
    status, _, _ = run("export", "--format", "json", "--output", str(target), "--force")
    assert status == 0
    assert json.loads(target.read_text())["format"] == "hipcoach-history"


def test_export_never_overwrites_the_history_itself(run: Run, hipcoach_data_dir: Path, tmp_path: Path) -> None:
    seed(1)
    database = hipcoach_data_dir / HISTORY_FILE
    before = database.read_bytes()
    status, _, err = run("export", "--format", "csv", "--output", str(database), "--force")
    assert status == 2 and "part of the history" in err
    assert database.read_bytes() == before
    status, _, err = run("export", "--format", "csv", "--output", str(tmp_path / "missing" / "x.csv"))
    assert status == 2 and "does not exist" in err
    status, _, err = run("export", "--format", "csv", "--output", str(tmp_path))
    assert status == 2 and "is a folder" in err


def test_export_format_and_output_are_required(run: Run) -> None:
    status, _, err = run("export", "--output", "x.csv")
    assert status == 2 and "--format" in err
    status, _, err = run("export", "--format", "xml", "--output", "x.xml")
    assert status == 2 and "invalid choice" in err


# -- import: bad files -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not JSON"),
        ("{not json", "not JSON"),
        ("[]", "expected a JSON object"),
        ('{"format": "other"}', '"format" must be "hipcoach-history"'),
        ('{"format": "hipcoach-history", "version": 9, "sessions": []}', "newer hipcoach"),
        ('{"format": "hipcoach-history", "version": 1, "sessions": [{"uuid": "u"}]}', "sessions[0].status is missing"),
    ],
)
def test_a_bad_import_file_exits_2_naming_the_file_and_field(
    run: Run, tmp_path: Path, text: str, expected: str
) -> None:
    seed(1)
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    status, out, err = run("import", str(bad))
    assert (status, out) == (2, "")
    assert str(bad) in err and expected in err, err
    with open_history() as history:
        assert len(history.sessions()) == 1  # nothing added


def test_random_bytes_and_a_missing_file(run: Run, tmp_path: Path) -> None:
    noise = tmp_path / "noise.json"
    noise.write_bytes(bytes(range(256)))
    status, _, err = run("import", str(noise))
    assert status == 2 and str(noise) in err
    status, _, err = run("import", str(tmp_path / "absent.json"))
    assert status == 2 and "could not be read" in err


def test_a_read_only_history_exports_but_refuses_imports(run: Run, hipcoach_data_dir: Path, tmp_path: Path) -> None:
    seed(2)
    exported = tmp_path / "export.json"
    assert run("export", "--format", "json", "--output", str(exported))[0] == 0
    conn = sqlite3.connect(hipcoach_data_dir / HISTORY_FILE)
    conn.execute("PRAGMA user_version = 99")  # written by a newer hipcoach: opened read-only
    conn.close()
    again = tmp_path / "again.json"
    status, out, err = run("export", "--format", "json", "--output", str(again))
    assert status == 0 and "2 sessions" in out
    assert "newer version" in err  # the notice, once
    other = json.loads(exported.read_text())
    other["sessions"][0]["uuid"] = "from-elsewhere"
    exported.write_text(json.dumps(other))
    status, out, err = run("import", str(exported))
    assert (status, out) == (2, "")
    assert "read-only" in err and str(exported) in err


# -- as a process ----------------------------------------------------------------------------------------------------


def test_history_commands_as_processes_never_import_qt(hipcoach_data_dir: Path, tmp_path: Path) -> None:
    seed(2)
    result = run_process("history", data_dir=hipcoach_data_dir)
    assert result.returncode == 0 and result.stderr == ""
    assert "Gentle Mobility" in result.stdout
    target = tmp_path / "h.json"
    result = run_process("export", "--format", "json", "--output", str(target), data_dir=hipcoach_data_dir)
    assert result.returncode == 0, result.stderr
    result = run_process("import", str(target), data_dir=tmp_path / "elsewhere")
    assert (result.returncode, result.stdout) == (0, f"{target}: added 2 sessions (0 already in the history)\n")
    code = textwrap.dedent(
        f"""
        import sys
        from hipcoach import cli
        statuses = [cli.main(["history", "--json"]), cli.main(["import", {str(target)!r}]),
                    cli.main(["export", "--format", "csv", "--output", {str(tmp_path / "h.csv")!r}])]
        qt = sorted(name for name in sys.modules if name.startswith(("PySide6", "shiboken6", "hipcoach.app")))
        print("RESULT", statuses, qt, file=sys.stderr)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HIPCOACH_DATA_DIR": str(hipcoach_data_dir)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stderr.splitlines()[-1] == "RESULT [0, 0, 0] []", result.stderr


# -- hip precautions -------------------------------------------------------------------------------------------------


def test_the_adapted_mark_survives_export_and_import_elsewhere(run: Run, tmp_path: Path) -> None:
    seed(1)
    with open_history() as history:
        adapted = history.start_session("strength", "Strength", 1.0, T0 + timedelta(days=1), precautions=["crossing"])
        history.end_session(adapted, "completed", T0 + timedelta(days=1, minutes=20), 1200.0, 1200.0)
    target = tmp_path / "history.json"
    assert run("export", "--format", "json", "--output", str(target))[0] == 0
    other = tmp_path / "other-computer"
    status, out, err = run("--data-dir", str(other), "import", str(target))
    assert (status, out, err) == (0, f"{target}: added 2 sessions (0 already in the history)\n", "")

    status, out, _ = run("--data-dir", str(other), "history")
    assert status == 0
    assert out.splitlines()[2].split()[2:5] == ["Strength", "completed", "(adapted)"]
    assert "(adapted)" not in out.splitlines()[1]
    listed = json.loads(run("--data-dir", str(other), "history", "--json")[1])
    assert [item["precautions"] for item in listed] == [[], ["crossing"]]

    spreadsheet = tmp_path / "history.csv"
    assert run("--data-dir", str(other), "export", "--format", "csv", "--output", str(spreadsheet))[0] == 0
    with spreadsheet.open(newline="", encoding="utf-8") as handle:
        assert [row["precautions"] for row in csv.DictReader(handle)][-1] == "crossing"


def test_an_unknown_precaution_is_refused_naming_the_file_the_session_and_the_field(run: Run, tmp_path: Path) -> None:
    seed(2)
    target = tmp_path / "history.json"
    assert run("export", "--format", "json", "--output", str(target))[0] == 0
    data = json.loads(target.read_text())
    data["sessions"][1]["precautions"] = ["kneeling"]
    target.write_text(json.dumps(data))
    other = tmp_path / "other-computer"
    status, out, err = run("--data-dir", str(other), "import", str(target))
    assert (status, out) == (2, "")
    assert f"import: {target}: sessions[1].precautions[0] must be one of crossing, deep-bend, " in err
    assert "not 'kneeling'" in err
    with open_history(other / HISTORY_FILE) as history:
        assert history.sessions() == []  # nothing added


def test_a_sore_day_session_is_marked_and_travels_with_its_plan(run: Run, tmp_path: Path) -> None:
    """The command line's list, its JSON and a JSON export moved to another computer all keep the sore-day mark."""
    from hipcoach.core.dose_plan import DoseNumbers, PlannedEntry  # noqa: PLC0415

    plan = (PlannedEntry("bridge", "single-leg-bridge", DoseNumbers(sets=1, reps=5)),)
    with open_history() as history:
        sore = history.start_session("strength", "Strength", 1.0, T0, plan=plan, sore_day=True)
        history.end_session(sore, "completed", T0 + timedelta(minutes=10), 600.0, 600.0)
    target = tmp_path / "history.json"
    assert run("export", "--format", "json", "--output", str(target))[0] == 0
    other = tmp_path / "other-computer"
    assert run("--data-dir", str(other), "import", str(target))[0] == 0
    status, out, _ = run("--data-dir", str(other), "history")
    assert status == 0
    assert out.splitlines()[1].split()[2:6] == ["Strength", "completed", "(sore", "day)"]
    listed = json.loads(run("--data-dir", str(other), "history", "--json")[1])
    assert [item["sore_day"] for item in listed] == [True]
    with open_history(other / HISTORY_FILE) as imported:
        (session,) = imported.sessions()
        assert imported.session_plan(session.id) == plan
