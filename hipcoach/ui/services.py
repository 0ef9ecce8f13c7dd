"""The parts that work alongside the window but are not needed to paint it: recording, speech, the History page.

They are built right after the window's first paint (hipcoach.app imports this module only then), because their
imports and set-up (the speech worker, the history database) would otherwise double the time before anything is on
screen. A session cannot start before they exist: --start, resumption and the chooser's Start all come after. The
History page itself (its charts, the report, their modules) is built only when it is first shown: the window may idle
for hours without it (docs/startup.md, "Memory of the idle window").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from hipcoach.core import paths
from hipcoach.core.events import Event, Paused, SessionEnded
from hipcoach.core.history import HistoryError, HistoryLocked, HistoryStore, history_path, open_history
from hipcoach.core.plan import Plan
from hipcoach.core.safety.answers import delete_answers
from hipcoach.core.session_state import State
from hipcoach.core.settings import Settings, delete_preferences
from hipcoach.speech.cache import SpeechCache
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.settings import load_settings_with_warnings as load_speech_settings
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.announcer import Announcer
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.notice import Priority
from hipcoach.ui.recorder import SessionRecorder, event_log_from_env
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.session_heap import SessionHeap

if TYPE_CHECKING:
    from hipcoach.ui.history_view import HistoryView
    from hipcoach.ui.speech_settings import VoicePage

SpeakerFactory = Callable[[SpeechSettings], Speaker | None]
ExerciseNames = Mapping[str, str] | Callable[[], Mapping[str, str]]  # a function: asked when the History is built

GUI_BUSY_MS = 50  # the longest the window's own history connection waits for a lock
HISTORY_RETRY_MS = 2000
VOICE_PAGE = "voice"  # VoicePage.key, whose module loads when Settings first opens (a test holds the two equal)


class Services:
    def __init__(
        self,
        window: MainWindow,
        controller: SessionController,
        settings: Settings,
        exercise_names: ExerciseNames,
        make_speaker: SpeakerFactory,
        *,
        report: Callable[[str], None] = lambda _text: None,
    ) -> None:
        """``report`` also gets the history's problems found here and the speech settings' warnings (the app prints
        them on stderr); ``settings_warnings`` keeps the latter for the chooser's list."""
        self.window = window
        self.controller = controller
        self.recorder = SessionRecorder(event_log=event_log_from_env())
        self.recorder.attach(controller)
        self.heap = SessionHeap()  # no full garbage collection pass over the whole program during a session
        controller.state_changed.connect(self.heap.on_state)
        self.report = report
        self._said_locked = False
        self.recorder.problem.connect(window.show_history_problem)
        window.pain_before_rated.connect(lambda value: self.recorder.set_pain(before=value))
        window.pain_after_saved.connect(lambda after, note: self.recorder.set_pain(after=after, note=note))
        window.feeling_saved.connect(self.recorder.set_feeling)
        window.session_discarded.connect(self.recorder.discard_session)
        speech_settings, self.settings_warnings = load_speech_settings()
        for warning in self.settings_warnings:  # also listed above the routines, with those of settings.json
            report(warning)
        window.set_speech(speech_settings.verbosity, speech_settings.rate)
        self.speaker = make_speaker(speech_settings)
        if self.speaker is not None:
            self._wire_speech(self.speaker)
        speaker = self.speaker
        self.announcer = Announcer(
            window, lambda: (speaker.settings if speaker is not None else speech_settings).announce
        )
        controller.cue.connect(self.announcer.on_cue)
        self._add_history(settings, exercise_names)

    def prepare(self, plan: Plan, go: Callable[[], None]) -> None:
        """Before a session starts, render its cues in the order they will be needed; start once the first ones
        are ready, or after two seconds at most, so a slow engine never holds the session back."""
        if self.speaker is None:
            go()
            return
        self.speaker.prepare(plan, self.controller.verbosity)
        self.speaker.when_ready(go)

    def close(self) -> None:
        self.heap.on_state(State.IDLE)
        self.recorder.close()
        if self.speaker is not None:
            self.speaker.close()

    def _wire_speech(self, speaker: Speaker) -> None:
        controller, window = self.controller, self.window
        controller.cue.connect(speaker.say)
        controller.early.lead = speaker.lead  # cues are handed over early by the output's latency
        controller.engine_event.connect(lambda event: _silence_on_pause(speaker, event))
        speaker.notice.connect(lambda text: window.show_notice(text, Priority.SOUND))

        def page() -> VoicePage:
            from hipcoach.ui.speech_settings import VoicePage  # noqa: PLC0415 - when Settings first opens

            return VoicePage(
                speaker,
                speaker.settings,
                applied=lambda chosen: window.set_speech(chosen.verbosity, chosen.rate),
                problem=lambda text: window.statusBar().showMessage(text, 10_000),
            )

        window.add_settings_page(page)
        self.voice_entry = window.add_settings_entry(
            VOICE_PAGE, "Voice and cues\u2026", "Voice, speed, volume, how much the coach says, mute, tones"
        )

    def _add_history(self, settings: Settings, exercise_names: ExerciseNames) -> None:
        """The History page reads through its own connection on the GUI thread (a few ms even for ten years); the
        recorder writes through another on its worker. After each write the page reads again.

        The page's connection waits at most GUI_BUSY_MS for a lock, so a history locked by another program never
        holds the window: the page says so and a timer tries again (the recorder does its waiting on its thread).
        The connection is opened now, so a repair or a lock is said at the start as before; the page is built when
        the History is first shown."""
        window = self.window
        try:
            store = open_history(busy_timeout_ms=GUI_BUSY_MS)
        except HistoryLocked:
            self._history_retry(settings, exercise_names)
            return
        except HistoryError as exc:
            self._history_problem(f"Your history cannot be shown: {exc}")
            return
        if store.notice is not None:  # a repair or a read-only file: said in the window, not only on the page
            self._history_problem(store.notice)
        link = _HistoryLink(store, window, exercise_names)
        window.offer_history_page(link.build_page)
        window.settings_changed.connect(link.follow_settings)
        window.delete_all_requested.connect(self.recorder.delete_all_data)
        # bound methods of an object that dies with the window: nothing calls into a deleted page at shutdown
        self.recorder.drained.connect(link.refresh_if_shown)
        self.recorder.data_deleted.connect(link.after_delete_all)
        self.recorder.data_deleted.connect(self._clear_speech_cache)

    def _clear_speech_cache(self) -> None:
        """The rendered cues go too: they are the words of the routines used, nothing else, but the user asked for
        everything. The speaker clears through its worker; with no speaker, nothing renders, so it is done here."""
        if self.speaker is not None:
            self.speaker.clear_cache()
        else:
            SpeechCache().clear()

    def _history_retry(self, settings: Settings, exercise_names: ExerciseNames) -> None:
        if not self._said_locked:
            self._said_locked = True
            self._history_problem(
                f"The history file {history_path()} is locked by another program. The History page comes back as "
                "soon as it is free."
            )
        QTimer.singleShot(HISTORY_RETRY_MS, self.window, lambda: self._add_history(settings, exercise_names))

    def _history_problem(self, text: str) -> None:
        self.window.show_notice(text, Priority.HISTORY)
        self.report(text)


