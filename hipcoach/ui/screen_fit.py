"""Windows that open on the screen they are on, no larger than it, and pages that scroll rather than grow.

A window wider or taller than its screen has buttons nobody can reach, and a window manager may not let it be made
smaller: on a 1024x600 netbook, or a 1920x1080 screen at 200 % (960x540 to Qt), the title bar and the panels
take their share too. Every window is therefore sized from its screen's available geometry (the screen less its
panels), less room for the title bar and frame, and a page that cannot fit scrolls (docs/accessibility.md, "Layout").
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStackedWidget, QTabWidget, QWidget

FRAME_ALLOWANCE = QSize(16, 48)  # a title bar and borders, where the window manager has not yet said how big
FIRST_FRACTION = 0.9  # the first start: this much of the screen, up to the size the pages are designed for
DESIGN_SIZE = QSize(1280, 800)


def room(available: QRect, frame: QSize = FRAME_ALLOWANCE) -> QSize:
    """The largest client size of a window on a screen with ``available`` geometry, its frame around it."""
    return QSize(max(1, available.width() - frame.width()), max(1, available.height() - frame.height()))


def first_size(available: QRect) -> QSize:
    """The first start: most of the screen, up to the design size (a big screen gets no stretched window)."""
    most = room(available)
    wanted = QSize(int(available.width() * FIRST_FRACTION), int(available.height() * FIRST_FRACTION))
    return wanted.boundedTo(most).boundedTo(DESIGN_SIZE)


def clamped(geometry: QRect, available: QRect) -> QRect:
    """A remembered client geometry moved and shrunk so that the whole window, frame included, is on the screen."""
    size = geometry.size().boundedTo(room(available))
    frame_left = FRAME_ALLOWANCE.width() // 2
    frame_top = FRAME_ALLOWANCE.height() - frame_left
    least_x, least_y = available.left() + frame_left, available.top() + frame_top
    most_x = available.right() + 1 - frame_left - size.width()
    most_y = available.bottom() + 1 - frame_left - size.height()
    x = min(max(geometry.x(), least_x), max(least_x, most_x))
    y = min(max(geometry.y(), least_y), max(least_y, most_y))
    return QRect(x, y, size.width(), size.height())


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move ``window`` (shown or about to be) so that it lies on the screen it is on."""
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    if window.isVisible():
        geometry = clamped(window.geometry(), available)
        window.setGeometry(geometry)
    else:
        window.resize(window.size().boundedTo(room(available)))


def scrolling(page: QWidget, *, name: str = "") -> QScrollArea:
    """``page`` in a frameless scroll area that follows its width: text wraps, and what is left over scrolls."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(page)
    if name:
        area.setAccessibleName(name)
    return area


def show_only(stack: QStackedWidget | QTabWidget, page: QWidget) -> None:
    """Show ``page``, the one page of ``stack`` that holds it to its minimum: a stack is as large as its largest
    page, so a page not on screen (the wide History, the session's sharp-pain choice, the History's Sessions tab)
    held the window or the page larger than a small screen, and the lines on screen were laid over each other."""
    for index in range(stack.count()):
        other = stack.widget(index)
        if other is not None:
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
    stack.setCurrentWidget(page)


def only_the_shown_tab_counts(tabs: QTabWidget) -> None:
    """``show_only`` for ``tabs``, now and at each change of tab."""

    def follow(index: int) -> None:
        page = tabs.widget(index)
        if page is not None:
            show_only(tabs, page)

    follow(tabs.currentIndex())
    tabs.currentChanged.connect(follow)
