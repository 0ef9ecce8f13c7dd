"""The editor and sessions never meet: a second launch's ``--start`` while a routine is being edited keeps the unsaved
changes (and starts nothing), a routine saved while a session of it runs does not change that session, and a resume
after the edit runs the plan the session recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hipcoach.app import GuiRun
from hipcoach.app_handoff import HandoffHandling
from hipcoach.core import resume
from hipcoach.core.content import load_routine, user_routines
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import ExerciseDone
from hipcoach.core.history import HISTORY_FILE, open_history
from hipcoach.core.instance import Answer, Handoff
from hipcoach.core.model import Routine
from hipcoach.core.plan import build_plan
from hipcoach.options import AppOptions
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.recorder import SessionRecorder
from hipcoach.ui.window_editor import EDITING_FIRST, RESUME_LATER
from tests.factories import FakeClock
from tests.ui.conftest import OFFSCREEN_SIZE_HINTS
from tests.ui.editor_rig import Content, write_routine
from tests.ui.rig import WindowRig
from tests.ui.test_window_editor import StandInPage


class Run(HandoffHandling):
    """The receiving end of a hand-off, as ``GuiRun`` has it, around the test's window and content."""

    def __init__(self, window: MainWindow, content: Content) -> None:
        self.options = AppOptions()
        self.window = window
        self.content = SimpleNamespace(catalogue=content.catalogue)  # type: ignore[assignment]

    def _as_offered_now(self, routine: Routine) -> Routine:
        return routine

    def start(self, routine_id: str) -> Answer:
        return self._on_handoff(Handoff(routine_id).args())


@pytest.fixture
def content(rig: WindowRig) -> Content:
    loaded = Content(rig.window)
    rig.window.set_routine_files(loaded.files(), make_page=StandInPage)
    return loaded


RAISE = pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)", OFFSCREEN_SIZE_HINTS)  # no window manager


