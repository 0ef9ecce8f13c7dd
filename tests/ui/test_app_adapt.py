"""The progression in the real app with the shipped content and a real history file (issue 17): the chooser lists
the proposed changes once the history is read; Start runs them, "Keep my usual dose this time" runs the dose reached,
Undo goes back to the dose before a change, "Turn adaptation off" leaves every routine as it is. What the session
ran is checked in the history (``session_plan``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

import hipcoach.app
from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.dose_plan import ChoiceKind, PlannedEntry, planned_entries
from hipcoach.core.history import open_history
from hipcoach.core.model import Routine
from hipcoach.core.settings import Settings, load_settings, save_settings
from hipcoach.options import EXIT_OK, AppOptions
from hipcoach.ui.main_window import MainWindow
from tests.history_seed import seed_finished_sessions
from tests.ui.rig import FakeInhibitor

Act = Callable[[hipcoach.app.GuiRun, MainWindow], None]


@pytest.fixture(autouse=True)
def shipped(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """The shipped content, no audio, no screen saver; the notice and the safety questions seen, so the chooser is
    on screen."""
    monkeypatch.delenv("HIPCOACH_RESOURCES", raising=False)
    monkeypatch.setattr(hipcoach.app, "ScreenSaverInhibitor", FakeInhibitor)
    monkeypatch.setattr(hipcoach.app, "make_speaker", lambda _settings: None)
    save_settings(Settings(first_run_notice_seen=True, safety_questions_seen=True))
    yield


def strength() -> Routine:
    return next(routine for routine in builtin_routines(load_catalogue()) if routine.id == "strength")


def seed(plans: list[tuple[PlannedEntry, ...]]) -> None:
    """Finished sessions of Strength, one a day up to yesterday, each running a plan, everything done, pain 1."""
    seed_finished_sessions(strength(), [1] * len(plans), plans=plans)


def run_with(monkeypatch: pytest.MonkeyPatch, act: Act) -> None:
    """Run the real app; ``act`` runs once the work after the first paint is done, then the window closes."""
    after_paint = hipcoach.app.GuiRun._after_paint
    failed: list[BaseException] = []

    def spy(run: hipcoach.app.GuiRun, *args: object, **kwargs: object) -> None:
        after_paint(run, *args, **kwargs)
        assert run.window is not None
        try:
            act(run, run.window)
        except Exception as exc:  # raised again below, outside the event loop
            failed.append(exc)
        finally:
            run.window.close()

    monkeypatch.setattr(hipcoach.app.GuiRun, "_after_paint", spy)
    assert hipcoach.app.run_app(AppOptions()) == EXIT_OK
    if failed:
        raise failed[0]


def settle(run: hipcoach.app.GuiRun) -> None:
    """Every queued read and write of the recorder done, and its answers delivered to the window."""
    assert run.services is not None
    for _ in range(5):
        assert run.services.recorder.flush(10)
        QCoreApplication.processEvents()


def last_plan() -> tuple[PlannedEntry, ...] | None:
    with open_history() as store:
        newest = max(store.sessions(), key=lambda row: row.id)
        return store.session_plan(newest.id)


def bridge_reps(plan: tuple[PlannedEntry, ...] | None) -> int | None:
    assert plan is not None
    return next(entry.dose.reps for entry in plan if entry.exercise_id == "bridge")


def test_the_changes_are_shown_and_start_runs_them(monkeypatch: pytest.MonkeyPatch) -> None:
    seed([planned_entries(strength())] * 2)
    seen: dict[str, object] = {}

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        settle(run)
        assert window.chooser.select("strength")
        proposal = window.chooser.proposals.of(window.chooser.selected_routine())
        assert proposal is not None
        seen["proposed"] = planned_entries(proposal.proposed)
        seen["lines"] = window.chooser.changes_panel.lines_label.text()
        seen["start"] = window.chooser.start_button.text()
        seen["visible"] = window.chooser.changes_panel.isVisible()
        window.chooser.start_selected()
        settle(run)

    run_with(monkeypatch, act)
    assert seen["visible"] and seen["start"] == "Start with the changes"
    assert "Bridge: 12 \u2192 13 reps" in str(seen["lines"])
    assert last_plan() == seen["proposed"]
    assert bridge_reps(last_plan()) == 13


def test_keep_my_usual_dose_runs_the_dose_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    seed([planned_entries(strength())] * 2)

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        settle(run)
        assert window.chooser.select("strength")
        window.chooser.changes_panel.keep_button.click()
        assert window.chooser.start_button.text() == "Start with my usual dose"
        window.chooser.start_selected()
        settle(run)

    run_with(monkeypatch, act)
    assert last_plan() == planned_entries(strength())


def test_undo_goes_back_to_the_dose_before_the_last_change(monkeypatch: pytest.MonkeyPatch) -> None:
    written = planned_entries(strength())
    seen: dict[str, object] = {}

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        settle(run)
        assert window.chooser.select("strength")
        undo = {label.text().split(":")[0]: button for label, button in window.chooser.changes_panel.undo_rows}
        seen["before"] = sorted(undo)
        undo["Bridge"].click()
        settle(run)
        seen["after"] = sorted(label.text().split(":")[0] for label, _b in window.chooser.changes_panel.undo_rows)
        routine = window.chooser.selected_routine()
        proposal = window.chooser.proposals.of(routine)
        assert proposal is not None
        seen["current"] = bridge_reps(planned_entries(proposal.current))
        window.chooser.changes_panel.keep_button.click()
        window.chooser.start_selected()
        settle(run)

    stepped = tuple(
        dataclasses.replace(e, dose=dataclasses.replace(e.dose, reps=13)) if e.exercise_id == "bridge" else e
        for e in written
    )
    seed([written, written, stepped])
    run_with(monkeypatch, act)
    assert "Bridge" in seen["before"] and "Bridge" not in seen["after"]  # type: ignore[operator]
    assert seen["current"] == 12
    with open_history() as store:
        (choice,) = store.dose_choices()
    assert (choice.kind, choice.exercise_id, choice.plan.dose.reps) == (ChoiceKind.SET, "bridge", 12)
    assert choice.routine_id == "strength"  # the dose is kept per routine: the undo holds in this one
    assert bridge_reps(last_plan()) == 12


def test_turning_adaptation_off_runs_the_dose_reached_and_is_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    seed([planned_entries(strength())] * 2)
    seen: dict[str, object] = {}

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        settle(run)
        assert window.chooser.select("strength")
        window.chooser.changes_panel.off_button.click()
        settle(run)
        seen["visible"] = window.chooser.changes_panel.isVisible()
        seen["start"] = window.chooser.start_button.text()
        window.chooser.start_selected()
        settle(run)

    run_with(monkeypatch, act)
    assert not load_settings().adapt_doses
    assert seen == {"visible": False, "start": "Start"}
    assert last_plan() == planned_entries(strength())


def test_a_start_pressed_before_the_history_is_read_waits_and_runs_the_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed([planned_entries(strength())] * 2)

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        assert window.chooser.select("strength")
        window.chooser.setFocus()
        window.chooser.start_action.trigger()  # Enter at once: the proposals are still being read
        settle(run)

    run_with(monkeypatch, act)
    assert bridge_reps(last_plan()) == 13
