"""The physiotherapist's report: its words and numbers, and a real, multi-page, non-blank PDF written offscreen."""

from __future__ import annotations

import dataclasses
import re
import stat
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from hipcoach.core.history import ExerciseRow, HistoryStore, SessionRecord, SessionRow, open_history
from hipcoach.core.history.tally import Counts, exercise_totals
from hipcoach.core.model import Side
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign
from hipcoach.core.safety.precautions import Approach
from hipcoach.core.wording import safety_lines
from hipcoach.ui.report import write_report
from hipcoach.ui.report_tables import (
    REPORT_PERIODS,
    amount_text,
    attempt_rows,
    earlier_attempts_text,
    exercise_name,
    months_before,
    pain_text,
    period_dates,
    result_text,
    sharp_pain_text,
    status_counts,
)
from tests.display import artifacts_dir
from tests.history_seed import seed_history
from tests.tools import require_tool

TODAY = date(2026, 3, 18)  # a Wednesday
MOMENT = datetime(2026, 3, 17, 8, 0, tzinfo=UTC)


def result(entry: int, exercise: str, side: str | None, target: int, actual: int, status: str) -> ExerciseRow:
    return ExerciseRow(entry, exercise, side, target, actual, "reps", 2, 2 if actual >= target else 1, status, MOMENT)


def session(pain_before: int | None = None, pain_after: int | None = None) -> SessionRow:
    return SessionRow(
        1, "u", "strength", "Strength", MOMENT, MOMENT, "completed", 1.0, 600.0, 600.0, pain_before, pain_after, None
    )


# --- words and numbers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "start"),
    [
        ("Last 4 weeks", date(2026, 2, 23)),  # four whole weeks, this one included
        ("Last 3 months", date(2025, 12, 19)),
        ("Last 12 months", date(2025, 3, 19)),
        ("All my history", date(2024, 7, 1)),
    ],
)
def test_period_dates(choice: str, start: date) -> None:
    assert period_dates(choice, TODAY, date(2024, 7, 1)) == (start, TODAY)


def test_period_without_history_and_unknown_choice() -> None:
    assert period_dates(REPORT_PERIODS[3], TODAY, None) == (TODAY, TODAY)
    with pytest.raises(ValueError, match="unknown report period"):
        period_dates("Last week", TODAY, None)


def test_months_before_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)
    assert months_before(date(2028, 3, 31), 1) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (12, "reps", "12 reps"),
        (1, "reps", "1 rep"),
        (10, "steps", "10 steps"),
        (45, "seconds", "45 s"),
        (119, "seconds", "119 s"),
        (600, "seconds", "10 min"),
        (545, "seconds", "9 min 5 s"),
    ],
)
def test_amounts(value: int, unit: str, text: str) -> None:
    assert amount_text(value, unit) == text


def test_counts_are_per_exercise_not_per_side_and_pain_text() -> None:
    rows = [
        result(0, "bridge", None, 10, 10, "completed"),
        result(1, "clamshells", "left", 10, 10, "partial"),
        result(1, "clamshells", "right", 10, 4, "partial"),
        result(2, "donkey-kick", "left", 10, 0, "skipped"),
        result(2, "donkey-kick", "right", 10, 0, "skipped"),
    ]
    assert status_counts(rows) == Counts(done=1, partial=1, skipped=1)
    assert pain_text(session(6, 4)) == "6 → 4"
    assert pain_text(session(None, 3)) == "— → 3"
    assert pain_text(session()) == "not rated"
    assert exercise_name("single-leg-bridge", {}) == "Single leg bridge"
    assert exercise_name("bridge", {"bridge": "Glute Bridge"}) == "Glute Bridge"


def test_a_sharp_pain_stop_is_named_in_the_result_and_the_notes() -> None:
    rows = [
        result(0, "bridge", None, 10, 10, "completed"),
        dataclasses.replace(result(1, "clamshells", "left", 10, 4, "partial"), sharp_pain=True),
        dataclasses.replace(result(1, "clamshells", "right", 10, 0, "partial"), sharp_pain=True),
    ]
    assert [result_text(row) for row in rows] == [
        "Done",
        "Partly done · stopped: sharp pain",
        "Partly done · stopped: sharp pain",
    ]
    assert sharp_pain_text(rows, {"clamshells": "Clamshells"}) == "Stopped for sharp pain: Clamshells."
    assert sharp_pain_text(rows[:1], {}) == ""


