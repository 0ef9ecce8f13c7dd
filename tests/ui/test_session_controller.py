"""The controller's command slots: each runs the engine's command of its name on a real engine, and none does
anything before the first session."""

from __future__ import annotations

import inspect

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core.clocks import sleep_clock
from hipcoach.core.engine import SessionEngine
from hipcoach.core.plan import build_plan
from hipcoach.core.reminders import spoken_seconds
from hipcoach.core.session_state import State
from hipcoach.ui.session_controller import SessionController
from tests.factories import FakeClock, entry, exercise, routine
from tests.ui.rig import FakeTimer

COMMANDS = (
    "poll",
    "toggle_pause",
    "pause",
    "resume",
    "confirm_ready",
    "next",
    "sharp_pain",
    "previous",
    "repeat",
    "stop",
)


def _controller() -> SessionController:
    clock = FakeClock()
    return SessionController(clock=clock, wall_clock=clock, timer_factory=lambda _parent, callback: FakeTimer(callback))


@pytest.mark.parametrize("name", COMMANDS)
def test_each_slot_runs_the_engine_command_of_its_name(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    controller = _controller()
    controller.start(build_plan(routine(entry(exercise("bridge")), entry(exercise("clam")))))
    called: list[str] = []
    command = getattr(SessionEngine, name)
    monkeypatch.setattr(SessionEngine, name, lambda engine: called.append(name) or command(engine))
    getattr(controller, name)()
    assert called == [name]


@pytest.mark.parametrize("name", (*COMMANDS, "done"))
def test_before_the_first_session_a_command_does_nothing(qtbot: QtBot, name: str) -> None:
    controller = _controller()
    with qtbot.assertNotEmitted(controller.engine_event), qtbot.assertNotEmitted(controller.state_changed):
        getattr(controller, name)()
    assert controller.engine is None and controller.state is State.IDLE


def test_sessions_notice_a_sleep_on_the_boot_clock_not_the_wall_clock() -> None:
    """A wall clock stepped forward by time synchronisation is not a sleep (tests/core/test_engine.py)."""
    assert inspect.signature(SessionController).parameters["wall_clock"].default is sleep_clock


def _switch_sides_run(pause_after: float) -> list[str]:
    """A one-sided exercise run to its side switch; paused ``pause_after`` seconds into it, resumed 5 s later.
    Returns what was said from the switch on."""
    clock = FakeClock()
    controller = SessionController(
        clock=clock, wall_clock=clock, timer_factory=lambda _parent, callback: FakeTimer(callback)
    )
    said: list[str] = []
    controller.cue.connect(lambda cue, _due: said.append(cue.text))
    controller.start(build_plan(routine(entry(exercise("clam", reps=2, per_side=True)))))
    while not any(text.startswith("Switch sides") for text in said):
        clock.advance(0.05)
        controller.poll()
    said[:] = said[-1:]
    for _ in range(round(pause_after / 0.05)):
        clock.advance(0.05)
        controller.poll()
    controller.pause()
    clock.advance(5)
    controller.resume()
    return said


def test_carrying_on_says_again_the_instruction_a_pause_cut_short(qtbot: QtBot) -> None:
    """Space a moment after "Switch sides…" cut it after a word; "Carry on." alone never said which side."""
    said = _switch_sides_run(pause_after=0.2)
    switch = "Switch sides. Your right leg moves. 2 reps each side. Breathe out as you lift."
    assert said == [switch, "Paused.", switch]


def test_carrying_on_after_the_instruction_was_heard_says_carry_on(qtbot: QtBot) -> None:
    switch = "Switch sides. Your right leg moves. 2 reps each side. Breathe out as you lift."
    said = _switch_sides_run(pause_after=spoken_seconds(switch) + 0.1)
    assert said[0] == switch and said[-2:] == ["Paused.", "Carry on."]
