"""Rendered cues on disk, keyed by everything that changes the sound.

Why a cache: a routine says the same few dozen texts every session, and espeak-ng needs ~40 ms per text while a
session's first cue may come after only a second. With a warm cache the speaker just loads files.

Files are written as ``*.part`` and only renamed into place once ``wave`` can read them and their length is
plausible, so a crash mid-render or a half-written file from a broken engine is never served.
"""

from __future__ import annotations

import contextlib
import os
import wave
from dataclasses import dataclass
from pathlib import Path

from hipcoach.core import paths
from hipcoach.core.digest import sha256_hex
from hipcoach.core.verbosity import SPEECH_RATE
from hipcoach.speech.renderers import DEFAULT_VOLUME

CACHE_VERSION = "1"  # bump when the rendering pipeline changes in a way the key does not capture
MIN_SECONDS = 0.05
MAX_SECONDS = 30.0


@dataclass(frozen=True)
class VoiceSettings:
    """What the renderer is asked for; with the text and the engine name it is the cache key."""

    voice: str = ""  # "" = the engine's default voice
    rate: int = SPEECH_RATE  # words per minute
    volume: float = DEFAULT_VOLUME  # 0..1


def cache_key(renderer: str, settings: VoiceSettings, text: str) -> str:
    parts = (renderer, settings.voice, str(int(settings.rate)), f"{settings.volume:.3f}", text, CACHE_VERSION)
    return sha256_hex("|".join(parts).encode("utf-8"))


def speech_cache_dir() -> Path:
    return paths.cache_dir() / "speech"


def wav_seconds(path: Path) -> float:
    """Length of a WAV file in seconds; raises (OSError, wave.Error, EOFError) when it is not a readable WAV."""
    with wave.open(str(path), "rb") as wav:
        frames, rate = wav.getnframes(), wav.getframerate()
    if frames <= 0 or rate <= 0:
        raise wave.Error(f"{path.name}: no audio")
    return frames / rate


def valid_seconds(path: Path) -> float | None:
    """Length of a plausible cue file, or None (missing, unreadable, empty or absurdly long)."""
    try:
        seconds = wav_seconds(path)
    except (OSError, wave.Error, EOFError):
        return None
    return seconds if MIN_SECONDS <= seconds <= MAX_SECONDS else None


class SpeechCache:
    """The folder of rendered cues. Used from the render worker thread only (the GUI thread just gets paths)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else speech_cache_dir()

    def path_for(self, key: str) -> Path:
        return self.directory / f"{key}.wav"

    def lookup(self, key: str) -> tuple[Path, float] | None:
        path = self.path_for(key)
        seconds = valid_seconds(path)
        return (path, seconds) if seconds is not None else None

    def part_path(self, key: str) -> Path:
        """Where a renderer should write; ``commit`` moves it into place. Unique per process and thread."""
        paths.ensure_private_dir(self.directory)  # 0700, like every folder of ours
        return self.directory / f"{key}.{os.getpid()}.part"

    def clear(self) -> list[Path]:
        """ "Delete all my data": every file in the folder (cues, tones, unfinished renders) and the folder itself.
        Returns the files removed; one that cannot be removed is left and the rest still go."""
        removed: list[Path] = []
        if not self.directory.is_dir():
            return removed
        for item in sorted(self.directory.rglob("*"), reverse=True):  # files before the folders holding them
            with contextlib.suppress(OSError):
                if item.is_dir() and not item.is_symlink():
                    item.rmdir()
                else:
                    item.unlink()
                    removed.append(item)
        with contextlib.suppress(OSError):
            self.directory.rmdir()
        return removed

    def commit(self, key: str, part: Path) -> tuple[Path, float]:
        """Validate a freshly written file and move it into place; raises ValueError when it is not usable."""
        seconds = valid_seconds(part)
        if seconds is None:
            with contextlib.suppress(OSError):
                part.unlink()
            raise ValueError("the engine wrote no usable audio")
        final = self.path_for(key)
        os.chmod(part, 0o600)  # the engines write with the umask's mode; every file of ours is the user's only
        os.replace(part, final)
        return final, seconds
