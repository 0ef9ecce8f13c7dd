"""Notices: the health notice, and the problems worth knowing that must not stop a session.

The health notice, in our own words, is a banner above the routines the first time and a window from Help after
that. A banner rather than a dialog: someone who opens the app to exercise should be able to read it and start, not
be stopped by a box they have to click away before they can see anything.

Problems (the history cannot record, no audio output, a routine that did not start) go to the :class:`NoticeArea`
above every page. They have priorities and never hide one another: each stays until the user presses its OK, the
most important first, so "your session is not recorded" is not pushed away a moment later by "No audio output".
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hipcoach.core.advice import NOTICE_TEXT, TIPS, TIPS_POINTER, TIPS_TITLE
from hipcoach.ui.design import BODY, CAPTION, FRAME_PADDING, LEAD, SPACE_M, SPACE_S, SPACE_XL
from hipcoach.ui.widgets import ACCENT_REST, ACCENT_WARNING, set_font, text_label

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

NOTICE_TITLE = "Before you start"


class HealthNoticeBanner(QFrame):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthNotice")
        self.setStyleSheet(f"QFrame#healthNotice {{ border: 2px solid {ACCENT_REST.name()}; border-radius: 10px; }}")
        self.setAccessibleName("Health notice")
        title = text_label(NOTICE_TITLE, scale=LEAD, bold=True, name=NOTICE_TITLE)
        self.text_label = text_label(NOTICE_TEXT, scale=BODY, name="Health notice text")
        self.tips_label = text_label(TIPS_POINTER, scale=CAPTION, name="Where the tips are")
        self.got_it_button = QPushButton("Got it")
        self.got_it_button.setAccessibleName("Got it: hide the health notice")
        self.got_it_button.setToolTip("Hide this notice; Help, Health notice shows it again")
        set_font(self.got_it_button, BODY, bold=True)
        self.got_it_button.setMinimumHeight(44)
        self.got_it_button.clicked.connect(self._dismiss)

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(self.text_label)
        text.addWidget(self.tips_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_M, SPACE_XL, SPACE_M)
        layout.addLayout(text, 1)
        layout.addWidget(self.got_it_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


def show_notice_window(parent: QWidget) -> QMessageBox:
    """Help, Health notice: the same words in a window that does not block the session behind it."""
    return _show_text_window(parent, NOTICE_TITLE, NOTICE_TEXT, "healthNoticeWindow")


def show_tips_window(parent: QWidget) -> QMessageBox:
    """Help, Tips for your hip: the article's advice around the exercises, in our words (core/advice.py)."""
    import html  # noqa: PLC0415 - with its table of 2,000 named characters, only when the tips are opened

    paragraphs = (f"<p><b>{html.escape(heading)}</b><br>{html.escape(text)}</p>" for heading, text in TIPS)
    return _show_text_window(parent, TIPS_TITLE, "".join(paragraphs), "tipsWindow", rich=True)


def _show_text_window(parent: QWidget, title: str, text: str, name: str, *, rich: bool = False) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - not needed for the first frame

    box = QMessageBox(QMessageBox.Icon.Information, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    box.setText(text)
    box.setObjectName(name)
    box.setModal(False)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


class Priority(enum.IntEnum):
    """Higher comes first. A history problem means sessions may not be recorded: it matters most."""

    INFO = 0  # a routine that could not be started, the data deleted
    SOUND = 1  # no voice, no audio output
    HISTORY = 2  # the history cannot record, was repaired, is read-only or locked


MAX_SHOWN: Final = 3  # more would push the session off the screen; the rest come up as these are read


class _NoticeRow(QFrame):
    def __init__(self, text: str, priority: Priority, on_read: object) -> None:
        super().__init__()
        self.text = text
        self.priority = priority
        color = ACCENT_WARNING if priority >= Priority.SOUND else ACCENT_REST
        self.setObjectName("noticeRow")
        self.setStyleSheet(f"QFrame#noticeRow {{ border: 2px solid {color.name()}; border-radius: 8px; }}")
        self.label = text_label(text, scale=CAPTION, name="Notice")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ok_button = QPushButton("OK")
        self.ok_button.setAccessibleName("OK: I have read this notice")
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and Enter belong to the session
        set_font(self.ok_button, CAPTION, bold=True)
        self.ok_button.setMinimumHeight(40)
        self.ok_button.clicked.connect(on_read)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(*FRAME_PADDING)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.ok_button, 0, Qt.AlignmentFlag.AlignVCenter)


class NoticeArea(QWidget):
    """The notices not yet read, most important first, above whatever page is on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Notices")
        self._rows: list[_NoticeRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(SPACE_M, SPACE_S, SPACE_M, 0)
        self._layout.setSpacing(SPACE_S)
        self._more: QLabel = text_label("", scale=CAPTION, name="More notices")
        self._layout.addWidget(self._more)
        self._update()

    def show_notice(self, text: str, priority: Priority = Priority.INFO) -> None:
        """Add a notice; the same text again is not shown twice (a repeat only raises its priority)."""
        for row in self._rows:
            if row.text == text:
                if priority > row.priority:
                    self._remove(row)
                    break
                return
        row = _NoticeRow(text, priority, lambda: self._remove(row))
        position = next((i for i, other in enumerate(self._rows) if other.priority < priority), len(self._rows))
        self._rows.insert(position, row)
        self._layout.insertWidget(position, row)
        self._update()

    def texts(self) -> list[str]:
        """Every notice not yet read, in the order shown (the first MAX_SHOWN are on screen)."""
        return [row.text for row in self._rows]

    def read_first(self) -> None:
        if self._rows:
            self._remove(self._rows[0])

    def _remove(self, row: _NoticeRow) -> None:
        if row in self._rows:
            self._rows.remove(row)
            row.hide()
            row.deleteLater()
            self._update()

    def _update(self) -> None:
        for index, row in enumerate(self._rows):
            row.setVisible(index < MAX_SHOWN)
        hidden = len(self._rows) - MAX_SHOWN
        self._more.setText(f"{hidden} more notice{'s' if hidden > 1 else ''} below these" if hidden > 0 else "")
        self._more.setVisible(hidden > 0)
        self.setVisible(bool(self._rows))
