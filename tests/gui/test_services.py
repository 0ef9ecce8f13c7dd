"""The services built after the first paint (recording, speech, History) working with a real window."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from hipcoach.core import paths
from hipcoach.core.history import open_history
from hipcoach.core.settings import Settings, save_settings
from hipcoach.speech.cache import SpeechCache
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.services import Services
from tests.gui.rig import WindowRig, three_exercises
from tests.speech.fakes import FakePlayer, FakeRenderer


def services_for(rig: WindowRig, tmp_path: Path, player: FakePlayer | None = None) -> Services:
    def make_speaker(settings: SpeechSettings) -> Speaker:
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


def test_delete_all_my_data_removes_history_backups_and_settings(rig: WindowRig, qtbot: QtBot, tmp_path: Path) -> None:
    save_settings(Settings(weekly_goal=5, first_run_notice_seen=True))
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
