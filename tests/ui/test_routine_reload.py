"""A routine file added while the window is open appears in the chooser without a restart.

The app runs in this process with the shipped content and a real folder watch; the test saves a routine the way
editors do (a whole file renamed into place) and waits, in the event loop, until the chooser lists it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget

import hipcoach.app
from hipcoach.core import paths
from hipcoach.options import EXIT_OK, AppOptions
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.routine_watch import RoutineWatch
from tests.ui.rig import FakeInhibitor

GUARD_MS = 30_000
POLL_MS = 20


def save_like_an_editor(path: Path, text: str) -> None:
    temporary = path.parent.parent / f".{path.name}.part"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def routine_text(name: str) -> str:
    return f'name = "{name}"\n[[exercise]]\nid = "bridge"\n'


def test_a_routine_saved_while_the_window_is_open_is_listed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, hipcoach_data_dir: Path
) -> None:
    monkeypatch.setattr(hipcoach.app, "ScreenSaverInhibitor", FakeInhibitor)
    monkeypatch.setattr(hipcoach.app, "make_speaker", lambda _settings: None)
    folder = paths.user_routines_dir()
    assert not folder.exists()  # made while the window is open: the watch must follow it into being
    seen: dict[str, list[str]] = {}

    def names(window: MainWindow) -> list[str]:
        return [routine.name for routine in window.chooser.routines()]

    def window() -> MainWindow | None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].findChild(RoutineWatch) is not None:
            return windows[0]
        return None

    def step(condition: Callable[[MainWindow], bool], then: Callable[[MainWindow], None]) -> None:
        def poll() -> None:
            current = window()
            if current is not None and condition(current):
                then(current)
            else:
                QTimer.singleShot(POLL_MS, poll)

        poll()

    def ready(current: MainWindow) -> None:
        seen["before"] = names(current)
        folder.mkdir(parents=True)
        save_like_an_editor(folder / "evening.toml", routine_text("Evening"))
        step(lambda w: "Evening" in names(w), renamed)

    def renamed(current: MainWindow) -> None:
        seen["added"] = names(current)
        save_like_an_editor(folder / "evening.toml", routine_text("Evening stretch"))
        step(lambda w: "Evening stretch" in names(w), done)

    def done(current: MainWindow) -> None:
        seen["changed"] = names(current)
        current.close()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(GUARD_MS)
    step(lambda w: bool(w.chooser.routines()), ready)
    try:
        assert hipcoach.app.run_app(AppOptions()) == EXIT_OK
    finally:
        guard.stop()
    assert "Evening" not in seen["before"]
    assert "Evening" in seen["added"]
    assert "Evening stretch" in seen["changed"] and "Evening" not in seen["changed"]


def test_the_window_becoming_active_asks_for_a_reload(qapp: QApplication, tmp_path: Path) -> None:
    """A file rewritten in place changes no folder entry; coming back to the window is what catches it."""
    asked: list[int] = []
    widget = QWidget()
    watch = RoutineWatch(widget, tmp_path / "routines", lambda: asked.append(1))
    assert watch.watched() == [str(tmp_path)]  # the folder does not exist yet: its parent is watched
    QApplication.sendEvent(widget, QEvent(QEvent.Type.WindowActivate))
    assert asked == [1]
    (tmp_path / "routines").mkdir()
    QApplication.sendEvent(widget, QEvent(QEvent.Type.WindowActivate))
    assert asked == [1, 1]
    assert watch.watched() == [str(tmp_path / "routines")]  # the parent holds the history: no longer watched


def test_the_app_gives_the_window_its_routine_editor(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    """New routine in the real app opens the editor page; a save there is read back into the chooser."""
    from hipcoach.ui.routine_editor import RoutineEditorPage  # noqa: PLC0415

    monkeypatch.setattr(hipcoach.app, "ScreenSaverInhibitor", FakeInhibitor)
    monkeypatch.setattr(hipcoach.app, "make_speaker", lambda _settings: None)
    seen: dict[str, object] = {}

    def poll() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or windows[0].findChild(RoutineWatch) is None:
            QTimer.singleShot(POLL_MS, poll)
            return
        window = windows[0]
        window.new_routine()
        page = window.current_page()
        seen["page"] = type(page).__name__
        assert isinstance(page, RoutineEditorPage)
        page.ui.name.setText("Morning ten")
        page.ui.name.textEdited.emit("Morning ten")
        page.add_exercise("bridge")
        seen["saved"] = page.save()
        page.request_close()
        seen["chosen"] = getattr(window.chooser.selected_routine(), "name", None)
        window.close()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(GUARD_MS)
    poll()
    try:
        assert hipcoach.app.run_app(AppOptions()) == EXIT_OK
    finally:
        guard.stop()
    assert seen == {"page": "RoutineEditorPage", "saved": True, "chosen": "Morning ten"}
