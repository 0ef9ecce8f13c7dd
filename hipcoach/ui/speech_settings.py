"""The speech settings dialog: voice, rate, volume, verbosity, mute, tones, and a "Test voice" button.

Why it talks to the speaker rather than to an engine: the engine lives on the render worker thread (the voice list
and the test sample are rendered there), so the dialog never blocks while espeak-ng or pyttsx3 works.
The caller applies the returned settings (``Speaker.apply_settings``, which takes effect from the next cue) and
saves them with ``save_settings``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hipcoach.core.verbosity import Verbosity
from hipcoach.speech.renderers import Voice
from hipcoach.speech.settings import MAX_RATE, MIN_RATE, SpeechSettings, save_settings
from hipcoach.speech.speaker import Speaker

VERBOSITY_LABELS = {
    Verbosity.MINIMAL: "Minimal: counts and changes only",
    Verbosity.STANDARD: "Standard: names, sides, holds and rests",
    Verbosity.COACH: "Coach: also the steps and form reminders",
}


class SpeechSettingsDialog(QDialog):
    def __init__(self, speaker: Speaker, settings: SpeechSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Voice and cues")
        self._speaker = speaker
        self._initial = settings

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
        self.test_button = QPushButton("Test voice")
        self.test_button.clicked.connect(lambda: self._speaker.test_voice(self.settings()))

        form = QFormLayout()
        form.addRow("Voice", self.voice)
        form.addRow("Speed", self.rate)
        form.addRow("Volume", self.volume)
        form.addRow("How much the coach says", self.verbosity)
        form.addRow(self.muted)
        form.addRow(self.tones)
        form.addRow(self.test_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

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
        ).clamped()


def edit_speech_settings(speaker: Speaker, parent: QWidget | None = None) -> SpeechSettings | None:
    """Show the dialog; on OK apply the new settings to the speaker (from the next cue), save them, return them."""
    dialog = SpeechSettingsDialog(speaker, speaker.settings, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.settings()
    speaker.apply_settings(chosen)
    save_settings(chosen)
    return chosen
