"""The poses of the way down to the mat and up from it, painted: each is drawn, and their sheet is kept as an
artifact to look at beside the exercises' (docs/figure.md, "The way down and up")."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPainter

from hipcoach.core.content.floor_figures import floor_figures
from hipcoach.core.figure.motion import still
from hipcoach.ui.figure.colours import light_colours
from hipcoach.ui.figure.painter import paint_figure
from hipcoach.ui.figure.pictures import png_bytes
from tests.display import artifacts_dir

CELL = (420, 360)
COLUMNS = 3


def test_each_floor_pose_is_painted_and_the_sheet_is_kept(qapp: object) -> None:
    figures = floor_figures()
    colours = light_colours()
    rows = -(-len(figures) // COLUMNS)
    sheet = QImage(CELL[0] * COLUMNS, CELL[1] * rows, QImage.Format.Format_RGB32)
    sheet.fill(Qt.GlobalColor.white)
    painter = QPainter(sheet)
    font = QFont()
    font.setPixelSize(20)
    font.setBold(True)
    painter.setFont(font)
    try:
        for index, (name, figure) in enumerate(figures.items()):
            x, y = (index % COLUMNS) * CELL[0], (index // COLUMNS) * CELL[1]
            painter.setPen(colours.near)
            painter.drawText(QRectF(x + 10, y + 4, CELL[0] - 20, 30), Qt.AlignmentFlag.AlignLeft, name)
            paint_figure(painter, QRectF(x + 10, y + 40, CELL[0] - 20, CELL[1] - 50), figure, still(figure, "start"))
    finally:
        painter.end()
    near = colours.near.rgb()
    for index in range(len(figures)):
        x, y = (index % COLUMNS) * CELL[0], (index // COLUMNS) * CELL[1]
        body = sum(
            sheet.pixel(px, py) == near for px in range(x, x + CELL[0], 3) for py in range(y + 40, y + CELL[1], 3)
        )
        assert body > 200, list(figures)[index]  # a body drawn in the cell, not only its name
    (artifacts_dir() / "figure-sheet-floor-moves.png").write_bytes(png_bytes(sheet))
