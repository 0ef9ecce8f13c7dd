"""Turning a cue text into a WAV file: espeak-ng (Linux default), ``say`` (macOS default), pyttsx3 (Windows default,
and anywhere as a fallback), and generated tones.

Why render to files at all: pyttsx3's own ``say()`` cannot be interrupted, plays through ``aplay`` in a shell on
Linux and speaks only the last of several queued texts (see ../shared/research/technical.md §1). A WAV file played by
the player (hipcoach.speech.player) starts in ~20 ms and stops at once, so every engine here only *writes files*, on
one worker thread (hipcoach.speech.render_worker), and never plays anything.

Nothing here imports Qt: renderers are plain objects used from the worker thread.
"""

from __future__ import annotations

import array
import math
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

RENDER_TIMEOUT = 2.0  # seconds; a render that takes longer counts as a broken engine (the rule)
DEFAULT_VOLUME = 1.0


class RenderError(Exception):
    """A render failed. ``hint`` tells the user what to install or change (shown once)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Voice:
    id: str  # what render() takes, e.g. "gmw/en-us"
    name: str  # for people, e.g. "English (America)"
    language: str  # e.g. "en-us"


class Renderer(Protocol):
    """Writes one cue to a WAV file. Called from one worker thread only (the one that created the engine)."""

    @property
    def name(self) -> str:
        """Part of the cache key: one engine must never serve another's files."""

    @property
    def install_hint(self) -> str:
        """What the user should install when this renderer is unavailable."""

    def render(self, text: str, voice: str, rate: int, volume: float, out_path: Path) -> None: ...

    def voices(self) -> list[Voice]: ...


def child_env() -> dict[str, str]:
    """The environment for a helper process.

    A PyInstaller bundle sets LD_LIBRARY_PATH to its own folder and keeps the user's value in LD_LIBRARY_PATH_ORIG;
    espeak-ng must not load the bundle's libraries, so the original is put back (or the variable removed).
    """
    env = dict(os.environ)
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        env["LD_LIBRARY_PATH"] = original
    elif getattr(sys, "frozen", False):
        env.pop("LD_LIBRARY_PATH", None)
    return env


