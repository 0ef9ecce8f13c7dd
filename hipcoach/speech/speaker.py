"""The speaker: decides, cue by cue, what the single voice channel plays, and never makes the session wait.

Rules (issue 3), applied in ``say()`` on the GUI thread:

- a cue whose moment has passed by more than ``LATE_TOLERANCE`` is dropped, not queued: "three" said after "two"
  is worse than silence;
- a cue of higher or equal priority cuts the one playing; a lower one arriving while a higher one plays is dropped
  (Priority: REMINDER < BEAT < COUNTDOWN < TRANSITION);
- a cue that is not rendered yet when it is due gets a short tone instead (if tones are on), never a delay;
- no speech engine (missing, raising, hanging): tones and captions, and one notice naming what to install;
- no audio device: captions only, and one notice.

Rendering runs ahead on the render worker, in the order the session will need the texts (hipcoach.core.cue_script).
Every decision can be written to a JSON-lines cue log (``HIPCOACH_CUE_LOG`` or ``cue_log``) so an end-to-end test
can compare what was scheduled with what a microphone, or a null sink, heard.
"""

from __future__ import annotations

import enum
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from hipcoach import hooks
from hipcoach.core import paths
from hipcoach.core.cues import Cue, Priority
from hipcoach.core.plan import Plan
from hipcoach.core.verbosity import Verbosity
from hipcoach.hooks import CUE_LOG_ENV
from hipcoach.speech.cache import SpeechCache, VoiceSettings, speech_cache_dir, valid_seconds
from hipcoach.speech.player import Player, default_player
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.renderers import Renderer, Tone, default_renderer, tone_seconds, write_tone
from hipcoach.speech.settings import SpeechSettings

LATE_TOLERANCE = 0.25  # seconds after its due moment a cue may still start
FIRST_CUES = 4  # the first get-ready and its "3, 2, 1": what the session waits for (at most FIRST_CUE_WAIT)
FIRST_CUE_WAIT = 2.0
TEST_TEXT = "This is how your coach sounds. Three, two, one."

Clock = Callable[[], float]


class Outcome(enum.StrEnum):
    PLAYED = "played"
    TONE = "tone"
    DROPPED = "dropped"


TONE_FOR: dict[Priority, str] = {
    Priority.REMINDER: Tone.PIP,
    Priority.BEAT: Tone.TICK,
    Priority.COUNTDOWN: Tone.PIP,
    Priority.TRANSITION: Tone.CHIME,
}


@dataclass(frozen=True)
class _Playing:
    priority: Priority
    ends_at: float  # clock time at which its audio is over


def ensure_tones(directory: Path) -> dict[str, tuple[Path, float]]:
    """The earcon files, generated once (a few milliseconds) and kept with the speech cache."""
    paths.ensure_private_dir(directory)
    tones: dict[str, tuple[Path, float]] = {}
    for kind in Tone.ALL:
        path = directory / f"{kind}.wav"
        if valid_seconds(path) is None:
            part = directory / f"{kind}.{os.getpid()}.part"
            write_tone(kind, part)
            os.chmod(part, 0o600)
            os.replace(part, path)
        tones[kind] = (path, tone_seconds(kind))
    return tones


