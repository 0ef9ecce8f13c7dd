"""Small content objects built in code, so engine and view tests do not depend on the shipped catalogue."""

from __future__ import annotations

from hipcoach.core.model import (
    Cues,
    Dose,
    DoseValue,
    Entry,
    Equipment,
    Exercise,
    Kind,
    Movement,
    Position,
    Routine,
    Side,
    Tempo,
)


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def exercise(
    ex_id: str = "bridge",
    *,
    kind: Kind = Kind.REPS,
    position: Position = Position.BACK,
    per_side: bool = False,
    reps: int = 3,
    hold: int | None = None,
    minutes: int | None = None,
    sets: int = 1,
    tempo: Tempo | None = None,
) -> Exercise:
    dose = Dose(
        sets=DoseValue(sets),
        reps=DoseValue(reps) if kind is Kind.REPS else None,
        steps=DoseValue(reps) if kind is Kind.STEPS else None,
        hold_seconds=DoseValue(hold) if hold is not None else None,
        minutes=DoseValue(minutes) if minutes is not None else None,
        tempo=tempo or Tempo(1.0, 1.0),
    )
    return Exercise(
        id=ex_id,
        name=ex_id.replace("-", " ").capitalize(),
        number=1,
        benefit="Test benefit.",
        position=position,
        kind=kind,
        per_side=per_side,
        steps=("First step.", "Second step.", "Third step."),
        dose=dose,
        equipment=(Equipment.MAT,),
        cues=Cues(start=f"{ex_id}. Get into position.", form=("Breathe out as you lift.",)),
        # the second step is the movement, the third the hold and the way back
        movement=Movement(move_step=2, hold_step=3 if hold is not None else None, return_step=3),
    )


def entry(ex: Exercise, *, first_side: Side = Side.LEFT, only_side: Side | None = None) -> Entry:
    return Entry(exercise=ex, dose=ex.dose, first_side=first_side, only_side=only_side)


def routine(*entries: Entry, rest_between_sets: int = 4, rest_between_exercises: int = 6) -> Routine:
    return Routine(
        id="test",
        name="Test routine",
        description="A routine built by the tests.",
        entries=entries,
        rest_between_sets=rest_between_sets,
        rest_between_exercises=rest_between_exercises,
    )


def figure_toml(*, cardio: bool = False) -> str:
    """The smallest [movement.figure] an exercise file may have (every file must have one; docs/figure.md), to end
    an exercise file written by a test: a figure standing still."""
    cadence = "cadence = 60\n" if cardio else ""
    return (
        "[movement.figure]\n"
        'view = "side"\n'
        'works = { measure = "hip.flexion", side = "left", start = 0, top = 0 }\n'
        f"{cadence}"
        "[movement.figure.pose.start]\n"
        "root = [0.0, 0.53]\n"
        "[movement.figure.pose.top]\n"
        "root = [0.0, 0.53]\n"
    )
