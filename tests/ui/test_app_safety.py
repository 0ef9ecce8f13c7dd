"""The safety answers through the real app (``run_app`` in this process) with the shipped exercises and routines:
what the chooser offers, what a session runs, when the questions are asked, and Settings → Safety re-offering.

Each run does its part right after the first paint (``act``), notes what it saw, and closes the window; the test
checks the notes once ``run_app`` has returned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import hipcoach.app
from hipcoach.core.instance import Answer
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign, save_answers
from hipcoach.core.safety.precautions import Approach
from hipcoach.core.settings import Settings, save_settings
from hipcoach.options import EXIT_OK, AppOptions
from hipcoach.ui.chooser import TITLE_ROLE
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.safety_pages import SafetyQuestionsPage, SafetySettingsPage
from tests.ui.conftest import OFFSCREEN_SIZE_HINTS
from tests.ui.rig import FakeInhibitor

TODAY = date(2026, 12, 3)
FROM_THE_BACK = SafetyAnswers(
    answered=True,
    operation=Operation(hip=OperatedHip.LEFT, approach=Approach.BACK, on=date(2026, 11, 1)),
    answered_on=date(2026, 11, 2),
)
ALL_ROUTINES = ["gentle-mobility", "strength", "strength-long", "stretching", "full"]

Act = Callable[[hipcoach.app.GuiRun, MainWindow], object]  # False: leave the window open (the act closes it)


@pytest.fixture(autouse=True)
def calendar(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> list[date]:
    """No D-Bus screen saver, no audio, and the date the precautions are measured against: ``calendar[0]``."""
    monkeypatch.setattr(hipcoach.app, "ScreenSaverInhibitor", FakeInhibitor)
    monkeypatch.setattr(hipcoach.app, "make_speaker", lambda _settings: None)
    day = [TODAY]
    monkeypatch.setattr(hipcoach.app, "today", lambda: day[0])
    return day


def run_with(monkeypatch: pytest.MonkeyPatch, act: Act, options: AppOptions | None = None) -> int:
    """Run the real app; ``act`` runs once the work after the first paint is done, then the window closes. A failure
    in ``act`` is raised here, after the run (in the app it would be a slot's error, logged and shown)."""
    after_paint = hipcoach.app.GuiRun._after_paint
    failed: list[BaseException] = []

    def spy(run: hipcoach.app.GuiRun, *args: object, **kwargs: object) -> None:
        after_paint(run, *args, **kwargs)
        assert run.window is not None
        keep = False
        try:
            keep = act(run, run.window) is False
        except Exception as exc:  # raised again below, outside the event loop
            failed.append(exc)
        finally:
            if not keep:
                run.window.close()

    monkeypatch.setattr(hipcoach.app.GuiRun, "_after_paint", spy)
    status = hipcoach.app.run_app(options or AppOptions())
    if failed:
        raise failed[0]
    return status


def offered(window: MainWindow) -> list[str]:
    return [routine.id for routine in window.chooser.routines()]


def names(window: MainWindow) -> list[str]:
    chooser = window.chooser
    return [str(chooser.list.item(row).data(TITLE_ROLE)) for row in range(chooser.list.count())]


def test_never_answered_offers_every_routine_as_written_and_asks_the_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_settings(Settings(first_run_notice_seen=True))
    seen: dict[str, object] = {}

    def act(_run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        seen["offered"] = offered(window)
        seen["adapted"] = [r.id for r in window.chooser.routines() if r.adaptations]
        seen["page"] = window.current_page()
        seen["banner"] = window.chooser.safety_label.isVisibleTo(window.chooser)

    assert run_with(monkeypatch, act) == EXIT_OK
    assert seen["offered"] == ALL_ROUTINES and seen["adapted"] == []
    assert isinstance(seen["page"], SafetyQuestionsPage)
    assert seen["banner"] is False


@pytest.mark.parametrize(
    "options", [AppOptions(start="gentle-mobility", quit_when_done=True, time_scale=1000), AppOptions(start="strength")]
)
def test_start_and_an_unattended_run_never_ask_the_questions(
    monkeypatch: pytest.MonkeyPatch, options: AppOptions
) -> None:
    save_settings(Settings(first_run_notice_seen=True))
    pages: list[object] = []

    def act(_run: hipcoach.app.GuiRun, window: MainWindow) -> bool:
        """Note the page now and once the routine has started (--start waits for the look at the history)."""
        pages.append(window.current_page())

        def started(_state: str) -> None:
            pages.append(window.current_page())
            window.close()

        if window.controller.is_active:
            return True
        window.controller.state_changed.connect(started, Qt.ConnectionType.SingleShotConnection)
        return False

    run_with(monkeypatch, act, options)
    assert len(pages) == 2 or options.quit_when_done
    assert not any(isinstance(page, SafetyQuestionsPage) for page in pages)


def test_an_operation_from_the_back_adapts_the_routines_and_the_session_runs_the_adapted_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_answers(FROM_THE_BACK)
    seen: dict[str, object] = {}

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        seen["banner"] = window.chooser.safety_label.text()
        assert window.chooser.select("stretching")
        seen["chosen"] = window.chooser.selected_routine()
        seen["changes"] = window.chooser.changes_label.text() if window.chooser.changes_label.isVisible() else ""
        seen["exercises"] = window.chooser.exercises_label.text()
        window.chooser.start_selected()  # starts once the progression's proposals are read from the history
        assert run.services is not None and run.services.recorder.flush(10)
        QCoreApplication.processEvents()
        plan = window.controller.plan
        assert plan is not None
        seen["plan"] = [entry.exercise.id for entry in plan.routine.entries]
        seen["phases"] = sorted({phase.entry_index for phase in plan.phases})

    assert run_with(monkeypatch, act) == EXIT_OK
    assert str(seen["banner"]).startswith("Adapted for your hip operation until 24 January.")
    chosen = seen["chosen"]
    assert chosen is not None and [change.exercise.id for change in chosen.adaptations] == [  # type: ignore[attr-defined]
        "butterfly-stretch",
        "knee-to-chest",
        "pigeon-pose",
    ]
    assert str(seen["changes"]).splitlines() == [
        "Changed for your hip:",
        "Seated Butterfly Stretch is left out: it bends the hip past 90°.",
        "Knee-to-Chest Stretch is left out: it bends the hip past 90°.",
        "Pigeon Pose is left out: it bends the hip past 90°.",
    ]
    assert [line.split("  ")[0] for line in str(seen["exercises"]).splitlines()] == [
        "1. Leg Swings",
        "2. Quadriceps Stretch",
    ]
    assert seen["plan"] == ["leg-swings", "quadriceps-stretch"]
    assert seen["phases"] == [0, 1]


def test_the_day_the_precautions_end_an_open_window_offers_the_routines_as_written(
    monkeypatch: pytest.MonkeyPatch, calendar: list[date]
) -> None:
    """The window is left open overnight; when it becomes active again (RoutineWatch), the new day is seen."""
    save_answers(FROM_THE_BACK)
    seen: dict[str, object] = {}

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        seen["before"] = [r.id for r in window.chooser.routines() if r.adaptations]
        calendar[0] = date(2027, 1, 23)  # the last day of the precautions
        run._reload_routines()
        seen["last day"] = [r.id for r in window.chooser.routines() if r.adaptations]
        calendar[0] = date(2027, 1, 24)
        run._reload_routines()
        seen["after"] = [r.id for r in window.chooser.routines() if r.adaptations]
        seen["banner"] = window.chooser.safety_label.isVisibleTo(window.chooser)

    assert run_with(monkeypatch, act) == EXIT_OK
    adapted = ["gentle-mobility", "strength", "strength-long", "stretching", "full"]
    assert seen == {"before": adapted, "last day": adapted, "after": [], "banner": False}


def test_a_warning_sign_offers_only_the_gentle_routine_with_a_banner_saying_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.NO_WEIGHT}), answered_on=TODAY))
    seen: dict[str, object] = {}

    def act(_run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        seen["offered"] = offered(window)
        seen["names"] = names(window)
        seen["banner"] = window.chooser.safety_label.text()
        seen["shown"] = window.chooser.safety_label.isVisibleTo(window.chooser)

    assert run_with(monkeypatch, act) == EXIT_OK
    assert seen["offered"] == ["gentle-mobility"]
    assert seen["shown"] is True
    banner = str(seen["banner"])
    assert "Only Gentle Mobility is offered" in banner and "Settings \N{RIGHTWARDS ARROW} Safety" in banner


def test_answers_saved_in_settings_change_the_routines_offered_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(first_run_notice_seen=True, safety_questions_seen=True))
    seen: dict[str, object] = {}

    def act(_run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        seen["before"] = offered(window)
        window.safety_entry.trigger()
        dialog = window.settings_dialog
        assert dialog is not None
        page = dialog.current_page()
        assert isinstance(page, SafetySettingsPage)
        page.form.signs[WarningSign.FALL].setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        seen["after"] = offered(window)
        seen["page"] = type(window.current_page()).__name__
        window.safety_entry.trigger()
        dialog = window.settings_dialog
        assert dialog is not None
        page = dialog.current_page()
        assert isinstance(page, SafetySettingsPage)
        page.form.signs[WarningSign.FALL].setChecked(False)
        page.form.yes_operation.setChecked(True)
        page.form.hip_buttons[OperatedHip.RIGHT].setChecked(True)
        page.form.approach_buttons[Approach.FRONT].setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        seen["again"] = offered(window)
        seen["adapted"] = [r.id for r in window.chooser.routines() if r.precautions]
        seen["advice_then_chooser"] = window.current_page() is window.chooser

    assert run_with(monkeypatch, act) == EXIT_OK
    assert seen["before"] == ALL_ROUTINES
    assert seen["after"] == ["gentle-mobility"]
    assert seen["page"] == "SafetyAdvicePage"
    assert seen["again"] == ALL_ROUTINES
    assert seen["adapted"] == ALL_ROUTINES  # adapted to the front's precaution, whether or not anything changed


def test_escape_on_the_first_run_questions_leaves_every_routine_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(first_run_notice_seen=True))
    seen: dict[str, object] = {}

    def act(_run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        page = window.current_page()
        assert isinstance(page, SafetyQuestionsPage)
        page.form.signs[WarningSign.FEVER].setChecked(True)  # ticked, then skipped: nothing is kept
        QTest.keyClick(page.form.no_operation, Qt.Key.Key_Escape)
        seen["page"] = window.current_page() is window.chooser
        seen["offered"] = offered(window)

    assert run_with(monkeypatch, act) == EXIT_OK
    assert seen == {"page": True, "offered": ALL_ROUTINES}


# the hand-off brings the window to the front, which the offscreen platform cannot do (and the usual one, conftest)
@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)", OFFSCREEN_SIZE_HINTS)
def test_a_routine_handed_over_by_a_second_launch_runs_as_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    """``hipcoach --start stretching`` while the window is open: the window runs Stretching adapted, as its chooser
    offers it; after a warning sign it starts nothing but Gentle Mobility."""
    save_answers(FROM_THE_BACK)
    save_settings(Settings(first_run_notice_seen=True, safety_questions_seen=True))
    seen: dict[str, object] = {}

    def act(run: hipcoach.app.GuiRun, window: MainWindow) -> None:
        seen["answer"] = run._on_handoff(["--start", "stretching"])
        plan = window.controller.plan
        assert plan is not None
        seen["plan"] = [entry.exercise.id for entry in plan.routine.entries]
        window.controller.stop()
        window.set_safety_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.FALL})))
        window.show_chooser()
        seen["refused"] = run._on_handoff(["--start", "strength"])
        seen["notices"] = window.notices.texts()

    assert run_with(monkeypatch, act) == EXIT_OK
    assert seen["plan"] == ["leg-swings", "quadriceps-stretch"]
    refused = seen["refused"]
    assert isinstance(refused, Answer) and not refused.ok
    assert refused.message.startswith("--start: Strength is not offered: you told hipcoach about a warning sign")
    assert refused.message in seen["notices"]  # type: ignore[operator]