class Speaker(QObject):
    notice = Signal(str)  # a one-time message for the user (no engine, no audio)
    first_cues_ready = Signal()  # the first cues of the prepared session can be spoken (or never will be)
    voices_found = Signal(object)  # list[Voice], answer to request_voices()
    cache_cleared = Signal(list)  # list[str]: the files clear_cache() removed

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        settings: SpeechSettings | None = None,
        player: Player | None = None,
        renderer_factory: Callable[[], Renderer] = default_renderer,
        worker: RenderWorker | None = None,
        cache: SpeechCache | None = None,
        clock: Clock = time.monotonic,
        cue_log: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = (settings or SpeechSettings()).clamped()
        self._clock = clock
        self.cue_log: Path | None = cue_log if cue_log is not None else hooks.path(CUE_LOG_ENV)
        self._player: Player = player if player is not None else default_player()
        self.worker = worker if worker is not None else RenderWorker(renderer_factory, cache, parent=self)
        # The worker emits on the GUI thread; queued all the same, so a handler never runs inside a call into the
        # worker (clear_cache() emits at once when the engine is broken) and stays in the order they were sent.
        self.worker.rendered.connect(self._on_rendered, Qt.ConnectionType.QueuedConnection)
        self.worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.worker.voices_found.connect(self.voices_found, Qt.ConnectionType.QueuedConnection)
        self.worker.cache_cleared.connect(self._on_cache_cleared, Qt.ConnectionType.QueuedConnection)
        self._tone_root = (cache.directory if cache is not None else speech_cache_dir()) / "tones"
        self._tones = ensure_tones(self._tone_root)
        self._ready: dict[tuple[VoiceSettings, str], tuple[Path, float]] = {}
        self._latest: dict[str, tuple[Path, float]] = {}  # by text, whatever the settings: used while re-rendering
        self._script: list[str] = []
        self._first_pending: set[str] = set()
        self._first_done = True
        self._playing: _Playing | None = None
        self._noticed: set[str] = set()
        self._test_pending: tuple[VoiceSettings, str] | None = None
        self.speech_available = True
        self.notices: list[str] = []
        self.worker.start()

    # -- session -----------------------------------------------------------------------------------------------------

    def prepare(self, plan: Plan, verbosity: Verbosity | None = None) -> None:
        """Start rendering every cue of ``plan`` in the order the session will need them (call as it opens)."""
        from hipcoach.core.cue_script import cue_texts  # noqa: PLC0415 - with the first session: it runs the engine

        self.prepare_texts(cue_texts(plan, verbosity or self.settings.verbosity))

    def prepare_texts(self, texts: list[str]) -> None:
        self._script = list(texts)
        voice = self.settings.voice_settings
        self.worker.clear_pending()
        missing = [text for text in texts if (voice, text) not in self._ready]
        self.worker.request(missing, voice)
        self._first_pending = {text for text in texts[:FIRST_CUES] if (voice, text) not in self._ready}
        self._first_done = False
        self._check_first_ready()

    def first_ready(self) -> bool:
        return self._first_done

    def when_ready(self, callback: Callable[[], None], timeout: float = FIRST_CUE_WAIT) -> None:
        """Call ``callback`` once: when the first cues are rendered, or after ``timeout`` seconds, whichever is first.

        The session's first get-ready waits on this, so the very first words are spoken rather than beeped, yet a
        slow or broken engine never holds the session back for more than two seconds.
        """
        if self._first_done:
            callback()
            return
        called = False

        def once() -> None:
            nonlocal called
            if not called:
                called = True
                self.first_cues_ready.disconnect(once)
                callback()

        self.first_cues_ready.connect(once)
        QTimer.singleShot(round(timeout * 1000), self, once)

    @Slot(object, float)
    def say(self, cue: Cue, due: float) -> None:
        """Play ``cue`` now (its moment was ``due`` on the monotonic clock), a tone instead, or nothing."""
        now = self._clock()
        if self.settings.muted:
            self._log(cue, due, Outcome.DROPPED, reason="muted")
            return
        if not self._player.available():
            self._notify("audio", self._player.problem)
            self._log(cue, due, Outcome.DROPPED, reason="no audio")
            return
        if now - due > LATE_TOLERANCE:
            self._log(cue, due, Outcome.DROPPED, reason="late")
            return
        sounds_at = max(now, due)  # a cue handed over early (``lead``) is heard on its moment, not now
        playing = self._playing if self._playing is not None and sounds_at < self._playing.ends_at else None
        if playing is not None and cue.priority < playing.priority:
            self._log(cue, due, Outcome.DROPPED, reason="busy")
            return
        voice = self.settings.voice_settings
        found = self._ready.get((voice, cue.text)) or self._latest.get(cue.text)
        if found is not None:
            path, seconds = found
            outcome, volume, reason = Outcome.PLAYED, 1.0, ""
        else:
            if self.speech_available:
                self.worker.request([cue.text], voice)  # next time it will be there
            if not self.settings.tones:
                self._log(cue, due, Outcome.DROPPED, reason="not rendered")
                return
            path, seconds = self._tones[TONE_FOR[cue.priority]]
            outcome, volume = Outcome.TONE, self.settings.volume
            reason = "not rendered" if self.speech_available else "no speech engine"
        self._player.play(path, volume, at=due)  # a cue handed over early (lead()) starts on its moment
        self._playing = _Playing(cue.priority, sounds_at + seconds)
        self._log(cue, due, outcome, started=now, seconds=seconds, reason=reason)

    def lead(self) -> float:
        """Seconds before its moment a cue should be handed over (``say``) to be heard on it: the output's latency,
        none when nothing is heard anyway."""
        if self.settings.muted or not self._player.available():
            return 0.0
        return self._player.latency()

    @Slot()
    def seconds_left(self) -> float:
        """How long the cue now playing still sounds (0 when quiet): an unattended run waits for its last words."""
        if self._playing is None:
            return 0.0
        return max(0.0, self._playing.ends_at - self._clock())

    def silence(self) -> None:
        """Pause, stop, skip: cut the cue that is playing (silent from the player's next period, 30 ms)."""
        self._player.stop()
        self._playing = None

    def close(self) -> None:
        self.silence()
        self._player.close()
        self.worker.stop()

    def clear_cache(self) -> None:
        """ "Delete all my data": forget every rendered cue and delete the cache folder (through the worker, see
        RenderWorker.clear_cache); ``cache_cleared`` follows. Cues are rendered again when next needed."""
        self.silence()
        self._ready.clear()
        self._latest.clear()
        self.worker.clear_cache()

    # -- settings ---------------------------------------------------------------------------------------------------

    def apply_settings(self, settings: SpeechSettings) -> None:
        """New settings apply to the next cue; a new voice, rate or volume re-renders the session's texts."""
        old = self.settings.voice_settings
        self.settings = settings.clamped()
        if settings.muted:
            self.silence()
        if self.settings.voice_settings != old and self._script:
            self.prepare_texts(self._script)

    def request_voices(self) -> None:
        """Ask the engine for its installed voices; the answer comes as ``voices_found``."""
        self.worker.request_voices()

    def test_voice(self, settings: SpeechSettings | None = None) -> None:
        """Say a sample with ``settings`` (the dialog's current values) as soon as it is rendered."""
        chosen = (settings or self.settings).clamped()
        voice = chosen.voice_settings
        found = self._ready.get((voice, TEST_TEXT))
        if found is not None or not self.speech_available:
            self._play_test(found[0] if found is not None else self._tones[Tone.CHIME][0])
            return
        self._test_pending = (voice, TEST_TEXT)
        self.worker.request([TEST_TEXT], voice)

    # -- internals ---------------------------------------------------------------------------------------------------

    def _play_test(self, path: Path) -> None:
        if not self._player.available():
            self._notify("audio", self._player.problem)
            return
        self._player.play(path, 1.0)
        self._playing = None  # a test sample never blocks a cue

    def _on_cache_cleared(self, removed: list[str]) -> None:
        """Forget again what a render that was under way when the cache was cleared reported since; the tones are
        made again at once (a few milliseconds), as a cue not yet rendered still needs its tone."""
        self._ready.clear()
        self._latest.clear()
        try:
            self._tones = ensure_tones(self._tone_root)
        except OSError as exc:
            self._notify("tones", f"The tones could not be written to {self._tone_root}: {exc.strerror or exc}.")
        self.cache_cleared.emit(removed)

    def _on_rendered(self, text: str, voice: VoiceSettings, path: str, seconds: float) -> None:
        found = (Path(path), seconds)
        self._ready[(voice, text)] = found
        if voice == self.settings.voice_settings or text not in self._latest:
            self._latest[text] = found
        self._player.preload(found[0])
        if self._test_pending == (voice, text):
            self._test_pending = None
            self._play_test(found[0])
        if voice == self.settings.voice_settings:
            self._first_pending.discard(text)
            self._check_first_ready()

    def _on_failed(self, message: str, hint: str) -> None:
        self.speech_available = False
        tail = " You will hear tones instead." if self.settings.tones else ""
        self._notify("speech", f"Spoken cues are not available: {message}. {hint}{tail}".replace(". .", "."))
        self._first_pending.clear()
        self._check_first_ready()

    def _check_first_ready(self) -> None:
        if not self._first_done and not self._first_pending:
            self._first_done = True
            self.first_cues_ready.emit()

    def _notify(self, kind: str, message: str) -> None:
        if kind in self._noticed:
            return
        self._noticed.add(kind)
        self.notices.append(message)
        self.notice.emit(message)

    def _log(
        self,
        cue: Cue,
        due: float,
        outcome: Outcome,
        *,
        started: float | None = None,
        seconds: float | None = None,
        reason: str = "",
    ) -> None:
        if self.cue_log is None:
            return
        record = {
            "text": cue.text,
            "priority": cue.priority.name.lower(),
            "scheduled": round(due, 6),
            "started": round(started, 6) if started is not None else None,
            "outcome": outcome.value,
            "duration": round(seconds, 4) if seconds is not None else None,
            "reason": reason,
        }
        try:
            with self.cue_log.open("a", encoding="utf-8") as out:
                out.write(json.dumps(record) + "\n")
        except OSError:
            self.cue_log = None  # a log is a test aid; never let it break the session
