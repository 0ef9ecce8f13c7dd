"""The Qt Multimedia player hipcoach used before miniaudio, kept for bench_playback.py only (old against new in one
run). It needs PySide6-Addons, which hipcoach no longer installs: ``pip install PySide6-Addons==<PySide6's version>``
into the venv to measure it; without it the benchmark leaves it out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

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

    def play(self, path: Path, volume: float = 1.0, at: float | None = None) -> None:  # noqa: ARG002 - plays at once
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

    def latency(self) -> float:
        return 0.0  # the speaker hands cues over on their moment, as before

    def _check(self, effect: QSoundEffect) -> None:
        if effect.status() is QSoundEffect.Status.Error and not self._problem:
            self._problem = f"Cues could not be played ({Path(effect.source().toLocalFile()).name}); " + (
                "they are shown on screen only."
            )
            self.stop()
