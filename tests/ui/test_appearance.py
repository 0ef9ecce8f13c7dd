"""Themes and text size: the colours read in every theme, measured on the rendered pages, and text grows everywhere.

Each theme's palette is checked role by role, and then every page is rendered in it and sampled: a label's or a
button's words must stand out from what is behind them by 4.5:1 (3:1 when large), a chart's marks and the focus
ring by 3:1, as WCAG AA asks. The pictures of docs/design.md come from the same walk.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hipcoach.core.settings import Settings, TextSize, Theme
from hipcoach.ui.appearance import follow_settings, theme_palette
from hipcoach.ui.charts.widgets import ChartWidget
from hipcoach.ui.design import LARGE_TEXT_CONTRAST
from hipcoach.ui.focus_ring import ring_colour
from hipcoach.ui.settings_dialog import AppearancePage
from hipcoach.ui.widgets import TEXT_CONTRAST, contrast, set_font
from tests.display import artifacts_dir
from tests.ui.page_tour import seeded_window, tour
from tests.ui.rig import WindowRig, run_to_summary, three_exercises

# The pages docs/design.md shows, in each theme; HIPCOACH_DESIGN_PICTURES=1 writes them into docs/design/.
DOC_PAGES = ("chooser", "session", "summary", "history", "editor", "settings-appearance")
DOC_WIDTH = 640
REPO_ROOT = Path(__file__).resolve().parents[2]


def design_pictures_dir() -> Path | None:
    if os.environ.get("HIPCOACH_DESIGN_PICTURES") != "1":
        return None
    folder = REPO_ROOT / "docs" / "design"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


ROLE = QPalette.ColorRole
PAIRS = [
    (ROLE.WindowText, ROLE.Window),
    (ROLE.Text, ROLE.Base),
    (ROLE.ButtonText, ROLE.Button),
    (ROLE.HighlightedText, ROLE.Highlight),
    (ROLE.PlaceholderText, ROLE.Base),
    (ROLE.ToolTipText, ROLE.ToolTipBase),
]


@pytest.fixture(autouse=True)
def back_to_the_desktop(qapp: QApplication) -> Iterator[None]:
    """Every other test runs in the desktop's look: put it back, whatever a test chose."""
    yield
    follow_settings(Settings())


