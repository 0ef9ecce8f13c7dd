"""Themes and text size: the colours read in every theme, measured on the rendered pages, and text grows everywhere.

Each theme's palette is checked role by role, and then the real pages are rendered in it and their labels sampled:
a label's text must stand out from what is behind it by 4.5:1 (3:1 when large), as WCAG AA asks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.plan import PhaseKind
from hipcoach.core.settings import Settings, TextSize, Theme
from hipcoach.ui.appearance import follow_settings, theme_palette
from hipcoach.ui.settings_dialog import AppearancePage
from hipcoach.ui.widgets import TEXT_CONTRAST, contrast, set_font
from tests.display import artifacts_dir
from tests.ui.rig import WindowRig, run_to_summary, three_exercises

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
    failing = []
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip() or label.width() < 4 or label.height() < 4:
            continue
        large = label.font().pointSizeF() >= 18 or (label.font().bold() and label.font().pointSizeF() >= 14)
        ratio = label_contrast(label.grab().toImage())
        if ratio < (3.0 if large else TEXT_CONTRAST):
            failing.append((label.text()[:30], round(ratio, 2)))
    return failing


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK, Theme.HIGH_CONTRAST])
def test_every_label_of_the_pages_reads_in_each_theme(rig: WindowRig, theme: Theme) -> None:
    window = rig.window
    window.resize(1280, 800)
    window.change_settings(theme=theme)
    QApplication.processEvents()
    assert window.palette().color(ROLE.Window) == QApplication.palette().color(ROLE.Window)
    out = artifacts_dir() / "themes"
    out.mkdir(parents=True, exist_ok=True)
    window.set_routines(builtin_routines(load_catalogue()))
    for _ in range(3):  # the details are laid out after the list is filled
        QApplication.processEvents()
    assert unreadable(window.chooser) == []
    window.grab().save(str(out / f"chooser-{theme.value}.png"))
    rig.start(three_exercises())
    rig.run_until(PhaseKind.REPS)
    rig.run(3)
    assert unreadable(rig.view) == []
    window.grab().save(str(out / f"session-{theme.value}.png"))
    if theme is Theme.DARK:  # the countdown paints itself: light digits on the dark window
        digits = rig.view.countdown.grab().toImage()
        assert label_contrast(digits) >= 3.0
    run_to_summary(rig)
    assert unreadable(window.summary_view) == []
    window.grab().save(str(out / f"summary-{theme.value}.png"))


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
