"""A second launch for the same data folder: handing its arguments to the window already open, and taking them
there. A base of ``GuiRun``; the single-instance channel itself is hipcoach.ui.single_instance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipcoach import APP_NAME
from hipcoach.app_exit import _say
from hipcoach.core import paths
from hipcoach.core.instance import Answer, Handoff, parse_handoff
from hipcoach.options import EXIT_ERROR, EXIT_OK, AppOptions

if TYPE_CHECKING:
    from hipcoach.app import _Content
    from hipcoach.core.model import Routine
    from hipcoach.ui.main_window import MainWindow
    from hipcoach.ui.single_instance import SingleInstance


class HandoffHandling:
    """Both ends of a hand-off; ``GuiRun`` sets the attributes below."""

    options: AppOptions
    window: MainWindow | None
    content: _Content | None

    if TYPE_CHECKING:

        def _as_offered_now(self, routine: Routine) -> Routine | str: ...

    def _hand_over(self, instance: SingleInstance) -> int:
        """Another window has this data folder: hand it what was asked, print its one-line answer, and exit."""
        folder = paths.data_dir()
        if self.options.quit_when_done:
            _say(
                f"{APP_NAME} is already open for {folder}, and --quit-when-done cannot apply to a window already "
                "open: nothing was started. Close that window first."
            )
            return EXIT_ERROR
        scale = self.options.time_scale if self.options.time_scale != 1.0 else None
        handoff = Handoff(self.options.start, scale, sore_day=self.options.sore_day, floor_ok=self.options.floor_ok)
        answer = instance.send_to_running(handoff.args())
        if answer is None:
            _say(f"{APP_NAME} is already open for {folder} but does not answer; close it and try again")
            return EXIT_ERROR
        if not answer.ok:
            _say(answer.message)
            return EXIT_ERROR
        print(answer.message, flush=True)
        return EXIT_OK

    def _on_handoff(self, args: list[str]) -> Answer:
        """A second launch for the same data folder handed its arguments over: come to the front, maybe start a
        routine (at the time scale it asked for, else real speed), and say in one line what was done."""
        window = self.window
        if window is None or self.content is None:  # the server listens only once the content is loaded
            return Answer(False, f"{APP_NAME} is still opening; try again in a moment")
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        handoff = parse_handoff(args)
        if isinstance(handoff, str):
            return Answer(False, f"the window already open could not take this: {handoff}")
        if handoff.quit_when_done:
            return Answer(False, "--quit-when-done cannot apply to a window already open: nothing was started")
        if handoff.start is None:
            if handoff.sore_day:
                return Answer(False, "--sore-day applies to a session started with --start: nothing was started")
            if handoff.time_scale is not None:
                return Answer(False, "--time-scale applies to a session started with --start: nothing was started")
            return Answer(True, f"{APP_NAME} is already open for {paths.data_dir()}: brought its window to the front")
        from hipcoach.core import content  # noqa: PLC0415 - loaded by then
        from hipcoach.core.content import ContentError  # noqa: PLC0415 - likewise

        try:
            found = content.find_routine(handoff.start, self.content.catalogue)
        except ContentError as exc:
            window.show_notice(f"--start: {exc}")
            return Answer(False, f"--start: {exc}")
        routine = self._as_offered_now(found)  # as the chooser offers it, never as written past the precautions
        if isinstance(routine, str):
            window.show_notice(f"--start: {routine}")
            return Answer(False, f"--start: {routine}")
        if handoff.sore_day:
            from hipcoach.core.sore_day import shipped_sore_day  # noqa: PLC0415 - loaded with the content

            routine = shipped_sore_day(routine, self.content.catalogue, floor_ok=handoff.floor_ok)
        if not window.leave_editor_for(f"{routine.name} was not started."):  # its unsaved changes are kept
            return Answer(
                False,
                f"a routine is being edited in the {APP_NAME} window already open, so {routine.name} was not started; "
                "save or close it there first",
            )
        if window.busy:
            return Answer(
                False,
                f"a session is running in the {APP_NAME} window already open, so {routine.name} was not started; "
                "stop that session first",
            )
        scale = handoff.time_scale if handoff.time_scale is not None else 1.0
        window.start_routine(routine, time_scale=scale)
        speed = f", {scale:g} times faster" if scale != 1.0 else ""
        return Answer(True, f"started {routine.name} in the {APP_NAME} window already open{speed}")
