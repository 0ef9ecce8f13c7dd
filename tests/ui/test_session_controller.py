"""The controller's command slots: each runs the engine's command of its name on a real engine, and none does
anything before the first session."""

from __future__ import annotations

import inspect

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core.clocks import sleep_clock
from hipcoach.core.engine import SessionEngine
from hipcoach.core.plan import build_plan
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
