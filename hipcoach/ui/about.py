"""Help, About: what hipcoach is, its version and licence, and where it keeps the user's data.

The data folder is shown as text the user can select and copy, with a button that opens it in the file manager, so
someone who wants to back up or delete their history does not have to know platform folder conventions.

``app_icon()`` is the application icon (the window icon too): the PNG sizes from resources/icons/hicolor.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hipcoach import APP_ID, APP_NAME, __version__
from hipcoach.core import paths
from hipcoach.ui.design import LEAD, SPACE_M
from hipcoach.ui.widgets import text_label

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ABOUT_ICON_SIZE = 96
DESCRIPTION = "An offline coach for hip exercises at home: it shows and speaks each step, and keeps your log private."
LICENCE = (
    "Free software under the GNU General Public License, version 3 or later (GPL-3.0-or-later). "
    "It comes with no warranty, and it does not replace advice from a doctor or physiotherapist."
)
OPEN_FAILED = "The folder could not be opened here; its path is above, to copy."


def icon_files(resources: Path | None = None) -> list[Path]:
    """The application icon's PNG files that exist, smallest first."""
    base = (resources if resources is not None else paths.resources_dir()) / "icons" / "hicolor"
    found = [base / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES]
    return [path for path in found if path.is_file()]


def app_icon() -> QIcon:
    """The hipcoach icon in every shipped size; the desktop theme's copy when the files are missing."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon if not icon.isNull() else QIcon.fromTheme(APP_ID)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.data_dir = paths.data_dir()

        icon = app_icon()
        self.icon_label = QLabel()
        self.icon_label.setAccessibleName(f"{APP_NAME} icon")
        if not icon.isNull():
            self.icon_label.setPixmap(icon.pixmap(QSize(ABOUT_ICON_SIZE, ABOUT_ICON_SIZE)))
        self.title_label = text_label(f"{APP_NAME} {__version__}", scale=LEAD, bold=True, wrap=False, name="Version")
        self.description_label = text_label(DESCRIPTION, name="What hipcoach is")
        self.licence_label = text_label(LICENCE, name="Licence")

        folder_title = text_label("Your data folder (history, settings, your routines):", bold=True)
        self.folder_label = text_label(str(self.data_dir), name="Data folder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open data folder")
        self.open_button.setAccessibleName("Open the data folder in the file manager")
        self.open_button.clicked.connect(self.open_data_folder)
        self.status_label = text_label("", name="Open data folder result")
        self.status_label.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        header = QHBoxLayout()
        header.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.addWidget(self.title_label)
        heading.addWidget(self.description_label)
        heading.addStretch(1)
        header.addLayout(heading, 1)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE_M)
        layout.addLayout(header)
        layout.addWidget(self.licence_label)
        layout.addWidget(folder_title)
        layout.addLayout(folder_row)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def open_data_folder(self) -> bool:
        """Show the data folder in the file manager (creating it, private, if no session has been saved yet)."""
        try:
            folder = paths.ensure_private_dir(self.data_dir)
        except OSError as exc:
            return self._failed(f"The folder could not be created: {exc.strerror or exc}")
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return self._failed(OPEN_FAILED)
        self.status_label.hide()
        return True

    def _failed(self, message: str) -> bool:
        self.status_label.setText(message)
        self.status_label.show()
        return False


def show_about_dialog(parent: QWidget | None = None) -> AboutDialog:
    """Help, About: a window that does not block the session behind it and is deleted when closed."""
    dialog = AboutDialog(parent)
    dialog.setModal(False)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
