"""One count everywhere: a session run in the real window and recorded by the real recorder into a real SQLite file
says the same numbers on the summary, in the History list and detail, in ``hipcoach history --json``, in the JSON
and CSV exports and in the report, for a stopped, a resumed, a skipped and a repeated session."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hipcoach.core import resume
from hipcoach.core.history import HISTORY_FILE, SessionRecord, exchange, open_history, tally
from hipcoach.core.plan import build_plan
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.wording import format_clock
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.recorder import SessionRecorder
from hipcoach.ui.report import write_report
from hipcoach.ui.report_tables import counts_short, exercising_text, sessions_table
from tests.conftest import Run
from tests.tools import require_tool
from tests.ui.rig import MakeRig, WindowRig, three_exercises

EPOCH = datetime(2026, 3, 17, 8, 0, tzinfo=UTC)
NAMES = {"leg-raise": "Leg raise", "stretch": "Stretch", "bike": "Bike"}


@pytest.fixture
def recorded(make_rig: MakeRig, hipcoach_data_dir: Path) -> Iterator[tuple[WindowRig, SessionRecorder]]:
    """The window on fake clocks, with a recorder whose wall clock is the same fake clock."""
    rig = make_rig()
    recorder = SessionRecorder(
        hipcoach_data_dir / HISTORY_FILE, wall_clock=lambda: EPOCH + timedelta(seconds=rig.clock.now)
    )
    recorder.attach(rig.controller)
    yield rig, recorder
    assert recorder.close()


Scenario = Callable[[WindowRig, SessionRecorder, pytest.MonkeyPatch], None]


def plan_seconds(rig: WindowRig, first_entry: int, last_entry: int) -> float:
    """Seconds from the get-ready of one entry to the get-ready of another, with the window's timing."""
    plan = build_plan(three_exercises(), rig.window.plan_options())
    return plan.seconds_before(plan.get_ready_phase(last_entry)) - plan.seconds_before(
        plan.get_ready_phase(first_entry)
    )


def to_end(rig: WindowRig) -> None:
    rig.run(build_plan(three_exercises(), rig.window.plan_options()).total_seconds + 60, step=1)


def stopped(rig: WindowRig, recorder: SessionRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: True)
    rig.start(three_exercises())
    rig.run(5 + 2.5)  # one rep of the leg raise
    rig.key(Qt.Key.Key_Escape)


