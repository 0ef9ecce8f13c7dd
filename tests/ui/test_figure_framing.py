"""The figure's frame holds its whole movement: every keyframe and every frame a session paints between them, of all
18 exercises on both sides, painted into the session page's figure at 1280x800 and 1024x600 and into stills as wide
and as tall as the chooser's and the catalogue's, leaves a clear band at the picture's edge. The body is painted
alone onto a transparent picture, so any pixel in the band is a limb, the head or a moving prop cut by the edge."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from hipcoach.core import content
from hipcoach.core.figure.body import BodySide, Pose, forward_kinematics
from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.core.figure.motion import posed, still
from hipcoach.core.model import Exercise, Kind
from hipcoach.core.plan import PhaseKind
from hipcoach.ui.figure.colours import light_colours
from hipcoach.ui.figure.painter import paint_body
from tests.factories import entry, routine
from tests.ui.rig import MakeRig

STEPS = 48
"""Frames sampled between the start and the top of a rep (and round a machine's cycle)."""

CLEAR_PX = 2
"""The band at the picture's edge that no part of the body may reach: the frame holds it with a margin."""

STILL_SIZES = ((200, 120), (120, 160))
"""A still wider than the figure's frame and one taller: each fits the frame by the other dimension."""


@cache
def catalogue() -> dict[str, Exercise]:
    return content.load_catalogue()


def frames(exercise: Exercise, side: BodySide) -> Iterator[tuple[str, Pose]]:
    """Every keyframe as shown, and the poses a session paints: between start and top for paced reps and steps,
    round the cycle for a machine (a stretch shows its keyframes only)."""
    figure = exercise.movement.figure
    assert figure is not None
    on = figure.for_side(side)
    for name in on.keyframes:
        yield name, still(on, name)
    kind = PhaseKind.CARDIO if exercise.kind is Kind.CARDIO else PhaseKind.REPS
    if exercise.kind is not Kind.HOLD:
        for k in range(STEPS + 1):
            yield f"{k}/{STEPS} of the way", posed(on, kind, k / STEPS)


def body_image(figure: ExerciseFigure, pose: Pose, size: tuple[int, int]) -> QImage:
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        skeleton = forward_kinematics(pose, figure.view)
        paint_body(painter, QRectF(0, 0, size[0], size[1]), figure, skeleton, colours=light_colours())
    finally:
        painter.end()
    return image


def painted_in_band(image: QImage) -> list[str]:
    """The edges of ``image`` with a painted pixel within ``CLEAR_PX`` of them."""
    width, height, line = image.width(), image.height(), image.bytesPerLine()
    data = bytes(image.constBits())
    alpha = 3  # ARGB32 in memory on a little-endian machine: B, G, R, A
    rows = {
        "top": range(CLEAR_PX),
        "bottom": range(height - CLEAR_PX, height),
    }
    columns = {
        "left": range(CLEAR_PX),
        "right": range(width - CLEAR_PX, width),
    }
    hit = [edge for edge, ys in rows.items() if any(any(data[y * line + alpha : (y + 1) * line : 4]) for y in ys)]
    hit += [edge for edge, xs in columns.items() if any(any(data[4 * x + alpha :: line][:height]) for x in xs)]
    return hit


def session_figure_sizes(make_rig: MakeRig) -> dict[tuple[int, int], tuple[int, int]]:
    """The size of the session page's figure in the real window at 1280x800 and 1024x600."""
    sizes = {}
    rig = make_rig()
    donkey = catalogue()["donkey-kick"]
    rig.start(routine(entry(donkey)))
    rig.run_until(PhaseKind.REPS)
    for window in ((1280, 800), (1024, 600)):
        rig.window.resize(*window)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()
        rect = rig.view.figure.contentsRect()
        sizes[window] = (rect.width(), rect.height())
    return sizes


def test_every_frame_of_every_exercise_stays_inside_its_picture(make_rig: MakeRig) -> None:
    sizes = [*session_figure_sizes(make_rig).values(), *STILL_SIZES]
    cut = []
    for exercise_id, exercise in catalogue().items():
        figure = exercise.movement.figure
        assert figure is not None, exercise_id
        for side in BodySide:
            on = figure.for_side(side)
            for name, pose in frames(exercise, side):
                for size in sizes:
                    edges = painted_in_band(body_image(on, pose, size))
                    if edges:
                        cut.append(f"{exercise_id} ({side}) {name} at {size[0]}x{size[1]}: {', '.join(edges)}")
    assert not cut, "\n".join(cut[:20]) + f"\n({len(cut)} in all)"


def test_the_band_check_sees_a_limb_cut_by_the_edge(qapp: object) -> None:
    """The check itself: the donkey kick painted into a box too narrow for it is caught."""
    figure = catalogue()["donkey-kick"].movement.figure
    assert figure is not None
    image = QImage(100, 100, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    skeleton = forward_kinematics(still(figure, "top"), figure.view)
    paint_body(painter, QRectF(-40, 0, 180, 100), figure, skeleton, colours=light_colours())
    painter.end()
    assert painted_in_band(image)