def run_helper(
    program: str, args: list[str], *, timeout: float, hint: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run a speech program found on PATH with an argument list and no shell. A missing program, a hang (killed
    after ``timeout``) and a failure are each a RenderError whose hint says what to install."""
    executable = shutil.which(program)
    if executable is None:
        raise RenderError(f"{program} was not found", hint)
    try:
        result = subprocess.run(
            [executable, *args],
            env=child_env(),
            capture_output=True,
            timeout=timeout,
            check=False,
            input=stdin if stdin is not None else b"",
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"{program} took more than {timeout:g} s", hint) from exc
    except OSError as exc:
        raise RenderError(f"{program} could not be started: {exc}", hint) from exc
    if result.returncode != 0:
        error = result.stderr.decode(errors="replace").strip() or f"exit status {result.returncode}"
        raise RenderError(f"{program} failed: {error}", hint)
    return result


def _helper_output(program: str, args: list[str], timeout: float) -> str:
    """A listing from a speech program (its voices), or "" when it cannot give one."""
    try:
        return run_helper(program, args, timeout=timeout, hint="").stdout.decode(errors="replace")
    except RenderError:
        return ""


# --- espeak-ng, called directly -----------------------------------------------------------------------------------


class EspeakRenderer:
    """``espeak-ng -w`` in a child process, with an argument list and no shell.

    Chosen as the Linux default (docs/speech.md has the numbers): no global state, no ``aplay``, a hang can be
    killed by the timeout, and a missing program is a clear FileNotFoundError.
    """

    name = "espeak-ng"
    install_hint = "Install espeak-ng (on Debian or Ubuntu: sudo apt install espeak-ng) to hear spoken cues."

    def __init__(self, program: str = "espeak-ng", timeout: float = RENDER_TIMEOUT) -> None:
        self.program = program
        self.timeout = timeout

    def render(self, text: str, voice: str, rate: int, volume: float, out_path: Path) -> None:
        args = ["-v", voice] if voice else []
        amplitude = round(max(0.0, min(volume, 2.0)) * 100)  # espeak: 0..200, 100 is normal
        args += ["-s", str(int(rate)), "-a", str(amplitude), "-w", str(out_path), "--", text]
        run_helper(self.program, args, timeout=self.timeout, hint=self.install_hint)

    def voices(self) -> list[Voice]:
        """Installed voices, from ``espeak-ng --voices`` (mbrola voices are left out: they need extra packages)."""
        return parse_espeak_voices(_helper_output(self.program, ["--voices"], self.timeout))


def parse_espeak_voices(listing: str) -> list[Voice]:
    """Rows look like `` 2  en-gb  --/M  English_(Great_Britain)  gmw/en  (en 2)``."""
    voices: list[Voice] = []
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 5 or fields[4].startswith("mb/"):
            continue
        language, name, identifier = fields[1], fields[3].replace("_", " "), fields[4]
        voices.append(Voice(id=identifier.lower(), name=name, language=language))
    return voices


# --- say, on macOS --------------------------------------------------------------------------------------------------

SAY_WAV_FORMAT = "LEI16@22050"  # 16-bit little-endian at 22.05 kHz: what the player and our cache expect


class SayRenderer:
    """macOS's ``say`` in a child process, asked for a WAV file.

    pyttsx3's macOS driver writes AIFF, which the cache rejects, and runs an NSRunLoop that can end a Qt app
    (../shared/research/technical.md §1.5), so on macOS the system's own command renders instead. The text goes in
    on standard input, so a text that starts with "-" is never read as an option; the volume is an embedded
    ``[[volm]]`` command, as ``say`` has no volume option.
    """

    name = "say"
    install_hint = "Spoken cues on macOS use its say command (/usr/bin/say), which could not be run."

    def __init__(self, program: str = "say", timeout: float = RENDER_TIMEOUT) -> None:
        self.program = program
        self.timeout = timeout

    def render(self, text: str, voice: str, rate: int, volume: float, out_path: Path) -> None:
        args = ["-o", str(out_path), "--file-format=WAVE", f"--data-format={SAY_WAV_FORMAT}", "-r", str(int(rate))]
        if voice:
            args += ["-v", voice]
        spoken = f"[[volm {max(0.0, min(volume, 1.0)):.2f}]] {text}"
        run_helper(
            self.program, [*args, "-f", "-"], timeout=self.timeout, hint=self.install_hint, stdin=spoken.encode()
        )
        if not _has_audio(out_path):
            raise RenderError(f"{self.program} wrote no audio", self.install_hint)

    def voices(self) -> list[Voice]:
        return parse_say_voices(_helper_output(self.program, ["-v", "?"], self.timeout))


_SAY_VOICE = re.compile(r"^(?P<name>\S.*?)\s+(?P<language>[a-z]{2,3}(?:[_-][A-Za-z0-9]+)*)\s+#")


def parse_say_voices(listing: str) -> list[Voice]:
    """Rows look like ``Samantha            en_US    # Hello! My name is Samantha.`` (a name may hold spaces)."""
    voices: list[Voice] = []
    for line in listing.splitlines():
        match = _SAY_VOICE.match(line)
        if match is not None:
            name = match["name"].strip()
            voices.append(Voice(id=name, name=name, language=match["language"].replace("_", "-").lower()))
    return voices


# --- pyttsx3 --------------------------------------------------------------------------------------------------------


class Pyttsx3Renderer:
    """pyttsx3 used as a file renderer only.

    The engine is created lazily by the first render, on the calling thread, and every later call must come from
    that same thread: pyttsx3 hands one cached engine to every thread and has no locks. ``save_to_file`` +
    ``runAndWait`` returns before the espeak driver has written the file, so we also wait for its
    ``finished-utterance`` callback (which comes on espeak's own thread, after the file is written).
    """

    name = "pyttsx3"

    def __init__(self, driver: str | None = None, timeout: float = RENDER_TIMEOUT) -> None:
        self.driver = driver
        self.timeout = timeout
        self._engine: Any = None
        self._thread: int | None = None
        self._finished = threading.Event()
        self._com_ready = False

    @property
    def install_hint(self) -> str:
        if sys.platform.startswith("linux"):
            return "Install espeak-ng (on Debian or Ubuntu: sudo apt install espeak-ng) to hear spoken cues."
        return "Reinstall hipcoach with its pyttsx3 dependency to hear spoken cues."

    def _ensure_engine(self) -> Any:
        current = threading.get_ident()
        if self._thread is not None and self._thread != current:
            raise RuntimeError("a Pyttsx3Renderer must be used from the thread that first used it")
        if self._engine is not None:
            return self._engine
        self._thread = current
        if sys.platform == "win32" and not self._com_ready:
            try:
                import pythoncom  # noqa: PLC0415 - only on Windows, and only on this thread

                pythoncom.CoInitialize()
                self._com_ready = True
            except ImportError:
                pass
        try:
            import pyttsx3  # noqa: PLC0415 - importing loads the native engine; keep it off the GUI thread

            engine = pyttsx3.init(self.driver) if self.driver else pyttsx3.init()
        except Exception as exc:  # any failure to load the engine means "no speech engine"
            raise RenderError(f"pyttsx3 could not start: {exc}", self.install_hint) from exc
        engine.connect("finished-utterance", self._on_finished)
        self._engine = engine
        return engine

    def _on_finished(self, name: object = None, completed: bool = True) -> None:  # noqa: ARG002
        self._finished.set()

    def render(self, text: str, voice: str, rate: int, volume: float, out_path: Path) -> None:
        engine = self._ensure_engine()
        try:
            if voice:
                engine.setProperty("voice", voice)
            engine.setProperty("rate", int(rate))
            engine.setProperty("volume", max(0.0, min(volume, 1.0)))
            self._finished.clear()
            engine.save_to_file(text, str(out_path))
            engine.runAndWait()
        except Exception as exc:  # the driver raises anything; all of it means "render failed"
            raise RenderError(f"pyttsx3 failed: {exc}", self.install_hint) from exc
        deadline = time.monotonic() + self.timeout
        if not self._finished.wait(self.timeout):
            raise RenderError(f"pyttsx3 took more than {self.timeout:g} s", self.install_hint)
        # A stale finished-utterance from the previous text can arrive first (measured: ~1 in 100 renders),
        # so the file itself is the proof: wait, within the same time limit, until it holds audio.
        while not _has_audio(out_path):
            if time.monotonic() >= deadline:
                raise RenderError(f"pyttsx3 wrote no audio within {self.timeout:g} s", self.install_hint)
            time.sleep(0.005)

    def voices(self) -> list[Voice]:
        try:
            engine = self._ensure_engine()
            found = engine.getProperty("voices")
        except Exception:  # no engine, no voices
            return []
        result: list[Voice] = []
        for item in found or ():
            languages = getattr(item, "languages", None) or [""]
            language = languages[0]
            if isinstance(language, bytes):
                language = language.decode(errors="replace")
            result.append(Voice(id=str(item.id), name=str(item.name), language=str(language)))
        return result


def _has_audio(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() > 0
    except (OSError, wave.Error, EOFError):
        return False


def default_renderer() -> Renderer:
    """espeak-ng directly on Linux (faster and more robust, see docs/speech.md), ``say`` on macOS, pyttsx3 (SAPI 5)
    on Windows."""
    if sys.platform.startswith("linux"):
        return EspeakRenderer()
    if sys.platform == "darwin":
        return SayRenderer()
    return Pyttsx3Renderer()


# --- tones ------------------------------------------------------------------------------------------------------------


class Tone:
    """The generated earcons that replace speech when a cue has no rendered voice."""

    TICK = "tick"  # a beat: rep counts, "hold", "down"
    PIP = "pip"  # a countdown second
    CHIME = "chime"  # a transition: a new phase, a side switch, the end

    ALL = (TICK, PIP, CHIME)


TONE_RATE = 22050

# (frequency Hz, seconds) segments; the chime rises so it reads as "something new".
_TONE_SHAPES: dict[str, tuple[tuple[float, float], ...]] = {
    Tone.TICK: ((1200.0, 0.06),),
    Tone.PIP: ((880.0, 0.12),),
    Tone.CHIME: ((660.0, 0.14), (990.0, 0.22)),
}


def write_tone(kind: str, out_path: Path, volume: float = 0.6) -> None:
    """Write a short sine earcon with soft edges (no clicks) as a mono 16-bit WAV."""
    samples = array.array("h")
    fade = int(0.005 * TONE_RATE)
    for frequency, seconds in _TONE_SHAPES[kind]:
        count = int(seconds * TONE_RATE)
        for i in range(count):
            envelope = min(1.0, i / fade, (count - 1 - i) / fade)
            value = volume * envelope * math.sin(2 * math.pi * frequency * i / TONE_RATE)
            samples.append(int(32767 * value))
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(out_path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(TONE_RATE)
        out.writeframes(samples.tobytes())


def tone_seconds(kind: str) -> float:
    return sum(seconds for _, seconds in _TONE_SHAPES[kind])
