"""The routine editor in a window without the app: the shipped exercises and routines, and the user's routine files
(the test's own data folder) read again on every reload, as ``GuiRun._reload_routines`` does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from hipcoach.core import paths
from hipcoach.core.content import builtin_routines, load_catalogue, user_routines
from hipcoach.core.model import Exercise, Routine
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.routine_files import RoutineFiles


class Content:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.catalogue: dict[str, Exercise] = load_catalogue()
        self.builtins = builtin_routines(self.catalogue)
        self.routines: list[Routine] = []
        self.reloads = 0
        self.reload()

    def reload(self) -> None:
        mine, errors = user_routines(self.catalogue)
        self.routines = [*self.builtins, *mine]
        self.window.set_routines(self.routines, errors)
        self.reloads += 1

    def files(self) -> RoutineFiles:
        return RoutineFiles(lambda: self.catalogue, lambda: self.routines, self.reload)

    def routine(self, routine_id: str) -> Routine:
        return next(routine for routine in self.window.chooser.routines() if routine.id == routine_id)


def write_routine(routine_id: str, name: str, *exercise_ids: str) -> Path:
    """A routine file of the user's, written by hand."""
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{routine_id}.toml"
    entries = "".join(f'\n[[exercise]]\nid = "{exercise_id}"\n' for exercise_id in exercise_ids)
    path.write_text(f'# mine\nname = "{name}"\n{entries}', encoding="utf-8")
    return path


def answer_next_box(button_text: str, seen: list[str] | None = None) -> None:
    """Click the button starting with ``button_text`` on the next modal box, once it is up (the box's own loop
    runs this), keeping its text in ``seen``."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        if seen is not None:
            seen.append(f"{box.text()}\n{box.informativeText()}")
        buttons = [b for b in box.findChildren(QPushButton) if b.text().replace("&", "").startswith(button_text)]
        assert buttons, [b.text() for b in box.findChildren(QPushButton)]
        buttons[0].click()

    QTimer.singleShot(0, click)


PageFactory = Callable[[RoutineFiles], QWidget]
