"""The Settings dialog: one window, a list of pages on the left, the chosen page on the right, Save and Cancel.

A page is a :class:`SettingsPage` subclass: its key, its title, its place in the list, its widgets and ``apply()``.
Later settings (safety, appearance, reminders, control) are a new page class registered with the window
(``MainWindow.add_settings_page``); nothing here changes. Pages get what they change (the current settings and a
function to change them) rather than the window, so no page imports the window.

Save applies every page's changes, each as it always has (the timing from the next session, the voice from the
next cue) and saves them; Cancel or Escape leaves everything as it was. An action that is not a setting (deleting
all data) happens at once, after its own question, and closes the dialog without saving the other pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core import paths
from hipcoach.core.settings import GET_READY_RANGE, WEEKLY_GOAL_RANGE, Settings, TextSize, Theme
from hipcoach.ui.design import LEAD, SPACE_M
from hipcoach.ui.screen_fit import fit_to_screen, scrolling
from hipcoach.ui.widgets import set_font, text_label

GET_READY_CHOICES = (3, 5, 8, 10, 15, 20, 30)
GET_READY_TITLE = "Time to get ready before each exercise"
GET_READY_EXPLANATION = "At least this long; more to change position or hear the instructions"
ADAPT_TITLE = "Adapt my doses to how my sessions go"
ADAPT_EXPLANATION = "Before a session you see each change and why"
FONT_SCALE = LEAD  # read from the mat: everything in the dialog the size of the session's captions


def _label(words: str, *, bold: bool = False) -> QLabel:
    """Labels set their own font (hipcoach.ui.widgets): the same size as the rest of the dialog."""
    return text_label(words, scale=FONT_SCALE, bold=bold)


class SettingsPage(QWidget):
    """One page. ``apply()`` is called when the user presses Save, on every page, whether it was shown or not."""

    key: ClassVar[str]  # what a menu item asks for: "session", "voice", "privacy"
    title: ClassVar[str]  # in the list on the left
    order: ClassVar[int]  # the place in the list: Session 10, Voice 20, Privacy and data 90

    def apply(self) -> None:
        """Apply and save what changed on this page; nothing when nothing changed."""

    def problem(self) -> str | None:
        """What must be put right before Save can apply anything (the page says it too); None when all is well."""
        return None


class SettingsDialog(QDialog):
    def __init__(self, pages: Sequence[SettingsPage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        set_font(self, FONT_SCALE)
        self.pages = sorted(pages, key=lambda page: page.order)
        self.page_list = QListWidget()
        self.page_list.setAccessibleName("Settings pages")
        set_font(self.page_list, FONT_SCALE)  # before its width is measured: a widget takes its parent's font late
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for page in self.pages:  # each scrolls: at a large text size on a small screen a page is taller than it
            self.page_list.addItem(page.title)
            self.stack.addWidget(scrolling(page, name=page.title))
        frame = 2 * self.page_list.frameWidth()
        self.page_list.setFixedWidth(self.page_list.sizeHintForColumn(0) + frame + 24)
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        row = QHBoxLayout()
        row.addWidget(self.page_list)
        row.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """As large as its largest page wants (a scroll area alone asks for little), no larger than the screen."""
        super().showEvent(event)
        pages = QSize()
        for page in self.pages:
            pages = pages.expandedTo(page.sizeHint())
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        chrome = QSize(
            self.page_list.width() + margins.left() + margins.right() + 32,
            self.buttons.sizeHint().height() + margins.top() + margins.bottom() + 24,
        )
        self.resize(self.size().expandedTo(pages + chrome))
        fit_to_screen(self)

    def page(self, key: str) -> SettingsPage:
        for page in self.pages:
            if page.key == key:
                return page
        raise KeyError(key)

    def current_page(self) -> SettingsPage:
        return self.pages[self.stack.currentIndex()]

    def show_page(self, key: str) -> None:
        """Show the page ``key``; the first page when there is none (the voice page needs a voice engine)."""
        keys = [page.key for page in self.pages]
        self.page_list.setCurrentRow(keys.index(key) if key in keys else 0)

    def accept(self) -> None:
        """Apply every page, unless one says something is missing: then that page is shown and nothing is saved."""
        for index, page in enumerate(self.pages):
            if page.problem() is not None:
                self.page_list.setCurrentRow(index)
                return
        for page in self.pages:
            page.apply()
        super().accept()


class SessionPage(SettingsPage):
    """The timing of a session and the weekly goal: they apply from the next session (and the estimates at once)."""

    key = "session"
    title = "Session"
    order = 10

    def __init__(self, settings: Settings, change: Callable[..., None]) -> None:
        super().__init__()
        self._initial = settings
        self._change = change
        self.get_ready = QComboBox()
        self.get_ready.setAccessibleName(GET_READY_TITLE)
        for seconds in sorted({*GET_READY_CHOICES, settings.get_ready_seconds}):
            self.get_ready.addItem(f"{seconds} seconds", seconds)
            self.get_ready.setItemData(
                self.get_ready.count() - 1,
                f"Get ready for {seconds} seconds before each exercise starts",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.get_ready.setCurrentIndex(self.get_ready.findData(settings.get_ready_seconds))
        self.explanation = _label(GET_READY_EXPLANATION)
        self.wait_for_me = QCheckBox("Wait for me before each exercise")
        self.wait_for_me.setToolTip("Each exercise starts only when you press Space or Enter")
        self.wait_for_me.setChecked(settings.wait_for_me)
        self.adapt_doses = QCheckBox(ADAPT_TITLE)
        self.adapt_doses.setToolTip(ADAPT_EXPLANATION)
        self.adapt_doses.setChecked(settings.adapt_doses)
        self.weekly_goal = QSpinBox()
        self.weekly_goal.setRange(*WEEKLY_GOAL_RANGE)
        self.weekly_goal.setSuffix(" sessions a week")
        self.weekly_goal.setAccessibleName("Weekly goal")
        self.weekly_goal.setValue(settings.weekly_goal)

        layout = QVBoxLayout(self)
        layout.addWidget(_label(GET_READY_TITLE, bold=True))
        layout.addWidget(self.get_ready)
        layout.addWidget(self.explanation)
        layout.addSpacing(SPACE_M)
        layout.addWidget(self.wait_for_me)
        wait_note = _label("Each exercise starts only when you press Space or Enter.")
        layout.addWidget(wait_note)
        layout.addSpacing(SPACE_M)
        layout.addWidget(self.adapt_doses)
        layout.addWidget(_label(ADAPT_EXPLANATION))
        layout.addSpacing(SPACE_M)
        form = QFormLayout()
        form.addRow("Weekly goal", self.weekly_goal)
        layout.addLayout(form)
        layout.addStretch(1)

    def chosen(self) -> Settings:
        low, high = GET_READY_RANGE
        return Settings(
            get_ready_seconds=min(max(int(self.get_ready.currentData()), low), high),
            wait_for_me=self.wait_for_me.isChecked(),
            first_run_notice_seen=self._initial.first_run_notice_seen,
            weekly_goal=self.weekly_goal.value(),
            adapt_doses=self.adapt_doses.isChecked(),
        )

    def apply(self) -> None:
        chosen, initial = self.chosen(), self._initial
        changes = {
            name: getattr(chosen, name)
            for name in ("get_ready_seconds", "wait_for_me", "weekly_goal", "adapt_doses")
            if getattr(chosen, name) != getattr(initial, name)
        }
        if changes:
            self._change(**changes)


THEME_WORDS: dict[Theme, str] = {
    Theme.SYSTEM: "Follow my desktop",
    Theme.LIGHT: "Light",
    Theme.DARK: "Dark",
    Theme.HIGH_CONTRAST: "High contrast (white on black)",
}
TEXT_SIZE_WORDS: dict[TextSize, str] = {
    TextSize.NORMAL: "Normal",
    TextSize.LARGE: "Large",
    TextSize.LARGER: "Larger",
}


def _combo(words: dict[Theme, str] | dict[TextSize, str], chosen: str, name: str) -> QComboBox:
    combo = QComboBox()
    for value, text in words.items():
        combo.addItem(text, value.value)
    combo.setCurrentIndex(combo.findData(chosen))
    combo.setAccessibleName(name)
    set_font(combo, FONT_SCALE)
    return combo


class AppearancePage(SettingsPage):
    """The window's colours and text size, and how the exercise figure is shown on the session page: moving, as two
    still pictures, or not at all. Applies at once, also to a session on screen (ui/appearance.py)."""

    key = "appearance"
    title = "Appearance"
    order = 30

    def __init__(self, settings: Settings, change: Callable[..., None]) -> None:
        super().__init__()
        self._initial = settings
        self._change = change
        self.show_figure = QCheckBox("Show the figure")
        self.show_figure.setToolTip("A drawn figure shows each exercise beside the steps")
        self.show_figure.setChecked(settings.show_figure)
        self.reduce_motion = QCheckBox("Reduce motion")
        self.reduce_motion.setToolTip("Show the start and the top of the movement side by side, without moving")
        self.reduce_motion.setChecked(settings.reduce_motion)
        self.show_figure.toggled.connect(self.reduce_motion.setEnabled)
        self.reduce_motion.setEnabled(settings.show_figure)
        self.theme = _combo(THEME_WORDS, settings.theme.value, "Colours")
        self.text_size = _combo(TEXT_SIZE_WORDS, settings.text_size.value, "Text size")
        looks = QFormLayout()
        looks.addRow(_label("Colours"), self.theme)
        looks.addRow(_label("Text size"), self.text_size)
        layout = QVBoxLayout(self)
        layout.addWidget(_label("The window", bold=True))
        layout.addLayout(looks)
        layout.addSpacing(SPACE_M)
        layout.addWidget(_label("The exercise figure", bold=True))
        layout.addWidget(self.show_figure)
        layout.addWidget(_label("A drawn figure beside the steps shows how to do each exercise."))
        layout.addSpacing(SPACE_M)
        layout.addWidget(self.reduce_motion)
        layout.addWidget(_label("Two still pictures, the start and the top of the movement, instead of a moving one."))
        layout.addStretch(1)

    def apply(self) -> None:
        changes: dict[str, object] = {
            name: box.isChecked()
            for name, box in (("show_figure", self.show_figure), ("reduce_motion", self.reduce_motion))
            if box.isChecked() != getattr(self._initial, name)
        }
        theme, size = Theme(self.theme.currentData()), TextSize(self.text_size.currentData())
        if theme is not self._initial.theme:
            changes["theme"] = theme
        if size is not self._initial.text_size:
            changes["text_size"] = size
        if changes:
            self._change(**changes)


class PrivacyPage(SettingsPage):
    """Where the data is kept, and "Delete all my data" (which asks first, then closes the dialog)."""

    key = "privacy"
    title = "Privacy and data"
    order = 90

    def __init__(self, delete_all: QAction, confirm_delete_all: Callable[[], bool]) -> None:
        super().__init__()
        self._confirm = confirm_delete_all
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Your data stays on this computer.", bold=True))
        layout.addWidget(_label("Nothing is sent anywhere."))
        folders = [("Your history and your routines:", paths.data_dir()), ("Your settings:", paths.config_dir())]
        for words, folder in folders:
            layout.addWidget(_label(words))
            shown = _label(str(folder))
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(shown)
        layout.addSpacing(SPACE_M)
        layout.addWidget(_label(delete_all.toolTip()))
        self.delete_button = QPushButton(delete_all.text())
        self.delete_button.setToolTip(delete_all.toolTip())
        self.delete_button.clicked.connect(self._delete)
        layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _delete(self) -> None:
        if self._confirm():
            dialog = self.window()
            if isinstance(dialog, QDialog):
                dialog.reject()  # the data is gone: nothing else on the other pages is saved over it
