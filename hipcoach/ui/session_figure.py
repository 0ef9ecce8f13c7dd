"""The moving figure on the session page, in step with the engine (docs/figure.md, "In the app").

The pose painted is ``frame(figure, phase, seconds)`` with ``seconds`` the controller's plan time into the phase,
read at paint time: the figure has no clock of its own, so pausing freezes it and ``--time-scale`` speeds it like
everything else. One single-shot timer (from the controller's timer factory, so tests fire it by hand) asks for
the next frame only while the figure moves; when it is still (get-ready, rests, the hold at the top of a rep) the
timer is armed once for the next movement (``next_motion``), and while paused or waiting nothing is armed at all.

"Reduce motion" paints the start and top poses side by side and never arms the timer; "Show the figure" off hides
the widget, and the page gives its room back to the steps and the countdown.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from hipcoach.core.figure.description import START, TOP, ExerciseFigure
from hipcoach.core.figure.motion import body_side, frame, is_moving, next_motion, shown, still
from hipcoach.core.session_state import State
from hipcoach.ui.figure.colours import colours_for
from hipcoach.ui.figure.painter import figure_bounds, paint_figure
from hipcoach.ui.figure.stills import paint_stills

if TYPE_CHECKING:
    from hipcoach.core.figure.body import BodySide, Pose
    from hipcoach.core.plan import Phase
    from hipcoach.ui.session_controller import SessionController

FRAME_MS: Final = 40
"""25 frames a second while the figure moves: smooth for a movement that takes two seconds, and a fraction of the
CPU of 60 (bench/bench_figure.py)."""


class SessionFigure(QWidget):
    """The current exercise's figure, large, beside the steps."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._timer = controller.timer_factory(self, self._next_frame)
        self._show = True
        self._reduce_motion = False
        self._key: tuple[int, int] | None = None  # (plan id, phase index) the figure below belongs to
        self._figure: ExerciseFigure | None = None  # on the side shown
        self._side: BodySide | None = None
        self._still_shown: tuple[object, ...] | None = None  # what the last repaint showed, when it showed a still
        self.frames_asked = 0  # frames the timer asked for: none while paused (the benchmark counts them)
        self.frames_painted = 0
        self.repaints_asked = 0  # by engine events and changes of state (not frames)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 100)
        self.setAccessibleName("How to do the exercise")
        controller.engine_event.connect(self.sync)
        controller.state_changed.connect(self.sync)

    # -- settings -------------------------------------------------------------------------------------------------

    def set_appearance(self, *, show: bool, reduce_motion: bool) -> None:
        """Settings → Appearance: the figure hidden, or its start and top poses side by side instead of moving."""
        self._show, self._reduce_motion = show, reduce_motion
        self._still_shown = None
        self.setVisible(show)
        self.sync()

    def reduces_motion(self) -> bool:
        return self._reduce_motion

    # -- what is shown ------------------------------------------------------------------------------------------

    def figure(self) -> ExerciseFigure | None:
        """The figure of the exercise on screen, on the side shown (None for an exercise without one)."""
        self._follow_phase()
        return self._figure

    def poses(self) -> list[Pose]:
        """The poses painted now: one moving pose, or the start and top poses under "Reduce motion"."""
        self._follow_phase()
        figure, phase = self._figure, self._controller.phase
        if figure is None or phase is None:
            return []
        if self._reduce_motion:
            return [still(figure, START), still(figure, TOP)]
        return [frame(figure, phase, self._seconds(phase), self._side)]

    def is_animating(self) -> bool:
        """A frame timer is armed (for the next frame, or for the next movement)."""
        return self._timer.isActive()

    # -- timing ---------------------------------------------------------------------------------------------------

    def sync(self, *_args: object) -> None:
        """An engine event or a change of state: repaint unless the still pose on screen is still right, and arm
        the timer for what comes next. (The engine's second ticks do not repaint a figure that holds still.)"""
        self._timer.stop()
        self._follow_phase()
        phase = self._controller.phase
        if self._figure is None or phase is None or not self._show:
            return
        state = self._controller.state
        still_now = state is not State.RUNNING or not is_moving(self._figure, phase, self._seconds(phase))
        shown_still = (self._key, state.value, self._reduce_motion)
        if not (still_now and shown_still == self._still_shown):
            self.repaints_asked += 1
            self.update()
        self._still_shown = shown_still if still_now else None
        self._arm()

    def _next_frame(self) -> None:
        figure, phase = self._figure, self._controller.phase
        if figure is not None and phase is not None and is_moving(figure, phase, self._seconds(phase)):
            self.frames_asked += 1
            self._still_shown = None
            self.update(self._drawn_rect(figure))  # not the empty margins: less to clear and copy each frame
        self._arm()  # woken before the movement (a timer that fired early): armed again, nothing painted

    def _arm(self) -> None:
        controller, figure, phase = self._controller, self._figure, self._controller.phase
        if figure is None or phase is None or self._reduce_motion or not self._show:
            return
        if controller.state is not State.RUNNING:
            return  # paused or waiting: the pose cannot change until the state does
        seconds = self._seconds(phase)
        later = next_motion(figure, phase, seconds)
        if later is None:
            return  # still until the next phase, whose event calls sync()
        delay = (later - seconds) / max(1e-9, controller.time_scale)
        self._timer.start(FRAME_MS if delay <= 0 else max(1, math.ceil(delay * 1000)))

    def _seconds(self, phase: Phase) -> float:
        """The controller's plan time into the phase (paused time does not count; the time scale applies)."""
        return max(0.0, phase.duration - self._controller.remaining())

    def _follow_phase(self) -> None:
        """Pick the figure when the phase changes: the coming exercise's, on the coming side (``shown``), mirrored
        once here rather than at every frame."""
        plan, index = self._controller.plan, self._controller.phase_index
        if plan is None or index is None:
            self._key, self._figure, self._side = None, None, None
            return
        key = (id(plan), index)
        if key == self._key:
            return
        entry_index, side = shown(plan, index)
        figure = plan.routine.entries[entry_index].exercise.movement.figure
        self._key, self._side = key, body_side(side)
        self._figure = figure.for_side(body_side(side)) if figure is not None else None

    # -- painting -------------------------------------------------------------------------------------------------

    def _drawn_rect(self, figure: ExerciseFigure) -> QRect:
        """The part of the widget the figure's whole movement is drawn in (its frame, fitted and centred)."""
        box = QRectF(self.contentsRect())
        world = figure_bounds(figure)
        scale = min(box.width() / max(1e-9, world.width), box.height() / max(1e-9, world.height))
        width, height = world.width * scale, world.height * scale
        drawn = QRectF(box.center().x() - width / 2, box.center().y() - height / 2, width, height)
        return drawn.toAlignedRect().adjusted(-2, -2, 2, 2)

    def sizeHint(self) -> QSize:
        return QSize(420, 320)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        self._follow_phase()
        figure, phase = self._figure, self._controller.phase
        if figure is None or phase is None:
            return
        self.frames_painted += 1
        painter = QPainter(self)
        try:
            rect = QRectF(self.contentsRect())
            colours = colours_for(self.palette())
            if self._reduce_motion:
                paint_stills(painter, rect, figure, None, (START, TOP), colours=colours)
            else:
                pose = frame(figure, phase, self._seconds(phase), self._side)
                paint_figure(painter, rect, figure, pose, colours=colours)
        finally:
            painter.end()
