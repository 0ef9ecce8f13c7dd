"""The single voice channel: plays one WAV at a time through miniaudio, never on the GUI thread.

Why miniaudio (docs/speech.md, "Playback"): one small wheel per platform that talks to PulseAudio (and so PipeWire)
on Linux, WASAPI on Windows and Core Audio on macOS; Qt Multimedia needed PySide6-Addons, a third of the install.

How it stays off the window's back:

- One thread of ours ("hipcoach-audio") owns the device: it opens it once, with the first ``preload()`` (as a
  session is prepared; the idle chooser loads no audio library), starts and stops it, decodes the WAVs and reopens
  the device when it goes away. The GUI thread only drops commands into a queue and sets one attribute,
  so ``play()`` and ``stop()`` return at once even with a hung or missing sound server.
- miniaudio's own thread asks for samples every period; ``_feed`` hands it the next slice of the clip that plays,
  or nothing (silence). ``stop()`` clears that clip directly, so the next period is silent (one period, 30 ms,
  plus the server's buffer). The period is 30 ms, not less, because each one runs Python and waits for the GIL
  first: with 10 ms periods PulseAudio ran dry several times a second while the window ran Python (docs/speech.md).
- The device keeps running between cues (a new cue starts within a period) and is stopped after ``IDLE_STOP``
  seconds of silence, so the sound server may suspend the output between sessions.
- A device that stops asking for samples while it should be playing (the sound server was stopped or restarted,
  the output unplugged) is closed and opened again; until that succeeds ``available()`` is false with ``problem``
  saying so (the speaker shows it once) and the thread keeps trying every ``RETRY`` seconds.

Nothing here depends on the window: it plays the same when the window is minimised or hidden.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import enum
import queue
import sys
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


class Player(Protocol):
    """What the speaker needs from a voice channel (a fake one in unit tests)."""

    def available(self) -> bool: ...

    @property
    def problem(self) -> str: ...

    def preload(self, path: Path) -> None: ...

    def play(self, path: Path, volume: float = 1.0, at: float | None = None) -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...

    def latency(self) -> float: ...


NO_AUDIO = "No audio output was found, so cues are shown on screen only."
LOST_AUDIO = "The sound output went away, so cues are shown on screen only until it is back."

RATE = 22050  # what espeak-ng and our tones write; anything else is converted when it is decoded
PERIOD_MS = 30  # miniaudio asks for samples this often: the start and stop latency, plus the server's buffer
# (PulseAudio keeps about 0.75 of a period); 10 and 20 ms ran dry under load, 50 ms only adds latency
PERIODS = 3
SERVER_SHARE = 0.75  # of a period: what PulseAudio holds ahead of the samples it asks for (measured: docs/speech.md)
IDLE_STOP = 30.0  # seconds of silence after which the device is stopped (opened again only when lost)
LOST_AFTER = 3.0  # seconds without a request for samples while running: the device is gone (a null sink that
# nobody records asks about once a second, so this is not much shorter)
RETRY = 2.0  # seconds between two attempts to open a lost or missing device
TICK = 0.25  # how often the audio thread looks at the device when nothing else wakes it

Samples = array.array  # signed 16-bit mono at RATE


class Device(Protocol):
    """The part of miniaudio.PlaybackDevice used here (a test may pass its own opener)."""

    backend: str  # the audio system it plays through, by miniaudio's name ("PulseAudio", "ALSA", "WASAPI", ...)

    def start(self, callback_generator: Generator[Any, int, None]) -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


Opener = Callable[[str], Device]


def open_miniaudio_device(backend: str = "") -> Device:
    """Open the default output through ``backend`` ("" for the first that works: PulseAudio, which PipeWire also
    serves, then ALSA on Linux; the system's own elsewhere). Never miniaudio's "null" backend, which would swallow
    the cues without a word. The audio thread reopens a lost device through the backend it had, so a sound server
    that is down is not followed by ALSA's complaints on stderr every few seconds."""
    import miniaudio  # noqa: PLC0415 - on the audio thread, after the first paint

    if backend:
        backends: list[miniaudio.Backend] | None = [b for b in miniaudio.Backend if _name(b) == backend]
    elif sys.platform.startswith("linux"):
        backends = [miniaudio.Backend.PULSEAUDIO, miniaudio.Backend.ALSA]
    else:
        backends = None
    device: Device = miniaudio.PlaybackDevice(
        output_format=miniaudio.SampleFormat.SIGNED16,
        nchannels=1,
        sample_rate=RATE,
        buffersize_msec=PERIOD_MS,
        callback_periods=PERIODS,
        backends=backends,
        app_name="hipcoach",
    )
    return device


def _name(backend: Any) -> str:
    import miniaudio  # noqa: PLC0415

    return str(miniaudio.ffi.string(miniaudio.lib.ma_get_backend_name(backend.value)).decode())


def decode(path: Path) -> Samples:
    """The file as signed 16-bit mono samples at RATE (converted by miniaudio if it is anything else)."""
    import miniaudio  # noqa: PLC0415

    decoded = miniaudio.decode_file(str(path), miniaudio.SampleFormat.SIGNED16, 1, RATE)
    samples: Samples = decoded.samples
    return without_leading_silence(samples)


LEAD = round(0.005 * RATE)  # silence kept before the first sound: a fade-in, not a delay
QUIET = 327  # 1 % of full scale: what the recorded-audio tests call silence


def without_leading_silence(samples: Samples) -> Samples:
    """espeak-ng starts every file with 10-20 ms of silence; a cue due now should sound now, so it goes (all but
    LEAD). Only the start: pauses inside a cue and its end are the voice's."""
    first = next((index for index, sample in enumerate(samples) if abs(sample) > QUIET), 0)
    return samples[first - LEAD :] if first > LEAD else samples


def scaled(samples: Samples, volume: float) -> Samples:
    if volume >= 1.0:
        return samples
    return array.array("h", (int(s * volume) for s in samples))


@dataclass
class _Clip:
    samples: Samples
    generation: int
    position: int = 0  # below 0: that many frames of silence come first, so the clip starts on its moment
    at: float | None = None  # the monotonic moment its first sample should be heard; None: as soon as it can


class _State(enum.Enum):
    CLOSED = "closed"  # not opened yet, or lost and not reopened yet
    STOPPED = "stopped"  # open, not asking for samples
    RUNNING = "running"


class MiniaudioPlayer:
    """At most one clip plays; a new ``play()`` replaces it. Safe to call from the GUI thread only."""

    def __init__(self, opener: Opener = open_miniaudio_device, clock: Callable[[], float] = time.monotonic) -> None:
        self._open = opener
        self._clock = clock
        self._commands: queue.SimpleQueue[tuple[str, Path | None, float, int, float | None]] = queue.SimpleQueue()
        self._problem = ""
        self._generation = 0  # bumped by every play() and stop(): a queued play of an older one is dropped
        self._current: _Clip | None = None  # read by miniaudio's thread, set by ours, cleared by stop()
        self._last_feed = 0.0
        self._period = PERIOD_MS / 1000  # seconds of samples the device asks for at a time: its own once it asked
        self._clips: dict[Path, Samples] = {}  # written by the audio thread only; play() may read it
        self._device: Device | None = None
        self._backend = ""  # the one the first device opened through; a lost device is reopened through it
        self._state = _State.CLOSED
        self._idle_since = clock()
        self._next_open = 0.0
        self._wanted = False  # the device is opened with the first preload or play: none while the chooser idles
        self.opened = 0  # how many times a device was opened (tests, benchmarks)
        self._thread = threading.Thread(target=self._run, name="hipcoach-audio", daemon=True)
        self._thread.start()
        atexit.register(self.close)  # a device left running would call into an interpreter shutting down

    # -- the GUI thread's side ----------------------------------------------------------------------------------------

    @property
    def problem(self) -> str:
        return self._problem

    def available(self) -> bool:
        return not self._problem

    def preload(self, path: Path) -> None:
        self._commands.put(("preload", path, 1.0, self._generation, None))

    def play(self, path: Path, volume: float = 1.0, at: float | None = None) -> None:
        """Play ``path`` from the moment ``at`` (monotonic; None or past: at once), cutting whatever plays. A clip
        handed over ``latency()`` seconds ahead starts on its moment, not up to a period and the server's buffer
        after it."""
        self._generation += 1
        volume = max(0.0, min(volume, 1.0))
        samples = self._clips.get(path) if self._state is _State.RUNNING and volume >= 1.0 else None
        if samples is not None:
            # Decoded and the device running: hand the clip over here, not through the audio thread, whose turn for
            # the GIL can take a few milliseconds while the window or the render worker runs Python.
            self._current = _Clip(samples, self._generation, at=at)
            self._idle_since = self._clock()
            return
        self._current = None
        self._commands.put(("play", path, volume, self._generation, at))

    def stop(self) -> None:
        self._generation += 1
        self._current = None

    def latency(self) -> float:
        """Seconds ahead of its moment a clip must be handed over to start on it: up to one period until the device
        next asks for samples, and what the sound server holds ahead of them. The period is the device's own, as it
        asks (the one configured until it has)."""
        return self._period * (1 + SERVER_SHARE)

    def close(self) -> None:
        """Stop and close the device and end the audio thread (waits at most a second for it)."""
        self.stop()
        if self._thread.is_alive():
            self._commands.put(("close", None, 0.0, self._generation, None))
            self._thread.join(timeout=1.0)
        atexit.unregister(self.close)

    def playing(self) -> bool:
        """A clip is being fed to the device (benchmarks and tests wait on it)."""
        clip = self._current
        return clip is not None and clip.generation == self._generation and clip.position < len(clip.samples)

    # -- miniaudio's thread ------------------------------------------------------------------------------------------

    def _feed(self) -> Generator[bytes | memoryview, int, None]:
        frames = yield b""
        while True:
            self._last_feed = now = self._clock()
            if frames > 0:
                self._period = frames / RATE
            clip = self._current
            if clip is None or clip.generation != self._generation or clip.position >= len(clip.samples):
                frames = yield b""  # miniaudio hands the server silence
                continue
            if clip.at is not None:
                # what is asked for now is heard after what the server holds: wait the rest in silence
                clip.position = -max(0, round((clip.at - now - self._period * SERVER_SHARE) * RATE))
                clip.at = None
            start = clip.position
            clip.position = start + frames
            if start >= 0:
                frames = yield memoryview(clip.samples)[start : start + frames].cast("B")
            else:
                quiet = min(-start, frames)
                frames = yield bytes(2 * quiet) + clip.samples[: frames - quiet].tobytes()

    # -- the audio thread ----------------------------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            try:
                command, path, volume, generation, at = self._commands.get(timeout=TICK)
            except queue.Empty:
                command, path, volume, generation, at = "tick", None, 0.0, 0, None
            if command == "close":
                self._close_device()
                return
            if path is not None:
                self._wanted = True
            self._keep_device()
            if path is None:
                continue
            samples = self._load(path)
            if command == "play" and samples is not None and generation == self._generation:
                self._start(_Clip(scaled(samples, volume), generation, at=at))

    def _load(self, path: Path) -> Samples | None:
        samples = self._clips.get(path)
        if samples is None:
            try:
                samples = decode(path)
            except Exception:  # miniaudio raises its own errors; any of them means "not this file"
                return None
            self._clips[path] = samples
        return samples

    def _start(self, clip: _Clip) -> None:
        if self._state is _State.CLOSED:
            return  # lost or missing: available() already says so
        if self._state is _State.STOPPED:
            self._run_device()
        self._current = clip
        self._idle_since = self._clock()

    def _run_device(self) -> None:
        """Start the device on silence; the clip follows a period later. A stream started with sound in its very first
        samples was sometimes never asked for more by PulseAudio (3 starts in 8 in one test); started quiet, none."""
        if self._device is None:
            return
        try:
            self._last_feed = self._clock()
            self._device.start(self._feed_started())
            self._state = _State.RUNNING
        except Exception:  # a server that went away while the device was stopped
            self._lost()

    def _feed_started(self) -> Generator[bytes | memoryview, int, None]:
        feed = self._feed()
        next(feed)
        return feed

    def _keep_device(self) -> None:
        """Open the device when there is none (at once, then every RETRY s), notice when it stopped asking for
        samples, and stop it after IDLE_STOP s of silence."""
        now = self._clock()
        if self._state is _State.CLOSED:
            if self._wanted and now >= self._next_open:
                self._open_device()
            return
        if self._state is not _State.RUNNING:
            return
        if now - self._last_feed > LOST_AFTER:
            self._lost()
            return
        if self.playing():
            self._idle_since = now
        elif now - self._idle_since > IDLE_STOP and self._device is not None:
            self._device.stop()
            self._state = _State.STOPPED

    def _open_device(self) -> None:
        try:
            self._device = self._open(self._backend)
        except Exception:  # no server, no device, no library: all mean "no audio output"
            self._device = None
            self._next_open = self._clock() + RETRY
            if not self._backend and sys.platform.startswith("linux"):
                self._backend = "PulseAudio"  # a sound server may start later; ALSA said its piece once already
            if not self._problem:
                self._problem = LOST_AUDIO if self.opened else NO_AUDIO
            return
        self.opened += 1
        self._backend = self._device.backend
        self._state = _State.STOPPED
        self._problem = ""
        self._idle_since = self._clock()
        self._run_device()

    def _lost(self) -> None:
        self._current = None
        self._close_device()
        self._problem = LOST_AUDIO
        self._open_device()  # a restarted server is usually back already

    def _close_device(self) -> None:
        device, self._device = self._device, None
        self._state = _State.CLOSED
        if device is not None:
            with contextlib.suppress(Exception):  # a device that went away may fail to close; it is gone either way
                device.close()


def default_player() -> Player:
    return MiniaudioPlayer()
