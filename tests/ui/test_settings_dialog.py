"""The Settings dialog on a real window with its services, saving to the real settings files of the test's data folder.

Escape and Cancel change nothing; Save applies and saves every page (docs/architecture.md, "Settings").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hipcoach.core.settings import Settings, load_settings, settings_path
from hipcoach.core.verbosity import Verbosity
from hipcoach.speech.cache import SpeechCache
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.settings import load_settings as load_speech_settings
from hipcoach.speech.settings import settings_path as speech_settings_path
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.safety_pages import SafetySettingsPage
from hipcoach.ui.services import Services
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.settings_dialog import AppearancePage, PrivacyPage, SessionPage, SettingsDialog
from hipcoach.ui.speech_settings import VoicePage
from tests.factories import FakeClock
from tests.speech.fakes import FakePlayer, FakeRenderer
from tests.ui.rig import three_exercises


class App:
    def __init__(self, window: MainWindow, services: Services) -> None:
        self.window = window
        self.services = services

    @property
    def speaker(self) -> Speaker:
        assert self.services.speaker is not None
        return self.services.speaker

    def history(self) -> HistoryView:
        page = self.window.build_history_page()  # built when first shown
        assert page is not None
        [view] = page.findChildren(HistoryView)
        return view


@pytest.fixture
def app(qtbot: QtBot, tmp_path: Path) -> Iterator[App]:
    """The window saving with the real save_settings, and the services with a speaker on fake parts."""
    controller = SessionController(clock=FakeClock(1000.0))
    window = MainWindow(controller, Settings(first_run_notice_seen=True), restore_geometry=False)
    qtbot.addWidget(window)

    def make_speaker(settings: SpeechSettings) -> Speaker:
        cache = SpeechCache(tmp_path / "speech")
        return Speaker(settings=settings, player=FakePlayer(), worker=RenderWorker(FakeRenderer, cache), cache=cache)

    names = {e.exercise.id: e.exercise.name for e in three_exercises().entries}
    window.build_session_pages()
    services = Services(window, controller, window.settings, names, make_speaker)
    window.show()
    try:
        yield App(window, services)
    finally:
        services.close()


def save(dialog: SettingsDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_each_menu_entry_opens_the_dialog_at_its_page(app: App) -> None:
    window = app.window
    menu = [action.text() for action in window.settings_menu.actions()]
    assert menu == [
        "Time to get ready before each exercise\u2026",
        "Wait for me before each exercise\u2026",
        "Appearance\u2026",  # colours and text size too, not only the figure
        "Reminders\u2026",
        "Safety: hip operation and warning signs\u2026",
        "Voice and cues\u2026",
        "",
        "Delete all my data\u2026",
    ]
    entries = {
        window.get_ready_entry: SessionPage,
        window.wait_for_me_entry: SessionPage,
        app.services.voice_entry: VoicePage,
        window.appearance_entry: AppearancePage,
        window.safety_entry: SafetySettingsPage,
        window.delete_all_entry: PrivacyPage,
    }
    for entry, kind in entries.items():
        entry.trigger()
        dialog = window.settings_dialog
        assert dialog is not None and dialog.isVisible() and dialog.isModal()
        assert isinstance(dialog.current_page(), kind)
        assert [page.title for page in dialog.pages] == [
            "Session",
            "Safety",
            "Voice",
            "Appearance",
            "Reminders",
            "Privacy and data",
        ]
        dialog.reject()


def test_a_change_on_the_session_page_is_applied_and_saved(app: App, qtbot: QtBot) -> None:
    window = app.window
    window.set_routines([three_exercises()])
    before = window.chooser.summary_label.text()
    dialog = window.open_settings("session")
    page = dialog.page("session")
    assert isinstance(page, SessionPage)
    page.get_ready.setCurrentIndex(page.get_ready.findData(20))
    page.wait_for_me.setChecked(True)
    page.weekly_goal.setValue(5)
    assert page.adapt_doses.isChecked()
    page.adapt_doses.setChecked(False)
    save(dialog, qtbot)
    expected = Settings(
        get_ready_seconds=20, wait_for_me=True, first_run_notice_seen=True, weekly_goal=5, adapt_doses=False
    )
    assert window.settings == expected
    assert load_settings() == expected  # in settings.json
    assert window.chooser.summary_label.text() != before  # the estimates follow at once
    assert app.history().goal == 5 and app.history().goal_spin.value() == 5


def test_the_appearance_page_hides_the_figure_or_stills_it_at_once_and_saves(app: App, qtbot: QtBot) -> None:
    window = app.window
    figure = window.session_view.figure
    assert figure.isVisibleTo(window.session_view) and not figure.reduces_motion()
    dialog = window.open_settings("appearance")
    page = dialog.page("appearance")
    assert isinstance(page, AppearancePage)
    page.reduce_motion.setChecked(True)
    save(dialog, qtbot)
    assert figure.reduces_motion() and load_settings().reduce_motion
    dialog = window.open_settings("appearance")
    page = dialog.page("appearance")
    assert isinstance(page, AppearancePage) and page.reduce_motion.isChecked()
    page.show_figure.setChecked(False)
    assert not page.reduce_motion.isEnabled()  # nothing to still when there is no figure
    save(dialog, qtbot)
    assert not figure.isVisibleTo(window.session_view)
    assert load_settings() == Settings(first_run_notice_seen=True, show_figure=False, reduce_motion=True)


def test_a_change_on_the_voice_page_is_applied_and_saved(app: App, qtbot: QtBot) -> None:
    window = app.window
    dialog = window.open_settings("voice")
    page = dialog.page("voice")
    assert isinstance(page, VoicePage)
    page.rate.setValue(200)
    page.verbosity.setCurrentIndex(page.verbosity.findData(Verbosity.MINIMAL.value))
    page.muted.setChecked(True)
    save(dialog, qtbot)
    expected = SpeechSettings(rate=200, verbosity=Verbosity.MINIMAL, muted=True)
    assert app.speaker.settings == expected  # from the next cue
    assert load_speech_settings() == expected  # in speech.json
    assert window.words_per_minute == 200
    assert window.controller.verbosity is Verbosity.MINIMAL
    assert not settings_path().exists()  # the session page had no change: settings.json is not written


def test_escape_and_cancel_change_nothing(app: App, qtbot: QtBot) -> None:
    window = app.window
    for close in ("escape", "cancel"):
        dialog = window.open_settings("session")
        session = dialog.page("session")
        voice = dialog.page("voice")
        assert isinstance(session, SessionPage) and isinstance(voice, VoicePage)
        session.wait_for_me.setChecked(True)
        session.weekly_goal.setValue(6)
        voice.rate.setValue(250)
        if close == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
        assert not dialog.isVisible()
        assert window.settings == Settings(first_run_notice_seen=True)
        assert app.speaker.settings == SpeechSettings()
        assert not settings_path().exists() and not speech_settings_path().exists()


def test_delete_all_my_data_on_the_privacy_page_asks_then_closes_the_dialog(app: App, qtbot: QtBot) -> None:
    window = app.window
    answers = [False, True]
    window.ask_delete_all = lambda: answers.pop(0)  # type: ignore[method-assign]
    deleted: list[bool] = []
    window.delete_all_requested.connect(lambda: deleted.append(True))
    dialog = window.open_settings("privacy")
    page = dialog.page("privacy")
    assert isinstance(page, PrivacyPage)
    session = dialog.page("session")
    assert isinstance(session, SessionPage)
    session.weekly_goal.setValue(6)  # not saved over the deleted data
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert deleted == [] and dialog.isVisible()  # the user said no
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert deleted == [True]
    assert not dialog.isVisible()
    assert window.settings.weekly_goal == 3
