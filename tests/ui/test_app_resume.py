"""The resume offer in the real window: asked before ``--start`` replaces an interrupted session, and never asked in
an unattended run, where the session is closed as stopped with one line on stderr."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import hipcoach.app
from hipcoach.core.history import open_history
from hipcoach.core.model import Position, Routine
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.options import EXIT_NOT_RECORDED, EXIT_OK, AppOptions
from hipcoach.ui.main_window import MainWindow
from tests.factories import entry, exercise, routine
from tests.ui.rig import ServeApp

ROUTINE = routine(
    entry(exercise("leg-raise", position=Position.STANDING)),
    entry(exercise("march", position=Position.STANDING)),
)


@pytest.fixture
def served(serve_app: ServeApp) -> Routine:
    """ROUTINE as the only routine, also what --start finds (tests/ui/conftest.py)."""
    serve_app(ROUTINE)
    return ROUTINE


def crash_after_first_exercise() -> int:
    """What a crash leaves: the session still 'running' with its first exercise committed."""
    started = datetime.now(UTC) - timedelta(minutes=3)
    done = ExerciseResult(0, "leg-raise", Status.COMPLETED, (SideResult(None, 3, 3, 1, 1),))
    with open_history() as history:
        session_id = history.start_session(ROUTINE.id, ROUTINE.name, 1.0, started)
        history.record_exercise(session_id, done, "reps", recorded_at=started + timedelta(minutes=1))
    return session_id


def status_of(session_id: int) -> str:
    with open_history() as history:
        return history.session(session_id).status


def test_start_routine_after_a_crash_offers_to_carry_on_first(
    served: Routine, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    session_id = crash_after_first_exercise()
    asked: list[tuple[str, str]] = []
    seen: list[tuple[int, int]] = []

    def answer(_window: MainWindow, routine_name: str, exercise_name: str) -> bool:
        asked.append((routine_name, exercise_name))
        return True

    def close_once_running() -> None:
        for window in qapp.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible() and window.controller.is_active:
                engine = window.controller.engine
                assert engine is not None
                seen.append((engine.plan.phases[engine.index].entry_index, len(asked)))
                window.close()

    monkeypatch.setattr(MainWindow, "ask_resume", answer)
    poll = QTimer()
    poll.timeout.connect(close_once_running)
    poll.start(10)
    try:
        hipcoach.app.run_app(AppOptions(start="test"))  # the launcher's "Start my routine"
    finally:
        poll.stop()
    assert asked == [("Test routine", "March")]
    assert seen[0] == (1, 1)  # asked first, then carried on from the second exercise
    with open_history() as history:
        assert [s.id for s in history.sessions()] == [session_id]  # the same row, no new session


def test_an_unattended_run_closes_the_interrupted_session_and_says_so(
    served: Routine, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    session_id = crash_after_first_exercise()
    asked: list[str] = []
    monkeypatch.setattr(MainWindow, "ask_resume", lambda *_args: asked.append("asked") or True)
    code = hipcoach.app.run_app(AppOptions(start="test", time_scale=1000, quit_when_done=True))
    assert code == EXIT_OK
    assert asked == []
    assert status_of(session_id) == "stopped"
    lines = [line for line in capfd.readouterr().err.splitlines() if "interrupted" in line]
    assert len(lines) == 1, lines
    assert "Test routine" in lines[0] and "closed as stopped" in lines[0]


@pytest.fixture(autouse=True)
def _no_real_history(hipcoach_data_dir: Path) -> Path:
    return hipcoach_data_dir


def test_an_unattended_run_that_could_not_record_says_why_and_exits_non_zero(
    served: Routine, hipcoach_data_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    import sqlite3  # noqa: PLC0415 - only here

    with open_history():
        pass
    conn = sqlite3.connect(hipcoach_data_dir / "history.sqlite3")
    conn.execute("PRAGMA user_version = 99")  # written by a newer hipcoach: shown, never written
    conn.close()
    code = hipcoach.app.run_app(AppOptions(start="test", time_scale=1000, quit_when_done=True))
    assert code == EXIT_NOT_RECORDED
    err = capfd.readouterr().err
    assert "newer version" in err
    assert err.count("newer version of hipcoach") == 1  # the recorder and the History page found it: said once
    assert "not (fully) recorded" in err


def test_a_plan_this_version_cannot_rebuild_is_said_before_the_offer(
    served: Routine, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    """A session whose stored plan names a version this copy does not know (a newer hipcoach wrote it) is offered
    as the routine is written, and the window says so first."""
    from hipcoach.core.dose_plan import planned_entries  # noqa: PLC0415
    from hipcoach.core.resume import PLAN_NOT_REBUILT  # noqa: PLC0415

    session_id = crash_after_first_exercise()
    plan = list(planned_entries(ROUTINE))
    plan[1] = dataclasses.replace(plan[1], variant_id="moon-march")
    with open_history() as history:
        history._conn.execute(
            "UPDATE sessions SET plan = ? WHERE id = ?", (json.dumps([p.to_json() for p in plan]), session_id)
        )
    said: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(MainWindow, "show_notice", lambda _window, text, *_args: said.append(text))

    def answer(_window: MainWindow, _routine_name: str, exercise_name: str) -> bool:
        asked.append(exercise_name)
        QTimer.singleShot(0, lambda: [w.close() for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)])
        return False

    monkeypatch.setattr(MainWindow, "ask_resume", answer)
    hipcoach.app.run_app(AppOptions())
    assert asked == ["March"]  # offered, as the routine is written
    assert PLAN_NOT_REBUILT in said


def test_a_session_carried_on_at_its_first_exercise_is_not_asked_its_pain_again(
    served: Routine, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    """Killed during the first get-ready: the pain was rated already, and the carried-on session must not hold at
    the question again (it would wait there for ever for a person who has answered it)."""
    started = datetime.now(UTC) - timedelta(minutes=1)
    with open_history() as history:
        session_id = history.start_session(ROUTINE.id, ROUTINE.name, 1.0, started)
        history.set_pain(session_id, before=5)
    seen: list[bool] = []

    def close_once_running() -> None:
        for window in qapp.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible() and window.controller.is_active:
                seen.append(window.session_view.is_asking_pain_before())
                window.close()

    monkeypatch.setattr(MainWindow, "ask_resume", lambda *_args: True)
    poll = QTimer()
    poll.timeout.connect(close_once_running)
    poll.start(10)
    try:
        hipcoach.app.run_app(AppOptions(start="test"))
    finally:
        poll.stop()
    assert seen and seen[0] is False
    with open_history() as history:
        assert [s.id for s in history.sessions()] == [session_id]
        assert history.session(session_id).pain_before == 5
