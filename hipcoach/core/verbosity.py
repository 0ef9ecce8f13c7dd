"""How much the coach says, and how fast: settings the window needs before any cue text is loaded.

Kept apart from hipcoach.core.cues (which imports the engine's events, the plan and the model) so that the window can
be drawn with the user's choices before any of those are imported (docs/startup.md).
"""

from __future__ import annotations

import enum

SPEECH_RATE = 160
"""Words per minute: the one default rate, for the speaker, its settings and the time each cue takes to say. A little
slower than espeak's 175, easier to follow while exercising."""


class Verbosity(enum.StrEnum):
    MINIMAL = "minimal"  # counts and transitions
    STANDARD = "standard"  # adds names, sides, "hold", "rest", what is next, time left in long blocks
    COACH = "coach"  # adds the steps at the start of an exercise and short form reminders
