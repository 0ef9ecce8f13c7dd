"""Defects seen at a small window and at the Larger text, each held by a test on the real widgets at that size: the
chosen session's Result column cut and scrolled sideways at 1280x800 with the Larger text; the History's list
scrolling its number columns sideways at 1024x600, and showing nothing under its titles when it goes above the
detail; the chosen session's first line and the summary's time broken in the middle of a part; and the Voice page of
Settings scrolling sideways at 1024x600 from the Large text on (docs/accessibility.md, "Layout"). The layout walk
(test_layout_fits.py) holds every page at the other sizes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
)

from hipcoach.core.content import load_catalogue
from hipcoach.core.history import HistoryStore, open_history
from hipcoach.core.model import DoseValue, Exercise, Side
from hipcoach.core.results import ExerciseResult, SideResult, Status
from hipcoach.core.settings import Settings, TextSize
from hipcoach.ui.appearance import follow_settings
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.screen_fit import room
from tests.display import artifacts_dir
from tests.factories import entry, routine
from tests.history_seed import seed_history
from tests.ui.layout_check import fit_problems, settle
from tests.ui.rig import MakeRig, WindowRig, run_to_summary
from tests.ui.test_services import services_for

SMALL = QSize(1024, 600)
DESIGN = QSize(1280, 800)
# (window, text size): the sizes of the defects, and the others the layout walk holds
SIZES = [
    (SMALL, TextSize.NORMAL),
    (DESIGN, TextSize.LARGER),
    (DESIGN, TextSize.NORMAL),
    (QSize(864, 486), TextSize.NORMAL),
    (SMALL, TextSize.LARGER),
]
IDS = [f"{size.width()}x{size.height()}-{text.value}" for size, text in SIZES]


@pytest.fixture(autouse=True)
def back_to_the_desktop(qapp: QApplication) -> Iterator[None]:
    yield
    follow_settings(Settings())


def short(exercise: Exercise, **dose: int) -> Exercise:
    values = {key: DoseValue(value) for key, value in dose.items()}
    return dataclasses.replace(exercise, dose=dataclasses.replace(exercise.dose, **values))


def unwrapped_lines(label: QLabel) -> bool:
    """The label shows its lines as written: it breaks none of them to fit its width."""
    return label.heightForWidth(label.width()) <= label.heightForWidth(100_000)


@pytest.mark.parametrize(("size", "text_size"), SIZES, ids=IDS)
def test_the_summary_time_breaks_only_between_its_two_facts(
    make_rig: MakeRig, size: QSize, text_size: TextSize
) -> None:
    """At 1024x600 "Time taken: 3:20 (3 minutes exercising)" was broken after "(3", leaving "minutes exercising)"
    alone on the second line. The time and the minutes exercising are now two lines by design, neither broken."""
    rig = make_rig()
    win = rig.window
    win.change_settings(text_size=text_size)
    shipped = load_catalogue()
    rig.start(
        routine(
            entry(short(shipped["clamshells"], reps=3, sets=1)),
            entry(short(shipped["pigeon-pose"], hold_seconds=30, sets=1)),
        )
    )
    run_to_summary(rig)
    assert fit_problems(win, size) == []
    label = win.summary_view.time_label
    assert unwrapped_lines(label), f"{label.text()!r} is broken at {label.width()} px"
    clock, exercising = label.text().splitlines()
    assert clock.startswith("Time taken: ") and exercising.endswith(" exercising"), label.text()


def hard_session(store: HistoryStore) -> int:
    """The newest session, with the longest words a result has: an exercise stopped for sharp pain after an earlier
    attempt, both sides, under the longest routine name the list shows."""
    started = datetime.combine(date.today(), datetime.min.time(), UTC) + timedelta(hours=9)
    session_id = store.start_session("gentle-mobility", "Gentle Mobility", 1.0, started)
    for actual, pain in ((4, False), (2, True)):
        sides = (SideResult(Side.LEFT, 12, actual, 1, 0), SideResult(Side.RIGHT, 12, actual, 1, 0))
        result = ExerciseResult(0, "seated-butterfly-stretch", Status.PARTIAL, sides, sharp_pain=pain)
        store.record_exercise(session_id, result, "reps")
    store.end_session(session_id, "stopped", started + timedelta(minutes=9), 540.0, 480.0)
    store.set_pain(session_id, before=10, after=10)
    return session_id


@pytest.fixture
def hard() -> int:
    with open_history() as store:
        seed_history(store, days=40, start=date.today() - timedelta(days=40), seed=3)
        return hard_session(store)


def shown_lines(label: QLabel) -> list[list[str]]:
    """Each paragraph of a word-wrapped label as the label breaks it into lines at its width."""
    paragraphs = []
    for paragraph in label.text().split("\n"):
        layout = QTextLayout(paragraph, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = []
        line = layout.createLine()
        while line.isValid():
            line.setLineWidth(label.contentsRect().width())
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
            line = layout.createLine()
        layout.endLayout()
        paragraphs.append(lines)
    return paragraphs


def cell_problems(table: QTableView) -> list[str]:
    """Every shown cell whose words do not fit it: wider than its column, or (where the table wraps) taller than
    its row once wrapped; and a table that scrolls sideways."""
    found = []
    if table.horizontalScrollBar().maximum() > 0:
        found.append(f"{table.accessibleName()} scrolls sideways")
    header, model, metrics = table.horizontalHeader(), table.model(), table.fontMetrics()
    # where a cell draws its words: within the grid line, and the style's margin on each side (as Qt paints it)
    margins = int(table.showGrid()) + 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    if header.length() > table.viewport().width():
        found.append(f"{table.accessibleName()}: its columns are {header.length()} wide in {table.viewport().width()}")
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        room = header.sectionSize(column) - margins
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        widest = max(header.fontMetrics().horizontalAdvance(line) for line in title.splitlines())
        if widest > room:
            found.append(f"the title {title!r} needs {widest} px, its column has {room}")
        for row in range(model.rowCount()):
            text = str(model.index(row, column).data())
            flags = Qt.TextFlag.TextWordWrap if table.wordWrap() else 0
            need = metrics.boundingRect(QRect(0, 0, room, 10_000), int(flags), table_text(table, column, text))
            if need.width() > room or need.height() > table.rowHeight(row):
                found.append(
                    f"{text!r} needs {need.width()}x{need.height()}, its cell has {room}x{table.rowHeight(row)}"
                )
    return found


def table_text(table: QTableView, column: int, text: str) -> str:
    """The words as the table lays them out (a column's delegate may keep some of them together)."""
    keep = getattr(table.itemDelegateForColumn(column) or table.itemDelegate(), "laid_out", None)
    return keep(text) if keep is not None else text


def open_sessions(rig: WindowRig, text_size: TextSize) -> HistoryView:
    win = rig.window
    win.change_settings(text_size=text_size)
    win.history_action.trigger()
    [view] = win.history_page.findChildren(HistoryView) if win.history_page else []
    view.tabs.setCurrentIndex(1)
    return view


@pytest.mark.parametrize(("size", "text_size"), SIZES, ids=IDS)
def test_the_sessions_and_the_chosen_one_show_every_word_without_scrolling_sideways(
    hard: int, make_rig: MakeRig, tmp_path: Path, size: QSize, text_size: TextSize
) -> None:
    """At 1280x800 with the Larger text the chosen session's Result column was cut ("Partly …") and its table
    scrolled sideways; at 1024x600 the list of sessions scrolled its number columns sideways. Now neither table
    scrolls sideways and every word shown fits its cell: the list shows the date, the routine and as many of its
    other columns as the room beside the detail allows (the detail says them all), and the detail breaks a long
    result only between its parts."""
    rig = make_rig()
    services = services_for(rig, tmp_path)
    try:
        view = open_sessions(rig, text_size)
        view.select_row(1)
        problems = fit_problems(rig.window, size)
        view.select_session(hard)  # chosen at this size: its columns are shared without a resize
        settle()
        table, detail = view.session_table, view.exercise_table
        assert not table.isColumnHidden(0) and not table.isColumnHidden(1), "the date and the routine always show"
        problems += cell_problems(table) + cell_problems(detail)
        if table.viewport().height() < table.rowHeight(0):
            problems.append(f"the list shows no whole session under its titles ({table.viewport().height()} px)")
        chosen = detail.parentWidget()
        while chosen is not None and chosen.accessibleName() != "Chosen session":
            chosen = chosen.parentWidget()
        assert chosen is not None
        if chosen.horizontalScrollBar().maximum() > 0:
            problems.append("the chosen session scrolls sideways")
        first = shown_lines(view.detail_info)[0]
        problems += [f"{line!r} is broken off its part" for line in first[:-1] if not line.rstrip().endswith("·")]
        name = f"history-sessions-{size.width()}x{size.height()}-{text_size.value}.png"
        rig.window.grab().save(str(artifacts_dir() / name))
    finally:
        services.close()
    assert problems == []


def test_the_sessions_follow_a_new_text_size_while_on_screen(hard: int, make_rig: MakeRig, tmp_path: Path) -> None:
    """The list's columns are measured for the text: a text size chosen while the History is open sizes them again."""
    rig = make_rig()
    services = services_for(rig, tmp_path)
    try:
        view = open_sessions(rig, TextSize.NORMAL)
        view.select_session(hard)
        assert fit_problems(rig.window, DESIGN) == []
        rig.window.change_settings(text_size=TextSize.LARGER)
        problems = fit_problems(rig.window, DESIGN) + cell_problems(view.session_table)
        problems += cell_problems(view.exercise_table)
    finally:
        services.close()
    assert problems == []


def cut_choices(combo: QComboBox) -> list[str]:
    """The choices of a drop-down list that its field shows cut short."""
    option = QStyleOptionComboBox()
    option.rect = combo.rect()
    option.frame = combo.hasFrame()
    control, field = QStyle.ComplexControl.CC_ComboBox, QStyle.SubControl.SC_ComboBoxEditField
    room = combo.style().subControlRect(control, option, field, combo).width()
    texts = [combo.itemText(index) for index in range(combo.count())]
    return [text for text in texts if combo.fontMetrics().horizontalAdvance(text) > room]


SETTINGS_SCREENS = [(screen, size) for screen in (SMALL, QSize(960, 540)) for size in TextSize]
SETTINGS_SCREENS.append((QSize(800, 600), TextSize.NORMAL))  # larger text there: noticed in docs/accessibility.md


@pytest.mark.parametrize(
    ("screen", "text_size"),
    SETTINGS_SCREENS,
    ids=[f"{screen.width()}x{screen.height()}-{size.value}" for screen, size in SETTINGS_SCREENS],
)
def test_no_settings_page_scrolls_sideways_on_a_small_screen(
    make_rig: MakeRig, tmp_path: Path, screen: QSize, text_size: TextSize
) -> None:
    """At 1024x600 the Voice page scrolled sideways from the Large text on (its tick boxes' words cannot wrap, and
    its lists were as wide as their longest choice); at 800x600 the Safety page did at the Normal and Large text
    (its form held 600 px as a minimum). Every page now fits the dialog as it opens on such a screen (the screen
    less its title bar and frame), nothing cut."""
    rig = make_rig()
    services = services_for(rig, tmp_path)
    problems = []
    try:
        rig.window.change_settings(text_size=text_size)
        dialog = rig.window.open_settings()
        size = room(QRect(QPoint(0, 0), screen))
        for page in dialog.pages:
            dialog.show_page(page.key)
            found = fit_problems(dialog, size)
            area = dialog.stack.currentWidget()
            assert isinstance(area, QScrollArea)
            if area.horizontalScrollBar().maximum() > 0:
                found.append(f"scrolls sideways by {area.horizontalScrollBar().maximum()} px")
            found += [f"{text!r} is cut" for combo in page.findChildren(QComboBox) for text in cut_choices(combo)]
            if found:
                problems.append(f"{page.key}: {'; '.join(found)}")
                dialog.grab().save(str(artifacts_dir() / f"settings-{page.key}-{screen.width()}-{text_size.value}.png"))
        dialog.reject()
    finally:
        services.close()
    assert problems == []
