"""The History page, its calendar and the report show the dose and version of each session where it differs from the
routine as written, and mark sore-day sessions, so a physiotherapist can follow the progression. Real store, real
widgets offscreen, the real PDF read back by poppler."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hipcoach.core import content
from hipcoach.core.dose_plan import DoseNumbers, PlannedEntry, planned_entries
from hipcoach.core.history import HistoryStore, open_history
from hipcoach.core.model import Side
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.stats import SessionDay, calendar
from hipcoach.ui.charts.heatmap import SORE_DAY_LABEL, CalendarHeatmap
from hipcoach.ui.charts.style import ChartStyle
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.plan_words import SORE_DAY_NOTE, PlanWords, load_plan_words, plan_text
from hipcoach.ui.report import write_report
from hipcoach.ui.report_tables import exercise_names, names_with_versions
from tests.display import artifacts_dir
from tests.history_seed import seed_history
from tests.tools import require_tool

TODAY = date(2026, 3, 18)
HARDER_BRIDGE = PlannedEntry("bridge", "single-leg-bridge", DoseNumbers(sets=2, reps=6))


def _strength_plan() -> list[PlannedEntry]:
    catalogue = content.load_catalogue()
    routine = next(r for r in content.builtin_routines(catalogue) if r.id == "strength")
    return list(planned_entries(routine))


def _adapted_plan() -> list[PlannedEntry]:
    """The bridge done as its harder version, the clamshells at 13 reps, everything else as written."""
    plan = _strength_plan()
    for index, entry in enumerate(plan):
        if entry.exercise_id == "bridge":
            plan[index] = HARDER_BRIDGE
        elif entry.exercise_id == "clamshells":
            plan[index] = replace(entry, dose=replace(entry.dose, reps=13))
    return plan


def _session(store: HistoryStore, day: date, plan: list[PlannedEntry], *, sore_day: bool = False) -> int:
    began = datetime.combine(day, time(9)).astimezone(UTC)
    session = store.start_session("strength", "Strength", 1.0, began, plan=plan, sore_day=sore_day)
    for index, entry in enumerate(plan[:5]):
        sides = (SideResult(Side.LEFT, 6, 6, 2, 2), SideResult(Side.RIGHT, 6, 6, 2, 2))
        store.record_exercise(session, ExerciseResult(index, entry.done_id, Status.COMPLETED, sides), "reps")
    store.end_session(session, "completed", began + timedelta(minutes=12), 720.0, 700.0)
    return session


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with open_history(tmp_path / "history.sqlite3") as opened:
        seed_history(opened, days=90, start=TODAY - timedelta(days=93), seed=4)
        _session(opened, TODAY - timedelta(days=2), _strength_plan())
        _session(opened, TODAY - timedelta(days=1), _adapted_plan())
        _session(opened, TODAY, _adapted_plan()[:3], sore_day=True)
        yield opened


def make_view(qtbot: QtBot, store: HistoryStore) -> HistoryView:
    view = HistoryView(store, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_the_list_marks_sore_day_sessions_and_the_detail_says_what_was_not_as_written(
    qtbot: QtBot, store: HistoryStore
) -> None:
    view = make_view(qtbot, store)
    view.tabs.setCurrentIndex(1)
    assert view.session_model.text(0, 1) == "Sore day: Strength"  # in front: a narrow column cuts the end
    assert view.session_model.text(1, 1) == "Strength"
    view.select_row(0)
    assert SORE_DAY_NOTE in view.detail_info.text()
    view.select_row(1)
    detail = view.detail_info.text()
    assert SORE_DAY_NOTE not in detail
    assert "Changed from the routine: Clamshells: 13 reps each leg" in detail
    assert "Single-Leg Glute Bridge (harder version of Bridge): 6 reps each leg · 2-second hold · 2 sets" in detail
    rows = [view.exercise_model.index(r, 0).data() for r in range(view.exercise_model.rowCount())]
    assert "Single-Leg Glute Bridge" in rows  # the version's results, under the version's name
    view.select_row(2)  # the routine as written: nothing to say
    assert "Changed from the routine" not in view.detail_info.text()
    view.select_row(3)  # recorded before plans were kept
    assert "Changed from the routine" not in view.detail_info.text()
    folder = artifacts_dir()
    view.select_row(1)
    QApplication.processEvents()  # the detail's new lines laid out before the picture
    assert view.grab().toImage().save(str(folder / "history-panel-plan.png"))
    view.tabs.setCurrentIndex(0)
    assert view.grab().toImage().save(str(folder / "history-panel-sore-day.png"))


def test_an_entry_as_written_says_nothing_and_a_routine_not_known_compares_with_the_exercise() -> None:
    words = load_plan_words()
    plan = _strength_plan()
    assert plan_text(plan, "strength", words, {}) == ""
    assert plan_text(_adapted_plan(), "strength", words, {}).startswith("Changed from the routine: Clamshells: 13 reps")
    gone = plan_text(plan, "deleted-since", words, {})  # the exercises' own doses: the same as the strength routine's
    assert gone == ""
    unknown = PlannedEntry("bridge", "moon-bridge", DoseNumbers(sets=3, reps=5, hold_seconds=4))
    assert plan_text([unknown], "strength", PlanWords(), {}) == (
        "Changed from the routine: Moon bridge (version of Bridge): 5 reps · 4-second hold · 3 sets."
    )


def test_every_version_is_named() -> None:
    catalogue = content.load_catalogue()
    every = content.with_variants(catalogue)
    assert {key: exercise.name for key, exercise in every.items()} == names_with_versions(catalogue)
    assert exercise_names() == names_with_versions(catalogue)


def test_the_calendar_marks_a_sore_day_with_a_dot_its_legend_and_tooltip(qapp: object) -> None:
    days = [SessionDay(TODAY, 12.0, sore_day=True), SessionDay(TODAY - timedelta(days=1), 12.0)]
    chart = CalendarHeatmap(calendar(days, TODAY), TODAY)
    font = QFont()
    font.setPointSizeF(10)
    image = QImage(900, 220, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    rect = QRectF(0, 0, 900, 220)
    painter = QPainter(image)
    chart.paint(painter, rect, ChartStyle.for_print(font))
    painter.end()
    grid = chart.layout(rect, QFontMetricsF(font, image))
    sore, plain = grid.cell_rect(TODAY), grid.cell_rect(TODAY - timedelta(days=1))
    assert image.pixelColor(sore.center().toPoint()).lightness() < 60  # the dot, in the text's colour
    assert image.pixelColor(plain.center().toPoint()).lightness() > 60  # the same minutes, no dot
    tip = chart.tooltip_at(rect, sore.center(), QFontMetricsF(font, image))
    assert tip == f"18 March 2026: 1 session (1 {SORE_DAY_LABEL}), 12 minutes"
    assert len(chart.sore_days) == 1


def test_the_report_follows_the_doses_and_marks_the_sore_days(
    qapp: object, store: HistoryStore, tmp_path: Path
) -> None:
    pdftotext = require_tool("pdftotext")
    pdftoppm = require_tool("pdftoppm")
    target = tmp_path / "report.pdf"
    write_report(store, target, TODAY - timedelta(days=27), TODAY, today=TODAY)
    text = subprocess.run([pdftotext, str(target), "-"], check=True, capture_output=True, text=True, timeout=60).stdout
    flat = " ".join(text.split())
    assert "Doses and versions" in flat
    assert "Strength: Clamshells: 13 reps each leg · 2 sets; Single-Leg Glute Bridge (harder version of Bridge)" in flat
    assert "Strength, sore day: 3 of 5 exercises." in flat
    assert "Sore day: Strength" in flat
    assert SORE_DAY_NOTE in flat
    page = next(n for n, words in enumerate(text.split("\f"), start=1) if "Doses and versions" in words)
    prefix = artifacts_dir() / "history-report-plan-page"
    subprocess.run(
        [pdftoppm, "-r", "70", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(target), str(prefix)],
        check=True,
        timeout=60,
    )
    assert not QImage(str(prefix) + ".png").isNull()


def test_a_history_without_plans_has_no_doses_section(qapp: object, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    with open_history(tmp_path / "history.sqlite3") as old:
        seed_history(old, days=30, start=TODAY - timedelta(days=29), seed=2, plans=False)
        write_report(old, tmp_path / "report.pdf", TODAY - timedelta(days=27), TODAY, today=TODAY)
    text = subprocess.run(
        [pdftotext, str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert "Doses and versions" not in text


def test_results_under_a_versions_id_show_that_versions_name(qtbot: QtBot, tmp_path: Path) -> None:
    """The half bridge is not one of the 18: its results (recorded under its id) show its own name, and the detail
    says it was the bridge's easier version."""
    easier = content.load_catalogue()["bridge"].easier
    assert easier is not None
    name = content.with_variants(content.load_catalogue())[easier.id].name
    with open_history(tmp_path / "history.sqlite3") as store:
        _session(store, TODAY, [PlannedEntry("bridge", easier.id, DoseNumbers(sets=1, reps=8))])
        view = make_view(qtbot, store)
        view.tabs.setCurrentIndex(1)
        view.select_row(0)
        names = [view.exercise_model.index(r, 0).data() for r in range(view.exercise_model.rowCount())]
        assert names == [name, name]
        assert f"{name} (easier version of Bridge): 8 reps" in view.detail_info.text()
        assert names_with_versions(content.load_catalogue())[easier.id] == name
