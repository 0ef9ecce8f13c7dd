"""How a run of the window ends: the exit status of an unattended run, waiting for the history to be written, and
an unexpected error (logged, said once, never a traceback). A base of ``GuiRun``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from hipcoach import APP_NAME
from hipcoach.options import EXIT_ERROR, EXIT_NOT_RECORDED, EXIT_OK, EXIT_STOPPED, AppOptions

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from hipcoach.ui.main_window import MainWindow
    from hipcoach.ui.screenshots import Screenshots
    from hipcoach.ui.services import Services
    from hipcoach.ui.summary_view import SessionReport

FLUSH_TIMEOUT = 10.0  # seconds an unattended run waits for the history to be written before it exits
LAST_CUE_WAIT = 3.0  # seconds an unattended run lets its last cue ("Well done…") finish before it exits


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr, flush=True)


def _report_unexpected(exc: BaseException) -> Path | str:
    from hipcoach import error_log  # noqa: PLC0415 - only an error needs it

    log = error_log.write(exc)  # the same log as the command line, so there is one place to look
    where = f"; details in {log}" if isinstance(log, Path) else ""
    _say(f"unexpected error: {type(exc).__name__}{where}")
    return log


class ExitHandling:
    """The end of a run; ``GuiRun`` sets the attributes below."""

    app: QApplication
    options: AppOptions
    window: MainWindow | None
    services: Services | None
    exit_code: int | None
    _screenshots: Screenshots | None
    _failed: bool
    _read_only: bool
    _draining: bool
    _not_recorded: bool
    _looping: bool

    def _on_summary(self, report: SessionReport) -> None:
        if self._screenshots is not None:
            self._screenshots.take("summary")
            if self.window is not None:
                self._screenshots.save_text("summary", self.window.summary_view.text())
        if self.options.quit_when_done:
            code = EXIT_OK if report.summary.completed else EXIT_STOPPED
            if self._read_only:
                _say("the session was not recorded: the data folder is read-only")
                code = EXIT_NOT_RECORDED
            speaker = self.services.speaker if self.services is not None else None
            last_words = min(speaker.seconds_left(), LAST_CUE_WAIT) if speaker is not None else 0.0
            QTimer.singleShot(round(last_words * 1000), lambda: self._exit(code))

    def _exit(self, code: int) -> None:
        """Exit once everything is written, waiting for the recorder's ``drained`` (at most FLUSH_TIMEOUT) in the
        event loop: a locked history keeps the recorder's thread waiting, never this one."""
        if self.exit_code is None:
            self.exit_code = code
        recorder = self.services.recorder if self.services is not None else None
        if recorder is None or recorder.pending == 0:
            self._leave()
            return
        if not self._draining:
            self._draining = True
            recorder.drained.connect(self._leave)
            QTimer.singleShot(round(FLUSH_TIMEOUT * 1000), self._give_up_waiting)

    def _give_up_waiting(self) -> None:
        if self.services is not None and self.services.recorder.pending > 0:
            self.services.recorder.give_up()
            _say(f"the history was still not written after {FLUSH_TIMEOUT:g} s; giving up")
            self._not_recorded = True
        self._leave()

    def _leave(self) -> None:
        """An unattended run that could not record its session says so and exits with EXIT_NOT_RECORDED."""
        if not self._looping:
            return
        self._looping = False
        recorder = self.services.recorder if self.services is not None else None
        lost = recorder is not None and (recorder.lost > 0 or recorder.pending > 0)
        if self.options.quit_when_done and (lost or self._not_recorded) and self.exit_code in (EXIT_OK, EXIT_STOPPED):
            _say("the session was not (fully) recorded in the history")
            self.exit_code = EXIT_NOT_RECORDED
        self.app.exit(self.exit_code if self.exit_code is not None else EXIT_OK)

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """A bug in a slot must not show a traceback or leave an unattended run hanging. One bug tends to repeat on
        every event, so the user hears about it once; the log gets every occurrence."""
        del kind
        exc = exc.with_traceback(tb) if exc.__traceback__ is None else exc
        if self._failed:
            from hipcoach import error_log  # noqa: PLC0415 - only an error needs it

            error_log.write(exc)
            return
        self._failed = True
        log = _report_unexpected(exc)
        if self.options.quit_when_done or self.window is None:
            self.exit_code = None
            self._exit(EXIT_ERROR)
            return
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - only an error needs it

        where = f"\n\nThe details were saved in {log}." if isinstance(log, Path) else ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Something went wrong",
            f"Something went wrong inside {APP_NAME}. You can carry on; if it happens again, restart the app." + where,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setModal(False)
        box.finished.connect(self._error_seen)
        box.show()

    def _error_seen(self) -> None:
        """After the user has closed the message, a new error may be shown again."""
        self._failed = False