def test_an_earlier_attempt_stopped_for_sharp_pain_is_told_in_its_own_line() -> None:
    """The exercise's result is the attempt after it: the stop line names each result's stop only, as the summary's
    does, and the earlier attempt's line says it was stopped for sharp pain, as its History row does."""
    first = dataclasses.replace(result(0, "clamshells", None, 10, 4, "partial"), sharp_pain=True)
    again = dataclasses.replace(result(0, "clamshells", None, 10, 10, "completed"), attempt=2)
    names = {"clamshells": "Clamshells"}
    assert sharp_pain_text([first, again], names) == ""
    assert earlier_attempts_text([first, again], names) == (
        "Earlier attempt at Clamshells: 4 of 10 reps (partly done · stopped: sharp pain)."
    )
    assert sharp_pain_text([first], names) == "Stopped for sharp pain: Clamshells."


def test_exercise_totals_per_side() -> None:
    records = [
        SessionRecord(
            session(),
            (
                result(0, "clamshells", "left", 10, 10, "completed"),
                result(0, "clamshells", "right", 10, 10, "completed"),
            ),
            (),
        ),
        SessionRecord(
            session(),
            (result(0, "clamshells", "left", 10, 10, "partial"), result(0, "clamshells", "right", 10, 6, "partial")),
            (),
        ),
    ]
    left, right = exercise_totals(records)
    assert (left.side, left.sessions, left.target, left.actual, left.percent) == ("left", 2, 20, 20, 100)
    assert (right.side, right.target, right.actual, right.percent) == ("right", 20, 16, 80)
    assert (right.done, right.partial, right.skipped) == (1, 1, 0)


def test_a_repeated_exercise_counts_once_by_its_last_attempt_and_the_earlier_one_is_told() -> None:
    """Hip rotations 8 left and 6 right, then again after "back", 1 and 0: the result is the second attempt."""
    first = (
        result(0, "hip-rotations", "left", 10, 8, "partial"),
        result(0, "hip-rotations", "right", 10, 6, "partial"),
    )
    again = tuple(dataclasses.replace(row, actual=actual, attempt=2) for row, actual in zip(first, (1, 0), strict=True))
    rows = (*first, *again)
    names = {"hip-rotations": "Hip Rotations"}
    assert earlier_attempts_text(rows, names) == (
        "Earlier attempt at Hip Rotations: left 8 of 10 reps, right 6 of 10 reps (partly done)."
    )
    assert earlier_attempts_text(first, names) == ""
    assert status_counts(rows) == Counts(partial=1, earlier_attempts=1)
    left, right = exercise_totals([SessionRecord(session(), rows, ())])
    assert (left.sessions, left.target, left.actual, right.actual) == (1, 10, 1, 0)
    assert [(row.attempt, earlier) for row, earlier in attempt_rows(rows)] == [
        (1, True),
        (1, True),
        (2, False),
        (2, False),
    ]
    assert result_text(first[0], earlier=True) == "Earlier attempt: partly done"


# --- the PDF ------------------------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with open_history(tmp_path / "history.sqlite3") as opened:
        seed_history(opened, days=365, start=TODAY - timedelta(days=364), seed=11)
        yield opened


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_year_report_is_a_private_multi_page_pdf(qapp: object, store: HistoryStore, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    write_report(store, target, date(2025, 3, 19), TODAY, 3, today=TODAY)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    assert pages(data) > 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".report.pdf-*"))  # no temporary file left behind


def test_short_and_empty_reports(qapp: object, store: HistoryStore, tmp_path: Path) -> None:
    short = tmp_path / "four-weeks.pdf"
    write_report(store, short, *period_dates("Last 4 weeks", TODAY, None), today=TODAY)
    with open_history(tmp_path / "empty.sqlite3") as empty:
        nothing = tmp_path / "empty.pdf"
        write_report(empty, nothing, TODAY - timedelta(days=27), TODAY, today=TODAY)
    assert pages(nothing.read_bytes()) == 1
    assert pages(short.read_bytes()) >= 1
    with pytest.raises(ValueError, match="ends"):
        write_report(store, tmp_path / "x.pdf", TODAY, TODAY - timedelta(days=1))
    with pytest.raises(ValueError, match="weekly goal"):
        write_report(store, tmp_path / "x.pdf", TODAY, TODAY, goal=9)


