"""The single voice channel: plays one WAV at a time through Qt Multimedia, on the GUI thread.

Why QSoundEffect, one per cue, loaded as soon as the cue is rendered: the PCM is decoded ahead of time, so a play
starts ~15-30 ms after the call (measured through a PulseAudio null sink; docs/speech.md), which keeps countdowns on
the beat. ``stop()`` is immediate. QMediaPlayer decodes through FFmpeg at play time and prints FFmpeg's stream
information on every source change.

Nothing here depends on the window: it plays the same when the window is minimised or hidden.

With no audio output (no device, no sound server) the player says so once through ``available()``/``problem``
and never creates a sound effect, so a session goes on with captions only and nothing more is printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect


class Player(Protocol):
    """What the speaker needs from a voice channel (a fake one in unit tests)."""

    def available(self) -> bool: ...

    @property
    def problem(self) -> str: ...

    def preload(self, path: Path) -> None: ...

    def play(self, path: Path, volume: float = 1.0) -> None: ...

    def stop(self) -> None: ...


NO_AUDIO = "No audio output was found, so cues are shown on screen only."


class QtPlayer(QObject):
    """QSoundEffect per file, at most one playing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[Path, QSoundEffect] = {}
        self._current: QSoundEffect | None = None
        self._problem = ""
        if not QMediaDevices.audioOutputs():
            self._problem = NO_AUDIO

    @property
    def problem(self) -> str:
        return self._problem

    def available(self) -> bool:
        return not self._problem

    def preload(self, path: Path) -> None:
        if self._problem or path in self._effects:
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.statusChanged.connect(lambda effect=effect: self._check(effect))
        self._effects[path] = effect

    def play(self, path: Path, volume: float = 1.0) -> None:
        self.stop()
        if self._problem:
            return
        self.preload(path)
        effect = self._effects[path]
        effect.setVolume(max(0.0, min(volume, 1.0)))
        self._current = effect
        effect.play()  # plays as soon as it is loaded, if it is not yet

    def stop(self) -> None:
        if self._current is not None:
            self._current.stop()
            self._current = None

    def _check(self, effect: QSoundEffect) -> None:
        if effect.status() is QSoundEffect.Status.Error and not self._problem:
            self._problem = f"Cues could not be played ({Path(effect.source().toLocalFile()).name}); " + (
                "they are shown on screen only."
            )
            self.stop()
