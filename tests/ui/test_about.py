"""Help, About: version, licence, the data folder and its button, and the application icon."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hipcoach import APP_NAME, __version__
from hipcoach.ui import about
from hipcoach.ui.about import AboutDialog, app_icon, icon_files, show_about_dialog


class FakeOpener:
    def __init__(self, result: bool = True) -> None:
        self.result = result
        self.urls: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url)
        return self.result


@pytest.fixture
def opener(monkeypatch: pytest.MonkeyPatch) -> FakeOpener:
    """Stands in for QDesktopServices.openUrl: no file manager opens during the tests."""
    fake = FakeOpener()
    monkeypatch.setattr(about.QDesktopServices, "openUrl", fake)
    return fake


def label_texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_it_names_the_app_its_version_licence_and_data_folder(qtbot: QtBot, hipcoach_data_dir: Path) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = label_texts(dialog)
    assert f"{APP_NAME} {__version__}" in text
    assert "GPL-3.0-or-later" in text
    assert "offline" in text
    assert dialog.folder_label.text() == str(hipcoach_data_dir)
    assert dialog.folder_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not dialog.icon_label.pixmap().isNull()


def test_open_data_folder_creates_it_privately_and_opens_it(
    qtbot: QtBot, hipcoach_data_dir: Path, opener: FakeOpener
) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert not hipcoach_data_dir.exists()  # nothing saved yet: the button still has something to show
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opener.urls == [QUrl.fromLocalFile(str(hipcoach_data_dir))]
    assert hipcoach_data_dir.is_dir()
    if os.name == "posix":
        assert hipcoach_data_dir.stat().st_mode & 0o777 == 0o700
    assert dialog.status_label.isHidden()


def test_a_folder_that_cannot_be_opened_is_said_so(qtbot: QtBot, opener: FakeOpener) -> None:
    opener.result = False
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.open_data_folder() is False
    assert dialog.status_label.text() == about.OPEN_FAILED
    assert not dialog.status_label.isHidden()


def test_a_folder_that_cannot_be_created_is_said_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opener: FakeOpener
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HIPCOACH_DATA_DIR", str(blocker / "data"))
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.open_data_folder() is False
    assert dialog.status_label.text().startswith("The folder could not be created")
    assert opener.urls == []


def test_show_about_dialog_does_not_block_and_goes_away_when_closed(qtbot: QtBot) -> None:
    dialog = show_about_dialog()
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()


def test_the_app_icon_comes_in_every_size(qapp: object) -> None:
    assert [path.parent.parent.name for path in icon_files()] == [f"{n}x{n}" for n in about.ICON_SIZES]
    icon = app_icon()
    assert not icon.isNull()
    sizes = {(size.width(), size.height()) for size in icon.availableSizes()}
    assert {(n, n) for n in about.ICON_SIZES} <= sizes
    assert icon.pixmap(QSize(32, 32)).size() == QSize(32, 32)


def test_without_the_icon_files_the_theme_icon_is_used(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HIPCOACH_RESOURCES", str(tmp_path))
    assert icon_files() == []
    app_icon()  # falls back to QIcon.fromTheme: may be null on a machine without the icon installed, but no error