def test_report_replaces_an_old_file_whole(qapp: object, store: HistoryStore, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"an old report")
    write_report(store, target, TODAY - timedelta(days=27), TODAY, today=TODAY)
    assert target.read_bytes().startswith(b"%PDF")


def test_first_page_renders_and_is_not_blank(qapp: object, store: HistoryStore, tmp_path: Path) -> None:
    """Rendered by poppler (Debian package poppler-utils), as a PDF viewer would."""
    pdftoppm = require_tool("pdftoppm")
    target = tmp_path / "report.pdf"
    write_report(store, target, *period_dates("Last 3 months", TODAY, None), today=TODAY)
    prefix = artifacts_dir() / "history-report-page"
    subprocess.run(
        [pdftoppm, "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", str(target), str(prefix)],
        check=True,
        timeout=60,
    )
    image = QImage(str(prefix) + ".png")
    assert not image.isNull()
    assert abs(image.width() / image.height() - 210 / 297) < 0.01  # A4 portrait
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 300, "page 1 has text and charts on it"


def test_the_notes_name_what_was_stopped_for_sharp_pain(qapp: object, tmp_path: Path) -> None:
    """The PDF's text, extracted by poppler (Debian package poppler-utils)."""
    pdftotext = require_tool("pdftotext")
    with open_history(tmp_path / "history.sqlite3") as history:
        session_id = history.start_session("strength", "Strength", 1.0, MOMENT)
        sides = (SideResult(Side.LEFT, 10, 4, 2, 0), SideResult(Side.RIGHT, 10, 0, 2, 0))
        stopped = ExerciseResult(0, "clamshells", Status.PARTIAL, sides, sharp_pain=True)
        history.record_exercise(session_id, stopped, "reps")
        history.end_session(session_id, "stopped", MOMENT + timedelta(minutes=5), 300.0, 280.0)
        target = tmp_path / "report.pdf"
        start = TODAY - timedelta(days=27)
        write_report(history, target, start, TODAY, today=TODAY, names={"clamshells": "Clamshells"})
    text = subprocess.run([pdftotext, str(target), "-"], check=True, capture_output=True, text=True, timeout=60).stdout
    assert "Stopped for sharp pain: Clamshells." in text
    assert "No notes in this period." not in text


LONG_NAME = (
    "My physiotherapist's Tuesday and Friday routine for the left hip, after the operation in March, gently and slowly"
)


