"""The adaptive programme in a real window with a real history file (issue 17): the summary's answers stored, "Sore
today?" starting the sore-day routine, and the offer to switch before the first exercise only when the pain before
the session is clearly higher than usual. Fake clocks drive the session; the recorder writes to a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hipcoach.core.dose_plan import Feeling, planned_entries
from hipcoach.core.history import open_history
from hipcoach.core.model import Exercise, Routine
from hipcoach.ui.adaptation import Adaptation
from hipcoach.ui.services import Services
from hipcoach.ui.sore_day_page import SoreDayOfferPage
from tests.history_seed import seed_finished_sessions
from tests.ui.rig import WindowRig, run_to_summary, three_exercises


@dataclass
class _Content:
    catalogue: dict[str, Exercise] = field(default_factory=dict)


@dataclass
class Adapted:
    rig: WindowRig
    services: Services
    adaptation: Adaptation
    routine: Routine

    def read(self, qtbot: QtBot) -> None:
        """Offer the routine and wait until the chooser has the progression's proposals."""
        self.rig.window.set_routines([self.routine])
        self.adaptation.refresh()
        qtbot.waitUntil(lambda: self.rig.window.chooser.proposals.known is not None)

    def flush(self) -> None:
        assert self.services.recorder.flush(10)


@pytest.fixture
def adapted(rig: WindowRig, qtbot: QtBot) -> Iterator[Adapted]:
    routine = three_exercises()
    content = _Content({entry.exercise.id: entry.exercise for entry in routine.entries})
    names = {exercise.id: exercise.name for exercise in content.catalogue.values()}
    services = Services(rig.window, rig.controller, rig.window.settings, names, lambda _settings: None)
    adaptation = Adaptation(rig.window, services.recorder, lambda: content, lambda: datetime.now(UTC).date())
    try:
        yield Adapted(rig, services, adaptation, routine)
    finally:
        services.close()


def test_the_summarys_answers_are_stored_changed_and_cleared(adapted: Adapted, qtbot: QtBot) -> None:
    rig = adapted.rig
    adapted.read(qtbot)
    rig.start(adapted.routine)
    run_to_summary(rig)
    rig.key(Qt.Key.Key_H)  # Leg raise: too hard
    rig.key(Qt.Key.Key_A)  # Stretch: about right
    rig.key(Qt.Key.Key_E)  # Bike: too easy
    rig.key(Qt.Key.Key_Up)
    rig.key(Qt.Key.Key_A)  # Stretch again: the same answer clears it
    adapted.flush()
    with open_history() as store:
        (past,) = store.past_sessions()
    assert [entry.feeling for entry in past.entries] == [Feeling.TOO_HARD, None, Feeling.TOO_EASY]


def test_sore_today_asks_about_the_floor_and_starts_the_sore_day_routine(
    adapted: Adapted, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    rig = adapted.rig
    adapted.read(qtbot)
    asked: list[bool] = []

    def floor_hurts() -> bool:
        asked.append(True)
        return True

    monkeypatch.setattr(rig.window, "ask_floor_hurts", floor_hurts)
    rig.key(Qt.Key.Key_D)
    assert asked == [True]
    assert rig.window.current_page() is rig.view
    plan = rig.controller.plan
    assert plan is not None and plan.routine.sore_day
    assert "sore-day session" in rig.view.progress.format()
    assert "sore day" in rig.window.windowTitle()
    adapted.flush()
    with open_history() as store:
        (row,) = store.sessions()
        assert row.sore_day
        assert store.session_plan(row.id) == planned_entries(plan.routine)


def test_sore_today_cancelled_starts_nothing(adapted: Adapted, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    adapted.read(qtbot)
    monkeypatch.setattr(adapted.rig.window, "ask_floor_hurts", lambda: None)
    adapted.rig.key(Qt.Key.Key_D)
    assert adapted.rig.window.current_page() is adapted.rig.window.chooser
    assert adapted.rig.controller.plan is None


def test_pain_clearly_higher_than_usual_offers_the_sore_day_version_and_switching_runs_it(
    adapted: Adapted, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    rig = adapted.rig
    seed_finished_sessions(adapted.routine, amount=3, pains=[1, 2, 1])
    adapted.read(qtbot)
    monkeypatch.setattr(rig.window, "ask_floor_hurts", lambda: False)
    rig.start(adapted.routine, keep_pain_question=True)
    rig.key(Qt.Key.Key_7)
    page = rig.window.current_page()
    assert isinstance(page, SoreDayOfferPage)
    assert "7 of 10" in page.text_label.text()
    rig.run(30)  # the session waits for the answer
    assert rig.controller.phase is not None and rig.controller.phase.entry_index == 0
    rig.key(Qt.Key.Key_Y)
    assert rig.window.current_page() is rig.view
    plan = rig.controller.plan
    assert plan is not None and plan.routine.sore_day
    assert not rig.view.pain_before.isVisible()  # rated once: not asked again
    adapted.flush()
    with open_history() as store:
        sessions = store.sessions()
        assert len(sessions) == 4  # the three before, and the sore-day one: the replaced session is gone
        today = max(sessions, key=lambda row: row.id)
        assert today.sore_day and today.pain_before == 7
        assert store.session_plan(today.id) == planned_entries(plan.routine)


def test_carry_on_keeps_the_session_as_planned(adapted: Adapted, qtbot: QtBot) -> None:
    rig = adapted.rig
    seed_finished_sessions(adapted.routine, amount=3, pains=[1, 2, 1])
    adapted.read(qtbot)
    rig.start(adapted.routine, keep_pain_question=True)
    rig.key(Qt.Key.Key_7)
    assert isinstance(rig.window.current_page(), SoreDayOfferPage)
    rig.key(Qt.Key.Key_N)
    assert rig.window.current_page() is rig.view
    rig.run(10)
    plan = rig.controller.plan
    assert plan is not None and not plan.routine.sore_day
    assert rig.controller.phase is not None and rig.controller.phase.kind.is_work  # it went on to the first exercise


@pytest.mark.parametrize(("usual", "pain"), [([1, 2, 1], 2), ([3, 4, 3], 4)])
def test_pain_as_usual_offers_nothing(adapted: Adapted, qtbot: QtBot, usual: list[int], pain: int) -> None:
    rig = adapted.rig
    seed_finished_sessions(adapted.routine, amount=3, pains=usual)
    adapted.read(qtbot)
    rig.start(adapted.routine, keep_pain_question=True)
    rig.key(Qt.Key(Qt.Key.Key_0.value + pain))
    assert rig.window.current_page() is rig.view


def test_without_a_usual_pain_nothing_is_offered(adapted: Adapted, qtbot: QtBot) -> None:
    adapted.read(qtbot)
    adapted.rig.start(adapted.routine, keep_pain_question=True)
    adapted.rig.key(Qt.Key.Key_9)
    assert adapted.rig.window.current_page() is adapted.rig.view


def test_after_delete_all_my_data_the_history_is_read_again(adapted: Adapted, qtbot: QtBot) -> None:
    seed_finished_sessions(adapted.routine, amount=3, pains=[1, 2, 1])
    adapted.read(qtbot)
    assert adapted.adaptation.past is not None and len(adapted.adaptation.past) == 3
    adapted.services.recorder.delete_all_data()
    qtbot.waitUntil(lambda: adapted.adaptation.past == ())
    adapted.rig.start(adapted.routine, keep_pain_question=True)
    adapted.rig.key(Qt.Key.Key_7)
    assert adapted.rig.window.current_page() is adapted.rig.view  # no usual pain any more: nothing offered
