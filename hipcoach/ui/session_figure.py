"""The moving figure on the session page, in step with the engine (docs/figure.md, "In the app").

The pose painted is ``frame(figure, phase, seconds)`` with ``seconds`` the controller's plan time into the phase: the
figure has no clock of its own, so pausing freezes it and ``--time-scale`` speeds it like everything else. One
single-shot timer (from the controller's timer factory, so tests fire it by hand) asks for the next frame only
while the figure moves; when it is still (get-ready, rests, the hold at the top of a rep) the timer is armed once
for the next movement (``next_motion``), and while paused or waiting nothing is armed at all.

The frame policy (docs/figure.md, "In the app"): at most 20 frames a second, at the 1/20 s moments of the phase; a
frame is painted only when a joint has moved at least one device pixel since the frame on screen, and only the box
the limbs that moved covered and cover is repainted (the head and trunk of a clamshell lie still), over a picture of
the figure's still parts kept per size; none while the window is minimised or covered (the timer only looks four
times a second whether it shows again). The timer works out the frame's pose and the paint uses it; poses, boxes
and the pictures of the frames are kept by their position in the movement, which every rep repeats, so that from
the second rep on a frame is one copy of a picture (``hipcoach/ui/figure/frames.py``).

On the way down to the mat and up from it the figure shows the pose of the step lit (``floor_moves.pose_at``),
still; one timer is armed for the moment the next pose comes.

"Reduce motion" paints the start and top poses side by side and never arms the frame timer; "Show the figure" off
hides the widget, and the page gives its room back to the steps and the countdown.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from hipcoach.core.figure.body import BONES, forward_kinematics
from hipcoach.core.figure.description import START, TOP, ExerciseFigure
from hipcoach.core.figure.motion import body_side, frame, is_moving, next_motion, posed, position, shown, still
from hipcoach.core.figure.props import moving_shapes
from hipcoach.core.floor_moves import next_pose_change, pose_at
from hipcoach.core.session_state import State
from hipcoach.ui.figure.colours import FigureColours, colours_for
from hipcoach.ui.figure.frames import Drawn, FrameCache, Key
from hipcoach.ui.figure.painter import (
    HEAD_REACH,
    LIMB_REACH,
    drawn_extent,
    paint_body,
    paint_scenery,
    picture_scale,
)
from hipcoach.ui.figure.stills import paint_stills

if TYPE_CHECKING:
    from hipcoach.core.figure.body import BodySide, Pose
    from hipcoach.core.model import Side
    from hipcoach.core.plan import Phase
    from hipcoach.ui.session_controller import SessionController

FRAME_MS: Final = 50
"""At most 20 frames a second while the figure moves: smooth for a movement that takes two seconds, at a fraction of
the CPU of 60 (bench/bench_figure.py)."""

LEAST_MOVE_PX: Final = 1.0
"""A frame is painted only when some joint has moved this far, in device pixels, since the frame on screen: the slow
start and end of an eased movement, and a small figure, need fewer frames."""

POSITION_STEPS: Final = 1024
"""The poses of a movement are kept by their position in it, to this fraction of the whole way: a 1/2048 step is
far under a pixel even at full screen, and reps repeat the same positions, so most frames need no pose worked out."""

UNSEEN_MS: Final = 250
"""While the window is minimised or covered, how often the frame timer looks whether it shows again."""


class SessionFigure(QWidget):
    """The current exercise's figure, large, beside the steps."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._timer = controller.timer_factory(self, self._next_frame)
        self._show = True
        self._reduce_motion = False
        self._key: tuple[object, ...] | None = None  # (plan id, phase index[, floor pose]) of the figure below
        self._figure: ExerciseFigure | None = None  # on the side shown
        self._side: BodySide | None = None
        self._still_shown: tuple[object, ...] | None = None  # what the last repaint showed, when it showed a still
        self._on_screen: tuple[float, ...] | None = None  # the joints of the moving pose on screen (widget pixels)
        self._on_screen_box: QRectF | None = None  # and the box it covers
        self._on_screen_key: Key | None = None  # and its position in the movement (None: a still pose)
        self._shown: Drawn | None = None  # the moving pose last painted
        self._coming: tuple[Key | None, Drawn] | None = None  # the frame the timer asked for, painted when it comes
        self._frames = FrameCache()  # of this figure in this rectangle, by position in the movement
        self._scenery: tuple[tuple[object, ...], QPixmap] | None = None  # the figure's still parts, for its size
        self._colours: tuple[int, FigureColours] | None = None  # for the palette with this cache key
        self.frames_asked = 0  # frames the timer asked for: none while paused (the benchmark counts them)
        self.frames_painted = 0
        self.repaints_asked = 0  # by engine events and changes of state (not frames)
        # It paints its own background (the window's colour), so a frame does not repaint the page under it too.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
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
        if self._reduce_motion and not phase.kind.is_floor_move:
            return [still(figure, START), still(figure, TOP)]
        return [frame(figure, phase, self._seconds(phase), self._side)]

    def drawn_on_screen(self) -> Drawn | None:
        """The moving pose last painted, whether painted or copied from its picture (a test compares the pixels)."""
        return self._shown

    def frame_cache(self) -> FrameCache:
        """The frames kept by position (a test and the benchmark count the pictures copied)."""
        return self._frames

    def is_animating(self) -> bool:
        """A frame timer is armed (for the next frame, or for the next movement)."""
        return self._timer.isActive()

    # -- timing ---------------------------------------------------------------------------------------------------

    def sync(self, *_args: object) -> None:
        """An engine event or a change of state: repaint unless the still pose on screen is still right, and arm
        the timer for what comes next. (The engine's second ticks do not repaint a figure that holds still.)"""
        self._timer.stop()
        self._coming = None
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
        if figure is None or phase is None:
            return
        if phase.kind.is_floor_move:  # the next step's pose: picked, painted, and the timer armed for the one after
            self.sync()
            return
        if not self._is_seen():
            self._timer.start(UNSEEN_MS)  # minimised or covered: no frame would reach the screen
            return
        seconds = self._seconds(phase)
        if is_moving(figure, phase, seconds):
            step = self._frame_step()
            moment = round(seconds / step) * step  # frames fall on one grid of the phase, so reps repeat poses
            key, drawn = self._drawn_at(figure, phase, moment)
            box = self._frame_box(figure, key, drawn)
            if box is not None:
                self.frames_asked += 1
                self._still_shown = None
                self._coming = (key, drawn)
                self.update(box.toAlignedRect())
        self._arm()  # woken before the movement (a timer that fired early): armed again, nothing painted

    def _drawn_at(self, figure: ExerciseFigure, phase: Phase, seconds: float) -> tuple[Key | None, Drawn]:
        """The pose at ``seconds`` as drawn in the widget now, and its position in the movement: kept by position
        for a moving phase (``POSITION_STEPS``), so that reps after the first need no pose worked out."""
        rect = QRectF(self.contentsRect())
        self._frames.use(self._frame_cache_key(figure, rect))
        where = position(figure, phase, seconds)
        if where is None:
            return None, _drawn(figure, frame(figure, phase, seconds, self._side), rect)
        key = (phase.kind, round(where * POSITION_STEPS))
        known = self._frames.drawn(key)
        if known is None:
            known = self._frames.keep(key, _drawn(figure, posed(figure, phase.kind, key[1] / POSITION_STEPS), rect))
        return key, known

    def _frame_cache_key(self, figure: ExerciseFigure, rect: QRectF) -> tuple[object, ...]:
        return (id(figure), rect, self.width(), self.height(), self.devicePixelRatioF(), self.palette().cacheKey())

    def _frame_box(self, figure: ExerciseFigure, key: Key | None, drawn: Drawn) -> QRectF | None:
        """The box a frame of ``drawn`` repaints, None when no joint moved a device pixel since the frame on screen;
        worked out once for each pair of positions (the one on screen, the one coming)."""
        before = self._on_screen_key
        if before is not None and self._frames.drawn(before) is not self._shown:
            before = None  # drawn before the frames were last cleared (a resize): compared with, not kept by
        if before is not None and key is not None:
            known, box = self._frames.box(before, key)
            if known:
                return box
        box = self._changed_box(figure, drawn) if self._moved(drawn.points) else None
        if before is not None and key is not None:
            self._frames.keep_box(before, key, box)
        return box

    def _moved(self, points: tuple[float, ...]) -> bool:
        """Whether some joint is at least a device pixel away from where the frame on screen has it."""
        before = self._on_screen
        if before is None or len(before) != len(points):
            return True
        least = LEAST_MOVE_PX / self.devicePixelRatioF()
        return any(abs(a - b) >= least for a, b in zip(points, before, strict=True))

    def _changed_box(self, figure: ExerciseFigure, coming: Drawn) -> QRectF:
        """The box to repaint for ``coming``: where the segments with a joint that moved were and are now (a leg
        that lifts, not the body lying still beside it). The whole body's box, before and after, when props move
        with it (a band, a machine's pedals), or when there is no frame on screen to compare with."""
        before, old_box = self._on_screen, self._on_screen_box
        after = coming.points
        if before is None or old_box is None or len(before) != len(after) or moving_shapes(figure, coming.skeleton):
            return coming.box.united(old_box) if old_box is not None else coming.box
        scale = picture_scale(coming.rect, figure)
        reach, head_reach = LIMB_REACH * scale + 3.0, HEAD_REACH * scale + 3.0
        moved = [before[k] != after[k] or before[k + 1] != after[k + 1] for k in range(0, len(after), 2)]
        left = top = math.inf
        right = bottom = -math.inf
        for a, b, head in _segments(coming.names):
            if not (moved[a] or moved[b]):
                continue
            margin = head_reach if head else reach
            for points in (before, after):
                for k in (2 * a, 2 * b):
                    x, y = points[k], points[k + 1]
                    left, right = min(left, x - margin), max(right, x + margin)
                    top, bottom = min(top, y - margin), max(bottom, y + margin)
        if left > right:
            return QRectF()
        return QRectF(left, top, right - left, bottom - top)

    def _is_seen(self) -> bool:
        """False while the window is minimised or wholly covered: no frame would reach the screen. (A minimised
        window is not exposed either; the window's native handle says both in one call.)"""
        handle = self.window().windowHandle()
        return handle is not None and handle.isExposed() and self.isVisible()

    def _arm(self) -> None:
        controller, figure, phase = self._controller, self._figure, self._controller.phase
        if figure is None or phase is None or not self._show:
            return
        if controller.state is not State.RUNNING:
            return  # paused or waiting: the pose cannot change until the state does
        seconds = self._seconds(phase)
        if phase.kind.is_floor_move:
            self._arm_floor_pose(seconds)
            return
        if self._reduce_motion:
            return
        later = next_motion(figure, phase, seconds)
        if later is None:
            return  # still until the next phase, whose event calls sync()
        if later <= seconds:  # moving: the next frame's moment on the grid (one FRAME_MS away when on time)
            step = self._frame_step()
            later = (math.floor(seconds / step + 1e-6) + 1) * step
        delay = (later - seconds) / max(1e-9, controller.time_scale)
        self._timer.start(max(1, math.ceil(delay * 1000 - 1e-6)))

    def _arm_floor_pose(self, seconds: float) -> None:
        """A floor move's pose is still within a step: one timer for the moment the next one comes (also under
        "Reduce motion": a new still, not a movement)."""
        plan, index, phase = self._controller.plan, self._controller.phase_index, self._controller.phase
        if plan is None or index is None or phase is None or _floor_figures() is None:
            return
        later = next_pose_change(phase, plan.entry(phase), seconds, self._controller.way_up_from)
        if later is not None:
            delay = (later - seconds) / max(1e-9, self._controller.time_scale)
            self._timer.start(max(1, math.ceil(delay * 1000 - 1e-6)))

    def _frame_step(self) -> float:
        """Plan seconds between two frames: FRAME_MS of the wall clock, at the session's time scale."""
        return FRAME_MS / 1000 * max(1e-9, self._controller.time_scale)

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
        phase = plan.phases[index]
        floor = _floor_figures() if phase.kind.is_floor_move else None
        if floor is not None:  # the pose the lit step names (``pose_at``), where a stop left the body on the way up
            name = pose_at(phase, plan.entry(phase), self._seconds(phase), self._controller.way_up_from)
            self._show_figure((id(plan), index, name), floor.get(name), None)
            return
        if (id(plan), index) != self._key:
            entry_index, side = shown(plan, index)
            figure = plan.routine.entries[entry_index].exercise.movement.figure
            self._show_figure((id(plan), index), figure.for_side(body_side(side)) if figure else None, side)

    def _show_figure(self, key: tuple[object, ...], figure: ExerciseFigure | None, side: Side | None) -> None:
        if key == self._key:
            return
        self._key, self._side = key, body_side(side)
        if figure is not self._figure:
            self._frames.clear()  # the pictures of the exercise before are freed at once
        self._figure = figure

    # -- painting -------------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(420, 320)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._follow_phase()
        figure, phase = self._figure, self._controller.phase
        coming, self._coming = self._coming, None
        painter = QPainter(self)
        try:
            if figure is None or phase is None or self._reduce_motion:
                painter.fillRect(event.rect(), self.palette().window())
            if figure is None or phase is None:
                return
            self.frames_painted += 1
            rect = QRectF(self.contentsRect())
            colours = self._colours_now()
            if self._reduce_motion:
                poses = (START,) if phase.kind.is_floor_move else (START, TOP)
                paint_stills(painter, rect, figure, None, poses, colours=colours)
                self._on_screen = self._on_screen_box = self._on_screen_key = self._shown = None
                return
            area = QRectF(event.rect())
            scenery = self._scenery_for(figure, colours, rect)
            if coming is None:  # not a frame the timer asked for (a change of state, a resize, the window shown)
                key, drawn = self._drawn_at(figure, phase, self._seconds(phase))
                old = self._on_screen_box
                reach = drawn.box.united(old) if old is not None else drawn.box
                if not area.contains(reach.intersected(QRectF(self.rect()))):
                    # this pose may reach past the part repainted now: all of it, next (only the part of the box
                    # inside the widget counts: a box past its edge would ask for a whole repaint at every paint)
                    self.update()
                copy = False
            else:
                key, drawn = coming
                if drawn.rect != rect:  # resized since the timer asked: the same pose, in the new place
                    key, drawn = None, _drawn(figure, drawn.pose, rect)
                copy = key is not None and self._frames.drawn(key) is drawn
            painter.drawPixmap(QPointF(0, 0), scenery)  # clipped to the repaint
            # a frame of the movement: its picture copied, painted whole the first time (and when there is no room)
            if not (
                copy
                and self._frames.paint(painter, drawn, figure, scenery=scenery, colours=colours, bounds=self.rect())
            ):
                paint_body(painter, rect, figure, drawn.skeleton, colours=colours, within=area)
            self._on_screen, self._on_screen_box, self._on_screen_key = drawn.points, drawn.box, key
            self._shown = drawn
        finally:
            painter.end()

    def _colours_now(self) -> FigureColours:
        """The colours for the window's palette, worked out once per palette."""
        key = self.palette().cacheKey()
        if self._colours is None or self._colours[0] != key:
            self._colours = (key, colours_for(self.palette()))
        return self._colours[1]

    def _scenery_for(self, figure: ExerciseFigure, colours: FigureColours, rect: QRectF) -> QPixmap:
        """The window's colour, the floor and the props that do not move, painted once per figure, size and
        palette: a frame copies the part it repaints from it instead of painting them again."""
        ratio = self.devicePixelRatioF()
        key = (id(figure), self.width(), self.height(), ratio, rect, self.palette().cacheKey())
        if self._scenery is None or self._scenery[0] != key:
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(self.palette().window().color())
            painter = QPainter(picture)
            try:
                paint_scenery(painter, rect, figure, colours=colours)
            finally:
                painter.end()
            self._scenery = (key, picture)
        return self._scenery[1]


