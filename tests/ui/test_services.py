"""The services built after the first paint (recording, speech, History) working with a real window."""

from __future__ import annotations

import gc
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hipcoach import error_log
from hipcoach.core import paths
from hipcoach.core.history import open_history
from hipcoach.core.safety.answers import SafetyAnswers, WarningSign, answers_path, save_answers
from hipcoach.core.settings import Settings, save_settings
from hipcoach.speech.cache import SpeechCache
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.services import VOICE_PAGE, Services
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.speech_settings import VoicePage
from tests.factories import FakeClock
from tests.speech.fakes import FakePlayer, FakeRenderer
from tests.ui.rig import FakeInhibitor, WindowRig, three_exercises


def services_for(rig: WindowRig, tmp_path: Path, player: FakePlayer | None = None, *, speech: bool = True) -> Services:
    def make_speaker(settings: SpeechSettings) -> Speaker | None:
        if not speech:
            return None
        cache = SpeechCache(tmp_path / "speech")
        worker = RenderWorker(FakeRenderer, cache)
        return Speaker(
            settings=settings, player=player or FakePlayer(), worker=worker, cache=cache, clock=rig.clock,
            cue_log=tmp_path / "cues.jsonl",
        )  # fmt: skip

    names = {e.exercise.id: e.exercise.name for e in three_exercises().entries}
    services = Services(rig.window, rig.controller, rig.window.settings, names, make_speaker)
    return services


def test_cues_keep_coming_with_the_window_minimised(rig: WindowRig, qtbot: QtBot, tmp_path: Path) -> None:
    """Nothing in the timer, the controller or the speaker depends on the window being visible."""
    player = FakePlayer()
    services = services_for(rig, tmp_path, player)
    try:
        rig.window.showMinimized()
        qtbot.waitUntil(rig.window.isMinimized)
        rig.start(three_exercises())
        rig.run(40, step=0.25)
        log = [json.loads(line) for line in (tmp_path / "cues.jsonl").read_text().splitlines()]
        heard = [entry for entry in log if entry["outcome"] in ("played", "tone")]
        assert len(heard) >= 5, log
        assert len(player.plays) >= len(heard)
        assert rig.controller.engine is not None and rig.controller.engine.progress() > 0
    finally:
        services.close()


def test_the_idle_window_has_no_history_or_session_pages_until_they_are_first_used(
    rig: WindowRig, qtbot: QtBot, tmp_path: Path
) -> None:
    """Built when first shown (docs/startup.md, "Memory of the idle window"): Ctrl+H works at once, shows what is
    recorded, and the way back and the next visit use the same page."""
    now = datetime.now(UTC)
    with open_history() as store:
        session = store.start_session("test", "Test routine", 1.0, now)
        store.end_session(session, "stopped", now, 60.0, 60.0)
    services = services_for(rig, tmp_path)
    window = rig.window
    try:
        assert window.history_page is None
        assert window.findChildren(HistoryView) == []
        assert window.pages.count() == 1  # the chooser alone: the session and summary pages come with a session
        assert window.history_action.isEnabled()
        window.history_action.trigger()
        page = window.history_page
        assert page is not None and window.current_page() is page
        [view] = page.findChildren(HistoryView)
        assert view.session_model.rowCount() == 1
        # the keyboard starts on the tabs, not on the weekly goal that the arrow keys would change
        assert page.focusWidget() is view.tabs.tabBar()
        window.summary_view.back_action.trigger()  # Esc
        assert window.current_page() is window.chooser
        window.history_action.trigger()
        assert window.current_page() is page and window.findChildren(HistoryView) == [view]
        assert VoicePage.key == VOICE_PAGE  # the Voice entry of Settings names the page made when it opens
    finally:
        services.close()


