"""The engine's events live apart from the engine: the cue texts, the pages and the speaker read them without it."""

from __future__ import annotations

import subprocess
import sys

from hipcoach.core import events
from tests.tools import REPO_ROOT


def test_the_cue_texts_read_the_events_without_loading_the_engine() -> None:
    code = "import sys, hipcoach.core.cues; print('hipcoach.core.engine' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


def test_every_event_of_a_phase_names_the_phase_by_its_index() -> None:
    of_a_phase = (
        events.PhaseStarted,
        events.SecondElapsed,
        events.BeatReached,
        events.RepCounted,
        events.SideSwitched,
        events.WaitingForUser,
    )
    assert all(issubclass(kind, events.InPhase) for kind in of_a_phase)
    assert events.WaitingForUser(4, at=1.5) == events.WaitingForUser(index=4)  # ``at`` takes no part in equality
