"""History benchmark: ten years of daily sessions, then the costs a user feels.

Seeds about 3,650 sessions and 50,000 exercise rows into a fresh history in a temporary folder (through
``import_json``, the public way in), then prints:

* the time to record one exercise (one committed, fsynced transaction, what the recorder's worker does), median and
  p99; target p99 at most 20 ms;
* a CSV export (target at most 0.3 s) and a JSON export of everything;
* reading every past session as the progression does (``past_sessions``), in milliseconds;
* the GUI thread's share of recording (handing an exercise to the recorder's queue), in microseconds;
* the median time from creating the History panel to all of it painted (target at most 150 ms), and the PDF
  report for the last three months and for the whole history (target at most 2 s).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_history`` (``--days`` for a smaller history).
The seeding is tests/history_seed.py (realistic sessions, one a day here) when it is there, else a plain one here.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hipcoach.core.history import HISTORY_FILE, HistoryStore, open_history
from hipcoach.core.model import Side
from hipcoach.core.results import ExerciseResult, SideResult, Status

DAYS = 3650
EXERCISES = (  # (exercise id, unit, per side, target per side)
    ("leg-swings", "reps", True, 20),
    ("hip-rotations", "reps", True, 16),
    ("butterfly-stretch", "seconds", False, 40),
    ("pelvic-tilts", "reps", False, 20),
    ("knee-to-chest", "seconds", True, 40),
    ("bridge", "reps", False, 24),
    ("clamshells", "reps", True, 30),
    ("pigeon-pose", "seconds", True, 20),
)
TARGETS = {
    "recording p99 ms": 20.0,
    "CSV export s": 0.3,
    "History panel median ms": 150.0,
    "PDF 3 months s": 2.0,
    "PDF whole history s": 2.0,
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def seed_export(days: int, rng: random.Random) -> dict[str, object]:
    """An export envelope of ``days`` daily sessions, most completed, with pain ratings and the odd pause."""
    end = datetime.now(UTC).replace(hour=7, minute=30, second=0, microsecond=0)
    sessions: list[dict[str, object]] = []
    for day in range(days, 0, -1):
        started = end - timedelta(days=day, minutes=rng.randint(0, 600))
        count = rng.randint(6, len(EXERCISES))
        exercises: list[dict[str, object]] = []
        for index, (exercise_id, unit, per_side, target) in enumerate(EXERCISES[:count]):
            status = rng.choices(["completed", "partial", "skipped"], [0.85, 0.1, 0.05])[0]
            for side in ("left", "right") if per_side else (None,):
                actual = target if status == "completed" else (target // 2 if status == "partial" else 0)
                exercises.append(
                    {
                        "entry_index": index,
                        "exercise_id": exercise_id,
                        "side": side,
                        "target": target,
                        "actual": actual,
                        "unit": unit,
                        "sets_target": 2,
                        "sets_done": 2 if status == "completed" else (1 if status == "partial" else 0),
                        "status": status,
                        "recorded_at": (started + timedelta(minutes=2 * (index + 1))).isoformat(),
                    }
                )
        minutes = 2 * count + 1
        pauses = [{"started_at": (started + timedelta(minutes=3)).isoformat(), "seconds": 45.0, "reason": "user"}]
        sessions.append(
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                "routine_id": "gentle-mobility",
                "routine_name": "Gentle Mobility",
                "started_at": started.isoformat(),
                "ended_at": (started + timedelta(minutes=minutes)).isoformat(),
                "status": "completed" if count == len(EXERCISES) else "stopped",
                "time_scale": 1.0,
                "real_seconds": minutes * 60.0,
                "active_seconds": minutes * 60.0 - (45.0 if rng.random() < 0.2 else 0.0),
                "pain_before": rng.randint(3, 7),
                "pain_after": rng.randint(1, 6),
                "note": None,
                "exercises": exercises,
                "pauses": pauses if rng.random() < 0.2 else [],
            }
        )
    return {"format": "hipcoach-history", "version": 1, "sessions": sessions}


def seed(store: HistoryStore, days: int) -> None:
    """The project's realistic seeding (tests/history_seed.py) at one session a day, or the plain one here."""
    if importlib.util.find_spec("tests.history_seed") is not None:
        from tests.history_seed import seed_history  # noqa: PLC0415  (another part of the project)

        seed_history(store, days=days, start=date.today() - timedelta(days=days), seed=2016, sessions_per_week=7)
        return
    store.import_json(seed_export(days, random.Random(2016)))


