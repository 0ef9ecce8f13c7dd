"""The command line after the safety questions, against the shipped content and a real answers file:
``routines`` and ``cues`` show the routines adapted and say so, ``--start`` refuses a routine the answers do not
offer, and never answered changes nothing."""

from __future__ import annotations

import json
import sys
import types
from datetime import UTC, date, datetime, timedelta

import pytest

from hipcoach.core import content
from hipcoach.core.history import open_history
from hipcoach.core.safety.answers import (
    OperatedHip,
    Operation,
    SafetyAnswers,
    WarningSign,
    answers_path,
    load_answers,
    save_answers,
)
from hipcoach.core.safety.precautions import Approach
from hipcoach.options import EXIT_INVALID, AppOptions
from tests.conftest import Run

RECENTLY = date.today() - timedelta(days=14)


def operated(approach: Approach = Approach.BACK) -> None:
    save_answers(SafetyAnswers(True, Operation(OperatedHip.LEFT, approach, RECENTLY), answered_on=RECENTLY))


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[AppOptions]:
    """Stands in for hipcoach.app (the window) and records what it was asked to do."""
    calls: list[AppOptions] = []

    def run_app(options: AppOptions, argv: list[str] | None = None) -> int:
        calls.append(options)
        return 0

    module = types.ModuleType("hipcoach.app")
    module.__dict__["run_app"] = run_app
    monkeypatch.setitem(sys.modules, "hipcoach.app", module)
    return calls


def test_never_answered_lists_every_routine_as_written(run: Run) -> None:
    status, out, err = run("routines", "--json")
    assert (status, err) == (0, "")
    builtin = ["gentle-mobility", "strength", "strength-long", "stretching", "full"]
    assert [item["id"] for item in json.loads(out)] == builtin
    status, out, _ = run("routines")
    assert "precautions" not in out and "left out" not in out


def test_routines_are_listed_adapted_and_the_changes_said(run: Run) -> None:
    operated()
    status, out, err = run("routines")
    assert (status, err) == (0, "")
    stretching = next(line for line in out.splitlines() if line.startswith("stretching "))
    assert stretching.split()[-2:] == ["2", "chair"]  # leg swings and the quadriceps stretch are left
    ends = (RECENTLY + timedelta(weeks=12)).day
    assert f"Hip precautions after your operation until {ends} " in out
    assert "  Pigeon Pose is left out: it bends the hip past 90°." in out
    assert "  Clamshells is swapped for Banded Walk: it takes the leg across the middle of your body." in out
    data = json.loads(run("routines", "--json")[1])
    stretches = next(item for item in data if item["id"] == "stretching")["exercises"]
    assert stretches == ["leg-swings", "quadriceps-stretch"]


def test_a_warning_sign_lists_only_the_gentle_routine(run: Run) -> None:
    save_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.NUMBNESS})))
    status, out, _ = run("routines", "--json")
    assert status == 0
    assert [item["id"] for item in json.loads(out)] == ["gentle-mobility"]
    assert "See a doctor or physiotherapist first" in run("routines")[1]


def test_cues_follow_the_adapted_routine_and_say_what_changed(run: Run) -> None:
    operated()
    status, out, err = run("cues", "stretching")
    assert status == 0
    assert "Pigeon Pose" not in out
    assert "hipcoach: note: Pigeon Pose is left out: it bends the hip past 90°." in err.splitlines()


def test_start_refuses_a_routine_a_warning_sign_does_not_offer(run: Run, fake_app: list[AppOptions]) -> None:
    save_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.FALL})))
    status, out, err = run("--start", "strength")
    assert (status, out, fake_app) == (EXIT_INVALID, "", [])
    assert err == (
        "hipcoach: --start: Strength is not offered: you told hipcoach about a warning sign, so please see a doctor "
        "or physiotherapist before exercising. Only Gentle Mobility is offered (--start gentle-mobility).\n"
    )
    assert run("--start", "gentle-mobility")[0] == 0
    assert len(fake_app) == 1


def test_start_runs_an_adapted_routine(run: Run, fake_app: list[AppOptions]) -> None:
    operated()
    assert run("--start", "stretching") == (0, "", "")
    assert [options.start for options in fake_app] == ["stretching"]


def test_a_damaged_answers_file_is_said_and_the_command_goes_on(run: Run) -> None:
    answers_path().parent.mkdir(parents=True, exist_ok=True)
    answers_path().write_text('{"answered": true, "approach": "sideways"}', encoding="utf-8")
    status, _, err = run("routines")
    assert status == 0
    assert f"hipcoach: warning: {answers_path()}: 'approach' must be one of" in err


def test_the_app_runs_the_start_routine_adapted(qapp: object) -> None:
    from hipcoach.app import _as_offered  # noqa: PLC0415 - the window's module, with Qt

    operated(Approach.FRONT)
    catalogue = content.load_catalogue()
    stretching = content.find_routine("stretching", catalogue)
    adapted = _as_offered(stretching, catalogue, load_answers()[0])
    assert adapted is not None
    assert "pigeon-pose" not in [entry.exercise.id for entry in adapted.entries]
    save_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.FEVER})))
    assert _as_offered(stretching, catalogue, load_answers()[0]) is None


def test_history_marks_the_sessions_done_under_precautions(run: Run) -> None:
    began = datetime(2026, 3, 2, 8, tzinfo=UTC)
    with open_history() as store:
        adapted = store.start_session("strength", "Strength", 1.0, began, precautions=["crossing", "deep-bend"])
        store.end_session(adapted, "completed", began + timedelta(minutes=20), 1200.0, 1200.0)
        plain = store.start_session("strength", "Strength", 1.0, began + timedelta(days=1))
        store.end_session(plain, "completed", began + timedelta(days=1, minutes=20), 1200.0, 1200.0)
    status, out, _ = run("history")
    assert status == 0
    assert [line.split()[3:5] for line in out.splitlines()[1:]] == [
        ["completed", "(adapted)"],
        ["completed", "20"],
    ]
    data = json.loads(run("history", "--json")[1])
    assert [item["precautions"] for item in data] == [["crossing", "deep-bend"], []]


def test_safety_says_the_answers_and_what_they_change(run: Run) -> None:
    status, out, _ = run("safety")
    assert (status, out) == (
        0,
        "The safety questions have not been answered, so every routine is offered as "
        "written. Answer them in the window: Settings, Safety.\n",
    )
    operated()
    status, out, err = run("safety")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Hip operation: left hip, from the back (posterior approach), on ")
    assert "Offered: Gentle Mobility, Strength, Strength (long), Stretching, Full Session." in lines
    assert "Strength: Clamshells is swapped for Banded Walk: it takes the leg across the middle of your body." in lines
    save_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.NO_WEIGHT})))
    out = run("safety")[1]
    assert "See a doctor or physiotherapist first." in out.splitlines()
    assert "Offered: Gentle Mobility." in out.splitlines()
    assert "cannot put weight on the leg" in out
