"""The edges of fields, lists, tick boxes and round choices, drawn to show: 3:1 against the window (WCAG 1.4.11).

Qt's Fusion style, which draws the light, dark and high-contrast themes, outlines a field or a tick box in the
window's colour made a little darker: 2:1 on the light theme, 1.1:1 on the dark one and nothing at all on black, so
an empty note field or an unticked box could not be told from the page. This style is Fusion with one more line round
them (fields, number and list boxes, framed lists, tick boxes and round choices), in the text's colour softened only
as far as it still stands out. "Follow my desktop" keeps the desktop's own style and is left as it is.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

from hipcoach.ui.design import LARGE_TEXT_CONTRAST
from hipcoach.ui.widgets import contrast

_ELEMENT: Final = QStyle.PrimitiveElement
_BOXES: Final = (_ELEMENT.PE_FrameLineEdit, _ELEMENT.PE_IndicatorCheckBox, _ELEMENT.PE_Frame)
_CONTROLS: Final = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)
_ROUND: Final = _ELEMENT.PE_IndicatorRadioButton
EDGE_CONTRAST: Final = LARGE_TEXT_CONTRAST + 0.5  # a little above 3:1, so a smoothed curve still reaches it


def edge_colour(palette: QPalette) -> QColor:
    """The text colour mixed towards the window as far as it still stands out 3:1 from the window and the field."""
    text = palette.color(QPalette.ColorRole.WindowText)
    behind = (palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base))
    chosen = QColor(text)
    for step in range(1, 20):
        amount = step / 20
        window = behind[0]
        mixed = QColor.fromRgbF(
            text.redF() + (window.redF() - text.redF()) * amount,
            text.greenF() + (window.greenF() - text.greenF()) * amount,
            text.blueF() + (window.blueF() - text.blueF()) * amount,
        )
        if min(contrast(mixed, colour) for colour in behind) < EDGE_CONTRAST:
            break
        chosen = mixed
    return chosen


class EdgeStyle(QProxyStyle):
    """Fusion, with the edges of fields, tick boxes and round choices that show."""

    def __init__(self) -> None:
        super().__init__("fusion")

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _CONTROLS:
            _edge(painter, option, rounded=False)

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _BOXES or element == _ROUND:
            _edge(painter, option, rounded=element == _ROUND)


def _edge(painter: QPainter, option: QStyleOption, *, rounded: bool) -> None:
    """One line round ``option.rect``: a circle for a round choice, a rectangle for the rest."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, rounded)
    painter.setPen(QPen(edge_colour(option.palette), 1.5 if rounded else 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
    if rounded:
        painter.drawEllipse(box)
    else:
        painter.drawRect(box)
    painter.restore()
