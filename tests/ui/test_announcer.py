"""A screen reader is told what happens in a session: each change of phase, never the counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import hipcoach.ui.announcer
from hipcoach.core.plan import PhaseKind
from hipcoach.speech.settings import SpeechSettings, load_settings, save_settings
from hipcoach.ui.announcer import Announcer, announce
from tests.ui.rig import WindowRig, two_sided


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(hipcoach.ui.announcer, "announce", lambda _widget, text: said.append(text))
    return said


def test_each_change_of_phase_is_announced_and_no_count(rig: WindowRig, told: list[str]) -> None:
    spoken: list[str] = []
    rig.controller.cue.connect(lambda cue, _due: spoken.append(cue.text))
    announcer = Announcer(rig.window, lambda: True)
    rig.controller.cue.connect(announcer.on_cue)
    routine = two_sided(sets=1)
    rig.start(routine)
    rig.run_until(PhaseKind.SWITCH_SIDES)
    rig.key(Qt.Key.Key_Space)  # pause
    rig.key(Qt.Key.Key_Space)  # carry on
    rig.run_until(PhaseKind.REPS)
    name = routine.entries[0].exercise.name
    assert any(text.startswith(f"{name}.") for text in told)  # the exercise, at its get-ready
    assert any("side" in text.lower() for text in told)  # the switch of sides
    # the pause came as the switch was being said: carrying on says it again (docs/speech.md)
    assert "Paused." in told and told[told.index("Paused.") + 1].startswith("Switch sides.")
    counts = [text for text in spoken if text not in told]
    assert counts and all(len(text.split()) <= 3 for text in counts)  # "1", "2", "Hold", "Down": for the voice only
    assert set(told) <= set(spoken)  # the same words as the voice, in the same order
    assert told == [text for text in spoken if text in told]


def test_nothing_is_announced_when_the_user_turned_it_off(rig: WindowRig, told: list[str]) -> None:
    wanted = [False]
    announcer = Announcer(rig.window, lambda: wanted[0])
    rig.controller.cue.connect(announcer.on_cue)
    rig.start(two_sided(sets=1))
    rig.run(8)
    assert told == []
    wanted[0] = True  # the choice is read at each cue: a change in the settings holds from the next one
    rig.run_until(PhaseKind.SWITCH_SIDES)
    assert told


def test_the_announcement_reaches_qt_without_a_screen_reader(qtbot: QtBot) -> None:
    """The real path: Qt takes the event (and drops it when no assistive technology listens)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    announce(widget, "Bridge. Lie on your back.")


def test_the_choice_is_kept_in_the_voice_settings(tmp_path: Path) -> None:
    path = tmp_path / "speech.json"
    assert load_settings(path).announce  # on unless the user turns it off
    save_settings(SpeechSettings(announce=False, muted=True), path)  # "the screen reader speaks, not hipcoach"
    again = load_settings(path)
    assert not again.announce and again.muted
