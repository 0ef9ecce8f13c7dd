"""The report's page: a cursor down A4 pages that paints paragraphs, headings, charts and tables, each block
asking for room first, and a heading kept with the start of what it heads.

Why apart from the report: the report says what goes on the pages (hipcoach.ui.report), this module how a block is
laid out and where a page ends; the tests measure it directly.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Final

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPdfWriter, QTextOption

from hipcoach.core.figure.body import BodySide
from hipcoach.core.figure.description import ExerciseFigure
from hipcoach.ui.charts.bars import WeeklyBars
from hipcoach.ui.charts.pain import PainTrend
from hipcoach.ui.charts.style import ChartStyle, blend
from hipcoach.ui.figure.colours import light_colours
from hipcoach.ui.figure.stills import paint_stills
from hipcoach.ui.report_tables import Table

STILL_MM: Final = (20.0, 11.0)  # the still beside each exercise's row: small, but the position reads
RESOLUTION: Final = 300  # dots per inch: sharp print, and pages stay small


def make_font(points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


@functools.cache
def cell_option(align: Qt.AlignmentFlag) -> QTextOption:
    """Centred in its row, wrapped at spaces, and inside a word only when one word is wider than the column."""
    option = QTextOption(align | Qt.AlignmentFlag.AlignVCenter)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


class Document:
    """A cursor down A4 pages: each block asks for room first and goes to a new page when there is none."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, footer: str) -> None:
        self.writer = writer
        self.painter = painter
        self._metrics: dict[int, tuple[QFont, QFontMetricsF]] = {}
        self.footer = footer
        self.body = make_font(10)
        self.small = make_font(9)
        self.width = float(writer.width())
        self.footer_height = self.line(self.small) * 1.8
        self.bottom = writer.height() - self.footer_height
        self.page = 1
        self.y = 0.0
        self.left = 0.0  # where a table's text starts: past the stills of a table that has them
        self.figures: Mapping[str, ExerciseFigure] = {}

    def metrics(self, font: QFont) -> QFontMetricsF:
        """The font's metrics on the page, made once per font: a table of ten years asks them ~60,000 times."""
        found = self._metrics.get(id(font))
        if found is None or found[0] is not font:
            found = (font, QFontMetricsF(font, self.writer))
            self._metrics[id(font)] = found
        return found[1]

    def line(self, font: QFont) -> float:
        return self.metrics(font).height()

    def room(self, height: float) -> bool:
        """Start a new page unless ``height`` fits on this one; True when it did."""
        if self.y + height <= self.bottom or self.y == 0:
            return False
        self._paint_footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0
        return True

    def _paint_footer(self) -> None:
        self.painter.setFont(self.small)
        self.painter.setPen(Qt.GlobalColor.black)
        box = QRectF(0, self.writer.height() - self.line(self.small), self.width, self.line(self.small))
        self.painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft), self.footer)
        self.painter.drawText(box, int(Qt.AlignmentFlag.AlignRight), f"Page {self.page}")

    def paragraph(self, text: str, font: QFont | None = None, *, after: float = 0.4) -> None:
        font = font or self.body
        self.painter.setFont(font)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        box = self.painter.boundingRect(QRectF(0, 0, self.width, 1e6), flags, text)
        self.room(box.height())
        self.painter.setPen(Qt.GlobalColor.black)
        self.painter.drawText(QRectF(0, self.y, self.width, box.height()), flags, text)
        self.y += box.height() + self.line(font) * after

    def heading(self, text: str, *, then: float = 0.0) -> None:
        """A section title; kept with at least a few lines of what follows, or with ``then``: the height of what
        must not be parted from it (the notes over a table, the table's header and first row), which a heading
        left alone at the foot of a page used to be."""
        font = make_font(13, bold=True)
        self.room(self.line(font) * 1.65 + max(self.line(self.body) * 5, then))  # the space above, itself, below
        self.y += self.line(font) * 0.4 if self.y > 0 else 0
        self.paragraph(text, font, after=0.25)

    def paragraph_height(self, text: str, font: QFont | None = None, *, after: float = 0.4) -> float:
        """The room ``paragraph`` takes."""
        font = font or self.body
        self.painter.setFont(font)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        return self.painter.boundingRect(QRectF(0, 0, self.width, 1e6), flags, text).height() + self.line(font) * after

    def table_start(self, table: Table) -> float:
        """The room a table's header and first row take (at least two lines): what ``table`` keeps together on a
        page, and what a heading over it asks for."""
        header_font = make_font(9, bold=True)
        line_height = self.line(self.small) * 1.45
        left, self.left = self.left, (STILL_MM[0] / 25.4 * RESOLUTION if table.pictures and self.figures else 0.0)
        widths = self._column_widths(table, header_font)
        first = line_height * 2
        if table.rows:
            still = STILL_MM[1] / 25.4 * RESOLUTION if self.left else 0.0  # a row with a still is as tall
            first = max(first, self._row_height(table.rows[0], widths, self.small, line_height), still)
        self.left = left
        return self._row_height(table.headers, widths, header_font, line_height) + first

    def chart(self, chart: WeeklyBars | PainTrend, height_mm: float) -> None:
        height = height_mm / 25.4 * RESOLUTION
        self.room(height)
        chart.paint(self.painter, QRectF(0, self.y, self.width, height), ChartStyle.for_print(self.small))
        self.y += height + self.line(self.body) * 0.6

    def table(self, table: Table) -> None:
        """Rows that do not fit go on the next page, under the column headers again. A cell too long for its column
        (a routine name of the user's own) wraps onto more lines and the row grows: a name is never cut short."""
        header_font = make_font(9, bold=True)
        line_height = self.line(self.small) * 1.45
        pictures = dict(enumerate(table.pictures)) if self.figures else {}
        self.left = STILL_MM[0] / 25.4 * RESOLUTION if pictures else 0.0
        widths = self._column_widths(table, header_font)
        header_height = self._row_height(table.headers, widths, header_font, line_height)
        self.room(self.table_start(table))  # never a header alone
        self._table_header(table, widths, header_font, header_height)
        print_style = ChartStyle.for_print(self.small)
        shade = blend(print_style.background, print_style.grid, 0.35)
        for number, row in enumerate(table.rows):
            row_height = self._row_height(row, widths, self.small, line_height)
            if number in pictures:
                row_height = max(row_height, STILL_MM[1] / 25.4 * RESOLUTION)
            if self.room(row_height):
                self._table_header(table, widths, header_font, header_height)
            if number % 2:
                self.painter.fillRect(QRectF(0, self.y, self.width, row_height), shade)
            if number in pictures:
                self._still(*pictures[number], row_height)
            self._table_row(table, row, widths, self.small, row_height)
        self.y += line_height * 0.6
        self.left = 0.0

    def _still(self, exercise_id: str, side: str | None, height: float) -> None:
        """The exercise's still (its start, or a stretch as held), small, left of its row (on the row's side), in the
        print colours."""
        figure = self.figures.get(exercise_id)
        if figure is None:
            return
        pad = self.line(self.small) * 0.15
        box = QRectF(pad, self.y + pad, self.left - 2 * pad, height - 2 * pad)
        on_side = BodySide(side) if side in ("left", "right") else None
        paint_stills(self.painter, box, figure, on_side, colours=light_colours())

    def _column_widths(self, table: Table, header_font: QFont) -> list[float]:
        """Each column as wide as its widest cell, the flexible one taking what is left of the page width. A header
        wraps like any cell, so it asks only for its longest word: a long header ("Done / partly / skipped / not
        reached") over short numbers must not squeeze the routine's name off the page."""
        pad = self.line(self.small) * 0.8  # the cell padding (0.6 of a line) and a little slack for rounding
        header = QFontMetricsF(header_font, self.writer)
        body = QFontMetricsF(self.small, self.writer)
        widths = [
            max(
                [
                    *(header.horizontalAdvance(word) for word in title.split()),
                    *(body.horizontalAdvance(row[i]) for row in table.rows),
                ]
            )
            + pad
            for i, title in enumerate(table.headers)
        ]
        others = sum(width for i, width in enumerate(widths) if i != table.flexible)
        room = self.width - self.left
        widths[table.flexible] = max(room - others, room * 0.12)
        return widths

    def _cell_box(self, x: float, width: float, height: float, font: QFont) -> QRectF:
        pad = self.line(font) * 0.3
        return QRectF(x + pad, self.y, width - 2 * pad, height)

    def _row_height(self, cells: Sequence[str], widths: Sequence[float], font: QFont, line_height: float) -> float:
        """One line's height, or more when a cell wraps: the tallest cell, with the same space above and below."""
        self.painter.setFont(font)
        one_line = self.line(font)
        spare = line_height - one_line
        option = cell_option(Qt.AlignmentFlag.AlignLeft)
        metrics = self.metrics(font)
        pad = 2 * one_line * 0.3
        tallest = max(
            # a cell that fits its column on one line is one line high: measured without laying out its wrapping
            one_line
            if metrics.horizontalAdvance(cell) <= width - pad
            else self.painter.boundingRect(self._cell_box(0, width, 1e6, font), cell, option).height()
            for cell, width in zip(cells, widths, strict=True)
        )
        return max(line_height, tallest + spare)

    def _table_header(self, table: Table, widths: Sequence[float], font: QFont, row_height: float) -> None:
        self._table_row(table, table.headers, widths, font, row_height)
        self.painter.setPen(Qt.GlobalColor.black)
        self.painter.drawLine(0, round(self.y), round(self.width), round(self.y))

    def _table_row(
        self, table: Table, cells: Sequence[str], widths: Sequence[float], font: QFont, row_height: float
    ) -> None:
        self.painter.setFont(font)
        self.painter.setPen(Qt.GlobalColor.black)
        x = self.left
        for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            align = Qt.AlignmentFlag.AlignRight if column in table.numeric else Qt.AlignmentFlag.AlignLeft
            self.painter.drawText(self._cell_box(x, width, row_height, font), cell, cell_option(align))
            x += width
        self.y += row_height

    def finish(self) -> None:
        self._paint_footer()
