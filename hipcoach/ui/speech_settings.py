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
from hipcoach.ui.design import SPACE_M
from hipcoach.ui.settings_dialog import FONT_SCALE, SettingsPage
from hipcoach.ui.widgets import text_label

VERBOSITY_TITLE = "How much the coach says"
MUTED_NOTE = "The captions stay on screen."
ANNOUNCE_NOTE = "A new exercise, a side, a rest, a pause and the end."
LEAST_CHOICE_LETTERS = 12
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
        self.verbosity.setAccessibleName(VERBOSITY_TITLE)
        for combo in (self.voice, self.verbosity):
            # as wide as the page gives them, not held at their longest choice: "Standard: names, sides, holds and
            # rests" held the page wider than a 1024x600 screen at the Larger text; only a window smaller still
            # shortens the choice shown (the list that opens shows it whole)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(LEAST_CHOICE_LETTERS)
        # A tick box's words cannot wrap: each says its choice in a few words, and a line under it says more.
        self.muted = QCheckBox("Mute spoken cues")
        self.muted.setChecked(settings.muted)
        self.tones = QCheckBox("Play a tone when a cue cannot be spoken")
        self.tones.setChecked(settings.tones)
        self.announce = QCheckBox("Tell my screen reader what happens")
        self.announce.setChecked(settings.announce)
        self.test_button = QPushButton("Test voice")
        self.test_button.clicked.connect(lambda: self._speaker.test_voice(self.settings()))
        self._lay_out()

        self._select_voice(settings.voice)
        speaker.voices_found.connect(self._fill_voices)
        speaker.request_voices()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a name above its control when narrow
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Voice", self.voice)
        form.addRow("Speed", self.rate)
        form.addRow("Volume", self.volume)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        title = text_label(VERBOSITY_TITLE, scale=FONT_SCALE)
        title.setBuddy(self.verbosity)
        layout.addWidget(title)
        layout.addWidget(self.verbosity)
        layout.addSpacing(SPACE_M)
        layout.addWidget(self.muted)
        layout.addWidget(text_label(MUTED_NOTE, scale=FONT_SCALE))
        layout.addWidget(self.tones)
        layout.addWidget(self.announce)
        layout.addWidget(text_label(ANNOUNCE_NOTE, scale=FONT_SCALE))
        layout.addSpacing(SPACE_M)
        layout.addWidget(self.test_button)
        layout.addStretch(1)

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
