from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from hipcoach.core.verbosity import Verbosity
from hipcoach.speech.cache import SpeechCache
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.speech_settings import VoicePage
from tests.factories import FakeClock
from tests.speech.fakes import FakePlayer, FakeRenderer


def test_the_dialog_lists_voices_tests_the_voice_and_returns_settings(qtbot: QtBot, tmp_path: Path) -> None:
    player = FakePlayer()
    cache = SpeechCache(tmp_path / "speech")
    speaker = Speaker(player=player, worker=RenderWorker(FakeRenderer, cache), cache=cache, clock=FakeClock())
    try:
        dialog = VoicePage(speaker, SpeechSettings(rate=150, verbosity=Verbosity.COACH))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.voice.count() == 2, timeout=5000)
        assert dialog.voice.itemData(1) == "fake/en"
        dialog.voice.setCurrentIndex(1)
        dialog.rate.setValue(180)
        dialog.volume.setValue(50)
        dialog.muted.setChecked(True)
        assert dialog.announce.isChecked()  # the screen reader is told by default
        dialog.announce.setChecked(False)
        dialog.test_button.click()
        qtbot.waitUntil(lambda: len(player.plays) == 1, timeout=5000)
        assert dialog.settings() == SpeechSettings(
            voice="fake/en",
            rate=180,
            volume=0.5,
            verbosity=Verbosity.COACH,
            muted=True,
            tones=True,
            announce=False,
        )
    finally:
        speaker.close()
