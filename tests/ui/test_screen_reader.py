"""What a screen reader hears of the window: each label by its text, the countdown with its number.

A screen reader reads a label by its accessible name only; a label given a fixed name ("Exercise", "Step 1",
"Result") was read as that caption, and the exercise, the steps and the summary were never heard. These tests ask
Qt's accessibility interface (what AT-SPI exports) rather than the widget, so they see what a screen reader sees.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QWidget

from hipcoach.core.plan import PhaseKind
from tests.ui.rig import WindowRig, run_to_summary, three_exercises


def heard(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface.text(QAccessible.Text.Name)


def silent_labels(page: QWidget) -> list[tuple[str, str]]:
    """The visible labels whose text a screen reader would not hear: (text, what it hears instead)."""
    missing = []
    for label in page.findChildren(QLabel):
        text = label.text().strip()
        if not label.isVisible() or not text or label.textFormat() != label.textFormat().PlainText:
            continue
        if text.split("\n")[0][:40] not in heard(label):
            missing.append((text[:40], heard(label)))
    return missing


def test_the_session_page_is_heard_by_its_text(rig: WindowRig) -> None:
    rig.window.resize(1280, 800)
    rig.start(three_exercises())
    rig.run_until(PhaseKind.REPS)
    rig.run(3)
    view = rig.view
    assert silent_labels(view) == []
    assert view.name_label.text() in heard(view.name_label)  # the exercise, not "Exercise"
    number = view.countdown.text()
    assert number and heard(view.countdown).endswith(f": {number}")  # "Rep: 2", read with its meaning
    rig.run(4)
    assert view.countdown.text() != number and heard(view.countdown).endswith(f": {view.countdown.text()}")


def test_the_summary_is_heard_by_its_text(rig: WindowRig) -> None:
    rig.window.resize(1280, 800)
    rig.start(three_exercises())
    run_to_summary(rig)
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    assert silent_labels(summary) == []
