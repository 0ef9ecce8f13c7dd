"""A private PulseAudio server with a null sink, to play into and record from without touching the machine's sound.
``pulse_null_sink`` in tests/conftest.py wraps it; every wait polls a condition against a deadline."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.tools import log_tail, require_tool, stop_process, wait_until

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
            stop_process(proc, sig=signal.SIGINT)
            if proc.stderr:
                proc.stderr.close()

    def stop(self) -> None:
        stop_process(self.process)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def kill(self) -> None:
        """End the daemon at once (as a crash or ``systemctl --user restart`` would), keeping its folder."""
        self.process.kill()
        self.process.wait(timeout=10)
        self.socket.unlink(missing_ok=True)

    def underruns(self) -> int:
        """Times a playback stream ran dry so far (the server must have been started with ``log_level="debug"``).
        On this null sink each one also adds the rewound few milliseconds to the recording, so a recorded cue heard
        late after many underruns is the underruns' doing, not the player's start."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return text.count("Implicit underrun of")

    def restart(self) -> None:
        """A new daemon on the same socket: clients must reconnect, as after the user's sound server restarted."""
        if self.process.poll() is None:
            self.kill()
        self.process = launch_pulseaudio(self.runtime_dir).process


def start_pulseaudio(*, timeout: float = 30, log_level: str = "") -> PulseServer:
    """Start a private PulseAudio daemon (foreground child, no autospawn, no system config) with a null sink.

    Everything it writes (socket, pid file, cookie, state) stays in a fresh 0700 directory that it gets as
    XDG_RUNTIME_DIR, PULSE_RUNTIME_PATH and HOME. As root, pulseaudio only warns ("not intended to be run as root");
    anonymous auth lets clients with another HOME (another cookie) connect. ``log_level="debug"`` makes its log
    name every underrun of a playback stream (``underruns``).
    """
    runtime_dir = Path(tempfile.mkdtemp(prefix="hipcoach-pulse-"))  # mode 0700
    (runtime_dir / "pulse").mkdir(mode=0o700)
    (runtime_dir / "home").mkdir(mode=0o700)
    return launch_pulseaudio(runtime_dir, timeout=timeout, log_level=log_level)


def launch_pulseaudio(runtime_dir: Path, *, timeout: float = 30, log_level: str = "") -> PulseServer:
    """The daemon of ``start_pulseaudio`` in an existing runtime folder (``PulseServer.restart`` uses it again)."""
    exe = require_tool("pulseaudio")
    require_tool("pactl")
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
                *([f"--log-level={log_level}"] if log_level else []),
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
            raise RuntimeError(f"pulseaudio exited with {proc.returncode}:\n{log_tail(log_path)}")
        result = server.pactl("set-default-sink", server.sink)
        if result.returncode != 0:
            raise RuntimeError(f"pactl set-default-sink failed: {result.stderr}")
    except BaseException:
        log_text = log_tail(log_path)
        server.stop()
        if log_text:
            print(f"pulseaudio log:\n{log_text}", file=sys.stderr)
        raise
    return server
