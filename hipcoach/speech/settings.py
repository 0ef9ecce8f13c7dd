"""The user's speech settings and where they are kept (config_dir()/speech.json).

Qt-free, so the settings dialog, the speaker and the tests share one definition. A broken or foreign file is
ignored (defaults are used) rather than stopping the app: speech settings are easy to set again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from hipcoach.core import paths, safe_read
from hipcoach.core.files import write_atomic
from hipcoach.core.verbosity import Verbosity
from hipcoach.speech.cache import VoiceSettings
from hipcoach.speech.renderers import DEFAULT_RATE, DEFAULT_VOLUME

MIN_RATE, MAX_RATE = 80, 300
MAX_FILE_BYTES = 64 * 1024
"""The file is a few hundred bytes; a bigger one is not ours and is not worth parsing."""


@dataclass(frozen=True)
class SpeechSettings:
    voice: str = ""  # the engine's default
    rate: int = DEFAULT_RATE  # words per minute
    volume: float = DEFAULT_VOLUME  # 0..1
    verbosity: Verbosity = Verbosity.STANDARD
    muted: bool = False
    tones: bool = True  # play an earcon when a cue has no voice (not rendered yet, or no engine)

    @property
    def voice_settings(self) -> VoiceSettings:
        return VoiceSettings(voice=self.voice, rate=self.rate, volume=round(self.volume, 3))

    def clamped(self) -> SpeechSettings:
        return replace(
            self,
            rate=max(MIN_RATE, min(int(self.rate), MAX_RATE)),
            volume=max(0.0, min(float(self.volume), 1.0)),
        )


def settings_path() -> Path:
    return paths.config_dir() / paths.SPEECH_SETTINGS_FILE


def load_settings(path: Path | None = None) -> SpeechSettings:
    target = path if path is not None else settings_path()
    try:
        raw = json.loads(safe_read.read_bytes(target, MAX_FILE_BYTES))
    except (OSError, ValueError, RecursionError, safe_read.UnreadableFile):
        return SpeechSettings()
    if not isinstance(raw, dict):
        return SpeechSettings()
    default = SpeechSettings()
    try:
        return SpeechSettings(
            voice=str(raw.get("voice", default.voice)),
            rate=int(raw.get("rate", default.rate)),
            volume=float(raw.get("volume", default.volume)),
            verbosity=Verbosity(raw.get("verbosity", default.verbosity)),
            muted=bool(raw.get("muted", default.muted)),
            tones=bool(raw.get("tones", default.tones)),
        ).clamped()
    except (TypeError, ValueError):
        return default


def save_settings(settings: SpeechSettings, path: Path | None = None) -> None:
    """Write atomically (temporary file + os.replace), so a crash never leaves half a file."""
    target = path if path is not None else settings_path()
    paths.ensure_private_dir(target.parent)
    write_atomic(target, json.dumps({**asdict(settings), "verbosity": settings.verbosity.value}, indent=2) + "\n")