def test_delete_all_my_data_removes_history_backups_and_settings(rig: WindowRig, qtbot: QtBot, tmp_path: Path) -> None:
    save_settings(Settings(weekly_goal=5, first_run_notice_seen=True))
    save_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.FALL})))
    rig.window.save_geometry()
    assert (paths.config_dir() / "window.ini").is_file()
    now = datetime.now(UTC)
    with open_history() as store:
        session = store.start_session("test", "Test routine", 1.0, now)
        store.end_session(session, "stopped", now, 60.0, 60.0)
        store.backup()
        assert store.backups()
    services = services_for(rig, tmp_path)
    try:
        rig.window.ask_delete_all = lambda: True  # type: ignore[method-assign]
        with qtbot.waitSignal(services.recorder.data_deleted, timeout=10_000):
            rig.window.delete_all_action.trigger()
        qtbot.waitUntil(lambda: any("All your data was deleted" in text for text in rig.window.notices.texts()))
        assert list(paths.config_dir().glob("*.json")) == []
        assert not answers_path().exists()  # the safety answers are health data: deleted with the history
        with open_history() as store:
            assert store.sessions() == []
            assert store.backups() == []
        # The window forgets too: the defaults are back (the health notice with them), and closing it does not
        # write its size and place again.
        assert rig.window.settings == Settings()
        assert rig.window.notice.isVisibleTo(rig.window)
        rig.window.close()
        assert list(paths.config_dir().iterdir()) == []
    finally:
        services.close()


def test_delete_all_my_data_removes_the_speech_cache_and_keeps_the_routine_files(
    rig: WindowRig, qtbot: QtBot, tmp_path: Path
) -> None:
    routine = paths.user_routines_dir() / "mine.toml"
    routine.parent.mkdir(parents=True)
    routine.write_text('name = "Mine"\n', encoding="utf-8")
    services = services_for(rig, tmp_path)
    try:
        speaker = services.speaker
        assert speaker is not None
        cache = tmp_path / "speech"
        tones = sorted((cache / "tones").glob("*.wav"))
        assert tones  # made when the speaker starts
        cue = cache / ("0" * 64 + ".wav")
        cue.write_bytes(tones[0].read_bytes())  # a rendered cue, as the worker leaves it
        rig.window.ask_delete_all = lambda: True  # type: ignore[method-assign]
        with qtbot.waitSignal(speaker.cache_cleared, timeout=10_000) as cleared:
            rig.window.delete_all_action.trigger()
        assert str(cue) in cleared.args[0]
        assert not cue.exists()
        assert sorted((cache / "tones").glob("*.wav")) == tones  # made again: a cue not yet rendered has its tone
        assert routine.read_text(encoding="utf-8") == 'name = "Mine"\n'
        qtbot.waitUntil(lambda: any("All your data was deleted" in text for text in rig.window.notices.texts()))
        deleted = next(text for text in rig.window.notices.texts() if "All your data was deleted" in text)
        assert f"Your routine files in {routine.parent} were kept." in deleted
    finally:
        services.close()


def test_delete_all_my_data_without_a_voice_still_removes_the_speech_cache(
    rig: WindowRig, qtbot: QtBot, tmp_path: Path
) -> None:
    """No audio this time (no speaker), but the cache of an earlier run is still on disk."""
    cue = paths.cache_dir() / "speech" / ("1" * 64 + ".wav")
    cue.parent.mkdir(parents=True)
    cue.write_bytes(b"RIFF")
    services = services_for(rig, tmp_path, speech=False)
    try:
        rig.window.ask_delete_all = lambda: True  # type: ignore[method-assign]
        with qtbot.waitSignal(services.recorder.data_deleted, timeout=10_000):
            rig.window.delete_all_action.trigger()
        qtbot.waitUntil(lambda: not cue.parent.exists())
        assert paths.cache_dir().is_dir()  # the chooser's snapshot lives there and stays
    finally:
        services.close()


