"""The session screen: what to do now, how long for, and what comes next, readable from a mat two metres away.

Everything shown is read from the engine (through the controller) whenever an engine event arrives, so the screen
can never disagree with the timer, the voice or the log. There is no ticking timer here: the controller wakes the
engine at each second boundary and beat, and each of those arrives as an event.

Which step is highlighted (the rule a user sees). Each exercise file says which of its steps is the movement, the
hold and the way back (its ``[movement]`` table, docs/routine-format.md), so the light follows the voice:

- getting ready, waiting, switching sides and resting: step 1, the starting position;
- reps: the lift ("1", "2", ...) lights the movement step; the hold ("Hold") the hold step; the lowering ("Down")
  the way back (the hold step when the exercise has no step of its own for it, else the movement);
- paced steps (the banded walk) and cardio: the movement step, the whole time;
- holds: the hold step (the movement step when the exercise names none).

The big number counts reps, and during the hold at the top of a rep it counts the hold's seconds down, as it does for
a stretch; the line under it still says which rep it is.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QFontMetricsF, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.engine import (
    BACK_RESTART_WINDOW,
    BeatReached,
    Event,
    ExerciseDone,
    PauseReason,
    PhaseStarted,
    SessionEnded,
    SessionEngine,
    SessionStarted,
)
from hipcoach.core.model import Entry, Exercise, Kind
from hipcoach.core.plan import Beat, BeatKind, Longer, Phase, PhaseKind
from hipcoach.core.session_state import State
from hipcoach.core.wording import dose_text, format_clock, side_text
from hipcoach.ui.pain import PainScale
from hipcoach.ui.session_controller import ACTIVE_STATES, SessionController
from hipcoach.ui.widgets import (
    ACCENT_GET_READY,
    ACCENT_PAUSED,
    ACCENT_REST,
    ACCENT_SWITCH,
    ACCENT_WARNING,
    ACCENT_WORK,
    action_button,
    highlight,
    make_action,
    set_action_tip,
    set_font,
    set_pill,
    shortcut_text,
    text_label,
)

WAIT_MESSAGE = "Press Space or Enter when you are ready"
PAUSED_MESSAGE = "Paused. Press Space to carry on."
SUSPEND_MESSAGE = "Paused: the computer was asleep. Press Space to carry on."
PAIN_BEFORE_QUESTION = "How is your pain right now?  0 (none) \u2026 10 (worst)"
# Left/P restarts the exercise, or goes back one within the first seconds of its get-ready: the button says which.
RESTART_TITLE = "Restart exercise"
RESTART_TIP = f"Restart this exercise; in the first {BACK_RESTART_WINDOW:g} seconds of one it goes back one instead"
BACK_TITLE = "Previous exercise"
BACK_TIP = f"Back to the previous exercise; after {BACK_RESTART_WINDOW:g} seconds it restarts this one instead"
PAIN_BEFORE_WAIT = "Answer the pain question to start (X skips it)"
SHARP_PAIN_TITLE = "Stopped for sharp pain"
SHARP_PAIN_KEYS_HELP = "After Sharp pain: Space skips the exercise and carries on, Esc ends the session"

_HOLD_BEATS = (BeatKind.HOLD, BeatKind.HOLDING)
_LONGER_WORDS = {
    Longer.POSITION: "to change position",
    Longer.DOWN_TO_FLOOR: "to get down to the floor",
    Longer.UP_FROM_FLOOR: "to get up from the floor",
    Longer.SPEECH: "to hear the instructions",
}

_PHASE_COLOURS = {
    PhaseKind.GET_READY: ACCENT_GET_READY,
    PhaseKind.REPS: ACCENT_WORK,
    PhaseKind.HOLD: ACCENT_WORK,
    PhaseKind.CARDIO: ACCENT_WORK,
    PhaseKind.SWITCH_SIDES: ACCENT_SWITCH,
    PhaseKind.REST: ACCENT_REST,
}
_PHASE_NAMES = {
    PhaseKind.GET_READY: "Get ready",
    PhaseKind.REPS: "Reps",
    PhaseKind.HOLD: "Hold",
    PhaseKind.CARDIO: "Cardio",
    PhaseKind.SWITCH_SIDES: "Switch sides",
    PhaseKind.REST: "Rest",
}


# --- pieces -----------------------------------------------------------------------------------------------------


class CountdownDisplay(QWidget):
    """The big number, painted to fill its box: a label's font would have to be re-set on every resize, and the
    layout would fight it. Digits are tabular, and the size is fitted to a sample ("88" or "88:88") rather than the
    text itself, so the number does not jump in size as it counts down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._sample = "88"
        self._dimmed = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 100)
        self.setAccessibleName("Countdown")

    def text(self) -> str:
        return self._text

    def is_dimmed(self) -> bool:
        return self._dimmed

    def set_value(self, text: str, *, sample: str, dimmed: bool) -> None:
        if (text, sample, dimmed) == (self._text, self._sample, self._dimmed):
            return
        self._text, self._sample, self._dimmed = text, sample, dimmed
        self.setAccessibleDescription(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 300)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = QFont(self.font())
        font.setBold(True)
        font.setFeature(QFont.Tag("tnum"), 1)
        font.setPixelSize(100)
        metrics = QFontMetricsF(font)
        sample = metrics.tightBoundingRect(self._sample)
        box = self.contentsRect()
        by_height = 0.82 * box.height() / max(1.0, sample.height())
        by_width = 0.92 * box.width() / max(1.0, metrics.horizontalAdvance(self._sample))
        font.setPixelSize(max(8, int(100 * min(by_height, by_width))))
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        tight = metrics.tightBoundingRect(self._text)
        x = box.center().x() - metrics.horizontalAdvance(self._text) / 2
        baseline = box.center().y() - (tight.top() + tight.bottom()) / 2
        group = QPalette.ColorGroup.Disabled if self._dimmed else QPalette.ColorGroup.Active
        painter.setPen(self.palette().color(group, QPalette.ColorRole.WindowText))
        painter.drawText(QPointF(x, baseline), self._text)
        painter.end()