def new_routine_page(rig: WindowRig, qtbot: QtBot, *, unsaved: bool) -> StandInPage:
    """Ctrl+N from the chooser: the editor's page in place of it, with or without changes not saved."""
    qtbot.keyClick(rig.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editing = rig.window.current_page()
    assert isinstance(editing, StandInPage)
    editing.unsaved = unsaved
    return editing


@RAISE
def test_a_start_handed_over_while_an_edit_is_unsaved_starts_nothing_and_keeps_it(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    editing = new_routine_page(rig, qtbot, unsaved=True)
    answer = Run(rig.window, content).start("strength")
    assert not answer.ok
    assert "being edited" in answer.message and "Strength was not started" in answer.message
    assert rig.window.current_page() is editing and editing.has_unsaved_changes()
    assert not rig.controller.is_active
    assert rig.window.notices.texts() == [f"{EDITING_FIRST} Strength was not started."]


@RAISE
def test_a_start_handed_over_while_the_editor_has_nothing_unsaved_closes_it_and_starts(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    new_routine_page(rig, qtbot, unsaved=False)
    answer = Run(rig.window, content).start("strength")
    assert answer.ok, answer.message
    assert rig.window.current_page() is rig.view and rig.controller.is_active
    rig.window.new_routine()  # no way into the editor while the session runs
    assert rig.window.current_page() is rig.view


def edited(path: Path) -> None:
    """The user's routine saved again by the editor: another dose, one exercise fewer, another order."""
    path.write_text(
        'name = "Evening"\n[[exercise]]\nid = "bridge"\nreps = 3\n[[exercise]]\nid = "leg-swings"\n', encoding="utf-8"
    )


def test_saving_a_routine_does_not_change_the_session_of_it_running(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    path = write_routine("evening", "Evening", "leg-swings", "bridge", "clamshells")
    content.reload()
    rig.start(content.routine("evening"))
    running = rig.controller.plan
    assert running is not None
    phases = running.phases
    edited(path)
    content.reload()  # the app's reload, as after a save
    assert len(content.routine("evening").entries) == 2
    rig.run(30)
    assert rig.controller.plan is running and running.phases == phases
    assert len({phase.entry_index for phase in running.phases}) == 3


def test_a_resume_after_the_edit_runs_the_plan_the_session_recorded(
    qtbot: QtBot, hipcoach_data_dir: Path, rig: WindowRig, content: Content
) -> None:
    path = write_routine("evening", "Evening", "leg-swings", "bridge", "clamshells")
    content.reload()
    ran = content.routine("evening")
    history = hipcoach_data_dir / HISTORY_FILE
    recorder = SessionRecorder(history)
    clock = FakeClock()
    engine = SessionEngine(build_plan(ran), clock, clock)
    for event in engine.start():
        recorder.on_event(event)
    done = 0
    while done < 1:  # cut off after the first exercise, as a kill leaves the history
        clock.advance(0.25)
        for event in engine.poll():
            recorder.on_event(event)
            done += isinstance(event, ExerciseDone)
    assert recorder.flush(10) and recorder.close()
    edited(path)
    mine, _errors = user_routines(content.catalogue)
    with open_history(history) as store:
        point = resume.find_resumable(
            store,
            [*content.builtins, *mine],
            datetime.now(UTC) + timedelta(minutes=30),
            lambda file: load_routine(file, content.catalogue),
            content.catalogue,
        )
    assert point is not None and point.entry_index == 1
    assert build_plan(point.routine).phases == build_plan(ran).phases


class ResumeRecorder:
    """The recorder's side of the resume offer: which interrupted session was carried on, or closed as stopped."""

    def __init__(self) -> None:
        self.continued: list[int] = []
        self.closed = 0

    def continue_session(self, session_id: int) -> None:
        self.continued.append(session_id)

    def close_interrupted(self, _routines: object, _catalogue: object) -> None:
        self.closed += 1


def offer_resume(rig: WindowRig, content: Content, recorder: ResumeRecorder, answer: bool) -> list[str]:
    """The app's resume offer (``GuiRun._offer_resume``) of a session cut short in Strength's second exercise; the
    questions asked."""
    asked: list[str] = []

    def ask(routine_name: str, _exercise_name: str) -> bool:
        asked.append(routine_name)
        return answer

    rig.window.ask_resume = ask  # type: ignore[method-assign]
    strength = content.routine("strength")
    point = resume.ResumePoint(SimpleNamespace(id=7), strength, 1, ())  # type: ignore[arg-type]
    run = SimpleNamespace(
        window=rig.window,
        services=SimpleNamespace(recorder=recorder),
        content=SimpleNamespace(routines=content.builtins, catalogue=content.catalogue, start=None),
    )
    GuiRun._offer_resume(run, point)  # type: ignore[arg-type]
    return asked


@RAISE
def test_a_resume_offer_while_an_edit_is_unsaved_keeps_the_edit_and_the_session_for_later(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    editing = new_routine_page(rig, qtbot, unsaved=True)
    recorder = ResumeRecorder()
    assert offer_resume(rig, content, recorder, answer=True) == []  # not asked: the answer would lose the edit
    assert rig.window.current_page() is editing and editing.has_unsaved_changes()
    assert not rig.controller.is_active
    assert recorder.continued == [] and recorder.closed == 0  # the session cut short stays for the next start
    assert rig.window.notices.texts() == [f"{EDITING_FIRST} {RESUME_LATER}"]


@RAISE
def test_a_resume_accepted_while_the_editor_has_nothing_unsaved_closes_it_and_carries_on(
    rig: WindowRig, content: Content, qtbot: QtBot
) -> None:
    new_routine_page(rig, qtbot, unsaved=False)
    recorder = ResumeRecorder()
    assert offer_resume(rig, content, recorder, answer=True) == ["Strength"]
    assert recorder.continued == [7]
    assert rig.window.current_page() is rig.view and rig.controller.is_active