def test_delete_all_my_data_asks_first_naming_what_it_keeps(rig: WindowRig, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(_parent: object, title: str, text: str, *_buttons: object) -> QMessageBox.StandardButton:
        asked.append(f"{title}\n{text}")
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer)
    deleted: list[bool] = []
    rig.window.delete_all_requested.connect(lambda: deleted.append(True))
    rig.window.delete_all_action.trigger()
    assert deleted == []  # cancelled: nothing happens
    [text] = asked
    assert "your exercise history and its backups" in text
    assert "your settings" in text
    assert "the saved spoken cues" in text
    assert f"It keeps your routine files, in {paths.user_routines_dir()}." in text


def test_delete_all_my_data_removes_the_error_logs(rig: WindowRig, qtbot: QtBot, tmp_path: Path) -> None:
    """A traceback may name files and routines: the logs are the user's data too."""
    for _ in range(2):
        try:
            raise RuntimeError("a bug in /home/someone/routines/mine.toml")
        except RuntimeError as exc:
            log = error_log.write(exc)
    assert isinstance(log, Path) and log.is_file()
    (log.parent / "errors.log.1").write_text("older\n", encoding="utf-8")
    services = services_for(rig, tmp_path, speech=False)
    try:
        rig.window.ask_delete_all = lambda: True  # type: ignore[method-assign]
        with qtbot.waitSignal(services.recorder.data_deleted, timeout=10_000):
            rig.window.delete_all_action.trigger()
        qtbot.waitUntil(lambda: any("All your data was deleted" in text for text in rig.window.notices.texts()))
        assert not log.parent.exists()
    finally:
        services.close()


def test_a_session_sets_the_objects_alive_before_it_aside_from_the_garbage_collector(
    rig: WindowRig, tmp_path: Path
) -> None:
    """The collector's full pass over every object (30-50 ms on the GUI thread) does not happen during a session:
    what was alive when it started is frozen while it runs, and handed back when it ends, so nothing is kept."""
    services = services_for(rig, tmp_path)
    try:
        assert gc.get_freeze_count() == 0
        rig.start(three_exercises())
        assert rig.controller.state in ("running", "waiting")
        assert gc.get_freeze_count() > 0
        frozen = gc.get_freeze_count()
        rig.run(5)
        assert gc.get_freeze_count() <= frozen  # set aside once, at the start (some are freed since)
        rig.controller.stop()
        assert rig.controller.state == "stopped"
        assert gc.get_freeze_count() == 0
    finally:
        services.close()
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_a_history_problem_reported_after_the_window_is_gone_reaches_nobody(qtbot: QtBot) -> None:
    """An unattended run closes its window while the recorder's thread may still report a locked history: the
    report must find no window, not a deleted one (it raised in the event loop and failed a run)."""
    import shiboken6  # noqa: PLC0415

    controller = SessionController(clock=FakeClock(1000.0), wall_clock=FakeClock(1_700_000_000.0))
    settings = Settings(first_run_notice_seen=True)
    window = MainWindow(controller, settings, inhibitor=FakeInhibitor(), save=lambda _settings: None)
    services = Services(window, controller, settings, {}, lambda _settings: None)
    try:
        shiboken6.delete(window)
        services.recorder.problem.emit("The history file is locked by another program.")  # must raise nothing
    finally:
        services.recorder.close()


@pytest.mark.parametrize("speech", [True, False])
def test_the_screen_reader_is_told_with_or_without_a_voice(
    rig: WindowRig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, speech: bool
) -> None:
    """The announcements follow the voice settings' choice, and work with no speech engine at all."""
    import hipcoach.ui.announcer  # noqa: PLC0415

    told: list[str] = []
    monkeypatch.setattr(hipcoach.ui.announcer, "announce", lambda _widget, text: told.append(text))
    services = services_for(rig, tmp_path, speech=speech)
    try:
        rig.start(three_exercises())
        rig.run(3)
        assert told and told[0].startswith(three_exercises().entries[0].exercise.name)
        if services.speaker is not None:
            services.speaker.apply_settings(SpeechSettings(announce=False))
            told.clear()
            rig.run(40)
            assert told == []
    finally:
        services.close()