def _words(bbox_html: str) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) of every word on the last page, from ``pdftotext -bbox``."""
    last_page = bbox_html.rsplit("<page ", 1)[-1]
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, last_page)]


def test_a_long_routine_name_wraps_whole_inside_its_column(qapp: object, tmp_path: Path) -> None:
    """The sessions table gives the routine the room left by the other columns; a longer name goes on more lines,
    never cut short with "…" and never drawn over the minutes next to it or off the page."""
    pdftotext = require_tool("pdftotext")
    with open_history(tmp_path / "history.sqlite3") as history:
        session_id = history.start_session("mine", LONG_NAME, 1.0, MOMENT)
        sides = (SideResult(Side.LEFT, 10, 10, 2, 2), SideResult(Side.RIGHT, 10, 10, 2, 2))
        history.record_exercise(session_id, ExerciseResult(0, "clamshells", Status.COMPLETED, sides), "reps")
        history.end_session(session_id, "completed", MOMENT + timedelta(minutes=12), 720.0, 700.0)
        target = tmp_path / "report.pdf"
        write_report(history, target, TODAY - timedelta(days=27), TODAY, today=TODAY, names={})
    html = subprocess.run(
        [pdftotext, "-bbox", str(target), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page is not None
    width, height = float(page[1]), float(page[2])
    words = _words(html)
    margin = 15 / 25.4 * 72 - 1  # points, less one for rounding
    for x_min, y_min, x_max, y_max, word in words:
        assert margin <= x_min and x_max <= width - margin, f"{word!r} is drawn outside the page's margins"
        assert y_min >= 0 and y_max <= height, f"{word!r} is drawn off the page"
    headers = {w[4]: w for w in words if w[4] in ("Routine", "Minutes")}
    assert set(headers) == {"Routine", "Minutes"}, "the sessions table is on the last page"
    routine, minutes = headers["Routine"], headers["Minutes"]
    # The one row's cell: every word below the header that starts in the Routine column.
    cell = [w for w in words if w[1] > routine[3] and routine[0] - 1 <= w[0] < minutes[0] and w[1] < height - 60]
    shown = " ".join(w[4] for w in sorted(cell, key=lambda w: (round(w[1]), w[0]))).replace("&apos;", "'")
    assert shown == LONG_NAME
    assert len({round(w[1]) for w in cell}) > 1, "the name goes on more than one line"
    for _, _, x_max, _, word in cell:
        assert x_max < minutes[0], f"{word!r} runs into the Minutes column"


def test_a_trial_run_is_left_out_of_the_report_and_said_so(qapp: object, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    with open_history(tmp_path / "history.sqlite3") as history:
        done = ExerciseResult(0, "clamshells", Status.COMPLETED, (SideResult(Side.LEFT, 10, 10, 2, 2),))
        for scale, minutes in ((1.0, 20), (10.0, 13)):
            session_id = history.start_session("strength", "Strength", scale, MOMENT + timedelta(hours=scale))
            history.record_exercise(session_id, done, "reps")
            history.end_session(session_id, "completed", MOMENT + timedelta(hours=scale, minutes=2), 120, minutes * 60)
        target = tmp_path / "report.pdf"
        write_report(history, target, TODAY - timedelta(days=27), TODAY, today=TODAY, names={})
    text = subprocess.run([pdftotext, str(target), "-"], check=True, capture_output=True, text=True, timeout=60).stdout
    words = " ".join(text.split())
    assert "Sessions: 1, 20 minutes exercising in all" in words
    assert "Trial runs left out: 1 (sped up to try a routine out, so not exercise)." in words
    assert "Exercises: 1 done · 0 partly done · 0 skipped." in words


def test_the_report_shows_the_safety_answers_and_marks_adapted_sessions(qapp: object, tmp_path: Path) -> None:
    """The PDF's text, extracted by poppler (Debian package poppler-utils)."""
    pdftotext = require_tool("pdftotext")
    answers = SafetyAnswers(
        answered=True,
        operation=Operation(OperatedHip.RIGHT, Approach.BACK, date(2026, 2, 2)),
        warning_signs=frozenset({WarningSign.NIGHT_PAIN}),
        answered_on=date(2026, 2, 20),
    )
    with open_history(tmp_path / "history.sqlite3") as history:
        adapted = history.start_session("strength", "Strength", 1.0, MOMENT, precautions=["crossing", "deep-bend"])
        history.end_session(adapted, "completed", MOMENT + timedelta(minutes=20), 1200.0, 1200.0)
        plain = history.start_session("stretching", "Stretching", 1.0, MOMENT - timedelta(days=1))
        history.end_session(plain, "completed", MOMENT - timedelta(days=1, minutes=-15), 900.0, 900.0)
        target = tmp_path / "report.pdf"
        write_report(history, target, TODAY - timedelta(days=27), TODAY, today=TODAY, names={}, safety=answers)
    text = subprocess.run([pdftotext, str(target), "-"], check=True, capture_output=True, text=True, timeout=60).stdout
    text = " ".join(text.split())  # lines wrap where the page is full
    assert "Hip operation: right hip, from the back (posterior approach), on 2 February 2026." in text
    assert "no bending the hip past 90°; no crossing the leg over the middle of your body" in text
    assert "until 27 April 2026; the routines are adapted to them." in text
    assert "Warning signs reported: pain at night or at rest that does not ease." in text
    assert "Strength (adapted)" in text
    assert "Stretching (adapted)" not in text


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (SafetyAnswers(answered=True), "Hip operation in the last months: none."),
        (
            SafetyAnswers(True, Operation(OperatedHip.LEFT, Approach.FRONT, date(2026, 1, 5), lifted=True)),
            "(no taking the leg behind you with the hip turned out): lifted by the surgeon.",
        ),
        (
            SafetyAnswers(True, Operation(OperatedHip.BOTH, Approach.UNKNOWN, date(2025, 11, 1))),
            "ended on 24 January 2026.",
        ),
    ],
)
def test_the_safety_lines_say_what_was_answered(answers: SafetyAnswers, expected: str) -> None:
    assert expected in " ".join(safety_lines(answers, TODAY))


