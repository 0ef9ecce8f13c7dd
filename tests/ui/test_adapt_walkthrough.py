"""A walk through the adaptive programme in the real window, by keys only, with the shipped Strength routine and a
real history file: the chooser lists the changes, Enter starts them, the pain before is rated, the session runs to
its end on fake clocks, the summary's answers are given, Esc goes back and the chooser reads the history again.
Screenshots at 1024x600 are kept in artifacts/ for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.dose_plan import Feeling, planned_entries
from hipcoach.core.history import open_history
from hipcoach.core.model import Exercise
from hipcoach.ui.adaptation import Adaptation
from hipcoach.ui.services import Services
from hipcoach.ui.sore_day_page import SoreDayOfferPage
from tests.history_seed import seed_finished_sessions
from tests.ui.rig import WindowRig

SIZE = (1024, 600)


@dataclass
class _Content:
    catalogue: dict[str, Exercise] = field(default_factory=dict)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Content]:
    monkeypatch.delenv("HIPCOACH_RESOURCES", raising=False)
    yield _Content(load_catalogue())


def shot(rig: WindowRig, folder: Path, name: str) -> None:
    """The window as it is, and a check that the page on screen fits 1024x600 (the window itself is held wider by
    the History page's minimum width, a page of the same stack)."""
    rig.qtbot.wait(20)  # a layout pass for the lines just shown
    page = rig.window.current_page()
    assert page is not None
    needs = page.minimumSizeHint()
    assert needs.width() <= SIZE[0] and needs.height() <= page.height(), f"{name}: {needs} does not fit"
    image = rig.window.grab()
    assert image.height() == SIZE[1], f"{name}: the window grew to fit, so something would be cut"
    image.save(str(folder / f"adapt-{name}.png"))


def test_walk_through_changes_session_answers_and_back(
    rig: WindowRig, qtbot: QtBot, shipped: _Content, artifacts_dir: Path
) -> None:
    routines = builtin_routines(shipped.catalogue)
    strength = next(routine for routine in routines if routine.id == "strength")
    seed_finished_sessions(strength, [1, 1])
    names = {exercise.id: exercise.name for exercise in shipped.catalogue.values()}
    services = Services(rig.window, rig.controller, rig.window.settings, names, lambda _settings: None)
    try:
        adaptation = Adaptation(rig.window, services.recorder, lambda: shipped, lambda: datetime.now(UTC).date())
        rig.window.resize(*SIZE)
        chooser = rig.window.chooser
        rig.window.set_routines(routines)
        adaptation.refresh()
        qtbot.waitUntil(lambda: chooser.proposals.known is not None)
        assert chooser.select("strength")
        assert chooser.changes_panel.isVisible() and chooser.start_button.isVisible()
        shot(rig, artifacts_dir, "chooser-changes")
        proposal = chooser.proposals.of(strength)
        assert proposal is not None and proposal.changes

        rig.key(Qt.Key.Key_Return)
        assert rig.window.current_page() is rig.view
        rig.key(Qt.Key.Key_1)  # pain before: as usual, nothing offered
        assert rig.window.current_page() is rig.view
        for _ in range(600):
            if rig.window.current_page() is rig.window.summary_view:
                break
            rig.run(10, step=1)
        assert rig.window.current_page() is rig.window.summary_view
        rig.key(Qt.Key.Key_A)
        rig.key(Qt.Key.Key_H)
        rig.key(Qt.Key.Key_2)  # pain after
        shot(rig, artifacts_dir, "summary-answers")
        rig.key(Qt.Key.Key_Escape)
        assert rig.window.current_page() is chooser
        qtbot.waitUntil(lambda: chooser.proposals.known is not None)
        assert services.recorder.flush(10)
        with open_history() as store:
            newest = max(store.sessions(), key=lambda row: row.id)
            plan = store.session_plan(newest.id)
            past = store.past_sessions()[-1]
        assert plan == planned_entries(proposal.proposed)
        assert [entry.feeling for entry in past.entries[:3]] == [Feeling.ABOUT_RIGHT, Feeling.TOO_HARD, None]
        assert newest.pain_before == 1 and newest.pain_after == 2
        # "too hard" counts for its own exercise: the second one is not stepped up again next time
        after = chooser.proposals.of(strength)
        assert after is not None
        assert all(change.entry_index != 1 or change.direction.value != "up" for change in after.changes)
    finally:
        services.close()


def test_screenshots_of_the_sore_day_question_and_offer(
    rig: WindowRig, qtbot: QtBot, shipped: _Content, artifacts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    routines = builtin_routines(shipped.catalogue)
    strength = next(routine for routine in routines if routine.id == "strength")
    seed_finished_sessions(strength, [1, 2, 1])
    names = {exercise.id: exercise.name for exercise in shipped.catalogue.values()}
    services = Services(rig.window, rig.controller, rig.window.settings, names, lambda _settings: None)
    try:
        adaptation = Adaptation(rig.window, services.recorder, lambda: shipped, lambda: datetime.now(UTC).date())
        rig.window.resize(*SIZE)
        rig.window.set_routines(routines)
        adaptation.refresh()
        qtbot.waitUntil(lambda: rig.window.chooser.proposals.known is not None)
        assert rig.window.chooser.select("strength")

        from hipcoach.ui.questions import floor_question  # noqa: PLC0415 - the box the window shows

        box, _yes, _no = floor_question(rig.window)
        box.show()
        qtbot.waitExposed(box)
        box.grab().save(str(artifacts_dir / "adapt-floor-question.png"))
        assert box.grab().width() <= SIZE[0]
        box.close()
        with qtbot.waitActive(rig.window):
            rig.window.activateWindow()

        monkeypatch.setattr(rig.window, "ask_floor_hurts", lambda: True)
        rig.key(Qt.Key.Key_Return)
        rig.key(Qt.Key.Key_7)
        assert isinstance(rig.window.current_page(), SoreDayOfferPage)
        shot(rig, artifacts_dir, "sore-day-offer")
        rig.key(Qt.Key.Key_Y)
        plan = rig.controller.plan
        assert plan is not None and plan.routine.sore_day
        rig.run(8)
        shot(rig, artifacts_dir, "sore-day-session")
    finally:
        services.close()
