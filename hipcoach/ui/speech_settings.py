"""The Voice page of the Settings dialog: voice, rate, volume, verbosity, mute, tones, and a "Test voice" button.

Why it talks to the speaker rather than to an engine: the engine lives on the render worker thread (the voice list
and the test sample are rendered there), so the page never blocks while espeak-ng or pyttsx3 works.
On Save the page applies the settings to the speaker (``Speaker.apply_settings``, which takes effect from the next
cue), saves them to speech.json and tells the window (``applied``), whose get-readies follow the new rate and
verbosity.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
)

from hipcoach.core.verbosity import Verbosity
from hipcoach.speech.renderers import Voice
from hipcoach.speech.settings import MAX_RATE, MIN_RATE, SpeechSettings, save_settings
from hipcoach.speech.speaker import Speaker
from hipcoach.ui.settings_dialog import SettingsPage

VERBOSITY_LABELS = {
    Verbosity.MINIMAL: "Minimal: counts and changes only",
    Verbosity.STANDARD: "Standard: names, sides, holds and rests",
    Verbosity.COACH: "Coach: also the steps and form reminders",
}


class VoicePage(SettingsPage):
    key = "voice"
    title = "Voice"
    order = 20

    def __init__(
        self,
        speaker: Speaker,
        settings: SpeechSettings,
        applied: Callable[[SpeechSettings], None] = lambda _settings: None,
        problem: Callable[[str], None] = lambda _text: None,
    ) -> None:
        """``applied`` gets the new settings once they are in use; ``problem`` what went wrong saving them."""
        super().__init__()
        self._speaker = speaker
        self._initial = settings
        self._applied = applied
        self._problem = problem

        self.voice = QComboBox()
        self.voice.addItem("Default voice", "")
        self.voice.setAccessibleName("Voice")
        self.rate = QSpinBox()
        self.rate.setRange(MIN_RATE, MAX_RATE)
        self.rate.setSuffix(" words per minute")
        self.rate.setValue(settings.rate)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.volume * 100))
        self.volume.setAccessibleName("Volume")
        self.verbosity = QComboBox()
        for level, label in VERBOSITY_LABELS.items():
            self.verbosity.addItem(label, level.value)
        self.verbosity.setCurrentIndex(self.verbosity.findData(settings.verbosity.value))
        self.muted = QCheckBox("Mute spoken cues (captions stay on screen)")
        self.muted.setChecked(settings.muted)
        self.tones = QCheckBox("Play a tone when a cue cannot be spoken")
        self.tones.setChecked(settings.tones)
        self.announce = QCheckBox("Tell my screen reader what happens (new exercise, side, rest, pause, end)")
        self.announce.setChecked(settings.announce)
        self.test_button = QPushButton("Test voice")
        self.test_button.clicked.connect(lambda: self._speaker.test_voice(self.settings()))

        form = QFormLayout()
        form.addRow("Voice", self.voice)
        form.addRow("Speed", self.rate)
        form.addRow("Volume", self.volume)
        form.addRow("How much the coach says", self.verbosity)
        form.addRow(self.muted)
        form.addRow(self.tones)
        form.addRow(self.announce)
        form.addRow(self.test_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self._select_voice(settings.voice)
        speaker.voices_found.connect(self._fill_voices)
        speaker.request_voices()

    def _select_voice(self, voice_id: str) -> None:
        index = self.voice.findData(voice_id)
        if index < 0 and voice_id:
            self.voice.addItem(voice_id, voice_id)  # keep a saved voice even before the list arrives
            index = self.voice.count() - 1
        self.voice.setCurrentIndex(max(index, 0))

    def _fill_voices(self, voices: list[Voice]) -> None:
        chosen = str(self.voice.currentData() or "")
        self.voice.clear()
        self.voice.addItem("Default voice", "")
        # English first: the cue wording is English
        for voice in sorted(voices, key=lambda v: (not v.language.startswith("en"), v.name.casefold())):
            self.voice.addItem(f"{voice.name} ({voice.language})", voice.id)
        self._select_voice(chosen)

    def settings(self) -> SpeechSettings:
        return SpeechSettings(
            voice=str(self.voice.currentData() or ""),
            rate=self.rate.value(),
            volume=self.volume.value() / 100,
            verbosity=Verbosity(self.verbosity.currentData()),
            muted=self.muted.isChecked(),
            tones=self.tones.isChecked(),
            announce=self.announce.isChecked(),
        ).clamped()

    def apply(self) -> None:
        """Applied from the next cue and saved, as the voice dialog did; nothing when nothing changed."""
        chosen = self.settings()
        if chosen == self._initial:
            return
        self._speaker.apply_settings(chosen)
        self._applied(chosen)
        try:
            save_settings(chosen)
        except OSError as exc:
            self._problem(f"Could not save your voice settings: {exc.strerror or exc}")
