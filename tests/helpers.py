"""Test harness: external tools, a virtual X display, a private PulseAudio server, WAV measurements.

The fixtures in ``tests/conftest.py`` wrap these; they are plain functions and classes so an end-to-end test can also
use them directly. Nothing here sleeps to make a test pass: every wait polls a condition against a deadline.
"""

from __future__ import annotations

import array
import contextlib
import itertools
import math
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# The Debian package that provides each tool the tests run (all listed in packaging/debian-packages.txt).
TOOL_PACKAGES = {
    "Xvfb": "xvfb",
    "xauth": "xauth",
    "xdpyinfo": "x11-utils",
    "xwininfo": "x11-utils",
    "xdotool": "xdotool",
    "desktop-file-validate": "desktop-file-utils",
    "appstreamcli": "appstream",
    "objdump": "binutils",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pulseaudio": "pulseaudio",
    "pactl": "pulseaudio-utils",
    "paplay": "pulseaudio-utils",
    "parec": "pulseaudio-utils",
    "sox": "sox",
    "espeak-ng": "espeak-ng",
    "import": "imagemagick",
    "convert": "imagemagick",
    "compare": "imagemagick",
}


def require_tool(name: str) -> str:
    """Path of the executable ``name``. Missing: the test fails under CI (CI=true) and is skipped elsewhere."""
    path = shutil.which(name)
    if path is not None:
        return path
    package = TOOL_PACKAGES.get(name, name)
    message = f"{name} not found: apt-get install {package}  (or run ./.ci/setup as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def put_first_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path, name: str, script: str) -> Path:
    """Write ``script`` as the program ``name`` in ``folder`` and put that folder first on PATH: a stand-in for a
    system program this machine does not have (macOS's say or caffeinate)."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(script, encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return program


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.02, what: str = "") -> None:
    """Poll ``condition`` until it holds; raise TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:g} s waiting for {what or condition!r}")
        time.sleep(interval)


