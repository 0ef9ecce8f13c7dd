"""No cue of a shipped routine or exercise is cut by the next one, at the routine's own tempo.

The speaker plays one clip at a time and a new cue cuts the one playing (docs/speech.md, "One voice channel"), so a
cue longer than the time to the next cue loses its end: leg swings at one second a beat said "Forward 2." (1.2 s)
and "Back." cut it, 43 times in one session's cue log. Each cue's length is the real espeak-ng rendering at the
default speed, the length the speaker counts as playing; the moments are the real engine's run over the real plan
(hipcoach.core.cue_script). A transition (a new phase, a side switch, the end) is meant to cut what is playing, so
the check is on the cues before a cue of the same phase.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from hipcoach.core.content import builtin_routines, load_catalogue, with_variants
from hipcoach.core.cue_script import ScriptLine, cue_script
from hipcoach.core.cues import Priority, SpokenLeadIn
from hipcoach.core.model import Entry, Routine
from hipcoach.core.plan import Plan, PlanOptions, build_plan
from hipcoach.core.verbosity import SPEECH_RATE, Verbosity
from hipcoach.speech.cache import wav_seconds
from hipcoach.speech.renderers import EspeakRenderer
from tests.tools import require_tool

CATALOGUE = load_catalogue()
ROUTINES = {routine.id: routine for routine in builtin_routines(CATALOGUE)}
PACED = {key: exercise for key, exercise in with_variants(CATALOGUE).items() if exercise.kind.paced}


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, float]]:
    """The seconds each text takes as espeak-ng renders it at the default speed, rendered once per text."""
    program = require_tool("espeak-ng")
    renderer = EspeakRenderer(program)
    folder = tmp_path_factory.mktemp("cues")

    class Lengths(dict[str, float]):
        def __missing__(self, text: str) -> float:
            path = folder / f"{len(self)}.wav"
            renderer.render(text, "", SPEECH_RATE, 1.0, path)
            self[text] = wav_seconds(path)
            return self[text]

    yield Lengths()


def cut_cues(script: list[ScriptLine], spoken: dict[str, float]) -> list[str]:
    """Each cue that is still playing when the next one starts, unless that next one is a transition."""
    cut = []
    for line, following in itertools.pairwise(script):
        if following.cue.priority is Priority.TRANSITION:
            continue
        room = following.at - line.at
        length = spoken[line.cue.text]
        if length > room + 1e-6:
            cut.append(f"{line.cue.text!r} ({length:.2f} s) cut by {following.cue.text!r} after {room:.2f} s")
    return cut


def plan_of(routine: Routine, verbosity: Verbosity) -> Plan:
    return build_plan(routine, PlanOptions(speech_floor=SpokenLeadIn(verbosity)))


@pytest.mark.parametrize("verbosity", list(Verbosity))
@pytest.mark.parametrize("routine_id", list(ROUTINES))
def test_no_cue_of_a_shipped_routine_is_cut_by_the_next(
    routine_id: str, verbosity: Verbosity, spoken: dict[str, float]
) -> None:
    plan = plan_of(ROUTINES[routine_id], verbosity)
    assert cut_cues(cue_script(plan, verbosity), spoken) == []


@pytest.mark.parametrize("verbosity", list(Verbosity))
@pytest.mark.parametrize("exercise_id", list(PACED))
def test_no_count_of_a_paced_exercise_or_version_is_cut_by_the_next(
    exercise_id: str, verbosity: Verbosity, spoken: dict[str, float]
) -> None:
    """Every exercise and version timed rep by rep, at its own tempo: the progression may put any of them in a
    session in place of the routine's exercise."""
    exercise = PACED[exercise_id]
    routine = Routine(id="one", name="One", description="", entries=(Entry(exercise, exercise.dose),))
    plan = plan_of(routine, verbosity)
    assert cut_cues(cue_script(plan, verbosity), spoken) == []
