"""The edges of buttons, fields, lists, tick boxes and round choices, drawn to show: 3:1 against the window (WCAG
1.4.11); and tick boxes and round choices as large as their text.

Qt's Fusion style, which draws the light, dark and high-contrast themes, outlines a field or a tick box in the
window's colour made a little darker: 2:1 on the light theme, 1.1:1 on the dark one and nothing at all on black, so
an empty note field or an unticked box could not be told from the page. This style is Fusion with one more line round
them (fields, number and list boxes, framed lists, tick boxes and round choices), in the text's colour softened only
as far as it still stands out. "Follow my desktop" keeps the desktop's own style and is left as it is.

A button's face is hardly lighter or darker than the window in any theme, so its outline is what shows it; Fusion's
was 2:1 on the light theme, 2.2:1 on the dark one and 1.9:1 on black. A button gets the same line; the default one
(Save) the focus ring's colour, so it still stands out from the others. A button that is switched off keeps Fusion's.

Fusion's tick boxes and round choices are 14 px whatever the text beside them: beside the Settings dialog's text, and
at the Larger text, a small target to see from the mat and to hit with a shaking hand. Here they are a line of their
text high, and never under 20 px (docs/design.md, "Size of tick boxes and round choices").
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionButton,
    QStyleOptionComplex,
    QWidget,
)

from hipcoach.ui.design import LARGE_TEXT_CONTRAST
from hipcoach.ui.focus_ring import ring_colour
from hipcoach.ui.widgets import contrast

_ELEMENT: Final = QStyle.PrimitiveElement
_BOXES: Final = (_ELEMENT.PE_FrameLineEdit, _ELEMENT.PE_IndicatorCheckBox, _ELEMENT.PE_Frame)
_CONTROLS: Final = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)
_ROUND: Final = _ELEMENT.PE_IndicatorRadioButton
_BUTTON: Final = _ELEMENT.PE_PanelButtonCommand  # a push button's face, and a tool button's (Fusion draws it so)
BUTTON_RADIUS: Final = 2.0  # Fusion's
EDGE_CONTRAST: Final = LARGE_TEXT_CONTRAST + 0.5  # a little above 3:1, so a smoothed curve still reaches it
_METRIC: Final = QStyle.PixelMetric
_INDICATOR_SIZES: Final = (
    _METRIC.PM_IndicatorWidth,
    _METRIC.PM_IndicatorHeight,
    _METRIC.PM_ExclusiveIndicatorWidth,
    _METRIC.PM_ExclusiveIndicatorHeight,
)
_LABEL_SPACINGS: Final = (_METRIC.PM_CheckBoxLabelSpacing, _METRIC.PM_RadioButtonLabelSpacing)
LEAST_INDICATOR: Final = 20  # px: a tick box beside small text is still this large


def indicator_size(metrics: QFontMetrics) -> int:
    """A tick box or a round choice as high as a line of the text beside it, and never under ``LEAST_INDICATOR``."""
    return max(LEAST_INDICATOR, metrics.height())


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

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        if metric not in _INDICATOR_SIZES and metric not in _LABEL_SPACINGS:
            return super().pixelMetric(metric, option, widget)
        if option is not None:
            metrics = option.fontMetrics
        else:
            metrics = widget.fontMetrics() if widget is not None else QFontMetrics(QApplication.font())
        size = indicator_size(metrics)
        if metric in _INDICATOR_SIZES:
            return size
        return max(super().pixelMetric(metric, option, widget), size // 3)  # the text a little further off

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
        elif element == _BUTTON and option.state & QStyle.StateFlag.State_Enabled:
            _button_edge(painter, option)


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


def _button_edge(painter: QPainter, option: QStyleOption) -> None:
    """A button's outline, with Fusion's rounded corners: the default button's in the focus ring's colour."""
    default = isinstance(option, QStyleOptionButton) and bool(
        option.features & QStyleOptionButton.ButtonFeature.DefaultButton
    )
    colour = ring_colour(option.palette) if default else edge_colour(option.palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(colour, 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), BUTTON_RADIUS, BUTTON_RADIUS)
    painter.restore()