def skipped(rig: WindowRig, recorder: SessionRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    rig.start(three_exercises())
    rig.key(Qt.Key.Key_Right)  # the leg raise skipped
    rig.run(5 + 10)
    rig.key(Qt.Key.Key_Right)  # the stretch partly done
    to_end(rig)


def repeated(rig: WindowRig, recorder: SessionRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    rig.start(three_exercises())
    rig.run(5 + 2.5)
    rig.key(Qt.Key.Key_Right)  # the leg raise partly done
    rig.key(Qt.Key.Key_Left)  # straight back to it: done in full this time
    to_end(rig)


def resumed(rig: WindowRig, recorder: SessionRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed after the leg raise, 73 s in; carried on from the stretch, then stopped in the bike's get-ready."""
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: True)
    started = datetime.now(UTC) - timedelta(minutes=5)
    done = ExerciseResult(0, "leg-raise", Status.COMPLETED, (SideResult(None, 3, 3, 1, 1),))
    with open_history() as history:
        session_id = history.start_session("test", "Test routine", 1.0, started)
        history.record_exercise(session_id, done, "reps", recorded_at=started + timedelta(seconds=73))
        point = resume.find_resumable(history, [three_exercises()], datetime.now(UTC))
    assert point is not None and point.entry_index == 1 and point.earlier_seconds == (73.0, 73.0)
    recorder.continue_session(session_id)
    rig.window.start_routine(point.routine, point.entry_index, point.done, point.earlier_seconds)
    rig.run(plan_seconds(rig, 1, 2) + 1, step=1)
    rig.key(Qt.Key.Key_Escape)


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        (stopped, "0 done · 1 partly done · 0 skipped · 2 not reached"),
        (resumed, "2 done · 0 partly done · 0 skipped · 1 not reached"),
        (skipped, "1 done · 1 partly done · 1 skipped"),
        (repeated, "3 done · 0 partly done · 0 skipped · 1 earlier attempt"),
    ],
    ids=["stopped", "resumed", "skipped", "repeated"],
)
def test_the_summary_the_history_the_cli_the_exports_and_the_report_agree(
    qtbot: QtBot,
    recorded: tuple[WindowRig, SessionRecorder],
    monkeypatch: pytest.MonkeyPatch,
    run: Run,
    tmp_path: Path,
    scenario: Scenario,
    expected: str,
) -> None:
    rig, recorder = recorded
    scenario(rig, recorder, monkeypatch)
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    assert recorder.flush(10)
    qtbot.waitUntil(lambda: recorder.session_id is not None)
    with open_history() as history:
        session, rows = history.session_detail(recorder.session_id)  # type: ignore[arg-type]
        found = tally.tally(session, rows)

        # the summary, from the engine's results, says what the recorder stored
        assert summary.counts_label.text() == expected == tally.counts_text(found.counts)
        # the time on the clock, and the minutes exercising that the History page and the report show
        exercising = exercising_text(session.active_seconds)
        assert re.fullmatch(r"\d+ minutes? exercising", exercising)
        clock = format_clock(session.real_seconds or 0)
        assert summary.time_label.text().splitlines()[:2] == [f"Time taken: {clock}", exercising]

        # the History list and detail
        view = HistoryView(history, names=NAMES)
        qtbot.addWidget(view)
        view.select_session(session.id)
        row = view.session_model.row_of(session.id)
        assert row is not None
        assert view.session_model.text(row, 3) == counts_short(found.counts)
        first = view.detail_info.text().replace("\u00a0", " ").splitlines()[0]  # kept in parts on screen
        assert first.startswith(f"{exercising} · {expected} · pain ")
        assert view.session_model.headerData(2, Qt.Orientation.Horizontal) == "Minutes\nexercising"

        # the report (its sessions table, and the words on the page)
        table = sessions_table([SessionRecord(session, tuple(rows), ())], None)
        (table_row,) = table.rows
        assert table.headers[2] == "Minutes exercising"
        assert f"{table_row[2]} minute" in exercising
        assert table_row[3] == counts_short(found.counts)
        pdf = tmp_path / "report.pdf"
        day = session.started_at.astimezone().date()
        write_report(history, pdf, day, day, today=day, names=NAMES)
        csv_path = tmp_path / "history.csv"
        history.export_csv(csv_path)
        exported = exchange.from_json(json.loads(json.dumps(history.export_json())))

    # hipcoach history --json
    status, out, _ = run("history", "--json")
    assert status == 0
    (listed,) = [item for item in json.loads(out) if item["id"] == session.id]
    assert listed["exercises"] == found.counts.as_dict()
    assert (listed["real_seconds"], listed["active_seconds"]) == (found.real_seconds, found.active_seconds)

    # the JSON export read back, and the CSV's rows of this session
    (record,) = [r for r in exported if r.session.uuid == session.uuid]
    assert tally.counts(record.exercises) == found.counts
    with csv_path.open(newline="", encoding="utf-8") as handle:
        lines = [line for line in csv.DictReader(handle) if line["session_uuid"] == session.uuid]
    last: dict[str, tuple[int, str]] = {}
    for line in lines:
        attempt = int(line["attempt"])
        if attempt >= last.get(line["entry_index"], (0, ""))[0]:
            last[line["entry_index"]] = (attempt, line["status"])
    statuses = [status for _, status in last.values()]
    assert {name: statuses.count(name) for name in ("completed", "partial", "skipped", "not_reached")} == {
        key: value for key, value in found.counts.as_dict().items() if key != "earlier_attempts"
    }

    text = subprocess.run(
        [require_tool("pdftotext"), str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert f"Exercises: {expected}." in " ".join(text.split())


def sharp_pain_then_end(rig: WindowRig, recorder: SessionRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    rig.start(three_exercises())
    rig.run(2)
    rig.key(Qt.Key.Key_S)  # in the leg raise's get-ready: nothing of it done
    rig.key(Qt.Key.Key_Escape)  # "End the session"


def sharp_pain_then_carry_on(rig: WindowRig, recorder: SessionRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    rig.start(three_exercises())
    rig.run(5 + 6 + 6 + 5 + 10)
    rig.key(Qt.Key.Key_S)  # 10 s into the stretch's 30 s hold
    rig.key(Qt.Key.Key_Space)  # "Skip it and carry on"
    to_end(rig)


@pytest.mark.parametrize(
    ("scenario", "lines", "counts", "stopped", "result"),
    [
        (
            sharp_pain_then_end,
            [
                "Leg raise: 0 of 3 reps. Skipped · stopped: sharp pain.",
                "Stretch: 0 s of 30 s. Not reached.",
                "Bike: 0 s of 10 min. Not reached.",
            ],
            "0 done · 0 partly done · 1 skipped · 2 not reached",
            "Leg raise",
            "Skipped",
        ),
        (
            sharp_pain_then_carry_on,
            [
                "Leg raise: 3 of 3 reps. Done.",
                "Stretch: 10 s of 30 s. Partly done · stopped: sharp pain.",
                "Bike: 10 min of 10 min. Done.",
            ],
            "2 done · 1 partly done · 0 skipped",
            "Stretch",
            "Partly done",
        ),
    ],
    ids=["end", "carry-on"],
)
def test_an_exercise_stopped_for_sharp_pain_is_named_once_and_alike_everywhere(
    qtbot: QtBot,
    recorded: tuple[WindowRig, SessionRecorder],
    monkeypatch: pytest.MonkeyPatch,
    run: Run,
    scenario: Scenario,
    lines: list[str],
    counts: str,
    stopped: str,
    result: str,
) -> None:
    """The summary once listed a sharp-pain stop with nothing done under "Skipped" and under "Stopped for sharp
    pain"; now each exercise is one row, and its words are the History detail's and ``hipcoach history``'s."""
    rig, recorder = recorded
    scenario(rig, recorder, monkeypatch)
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    assert summary.result_lines() == lines
    assert summary.counts_label.text() == counts
    assert recorder.flush(10)
    qtbot.waitUntil(lambda: recorder.session_id is not None)
    with open_history() as history:
        view = HistoryView(history, names=NAMES)
        qtbot.addWidget(view)
        view.select_session(recorder.session_id)  # type: ignore[arg-type]
        info = view.detail_info.text().replace("\u00a0", " ").splitlines()
        model = view.exercise_model
        shown = {model.cell(r, 0): model.cell(r, 4) for r in range(model.rowCount())}
    assert f" · {counts} · pain " in info[0]
    assert info[-1] == f"Stopped for sharp pain: {stopped}."
    assert shown[stopped] == f"{result} · stopped: sharp pain"
    (stopped_line,) = [line for line in lines if line.startswith(f"{stopped}: ")]  # named once, in its own row
    assert stopped_line.endswith(f"{result} · stopped: sharp pain.")

    status, out, _ = run("history")
    assert status == 0
    header, *table = out.splitlines()
    (line,) = [line for line in table if "(sharp pain)" in line]
    columns = ("Done", "Partial", "Skipped", "Not reached")  # right-aligned under their headings
    numbers = [int(line[: header.index(name) + len(name)].split()[-1]) for name in columns]
    assert tally.counts_text(tally.Counts(*numbers)) == counts
