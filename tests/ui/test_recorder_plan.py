"""The recorder keeps the plan a session runs (each entry's version and dose) and the sore-day mark when the session
starts, and the answers to "How did that feel?" after it, on its worker like the pain ratings. Real recorder, real
file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hipcoach.core.dose_plan import DoseNumbers, Feeling, PlannedEntry, planned_entries
from hipcoach.core.engine import SessionEngine
from hipcoach.core.events import Event
from hipcoach.core.history import open_history
from hipcoach.core.model import Kind, Side
from hipcoach.core.plan import build_plan
from hipcoach.ui.recorder import SessionRecorder
from tests.core.history.support import read
from tests.factories import FakeClock, entry, exercise, routine

HALF_BRIDGE = exercise("half-bridge", reps=2)
SORE_DAY = replace(
    routine(
        replace(entry(HALF_BRIDGE), variant_of="bridge"),
        entry(exercise("clamshells", reps=2, per_side=True), only_side=Side.RIGHT),
        replace(entry(exercise("pigeon-pose", kind=Kind.HOLD, hold=4, reps=1, per_side=True)), pinned=True),
    ),
    sore_day=True,
)


def _events() -> list[Event]:
    clock = FakeClock()
    engine = SessionEngine(build_plan(SORE_DAY), clock, clock)
    events = engine.start()
    while engine.state.value == "running":
        clock.advance(0.25)
        events += engine.poll()
    return events


def test_the_plan_and_the_sore_day_mark_are_kept_when_the_session_starts(
    recorder: SessionRecorder, history_file: Path
) -> None:
    events = _events()
    recorder.on_event(events[0])
    assert recorder.flush(10)
    with open_history(history_file) as store:
        (session,) = store.sessions()
        assert session.sore_day
        plan = store.session_plan(session.id)
    assert plan == planned_entries(SORE_DAY)
    assert plan is not None
    assert plan[0] == PlannedEntry("bridge", "half-bridge", DoseNumbers(sets=1, reps=2))
    assert plan[1].only_side is Side.RIGHT and plan[2].pinned


def test_the_answers_land_on_the_session_after_it_ends(recorder: SessionRecorder, history_file: Path) -> None:
    for event in _events():
        recorder.on_event(event)
    recorder.set_feeling(0, Feeling.TOO_HARD)
    recorder.set_feeling(1, Feeling.ABOUT_RIGHT)
    recorder.set_feeling(1, None)  # changed their mind
    recorder.set_feeling(2, Feeling.TOO_EASY)
    assert recorder.flush(10)
    assert read(history_file, "SELECT entry_index, feeling FROM feelings ORDER BY entry_index") == [
        (0, "too_hard"),
        (2, "too_easy"),
    ]
    with open_history(history_file) as store:
        (past,) = store.past_sessions()
    assert [(e.exercise_id, e.feeling) for e in past.entries] == [
        ("bridge", Feeling.TOO_HARD),
        ("clamshells", None),
        ("pigeon-pose", Feeling.TOO_EASY),
    ]


def test_a_wrong_answer_is_refused_at_once(recorder: SessionRecorder) -> None:
    with pytest.raises(ValueError, match="too_easy"):
        recorder.set_feeling(0, "fine")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="entry_index"):
        recorder.set_feeling(-1, Feeling.TOO_EASY)
    assert recorder.pending == 0
