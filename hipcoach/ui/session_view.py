"""The session screen: what to do now, how long for, and what comes next, readable from a mat two metres away.

Everything shown is read from the controller's public state whenever an engine event arrives, so the screen can
never disagree with the timer, the voice or the log. There is no ticking timer here: the controller wakes the engine
at each second boundary and beat, and each of those arrives as an event.

The page is put together from its pieces: the texts (:mod:`hipcoach.ui.session_texts`), the step list and its
highlight rule (:mod:`hipcoach.ui.step_list`), the big number (:mod:`hipcoach.ui.countdown_display`), the
sharp-pain choice (:mod:`hipcoach.ui.sharp_pain_panel`), the commands (:mod:`hipcoach.ui.session_actions`) and
the moving figure (:mod:`hipcoach.ui.session_figure`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.events import BeatReached, Event, ExerciseDone, PhaseStarted, SessionEnded, SessionStarted
from hipcoach.core.floor_moves import current_step as floor_move_step
from hipcoach.core.floor_moves import floor_move
from hipcoach.core.model import Exercise
from hipcoach.core.plan import Beat, PhaseKind
from hipcoach.core.session_state import State
from hipcoach.ui.countdown_display import CountdownDisplay
from hipcoach.ui.design import BODY, DISPLAY, LEAD, PAGE_MARGINS, SPACE_L, SPACE_M, SPACE_S, TITLE
from hipcoach.ui.page_fit import SMALLEST, PageFit
from hipcoach.ui.pain import PainScale
from hipcoach.ui.questions import ask, stop_question
from hipcoach.ui.relayout import one_relayout
from hipcoach.ui.screen_fit import scrolling, show_only
from hipcoach.ui.session_actions import SessionActions
from hipcoach.ui.session_controller import ACTIVE_STATES, SessionController
from hipcoach.ui.session_figure import SessionFigure
from hipcoach.ui.session_texts import (
    PAIN_BEFORE_QUESTION,
    Countdown,
    countdown,
    counters_text,
    heading,
    next_text,
    phase_name,
    progress_text,
    reminders_text,
    side_line,
    status_text,
    stopped_entry,
)
from hipcoach.ui.sharp_pain_panel import SharpPainPanel
from hipcoach.ui.step_list import StepList, current_step
from hipcoach.ui.widgets import (
    ACCENT_GET_READY,
    ACCENT_PAUSED,
    ACCENT_REST,
    ACCENT_SWITCH,
    ACCENT_WARNING,
    ACCENT_WORK,
    set_font,
    set_pill,
    set_progress,
    text_label,
)

_PHASE_COLOURS = {
    PhaseKind.GET_READY: ACCENT_GET_READY,
    PhaseKind.REPS: ACCENT_WORK,
    PhaseKind.HOLD: ACCENT_WORK,
    PhaseKind.CARDIO: ACCENT_WORK,
    PhaseKind.SWITCH_SIDES: ACCENT_SWITCH,
    PhaseKind.REST: ACCENT_REST,
    PhaseKind.GET_DOWN: ACCENT_SWITCH,
    PhaseKind.GET_UP: ACCENT_SWITCH,
}


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
        # the window's say after the pain before the session is rated: True holds the session at its first
        # get-ready while the window asks something (the sore-day offer when the pain is clearly higher than usual)
        self.hold_after_rating: Callable[[int], bool] = lambda _value: False

        self.commands = SessionActions(self, controller, full_screen_action, self.request_stop)
        self.pause_action = self.commands.pause
        self.previous_action = self.commands.previous
        self.next_action = self.commands.next
        self.done_action = self.commands.done
        self.repeat_action = self.commands.repeat
        self.stop_action = self.commands.stop
        self.sharp_pain_action = self.commands.sharp_pain
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
        self.reminders_label = text_label(name="Reminders")  # the exercise's safety and form reminders
        self.side_label = text_label(name="Side")  # which side, named on the body
        self.countdown = CountdownDisplay()
        self.figure = SessionFigure(controller)  # the exercise, moving in step (hipcoach.ui.session_figure)
        self.unit_label = text_label(name="Countdown unit")
        self.counters_label = text_label(name="Progress in this exercise")
        self.status_label = text_label(name="Status")
        self.caption_label = text_label(name="Spoken cue")
        self.next_label = text_label(name="Next exercise")
        for label in (self.unit_label, self.counters_label, self.side_label, self.status_label, self.caption_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Session progress")
        self.progress.setTextVisible(True)

        self.buttons = self.commands.buttons
        self._build_layout()
        self.apply_scale(1.0)

        controller.engine_event.connect(self._on_event)
        controller.cue.connect(self._on_cue)
        controller.state_changed.connect(self._on_state_changed)
        controller.dispatched.connect(self._refresh_if_stale)
        self._stale = False  # an event or a state change since the last refresh
        self._update_actions()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.phase_label)
        header.addSpacing(SPACE_L)
        header.addWidget(self.name_label, 1)
        header.addWidget(self.position_label)

        right = QVBoxLayout()
        right.addWidget(self.countdown, 1)
        for line in (self.unit_label, self.counters_label, self.side_label, self.status_label):
            right.addWidget(line)

        self.exercise_area = QWidget()
        # The steps scroll when they are longer than their room (a long step at the larger text on a small screen):
        # cut off, they were unreadable, and holding the page taller pushed the buttons off the screen.
        self.steps_area = scrolling(self.steps, name="Steps")
        self.steps_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QVBoxLayout()
        left.addWidget(self.steps_area, 1)
        left.addWidget(self.reminders_label)
        left.addSpacing(SPACE_S)
        left.addWidget(self.benefit_label)
        stage = QHBoxLayout()
        stage.addWidget(self.figure, 5)
        stage.addSpacing(SPACE_M)
        stage.addLayout(right, 5)
        # Side by side on a wide window; on a narrow one the figure and the countdown on top, the steps below them
        # (docs/accessibility.md, "Layout").
        self.exercise_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.exercise_area)
        self.exercise_layout.setContentsMargins(0, 0, 0, 0)
        self.exercise_layout.setSpacing(SPACE_M)
        self.exercise_layout.addLayout(left, 4)
        self.exercise_layout.addLayout(stage, 10)
        self.body = QStackedWidget()
        self.body.addWidget(self.exercise_area)
        self.body.addWidget(self.sharp_pain_panel)
        self.countdown.raise_()  # where the page cannot fit at all, the lines go under the number, never over it

        self.button_grid = buttons = QGridLayout()  # one row, or two on a narrow window (page_fit)
        self.button_rows(1)

        root = QVBoxLayout(self)
        root.setContentsMargins(*PAGE_MARGINS)
        root.setSpacing(SPACE_M)
        root.addLayout(header)
        root.addWidget(self.pain_before)
        root.addWidget(self.body, 1)
        for below in (self.caption_label, self.next_label, self.progress):
            root.addWidget(below)
        root.addLayout(buttons)
        self.fitting = PageFit(
            self,
            root,
            self.exercise_layout,
            scale=self.apply_scale,
            scrolled=self.steps_area,
            kept_clear=self.countdown,
            button_rows=self.button_rows,
        )

    # -- public -------------------------------------------------------------------------------------------------

    def session_actions(self) -> list[QAction]:
        return self.commands.session_actions()

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
        return self._controller.stopped_for_sharp_pain

    def ask_to_stop(self) -> bool:
        """Modal question; tests replace this method."""
        box, stop = stop_question(self)
        return ask(box) is stop

    def request_stop(self) -> None:
        """Esc: stop after asking. The session is paused while the question is open, so it does not run on."""
        state = self._controller.state
        if state not in ACTIVE_STATES:
            return
        if self._quit_when_done:
            self._controller.stop_and_get_up()
            return
        was_running = state is State.RUNNING
        if was_running:
            self._controller.pause()
        if self.ask_to_stop():
            self._controller.stop_and_get_up()
        elif was_running and self._controller.state is State.PAUSED:
            self._controller.resume()

    def apply_scale(self, scale: float) -> None:
        """Fonts grow with the window, so full screen on a television reads as well as a laptop at arm's length."""
        set_font(self.phase_label, LEAD, bold=True, zoom=scale)
        set_font(self.name_label, DISPLAY, bold=True, zoom=scale)
        set_font(self.position_label, LEAD, zoom=scale)
        self.steps.set_scale(LEAD, zoom=scale)
        set_font(self.benefit_label, BODY, zoom=scale)
        set_font(self.unit_label, LEAD, zoom=scale)
        set_font(self.counters_label, TITLE, bold=True, zoom=scale)
        set_font(self.side_label, LEAD, bold=True, zoom=scale)
        set_font(self.reminders_label, BODY, zoom=scale)
        set_font(self.status_label, TITLE, bold=True, zoom=scale)
        set_font(self.caption_label, LEAD, zoom=scale)
        set_font(self.next_label, LEAD, zoom=scale)
        set_font(self.progress, BODY, zoom=scale)
        self.pain_before.apply_scale(scale)
        self.sharp_pain_panel.apply_scale(scale)
        for name, button in self.buttons.items():
            set_font(button, BODY, bold=name == "sharp_pain", zoom=scale)  # the one to find in a hurry
            button.setMinimumHeight(int(48 * scale))
        # Lines that are often empty keep their height, so the countdown does not jump when they fill.
        for label, lines in ((self.unit_label, 1), (self.status_label, 1), (self.caption_label, 2)):
            label.setMinimumHeight(lines * QFontMetrics(label.font()).height())

    def button_rows(self, rows: int) -> None:
        """The command buttons in ``rows`` rows (the later ones below)."""
        shown = list(self.buttons.values())
        columns = -(-len(shown) // rows)
        for index, button in enumerate(shown):
            self.button_grid.addWidget(button, index // columns, index % columns)

    def minimumSizeHint(self) -> QSize:
        """Small, so the page never holds the window larger than the screen: it fits itself to the size it is
        given (:mod:`hipcoach.ui.page_fit`)."""
        return QSize(SMALLEST)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitting.fit(event.size())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:  # a new text size: fitted again once it is applied
            self.fitting.font_changed()
        return super().event(event)

    # -- events -------------------------------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if self._ends_pain_question(event):
            self.pain_before.hide()
        index = self._controller.phase_index
        if index is None or isinstance(event, SessionEnded):
            return
        if isinstance(event, SessionStarted):
            self.caption_label.clear()
        if isinstance(event, PhaseStarted) and event.index == index:
            self._beat, self._beat_index = None, event.index
        if isinstance(event, BeatReached) and event.index == index:
            self._beat, self._beat_index = event.beat, event.index
        self._stale = True

    def _refresh_if_stale(self) -> None:
        """One refresh per batch of engine events: a change of exercise brings three at once (the last beat, the
        exercise done, the next phase), and refreshing after each held the GUI thread three times as long."""
        if self._stale:
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
        if self.hold_after_rating(value):
            return  # the window asks something first (the sore-day offer), then calls carry_on_after_rating()
        self._start_after_pain_question()

    def carry_on_after_rating(self) -> None:
        """The question the window asked after the rating is answered: the session goes on as after any rating."""
        self._start_after_pain_question()

    def _pain_before_skipped(self) -> None:
        self.pain_before.hide()
        self._start_after_pain_question()

    def _start_after_pain_question(self) -> None:
        """The session waited for the answer; with "wait for me" it still waits for Space or Enter."""
        phase = self._controller.phase
        if phase is not None and self._controller.state is State.WAITING and not phase.wait_for_user:
            self._controller.confirm_ready()
        self.refresh()

    def _on_cue(self, cue: object) -> None:
        text = str(getattr(cue, "text", ""))
        self.caption_label.setText(f"\u201c{text}\u201d" if text else "")

    def _on_state_changed(self, _state: str) -> None:
        if self.is_asking_pain_before() and self._controller.state is State.RUNNING:
            self.pain_before.hide()  # "Ready" before an answer: started without a rating
        self._update_actions()
        self._stale = True  # refreshed once the batch that changed the state is through

    # -- display ------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Everything on the page from the controller's state; the lines shown or hidden here are laid out once,
        by the event loop (:mod:`hipcoach.ui.relayout`)."""
        with one_relayout(self):
            self._refresh()
        self.fitting.lines_changed(self._shape())

    def _shape(self) -> tuple[object, ...]:
        """What decides how much room the page's lines need: which are shown, and the texts that wrap."""
        lines = (self.pain_before, self.benefit_label, self.reminders_label, self.side_label, self.sharp_pain_panel)
        texts = (self.status_label, self.name_label, self.reminders_label, self.benefit_label, self.next_label)
        return (*(line.isVisibleTo(self) for line in lines), *(len(label.text()) for label in texts))

    def _refresh(self) -> None:
        self._stale = False
        controller = self._controller
        plan, phase, index = controller.plan, controller.phase, controller.phase_index
        if plan is None or phase is None:
            return
        entry = plan.entry(phase)
        exercise = entry.exercise
        state = controller.state
        beat = self._beat if self._beat_index == index else None

        title, position = heading(phase, entry)
        self.name_label.setText(title)
        self.position_label.setText(position)
        if phase.kind.is_floor_move:  # its own steps, lit one after the other as its time goes
            body = controller.way_up_from
            self.steps.set_steps(floor_move(phase, entry, body).steps)
            self.steps.set_current(floor_move_step(phase, entry, phase.duration - controller.remaining(), body))
        else:
            self.steps.set_steps(exercise.steps)
            self.steps.set_current(current_step(phase, beat, exercise))
        getting_ready = phase.kind is PhaseKind.GET_READY
        self.benefit_label.setText(f"Why: {exercise.benefit}" if getting_ready else "")
        self.benefit_label.setVisible(getting_ready)
        # none after a stop (no exercise is coming), nor on the way down or up, whose own steps are the instructions
        reminders = "" if controller.is_ending or phase.kind.is_floor_move else reminders_text(exercise)
        self.reminders_label.setText(reminders)
        self.reminders_label.setVisible(bool(reminders))

        deciding = self.is_deciding_after_sharp_pain()
        if deciding:
            set_pill(self.phase_label, "Stopped", ACCENT_WARNING)
        elif state is State.PAUSED:
            set_pill(self.phase_label, "Paused", ACCENT_PAUSED)
        else:
            set_pill(self.phase_label, phase_name(phase, entry), _PHASE_COLOURS[phase.kind])

        self._show_countdown(countdown(phase, entry, beat, controller.remaining()), dimmed=state is not State.RUNNING)
        self.counters_label.setText(counters_text(phase, entry, beat))
        side = side_line(phase, entry)
        self.side_label.setText(side)
        self.side_label.setVisible(bool(side))
        asking_pain = self.is_asking_pain_before()
        self.status_label.setText(status_text(state, controller.pause_reason, asking_pain=asking_pain))
        self.next_label.setText(next_text(plan.routine, phase, ending=controller.is_ending))
        stopped = stopped_entry(phase) if deciding else None  # the page is about it until the user chooses
        set_progress(
            self.progress,
            round(controller.progress() * 1000),
            progress_text(phase, plan.routine, controller.time_scale, ending=controller.is_ending, entry_index=stopped),
        )
        if stopped is not None:
            following = plan.routine.entries[min(stopped + 1, len(plan.routine.entries) - 1)].exercise
            self._show_sharp_pain_choice(plan.routine.entries[stopped].exercise, following)
        show_only(self.body, self.sharp_pain_panel if deciding else self.exercise_area)  # held tall when hidden
        self._update_actions()

    def _show_sharp_pain_choice(self, stopped: Exercise, following: Exercise) -> None:
        """The session already waits at the next exercise's get-ready, but the screen is about the one just
        stopped until the user chooses: its name on top, and the next one where "Next" always is."""
        self.name_label.setText(stopped.name)
        self.position_label.setText(stopped.position.label)
        self.next_label.setText(f"Next: {following.name}")
        self.sharp_pain_panel.show_choice(stopped.name)

    def _show_countdown(self, shown: Countdown, *, dimmed: bool) -> None:
        self.countdown.set_name(shown.name)
        self.countdown.set_value(shown.text, sample=shown.sample, dimmed=dimmed)
        self.unit_label.setText(shown.unit)

    def _update_actions(self) -> None:
        self.commands.update()