class StepList(QWidget):
    """The exercise's numbered steps, one label each, the current one in the desktop's selection colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: tuple[str, ...] = ()
        self._labels: list[QLabel] = []
        self._current: int | None = None
        self._scale = 1.0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.setAccessibleName("Steps")

    def set_steps(self, steps: tuple[str, ...]) -> None:
        if steps == self._steps:
            return
        for label in self._labels:
            self._layout.removeWidget(label)
            label.hide()  # at once: deletion waits for the event loop, and a paint may come first
            label.deleteLater()
        self._steps = steps
        self._labels = []
        self._current = None
        for number, step in enumerate(steps, start=1):
            label = text_label(f"{number}. {step}", scale=self._scale, name=f"Step {number}")
            label.setMargin(8)
            self._layout.insertWidget(number - 1, label)
            self._labels.append(label)

    def set_current(self, index: int | None) -> None:
        if index == self._current:
            return
        self._current = index
        for number, label in enumerate(self._labels):
            on = number == index
            highlight(label, on)
            set_font(label, self._scale, bold=on)
            label.setAccessibleDescription("Current step" if on else "")

    def current_index(self) -> int | None:
        return self._current

    def texts(self) -> list[str]:
        return [label.text() for label in self._labels]

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        for number, label in enumerate(self._labels):
            set_font(label, scale, bold=number == self._current)


def current_step(phase: Phase, beat: Beat | None, exercise: Exercise) -> int | None:
    """0-based index of the step to highlight; the rule is in the module docstring."""
    count = len(exercise.steps)
    if count == 0:
        return None
    movement = exercise.movement
    if phase.kind is PhaseKind.REPS and exercise.kind is not Kind.STEPS and beat is not None:
        if beat.kind in _HOLD_BEATS:
            step = movement.holding
        elif beat.kind is BeatKind.DOWN:
            step = movement.returning
        else:
            step = movement.move_step
    elif phase.kind is PhaseKind.HOLD:
        step = movement.holding
    elif phase.kind.is_work:
        step = movement.move_step
    else:
        step = 1
    return min(step, count) - 1


def longer_text(phase: Phase) -> str:
    """Why a get-ready is longer than the setting: " · more time to get down to the floor", or nothing."""
    if phase.kind is not PhaseKind.GET_READY or not phase.longer_for:
        return ""
    return " \u00b7 more time " + " and ".join(_LONGER_WORDS[reason] for reason in phase.longer_for)


class SharpPainPanel(QWidget):
    """What the session page shows after "Sharp pain", in place of the exercise: the engine holds, paused, at the
    next exercise's get-ready until one of the two choices is made.

    In the page rather than a dialog: from a mat a few metres away a dialog is small and easy to miss, and its
    focus rules get in the way of the keys. The two choices have the session's own keys, Space to carry on and Esc
    to stop; they belong to this panel (Qt fires them only while it is on screen), and the view turns Pause and
    Stop off meanwhile so the keys mean one thing.
    """

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(SHARP_PAIN_TITLE)
        self.title_label = text_label(SHARP_PAIN_TITLE, bold=True, name="Sharp pain")
        self.text_label = text_label(name="What happened")
        self.advice_label = text_label("Do not push through sharp pain.", name="Advice")
        for label in (self.title_label, self.text_label, self.advice_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the keys are on the buttons' faces too: these two are read from the mat, at the moment it hurts
        self.carry_on_action = make_action(
            self, "Skip it and carry on", [Qt.Key.Key_Space], controller.resume, tip="Carry on with the next exercise"
        )
        self.end_action = make_action(
            self, "End the session", [Qt.Key.Key_Escape], controller.stop, tip="End the session; what you did is kept"
        )
        for action in (self.carry_on_action, self.end_action):
            action.setText(f"{action.text()}  ({shortcut_text(action)})")
        self.carry_on_button = action_button(self.carry_on_action, "Skip it and carry on")
        self.end_button = action_button(self.end_action, "End the session")
        for action in (self.carry_on_action, self.end_action):
            self.addAction(action)

        choices = QHBoxLayout()
        choices.setSpacing(24)
        choices.addStretch(1)
        choices.addWidget(self.carry_on_button, 3)
        choices.addWidget(self.end_button, 3)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title_label)
        layout.addSpacing(8)
        layout.addWidget(self.text_label)
        layout.addWidget(self.advice_label)
        layout.addSpacing(24)
        layout.addLayout(choices)
        layout.addStretch(2)

    def show_choice(self, stopped: str) -> None:
        self.text_label.setText(f"{stopped} is stopped and noted in your history.")

    def apply_scale(self, scale: float) -> None:
        set_font(self.title_label, 2.6 * scale, bold=True)
        set_font(self.text_label, 1.8 * scale)
        set_font(self.advice_label, 1.6 * scale)
        for button in (self.carry_on_button, self.end_button):
            set_font(button, 1.8 * scale, bold=True)
            button.setMinimumHeight(int(96 * scale))


# --- the view ---------------------------------------------------------------------------------------------------


class SessionView(QWidget):
    pain_before_chosen = Signal(int)  # the 0-10 rating asked during the first get-ready

    def __init__(
        self,
        controller: SessionController,
        full_screen_action: QAction,
        *,
        quit_when_done: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._quit_when_done = quit_when_done
        self._beat: Beat | None = None
        self._beat_index = -1

        self.pause_action = make_action(
            self, "Pause", [Qt.Key.Key_Space], controller.toggle_pause, tip="Pause the session"
        )
        self.previous_action = make_action(
            self, RESTART_TITLE, [Qt.Key.Key_Left, Qt.Key.Key_P], controller.previous, tip=RESTART_TIP
        )
        self.next_action = make_action(
            self, "Next", [Qt.Key.Key_Right, Qt.Key.Key_N], controller.next, tip="Skip to the next exercise"
        )
        self.done_action = make_action(
            self, "Done", [Qt.Key.Key_Return, Qt.Key.Key_Enter], self._on_done, tip="Done: this set is finished"
        )
        self.repeat_action = make_action(
            self, "Repeat exercise", [Qt.Key.Key_R], controller.repeat, tip="Do this exercise again from the start"
        )
        self.stop_action = make_action(self, "Stop", [Qt.Key.Key_Escape], self.request_stop, tip="Stop the session")
        self.sharp_pain_action = make_action(
            self, "Sharp pain", [Qt.Key.Key_S], controller.sharp_pain, tip="Sharp pain: stop this exercise now"
        )
        self.full_screen_action = full_screen_action

        self.pain_before = PainScale(PAIN_BEFORE_QUESTION, skippable=True)
        self.pain_before.hide()
        self.pain_before.chosen.connect(self._pain_before_chosen)
        self.pain_before.skipped.connect(self._pain_before_skipped)
        self.sharp_pain_panel = SharpPainPanel(controller)

        self.phase_label = QLabel()
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = text_label(name="Exercise", wrap=False)
        self.position_label = text_label(name="Position", wrap=False)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.steps = StepList()
        self.benefit_label = text_label(name="Why this exercise")  # during the get-ready, from the exercise file
        self.countdown = CountdownDisplay()
        self.unit_label = text_label(name="Countdown unit")
        self.counters_label = text_label(name="Progress in this exercise")
        self.status_label = text_label(name="Status")
        self.caption_label = text_label(name="Spoken cue")
        self.next_label = text_label(name="Next exercise")
        for label in (self.unit_label, self.counters_label, self.status_label, self.caption_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Session progress")
        self.progress.setTextVisible(True)

        self.buttons = {
            "previous": action_button(self.previous_action, "Restart or previous exercise"),
            "pause": action_button(self.pause_action, "Pause or resume"),
            "done": action_button(self.done_action, "Done"),
            "next": action_button(self.next_action, "Next exercise"),
            "repeat": action_button(self.repeat_action, "Repeat exercise"),
            "sharp_pain": action_button(self.sharp_pain_action, "Sharp pain: stop this exercise"),
            "stop": action_button(self.stop_action, "Stop session"),
            "full_screen": action_button(full_screen_action, "Full screen"),
        }
        self._build_layout()
        self.apply_scale(1.0)

        controller.engine_event.connect(self._on_event)
        controller.cue.connect(self._on_cue)
        controller.state_changed.connect(self._on_state_changed)
        self._update_actions()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.phase_label)
        header.addSpacing(16)
        header.addWidget(self.name_label, 1)
        header.addWidget(self.position_label)

        right = QVBoxLayout()
        right.addWidget(self.countdown, 1)
        right.addWidget(self.unit_label)
        right.addWidget(self.counters_label)
        right.addWidget(self.status_label)

        self.exercise_area = QWidget()
        left = QVBoxLayout()
        left.addWidget(self.steps, 1)
        left.addWidget(self.benefit_label)
        body = QHBoxLayout(self.exercise_area)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(left, 4)
        body.addSpacing(24)
        body.addLayout(right, 6)
        self.body = QStackedWidget()
        self.body.addWidget(self.exercise_area)
        self.body.addWidget(self.sharp_pain_panel)

        buttons = QHBoxLayout()
        for button in self.buttons.values():
            buttons.addWidget(button)

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(10)
        root.addLayout(header)
        root.addWidget(self.pain_before)
        root.addWidget(self.body, 1)
        root.addWidget(self.caption_label)
        root.addWidget(self.next_label)
        root.addWidget(self.progress)
        root.addLayout(buttons)

    # -- public -------------------------------------------------------------------------------------------------

    def session_actions(self) -> list[QAction]:
        return [
            self.pause_action,
            self.previous_action,
            self.next_action,
            self.repeat_action,
            self.done_action,
            self.sharp_pain_action,
            self.stop_action,
        ]

    def ask_pain_before(self) -> None:
        """Show the 0-10 question for this session's start. The session holds at its first get-ready until it is
        answered or skipped (or the user says Ready); an answer stays on screen, and can be changed, until the first
        exercise begins."""
        self.pain_before.clear()
        self.pain_before.show()
        self.refresh()

    def is_asking_pain_before(self) -> bool:
        """The question is up and unanswered: the session waits for it."""
        return self.pain_before.isVisible() and self.pain_before.value() is None

    def is_deciding_after_sharp_pain(self) -> bool:
        engine = self._controller.engine
        return engine is not None and engine.state is State.PAUSED and engine.pause_reason is PauseReason.SHARP_PAIN

    def ask_to_stop(self) -> bool:
        """Modal question; tests replace this method."""
        box = QMessageBox(QMessageBox.Icon.Question, "Stop the session?", "Stop this session now?", parent=self)
        box.setInformativeText("What you have done so far is kept.")
        stop = box.addButton("Stop session", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is stop

    def request_stop(self) -> None:
        """Esc: stop after asking. The session is paused while the question is open, so it does not run on."""
        state = self._controller.state
        if state not in ACTIVE_STATES:
            return
        if self._quit_when_done:
            self._controller.stop()
            return
        was_running = state is State.RUNNING
        if was_running:
            self._controller.pause()
        if self.ask_to_stop():
            self._controller.stop()
        elif was_running and self._controller.state is State.PAUSED:
            self._controller.resume()

    def apply_scale(self, scale: float) -> None:
        """Fonts grow with the window, so full screen on a television reads as well as a laptop at arm's length."""
        set_font(self.phase_label, 1.7 * scale, bold=True)
        set_font(self.name_label, 2.8 * scale, bold=True)
        set_font(self.position_label, 1.7 * scale)
        self.steps.set_scale(1.55 * scale)
        set_font(self.benefit_label, 1.4 * scale)
        set_font(self.unit_label, 1.5 * scale)
        set_font(self.counters_label, 2.1 * scale, bold=True)
        set_font(self.status_label, 1.9 * scale, bold=True)
        set_font(self.caption_label, 1.6 * scale)
        set_font(self.next_label, 1.6 * scale)
        set_font(self.progress, 1.2 * scale)
        self.pain_before.apply_scale(scale)
        self.sharp_pain_panel.apply_scale(scale)
        for name, button in self.buttons.items():
            set_font(button, 1.35 * scale, bold=name == "sharp_pain")  # the one to find in a hurry
            button.setMinimumHeight(int(48 * scale))
        # Lines that are often empty keep their height, so the countdown does not jump when they fill.
        for label, lines in ((self.unit_label, 1), (self.status_label, 1), (self.caption_label, 2)):
            label.setMinimumHeight(lines * QFontMetrics(label.font()).height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        self.apply_scale(max(0.75, min(2.2, size.height() / 740, size.width() / 1180)))

    # -- events -------------------------------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if self._ends_pain_question(event):
            self.pain_before.hide()
        engine = self._controller.engine
        if engine is None or isinstance(event, SessionEnded):
            return
        if isinstance(event, SessionStarted):
            self.caption_label.clear()
        if isinstance(event, PhaseStarted) and event.index == engine.index:
            self._beat, self._beat_index = None, event.index
        if isinstance(event, BeatReached) and event.index == engine.index:
            self._beat, self._beat_index = event.beat, event.index
        self.refresh()

    @staticmethod
    def _ends_pain_question(event: Event) -> bool:
        """The "pain before" question is for before exercising: it goes once the first work (or rest) begins, or
        an exercise ends (skipped, or stopped for sharp pain), or the session ends. Unanswered means not rated."""
        if isinstance(event, PhaseStarted):
            return event.phase.kind is not PhaseKind.GET_READY
        return isinstance(event, ExerciseDone | SessionEnded)

    def _pain_before_chosen(self, value: int) -> None:
        self.pain_before_chosen.emit(value)
        self._start_after_pain_question()

    def _pain_before_skipped(self) -> None:
        self.pain_before.hide()
        self._start_after_pain_question()

    def _start_after_pain_question(self) -> None:
        """The session waited for the answer; with "wait for me" it still waits for Space or Enter."""
        engine = self._controller.engine
        if engine is not None and engine.state is State.WAITING and not engine.phase.wait_for_user:
            self._controller.confirm_ready()
        self.refresh()

    def _on_cue(self, cue: object) -> None:
        text = str(getattr(cue, "text", ""))
        self.caption_label.setText(f"\u201c{text}\u201d" if text else "")

    def _on_state_changed(self, _state: str) -> None:
        if self.is_asking_pain_before() and self._controller.state is State.RUNNING:
            self.pain_before.hide()  # "Ready" before an answer: started without a rating
        self._update_actions()
        self.refresh()

    def _on_done(self) -> None:
        """Enter: "I am ready" while waiting, "this set is done" during work (the action is off otherwise)."""
        if self._controller.state is State.WAITING:
            self._controller.confirm_ready()
        else:
            self._controller.done()

    # -- display ------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        engine = self._controller.engine
        if engine is None:
            return
        phase = engine.phase
        entry = engine.plan.entry(phase)
        exercise = entry.exercise
        state = engine.state
        beat = self._beat if self._beat_index == engine.index else None

        self.name_label.setText(exercise.name)
        self.position_label.setText(exercise.position.label)
        self.steps.set_steps(exercise.steps)
        self.steps.set_current(current_step(phase, beat, exercise))
        getting_ready = phase.kind is PhaseKind.GET_READY
        self.benefit_label.setText(f"Why: {exercise.benefit}" if getting_ready else "")
        self.benefit_label.setVisible(getting_ready)

        paused = state is State.PAUSED
        deciding = self.is_deciding_after_sharp_pain()
        if deciding:
            set_pill(self.phase_label, "Stopped", ACCENT_WARNING)
        elif paused:
            set_pill(self.phase_label, "Paused", ACCENT_PAUSED)
        else:
            name = "Steps" if phase.kind is PhaseKind.REPS and exercise.kind is Kind.STEPS else _PHASE_NAMES[phase.kind]
            set_pill(self.phase_label, name, _PHASE_COLOURS[phase.kind])

        self._show_countdown(engine, phase, beat, dimmed=state is not State.RUNNING)
        self.counters_label.setText(self._counters(phase, entry, beat))
        self.status_label.setText(PAIN_BEFORE_WAIT if self._waits_for_pain(engine) else self._status(engine))
        self.next_label.setText(self._next_text(engine, phase))
        entries = len(engine.plan.routine.entries)
        self.progress.setValue(round(engine.progress() * 1000))
        scale = self._controller.time_scale
        trial = "" if scale == 1 else f"  ·  trial run, {scale:g} times faster: not counted"
        self.progress.setFormat(f"Exercise {phase.entry_index + 1} of {entries}{trial}")
        if deciding:
            self._show_sharp_pain_choice(engine, exercise)
        self.body.setCurrentWidget(self.sharp_pain_panel if deciding else self.exercise_area)
        self._update_actions()

    def _show_sharp_pain_choice(self, engine: SessionEngine, following: Exercise) -> None:
        """The engine already waits at the next exercise's get-ready, but the screen is about the one just
        stopped until the user chooses: its name on top, and the next one where "Next" always is."""
        stopped = engine.plan.routine.entries[engine.phase.entry_index - 1].exercise
        self.name_label.setText(stopped.name)
        self.position_label.setText(stopped.position.label)
        self.next_label.setText(f"Next: {following.name}")
        self.sharp_pain_panel.show_choice(stopped.name)

    def _show_countdown(self, engine: SessionEngine, phase: Phase, beat: Beat | None, *, dimmed: bool) -> None:
        seconds = max(0, math.ceil(engine.remaining() - 1e-6))
        if phase.kind is PhaseKind.REPS and beat is not None and beat.kind in _HOLD_BEATS:
            # the hold at the top of a rep counts down like a stretch; the counters line still says which rep
            self.countdown.set_value(str(beat.remaining), sample="88", dimmed=dimmed)
            self.countdown.setAccessibleName("Seconds left to hold")
            self.unit_label.setText("Hold: second left" if beat.remaining == 1 else "Hold: seconds left")
        elif phase.kind is PhaseKind.REPS:
            rep = beat.rep if beat is not None else 1
            self.countdown.set_value(str(rep), sample="88", dimmed=dimmed)
            self.countdown.setAccessibleName("Step" if self._is_steps(phase) else "Rep")
            self.unit_label.setText("")  # the counters line below says "Rep 4 of 10"
        elif phase.kind is PhaseKind.CARDIO:
            self.countdown.set_value(format_clock(seconds), sample="88:88", dimmed=dimmed)
            self.countdown.setAccessibleName("Time left")
            self.unit_label.setText("minutes left")
        else:
            self.countdown.set_value(str(seconds), sample="88", dimmed=dimmed)
            self.countdown.setAccessibleName("Seconds left")
            unit = "second left" if seconds == 1 else "seconds left"
            self.unit_label.setText(unit + longer_text(phase))

    def _counters(self, phase: Phase, entry: Entry, beat: Beat | None) -> str:
        parts: list[str] = []
        kind = phase.kind
        if kind is PhaseKind.GET_READY:
            parts.append(dose_text(entry))
            if phase.side is not None:
                suffix = "first" if len(entry.sides) > 1 else "only"
                parts.append(f"{side_text(entry, phase.side)} {suffix}")
        elif kind is PhaseKind.REPS:
            word = "Step" if entry.exercise.kind is Kind.STEPS else "Rep"
            parts.append(f"{word} {beat.rep if beat is not None else 1} of {phase.target}")
        elif kind is PhaseKind.HOLD:
            parts.append(f"Hold {phase.target} seconds")
        elif kind is PhaseKind.CARDIO:
            parts.append(f"{phase.target // 60} minutes at an easy, steady pace")
        elif kind is PhaseKind.SWITCH_SIDES and phase.side is not None:
            parts.append(f"Now your {side_text(entry, phase.side).lower()}")
        elif kind is PhaseKind.REST:
            parts.append(f"Set {phase.set_number} of {phase.set_count} next" if phase.set_number else "Relax")
        if kind.is_work or kind is PhaseKind.SWITCH_SIDES:
            if phase.side is not None and kind is not PhaseKind.SWITCH_SIDES:
                parts.append(side_text(entry, phase.side))
            if phase.set_count > 1:
                parts.append(f"Set {phase.set_number} of {phase.set_count}")
        return " · ".join(part for part in parts if part)

    def _is_steps(self, phase: Phase) -> bool:
        engine = self._controller.engine
        return engine is not None and engine.plan.entry(phase).exercise.kind is Kind.STEPS

    def _waits_for_pain(self, engine: SessionEngine) -> bool:
        return engine.state is State.WAITING and self.is_asking_pain_before()

    @staticmethod
    def _status(engine: SessionEngine) -> str:
        if engine.state is State.WAITING:
            return WAIT_MESSAGE
        if engine.state is State.PAUSED:
            return SUSPEND_MESSAGE if engine.pause_reason is PauseReason.SUSPEND else PAUSED_MESSAGE
        return ""

    @staticmethod
    def _next_text(engine: SessionEngine, phase: Phase) -> str:
        routine = engine.plan.routine
        if phase.kind is PhaseKind.REST and not phase.set_number:
            return f"Next: {routine.entries[phase.entry_index].exercise.name}"
        following = phase.entry_index + 1
        if following < len(routine.entries):
            return f"Next: {routine.entries[following].exercise.name}"
        return "Next: the end. This is the last exercise."

    def _update_actions(self) -> None:
        engine = self._controller.engine
        state = engine.state if engine is not None else State.IDLE
        # while the sharp-pain choice is up, its two buttons are the only way on (and own Space and Esc)
        active = state in ACTIVE_STATES and not self.is_deciding_after_sharp_pain()
        for action in (self.pause_action, self.previous_action, self.next_action, self.repeat_action, self.stop_action):
            action.setEnabled(active)
        self.sharp_pain_action.setEnabled(engine is not None and engine.can_stop_for_sharp_pain())
        work = engine is not None and state is State.RUNNING and engine.phase.kind.is_work
        self.done_action.setEnabled(work or state is State.WAITING)
        if state is State.WAITING:
            _retitle(self.pause_action, "Ready", "Ready: start the exercise")
            _retitle(self.done_action, "Ready", "Ready: start the exercise")
        else:
            if state is State.PAUSED:
                _retitle(self.pause_action, "Resume", "Resume the session")
            else:
                _retitle(self.pause_action, "Pause", "Pause the session")
            _retitle(self.done_action, "Done", "Done: this set is finished")
        if engine is not None and active and engine.previous_goes_back():
            _retitle(self.previous_action, BACK_TITLE, BACK_TIP)
        else:
            _retitle(self.previous_action, RESTART_TITLE, RESTART_TIP)


def _retitle(action: QAction, text: str, tip: str) -> None:
    if action.text() != text:
        action.setText(text)
        set_action_tip(action, tip)