def test_never_answered_adds_nothing_to_the_report() -> None:
    assert safety_lines(SafetyAnswers(), TODAY) == []


@pytest.mark.parametrize(
    "cells",
    [
        ("Tue 3 Mar 2026, 08:15", "Strength", "21", "5 / 0 / 0 / 0", "6 → 4"),
        ("Tue 3 Mar 2026, 08:15", "Strength (long) (stopped, adapted) " * 4, "21", "5 / 0 / 0 / 0", "not rated"),
        ("W" * 200, "", "", "", ""),
    ],
)
def test_a_row_that_fits_on_one_line_is_as_high_as_the_measured_one(qapp: object, cells: tuple[str, ...]) -> None:
    """The report skips laying out the wrapping of a cell that fits its column on one line; the row must come out
    exactly as high as when every cell is laid out, wrapped or not."""
    from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt  # noqa: PLC0415
    from PySide6.QtGui import QPainter, QPdfWriter  # noqa: PLC0415

    from hipcoach.ui import report_page as report  # noqa: PLC0415

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(report.RESOLUTION)
    painter = QPainter(writer)
    try:
        doc = report.Document(writer, painter, "footer")
        widths = [doc.width / len(cells)] * len(cells)
        line_height = doc.line(doc.body) * 1.5
        option = report.cell_option(Qt.AlignmentFlag.AlignLeft)
        painter.setFont(doc.body)
        measured = max(
            painter.boundingRect(QRectF(doc._cell_box(0, width, 1e6, doc.body)), cell, option).height()
            for cell, width in zip(cells, widths, strict=True)
        )
        expected = max(line_height, measured + line_height - doc.line(doc.body))
        assert doc._row_height(cells, widths, doc.body, line_height) == pytest.approx(expected, abs=1e-6)
    finally:
        painter.end()


def _pages(bbox_html: str) -> list[list[tuple[float, float, float, float, str]]]:
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, page)]
        for page in bbox_html.split("<page ")[1:]
    ]


def test_the_sessions_heading_is_never_left_alone_at_the_foot_of_a_page(qapp: object, tmp_path: Path) -> None:
    """A heading goes to the next page with the start of what it heads: the "Sessions" title, its note on the
    sore-day sessions and the table's header with its first row stay on one page, however far down the notes
    before them push it. Each report has one more note than the last, moving the heading down a page line by
    line; ``pdftotext -bbox`` says on which page each word is."""
    pdftotext = require_tool("pdftotext")
    with open_history(tmp_path / "history.sqlite3") as history:
        done = ExerciseResult(0, "clamshells", Status.COMPLETED, (SideResult(Side.LEFT, 10, 10, 2, 2),))
        for count in range(1, 46):
            started = MOMENT - timedelta(hours=count)
            session_id = history.start_session("strength", "Strength", 1.0, started, sore_day=count == 1)
            history.record_exercise(session_id, done, "reps", recorded_at=started + timedelta(minutes=10))
            history.end_session(session_id, "completed", started + timedelta(minutes=12), 720, 600)
            history.set_pain(session_id, after=2, note=f"Note number {count}, a line long.")
            target = tmp_path / f"report-{count}.pdf"
            write_report(history, target, TODAY - timedelta(days=27), TODAY, today=TODAY, names={})
            html = subprocess.run(
                [pdftotext, "-bbox", str(target), "-"], check=True, capture_output=True, text=True, timeout=60
            ).stdout
            for page in _pages(html):
                lines: dict[float, list[str]] = {}
                for _, top, _, _, word in page:
                    lines.setdefault(top, []).append(word)
                if ["Sessions"] in lines.values():
                    heading = next(top for top, words in lines.items() if words == ["Sessions"])
                    below = [words for top, words in sorted(lines.items()) if top > heading]
                    assert any("Routine" in words for words in below), f"{count} notes: the heading is alone"
                    header = next(i for i, words in enumerate(below) if "Routine" in words)
                    first_row = [words for words in below[header + 1 :] if any(w.endswith("2026,") for w in words)]
                    assert first_row, f"{count} notes: the table's header is alone"
