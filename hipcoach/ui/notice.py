"""The health notice, in our own words: a banner above the routines the first time, a window from Help after that.

A banner rather than a dialog: someone who opens the app to exercise should be able to read it and start, not be
stopped by a box they have to click away before they can see anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from hipcoach.ui.widgets import ACCENT_REST, set_font, text_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

NOTICE_TITLE = "Before you start"
NOTICE_TEXT = (
    "This app gives general exercise guidance. It is not a diagnosis and not a treatment plan. "
    "Stop any exercise that causes sharp pain. "
    "If your pain persists or gets worse, see a qualified professional such as a doctor or a physiotherapist."
)


class HealthNoticeBanner(QFrame):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthNotice")
        self.setStyleSheet(f"QFrame#healthNotice {{ border: 2px solid {ACCENT_REST.name()}; border-radius: 10px; }}")
        self.setAccessibleName("Health notice")
        title = text_label(NOTICE_TITLE, scale=1.5, bold=True, name=NOTICE_TITLE)
        self.text_label = text_label(NOTICE_TEXT, scale=1.25, name="Health notice text")
        self.got_it_button = QPushButton("Got it")
        self.got_it_button.setAccessibleName("Got it: hide the health notice")
        self.got_it_button.setToolTip("Hide this notice; Help, Health notice shows it again")
        set_font(self.got_it_button, 1.3, bold=True)
        self.got_it_button.setMinimumHeight(44)
        self.got_it_button.clicked.connect(self._dismiss)

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(self.text_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addLayout(text, 1)
        layout.addWidget(self.got_it_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


def show_notice_window(parent: QWidget) -> QMessageBox:
    """Help, Health notice: the same words in a window that does not block the session behind it."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - not needed for the first frame

    box = QMessageBox(QMessageBox.Icon.Information, NOTICE_TITLE, NOTICE_TEXT, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("healthNoticeWindow")
    box.setModal(False)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box
