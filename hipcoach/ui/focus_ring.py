"""A focus ring that a person on the mat can see: 2 px, at least 3:1 against the window, on every focusable thing.

The style's own focus marks are a 1 px line in the selection colour, and some controls draw none at all (the
History overview had four focus stops with no mark), so someone using the keyboard from two metres could not tell
where they were. One small widget follows the focus around the application: it sits in the focused widget's parent
just over the widget (so it moves with it, in a scroll area too; in a splitter's parent, since a splitter makes every
child a pane of its own), lets the mouse through, and paints only a ring around the widget; where the parent would
cut the ring off (a tab bar at the very top of its page) the ring moves inside the widget's edge. No widget is
restyled (a style sheet would change how every control looks), and no other widget's painting runs through Python.
(Qt's ``QFocusFrame`` does the same but masks itself to the style's margin, which cuts off exactly those rings.)
"""

from __future__ import annotations

from typing import Final

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from hipcoach.ui.widgets import contrast

RING_WIDTH: Final = 2
RING_GAP: Final = 1  # between the widget and the ring, so the ring never hides the widget's own border
RING_CONTRAST: Final = 3.0  # WCAG 2.2 "focus appearance": 3:1 against what is next to it
_FOLLOWED: Final = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.ParentChange)


def ring_colour(palette: QPalette) -> QColor:
    """The selection colour where it stands out from the window by 3:1, else the text colour (which always does)."""
    window = palette.color(QPalette.ColorRole.Window)
    accent = palette.color(QPalette.ColorRole.Highlight)
    return accent if contrast(accent, window) >= RING_CONTRAST else palette.color(QPalette.ColorRole.WindowText)


class FocusRing(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None

    def target(self) -> QWidget | None:
        return self._target

    def follow(self, widget: QWidget | None) -> None:
        if self._target is not None and shiboken6.isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = widget
        if widget is None or widget.parentWidget() is None:
            self._target = None
            self.hide()
            return
        widget.installEventFilter(self)
        self.place()

    def place(self) -> None:
        widget = self._target
        if widget is None or not shiboken6.isValid(widget) or not widget.isVisible():
            self.hide()
            return
        parent = widget.parentWidget()
        while isinstance(parent, QSplitter):  # a splitter makes every child a pane: the ring was one beside the list
            parent = parent.parentWidget()
        if parent is None:
            self.hide()
            return
        if self.parentWidget() is not parent:
            self.setParent(parent)
        margin = RING_WIDTH + RING_GAP
        place = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
        self.setGeometry(place.adjusted(-margin, -margin, margin, margin).intersected(parent.rect()))
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in _FOLLOWED:
            self.place()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ring_colour(self.palette()), RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3.0, 3.0)


class FocusRings:
    """Moves the one ring to whichever widget has the keyboard; none on a window itself."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self.ring = FocusRing()
        self.ring.hide()
        app.focusChanged.connect(self._follow)

    def close(self) -> None:
        self._app.focusChanged.disconnect(self._follow)
        if shiboken6.isValid(self.ring):
            self.ring.follow(None)
            self.ring.deleteLater()

    def _follow(self, _old: QWidget | None, now: QWidget | None) -> None:
        if not shiboken6.isValid(self.ring):  # it lives in the focused widget's parent, which may have been closed
            self.ring = FocusRing()
        if now is None or now.isWindow() or now.focusPolicy() == Qt.FocusPolicy.NoFocus:
            self.ring.follow(None)
        else:
            self.ring.follow(now)