def _silence_on_pause(speaker: Speaker, event: Event) -> None:
    """Pause and stop cut the voice at once; a skip needs nothing, its new phase's cue cuts what is playing."""
    if isinstance(event, Paused | SessionEnded):
        speaker.silence()


class _HistoryLink(QObject):
    """The window's connection to the history and its History page once built: keeps the page in step with what
    the recorder writes and deletes. A child of the window, so it goes with it."""

    def __init__(self, store: HistoryStore, window: MainWindow, names: ExerciseNames) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self.names = names
        self.view: HistoryView | None = None

    def build_page(self) -> QWidget:
        """The History page, the first time it is shown (hipcoach.ui.main_window builds it through this)."""
        from hipcoach.ui.history_view import HistoryView  # noqa: PLC0415 - when the History is first shown

        window = self.window
        names = self.names() if callable(self.names) else self.names
        view = HistoryView(self.store, goal=window.settings.weekly_goal, names=names)
        self.view = view
        window.history_shown.connect(view.refresh)
        view.goal_changed.connect(lambda goal: window.change_settings(weekly_goal=goal))
        return view

    def follow_settings(self, settings: Settings) -> None:
        """The weekly goal changed in the Settings dialog (or went back to its default)."""
        if self.view is not None and settings.weekly_goal != self.view.goal:
            self.view.set_goal(settings.weekly_goal)

    def refresh_if_shown(self) -> None:
        if self.view is not None and self.view.isVisible():
            self.view.refresh()

    def after_delete_all(self, removed: list[str]) -> None:
        from hipcoach import error_log  # noqa: PLC0415 - loads logging's handlers, needed only here and for errors

        self.store.close()
        # tracebacks may name files and routines; the safety answers are health data, kept beside the history
        gone = [*delete_preferences(), *delete_answers(), *error_log.delete_logs()]
        self.window.forget_user_data()
        try:
            self.store = open_history(busy_timeout_ms=GUI_BUSY_MS)
        except HistoryError as exc:
            self.window.show_notice(f"Your history cannot be shown: {exc}", Priority.HISTORY)
        else:
            if self.view is not None:
                self.view.store = self.store
                self.view.refresh()
        self.window.show_notice(
            f"All your data was deleted from this computer ({len(removed) + len(gone)} files). "
            f"Your routine files in {paths.user_routines_dir()} were kept."
        )
