"""The session page fitted to the room it is given: its text grows with the window and shrinks, a step at a time,
while the page would not fit; on a narrow window its steps go below the figure and the countdown.

Why the page fits itself rather than asking the window for room: a minimum size is the window's floor, and at the
larger text on a 1024x600 screen the session's lines asked for 1294x902, so the window grew past the screen and its
buttons could not be reached (docs/accessibility.md, "Layout"). The page asks for little (``SMALLEST``) and this
fits it to whatever it gets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPoint, QRect, QSize, QTimer
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QWidget

from hipcoach.ui.countdown_display import FITTED_HEIGHT

SMALLEST = QSize(480, 360)  # what the page asks of the window, whatever the text size: it fits itself to the rest
STACK_BELOW_WIDTH = 900  # narrower than this, the steps go below the figure and the countdown, if that fits
FIT_STEPS = 12  # at most this many smaller text sizes are tried (each 0.9 of the one before)
SHRINK = 0.9


def growing_scale(size: QSize) -> float:
    """The text's multiple for a window of ``size``: full screen on a television reads as well as a laptop at arm's
    length (1 at 1180x740)."""
    return max(0.75, min(2.2, size.height() / 740, size.width() / 1180))


class PageFit:
    """``root`` is the page's layout; ``arrangement`` is side by side (its first item, the steps, on the left) or
    stacked (the steps at the bottom); ``scale`` sizes the page's text; lines inside ``scrolled`` may be cut (they
    scroll); ``kept_clear`` (the countdown's number) must be given ``FITTED_HEIGHT`` and have nothing over it."""

    def __init__(
        self,
        page: QWidget,
        root: QLayout,
        arrangement: QBoxLayout,
        *,
        scale: Callable[[float], None],
        scrolled: QWidget,
        kept_clear: QWidget,
        button_rows: Callable[[int], None],
    ) -> None:
        self._page = page
        self._root = root
        self._arrangement = arrangement
        self._scale = scale
        self._scrolled = scrolled
        self._kept_clear = kept_clear
        self._button_rows = button_rows
        self._rows = 1
        self._shape: tuple[object, ...] = ()
        self._scaled: float | None = None  # the scale the fonts have now; None after a new application font
        self._chosen: tuple[QSize, tuple[QBoxLayout.Direction, int]] | None = None  # at what size, what was chosen

    def is_stacked(self) -> bool:
        return self._arrangement.direction() is QBoxLayout.Direction.BottomToTop

    def fit(self, size: QSize) -> None:
        """The arrangement that lets the text be largest: stacked first on a narrow window, side by side first on
        a wide one, the buttons in one row, then in two; a later one only where it fits with larger text (a
        narrow but short window keeps the steps beside the figure, where stacking would shrink every line).

        While the page keeps its size, the arrangement chosen last is tried first: if it still fits at full size it
        stays, so the buttons do not jump between one row and two at each change of phase. The text is made
        smaller only once no arrangement fits at the size before (every arrangement at full size, then every one a
        step smaller, ...): each try lays the page out again (about 2 ms), and a change of exercise whose lines no
        longer fit the kept arrangement usually fits another at full size (docs/speech.md, "GUI stalls")."""
        side_by_side, stacked = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.BottomToTop
        first, second = (stacked, side_by_side) if size.width() < STACK_BELOW_WIDTH else (side_by_side, stacked)
        order = [(first, 1), (first, 2), (second, 1), (second, 2)]
        if self._chosen is not None and self._chosen[0] == size:
            order.remove(self._chosen[1])
            order.insert(0, self._chosen[1])
        for step in range(FIT_STEPS):
            for direction, rows in order:
                if self._fits_at(direction, rows, size, step):
                    self._chosen = (QSize(size), (direction, rows))
                    return
        direction, rows = order[0]  # nothing fits: the first arrangement, at its smallest text
        self._fits_at(direction, rows, size, FIT_STEPS - 1)
        self._chosen = (QSize(size), (direction, rows))

    def _fits_at(self, direction: QBoxLayout.Direction, rows: int, size: QSize, step: int) -> bool:
        """Arranged in ``direction`` with ``rows`` of buttons and the text ``step`` sizes smaller than the
        window's (``growing_scale``): whether the page fits ``size``. The page stays so arranged."""
        if self._arrangement.direction() is not direction:
            self._arrangement.setDirection(direction)
        if rows != self._rows:
            self._rows = rows
            self._button_rows(rows)
        scale = growing_scale(size) * SHRINK**step
        if scale != self._scaled:  # setting twenty fonts again costs milliseconds at each change of phase
            self._scale(scale)
            self._scaled = scale
        self._root.invalidate()
        return self._fits(size) and not self._cut_lines(size) and not self._squeezed()

    def font_changed(self) -> None:
        """A new text size: fitted again once it is applied, the fonts sized again even at the same scale."""
        self._scaled = None
        QTimer.singleShot(0, self._page, lambda: self.fit(self._page.size()))

    def lines_changed(self, shape: Iterable[object]) -> None:
        """After a refresh: when other lines show than at the last fit (the pain question came or went, a longer
        status), fitted again once the event loop has laid them out; the text grows back, too."""
        shape = tuple(shape)
        if shape != self._shape:
            self._shape = shape
            QTimer.singleShot(0, self._page, lambda: self.fit(self._page.size()))

    def _fits(self, size: QSize) -> bool:
        # The nested layouts first (deepest first), then the page's own with every layout inside it, so the root
        # measures this arrangement and these fonts: Qt takes a change inside a child widget (the steps moved below,
        # the pain question's larger buttons) into its parent's minimum only when the event loop gets to it, and a
        # layout inside the root (the buttons' grid) keeps its minimum until it is activated; the page was measured
        # as it had been (at the Larger text, the buttons in one row at their largest size, 895 px).
        for widget in reversed(self._page.findChildren(QWidget)):
            layout = widget.layout()
            if layout is not None:
                layout.activate()
        self._root.invalidate()
        self._root.activate()
        need = self._root.minimumSize()
        return need.width() <= size.width() and need.height() <= size.height()

    def _squeezed(self) -> bool:
        """Whether ``kept_clear`` is given less than ``FITTED_HEIGHT``, or a line beside it is laid over it, as laid
        out now: the page's minimum leaves out what wrapped lines need at their width, so their column was squeezed,
        and Qt put the next line on top of the number (the pain question at 864x486, docs/accessibility.md)."""
        kept = self._kept_clear
        parent = kept.parentWidget()
        if parent is None or not kept.isVisibleTo(self._page):
            return False
        return kept.height() < FITTED_HEIGHT or any(
            isinstance(other, QWidget)
            and other is not kept
            and other.isVisibleTo(self._page)
            and other.geometry().intersects(kept.geometry())
            for other in parent.children()
        )

    def _cut_lines(self, size: QSize | None = None) -> bool:
        """Whether a wrapped line is given less height than its text needs, laid out at ``size`` (as it is laid out
        now, without one): the layouts give a wrapped label the height of its hint, too little at a large text."""
        if size is not None:
            self._root.setGeometry(QRect(QPoint(0, 0), size))
        return any(
            label.heightForWidth(label.width()) > label.height() + 1
            for label in self._page.findChildren(QLabel)
            if label.wordWrap()
            and label.isVisibleTo(self._page)
            and label.text()
            and label.width() > 0
            and not self._scrolled.isAncestorOf(label)
        )