@functools.cache
def _floor_figures() -> Mapping[str, ExerciseFigure] | None:
    """The poses of the way down and up, read once; if the shipped file cannot be read (a packaging mistake), the
    error is logged and the figure shows the exercise's start pose on the way, as before there were floor poses."""
    from hipcoach.core.content.errors import ContentError  # noqa: PLC0415 - beside its one use
    from hipcoach.core.content.floor_figures import floor_figures  # noqa: PLC0415 - read at the first floor move

    try:
        return floor_figures()
    except ContentError as exc:
        from hipcoach import error_log  # noqa: PLC0415 - only when there is an error to write

        error_log.write(exc)
        return None


def _drawn(figure: ExerciseFigure, pose: Pose, rect: QRectF) -> Drawn:
    """``pose`` as drawn in ``rect``: its skeleton, where its joints land and the box the body covers."""
    skeleton = forward_kinematics(pose, figure.view)
    points, box = drawn_extent(rect, figure, skeleton)
    return Drawn(pose, skeleton, rect, points, box, tuple(skeleton.points))


@functools.cache
def _segments(names: tuple[str, ...]) -> tuple[tuple[int, int, bool], ...]:
    """Each drawn segment as the indices of its two joints in ``names`` and whether it is the head; with the bars
    between the hips and between the shoulders that the front and top views draw."""
    index = {name: k for k, name in enumerate(names)}
    bones = [(index[start], index[end], name == "head") for name, start, end in BONES]
    bars = [(index[f"left_{joint}"], index[f"right_{joint}"], False) for joint in ("hip", "shoulder")]
    return (*bones, *bars)
