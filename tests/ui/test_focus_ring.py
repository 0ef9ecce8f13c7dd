"""Where the keyboard is, seen from two metres: a ring of 2 px at 3:1 against the window, on every focus stop."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.history import HistoryStore, open_history
from hipcoach.ui.focus_ring import RING_CONTRAST, FocusRing, FocusRings, ring_colour
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.widgets import contrast
from tests.display import artifacts_dir
from tests.history_seed import seed_history

TODAY = date(2026, 3, 18)


@pytest.fixture
def rings(qapp: QApplication) -> Iterator[FocusRings]:
    made = FocusRings(qapp)
    yield made
    made.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with open_history(tmp_path / "history.sqlite3") as opened:
        seed_history(opened, days=60, start=TODAY - timedelta(days=59), seed=2)
        yield opened


def ring_pixels(page: QWidget, ring: FocusRing) -> list[QColor]:
    """The colours in the middle of each side of the ring's place, in a grab of the whole page."""
    image = page.grab().toImage()
    place = ring.rect()  # its geometry is cut to the parent: the ring is painted all round it
    top_left = ring.mapTo(page, place.topLeft())
    x0, y0 = top_left.x() + 1, top_left.y() + 1
    x1, y1 = top_left.x() + place.width() - 2, top_left.y() + place.height() - 2
    mid_x, mid_y = (x0 + x1) // 2, (y0 + y1) // 2
    points = [(mid_x, y0), (mid_x, y1), (x0, mid_y), (x1, mid_y)]
    return [image.pixelColor(x, y) for x, y in points if 0 <= x < image.width() and 0 <= y < image.height()]


def test_every_focus_stop_of_the_history_overview_gets_a_ring_that_stands_out(
    qtbot: QtBot, store: HistoryStore, rings: FocusRings
) -> None:
    view = HistoryView(store, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    background = view.palette().color(QPalette.ColorRole.Window)
    assert contrast(ring_colour(view.palette()), background) >= RING_CONTRAST
    first = view.tabs.tabBar()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    seen: list[QWidget] = []
    widget = QApplication.focusWidget()
    for _ in range(30):
        assert widget is not None
        if widget in seen:
            break
        seen.append(widget)
        qtbot.waitUntil(lambda w=widget: rings.ring.isVisible() and rings.ring.target() is w)  # type: ignore[misc]
        outside = ring_pixels(view, rings.ring)
        ringed = [colour for colour in outside if contrast(colour, background) >= RING_CONTRAST]
        assert len(ringed) >= 3, (type(widget).__name__, widget.accessibleName(), [c.name() for c in outside])
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    assert len(seen) >= 6  # the tabs, the charts' "Show as table", the weekly goal, the report…
    view.grab().save(str(artifacts_dir() / "history-focus-ring.png"))


def test_no_ring_without_a_focused_widget(qtbot: QtBot, rings: FocusRings) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.setFocus()
    assert not rings.ring.isVisible() or rings.ring.target() is not page


def test_the_ring_never_becomes_a_pane_of_a_splitter(qtbot: QtBot, store: HistoryStore, rings: FocusRings) -> None:
    """A splitter takes every child widget as a pane of its own: the ring, put in the focused list's parent, became
    a third pane beside the History's sessions and their detail, an empty box taking half the page. The ring goes
    to the splitter's own parent, still round the list."""
    view = HistoryView(store, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.tabs.setCurrentIndex(1)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.session_table.setFocus()
    qtbot.waitUntil(lambda: rings.ring.isVisible() and rings.ring.target() is view.session_table)
    assert view.sessions_splitter.count() == 2
    table = view.session_table
    around = rings.ring.geometry()
    assert around.contains(QRect(table.mapTo(rings.ring.parentWidget(), QPoint(0, 0)), table.size()))
    outside = ring_pixels(view, rings.ring)
    background = view.palette().color(QPalette.ColorRole.Window)
    assert len([colour for colour in outside if contrast(colour, background) >= RING_CONTRAST]) >= 3
