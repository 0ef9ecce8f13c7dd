"""The session engine: walks a plan against deadlines on an injected monotonic clock.

Why deadlines: a timer that counts ticks drifts (every tick can be late, and lateness adds up). Here a phase ends
when the clock passes ``origin + duration``, and the next phase starts at that deadline, not at the moment the
engine noticed, so lateness never accumulates. Qt timers only decide *when* ``poll()`` runs.

The engine is a plain-Python state machine. Every call returns the events it caused, in time order; it never
calls out. The Qt adapter turns those events into signals, and the window, the speaker and the recorder listen.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Sequence

from hipcoach.core.clocks import sleep_clock
from hipcoach.core.engine_results import ResultKeeping, _Tally
from hipcoach.core.events import (
    Event,
    Paused,
    PhaseStarted,
    RepCounted,
    Resumed,
    SessionStarted,
    SideSwitched,
    WaitingForUser,
)
from hipcoach.core.floor_moves import body_at, way_up_on_stop
from hipcoach.core.model import Position
from hipcoach.core.phase_moments import inner_events, next_offset
from hipcoach.core.plan import PhaseKind, Plan
from hipcoach.core.results import ExerciseResult, PauseReason
from hipcoach.core.session_state import State

Clock = Callable[[], float]

SUSPEND_THRESHOLD = 2.0  # seconds the sleep clock may run ahead of the monotonic clock between two polls
STALL_THRESHOLD = 30.0  # a gap this long between polls means the machine slept (Windows counts sleep as time)
BACK_RESTART_WINDOW = 3.0  # seconds into an exercise's get-ready after which "back" restarts it, not the previous


class SessionEngine(ResultKeeping):
    def __init__(
        self,
        plan: Plan,
        clock: Clock = time.monotonic,
        wall_clock: Clock = sleep_clock,  # counts the computer's sleep; used only to notice one
        time_scale: float = 1.0,
    ) -> None:
        if not plan.phases:
            raise ValueError("a plan needs at least one phase")
        if not 0 < time_scale <= 1000:
            raise ValueError("time_scale must be greater than 0 and at most 1000")
        self.plan = plan
        self._clock = clock
        self._wall = wall_clock
        self._scale = time_scale
        self.state = State.IDLE
        self.pause_reason: PauseReason | None = None
        self.index = 0
        self._origin = 0.0  # plan time at which the current phase started
        self._frozen_elapsed = 0.0  # elapsed in the phase while paused or waiting
        self._next_second = 1
        self._next_beat = 0
        self._tally = _Tally()
        self._results: dict[int, ExerciseResult] = {}
        self._attempts: list[ExerciseResult] = []
        self._started_at = 0.0
        self._paused_total = 0.0
        self._paused_at = 0.0
        self._last_raw = 0.0
        self._last_wall = 0.0
        self._ended_at: float | None = None
        self._closing: tuple[float, float] | None = None  # a stop on the floor: its plan time and pauses so far
        self.way_up_from: Position | None = None  # where the body is on the way up after a stop (body_at)

    # -- time -----------------------------------------------------------------------------------------------------

    def _now(self) -> float:
        """Plan time: the monotonic clock sped up by the time scale."""
        return self._clock() * self._scale

    def real_time(self, at: float) -> float:
        """The monotonic clock reading at which plan time ``at`` falls (``at`` of an event: its due moment)."""
        return at / self._scale

    def elapsed(self) -> float:
        if self.state is State.RUNNING:
            return min(self._now() - self._origin, self.phase.duration)
        return self._frozen_elapsed

    def remaining(self) -> float:
        return max(0.0, self.phase.duration - self.elapsed())

    def progress(self) -> float:
        total = self.plan.total_seconds
        if self.state is State.FINISHED:
            return 1.0
        return min(1.0, (self.plan.seconds_before(self.index) + self.elapsed()) / total) if total else 0.0

    @property
    def is_ending(self) -> bool:
        """Stopped on the floor: the way up runs, then the session ends (``stop_and_get_up``)."""
        return self._closing is not None

    def seconds_until_next_event(self) -> float | None:
        """Real (unscaled) seconds until the next thing happens: a second boundary, a beat, or the phase end.

        The Qt adapter arms one precise single-shot timer for this moment, so phase changes land on time instead
        of up to one polling interval late."""
        if self.state is not State.RUNNING:
            return None
        target = next_offset(self.phase, self._next_second, self._next_beat)
        return max(0.0, (target - (self._now() - self._origin)) / self._scale)

    def upcoming(self) -> tuple[float, list[Event]] | None:
        """The plan time of the next moment and the events it brings unless a command comes first, worked out on a
        copy (this engine does not move): the window starts that moment's cue early by the sound output's latency."""
        if self.state is not State.RUNNING:
            return None
        at = self._origin + next_offset(self.phase, self._next_second, self._next_beat)
        shared = {id(kept): kept for kept in (self.plan, self._clock, self._wall)}
        return at, copy.deepcopy(self, shared)._advance_to(at)

    # -- commands -------------------------------------------------------------------------------------------------

    def start(self, at_entry: int = 0, done: Sequence[ExerciseResult] = (), *, hold: bool = False) -> list[Event]:
        """Start the session, or resume an interrupted one at the get-ready of entry ``at_entry``; ``done`` holds
        the attempts recorded before the interruption, in order, so the summary counts them instead of calling them
        skipped (the last attempt of an entry is its result).

        ``hold``: wait at that first phase (its get-ready, or the way down to the mat in front of it), as "wait
        for me" does, until ``confirm_ready`` (the window asks how the pain is before a session, and the first
        exercise must not start before it is answered or skipped)."""
        if self.state is not State.IDLE:
            return []
        if not 0 <= at_entry < len(self.plan.routine.entries):
            raise ValueError(f"no entry {at_entry} in a routine of {len(self.plan.routine.entries)}")
        now = self._now()
        self._started_at = now
        self._remember_clocks()
        self._attempts = [result for result in done if result.entry_index < at_entry]
        self._results = {result.entry_index: result for result in self._attempts}
        events: list[Event] = [SessionStarted(self.plan, at=now)]
        events += self._enter(0 if at_entry == 0 else self.plan.start_phase(at_entry), now)
        if hold and not self.phase.wait_for_user:  # a phase that waits of itself is waiting already
            self.state = State.WAITING
            self._paused_at = now
            events.append(WaitingForUser(self.index, at=now))
        return events

    def poll(self) -> list[Event]:
        """Catch up with the clock: emit everything whose moment has passed, possibly across several phases."""
        if self.state is not State.RUNNING:
            self._remember_clocks()
            return []
        suspended = self._detect_suspend()
        if suspended is not None:
            return suspended
        self._remember_clocks()
        return self._advance_to(self._now())

    def pause(self, reason: PauseReason = PauseReason.USER) -> list[Event]:
        if self.state is not State.RUNNING:
            return []
        events = self._advance_to(self._now())
        if self.state is not State.RUNNING:
            return events
        return events + self._freeze(self._now(), reason)

    def resume(self) -> list[Event]:
        if self.state is not State.PAUSED:
            return []
        now = self._now()
        held = self.pause_reason is PauseReason.SHARP_PAIN
        self._paused_total += now - self._paused_at
        self._origin = now - self._frozen_elapsed
        self.state = State.RUNNING
        self.pause_reason = None
        self._remember_clocks()
        # carrying on after "Sharp pain": the phase held begins now, and is said again (the question cut its words)
        return [Resumed(at=now), *(self._enter_without_wait(self.index, now) if held else [])]

    def toggle_pause(self) -> list[Event]:
        if self.state is State.RUNNING:
            return self.pause()
        if self.state is State.PAUSED:
            return self.resume()
        if self.state is State.WAITING:
            return self.confirm_ready()
        return []

    def confirm_ready(self) -> list[Event]:
        """The user said go (Space or Enter) in "wait for me" mode."""
        if self.state is not State.WAITING:
            return []
        now = self._now()
        self._paused_total += now - self._paused_at
        self._origin = now
        self.state = State.RUNNING
        self._remember_clocks()
        return []

    def done(self) -> list[Event]:
        """The user finished the current work phase at their own pace: the set counts in full."""
        if self.state is not State.RUNNING:
            return []
        now = self._now()
        events = self._advance_to(now)
        if self.state is not State.RUNNING or not self.phase.kind.is_work:
            return events
        self._count_work(self.phase, self.phase.duration)
        return events + self._leave_and_enter(self.index + 1, now, full=False)

    def next(self) -> list[Event]:
        """Skip to the next exercise; what was done of this one is kept, the rest counts as not done."""
        if self.state not in (State.RUNNING, State.PAUSED, State.WAITING):
            return []
        now = self._now()
        events = self._advance_to(now) if self.state is State.RUNNING else []
        if self.state in (State.FINISHED, State.STOPPED):
            return events
        if self._closing is not None:  # skipping the way up after a stop
            return events + self._unfreeze(now) + self._end(now, completed=False)
        entry_index = self.phase.entry_index
        get_ready = self.plan.get_ready_phase(entry_index)
        if self.index < get_ready:
            # resting (or getting down) before an exercise: "next" means "I am ready", not "skip the exercise I
            # have not begun"
            return events + self._unfreeze(now) + self._enter(get_ready, now)
        if self.phase.kind is PhaseKind.GET_UP:  # the exercise is over already: skip only the way up
            return events + self._unfreeze(now) + self._go_on(self.index + 1, now)
        self._count_partial(now)
        events.append(self._finish_entry(entry_index, now))
        events += self._unfreeze(now)
        following = self.plan.after_exercise(entry_index)
        return events + self._go_on(following if following is not None else len(self.plan.phases), now)

    def can_stop_for_sharp_pain(self) -> bool:
        """Whether ``sharp_pain`` would act now: within an exercise (from its get-ready on; in the rest before an
        exercise nothing has begun to hurt yet), and not while already paused for sharp pain, so a second press
        cannot end the next exercise unseen. The window enables its button by this same rule."""
        if self.state not in (State.RUNNING, State.PAUSED, State.WAITING):
            return False
        if self.pause_reason is PauseReason.SHARP_PAIN or self.phase.kind.is_floor_move:
            return False  # on the way down or up there is no exercise to stop: pause or stop the session
        return self.index >= self.plan.get_ready_phase(self.phase.entry_index)

    def sharp_pain(self) -> list[Event]:
        """The user pressed "Sharp pain": end the current exercise now, keeping what was done and marking the
        result, then hold at the get-ready of the next exercise, paused (reason SHARP_PAIN), so nothing moves while
        the user decides to carry on (``resume``) or to end the session (``stop``). On the last exercise the
        session ends, as ``next`` would end it.

        In "wait for me" mode the pause stands in for the wait: carrying on starts the get-ready countdown."""
        if not self.can_stop_for_sharp_pain():
            return []
        now = self._now()
        events = self._advance_to(now) if self.state is State.RUNNING else []
        if not self.can_stop_for_sharp_pain():  # the clock moved on past the end of the exercise (or the session)
            return events
        entry_index = self.phase.entry_index
        self._count_partial(now)
        events.append(self._finish_entry(entry_index, now, sharp_pain=True))
        events += self._unfreeze(now)
        if (following := self.plan.after_exercise(entry_index)) is None:
            return events + self._end(now, completed=True)
        # what comes next stays guided (the way up from the mat, the way down to the next), held unless it is the
        # way up after the last exercise; the pause replaces any wait
        events += self._enter_without_wait(following, now)
        last = entry_index + 1 >= len(self.plan.routine.entries)
        return events if last else events + self._freeze(now, PauseReason.SHARP_PAIN)

    def previous(self) -> list[Event]:
        """Back: restart this exercise, or go to the previous one when this one has only just begun."""
        if self.state not in (State.RUNNING, State.PAUSED, State.WAITING) or self._closing is not None:
            return []
        entry_index = self.phase.entry_index
        target = entry_index - 1 if self.previous_goes_back() else entry_index
        return self._restart_entry(target, self._now())

    def previous_goes_back(self) -> bool:
        """Whether ``previous`` goes to the previous exercise now (in the rest before this one or the first 3 s of
        its get-ready, and there is one before it); otherwise it restarts this one. The window names its button by
        this same rule."""
        entry_index = self.phase.entry_index
        get_ready = self.plan.get_ready_phase(entry_index)
        at_start = self.index < get_ready or (self.index == get_ready and self.elapsed() < BACK_RESTART_WINDOW)
        return at_start and entry_index > 0

    def repeat(self) -> list[Event]:
        """Do the current exercise again from its get-ready."""
        if self.state not in (State.RUNNING, State.PAUSED, State.WAITING) or self._closing is not None:
            return []
        return self._restart_entry(self.phase.entry_index, self._now())

    def stop(self) -> list[Event]:
        """End the session here, at once (the window closing). The exercise in progress ends with what was done of
        it; the ones after it, and this one if it had not begun (its rest or get-ready), were not reached."""
        return self._stop(guide_up=False)

    def stop_and_get_up(self) -> list[Event]:
        """The user's stop (Esc, "End the session"): as ``stop``, but someone on the floor is guided up first; the
        session ends, stopped as of now, after the way up ("next" or a second stop cut it short)."""
        return self._stop(guide_up=True)

    def _stop(self, *, guide_up: bool) -> list[Event]:
        if self.state in (State.IDLE, State.FINISHED, State.STOPPED):
            return []
        now = self._now()
        events = self._advance_to(now) if self.state is State.RUNNING else []
        if self.state in (State.FINISHED, State.STOPPED):
            return events
        held = self.pause_reason is PauseReason.SHARP_PAIN
        way_up = way_up_on_stop(self.plan, self.index, self.elapsed(), held=held) if guide_up else None
        entry_index = self.phase.entry_index
        if self.index > self.plan.get_ready_phase(entry_index) and not self.phase.kind.is_floor_move:
            self._count_partial(now)
            events.append(self._finish_entry(entry_index, now))
        # else: it never began (stopped before it) or is recorded (on the way up after it): no attempt; its result
        # is an earlier attempt (a repeat not begun) or "not reached"
        events += self._unfreeze(now)
        if way_up is not None:
            self._closing = (now, self._paused_total)
            self.way_up_from = body_at(self.plan, self.index, self.elapsed())
            return events + self._enter_without_wait(way_up, now)
        return events + self._end(now, completed=False)

    def _enter_without_wait(self, index: int, now: float) -> list[Event]:
        """Enter phase ``index`` running even in "wait for me" mode: the user has just chosen what comes next."""
        entered = self._enter(index, now)
        self.state = State.RUNNING
        return [event for event in entered if not isinstance(event, WaitingForUser)]

    # -- internals ------------------------------------------------------------------------------------------------

    def _remember_clocks(self) -> None:
        self._last_raw = self._clock()
        self._last_wall = self._wall()

    def _detect_suspend(self) -> list[Event] | None:
        """A sleep of the computer shows as the sleep clock jumping ahead of the monotonic clock (Linux, macOS) or
        as a very long gap between polls (Windows). Either way the user was not exercising: pause as of the
        last poll, so the sleep is not counted."""
        raw, wall = self._clock(), self._wall()
        gap, wall_gap = raw - self._last_raw, wall - self._last_wall
        if wall_gap - gap <= SUSPEND_THRESHOLD and gap <= STALL_THRESHOLD:
            return None
        last = self._last_raw * self._scale
        events = self._advance_to(last)
        self._remember_clocks()
        if self.state is not State.RUNNING:
            return events
        events += self._freeze(last, PauseReason.SUSPEND)
        # the monotonic clock may have moved on in the gap (Windows): paused "as of the last poll" means from then
        self._paused_at = last
        return events

    def _freeze(self, at: float, reason: PauseReason) -> list[Event]:
        self._frozen_elapsed = min(at - self._origin, self.phase.duration)
        self._paused_at = at
        self.state = State.PAUSED
        self.pause_reason = reason
        return [Paused(reason, at=at)]

    def _unfreeze(self, now: float) -> list[Event]:
        """Leave a paused or waiting state because a command moves the session elsewhere."""
        if self.state is State.PAUSED:
            self._paused_total += now - self._paused_at
            self.state = State.RUNNING
            self.pause_reason = None
            return [Resumed(at=now)]
        if self.state is State.WAITING:
            self._paused_total += now - self._paused_at
            self.state = State.RUNNING
        return []

    def _advance_to(self, now: float) -> list[Event]:
        events: list[Event] = []
        while self.state is State.RUNNING:
            phase = self.phase
            deadline = self._origin + phase.duration
            events += self._inner_events(min(now, deadline) - self._origin)
            if now < deadline:
                break
            self._count_work(phase, phase.duration)
            events += self._leave_and_enter(self.index + 1, deadline, full=True)
        return events

    def _inner_events(self, elapsed: float) -> list[Event]:
        phase_events, self._next_second, self._next_beat = inner_events(
            self.index,
            self.phase,
            self._origin,
            next_second=self._next_second,
            next_beat=self._next_beat,
            elapsed=elapsed,
        )
        return phase_events

    def _leave_and_enter(self, next_index: int, at: float, *, full: bool) -> list[Event]:
        """End the current phase at plan time ``at`` and start the next one there (deadline chaining)."""
        events: list[Event] = []
        phase = self.phase
        if phase.kind is PhaseKind.REPS and full:
            events.append(RepCounted(self.index, phase.target, phase.target, at=at))
        if self._closing is not None:  # the way up after a stop is over
            return events + self._end(at, completed=False)
        if self.plan.is_last_of_entry(self.index):
            events.append(self._finish_entry(phase.entry_index, at))
        if next_index >= len(self.plan.phases):
            return events + self._end(at, completed=True)
        return events + self._enter(next_index, at)

    def _go_on(self, index: int, at: float) -> list[Event]:
        """Enter phase ``index``, or end the session, completed, when there is none."""
        if index >= len(self.plan.phases):
            return self._end(at, completed=True)
        return self._enter(index, at)

    def _enter(self, index: int, at: float) -> list[Event]:
        self.index = index
        self._origin = at
        self._next_second = 1
        self._next_beat = 0
        self._frozen_elapsed = 0.0
        phase = self.phase
        events: list[Event] = [PhaseStarted(index, phase, at=at, body=self.way_up_from)]
        if phase.kind is PhaseKind.SWITCH_SIDES and phase.side is not None:
            events.append(SideSwitched(index, phase.side, at=at))
        if phase.wait_for_user:
            self.state = State.WAITING
            self._paused_at = at
            events.append(WaitingForUser(index, at=at))
            return events
        self.state = State.RUNNING
        return events + self._inner_events(0.0)

    def _restart_entry(self, entry_index: int, now: float) -> list[Event]:
        events = self._keep_attempt_in_progress(now) + self._unfreeze(now)
        self._tally = _Tally()  # the earlier attempt stays the result until this one ends
        self.index = self.plan.get_ready_phase(entry_index)
        return events + self._enter(self.index, now)