def time_it(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def bench_recording(store: HistoryStore, count: int) -> list[float]:
    session_id = store.start_session("gentle-mobility", "Gentle Mobility", 1.0, datetime.now(UTC))
    sides = (SideResult(Side.LEFT, 20, 20, 2, 2), SideResult(Side.RIGHT, 20, 18, 2, 1))
    timings: list[float] = []
    for index in range(count):
        result = ExerciseResult(index, "clamshells", Status.PARTIAL, sides)
        timings.append(time_it(lambda r=result: store.record_exercise(session_id, r, "reps")))  # type: ignore[misc]
    return timings


def bench_enqueue(folder: Path, count: int) -> list[float]:
    """What the GUI thread pays per exercise: handing it to the recorder's queue."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415  (Qt only from here on)

    from hipcoach.core import content  # noqa: PLC0415
    from hipcoach.core.events import ExerciseDone, SessionStarted  # noqa: PLC0415
    from hipcoach.core.plan import build_plan  # noqa: PLC0415
    from hipcoach.ui.recorder import SessionRecorder  # noqa: PLC0415

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    routine = content.builtin_routines(content.load_catalogue())[0]
    recorder = SessionRecorder(folder / HISTORY_FILE)
    recorder.on_event(SessionStarted(build_plan(routine)))
    sides = tuple(SideResult(side, 10, 10, 1, 1) for side in routine.entries[0].sides)
    event = ExerciseDone(ExerciseResult(0, routine.entries[0].exercise.id, Status.COMPLETED, sides))
    timings = [time_it(lambda: recorder.on_event(event)) for _ in range(count)]
    recorder.flush(60)
    recorder.close()
    app.processEvents()
    return timings


def bench_panel(store: HistoryStore, repeats: int) -> list[float] | None:
    """From creating the History panel to all of it painted (``grab()`` paints the whole widget tree at once)."""
    if importlib.util.find_spec("hipcoach.ui.history_view") is None:
        return None
    from hipcoach.ui.history_view import HistoryView  # noqa: PLC0415
    from hipcoach.ui.report_tables import exercise_names  # noqa: PLC0415

    names = exercise_names()  # as the app does: read once with the content, handed to the page (ui/services.py)
    timings: list[float] = []
    for _ in range(repeats):
        began = time.perf_counter()
        view = HistoryView(store, names=names)
        view.resize(1280, 800)
        view.show()
        view.grab()
        timings.append(time.perf_counter() - began)
        view.close()
        view.deleteLater()
    return timings


def bench_report(store: HistoryStore, folder: Path, days: int) -> float | None:
    if importlib.util.find_spec("hipcoach.ui.report") is None:
        return None
    from hipcoach.ui.report import write_report  # noqa: PLC0415

    today = date.today()
    return time_it(lambda: write_report(store, folder / "report.pdf", today - timedelta(days=days), today))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=DAYS, help=f"days of daily sessions to seed (default {DAYS})")
    parser.add_argument("--records", type=int, default=300, help="exercises to record for the timing (default 300)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415  (the panel and the PDF need widgets and fonts)

    app = QApplication(sys.argv[:1])
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="hipcoach-bench-") as temp:
        folder = Path(temp)
        with open_history(folder / HISTORY_FILE) as store:
            seeding = time_it(lambda: seed(store, args.days))
            sessions = len(store.sessions())
            rows = sum(len(record.exercises) for record in store.records())
            print(f"seeded {sessions} sessions and {rows} exercise rows in {seeding:.1f} s")

            recording = bench_recording(store, args.records)
            results["recording median ms"] = statistics.median(recording) * 1000
            results["recording p99 ms"] = percentile(recording, 0.99) * 1000
            results["CSV export s"] = time_it(lambda: store.export_csv(folder / "export.csv"))
            results["past sessions (progression) ms"] = time_it(store.past_sessions) * 1000
            results["JSON export s"] = time_it(
                lambda: (folder / "export.json").write_text(json.dumps(store.export_json()), encoding="utf-8")
            )
        enqueue = bench_enqueue(folder, args.records)
        results["GUI hand-off median us"] = statistics.median(enqueue) * 1e6
        results["GUI hand-off p99 us"] = percentile(enqueue, 0.99) * 1e6
        with open_history(folder / HISTORY_FILE) as store:
            panel = bench_panel(store, repeats=7)
            if panel is not None:
                results["History panel median ms"] = statistics.median(panel) * 1000
            for label, days in (("PDF 3 months s", 91), ("PDF whole history s", args.days + 1)):
                seconds = bench_report(store, folder, days)
                if seconds is not None:
                    results[label] = seconds

    failed = False
    for name, value in results.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"  (target <= {target:g}: {'ok' if value <= target else 'MISSED'})"
            failed |= value > target
        print(f"{name:>26}: {value:10.3f}{verdict}")
    for module, what in (("history_view", "History panel"), ("report", "PDF report")):
        if importlib.util.find_spec(f"hipcoach.ui.{module}") is None:
            print(f"{what}: not measured (hipcoach/ui/{module}.py does not exist yet)")
    del app
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
