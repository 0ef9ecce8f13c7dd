"""The adaptive programme in the window: the progression's proposals on the chooser, Undo, adaptation off, and the
sore-day sessions (docs/progression.md, "In the window").

Why here and not in the chooser: the proposals come from the history, which only the recorder's thread may read
(its store belongs to that thread), and from the content with every version of each exercise, which the app holds.
This object reads the history there, runs the Qt-free progression on the result, and hands the chooser plain
proposals; the chooser decides nothing about doses. It reads again whenever what the proposals depend on changes: the
routines offered (``GuiRun._show_routines``), a session that ended and its answers (when the summary is left), an
Undo, the ``adapt_doses`` setting, and "Delete all my data".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from PySide6.QtCore import QObject

from hipcoach.core.dose_plan import Change, ChoiceKind, DoseChoice, PastSession, Proposal
from hipcoach.core.history import HistoryStore
from hipcoach.core.model import Exercise, Routine
from hipcoach.core.settings import Settings
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.notice import Priority
from hipcoach.ui.recorder import SessionRecorder


class Content(Protocol):
    """The app's content as loaded (``hipcoach.app._Content``): only its catalogue is read here."""

    @property
    def catalogue(self) -> dict[str, Exercise]: ...


@dataclass(frozen=True)
class _Reading:
    """What one read of the history gives the window."""

    past: tuple[PastSession, ...]
    proposals: dict[str, Proposal]
    undoable: dict[str, tuple[Change, ...]]
    unknown: tuple[str, ...]  # routines whose history names an exercise this hipcoach does not know


def _propose_all(
    store: HistoryStore,
    routines: Sequence[Routine],
    exercises: Mapping[str, Exercise],
    *,
    adapt: bool,
    today: date,
) -> _Reading:
    """On the recorder's thread: the history read once, then every routine's proposal and Undo list."""
    from hipcoach.core.progression import last_changes, propose  # noqa: PLC0415 - with the first proposal

    past = tuple(store.past_sessions())
    choices = store.dose_choices()
    proposals: dict[str, Proposal] = {}
    undoable: dict[str, tuple[Change, ...]] = {}
    unknown: list[str] = []
    for routine in routines:
        try:
            proposals[routine.id] = propose(routine, exercises, past, choices, adapt=adapt, today=today)
            undoable[routine.id] = last_changes(routine, exercises, past, choices)
        except KeyError:  # a plan from a newer hipcoach: the routine runs as written (apply_plan says so)
            unknown.append(routine.name)
    return _Reading(past, proposals, undoable, tuple(unknown))


class Adaptation(QObject):
    """Built by the app once the recorder exists; ``refresh()`` reads the history again."""

    def __init__(
        self,
        window: MainWindow,
        recorder: SessionRecorder,
        content: Callable[[], Content | None],
        today: Callable[[], date],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.recorder = recorder
        self._content = content
        self._today = today
        self._exercises: tuple[Mapping[str, Exercise], Mapping[str, Exercise]] | None = None
        self._generation = 0
        self._adapt = window.settings.adapt_doses
        self.past: tuple[PastSession, ...] | None = None  # the last read, for "clearly sorer"
        # an answer may come back after the window is gone (the app exits while the history is read)
        alive = self._alive = [True]
        window.destroyed.connect(lambda: alive.__setitem__(0, False))
        chooser = window.chooser
        chooser.undo_requested.connect(self.undo)
        chooser.adaptation_off_requested.connect(self.turn_off)
        window.settings_changed.connect(self._settings_changed)
        window.summary_shown.connect(self.refresh)
        # "Back to routines" refreshes with the answers given on the summary. It is enabled only on the summary and
        # the History page, which are built when first shown: it is followed from then (the idle window has neither).
        self._following_back = False
        window.summary_shown.connect(self._follow_back)
        window.history_shown.connect(self._follow_back)
        recorder.data_deleted.connect(self.refresh)  # "Delete all my data": no history, nothing to propose
        window.set_sore_days(self)

    def _follow_back(self, *_args: object) -> None:
        if not self._following_back:
            self._following_back = True
            self.window.summary_view.back_action.triggered.connect(self.refresh)

    def exercises(self) -> Mapping[str, Exercise]:
        """The catalogue and every version of its exercises, made once per catalogue."""
        from hipcoach.core.content import ContentError  # noqa: PLC0415 - loaded with the content
        from hipcoach.core.content.catalogue import with_variants  # noqa: PLC0415 - likewise

        loaded = self._content()
        catalogue: Mapping[str, Exercise] = loaded.catalogue if loaded is not None else {}
        if self._exercises is None or self._exercises[0] is not catalogue:
            try:
                every: Mapping[str, Exercise] = with_variants(catalogue)
            except ContentError:  # a broken version file: the routines still run as written
                every = catalogue
            self._exercises = (catalogue, every)
        return self._exercises[1]

    def refresh(self, *_args: object) -> None:
        """Read the history again and give the chooser each routine's proposal; a Start waits for them."""
        routines = tuple(self.window.chooser.routines())
        exercises = self.exercises()
        adapt, today = self.window.settings.adapt_doses, self._today()
        self._generation += 1
        generation, alive = self._generation, self._alive
        self.window.chooser.expect_proposals()

        def done(reading: _Reading | None) -> None:
            if not alive[0] or generation != self._generation:
                return  # the window is gone, or a newer read is on its way: the chooser waits for that one
            if reading is None:
                self.window.chooser.set_proposals({}, {})
                return
            self.past = reading.past
            self.window.chooser.set_proposals(reading.proposals, reading.undoable)
            if reading.unknown:
                self.window.show_notice(
                    f"Your history names an exercise this version of hipcoach does not know, so these routines run "
                    f"as written: {', '.join(reading.unknown)}.",
                    Priority.HISTORY,
                )

        self.recorder.read_history(
            lambda store: _propose_all(store, routines, exercises, adapt=adapt, today=today), done
        )

    def undo(self, change: Change) -> None:
        """Go back to the dose before ``change``: kept in the history as the user's choice, then the list again."""
        routine = self.window.chooser.selected_routine()
        choice = DoseChoice(
            made_at=datetime.now(UTC),
            exercise_id=change.before.exercise_id,
            kind=ChoiceKind.SET,
            plan=change.before,
            routine_id=routine.id if routine is not None else None,
        )
        self.recorder.record_choice(choice)
        self.refresh()

    def turn_off(self) -> None:
        self.window.change_settings(adapt_doses=False)

    def _settings_changed(self, settings: Settings) -> None:
        if settings.adapt_doses != self._adapt:
            self._adapt = settings.adapt_doses
            self.refresh()

    # -- sore days (hipcoach.ui.window_sore_day.SoreDays) ---------------------------------------------------------

    def clearly_sorer(self, pain_before: int) -> bool:
        from hipcoach.core.progression import clearly_sorer  # noqa: PLC0415 - with the first proposal

        return self.past is not None and clearly_sorer(pain_before, self.past)

    def sore_day(self, routine: Routine, *, floor_ok: bool) -> Routine | None:
        """The sore-day version of the routine as the chooser offers it: its own gentle doses, not the
        progression's (``core/sore_day.py`` never makes an empty one)."""
        from hipcoach.core.sore_day import sore_day_routine  # noqa: PLC0415 - only for a sore day

        offered = {known.id: known for known in self.window.chooser.routines()}
        return sore_day_routine(offered.get(routine.id, routine), self.exercises(), floor_ok=floor_ok)
