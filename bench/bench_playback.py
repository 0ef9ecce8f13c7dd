"""Playback start and stop, old player against new in one run: the time from ``play()`` to the first sample in a
PulseAudio null sink, and from ``stop()`` to silence, for each player measured in turn into the same recording.

Players: ``miniaudio`` (hipcoach.speech.player, what hipcoach uses), ``qt`` (the QSoundEffect player it used before,
bench/qt_player.py; only when PySide6-Addons is installed) and ``sounddevice`` (PortAudio; only when the package
and libportaudio2 are installed: through ALSA's PulseAudio plugin on Debian 12, whose PortAudio 19.6 has no
PulseAudio backend of its own). Each runs in a child process that plays a 0.2 s tone ``--plays`` times, one a
second, then a 3 s tone that it stops after 0.5 s, printing the monotonic time of every call.

Onsets are found in the recording (10 ms frames above 1 % of full scale, tests/audio_analysis.py) and dated from
parec's file growth, within its ~20 ms latency: the same error for every player in the run, so the differences are
exact to a frame. Run: ``.venv/bin/python -m bench.bench_playback``.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD_COMMAND = [sys.executable, "-m", "bench.bench_playback"]
GAP = 1.0  # seconds between two plays: more than the analysis' merge gap, so each tone is its own segment


def child_miniaudio(tone: Path, long: Path, plays: int) -> None:
    from hipcoach.speech.player import MiniaudioPlayer  # noqa: PLC0415

    player = MiniaudioPlayer()
    player.preload(tone)
    player.preload(long)
    while player.opened == 0 and player.available():
        time.sleep(0.01)
    time.sleep(0.5)
    for _ in range(plays):
        print(f"play {time.monotonic():.6f}", flush=True)
        player.play(tone)
        time.sleep(GAP)
    player.play(long)
    time.sleep(0.5)
    print(f"stop {time.monotonic():.6f}", flush=True)
    player.stop()
    time.sleep(GAP)
    player.close()


def child_sounddevice(tone: Path, long: Path, plays: int) -> None:
    """The same design as hipcoach's player: one stream opened once, running on silence, a callback that hands it
    the clip (sounddevice's own play() needs NumPy and opens a stream per call)."""
    import array  # noqa: PLC0415
    import wave  # noqa: PLC0415

    import sounddevice  # type: ignore[import-untyped]  # noqa: PLC0415

    def samples(path: Path) -> bytes:
        with wave.open(str(path)) as wav:
            return array.array("h", wav.readframes(wav.getnframes())).tobytes()

    short, longer = samples(tone), samples(long)
    clip: list[bytes] = [b""]

    def feed(out: memoryview, frames: int, _time: object, _status: object) -> None:
        chunk, clip[0] = clip[0][: 2 * frames], clip[0][2 * frames :]
        out[: len(chunk)] = chunk
        out[len(chunk) :] = bytes(len(out) - len(chunk))

    stream = sounddevice.RawOutputStream(
        samplerate=22050, channels=1, dtype="int16", blocksize=220, latency="low", callback=feed
    )
    stream.start()
    time.sleep(0.5)
    for _ in range(plays):
        print(f"play {time.monotonic():.6f}", flush=True)
        clip[0] = short
        time.sleep(GAP)
    clip[0] = longer
    time.sleep(0.5)
    print(f"stop {time.monotonic():.6f}", flush=True)
    clip[0] = b""
    time.sleep(GAP)
    stream.close()


def child_qt(tone: Path, long: Path, plays: int) -> None:
    from PySide6.QtCore import QTimer  # noqa: PLC0415
    from PySide6.QtGui import QGuiApplication  # noqa: PLC0415

    from bench.qt_player import QtPlayer  # noqa: PLC0415

    app = QGuiApplication([])
    player = QtPlayer()
    player.preload(tone)
    player.preload(long)
    steps: list[tuple[float, str]] = [(0.5 + i * GAP, "play") for i in range(plays)]
    steps += [(0.5 + plays * GAP, "long"), (1.0 + plays * GAP, "stop"), (1.0 + (plays + 1) * GAP, "quit")]

    def do(what: str) -> None:
        if what == "play":
            print(f"play {time.monotonic():.6f}", flush=True)
            player.play(tone)
        elif what == "long":
            player.play(long)
        elif what == "stop":
            print(f"stop {time.monotonic():.6f}", flush=True)
            player.stop()
        else:
            app.quit()

    for at, what in steps:
        QTimer.singleShot(round(at * 1000), lambda what=what: do(what))
    app.exec()


CHILDREN = {"qt": child_qt, "miniaudio": child_miniaudio, "sounddevice": child_sounddevice}


def available(name: str) -> bool:
    if name == "qt":
        return importlib.util.find_spec("PySide6.QtMultimedia") is not None
    if name == "sounddevice":
        if importlib.util.find_spec("sounddevice") is None:
            return False
        probe = subprocess.run([sys.executable, "-c", "import sounddevice"], capture_output=True, check=False)
        return probe.returncode == 0  # needs libportaudio2
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plays", type=int, default=10)
    parser.add_argument("--child", choices=sorted(CHILDREN))
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if args.child:
        CHILDREN[args.child](args.files[0], args.files[1], args.plays)
        return 0

    from tests.audio_analysis import sound_segments, write_tone  # noqa: PLC0415 - the test tools
    from tests.audio_server import start_pulseaudio  # noqa: PLC0415

    names = [name for name in CHILDREN if available(name)]
    pulse = start_pulseaudio()
    calls: dict[str, list[tuple[str, float]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="hipcoach-bench-play-") as work:
            folder = Path(work)
            tone = write_tone(folder / "tone.wav", frequency=660, seconds=0.2, rate=22050)
            long = write_tone(folder / "long.wav", frequency=440, seconds=3.0, rate=22050)
            with pulse.record(folder / "run.wav") as recording:
                time.sleep(1.5)  # let the null sink settle on parec's latency before the first stream joins
                for name in names:
                    result = subprocess.run(
                        [*CHILD_COMMAND, "--plays", str(args.plays), "--child", name, str(tone), str(long)],
                        env=pulse.child_env(QT_QPA_PLATFORM="offscreen"),
                        capture_output=True,
                        text=True,
                        timeout=120,
                        check=False,
                        cwd=ROOT,
                    )
                    if result.returncode != 0:
                        print(f"{name}: failed\n{result.stderr[-2000:]}", file=sys.stderr)
                        continue
                    calls[name] = [
                        (kind, float(t))
                        for kind, t in (
                            line.split() for line in result.stdout.split("\n") if line[:5] in ("play ", "stop ")
                        )
                    ]
            segments = [(recording.started + a, recording.started + b) for a, b in sound_segments(recording.path)]
    finally:
        pulse.stop()
    print(f"{args.plays} plays of a 0.2 s tone per player, then stop() 0.5 s into a 3 s tone")
    for name, made in calls.items():
        starts: list[float] = []
        stop_ms = float("nan")
        for kind, at in made:
            if kind == "play":
                found = [a for a, _ in segments if at - 0.05 <= a <= at + 0.5]
                if found:
                    starts.append((found[0] - at) * 1000)
            else:
                ends = [b for a, b in segments if a <= at <= b + 0.05]
                if ends:
                    stop_ms = (ends[0] - at) * 1000
        heard = f"{len(starts)}/{sum(kind == 'play' for kind, _ in made)} heard"
        if starts:
            print(
                f"{name:12s} play->sound median {statistics.median(starts):6.1f} ms  min {min(starts):6.1f}  "
                f"max {max(starts):6.1f}  ({heard});  stop->silence {stop_ms:6.1f} ms"
            )
        else:
            print(f"{name:12s} nothing heard ({heard})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
