"""Every page fits every screen: at 1024x600, at 960x540 (a 1920x1080 screen at 200 %), at 864x486 (the first start
there, in the dark theme) and at 1280x800, and at 1280x800 with the larger text in the high-contrast theme, nothing
of a page lies outside the window, no text is cut, and the window never has to grow past the screen to hold a page.
A screenshot of each page at each size is kept in ``artifacts/layout/`` for a person to look at.

Each size walks the real window through its pages: the routines, History (its overview, its charts as tables and
its sessions), the routine editor, Help → Exercises, every page of Settings, a session (the get-ready with the pain
question, a rep, the side switch, a rest, a hold) and the summary.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.content import load_catalogue
from hipcoach.core.history import open_history
from hipcoach.core.model import DoseValue, Exercise
from hipcoach.core.plan import PhaseKind
from hipcoach.core.settings import Settings, TextSize, Theme
from hipcoach.ui.appearance import follow_settings
from hipcoach.ui.countdown_display import FITTED_HEIGHT
from hipcoach.ui.history_view import HistoryView
from tests.display import artifacts_dir
from tests.factories import entry, routine
from tests.history_seed import seed_history
from tests.ui.editor_rig import Content, answer_next_box
from tests.ui.layout_check import fit_problems, layout_problems, settle
from tests.ui.rig import MakeRig, WindowRig, run_to_summary
from tests.ui.test_services import services_for

SIZES = {
    "1024x600": (QSize(1024, 600), TextSize.NORMAL, Theme.LIGHT),
    "960x540": (QSize(960, 540), TextSize.NORMAL, Theme.LIGHT),  # 1920x1080 at 200 %
    "864x486": (QSize(864, 486), TextSize.NORMAL, Theme.DARK),  # the first start there (screen_fit.first_size)
    "1280x800": (QSize(1280, 800), TextSize.NORMAL, Theme.LIGHT),
    "1280x800-larger": (QSize(1280, 800), TextSize.LARGER, Theme.HIGH_CONTRAST),
    "800x600": (QSize(800, 600), TextSize.NORMAL, Theme.LIGHT),  # narrower than any: the pages reflow
}


def short(exercise: Exercise, **dose: int) -> Exercise:
    values = {key: DoseValue(value) for key, value in dose.items()}
    return dataclasses.replace(exercise, dose=dataclasses.replace(exercise.dose, **values))


@pytest.fixture(autouse=True)
def back_to_the_desktop(qapp: QApplication) -> Iterator[None]:
    yield
    follow_settings(Settings())


class Pages:
    """Checks each page as it comes, and keeps its screenshot."""

    def __init__(self, label: str, size: QSize) -> None:
        self.size = size
        self.out = artifacts_dir() / "layout" / label
        self.out.mkdir(parents=True, exist_ok=True)
        self.problems: dict[str, list[str]] = {}

    def check(self, name: str, window: QWidget, size: QSize | None = None) -> None:
        found = fit_problems(window, size or self.size)
        if found:
            self.problems[name] = found
        window.grab().save(str(self.out / f"{name}.png"))

    def check_window(self, name: str, window: QWidget) -> None:
        """A window of its own (a dialog, the catalogue): it opens on the screen it is on (the test's own screen),
        and at the size of the screen emulated, or less, it fits."""
        settle()
        screen = window.screen().availableGeometry()
        if not screen.contains(window.frameGeometry()):
            self.problems.setdefault(name, []).append(f"opens at {window.frameGeometry().getRect()} on {screen}")
        self.check(name, window, window.size().boundedTo(self.size))


@pytest.fixture
def seeded() -> None:
    with open_history() as store:
        seed_history(store, days=40, start=date.today() - timedelta(days=39), seed=3)


@pytest.mark.parametrize("label", list(SIZES))
def test_every_page_fits_the_screen(label: str, seeded: None, make_rig: MakeRig, qtbot: QtBot, tmp_path: Path) -> None:
    size, text_size, theme = SIZES[label]
    rig: WindowRig = make_rig()
    win = rig.window
    services = services_for(rig, tmp_path)
    pages = Pages(label, size)
    try:
        content = Content(win)
        win.set_routine_files(content.files())
        win.change_settings(text_size=text_size, theme=theme)
        pages.check("chooser", win)

        win.history_action.trigger()
        [view] = win.history_page.findChildren(HistoryView) if win.history_page else []
        pages.check("history-overview", win)
        for panel in (view.heatmap, view.bars, view.pain):
            panel.toggle.setChecked(True)
        pages.check("history-tables", win)
        view.tabs.setCurrentIndex(1)
        view.select_row(0)
        pages.check("history-sessions", win)
        win.summary_view.back_action.trigger()

        qtbot.keyClick(win.chooser.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert win.editor is not None and win.current_page() is win.editor
        pages.check("editor", win)
        if win.editor.has_unsaved_changes():
            answer_next_box("Discard")
        qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key.Key_Escape)

        catalogue = win.show_exercises()
        assert catalogue is not None
        pages.check_window("catalogue", catalogue)
        catalogue.close()

        dialog = win.open_settings()
        for page in dialog.pages:
            dialog.show_page(page.key)
            pages.check_window(f"settings-{page.key}", dialog)
        dialog.reject()

        with qtbot.waitActive(win):
            win.activateWindow()
        win.chooser.focus_list()
        shipped = load_catalogue()
        rig.start(
            routine(
                entry(short(shipped["clamshells"], reps=3, sets=1)),
                entry(short(shipped["pigeon-pose"], hold_seconds=30, sets=1)),
            ),
            keep_pain_question=True,
        )
        assert rig.view.pain_before.isVisible()
        pages.check("session-pain-before", win)
        rig.key(Qt.Key.Key_X)
        rig.run_until(PhaseKind.GET_READY)
        pages.check("session-get-ready", win)
        rig.run_until(PhaseKind.REPS)
        rig.run(3)
        pages.check("session-reps", win)
        rig.run_until(PhaseKind.SWITCH_SIDES)
        pages.check("session-switch", win)
        rig.run_until(PhaseKind.REST)
        pages.check("session-rest", win)
        rig.run_until(PhaseKind.HOLD)
        rig.run(3)
        pages.check("session-hold", win)
        run_to_summary(rig)
        pages.check("summary", win)
    finally:
        services.close()
    assert not pages.problems, "\n".join(f"{page}: {'; '.join(found)}" for page, found in pages.problems.items())


def test_the_session_page_keeps_its_arrangement_through_the_phases_and_searches_again_on_a_resize(
    make_rig: MakeRig,
) -> None:
    """At one size, once an arrangement is found for each kind of phase, a change of phase where it still fits at full
    size keeps it and sets no font again (the search cost 5-10 ms of the GUI thread at each change of phase, a stall
    over the 20 ms target); a new window size or a new text size searches again; the page fits after each."""
    rig: WindowRig = make_rig()
    win, view = rig.window, rig.view
    scales: list[float] = []
    fitting = view.fitting
    real_scale = fitting._scale
    fitting._scale = lambda scale: (scales.append(scale), real_scale(scale))[1]  # type: ignore[method-assign]
    narrow = QSize(720, 700)  # one row of buttons does not fit in every phase
    shipped = load_catalogue()
    per_side = ("clamshells", "hip-abductions", "donkey-kick")
    rig.start(routine(*(entry(short(shipped[name], reps=2, sets=1)) for name in per_side)))
    assert not fit_problems(win, narrow)
    assert scales, "the first fit at this size sized the fonts"
    kinds = (PhaseKind.REPS, PhaseKind.SWITCH_SIDES, PhaseKind.REPS, PhaseKind.REST, PhaseKind.GET_READY)
    arrangements = []
    for exercise in per_side[:2]:
        scales.clear()
        for kind in kinds:
            rig.run_until(kind)
            settle()
            arrangements.append((fitting.is_stacked(), fitting._rows))
            assert not layout_problems(win), (exercise, kind)
    assert scales == [], "the second exercise's phases are fitted by the arrangement the first ones found"
    assert len(set(arrangements[len(kinds) :])) == 1, arrangements

    assert not fit_problems(win, QSize(1280, 800))
    assert len(scales) >= 1
    scales.clear()
    win.change_settings(text_size=TextSize.LARGE)
    settle()
    assert scales, "a new text size sizes the fonts again, at the same scale too"
    assert not layout_problems(win)


@pytest.mark.parametrize("text_size", [TextSize.NORMAL, TextSize.LARGER])
def test_the_pain_question_never_lays_a_line_over_the_countdown(make_rig: MakeRig, text_size: TextSize) -> None:
    """At 864x486 (the first start on a 1920x1080 screen at 200 %) the pain question before a session left the
    countdown too little height and its lines were laid over the number: the page was measured before its nested
    layouts took in the new fonts and arrangement, the sharp-pain choice (not shown) held it tall, and the
    countdown's wrapped lines needed more than the minimum counted. Reached from a larger and a smaller window too
    (the fit depends on no earlier one); in a window too small for the page at all, its lines go under the number."""
    rig: WindowRig = make_rig()
    win = rig.window
    win.change_settings(text_size=text_size)
    shipped = load_catalogue()
    rig.start(routine(entry(short(shipped["leg-swings"], reps=10, sets=1))), keep_pain_question=True)
    countdown = rig.view.countdown
    for size in (QSize(864, 486), QSize(1024, 600), QSize(640, 420), QSize(864, 486), QSize(960, 462)):
        problems = fit_problems(win, size)
        assert rig.view.pain_before.isVisible()
        if size.width() > 640:
            assert problems == [], (size, problems)
            assert countdown.height() >= FITTED_HEIGHT, size
        lines = countdown.parentWidget().children()
        above = lines[lines.index(countdown) + 1 :]  # drawn after it, over it
        over = [line for line in above if isinstance(line, QWidget) and line.isVisible()
                and line.geometry().intersects(countdown.geometry())]  # fmt: skip
        assert over == [], size


def test_the_larger_text_is_not_shown_smaller_than_the_normal_one_on_a_small_window(make_rig: MakeRig) -> None:
    """At 864x486 the Larger text was shrunk to the last of its twelve steps (a third of the Normal one's size):
    the buttons' grid inside the page kept the minimum width it had at the first, largest text (895 px in one row),
    so no size fitted. Each step is now measured as laid out."""
    rig: WindowRig = make_rig()
    win = rig.window
    rig.start(routine(entry(short(load_catalogue()["leg-swings"], reps=10, sets=1))), keep_pain_question=True)
    shown = {}
    for text_size in (TextSize.NORMAL, TextSize.LARGER):
        win.change_settings(text_size=text_size)
        assert fit_problems(win, QSize(864, 486)) == [], text_size
        assert rig.view.countdown.height() >= FITTED_HEIGHT, text_size
        shown[text_size] = rig.view.name_label.font().pointSizeF()
    assert shown[TextSize.LARGER] >= 0.9 * shown[TextSize.NORMAL], shown
