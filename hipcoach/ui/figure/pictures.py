"""Pictures of the figure in files: one still (``hipcoach figure``) and the contact sheet of every exercise, start
and top side by side (``hipcoach figures --sheet``, and the test run's artifact). Drawn into a QImage on the
offscreen platform, so no display is needed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

from hipcoach.core.figure.body import BodySide
from hipcoach.core.figure.description import START, TOP, ExerciseFigure
from hipcoach.core.figure.motion import still
from hipcoach.core.model import Exercise
from hipcoach.ui.figure.colours import FigureColours, dark_colours, light_colours
from hipcoach.ui.figure.painter import Style, paint_figure

SHEET_COLUMNS = 3
SHEET_CELL = (560, 250)  # one exercise: its name over two figures
_LABEL_HEIGHT = 34


def ensure_gui() -> QGuiApplication:
    """A Qt application on the offscreen platform (the fonts need one), unless one exists already."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    return QGuiApplication(["hipcoach", "-platform", "offscreen"])


def _canvas(width: int, height: int, colours: FigureColours) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#1b1e23") if colours.is_dark else QColor("#ffffff"))
    return image


def colours_named(dark: bool) -> FigureColours:
    return dark_colours() if dark else light_colours()


def still_image(
    figure: ExerciseFigure,
    side: BodySide | None,
    pose: str,
    size: tuple[int, int],
    *,
    style: Style = Style.LINE,
    dark: bool = False,
) -> QImage:
    """One still of ``figure`` on ``side`` (its start or top pose) filling an image of ``size`` pixels."""
    ensure_gui()
    colours = colours_named(dark)
    on = figure.for_side(side)
    image = _canvas(size[0], size[1], colours)
    painter = QPainter(image)
    try:
        paint_figure(painter, QRectF(0, 0, size[0], size[1]), on, still(on, pose), colours=colours, style=style)
    finally:
        painter.end()
    return image


def sheet_image(exercises: Sequence[Exercise], *, style: Style = Style.LINE, dark: bool = False) -> QImage:
    """Every exercise with a figure, in order, named, its start and top poses side by side (the left side)."""
    ensure_gui()
    colours = colours_named(dark)
    shown = sorted((ex for ex in exercises if ex.movement.figure is not None), key=lambda ex: ex.number)
    rows = (len(shown) + SHEET_COLUMNS - 1) // SHEET_COLUMNS
    cell_w, cell_h = SHEET_CELL
    image = _canvas(cell_w * SHEET_COLUMNS, max(1, rows) * cell_h, colours)
    painter = QPainter(image)
    try:
        font = QFont()
        font.setPixelSize(20)
        font.setBold(True)
        painter.setFont(font)
        for index, exercise in enumerate(shown):
            figure = exercise.movement.figure
            assert figure is not None
            x = (index % SHEET_COLUMNS) * cell_w
            y = (index // SHEET_COLUMNS) * cell_h
            painter.setPen(colours.near)
            label = QRectF(x + 10, y + 4, cell_w - 20, _LABEL_HEIGHT - 4)
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, exercise.name)
            side = BodySide.LEFT if exercise.per_side else None
            on = figure.for_side(side)
            half = (cell_w - 30) / 2
            for k, pose in enumerate((START, TOP)):
                box = QRectF(x + 10 + k * (half + 10), y + _LABEL_HEIGHT, half, cell_h - _LABEL_HEIGHT - 10)
                paint_figure(painter, box, on, still(on, pose), colours=colours, style=style)
            painter.setPen(colours.floor)
            painter.drawRect(QRectF(x + 2, y + 2, cell_w - 4, cell_h - 4))
    finally:
        painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, the binding takes str
    return bytes(buffer.data().data())


def save_png(image: QImage, path: Path) -> None:
    """Write ``image`` as a PNG at ``path``; OSError with the reason when it cannot be written."""
    data = png_bytes(image)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise OSError(exc.strerror or str(exc)) from exc
