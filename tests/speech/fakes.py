"""Test doubles for the speech package: a renderer that writes silent WAVs (or raises, or hangs) and a player
that records what it was asked to do."""

from __future__ import annotations

import threading
import wave
from pathlib import Path

from hipcoach.speech.renderers import Voice

FAKE_SECONDS_PER_CHAR = 0.02


class FakeRenderer:
    """Writes a silent mono WAV whose length grows with the text; counts renders; can raise or hang."""

    name = "fake"
    install_hint = "Install the fake engine."

    def __init__(self, *, fail: bool = False, hang: threading.Event | None = None) -> None:
        self.fail = fail
        self.hang = hang  # render blocks until this is set, then writes the file
        self.rendered: list[str] = []
        self.threads: set[int] = set()

    def render(self, text: str, voice: str, rate: int, volume: float, out_path: Path) -> None:  # noqa: ARG002
        self.threads.add(threading.get_ident())
        if self.hang is not None:
            self.hang.wait()
        if self.fail:
            raise RuntimeError("the fake engine broke")
        frames = int(8000 * (0.1 + FAKE_SECONDS_PER_CHAR * len(text)))
        with wave.open(str(out_path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(8000)
            out.writeframes(b"\0\0" * frames)
        self.rendered.append(text)

    def voices(self) -> list[Voice]:
        return [Voice("fake/en", "Fake English", "en")]


class FakePlayer:
    def __init__(self, *, available: bool = True) -> None:
        self._available = available
        self.plays: list[tuple[Path, float]] = []
        self.moments: list[float | None] = []  # the ``at`` of each play
        self.latency_seconds = 0.0
        self.stops = 0
        self.preloaded: list[Path] = []
        self.closed = False

    def available(self) -> bool:
        return self._available

    @property
    def problem(self) -> str:
        return "" if self._available else "No audio output was found."

    def preload(self, path: Path) -> None:
        self.preloaded.append(path)

    def play(self, path: Path, volume: float = 1.0, at: float | None = None) -> None:
        self.stops += 1  # one channel: a play replaces what was playing
        self.plays.append((path, volume))
        self.moments.append(at)

    def stop(self) -> None:
        self.stops += 1

    def close(self) -> None:
        self.closed = True

    def latency(self) -> float:
        return self.latency_seconds
