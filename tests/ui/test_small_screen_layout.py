"""Three defects seen at a small window and at the Larger text, each held by a test on the real widgets at that
size: the chosen session's Result column cut and scrolled sideways at 1280x800 with the Larger text, the History's
list scrolling its number columns sideways at 1024x600, the summary's time broken in the middle of its parenthesis
at 1024x600; and the Voice page of Settings scrolling sideways at 1024x600 with a larger text
(docs/accessibility.md, "Layout"). The layout walk (test_layout_fits.py) holds the other sizes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QLabel

from hipcoach.core.content import load_catalogue
from hipcoach.core.model import DoseValue, Exercise
from hipcoach.core.settings import Settings, TextSize
from hipcoach.ui.appearance import follow_settings
from tests.factories import entry, routine
from tests.ui.layout_check import fit_problems
from tests.ui.rig import MakeRig, run_to_summary

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
