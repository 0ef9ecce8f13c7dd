"""Text on the selection colour reads from the mat: 4.5:1 (WCAG AA), whatever the desktop's palette."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

import hipcoach.app
from hipcoach.core.model import Routine
from hipcoach.options import EXIT_OK, AppOptions
from hipcoach.ui.widgets import TEXT_CONTRAST, contrast, readable_palette
from tests.factories import entry, exercise, routine

GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
ROLES = (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText)


def selection(palette: QPalette, group: QPalette.ColorGroup) -> float:
    return contrast(*(palette.color(group, role) for role in ROLES))


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast(QColor("white"), QColor("black")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("white"), QColor("#308cc6")) == pytest.approx(3.7, abs=0.05)  # Qt's own default


@pytest.mark.parametrize(
    ("highlight", "text"),
    [
        ("#308cc6", "#ffffff"),
        ("#76b5ff", "#ffffff"),
        ("#2a5a9a", "#101010"),
        ("#ffd000", "#ffffff"),
        ("#000000", "#ffffff"),
    ],
)
def test_the_selection_is_made_readable_keeping_its_hue(highlight: str, text: str) -> None:
    palette = QPalette()
    for group in GROUPS:
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(highlight))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(text))
    fixed = readable_palette(palette)
    for group in GROUPS:
        assert selection(fixed, group) >= TEXT_CONTRAST
        assert fixed.color(group, QPalette.ColorRole.HighlightedText) == QColor(text)
        if contrast(QColor(highlight), QColor(text)) >= TEXT_CONTRAST:  # already readable: left as the desktop has it
            assert fixed.color(group, QPalette.ColorRole.Highlight) == QColor(highlight)
        else:
            assert abs(fixed.color(group, QPalette.ColorRole.Highlight).hslHue() - QColor(highlight).hslHue()) <= 3


def test_the_app_runs_with_a_readable_palette(serve_app: Callable[[Routine], None], qapp: QApplication) -> None:
    faint = QPalette(qapp.palette())
    for group in GROUPS:
        faint.setColor(group, QPalette.ColorRole.Highlight, QColor("#308cc6"))
        faint.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        faint.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#8a8a8a"))
    qapp.setPalette(faint)
    serve_app(routine(entry(exercise("a", reps=1))))
    options = AppOptions(start="test", time_scale=1000, quit_when_done=True)
    assert hipcoach.app.run_app(options) == EXIT_OK
    for group in GROUPS:
        assert selection(qapp.palette(), group) >= TEXT_CONTRAST
        roles = (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base)
        hint, base = (qapp.palette().color(group, role) for role in roles)
        assert contrast(hint, base) >= TEXT_CONTRAST
