"""The only QObject around the session engine: it turns engine events into Qt signals and wakes the engine up.

One precise single-shot timer is armed for the engine's next moment (a second boundary, a beat or a phase end), so
a phase change is noticed within a millisecond or two of its deadline rather than up to a polling interval late.
Views, the speaker and the recorder listen to ``engine_event`` and ``cue``; they send commands back through the slots
here, never by touching the engine's state.

The window is built with this controller before its first paint, while the engine and the cue texts are imported
only when the first session starts (docs/startup.md).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hipcoach.core.clocks import sleep_clock
from hipcoach.core.session_state import State
from hipcoach.core.verbosity import Verbosity
from hipcoach.ui.early_cues import EarlyCues
from hipcoach.ui.session_gc import SessionCollector
from hipcoach.ui.timers import TimerFactory, make_timer

if TYPE_CHECKING:
    from hipcoach.core.cut_short import CutShort
    from hipcoach.core.engine import Clock, SessionEngine
    from hipcoach.core.events import Event
    from hipcoach.core.model import Position
    from hipcoach.core.plan import Phase, Plan
    from hipcoach.core.results import ExerciseResult, PauseReason

ACTIVE_STATES = (State.RUNNING, State.PAUSED, State.WAITING)
"""A session is under way: it holds the screen, and a new one cannot start."""


def _engine_command(name: str) -> Callable[[SessionController], None]:
    """A slot that runs the engine's command ``name`` and passes on the events it caused; before the first session
    there is no engine, and a key pressed then does nothing."""

    def slot(controller: SessionController) -> None:
        if controller.engine is not None:
            controller._dispatch(getattr(controller.engine, name)())

    slot.__name__, slot.__qualname__ = name, f"SessionController.{name}"
    return slot


class SessionController(QObject):
    engine_event = Signal(object)  # every engine Event, in order
    dispatched = Signal()  # after each batch of engine events and the state change they caused
    cue = Signal(object, float)  # a Cue for the caption line and the speaker, and its due monotonic time
    state_changed = Signal(str)
    ended = Signal(object)  # SessionSummary

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Clock = time.monotonic,
        wall_clock: Clock = sleep_clock,  # the engine's: it notices a sleep of the computer
        timer_factory: TimerFactory = make_timer,
        time_scale: float = 1.0,
        verbosity: Verbosity = Verbosity.STANDARD,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._wall_clock = wall_clock
        self._default_time_scale = time_scale  # for sessions started without one of their own
        self._time_scale = time_scale
        self.verbosity = verbosity
        self.timer_factory = timer_factory  # the views' timers come from here too, so tests fire them all by hand
        self._timer = timer_factory(self, self.poll)
        # the next moment's cues, handed to the speaker ``early.lead()`` seconds ahead (speech sets the lead)
        self.early = EarlyCues(self, timer_factory, clock, self.cue.emit)
        self.engine: SessionEngine | None = None
        self._cut_short: CutShort | None = None  # an instruction a pause cut, said again on resume
        self._state: State | None = None
        self.collector = SessionCollector()  # a full garbage collection mid-session is a 16 ms stall

    @property
    def time_scale(self) -> float:
        return self._time_scale

    @property
    def default_time_scale(self) -> float:
        """The time scale of a session started without one of its own (the one the window was opened with)."""
        return self._default_time_scale

    @property
    def state(self) -> State:
        return self.engine.state if self.engine is not None else State.IDLE

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    # -- the session's public state, what the views show (read-only; None or nothing before the first session) ----

    @property
    def plan(self) -> Plan | None:
        return self.engine.plan if self.engine is not None else None

    @property
    def phase(self) -> Phase | None:
        return self.engine.phase if self.engine is not None else None

    @property
    def phase_index(self) -> int | None:
        """The current phase's index in the plan, as events name it."""
        return self.engine.index if self.engine is not None else None

    @property
    def pause_reason(self) -> PauseReason | None:
        return self.engine.pause_reason if self.engine is not None and self.state is State.PAUSED else None

    @property
    def stopped_for_sharp_pain(self) -> bool:
        """Paused after "Sharp pain": the session waits for carry on (resume) or stop."""
        from hipcoach.core.engine import PauseReason  # noqa: PLC0415 - loaded with the first session

        return self.pause_reason is PauseReason.SHARP_PAIN

    @property
    def is_ending(self) -> bool:
        """Stopped on the floor: the way up runs, then the session ends."""
        return self.engine is not None and self.engine.is_ending

    @property
    def way_up_from(self) -> Position | None:
        """Where the body is on a way up that a stop jumped to (None: where the plan puts it)."""
        return self.engine.way_up_from if self.engine is not None else None

    def remaining(self) -> float:
        """Seconds left in the current phase (0 without a session)."""
        return self.engine.remaining() if self.engine is not None else 0.0

    def progress(self) -> float:
        """How much of the session is behind, 0 to 1."""
        return self.engine.progress() if self.engine is not None else 0.0

    def can_stop_for_sharp_pain(self) -> bool:
        return self.engine is not None and self.engine.can_stop_for_sharp_pain()

    def previous_goes_back(self) -> bool:
        """ "Previous" goes back one exercise now, rather than restarting this one."""
        return self.engine is not None and self.engine.previous_goes_back()

    def accepts_done(self) -> bool:
        """Enter means something now: "done" during work, "go" while waiting (the one rule, see ``done``)."""
        if self.state is State.WAITING:
            return True
        return self.state is State.RUNNING and self.phase is not None and self.phase.kind.is_work

    def start(
        self,
        plan: Plan,
        at_entry: int = 0,
        done: Sequence[ExerciseResult] = (),
        *,
        time_scale: float | None = None,
        hold: bool = False,
    ) -> None:
        """Start ``plan``, or resume it at ``at_entry`` with the results ``done`` before an interruption; ``hold``
        waits at the first get-ready until ``confirm_ready`` (the pain question is answered first).

        ``time_scale`` is this session's (a hand-off may ask for one); without it, the one the window was opened
        with. ``time_scale`` (the property) is the current session's until the next one starts."""
        from hipcoach.core.cut_short import CutShort  # noqa: PLC0415 - loaded with the first session
        from hipcoach.core.engine import SessionEngine  # noqa: PLC0415 - likewise

        self._timer.stop()
        self._time_scale = self._default_time_scale if time_scale is None else time_scale
        self.engine = SessionEngine(plan, self._clock, self._wall_clock, self._time_scale)
        self._cut_short = CutShort(self._time_scale)
        self._dispatch(self.engine.start(at_entry, done, hold=hold))

    # -- commands (slots): the engine's own, run once a session has started ---------------------------------------

    poll = _engine_command("poll")
    toggle_pause = _engine_command("toggle_pause")
    pause = _engine_command("pause")
    resume = _engine_command("resume")
    confirm_ready = _engine_command("confirm_ready")
    next = _engine_command("next")
    sharp_pain = _engine_command("sharp_pain")  # then the engine waits, paused, for resume (carry on) or stop
    previous = _engine_command("previous")
    repeat = _engine_command("repeat")
    stop = _engine_command("stop")  # at once: the window closes, or all data is deleted
    stop_and_get_up = _engine_command("stop_and_get_up")  # the user's stop: guided up first when on the floor

    def done(self) -> None:
        """Enter: "done" during work, "go" while waiting for the user (the rule lives here, and only here)."""
        if self.engine is None:
            return
        if self.engine.state is State.WAITING:
            self._dispatch(self.engine.confirm_ready())
        else:
            self._dispatch(self.engine.done())

    # -- internals ------------------------------------------------------------------------------------------------

    def _dispatch(self, events: list[Event]) -> None:
        from hipcoach.core.cues import cues_for  # noqa: PLC0415 - loaded by start(), like the engine
        from hipcoach.core.events import SessionEnded  # noqa: PLC0415 - likewise

        engine = self.engine
        assert engine is not None and self._cut_short is not None
        cues = self._cut_short.follow(events, cues_for(events, engine.plan, self.verbosity))
        for item, cue in zip(events, cues, strict=True):
            self.engine_event.emit(item)
            if cue is not None and not self.early.said(cue, due := engine.real_time(item.at)):
                self.cue.emit(cue, due)
            if isinstance(item, SessionEnded):
                self.ended.emit(item.summary)
        if engine.state is not self._state:
            self._state = engine.state
            self.collector.during_session(engine.state in ACTIVE_STATES)
            self.state_changed.emit(engine.state.value)
        self._arm()
        self.dispatched.emit()

    def _arm(self) -> None:
        engine = self.engine
        delay = engine.seconds_until_next_event() if engine is not None else None
        if delay is None:
            self._timer.stop()
            self.early.cancel()
            return
        self._timer.start(max(0, math.ceil(delay * 1000)))
        self._arm_early()

    def _arm_early(self) -> None:
        """Arm the next moment's cues (cues_for alone: a batch the clock brings holds no resume, and CutShort changes
        only a resume's cue). The end of the session is said on its moment: its event silences the voice before its
        own cue, and would cut "Well done." handed over early."""
        from hipcoach.core.cues import cues_for  # noqa: PLC0415 - loaded by start(), like the engine
        from hipcoach.core.events import Paused, SessionEnded  # noqa: PLC0415 - likewise

        engine = self.engine
        ahead = engine.upcoming() if engine is not None and self.early.lead_seconds() > 0 else None
        if engine is None or ahead is None or any(isinstance(event, Paused | SessionEnded) for event in ahead[1]):
            self.early.plan(None)
            return
        at, events = ahead
        cues = [cue for cue in cues_for(events, engine.plan, self.verbosity) if cue is not None]
        self.early.plan(engine.real_time(at), cues)


__all__ = ["ACTIVE_STATES", "SessionController"]