def artifacts_dir() -> Path:
    """Where tests keep files for a person to look at (screenshots, recordings). ``.ci/test`` sets the variable."""
    path = Path(os.environ.get("HIPCOACH_ARTIFACTS_DIR") or REPO_ROOT / "artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stop_process(proc: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


def _log_tail(path: Path, limit: int = 3000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return ""


# --- Xvfb ---------------------------------------------------------------------------------------------------------


@dataclass
class XvfbServer:
    display: str  # ":N"
    process: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        _stop_process(self.process)


def start_xvfb(
    log_dir: Path, *, width: int = 1280, height: int = 800, depth: int = 24, timeout: float = 30
) -> XvfbServer:
    """Start Xvfb on a free display; it writes the display number to a pipe (``-displayfd``) once it accepts clients."""
    exe = require_tool("Xvfb")
    log_path = log_dir / "xvfb.log"
    read_fd, write_fd = os.pipe()
    try:
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [
                    exe,
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    f"{width}x{height}x{depth}",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ],
                pass_fds=(write_fd,),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        os.close(write_fd)
        write_fd = -1
        number = b""
        deadline = time.monotonic() + timeout
        while not number.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                _stop_process(proc)
                raise TimeoutError(f"Xvfb did not report a display within {timeout:g} s:\n{_log_tail(log_path)}")
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if ready:
                chunk = os.read(read_fd, 64)
                if not chunk:  # Xvfb exited before it was ready
                    _stop_process(proc)
                    raise RuntimeError(f"Xvfb exited with {proc.poll()}:\n{_log_tail(log_path)}")
                number += chunk
    finally:
        os.close(read_fd)
        if write_fd >= 0:
            os.close(write_fd)
    return XvfbServer(display=f":{int(number)}", process=proc, log_path=log_path)


def x11_env(display: str, **extra: str) -> dict[str, str]:
    """Environment for a Qt child process that opens real windows on ``display`` (from ``xvfb_display``).

    The session bus is disabled: otherwise libdbus autolaunches a dbus-daemon for the display and leaves files in
    ~/.dbus. Debian 12's libdbus rejects the address "disabled:", so nothing connects and nothing is autolaunched.
    Qt works without a session bus (no portals, no accessibility bus) and says nothing about it.
    """
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "DBUS_SESSION_BUS_ADDRESS": "disabled:"}
    env.pop("WAYLAND_DISPLAY", None)
    return {**env, **extra}


# --- PulseAudio ---------------------------------------------------------------------------------------------------

SAMPLE_RATE = 44100
CHANNELS = 2


@dataclass
class Recording:
    """A WAV file being written by ``parec`` from the null sink's monitor (16-bit, SAMPLE_RATE, CHANNELS)."""

    path: Path
    process: subprocess.Popen[bytes]
    started: float = field(default_factory=time.monotonic)

    def recorded_seconds(self) -> float:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return 0.0
        return max(0, size - 44) / (SAMPLE_RATE * CHANNELS * 2)


@dataclass
class PulseServer:
    """A private PulseAudio daemon whose default (and only) sink is a null sink named ``null``.

    ``env`` holds the variables a child process needs to play into it; ``record()`` captures what was played.
    """

    runtime_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    sink: str = "null"

    @property
    def socket(self) -> Path:
        return self.runtime_dir / "pulse" / "native"

    @property
    def env(self) -> dict[str, str]:
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "PULSE_RUNTIME_PATH": str(self.runtime_dir / "pulse"),
            # Otherwise every client creates ~/.config/pulse/cookie in the real home (auth is anonymous anyway).
            "PULSE_COOKIE": str(self.runtime_dir / "cookie"),
        }

    def child_env(self, **extra: str) -> dict[str, str]:
        """os.environ plus ``env`` plus ``extra``: pass as ``env=`` to subprocess."""
        return {**os.environ, **self.env, **extra}

    def pactl(self, *args: str, timeout: float = 10) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [require_tool("pactl"), *args],
            env=self.child_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def play(self, wav: Path, timeout: float = 30) -> None:
        """Play ``wav`` into the sink with paplay; returns once it has been played out."""
        subprocess.run(
            [require_tool("paplay"), str(wav)],
            env=self.child_env(),
            timeout=timeout,
            check=True,
            capture_output=True,
        )

    @contextlib.contextmanager
    def record(self, path: Path, *, timeout: float = 15) -> Iterator[Recording]:
        """Record the sink's monitor into the WAV file ``path`` while the block runs.

        On entry waits until audio is flowing into the file; on exit waits until the file holds everything played
        up to then (within parec's 20 ms latency), then stops parec with SIGINT so it writes a complete header.
        """
        proc = subprocess.Popen(
            [
                require_tool("parec"),
                "--device",
                f"{self.sink}.monitor",
                "--latency-msec=20",
                "--format=s16le",
                f"--rate={SAMPLE_RATE}",
                f"--channels={CHANNELS}",
                "--file-format=wav",
                str(path),
            ],
            env=self.child_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        recording = Recording(path=path, process=proc)
        try:
            wait_until(
                lambda: proc.poll() is not None or recording.recorded_seconds() > 0.01,
                timeout=timeout,
                what="parec to start recording",
            )
            if proc.poll() is not None:
                error = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"parec exited with {proc.returncode}: {error}")
            recording.started = time.monotonic() - recording.recorded_seconds()
            yield recording
            played_until = time.monotonic() - recording.started - 0.05
            wait_until(
                lambda: proc.poll() is not None or recording.recorded_seconds() >= played_until,
                timeout=timeout,
                what="the recording to catch up",
            )
        finally:
            _stop_process(proc, sig=signal.SIGINT)
            if proc.stderr:
                proc.stderr.close()

    def stop(self) -> None:
        _stop_process(self.process)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


