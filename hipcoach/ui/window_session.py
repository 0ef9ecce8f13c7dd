"""Starting a session from the window: preparing it, the pain question before it, and the screen saver.

A base of ``MainWindow``, apart from it so that the way a session starts (prepared, then started only if nothing else
was asked for meanwhile) reads in one place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from hipcoach import APP_NAME
from hipcoach.core.session_state import State

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMainWindow as _Window
    from PySide6.QtWidgets import QWidget

    from hipcoach.core.model import Routine
    from hipcoach.core.plan import Plan, PlanOptions
    from hipcoach.core.results import ExerciseResult
    from hipcoach.core.settings import Settings
    from hipcoach.ui.session_controller import SessionController
    from hipcoach.ui.session_view import SessionView
else:
    _Window = object

SessionPreparer = Callable[["Plan", Callable[[], None]], None]
"""Called with the plan and a ``go`` callback before a session starts (the speaker renders its first cues and
calls ``go`` when they are ready, or after at most two seconds)."""


def _start_at_once(_plan: Plan, go: Callable[[], None]) -> None:
    go()


INHIBIT_REASON = "Exercise session in progress"


class Inhibitor(Protocol):
    """What the window needs from the screen-saver inhibitor (hipcoach.ui.screensaver.ScreenSaverInhibitor)."""

    def inhibit(self, reason: str) -> None: ...

    def release(self) -> None: ...


class _NoInhibitor:
    def inhibit(self, reason: str) -> None:
        pass

    def release(self) -> None:
        pass


class SessionStarting(_Window):
    """How a session starts; ``MainWindow`` sets the attributes below."""

    controller: SessionController
    settings: Settings
    words_per_minute: float
    _prepare: SessionPreparer
    _speech_lead_in: bool
    _asks_pain: bool
    _inhibitor: Inhibitor
    _inhibited: bool
    _clock: Callable[[], float]
    _routine: Routine | None
    _pending_plan: Plan | None
    _started_at: float
    _earlier_seconds: tuple[float, float]
    pain_before_rated: SignalInstance

    if TYPE_CHECKING:

        @property
        def session_view(self) -> SessionView: ...

        def _show_page(self, page: QWidget) -> None: ...

    @property
    def busy(self) -> bool:
        """A session is running or being prepared: another cannot start."""
        return self.controller.is_active or self._pending_plan is not None

    def start_routine(
        self,
        routine: Routine,
        at_entry: int = 0,
        done: Sequence[ExerciseResult] = (),
        earlier_seconds: tuple[float, float] = (0.0, 0.0),
        *,
        time_scale: float | None = None,
        pain_before: int | None = None,
        resumed: bool = False,
    ) -> None:
        """Start ``routine``; ``at_entry``, ``done`` and ``earlier_seconds`` (real, active: what it had lasted)
        resume one that was interrupted (a crash, a power cut), and ``resumed`` says so: even one carried on at its
        first exercise was asked its pain when it first started. ``time_scale`` is this session's own (a
        hand-off's), else the window's. ``pain_before``: the rating given already today (a switch to the sore-day
        version), kept for this session instead of asked again."""
        if self.busy:
            return
        self._routine = routine
        self._earlier_seconds = earlier_seconds
        self._show_page(self.session_view)
        scale = self.controller.default_time_scale if time_scale is None else time_scale
        trial = "" if scale == 1 else f" (trial run, {scale:g} times faster)"
        sore = " (sore day)" if routine.sore_day and "sore" not in routine.name.lower() else ""
        self.setWindowTitle(f"{routine.name}{sore}{trial} \u2013 {APP_NAME}")
        from hipcoach.core.plan import build_plan  # noqa: PLC0415 - loaded with the content, after the first paint

        plan = build_plan(routine, self.plan_options())
        self._pending_plan = plan
        self._prepare(plan, lambda: self._go(plan, at_entry, done, time_scale, pain_before, resumed=resumed))

    def _go(
        self,
        plan: Plan,
        at_entry: int,
        done: Sequence[ExerciseResult],
        time_scale: float | None = None,
        pain_before: int | None = None,
        *,
        resumed: bool = False,
    ) -> None:
        """Start the prepared session, unless another one was asked for (or this one dropped) meanwhile.

        The pain question comes up once the session has started, not while it is being prepared: a rating must
        reach the recorder after the session it belongs to. The session holds at its first get-ready until the
        question is answered or skipped. A resumed session was rated when it first started."""
        if self._pending_plan is plan:
            self._pending_plan = None
            ask = self._asks_pain and not resumed and at_entry == 0 and pain_before is None
            self._started_at = self._clock()  # when the session starts, as the recorder sees it, not its preparation
            self.controller.start(plan, at_entry, done, time_scale=time_scale, hold=ask)
            if ask and self.controller.is_active:
                self.session_view.ask_pain_before()
            elif pain_before is not None and self.controller.is_active:
                self.pain_before_rated.emit(pain_before)  # after the start: the rating belongs to this session

    def plan_options(self) -> PlanOptions:
        """The user's timing, with each get-ready and side switch long enough for what is said in it: the chooser's
        estimate and the session are built from the same options, so they always agree."""
        from hipcoach.core.cues import SpokenLeadIn  # noqa: PLC0415 - loaded with the content, after the first paint

        options = self.settings.plan_options()
        if not self._speech_lead_in:
            return options
        lead_in = SpokenLeadIn(self.controller.verbosity, self.words_per_minute)
        return dataclasses.replace(options, speech_floor=lead_in)

    def _on_state_changed(self, state: str) -> None:
        if State(state) in (State.RUNNING, State.WAITING):
            if not self._inhibited:
                self._inhibitor.inhibit(INHIBIT_REASON)
                self._inhibited = True
        else:
            self._release()

    def _release(self) -> None:
        if self._inhibited:
            self._inhibitor.release()
            self._inhibited = False
