"""The progression table: a history of sessions in, the next plan out (docs/progression.md).

Each row is one story a user could live: the sessions they did (day, pain before → after, the dose they ran and
what they said), the choices they made, and what the next session of the routine should run. The shipped exercises
are used with their real ranges; their easier and harder versions are built here, so the table does not depend on
the wording of the version files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Final

import pytest

from hipcoach.core.content import load_catalogue
from hipcoach.core.dose_plan import (
    ChoiceKind,
    Direction,
    DoseChoice,
    DoseNumbers,
    Feeling,
    PastEntry,
    PastSession,
    PlannedEntry,
    planned_entries,
)
from hipcoach.core.model import Demands, DoseValue, Entry, Equipment, Exercise, Routine, Side, VariantLink
from hipcoach.core.progression import clearly_sorer, last_changes, propose
from hipcoach.core.results import Status
from hipcoach.core.safety.precautions import Precaution

START: Final = datetime(2026, 3, 2, 9, 0)


def _version(base: Exercise, version_id: str, name: str, **dose: DoseValue) -> Exercise:
    return replace(base, id=version_id, name=name, variant_of=base.id, dose=replace(base.dose, **dose))


def _exercises() -> dict[str, Exercise]:
    catalogue = load_catalogue()
    bridge, bike, clams, tilts = (catalogue[i] for i in ("bridge", "stationary-bike", "clamshells", "pelvic-tilts"))
    versions = [
        _version(bridge, "half-bridge", "Half bridge", reps=DoseValue(8, low=6, high=10)),
        _version(bike, "easy-bike", "Easy bike", minutes=DoseValue(5, low=5, high=10)),
        replace(
            _version(clams, "banded-clamshells", "Clamshells with a band"), equipment=(Equipment.MAT, Equipment.BAND)
        ),
        replace(
            _version(tilts, "deep-tilts", "Deep tilts"),
            movement=replace(tilts.movement, demands=Demands(hip_bend=110, floor=True)),
        ),
    ]
    linked = {
        "bridge": replace(
            bridge,
            easier=VariantLink("half-bridge", "Lifts less far."),
            harder=VariantLink("single-leg-bridge", "One leg takes the weight."),
        ),
        "stationary-bike": replace(bike, easier=VariantLink("easy-bike", "Shorter, no resistance.")),
        "clamshells": replace(clams, harder=VariantLink("banded-clamshells", "The band resists the opening.")),
        "pelvic-tilts": replace(tilts, harder=VariantLink("deep-tilts", "Bends the hip further.")),
    }
    return {**catalogue, **linked, **{v.id: v for v in versions}}


EXERCISES: Final = _exercises()


def routine_of(*ids: str, pinned: bool = False, precautions: frozenset[Precaution] = frozenset()) -> Routine:
    entries = tuple(Entry(EXERCISES[i], EXERCISES[i].dose, pinned=pinned) for i in ids)
    return Routine("mine", "Mine", "A routine of the tests.", entries, precautions=precautions)


def bridge(reps: int = 12, hold: int = 3, sets: int = 2) -> DoseNumbers:
    return DoseNumbers(sets=sets, reps=reps, hold_seconds=hold)


def minutes(value: int) -> DoseNumbers:
    return DoseNumbers(sets=1, minutes=value)


@dataclass(frozen=True)
class S:
    """One past session of a one-exercise routine: ``day`` after START, pain before and after, the dose it ran."""

    day: int
    before: int | None
    after: int | None
    dose: DoseNumbers = field(default_factory=bridge)
    variant: str | None = None
    status: Status = Status.COMPLETED
    sharp: bool = False
    feeling: Feeling | None = None
    trial: bool = False
    sore: bool = False
    routine: str = "mine"
    planned: bool = True

    def session(self, exercise_id: str) -> PastSession:
        plan = PlannedEntry(exercise_id, self.variant, self.dose) if self.planned else None
        entry = PastEntry(0, exercise_id, plan, self.status, self.sharp, self.feeling)
        return PastSession(
            started_at=START + timedelta(days=self.day),
            routine_id=self.routine,
            trial=self.trial,
            sore_day=self.sore,
            completed=self.status is Status.COMPLETED,
            pain_before=self.before,
            pain_after=self.after,
            entries=(entry,),
        )


def undo_to(day: int, exercise_id: str, dose: DoseNumbers, variant: str | None = None) -> DoseChoice:
    moment = START + timedelta(days=day, hours=2)
    return DoseChoice(moment, exercise_id, ChoiceKind.SET, PlannedEntry(exercise_id, variant, dose), routine_id="mine")


GREEN: Final = (1, 2)
ON_TOP = bridge(15, 6, 3)
AT_BOTTOM = bridge(10, 3, 1)
TILTS_TOP = DoseNumbers(3, reps=15, hold_seconds=6)
CLAMS_TOP = DoseNumbers(3, reps=12)
TEXT_TWO_GREEN = "Bridge: 12 → 13 reps — your last two sessions were complete and pain stayed at 2 or below"


@dataclass(frozen=True)
class Row:
    story: str
    exercise: str
    sessions: tuple[S, ...]
    expected: DoseNumbers
    variant: str | None = None
    choices: tuple[DoseChoice, ...] = ()
    today: int | None = None  # days after START
    adapt: bool = True
    pinned: bool = False
    precautions: frozenset[Precaution] = frozenset()
    text: str | None = None


TABLE: Final = [
    Row("no history: the routine's own dose", "bridge", (), bridge()),
    Row("one green session: keep", "bridge", (S(0, *GREEN),), bridge()),
    Row("all green, twice: a rep more", "bridge", (S(0, *GREEN), S(2, *GREEN)), bridge(13), text=TEXT_TWO_GREEN),
    Row("green then amber (pain 5 after 1): keep", "bridge", (S(0, *GREEN), S(2, 1, 5)), bridge()),
    Row("amber then green: not two in a row", "bridge", (S(0, 1, 5), S(2, *GREEN)), bridge()),
    Row(
        "red (pain 7 after): a rep less",
        "bridge",
        (S(0, *GREEN), S(2, 2, 7)),
        bridge(11),
        text="Bridge: 12 → 11 reps — pain after your last session was 7",
    ),
    Row("sharp pain on the exercise: a rep less", "bridge", (S(0, *GREEN), S(2, *GREEN, sharp=True)), bridge(11)),
    Row("too hard: a rep less", "bridge", (S(0, *GREEN), S(2, *GREEN, feeling=Feeling.TOO_HARD)), bridge(11)),
    Row("too easy and green: up after one session", "bridge", (S(0, *GREEN, feeling=Feeling.TOO_EASY),), bridge(13)),
    Row("too easy but pain 5: keep", "bridge", (S(0, 1, 5, feeling=Feeling.TOO_EASY),), bridge()),
    Row("not all done: keep", "bridge", (S(0, *GREEN), S(2, *GREEN, status=Status.PARTIAL)), bridge()),
    Row("no pain rating after: keep", "bridge", (S(0, 1, None), S(2, 1, None)), bridge()),
    Row("pain 4 → 5 is no more than 2 above: green", "bridge", (S(0, 4, 5), S(2, 4, 5)), bridge(13)),
    Row("sorer at the start of the next session: amber", "bridge", (S(0, *GREEN), S(2, 3, 3)), bridge()),
    Row("reps at the top: a longer hold", "bridge", (S(0, *GREEN, dose=bridge(15)), S(2, *GREEN, dose=bridge(15))),
        bridge(15, 4)),
    Row("reps and hold at the top: a set more", "bridge",
        (S(0, *GREEN, dose=bridge(15, 6)), S(2, *GREEN, dose=bridge(15, 6))), bridge(15, 6, 3)),
    Row("top of every range: the harder version at its own dose", "bridge",
        (S(0, *GREEN, dose=ON_TOP), S(2, *GREEN, dose=ON_TOP)), bridge(10, 2, 2), variant="single-leg-bridge",
        text="Bridge → Single-Leg Glute Bridge — top of the range, your last two sessions were complete and pain "
        "stayed at 2 or below"),
    Row("red at the bottom: the easier version", "bridge", (S(0, 2, 7, dose=AT_BOTTOM),), bridge(8, 3, 2),
        variant="half-bridge"),
    Row("red on the easier version at its bottom: nothing easier, keep", "bridge",
        (S(0, 2, 7, dose=bridge(6, 3, 1), variant="half-bridge"),), bridge(6, 3, 1), variant="half-bridge"),
    Row("red on the harder version at its bottom: back to the routine's own", "bridge",
        (S(0, 2, 7, dose=bridge(6, 2, 1), variant="single-leg-bridge"),), bridge()),
    Row("three weeks away: one step back", "bridge", (S(0, *GREEN), S(2, *GREEN, dose=bridge(13))), bridge(12, 3, 2),
        today=30, text="Bridge: 13 → 12 reps — first time in 4 weeks, so one step back"),
    Row("three weeks between two greens: not in a row", "bridge", (S(0, *GREEN), S(25, *GREEN)), bridge()),
    Row("declined the step up: the old dose ran, still green, offered again", "bridge",
        (S(0, *GREEN), S(2, *GREEN), S(4, *GREEN)), bridge(13)),
    Row("declined the step down, then a good session: keep", "bridge", (S(0, 2, 7), S(2, *GREEN)), bridge()),
    Row("accepted the step up: one green at the new dose, keep", "bridge",
        (S(0, *GREEN), S(2, *GREEN), S(4, *GREEN, dose=bridge(13))), bridge(13)),
    Row("trial runs never count", "bridge", (S(0, *GREEN, trial=True), S(2, *GREEN, trial=True)), bridge()),
    Row("a trial red after two greens changes nothing", "bridge",
        (S(0, *GREEN), S(2, *GREEN), S(3, 2, 8, trial=True, dose=bridge(13))), bridge(13)),
    Row("a sore-day session between two greens does not move the dose", "bridge",
        (S(0, 2, 2), S(1, 2, 6, dose=bridge(10, 3, 1), sore=True), S(2, 2, 2)), bridge(13)),
    Row("sessions of other routines do not count", "bridge",
        (S(0, *GREEN, routine="other"), S(2, *GREEN, routine="other")), bridge()),
    Row("sessions recorded before plans were kept do not count", "bridge",
        (S(0, *GREEN, planned=False), S(2, *GREEN, planned=False)), bridge()),
    Row("pinned: never changes", "bridge", (S(0, *GREEN), S(2, *GREEN)), bridge(), pinned=True),
    Row("adaptation off: no change, the dose reached stays", "bridge",
        (S(0, *GREEN, dose=bridge(13)), S(2, *GREEN, dose=bridge(13))), bridge(13), adapt=False),
    Row("undo: the chosen plan is the dose, the run starts again", "bridge",
        (S(0, *GREEN), S(2, *GREEN, dose=bridge(13))), bridge(12), choices=(undo_to(2, "bridge", bridge(12)),)),
    Row("a harder version the precautions rule out is not offered", "pelvic-tilts",
        (S(0, *GREEN, dose=TILTS_TOP), S(2, *GREEN, dose=TILTS_TOP)),
        TILTS_TOP, precautions=frozenset({Precaution.DEEP_BEND})),
    Row("the same history without precautions offers it", "pelvic-tilts",
        (S(0, *GREEN, dose=TILTS_TOP), S(2, *GREEN, dose=TILTS_TOP)),
        DoseNumbers(2, reps=10, hold_seconds=3), variant="deep-tilts"),
    Row("a harder version that needs a band the routine lacks is not offered", "clamshells",
        (S(0, *GREEN, dose=CLAMS_TOP), S(2, *GREEN, dose=CLAMS_TOP)), CLAMS_TOP),
    Row("a stretch's hold: 5 seconds more", "knee-to-chest",
        (S(0, *GREEN, dose=DoseNumbers(2, hold_seconds=15)), S(2, *GREEN, dose=DoseNumbers(2, hold_seconds=15))),
        DoseNumbers(2, hold_seconds=20), text="Knee-to-Chest Stretch: 15 → 20 seconds — your last two sessions were "
        "complete and pain stayed at 2 or below"),
    Row("the banded walk: two steps more", "banded-walk",
        (S(0, *GREEN, dose=DoseNumbers(2, steps=8)), S(2, *GREEN, dose=DoseNumbers(2, steps=8))),
        DoseNumbers(2, steps=10)),
    Row("cardio: two greens within a week, keep", "stationary-bike",
        (S(0, *GREEN, dose=minutes(10)), S(3, *GREEN, dose=minutes(10))), minutes(10)),
    Row("cardio: a week of greens, a minute more", "stationary-bike",
        (S(0, *GREEN, dose=minutes(10)), S(3, *GREEN, dose=minutes(10)), S(7, *GREEN, dose=minutes(10))), minutes(11),
        text="Stationary Bike: 10 → 11 minutes — a week of sessions at 10 minutes with pain at 2 or below"),
    Row("cardio: the next week, another minute", "stationary-bike",
        (S(0, *GREEN, dose=minutes(10)), S(7, *GREEN, dose=minutes(10)), S(8, *GREEN, dose=minutes(11)),
         S(15, *GREEN, dose=minutes(11))), minutes(12)),
    Row("cardio at the article's maximum with no harder version: keep", "stationary-bike",
        (S(0, *GREEN, dose=minutes(15)), S(7, *GREEN, dose=minutes(15))), minutes(15)),
    Row("cardio red at the bottom: the easier version", "stationary-bike", (S(0, 2, 7, dose=minutes(10)),),
        minutes(5), variant="easy-bike"),
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=[row.story for row in TABLE])
def test_the_progression_table(row: Row) -> None:
    routine = routine_of(row.exercise, pinned=row.pinned, precautions=row.precautions)
    past = [s.session(row.exercise) for s in row.sessions]
    today = None if row.today is None else (START + timedelta(days=row.today)).date()
    proposal = propose(routine, EXERCISES, past, row.choices, adapt=row.adapt, today=today)
    (planned,) = planned_entries(proposal.proposed)
    assert (planned.variant_id, planned.dose) == (row.variant, row.expected)
    assert bool(proposal.changes) == (proposal.proposed != proposal.current)
    if row.text is not None:
        assert [c.text for c in proposal.changes] == [row.text]


def test_a_harder_version_the_routine_already_runs_is_not_offered() -> None:
    routine = routine_of("bridge", "single-leg-bridge")
    top = PastEntry(0, "bridge", PlannedEntry("bridge", None, ON_TOP), Status.COMPLETED)
    past = [PastSession(START + timedelta(days=d), "mine", False, False, True, 1, 2, (top,)) for d in (0, 2)]
    assert propose(routine, EXERCISES, past, ()).changes == ()
    alone = propose(routine_of("bridge"), EXERCISES, past, ())
    assert [c.after.variant_id for c in alone.changes] == ["single-leg-bridge"]


def test_the_same_history_gives_the_same_proposal() -> None:
    routine = routine_of("bridge")
    past = [S(0, *GREEN).session("bridge"), S(2, *GREEN).session("bridge")]
    assert propose(routine, EXERCISES, past, ()) == propose(routine, EXERCISES, list(past), ())


def test_a_change_says_what_and_which_way() -> None:
    routine = routine_of("bridge")
    past = [S(0, *GREEN).session("bridge"), S(2, *GREEN).session("bridge")]
    (change,) = propose(routine, EXERCISES, past, ()).changes
    assert (change.entry_index, change.direction) == (0, Direction.UP)
    assert change.before.dose == bridge() and change.after.dose == bridge(13)
    assert planned_entries(propose(routine, EXERCISES, past, ()).current)[0].dose == bridge()


def test_each_entry_of_a_routine_moves_on_its_own_history() -> None:
    routine = routine_of("bridge", "stationary-bike")
    sessions = []
    for day, bike_pain in ((0, False), (2, True)):
        bridge_entry = PastEntry(0, "bridge", PlannedEntry("bridge", None, bridge()), Status.COMPLETED)
        bike_entry = PastEntry(
            1, "stationary-bike", PlannedEntry("stationary-bike", None, minutes(10)), Status.COMPLETED, bike_pain
        )
        sessions.append(
            PastSession(START + timedelta(days=day), "mine", False, False, True, 1, 2, (bridge_entry, bike_entry))
        )
    proposal = propose(routine, EXERCISES, sessions, ())
    assert [(c.entry_index, c.direction) for c in proposal.changes] == [(0, Direction.UP), (1, Direction.EASIER)]


def test_a_routine_that_trains_one_side_keeps_that_sides_dose() -> None:
    clams = EXERCISES["clamshells"]
    entries = (
        Entry(clams, clams.dose, only_side=Side.RIGHT),
        Entry(clams, clams.dose, only_side=Side.LEFT),
    )
    routine = Routine("mine", "Mine", "Two sides.", entries)
    plan = (PlannedEntry("clamshells", None, DoseNumbers(2, reps=10), only_side=Side.RIGHT),)
    past = [
        PastSession(START + timedelta(days=d), "mine", False, False, True, 1, 2, (PastEntry(0, "clamshells", plan[0],
                                                                                            Status.COMPLETED),))
        for d in (0, 2)
    ]  # fmt: skip
    proposal = propose(routine, EXERCISES, past, ())
    assert [(c.entry_index, c.text) for c in proposal.changes] == [
        (0, "Clamshells (right): 10 → 11 reps — your last two sessions were complete and pain stayed at 2 or below")
    ]


def test_last_changes_offers_the_undo_of_what_the_last_session_brought_in() -> None:
    routine = routine_of("bridge")
    past = [S(d, *GREEN, dose=dose).session("bridge") for d, dose in ((0, bridge()), (2, bridge()), (4, bridge(13)))]
    (change,) = last_changes(routine, EXERCISES, past, ())
    assert (change.before.dose, change.after.dose, change.direction) == (bridge(), bridge(13), Direction.UP)
    assert change.text == "Bridge: 12 → 13 reps — changed at your last session"
    undo = DoseChoice(START + timedelta(days=4, hours=1), "bridge", ChoiceKind.SET, change.before, routine_id="mine")
    assert last_changes(routine, EXERCISES, past, (undo,)) == ()
    after_undo = propose(routine, EXERCISES, past, (undo,))
    assert planned_entries(after_undo.current)[0].dose == bridge() and after_undo.changes == ()


def test_last_changes_is_empty_when_the_last_session_ran_the_same_dose() -> None:
    past = [S(d, *GREEN).session("bridge") for d in (0, 2)]
    assert last_changes(routine_of("bridge"), EXERCISES, past, ()) == ()


def test_a_choice_for_another_routine_does_not_apply() -> None:
    choice = DoseChoice(START, "bridge", ChoiceKind.SET, PlannedEntry("bridge", None, bridge(14)), routine_id="other")
    anywhere = replace(choice, routine_id=None)
    assert planned_entries(propose(routine_of("bridge"), EXERCISES, (), (choice,)).current)[0].dose == bridge()
    assert planned_entries(propose(routine_of("bridge"), EXERCISES, (), (anywhere,)).current)[0].dose == bridge(14)


def test_a_version_the_routine_cannot_run_falls_back_to_its_own_exercise() -> None:
    past = [S(0, *GREEN, dose=DoseNumbers(2, reps=10, hold_seconds=3), variant="deep-tilts").session("pelvic-tilts")]
    routine = routine_of("pelvic-tilts", precautions=frozenset({Precaution.DEEP_BEND}))
    assert planned_entries(propose(routine, EXERCISES, past, ()).current)[0].variant_id is None


@pytest.mark.parametrize(
    ("today", "befores", "sorer"),
    [
        (5, (2, 2, 3, 2, 2), True),  # median 2, 5 ≥ 4
        (4, (2, 2, 3, 2, 2), True),
        (3, (2, 2, 3, 2, 2), False),
        (6, (2, 2), False),  # too few ratings to know what is usual
        (2, (0, 0, 0), False),  # 2 points above 0 is not a sore day
        (3, (1, 1, 1), True),
        (5, (7, 7, 7, 7, 2, 2, 2, 7, 7), True),  # only the last five count: their median is 2
        (5, (2, None, 2, None, 2), True),
    ],
)
def test_clearly_sorer(today: int, befores: tuple[int | None, ...], sorer: bool) -> None:
    past = [S(day, before, 2).session("bridge") for day, before in enumerate(befores)]
    past.append(S(99, 9, 9, trial=True).session("bridge"))  # a trial run never says what is usual
    assert clearly_sorer(today, past) is sorer


def test_proposals_need_no_clock() -> None:
    past = [S(0, *GREEN).session("bridge")]
    assert propose(routine_of("bridge"), EXERCISES, past, (), today=date(2026, 3, 3)).changes == ()
