"""Cues handed to the speaker early by the output's latency: on a real controller and engine, a fake clock and timers
that fire when the clock reaches them. The early timer is armed at due - lead, says exactly the cues the moment
brings, once, and every command (or a change of what comes next) drops what it armed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core.cues import Cue, Priority
from hipcoach.core.plan import Plan, build_plan
from hipcoach.core.session_state import State
from hipcoach.ui.early_cues import LEAD_MOST
from hipcoach.ui.session_controller import SessionController
from tests.factories import FakeClock, entry, exercise, routine

LEAD = 0.05


class ClockTimer:
    """A single-shot timer that remembers the clock time it is due at."""

    def __init__(self, clock: FakeClock, callback: Callable[[], None]) -> None:
        self.clock = clock
        self.callback = callback
        self.deadline: float | None = None
        self.started: list[int] = []  # every interval it was started with, in ms

    def start(self, msec: int) -> None:
        self.started.append(msec)
        self.deadline = self.clock() + msec / 1000

    def stop(self) -> None:
        self.deadline = None

    def isActive(self) -> bool:
        return self.deadline is not None


@dataclass(frozen=True)
class Said:
    text: str
    priority: Priority
    due: float
    at: float  # the clock when the controller handed it over


class Rig:
    def __init__(self, plan: Plan, lead: float) -> None:
        self.plan = plan
        self.clock = FakeClock(1000.0)
        self.timers: list[ClockTimer] = []
        self.controller = SessionController(clock=self.clock, wall_clock=self.clock, timer_factory=self._timer)
        self.controller.early.lead = lambda: lead
        self.said: list[Said] = []
        self.controller.cue.connect(self._heard)

    def _timer(self, _parent: object, callback: Callable[[], None]) -> ClockTimer:
        timer = ClockTimer(self.clock, callback)
        self.timers.append(timer)
        return timer

    def _heard(self, cue: Cue, due: float) -> None:
        self.said.append(Said(cue.text, cue.priority, due, self.clock()))

    @property
    def early_timer(self) -> ClockTimer:
        return self.timers[1]  # the controller's poll timer is made first

    def start(self) -> None:
        self.controller.start(self.plan)

    def run_until(self, end: float) -> None:
        """Fire every timer due before ``end``, in the order of their deadlines, moving the clock to each."""
        while True:
            armed = [t for t in self.timers if t.deadline is not None and t.deadline <= end]
            if not armed:
                self.clock.now = max(self.clock.now, end)
                return
            timer = min(armed, key=lambda t: t.deadline or 0.0)
            self.clock.now = max(self.clock.now, timer.deadline or 0.0)
            timer.deadline = None
            timer.callback()

    def run_to_the_end(self) -> None:
        self.run_until(self.clock() + self.plan.total_seconds + 60)
        assert self.controller.state is State.FINISHED


def two_exercises() -> Plan:
    return build_plan(routine(entry(exercise("bridge", reps=3)), entry(exercise("clam", reps=2))))


def first_beat(plan: Plan) -> Said:
    """The second beat of the session (inside the first set, so "done" acts on it), as said without a lead."""
    reference = Rig(plan, 0.0)
    reference.start()
    reference.run_to_the_end()
    return [said for said in reference.said if said.priority is Priority.BEAT][1]


def armed_just_before_the_first_beat() -> tuple[Rig, Said]:
    """A session whose first beat's cue is armed and not yet handed over."""
    plan = two_exercises()
    beat = first_beat(plan)
    rig = Rig(plan, LEAD)
    rig.start()
    rig.run_until(beat.due - LEAD - 0.01)
    return rig, beat


def test_every_cue_the_clock_brings_is_handed_over_lead_seconds_early_and_only_once(qtbot: QtBot) -> None:
    plan = two_exercises()
    on_time, early = Rig(plan, 0.0), Rig(plan, LEAD)
    for rig in (on_time, early):
        rig.start()
        rig.run_to_the_end()
    assert [(s.text, s.due) for s in early.said] == [(s.text, s.due) for s in on_time.said]
    assert all(s.at == pytest.approx(s.due, abs=0.002) for s in on_time.said)
    first_batch = [s for s in early.said if s.due == early.said[0].due]
    last_batch = [s for s in early.said if s.due == early.said[-1].due]
    later = early.said[len(first_batch) : -len(last_batch)]
    assert len(later) > 15  # counts, countdowns and transitions (at one second a beat the counts alone speak)
    # the end of the session is said on its moment: its event silences the voice, and would cut "Well done."
    assert [s.at for s in last_batch] == [s.due for s in last_batch]
    assert any("Well done" in s.text for s in last_batch)
    for said in later:  # the timer is armed in whole ms, rounded down: never late, at most 1 ms earlier
        assert said.due - said.at == pytest.approx(LEAD + 0.0005, abs=0.0006), said


def test_without_a_lead_nothing_is_armed(qtbot: QtBot) -> None:
    rig = Rig(two_exercises(), 0.0)
    rig.start()
    rig.run_until(rig.clock() + 20)
    assert rig.early_timer.started == []


def test_the_lead_is_clamped(qtbot: QtBot) -> None:
    rig = Rig(two_exercises(), 5.0)
    rig.start()
    rig.run_until(rig.clock() + 3)
    said = rig.said[-1]
    assert said.due - said.at == pytest.approx(LEAD_MOST, abs=0.002)


@pytest.mark.parametrize("command", ["pause", "stop", "stop_and_get_up", "next", "done", "previous", "repeat"])
def test_a_command_just_before_the_moment_drops_the_armed_cue(qtbot: QtBot, command: str) -> None:
    rig, beat = armed_just_before_the_first_beat()
    assert rig.early_timer.isActive()
    getattr(rig.controller, command)()
    rig.run_until(beat.due + 0.5)
    assert (beat.text, beat.due) not in [(s.text, s.due) for s in rig.said]


def test_a_pause_just_before_the_moment_plays_nothing_until_it_carries_on(qtbot: QtBot) -> None:
    rig, beat = armed_just_before_the_first_beat()
    before = len(rig.said)
    rig.controller.pause()
    assert not rig.early_timer.isActive()
    rig.run_until(beat.due + 5)
    assert [s.text for s in rig.said[before:]] == ["Paused."]
    rig.controller.resume()
    rig.run_until(rig.clock() + 1)
    assert beat.text in [s.text for s in rig.said[before + 1 :]]  # said on its new moment, after the pause


def test_skip_says_the_new_exercises_cue_never_the_old_one(qtbot: QtBot) -> None:
    rig, beat = armed_just_before_the_first_beat()
    before = len(rig.said)
    rig.controller.next()
    skipped_at = rig.clock()
    rig.run_until(beat.due + 3)
    after = rig.said[before:]
    assert after[0].priority is Priority.TRANSITION and after[0].due == pytest.approx(skipped_at)
    assert all(s.due != beat.due for s in after)
    assert rig.controller.phase is not None and rig.controller.phase.entry_index == 1
    assert any(s.due - s.at == pytest.approx(LEAD + 0.0005, abs=0.0006) for s in after[1:])  # and early again
