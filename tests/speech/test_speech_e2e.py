"""End to end: the real speaker (espeak-ng, miniaudio) plays scheduled cues into a PulseAudio null sink while
parec records it; the speech onsets found in the recording must match the cue log.

The speaker runs in a child process, like the app, whose environment names the private PulseAudio server. The cues
are scheduled in real time, as a session would schedule them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.audio_analysis import align, cut_off, overlaps, read_cue_log, sound_segments
from tests.audio_server import PulseServer
from tests.tools import REPO_ROOT, require_tool

TOLERANCE = 0.150

# (text, priority, seconds after the first cue); each cue ends at least 0.6 s before the next starts
SEQUENCE = [
    ("Bridge. Lie on your back.", "TRANSITION", 0.0),
    ("3", "COUNTDOWN", 2.6),
    ("2", "COUNTDOWN", 3.6),
    ("1", "COUNTDOWN", 4.6),
    ("Hold for 10 seconds.", "TRANSITION", 5.6),
    ("Halfway. Keep breathing.", "REMINDER", 7.9),
    ("Down.", "BEAT", 10.4),
    ("Rest.", "TRANSITION", 11.4),
]

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from hipcoach.core.cues import Cue, Priority
    from hipcoach.speech.speaker import Speaker

    sequence = json.loads(sys.argv[1])
    app = QCoreApplication([])
    speaker = Speaker()
    speaker.prepare_texts([text for text, _, _ in sequence])
    timers = []

    def all_rendered():
        return all(text in speaker._latest for text, _, _ in sequence)

    def schedule():
        start = time.monotonic() + 0.5
        for text, priority, offset in sequence:
            due = start + offset
            cue = Cue(text, Priority[priority])
            timer = QTimer()
            timer.setSingleShot(True)
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.timeout.connect(lambda cue=cue, due=due: speaker.say(cue, due))
            timer.start(round((due - time.monotonic()) * 1000))
            timers.append(timer)
        # a cue handed over a second after its moment: logged as dropped, never heard
        late = QTimer.singleShot(round((start + 6.9 - time.monotonic()) * 1000),
                                 lambda: speaker.say(Cue("Too late.", Priority.TRANSITION), time.monotonic() - 1.0))
        QTimer.singleShot(round((start + sequence[-1][2] + 2.0 - time.monotonic()) * 1000), app.quit)

    def wait():
        if all_rendered() or not speaker.speech_available:
            schedule()
        else:
            QTimer.singleShot(20, wait)

    wait()
    app.exec()
    speaker.close()
    print(json.dumps(speaker.notices))
    """
)


@pytest.mark.e2e
def test_cues_are_heard_on_time_in_order_and_never_overlap(
    pulse_null_sink: PulseServer, tmp_path: Path, artifacts_dir: Path
) -> None:
    require_tool("espeak-ng")
    log_path = tmp_path / "cues.jsonl"
    recording = artifacts_dir / "speech-e2e.wav"
    env = pulse_null_sink.child_env(
        QT_QPA_PLATFORM="offscreen", HIPCOACH_CUE_LOG=str(log_path), PYTHONPATH=str(REPO_ROOT)
    )
    recording.unlink(missing_ok=True)  # record() measures the file's growth: an old one would skew it
    with pulse_null_sink.record(recording):
        result = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(SEQUENCE)],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []  # no notices: speech and audio worked
    log = read_cue_log(log_path)
    assert [(e["text"], e["outcome"]) for e in log if e["outcome"] != "played"] == [("Too late.", "dropped")]
    assert [e["text"] for e in log if e["outcome"] == "played"] == [text for text, _, _ in SEQUENCE]

    segments = sound_segments(recording)
    timings = align(segments, log)
    errors = [t.error for t in timings]
    print("onset minus schedule, relative to the first (ms):", [e if e is None else round(e * 1000) for e in errors])
    assert len(segments) == len(timings), segments  # one sound per cue: two run together would be one segment
    assert all(error is not None and abs(error) <= TOLERANCE for error in errors), errors
    assert overlaps(timings) == [] and cut_off(log) == []
