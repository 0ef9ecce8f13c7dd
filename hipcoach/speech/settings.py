"""The user's speech settings and where they are kept (config_dir()/speech.json).

Qt-free, so the settings dialog, the speaker and the tests share one definition. The file is read and written by
hipcoach.core.settings_file, with the same policy as the app's settings: a broken or foreign file gives the defaults
with one warning, a bad key takes its default with a warning naming the file and the key, the other keys keep their
values, and a rate or volume out of range is clamped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.settings_file import Field, SettingsFile, choice, flag, number, text, whole
from hipcoach.core.verbosity import SPEECH_RATE, Verbosity
from hipcoach.speech.cache import VoiceSettings
from hipcoach.speech.renderers import DEFAULT_VOLUME

MIN_RATE, MAX_RATE = 80, 300


@dataclass(frozen=True)
class SpeechSettings:
    voice: str = ""  # the engine's default
    rate: int = SPEECH_RATE  # words per minute
    volume: float = DEFAULT_VOLUME  # 0..1
    verbosity: Verbosity = Verbosity.STANDARD
    muted: bool = False
    tones: bool = True  # play an earcon when a cue has no voice (not rendered yet, or no engine)
    # tell a screen reader what happens (a new exercise, a side switch, a rest, pause, the end): with ``muted`` the
    # user chooses who speaks, our voice, the screen reader, or both (docs/accessibility.md)
    announce: bool = True

    @property
    def voice_settings(self) -> VoiceSettings:
        return VoiceSettings(voice=self.voice, rate=self.rate, volume=round(self.volume, 3))

    def clamped(self) -> SpeechSettings:
        return replace(
            self,
            rate=max(MIN_RATE, min(int(self.rate), MAX_RATE)),
            volume=max(0.0, min(float(self.volume), 1.0)),
        )


SPEECH_SETTINGS: Final = SettingsFile(
    SpeechSettings,
    [
        Field("voice", "", text),
        Field("rate", SPEECH_RATE, whole(MIN_RATE, MAX_RATE, unit=" of words per minute")),
        Field("volume", DEFAULT_VOLUME, number(0.0, 1.0)),
        Field("verbosity", Verbosity.STANDARD, choice(Verbosity)),
        Field("muted", False, flag),
        Field("tones", True, flag),
        Field("announce", True, flag),
    ],
)


def settings_path() -> Path:
    return paths.config_dir() / paths.SPEECH_SETTINGS_FILE


def load_settings(path: Path | None = None) -> SpeechSettings:
    """The settings to use; problems are dropped silently (use :func:`load_settings_with_warnings` to show them)."""
    return load_settings_with_warnings(path)[0]


def load_settings_with_warnings(path: Path | None = None) -> tuple[SpeechSettings, list[str]]:
    """Read the file, never raising: each problem becomes a message naming the file and the key."""
    return SPEECH_SETTINGS.load(path if path is not None else settings_path())


def save_settings(settings: SpeechSettings, path: Path | None = None) -> None:
    """Write atomically (temporary file + os.replace), so a crash never leaves half a file."""
    SPEECH_SETTINGS.save(path if path is not None else settings_path(), settings)
