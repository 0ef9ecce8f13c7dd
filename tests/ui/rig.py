"""A main window on fake clocks and a hand-fired timer, so a test decides exactly when time passes.

The controller gets a FakeTimer from the factory; ``WindowRig.run(seconds)`` moves the monotonic and the wall clock
together in small steps and fires the timer whenever the controller has armed it, as the real event loop would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hipcoach.core.model import Kind, Position, Routine
from hipcoach.core.plan import PhaseKind
from hipcoach.core.session_state import State
from hipcoach.core.settings import Settings
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.session_view import SessionView
from hipcoach.ui.settings_dialog import SessionPage
from tests.factories import FakeClock, entry, exercise, routine


class FakeTimer:
    """Stands in for the controller's QTimer: remembers whether it is armed; ``fire()`` runs the callback."""

    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback
        self.active = False
        self.interval = -1

    def start(self, msec: int) -> None:
        self.active = True
        self.interval = msec

    def stop(self) -> None:
        self.active = False

    def isActive(self) -> bool:
        return self.active

    def fire(self) -> None:
        self.active = False
        self.callback()


@dataclass
class FakeInhibitor:
    calls: list[str] = field(default_factory=list)

    def inhibit(self, reason: str) -> None:
        self.calls.append(f"inhibit: {reason}")

    def release(self) -> None:
        self.calls.append("release")

    @property
    def held(self) -> bool:
        inhibits = sum(1 for call in self.calls if call.startswith("inhibit"))
        return inhibits > self.calls.count("release")


class WindowRig:
    def __init__(
        self,
        qtbot: QtBot,
        settings: Settings,
        *,
        quit_when_done: bool = False,
        time_scale: float = 1.0,
        speech_lead_in: bool = False,
    ) -> None:
        self.qtbot = qtbot
        self.clock = FakeClock(1000.0)
        self.wall = FakeClock(1_700_000_000.0)
        self.timers: list[FakeTimer] = []
        self.inhibitor = FakeInhibitor()
        self.saved: list[Settings] = []
        self.controller = SessionController(
            clock=self.clock, wall_clock=self.wall, timer_factory=self._make_timer, time_scale=time_scale
        )
        self.window = MainWindow(
            self.controller,
            settings,
            inhibitor=self.inhibitor,
            quit_when_done=quit_when_done,
            save=self.saved.append,
            clock=self.clock,
            speech_lead_in=speech_lead_in,  # off: view tests time phases by hand; the lead-in has tests of its own
        )
        qtbot.addWidget(self.window)
        with qtbot.waitExposed(self.window):
            self.window.show()
        with qtbot.waitActive(self.window):
            self.window.activateWindow()

    def _make_timer(self, _parent: QObject, callback: Callable[[], None]) -> FakeTimer:
        timer = FakeTimer(callback)
        self.timers.append(timer)
        return timer

    @property
    def view(self) -> SessionView:
        return self.window.session_view

    @property
    def state(self) -> State:
        return self.controller.state

    def start(self, routine_: Routine, *, keep_pain_question: bool = False) -> None:
        """Start ``routine_`` with Enter. The session waits for the pain question before it; X skips it unless
        ``keep_pain_question`` leaves it for the test."""
        self.window.set_routines([routine_])
        self.key(Qt.Key.Key_Return)
        assert self.window.current_page() is self.view, "Enter did not start the routine"
        if not keep_pain_question and self.view.pain_before.isVisible():
            self.key(Qt.Key.Key_X)

    def change_session_settings(self, *, get_ready: int | None = None, wait_for_me: bool | None = None) -> None:
        """As a user does: Settings at the Session page, the controls set, Save pressed."""
        dialog = self.window.open_settings("session")
        page = dialog.page("session")
        assert isinstance(page, SessionPage) and dialog.current_page() is page
        if get_ready is not None:
            page.get_ready.setCurrentIndex(page.get_ready.findData(get_ready))
        if wait_for_me is not None:
            page.wait_for_me.setChecked(wait_for_me)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        with self.qtbot.waitActive(self.window):
            self.window.activateWindow()

    def key(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(self.window, key)

    def run_until(self, kind: PhaseKind) -> None:
        """Let time pass until a phase of ``kind`` is under way: a test need not add up the phases before it (the
        way down to the mat before a floor exercise, a get-ready lengthened for what the coach says)."""
        for _ in range(4000):
            phase = self.controller.phase
            if phase is not None and phase.kind is kind:
                return
            self.run(0.5)
        raise AssertionError(f"never reached {kind}")

    def run(self, seconds: float, step: float = 0.5) -> None:
        """Let ``seconds`` pass in steps; the timer fires at each step if the controller armed it."""
        remaining = seconds
        while remaining > 1e-9:
            delta = min(step, remaining)
            self.clock.advance(delta)
            self.wall.advance(delta)
            remaining -= delta
            for timer in self.timers:
                if timer.isActive():
                    timer.fire()


# --- routines ---------------------------------------------------------------------------------------------------
# Standing exercises first, so the first get-ready is exactly the setting (no time to get down to the floor).


def three_exercises() -> Routine:
    """Leg raise (3 reps, 6 s), Stretch (30 s hold), Bike (10 min): one of each kind of work, 6 s rests."""
    return routine(
        entry(exercise("leg-raise", position=Position.STANDING)),
        entry(exercise("stretch", kind=Kind.HOLD, hold=30, position=Position.STANDING)),
        entry(exercise("bike", kind=Kind.CARDIO, minutes=10, position=Position.MACHINE)),
    )


def two_sided(sets: int = 2) -> Routine:
    """Side kick, 3 reps each leg, ``sets`` sets, standing: get-ready, reps, switch, reps, rest, reps, ..."""
    return routine(entry(exercise("side-kick", position=Position.STANDING, per_side=True, sets=sets)))


# What the fixtures in tests/ui/conftest.py hand to a test, named here so that a test can annotate them.
MakeRig = Callable[..., WindowRig]
ServeApp = Callable[[Routine], None]


def run_to_summary(rig: WindowRig, *, most_steps: int = 300) -> None:
    """Let the session run, five seconds at a time, until the summary is on screen."""
    for _ in range(most_steps):
        if rig.window.current_page() is rig.window.summary_view:
            return
        rig.run(5)
    raise AssertionError(f"the session did not end ({rig.state})")
