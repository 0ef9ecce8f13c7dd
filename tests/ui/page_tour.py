"""Every page of the window on screen in turn, as a user reaches it: for the checks that hold on every page (the type
scale, the contrast in each theme) and for the pictures of docs/design.md.

The pages: the chooser, a session mid-rep, the summary, the History (overview and sessions), the routine editor and
each page of the settings dialog. The history is seeded, so the charts and tables have something to show.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.history import open_history
from hipcoach.core.model import Routine
from hipcoach.core.plan import PhaseKind
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.services import Services
from tests.history_seed import seed_history
from tests.ui.editor_rig import Content, answer_next_box
from tests.ui.rig import WindowRig, run_to_summary
from tests.ui.test_services import services_for


def shown_routine() -> Routine:
    """A shipped routine, so the pictures show the exercises' figures as a user sees them."""
    return next(routine for routine in builtin_routines(load_catalogue()) if routine.id == "strength")


@contextmanager
def seeded_window(rig: WindowRig, tmp_path: Path, size: tuple[int, int] = (1280, 800)) -> Iterator[Services]:
    """The window with forty days of history, the routine files and its services (the History page comes with them)."""
    with open_history() as store:
        seed_history(store, days=40, start=date.today() - timedelta(days=39), seed=3)
    services = services_for(rig, tmp_path)
    rig.window.set_routine_files(Content(rig.window).files())
    rig.window.resize(*size)
    rig.window.activateWindow()
    try:
        yield services
    finally:
        if rig.window.editor is not None and rig.window.editor.has_unsaved_changes():
            answer_next_box("Discard")
        services.close()


def settle() -> None:
    for _ in range(3):  # a page lays out what it was given a turn later
        QApplication.processEvents()


def tour(rig: WindowRig, qtbot: QtBot) -> Iterator[tuple[str, QWidget]]:
    """Each page on screen, with its name; the settings dialog is yielded as the window that shows it."""
    win = rig.window
    settle()
    yield "chooser", win.chooser

    rig.start(shown_routine())
    rig.run_until(PhaseKind.REPS)
    rig.run(3)
    settle()
    yield "session", win.session_view

    run_to_summary(rig, most_steps=1000)
    settle()
    yield "summary", win.summary_view
    win.summary_view.back_action.trigger()

    win.history_action.trigger()
    page = win.history_page
    assert page is not None
    [view] = page.findChildren(HistoryView)
    view.tabs.setCurrentIndex(0)
    settle()
    yield "history", page
    view.tabs.setCurrentIndex(1)
    settle()
    yield "history-sessions", page
    view.tabs.setCurrentIndex(0)
    win.summary_view.back_action.trigger()

    win.chooser.list.setFocus()
    qtbot.keyClick(win.chooser.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New routine
    editor = win.editor
    assert editor is not None and win.current_page() is editor
    settle()
    yield "editor", editor
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    dialog = win.open_settings("session")
    for key in [page.key for page in dialog.pages]:
        dialog.show_page(key)
        settle()
        yield f"settings-{key}", dialog
    dialog.reject()
