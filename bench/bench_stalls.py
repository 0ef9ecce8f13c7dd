"""Interface stalls: a 5 ms heartbeat timer on the GUI thread during a session with speech, against the same session
muted, in one run.

Each variant runs in its own child process (with the private sound server in its environment) with the real app
objects wired as hipcoach.app wires them: a SessionController, a Speaker (espeak-ng renders on its worker thread,
miniaudio plays on a thread of the player's) and a MainWindow on the offscreen platform, all playing into a private
PulseAudio null sink. Each child starts from an empty speech cache, so the session's renders happen during the run.
The gaps between heartbeats measure how long the GUI thread was busy. Targets: largest gap with speech at most
20 ms, p99 with speech at most 1.2 times the muted p99.

On a shared machine a gap is also time spent waiting for a processor, so where Linux tells (``/proc/thread-self/
schedstat``) each gap is split into the GUI thread's own processor time and its wait, and the largest own time is
printed too: that is the part the app can change.

Run: ``.venv/bin/python -m bench.bench_stalls`` (about two minutes at the default ``--time-scale 3``; the cues still
come on their real-time schedule, only closer together, which loads the voice channel more than a real session).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypedDict

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from hipcoach.core.content import load_catalogue, load_routine
from hipcoach.core.plan import Plan
from hipcoach.core.settings import Settings
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.services import Services
from hipcoach.ui.session_controller import SessionController
from tests.audio_server import start_pulseaudio

ROOT = Path(__file__).resolve().parent.parent
ROUTINE = Path(__file__).resolve().parent / "three-minutes.toml"
HEARTBEAT_MS = 5


class Found(TypedDict):
    gaps: list[float]  # ms between heartbeats
    own: list[float]  # ms of the GUI thread's own processor time in each gap (zeros where Linux does not tell)
    waited: list[float]  # ms it waited for a processor in each gap
    outcomes: dict[str, int]  # cue log outcomes: played, tone, dropped
    notices: list[str]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class ThreadTimes:
    """The calling thread's processor time and run-queue wait so far, in ms, read from Linux's scheduler statistics;
    zeros where they are not available. The file is opened once and read again at each beat (cheap)."""

    def __init__(self) -> None:
        try:
            self._fd: int | None = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            self._fd = None

    def read(self) -> tuple[float, float]:
        if self._fd is None:
            return 0.0, 0.0
        run, wait, _slices = os.pread(self._fd, 128, 0).split()
        return int(run) / 1e6, int(wait) / 1e6


def child(muted: bool, time_scale: float) -> int:
    """One session with the heartbeat running; prints the gaps (ms) and the cue outcomes as JSON."""
    app = QApplication([])
    routine = load_routine(ROUTINE, load_catalogue())
    controller = SessionController(time_scale=time_scale)
    services: list[Services] = []  # built after the window, as the app does

    def prepare(plan: Plan, go: Callable[[], None]) -> None:
        services[0].prepare(plan, go)

    window = MainWindow(
        controller,
        Settings(),
        quit_when_done=True,
        restore_geometry=False,
        prepare=prepare,
    )

    def make_speaker(settings: SpeechSettings) -> Speaker:
        return Speaker(settings=replace(settings, muted=muted))

    services.append(Services(window, controller, Settings(), {}, make_speaker))
    speaker = services[0].speaker
    assert speaker is not None

    beats: list[tuple[float, float, float]] = []  # perf_counter, own processor ms, waited ms
    times = ThreadTimes()
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(lambda: beats.append((time.perf_counter(), *times.read())))

    measured = {"started": False}  # once: the change to "finished" after the end must not start it again

    def on_state(_state: str) -> None:
        if not measured["started"]:
            measured["started"] = True
            heartbeat.start(HEARTBEAT_MS)

    def on_ended(_summary: object) -> None:
        heartbeat.stop()  # the session is over: the summary page's first showing is not measured
        QTimer.singleShot(200, app.quit)  # let the last cue start, then leave

    controller.state_changed.connect(on_state)
    controller.ended.connect(on_ended)
    window.show()
    window.start_routine(routine)
    app.exec()
    notices = list(speaker.notices)
    services[0].close()
    log = Path(os.environ["HIPCOACH_CUE_LOG"])
    lines = log.read_text().splitlines() if log.exists() else []
    outcomes = dict(Counter(json.loads(line)["outcome"] for line in lines))
    pairs = list(itertools.pairwise(beats))
    found: Found = {
        "gaps": [(b[0] - a[0]) * 1000 for a, b in pairs],
        "own": [b[1] - a[1] for a, b in pairs],
        "waited": [b[2] - a[2] for a, b in pairs],
        "outcomes": outcomes,
        "notices": notices,
    }
    print(json.dumps(found))
    return 0


def run_child(muted: bool, time_scale: float, env: dict[str, str]) -> Found:
    with tempfile.TemporaryDirectory(prefix="hipcoach-bench-stalls-") as data:
        child_env = {
            **env,
            "HIPCOACH_DATA_DIR": data,  # an empty speech cache: renders happen during the session
            "HIPCOACH_CUE_LOG": str(Path(data) / "cues.jsonl"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
        }
        command = [sys.executable, "-m", "bench.bench_stalls", "--child", "muted" if muted else "speech"]
        command += ["--time-scale", str(time_scale)]
        result = subprocess.run(command, env=child_env, capture_output=True, text=True, timeout=900, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"child failed ({result.returncode}):\n{result.stderr[-3000:]}")
    found: Found = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-scale", type=float, default=3.0)
    parser.add_argument("--child", choices=["speech", "muted"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child == "muted", args.time_scale)

    pulse = start_pulseaudio()
    try:
        env = pulse.child_env()
        results = {"muted": run_child(True, args.time_scale, env), "speech": run_child(False, args.time_scale, env)}
    finally:
        pulse.stop()
    print(f"routine: {ROUTINE.name}, time scale {args.time_scale:g}, heartbeat {HEARTBEAT_MS} ms, offscreen window")
    p99: dict[str, float] = {}
    for name, found in results.items():
        gaps = found["gaps"]
        p99[name] = percentile(gaps, 0.99)
        print(
            f"{name:6}  beats {len(gaps):6}  median {statistics.median(gaps):5.2f} ms  p99 {p99[name]:5.2f} ms  "
            f"max {max(gaps):6.2f} ms  cues {found['outcomes']}  notices {found['notices']}"
        )
    speech = results["speech"]
    largest = max(speech["gaps"])
    at = speech["gaps"].index(largest)
    ratio = p99["speech"] / p99["muted"]
    print(f"largest gap with speech {largest:.2f} ms  (target <= 20: {'met' if largest <= 20 else 'NOT met'})")
    own, waited = speech["own"][at], speech["waited"][at]
    print(f"  of it the GUI thread's own time {own:.2f} ms, waiting for a processor {waited:.2f} ms")
    for name, found in results.items():
        print(f"largest own time in a gap, {name:6} {max(found['own']):6.2f} ms")
    print(f"p99 speech / muted      {ratio:.2f}  (target <= 1.20: {'met' if ratio <= 1.2 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