@pytest.mark.parametrize("theme", list(Theme))
def test_each_theme_palette_reads(qapp: QApplication, theme: Theme) -> None:
    palette = theme_palette(theme, qapp.palette(), qapp.style().standardPalette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for front, back in PAIRS:
            ratio = contrast(palette.color(group, front), palette.color(group, back))
            assert ratio >= TEXT_CONTRAST, (theme, front, back, round(ratio, 2))


def label_contrast(image: QImage) -> float:
    """What is behind the text (the commonest colour) against the colour of the text (the one furthest from it)."""
    colours = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    behind = QColor.fromRgb(colours.most_common(1)[0][0])
    return max(contrast(behind, QColor.fromRgb(colour)) for colour in colours)


def unreadable(page: QWidget) -> list[tuple[str, float]]:
    """Every label's and every button's words against what is behind them, as painted."""
    failing = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisible() or not widget.text().strip():
            continue
        if widget.width() < 4 or widget.height() < 4 or not widget.isEnabled():  # WCAG leaves out what is off
            continue
        font = widget.font()
        large = font.pointSizeF() >= 18 or (font.bold() and font.pointSizeF() >= 14)
        image = widget.grab().toImage()
        if isinstance(widget, QPushButton | QToolButton):  # inside its outline: on a gradient face (Fusion's dark
            image = image.copy(2, 2, image.width() - 4, image.height() - 4)  # one) the outline is the commonest
        ratio = label_contrast(image)
        if ratio < (3.0 if large else TEXT_CONTRAST):
            failing.append((f"{type(widget).__name__} {widget.text()[:30]}", round(ratio, 2)))
    return failing


def faint_marks(page: QWidget) -> list[str]:
    """Chart marks (each level of the calendar, the bars, the pain line) under 3:1 against the chart's background
    and the calendar's empty day."""
    found = []
    for chart in page.findChildren(ChartWidget):
        if not chart.isVisible():
            continue
        style = chart.chart_style()
        for k, mark in enumerate([style.accent, *style.heat[1:]]):
            for behind in (style.background, style.heat[0]):
                if contrast(mark, behind) < LARGE_TEXT_CONTRAST:
                    found.append(f"{chart.chart.title} mark {k} {mark.name()} on {behind.name()}")
    return found


def outlined_buttons_match_the_theme(page: QWidget) -> list[str]:
    """A button's face is the theme's, not the light one it was made with: on a dark page, no light buttons."""
    window = page.palette().color(ROLE.Window)
    found = []
    for button in page.findChildren(QAbstractButton):
        if not button.isVisible() or button.isChecked() or button.width() < 8 or button.height() < 8:
            continue
        image = button.grab().toImage()
        face = QColor.fromRgb(image.pixel(image.width() // 2, 2 + image.height() // 8))
        if abs(face.lightness() - window.lightness()) > 120:
            found.append(f"{button.text() or button.accessibleName()}: {face.name()} on {window.name()}")
    return found


def faint_button_edges(page: QWidget) -> list[str]:
    """Every button (not a flat one) whose outline, the strongest of its first pixels across its left edge at mid
    height, stands out less than 3:1 from the window: the face is hardly different from the window in any theme."""
    found = []
    for button in page.findChildren(QAbstractButton):
        if not isinstance(button, QPushButton | QToolButton) or not button.isVisible() or not button.isEnabled():
            continue
        if button.width() < 8 or button.height() < 8 or (isinstance(button, QPushButton) and button.isFlat()):
            continue
        if isinstance(button, QToolButton) and button.autoRaise():
            continue
        ratio = edge_contrast(button, 0, button.height() // 2)
        if ratio < LARGE_TEXT_CONTRAST:
            found.append(f"{type(button).__name__} {button.text() or button.accessibleName()}: edge {ratio:.2f}")
    return found


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK, Theme.HIGH_CONTRAST])
def test_every_page_reads_in_each_theme(rig: WindowRig, qtbot: QtBot, tmp_path: Path, theme: Theme) -> None:
    """Every label and button of every page, the chart marks and the focus ring, in each theme, from the pixels."""
    window = rig.window
    window.change_settings(theme=theme)
    QApplication.processEvents()
    assert window.palette().color(ROLE.Window) == QApplication.palette().color(ROLE.Window)
    out = artifacts_dir() / "themes"
    out.mkdir(parents=True, exist_ok=True)
    pictures = design_pictures_dir()
    seen = []
    problems: list[object] = []
    with seeded_window(rig, tmp_path):
        for name, page in tour(rig, qtbot):
            seen.append(name)
            problems += [(name, problem) for problem in unreadable(page)]
            problems += [(name, problem) for problem in faint_marks(page)]
            problems += [(name, problem) for problem in outlined_buttons_match_the_theme(page)]
            problems += [(name, problem) for problem in faint_button_edges(page)]
            ring = ring_colour(page.palette())
            if contrast(ring, page.palette().color(ROLE.Window)) < LARGE_TEXT_CONTRAST:
                problems.append((name, f"focus ring {ring.name()}"))
            if name == "session" and theme is Theme.DARK:  # the countdown paints itself: light digits, dark window
                assert label_contrast(rig.view.countdown.grab().toImage()) >= LARGE_TEXT_CONTRAST
            shown = page if name.startswith("settings") else window
            picture = shown.grab()
            picture.save(str(out / f"{name}-{theme.value}.png"))
            if pictures is not None and name in DOC_PAGES:
                small = picture.scaledToWidth(DOC_WIDTH, Qt.TransformationMode.SmoothTransformation)
                small.save(str(pictures / f"{name}-{theme.value}.png"))
    assert set(DOC_PAGES) <= set(seen)
    assert not problems, "\n".join(map(str, problems))


def test_pages_made_before_the_theme_changes_follow_it(rig: WindowRig) -> None:
    """The summary's pain buttons stayed light on a dark page when the theme changed after they were made (a
    style sheet fixes a widget's palette when it is set)."""
    rig.window.change_settings(theme=Theme.LIGHT)
    rig.start(three_exercises())
    run_to_summary(rig)
    summary = rig.window.summary_view
    for theme in (Theme.DARK, Theme.HIGH_CONTRAST, Theme.LIGHT):
        rig.window.change_settings(theme=theme)
        QApplication.processEvents()
        assert outlined_buttons_match_the_theme(summary) == [], theme
        assert unreadable(summary) == [], theme


def edge_contrast(widget: QWidget, x: int, y: int) -> float:
    """The strongest of the three pixels at the edge that starts at (x, y), against the window."""
    image = widget.grab().toImage()
    window = widget.palette().color(ROLE.Window)
    return max(contrast(QColor.fromRgb(image.pixel(x + k, y)), window) for k in range(3))


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK, Theme.HIGH_CONTRAST])
def test_fields_and_tick_boxes_show_their_edges(qtbot: QtBot, theme: Theme) -> None:
    """Fusion outlined them in the window's colour a little darker: 2:1 on light, 1.1:1 on dark, none on black."""
    follow_settings(Settings(theme=theme))
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    tick, choice, field = QCheckBox("Reduce motion"), QRadioButton("Left"), QLineEdit()
    number, chooser, text = QSpinBox(), QComboBox(), QPlainTextEdit()
    chooser.addItem("Dark")
    for widget in (tick, choice, field, number, chooser, text):
        column.addWidget(widget)
    page.resize(300, 160)
    page.show()
    qtbot.waitExposed(page)
    for button, element in (
        (tick, QStyle.SubElement.SE_CheckBoxIndicator),
        (choice, QStyle.SubElement.SE_RadioButtonIndicator),
    ):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        box = button.style().subElementRect(element, option, button)
        assert edge_contrast(button, box.left(), box.center().y()) >= LARGE_TEXT_CONTRAST, (theme, button.text())
    for box in (field, number, chooser, text):
        assert edge_contrast(box, 0, box.height() // 2) >= LARGE_TEXT_CONTRAST, (theme, type(box).__name__)


def indicator(button: QCheckBox | QRadioButton) -> QRect:
    """Where the style puts the tick box or the round choice of ``button``."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    element = QStyle.SubElement.SE_CheckBoxIndicator
    if isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonIndicator
    return button.style().subElementRect(element, option, button)


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK, Theme.HIGH_CONTRAST])
def test_the_settings_tick_boxes_and_round_choices_grow_with_the_text(
    rig: WindowRig, qtbot: QtBot, theme: Theme
) -> None:
    """Fusion drew them 14 px beside the dialog's 21 px lines, at every text size, and the safety questions' round
    choices 26 px beside 31 px lines at the Larger text: they are a line of their text high (20 px at least), and
    their edge stands out 3:1 at each size."""
    window = rig.window
    heights: dict[TextSize, list[int]] = {}
    for text_size in (TextSize.NORMAL, TextSize.LARGER):
        window.change_settings(theme=theme, text_size=text_size)
        dialog = window.open_settings()
        qtbot.waitExposed(dialog)
        found = heights.setdefault(text_size, [])
        for key in ("session", "safety", "appearance"):
            dialog.show_page(key)
            QApplication.processEvents()
            page = dialog.page(key)
            assert page is not None
            buttons = [b for b in page.findChildren(QAbstractButton) if isinstance(b, QCheckBox | QRadioButton)]
            buttons = [button for button in buttons if button.isVisible()]
            assert buttons, key
            for button in buttons:
                box = indicator(button)
                assert box.height() >= button.fontMetrics().height() - 1 and box.height() >= 20, (key, button.text())
                edge = edge_contrast(button, box.left(), box.center().y())
                if button.isEnabled():  # WCAG leaves out what is switched off (the hip, until "Yes")
                    assert edge >= LARGE_TEXT_CONTRAST, (key, button.text(), round(edge, 2))
                found.append(box.height())
        dialog.reject()
    assert min(heights[TextSize.LARGER]) >= 1.3 * min(heights[TextSize.NORMAL]), heights


def test_the_text_size_grows_every_label_and_later_dialogs(rig: WindowRig, qapp: QApplication) -> None:
    desktop = QFont().pointSizeF()
    label = rig.window.chooser.findChildren(QLabel)[0]
    before = label.font().pointSizeF()
    rig.window.change_settings(text_size=TextSize.LARGER)
    assert QFont().pointSizeF() == pytest.approx(desktop * 1.5)
    assert label.font().pointSizeF() == pytest.approx(before * 1.5, rel=0.02)
    box = QMessageBox(QMessageBox.Icon.Question, "Delete?", "Delete this routine?", parent=rig.window)
    assert box.font().pointSizeF() == pytest.approx(desktop * 1.5)  # dialogs made afterwards follow
    later = QLabel("new")
    set_font(later, 2.0, bold=True)
    assert later.font().pointSizeF() == pytest.approx(desktop * 3.0) and later.font().bold()
    rig.window.change_settings(text_size=TextSize.NORMAL)
    assert label.font().pointSizeF() == pytest.approx(before, rel=0.02)
    assert later.font().bold()  # sized again, still bold


def test_the_appearance_page_applies_the_theme_at_once_and_saves_it(rig: WindowRig, qtbot: QtBot) -> None:
    window = rig.window
    dialog = window.open_settings("appearance")
    page = dialog.page("appearance")
    assert isinstance(page, AppearancePage)
    page.theme.setCurrentIndex(page.theme.findData(Theme.DARK.value))
    page.text_size.setCurrentIndex(page.text_size.findData(TextSize.LARGE.value))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert QApplication.palette().color(ROLE.Window).lightness() < 60
    assert window.palette().color(ROLE.Window) == QApplication.palette().color(ROLE.Window)
    assert window.settings.theme is Theme.DARK and window.settings.text_size is TextSize.LARGE
    saved = rig.saved[-1]  # what the window writes to settings.json
    assert (saved.theme, saved.text_size) == (Theme.DARK, TextSize.LARGE)
