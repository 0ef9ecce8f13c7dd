"""The routine editor in the window: the chooser's New routine, Duplicate, Edit and Delete, the editor page shown in
place of the chooser, and leaving it. A base of ``MainWindow``.

The editor is a page of the window, like the sore-day offer, so the chooser (and with it every way to start a
session) is out of reach while it is open: a running session is never edited, and a session cannot start under an
edit. Saving goes through the app's reload of the routines (``RoutineFiles.reload``), so the saved routine reaches the
chooser as every routine does, and is chosen there when the page closes. A session already running keeps the routine
and plan it started with: nothing here touches it (docs/editor-window.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from PySide6.QtCore import QEvent, QTimer

from hipcoach import APP_NAME
from hipcoach.ui.chooser_files import users_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QMainWindow as _Window
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from hipcoach.core.model import Routine
    from hipcoach.core.plan import PlanOptions
    from hipcoach.core.routine_edit.draft import RoutineDraft
    from hipcoach.ui.chooser import RoutineChooser
    from hipcoach.ui.notice import Priority
    from hipcoach.ui.routine_files import RoutineFiles
else:
    _Window = object

EDITING_FIRST: Final = "Finish or close the routine you are editing first."
RESUME_LATER: Final = "The session cut short is offered again at the next start."
EDITOR_TITLE: Final = f"Routine editor \u2013 {APP_NAME}"


class EditorPage(Protocol):
    """The editor page as the window uses it (hipcoach.ui.routine_editor.RoutineEditorPage)."""

    @property
    def saved(self) -> SignalInstance: ...  # the path of the file written

    @property
    def closed(self) -> SignalInstance: ...  # the user left the page, after any question about unsaved changes

    def open_draft(self, draft: RoutineDraft) -> None: ...

    def has_unsaved_changes(self) -> bool: ...

    def ask_to_leave(self) -> bool: ...

    def check_file_on_disk(self) -> None: ...


class RoutineEditing(_Window):
    """``MainWindow`` sets the attributes below and calls ``_init_editing``."""

    chooser: RoutineChooser
    pages: QStackedWidget

    if TYPE_CHECKING:

        @property
        def busy(self) -> bool: ...

        def _show_page(self, page: QWidget) -> None: ...

        def show_chooser(self) -> None: ...

        def show_notice(self, text: str, priority: Priority = ...) -> None: ...

        def plan_options(self) -> PlanOptions: ...

    def _init_editing(self) -> None:
        self._routine_files: RoutineFiles | None = None
        self._make_editor: Callable[[RoutineFiles], QWidget] = self._make_editor_page
        self._editor: QWidget | None = None
        self._saved_id: str | None = None  # chosen on the chooser when the page closes
        self.chooser.new_requested.connect(self.new_routine)
        self.chooser.duplicate_requested.connect(self.duplicate_routine)
        self.chooser.edit_requested.connect(self.edit_routine)
        self.chooser.delete_requested.connect(self.delete_routine)

    def set_routine_files(
        self, files: RoutineFiles, make_page: Callable[[RoutineFiles], QWidget] | None = None
    ) -> None:
        """From the app, once the content is loaded; until then the editor does not open. ``make_page``: tests."""
        self._routine_files = files
        if make_page is not None:
            self._make_editor = make_page

    # -- the chooser's actions ----------------------------------------------------------------------------------

    def new_routine(self) -> None:
        if self._routine_files is None:
            return
        from hipcoach.core.routine_edit.draft import new_draft  # noqa: PLC0415 - only when the editor opens

        self.open_editor(new_draft())

    def duplicate_routine(self, routine: Routine) -> None:
        """A copy of the routine as its file says (not as the safety answers adapted it), with a name of its own."""
        files = self._routine_files
        if files is None:
            return
        from hipcoach.core.routine_edit.draft import draft_of, duplicate  # noqa: PLC0415 - only when the editor opens

        exercises = files.exercises()
        self.open_editor(duplicate(draft_of(files.as_written(routine), exercises), files.taken_names()))

    def edit_routine(self, routine: Routine) -> None:
        """The user's file as it is on disk now; a built-in routine cannot be changed, so a copy is offered."""
        files, path = self._routine_files, users_file(routine)
        if files is None:
            return
        if path is None:
            if self.ask_duplicate_builtin(routine.name):
                self.duplicate_routine(routine)
            return
        from hipcoach.core.content import ContentError  # noqa: PLC0415 - loaded with the content
        from hipcoach.core.routine_edit.saving import read_draft  # noqa: PLC0415 - only when the editor opens

        try:
            draft = read_draft(path, files.exercises())
        except (ContentError, OSError) as exc:
            self.show_routine_problem("Could not open the routine", f"{path} could not be read:\n{exc}")
            files.reload()  # the chooser then says what is wrong with the file, or no longer lists it
            return
        self.open_editor(draft)

    def delete_routine(self, routine: Routine) -> None:
        """Only the user's own routines; asked first. The history keeps the sessions done with it."""
        files, path = self._routine_files, users_file(routine)
        if files is None or path is None or not self.ask_delete(routine.name):
            return
        from hipcoach.core.routine_edit.saving import SaveError, delete_routine  # noqa: PLC0415 - only when used

        try:
            delete_routine(path)
        except (SaveError, OSError) as exc:
            self.show_routine_problem("Could not delete the routine", str(exc))
        files.reload()

    # -- questions (methods of their own so tests can answer them) ------------------------------------------------

    def ask_duplicate_builtin(self, routine_name: str) -> bool:
        from hipcoach.ui.questions import ask, builtin_question  # noqa: PLC0415 - not needed for the first frame

        box, copy = builtin_question(self, routine_name)
        return ask(box) is copy

    def ask_delete(self, routine_name: str) -> bool:
        from hipcoach.ui.questions import ask, delete_question  # noqa: PLC0415 - not needed for the first frame

        box, delete = delete_question(self, routine_name)
        return ask(box) is delete

    def show_routine_problem(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - not needed for the first frame

        from hipcoach.ui.questions import ask, large_box, scale_buttons  # noqa: PLC0415 - likewise

        box = large_box(self, QMessageBox.Icon.Warning, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        scale_buttons(box)
        ask(box)

    # -- the page -----------------------------------------------------------------------------------------------

    @property
    def editor(self) -> EditorPage | None:
        """The editor page while it is on screen."""
        page = self._editor
        return page if page is not None and self.pages.currentWidget() is page else None  # type: ignore[return-value]

    def open_editor(self, draft: RoutineDraft) -> None:
        files = self._routine_files
        if files is None or self.busy or self.editor is not None:
            return
        page = self._editor_page(files)
        self._saved_id = None
        self.setWindowTitle(EDITOR_TITLE)
        self._show_page(page)
        page.open_draft(draft)  # type: ignore[attr-defined]  # on screen: it puts the focus where typing starts

    def _make_editor_page(self, files: RoutineFiles) -> QWidget:
        """The editor, its estimate made with the user's timing, as the chooser's is."""
        from hipcoach.ui.routine_editor import RoutineEditorPage  # noqa: PLC0415 - only when the editor opens

        page: QWidget = RoutineEditorPage(
            files.exercises(), files.folder, files.taken_ids, plan_options=self.plan_options
        )
        return page

    def _editor_page(self, files: RoutineFiles) -> QWidget:
        """Made at the first opening and kept: the exercises it lists come with the app, which is not restarted."""
        if self._editor is None:
            page = self._make_editor(files)
            page.saved.connect(self._editor_saved)  # type: ignore[attr-defined]
            page.closed.connect(self._editor_closed)  # type: ignore[attr-defined]
            self.pages.addWidget(page)
            self._editor = page
        return self._editor

    def _editor_saved(self, path: str) -> None:
        self._saved_id = Path(path).stem
        if self._routine_files is not None:
            self._routine_files.reload()

    def _editor_closed(self) -> None:
        if self.editor is not None:
            self._leave_editor()

    def _leave_editor(self) -> None:
        saved, self._saved_id = self._saved_id, None
        self.show_chooser()
        if saved is not None:
            self.chooser.select(saved)

    def leave_editor_for(self, what: str) -> bool:
        """Something else asks for the window (a second launch's ``--start``): yes when no editor is open, or one
        with nothing unsaved, which then closes; an edit with unsaved changes stays, and the window says why ``what``
        did not happen."""
        page = self.editor
        if page is None:
            return True
        if page.has_unsaved_changes():
            self.show_notice(f"{EDITING_FIRST} {what}")
            return False
        self._leave_editor()
        return True

    def _editor_may_close(self) -> bool:
        """Closing the window: the editor asks about unsaved changes; cancelling keeps the window open."""
        page = self.editor
        return page is None or page.ask_to_leave()

    def changeEvent(self, event: QEvent) -> None:
        """Back in the window: the editor looks whether its file was changed by another program meanwhile (after
        the activation, so its question never comes up in the middle of the window manager's switch)."""
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.editor is not None:
            QTimer.singleShot(0, self._check_editor_file)
        super().changeEvent(event)

    def _check_editor_file(self) -> None:
        page = self.editor
        if page is not None:
            page.check_file_on_disk()
