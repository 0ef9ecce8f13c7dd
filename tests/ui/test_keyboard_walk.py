"""Tab through every page as a keyboard user does: focus leaves every control (no trap) and reaches every control.

From the page's first focus, Tab is pressed until the focus comes round to where it began; every control that is
on screen and takes the keyboard must have been reached, and no Tab may leave the focus where it was. Then the same
backwards with Shift+Tab. The pages: the chooser, the routine editor, a session, the summary and the History.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hipcoach.core.history import open_history
from hipcoach.core.plan import PhaseKind
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.services import Services
from tests.history_seed import seed_history
from tests.ui.editor_rig import Content, answer_next_box
from tests.ui.rig import WindowRig, run_to_summary, three_exercises
from tests.ui.test_services import services_for

CONTROLS = (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QAbstractSlider, QComboBox, QLineEdit, QPlainTextEdit,
    QTextEdit, QTabBar,
)  # fmt: skip


def reachable(page: QWidget) -> set[QWidget]:
    """The controls on screen that take the keyboard by Tab."""
    found = set()
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible() or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):  # the line edit inside a spin box
            continue
        found.add(widget)
    return found


def walk(page: QWidget, key: Qt.Key) -> list[QWidget]:
    start = QApplication.focusWidget()
    assert start is not None and page.isAncestorOf(start), f"the page's first focus is {start!r}"
    visited = [start]
    for _ in range(200):
        widget = QApplication.focusWidget()
        assert widget is not None
        QApplication.sendEvent(widget, _key_event(key))
        QApplication.processEvents()
        after = QApplication.focusWidget()
        assert after is not widget, f"{key.name} left the focus on {type(widget).__name__} {widget.accessibleName()!r}"
        if after is start:
            return visited
        assert after is not None
        visited.append(after)
    raise AssertionError("the focus never came back round")


def _key_event(key: Qt.Key):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeyEvent  # noqa: PLC0415

    modifiers = Qt.KeyboardModifier.ShiftModifier if key is Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
    return QKeyEvent(QKeyEvent.Type.KeyPress, key, modifiers)


def check_page(page: QWidget, at_least: int) -> None:
    assert len(reachable(page)) >= at_least, sorted(type(w).__name__ for w in reachable(page))
    missing_forward = reachable(page) - set(walk(page, Qt.Key.Key_Tab))
    missing_back = reachable(page) - set(walk(page, Qt.Key.Key_Backtab))
    names = lambda ws: sorted(f"{type(w).__name__} {w.accessibleName()!r}" for w in ws)  # noqa: E731
    assert names(missing_forward) == [] and names(missing_back) == []


@pytest.fixture
def window(rig: WindowRig, tmp_path: Path) -> Iterator[tuple[WindowRig, Services, Content]]:
    with open_history() as store:  # rows in every table: an empty table lets Tab through even when it would trap
        seed_history(store, days=40, start=date.today() - timedelta(days=39), seed=3)
    services = services_for(rig, tmp_path)
    content = Content(rig.window)
    rig.window.set_routine_files(content.files())
    rig.window.resize(1280, 800)
    rig.window.activateWindow()
    try:
        yield rig, services, content
    finally:
        if rig.window.editor is not None and rig.window.editor.has_unsaved_changes():
            answer_next_box("Discard")
        services.close()


def test_tab_reaches_every_control_of_every_page_and_never_traps(
    window: tuple[WindowRig, Services, Content], qtbot: QtBot
) -> None:
    rig, _services, _content = window
    win = rig.window
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    check_page(win.chooser, 5)  # the list, Start, Sore today, New, Duplicate, Edit

    win.history_action.trigger()
    assert win.history_page is not None
    check_page(win.history_page, 8)  # goal, report, export, tabs, the charts' buttons, back
    [view] = win.history_page.findChildren(HistoryView)
    for panel in (view.heatmap, view.bars, view.pain):
        panel.toggle.setChecked(True)  # "Show as table": a table where Tab used to walk the cells for ever
    view.tabs.tabBar().setFocus()
    check_page(win.history_page, 8)
    view.tabs.setCurrentIndex(1)  # Sessions: the list of sessions and the exercises of the one chosen
    view.tabs.tabBar().setFocus()
    check_page(win.history_page, 6)
    win.summary_view.back_action.trigger()

    win.chooser.list.setFocus()
    qtbot.keyClick(win.chooser.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New routine
    editor = win.editor
    assert editor is not None and win.current_page() is editor
    qtbot.waitUntil(lambda: editor.isAncestorOf(QApplication.focusWidget()))
    check_page(editor, 8)  # name, description, rests, the list, add, save, close…
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert win.current_page() is win.chooser

    rig.start(three_exercises())
    rig.run_until(PhaseKind.REPS)
    rig.key(Qt.Key.Key_Space)  # paused: the page stays as it is while the keys walk it
    if not win.session_view.isAncestorOf(QApplication.focusWidget()):  # the keys act window-wide: no focus needed
        min(reachable(win.session_view), key=lambda w: (w.y(), w.x())).setFocus()
    check_page(win.session_view, 6)  # the command buttons
    rig.key(Qt.Key.Key_Space)
    run_to_summary(rig)
    summary = win.summary_view
    qtbot.waitUntil(lambda: summary.isAncestorOf(QApplication.focusWidget()))
    check_page(summary, 12)  # the feelings, the pain row, the note, back
