"""The session's public state on the controller, which the session page reads instead of the engine."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hipcoach.core.engine import PauseReason
from hipcoach.core.plan import PhaseKind
from hipcoach.core.session_state import State
from tests.factories import entry, exercise, routine
from tests.ui.rig import WindowRig


def test_the_controller_shows_the_session_without_its_engine(rig: WindowRig) -> None:
    controller = rig.controller
    assert (controller.plan, controller.phase, controller.phase_index, controller.pause_reason) == (None,) * 4
    assert not controller.accepts_done() and not controller.stopped_for_sharp_pain
    rig.start(routine(entry(exercise("bridge")), entry(exercise("clamshell"))), keep_pain_question=True)
    assert controller.state is State.WAITING and controller.accepts_done()  # Enter is "go" while waiting
    assert controller.phase is not None and controller.phase.kind is PhaseKind.GET_READY
    get_ready = controller.phase.duration
    rig.key(Qt.Key.Key_X)
    rig.run(get_ready + 2.5)
    assert controller.phase is not None and controller.phase.kind is PhaseKind.REPS
    assert controller.accepts_done()  # and "done" during work
    assert 0 < controller.progress() < 1 and controller.remaining() > 0
    rig.key(Qt.Key.Key_S)
    assert controller.pause_reason is PauseReason.SHARP_PAIN and controller.stopped_for_sharp_pain
    assert not controller.accepts_done()
