"""How the charts look: the colours and font of a :class:`ChartStyle`, and the pen, measuring and text helpers
every chart paints with.

Colours come from the palette (window, text, highlight), so the charts follow a light or a dark desktop; the report
uses a fixed print palette. Sizes are taken from the font's height on the device being painted, so a 300 dpi page
and a screen look alike: that is why every measurement goes through :func:`metrics`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from hipcoach.ui.design import CAPTION, LARGE_TEXT_CONTRAST
from hipcoach.ui.widgets import ACCENT_REST, contrast

CHART_FONT_SCALE: Final = CAPTION
MARK_CONTRAST: Final = LARGE_TEXT_CONTRAST  # a chart's marks against what is behind them (WCAG 1.4.11)


def blend(below: QColor, above: QColor, amount: float) -> QColor:
    """``above`` laid over ``below`` at ``amount`` opacity (0-1), as an opaque colour."""
    return QColor.fromRgbF(
        below.redF() + (above.redF() - below.redF()) * amount,
        below.greenF() + (above.greenF() - below.greenF()) * amount,
        below.blueF() + (above.blueF() - below.blueF()) * amount,
    )


@dataclass(frozen=True)
class ChartStyle:
    """The colours and the font a chart paints with: from the widget's palette on screen, fixed on paper."""

    background: QColor
    text: QColor
    grid: QColor
    accent: QColor
    accent_light: QColor
    heat: tuple[QColor, ...]  # one shade per heat level, the empty day first
    font: QFont

    @classmethod
    def from_colours(cls, background: QColor, text: QColor, accent: QColor, font: QFont) -> ChartStyle:
        """Every mark (a bar, the pain line, each level of the calendar) stands out 3:1 from the background and the
        calendar's empty day, as WCAG asks of the parts of a chart: the faintest level was 1.2:1 on a dark theme, so
        a day of a few minutes, today's included, could not be seen. The levels run from the palest shade that still
        reads to the accent mixed with the text: lighter to darker on a light theme, darker to lighter on a dark one,
        so the order reads without telling hues apart; their sizes tell them apart too (``heatmap.HEAT_SIZES``)."""
        empty = blend(background, text, 0.09)
        behind = (background, empty)
        strong = _reaching(QColor(accent), behind, text)
        palest = _palest(strong, background, behind)
        darkest = blend(strong, text, 0.45)
        return cls(
            background=QColor(background),
            text=QColor(text),
            grid=blend(background, text, 0.25),
            accent=strong,
            accent_light=blend(background, strong, 0.3),
            heat=(
                empty,
                palest,
                blend(palest, darkest, 1 / 3),
                blend(palest, darkest, 2 / 3),
                darkest,
            ),
            font=QFont(font),
        )

    @classmethod
    def from_palette(cls, palette: QPalette, font: QFont) -> ChartStyle:
        """Highlight is the desktop's own accent and is chosen by the theme to stand out from its window colour."""
        return cls.from_colours(
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorRole.Highlight),
            font,
        )

    @classmethod
    def for_print(cls, font: QFont) -> ChartStyle:
        """Black on white paper, with the app's dark blue accent (it prints well in grey, too)."""
        return cls.from_colours(QColor("#ffffff"), QColor("#000000"), ACCENT_REST, font)

    def bold(self) -> QFont:
        font = QFont(self.font)
        font.setBold(True)
        return font


def _stands_out(colour: QColor, behind: tuple[QColor, ...]) -> bool:
    return min(contrast(colour, other) for other in behind) >= MARK_CONTRAST


def _reaching(colour: QColor, behind: tuple[QColor, ...], text: QColor) -> QColor:
    """``colour``, or mixed towards the text (away from the background) until it stands out 3:1."""
    for step in range(21):
        mixed = blend(colour, text, step / 20)
        if _stands_out(mixed, behind):
            return mixed
    return QColor(text)


def _palest(colour: QColor, background: QColor, behind: tuple[QColor, ...]) -> QColor:
    """``colour`` mixed as far towards the background as it can go and still stand out 3:1."""
    palest = QColor(colour)
    for step in range(1, 21):
        mixed = blend(colour, background, step / 20)
        if not _stands_out(mixed, behind):
            break
        palest = mixed
    return palest


def metrics(painter: QPainter, font: QFont) -> QFontMetricsF:
    """Metrics on the device being painted: a 300 dpi page has about three times a screen's pixels per point."""
    device = painter.device()
    return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)


def pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    result = QPen(colour, width, style)
    result.setCapStyle(Qt.PenCapStyle.FlatCap)
    return result


def outline_pen(colour: QColor, line: float) -> QPen:
    """The thin outline of a shape (today's cell, a bar short of the goal), scaled with the font's height."""
    return pen(colour, max(1.0, line / 10))


def text(painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag, words: str, colour: QColor) -> None:
    painter.setPen(colour)
    painter.drawText(rect, int(flags), words)


def text_at(
    painter: QPainter,
    font_metrics: QFontMetricsF,
    top_left: QPointF,
    words: str,
    colour: QColor,
    *,
    flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter,
) -> float:
    """Write ``words`` one line high from ``top_left``, in a box just wide enough; return that width, to go on."""
    width = font_metrics.horizontalAdvance(words) + 1
    text(painter, QRectF(top_left.x(), top_left.y(), width, font_metrics.height()), flags, words, colour)
    return width