def start_pulseaudio(*, timeout: float = 30) -> PulseServer:
    """Start a private PulseAudio daemon (foreground child, no autospawn, no system config) with a null sink.

    Everything it writes (socket, pid file, cookie, state) stays in a fresh 0700 directory that it gets as
    XDG_RUNTIME_DIR, PULSE_RUNTIME_PATH and HOME. As root, pulseaudio only warns ("not intended to be run as root");
    anonymous auth lets clients with another HOME (another cookie) connect.
    """
    exe = require_tool("pulseaudio")
    require_tool("pactl")
    runtime_dir = Path(tempfile.mkdtemp(prefix="hipcoach-pulse-"))  # mode 0700
    (runtime_dir / "pulse").mkdir(mode=0o700)
    (runtime_dir / "home").mkdir(mode=0o700)
    socket = runtime_dir / "pulse" / "native"
    log_path = runtime_dir / "pulseaudio.log"
    daemon_env = {
        **os.environ,
        "HOME": str(runtime_dir / "home"),
        "XDG_CONFIG_HOME": str(runtime_dir / "home" / ".config"),
        "XDG_RUNTIME_DIR": str(runtime_dir),
        "PULSE_RUNTIME_PATH": str(runtime_dir / "pulse"),
        "PULSE_STATE_PATH": str(runtime_dir / "state"),
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",  # no D-Bus autolaunch (see x11_env); pulseaudio only warns
    }
    daemon_env.pop("PULSE_SERVER", None)
    daemon_env.pop("DISPLAY", None)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                exe,
                "--daemonize=no",
                "-n",
                "--system=false",
                "--exit-idle-time=-1",
                "--disallow-exit",
                "--realtime=no",
                "--high-priority=no",
                "--no-cpu-limit",
                "--log-target=stderr",
                "--load=module-null-sink sink_name=null sink_properties=device.description=hipcoach-test-null",
                f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            ],
            env=daemon_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = PulseServer(runtime_dir=runtime_dir, process=proc, log_path=log_path)
    try:
        wait_until(
            lambda: proc.poll() is not None or (socket.exists() and server.pactl("info", timeout=5).returncode == 0),
            timeout=timeout,
            interval=0.05,
            what="pulseaudio to answer 'pactl info'",
        )
        if proc.poll() is not None:
            raise RuntimeError(f"pulseaudio exited with {proc.returncode}:\n{_log_tail(log_path)}")
        result = server.pactl("set-default-sink", server.sink)
        if result.returncode != 0:
            raise RuntimeError(f"pactl set-default-sink failed: {result.stderr}")
    except BaseException:
        log_text = _log_tail(log_path)
        server.stop()
        if log_text:
            print(f"pulseaudio log:\n{log_text}", file=sys.stderr)
        raise
    return server


# --- WAV files ----------------------------------------------------------------------------------------------------


def write_tone(
    path: Path, *, frequency: float = 440.0, seconds: float = 0.5, amplitude: float = 0.5, rate: int = SAMPLE_RATE
) -> Path:
    """A mono 16-bit sine tone."""
    frames = array.array(
        "h", (int(amplitude * 32767 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(int(seconds * rate)))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return path


@dataclass(frozen=True)
class WavStats:
    seconds: float  # total length
    peak: float  # 0..1 of full scale
    rms: float  # whole file, 0..1
    sound_seconds: float  # time in 10 ms windows whose RMS is above the threshold
    frequency: float  # rough dominant frequency of the loud part (zero crossings of the first channel), Hz


def wav_stats(path: Path, *, threshold: float = 0.01) -> WavStats:
    """Measure a 16-bit PCM WAV file (what ``PulseServer.record`` writes)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit samples, got {8 * wav.getsampwidth()}-bit")
        channels, rate, n = wav.getnchannels(), wav.getframerate(), wav.getnframes()
        samples = array.array("h", wav.readframes(n))
    if sys.byteorder == "big":
        samples.byteswap()
    mono = samples[::channels]
    if not mono:
        return WavStats(0.0, 0.0, 0.0, 0.0, 0.0)
    scale = 32768.0
    peak = max(abs(s) for s in samples) / scale
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / scale
    window = max(1, rate // 100)
    loud_windows = 0
    crossings = 0
    for start in range(0, len(mono), window):
        chunk = mono[start : start + window]
        if math.sqrt(sum(s * s for s in chunk) / len(chunk)) / scale > threshold:
            loud_windows += 1
            crossings += sum(1 for a, b in itertools.pairwise(chunk) if (a < 0) != (b < 0))
    sound_seconds = loud_windows * window / rate
    frequency = crossings / 2 / sound_seconds if sound_seconds else 0.0
    return WavStats(len(mono) / rate, peak, rms, sound_seconds, frequency)
