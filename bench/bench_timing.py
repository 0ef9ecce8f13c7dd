"""Timing accuracy: a real-time run of a three-minute routine through the real Qt timer path.

For every phase change, how late the controller delivered it against its deadline; and the drift at the end (when
the session really ended against when it should have). Targets: p99 lateness at most 15 ms, drift at most 20 ms.
Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_timing`` (takes the routine's three minutes;
``--time-scale`` shortens it for a quick look, at the cost of a less realistic measurement).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hipcoach.core.content import load_catalogue, load_routine
from hipcoach.core.events import Event, PhaseStarted, SessionEnded
from hipcoach.core.plan import build_plan
from hipcoach.ui.session_controller import SessionController

ROUTINE = Path(__file__).resolve().parent / "three-minutes.toml"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-scale", type=float, default=1.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QCoreApplication(sys.argv)
    plan = build_plan(load_routine(ROUTINE, load_catalogue()))
    controller = SessionController(app, time_scale=args.time_scale)
    lateness: list[float] = []
    drift: list[float] = []

    def on_event(event: Event) -> None:
        engine = controller.engine
        assert engine is not None
        now = time.monotonic()
        if isinstance(event, PhaseStarted) and event.index > 0:
            lateness.append(now - engine.real_time(event.at))
        if isinstance(event, SessionEnded):
            drift.append(now - engine.real_time(event.at))
            app.quit()

    controller.engine_event.connect(on_event)
    started = time.monotonic()
    controller.start(plan)
    app.exec()
    took = time.monotonic() - started
    expected = plan.total_seconds / args.time_scale
    ms = [value * 1000 for value in lateness]
    print(f"routine: {plan.routine.name}, {plan.total_seconds:.0f} s planned, time scale {args.time_scale:g}")
    print(f"phase changes: {len(ms)}")
    print(
        f"lateness ms: p50 {statistics.median(ms):.2f}  p99 {percentile(ms, 0.99):.2f}  max {max(ms):.2f}"
        f"  (target p99 <= 15: {'met' if percentile(ms, 0.99) <= 15 else 'NOT met'})"
    )
    end_drift = (took - expected) * 1000
    print(
        f"drift at the end: {end_drift:.2f} ms over {expected:.1f} s (end event {drift[0] * 1000:.2f} ms late)"
        f"  (target <= 20: {'met' if abs(end_drift) <= 20 else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
