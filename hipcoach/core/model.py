"""Content models: what an exercise is and what a routine asks of it.

These are plain frozen dataclasses so that every later layer (plan, engine, views, speech, history) can share them
without copying and without importing Qt. Loading and validation live in ``core/content/``; nothing here reads files.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hipcoach.core.safety.precautions import Precaution

if TYPE_CHECKING:
    from hipcoach.core.figure.description import ExerciseFigure


class Position(enum.StrEnum):
    """Where the body is. The plan uses it to size the get-ready time (a new position takes longer) and to guide
    the way down to the floor and up again, which hurts most, as phases of their own."""

    STANDING = "standing"
    CHAIR = "chair"  # sitting on a chair
    FLOOR_SITTING = "floor-sitting"
    BACK = "back"  # lying on the back
    SIDE = "side"  # side-lying
    FRONT = "front"  # lying face down (the donkey kick's easier version)
    KNEELING = "kneeling"
    ALL_FOURS = "all-fours"
    MACHINE = "machine"  # on a bike, elliptical or rower

    @property
    def label(self) -> str:
        return _POSITION_LABELS[self]

    @property
    def on_floor(self) -> bool:
        return self in _FLOOR_POSITIONS


_POSITION_LABELS = {
    Position.STANDING: "Standing",
    Position.CHAIR: "Sitting on a chair",
    Position.FLOOR_SITTING: "Sitting on the floor",
    Position.BACK: "Lying on your back",
    Position.SIDE: "Lying on your side",
    Position.FRONT: "Lying on your front",
    Position.KNEELING: "Kneeling",
    Position.ALL_FOURS: "On all fours",
    Position.MACHINE: "On the machine",
}
_FLOOR_POSITIONS = frozenset(
    {Position.FLOOR_SITTING, Position.BACK, Position.SIDE, Position.FRONT, Position.KNEELING, Position.ALL_FOURS}
)


class Area(enum.StrEnum):
    """What an exercise works, so that the safety precautions swap an exercise they rule out for one that works
    the same (hipcoach.core.safety.adapt); the exercise file's ``area`` (docs/routine-format.md)."""

    WARM_UP = "warm-up"  # the machines and leg swings: warm the hip and keep it moving
    MOBILITY = "mobility"  # gentle movement through the hip's range
    BUTTOCK = "buttock"  # strength of the buttock muscles that straighten the hip
    OUTER_HIP = "outer-hip"  # strength of the outer hip that holds the pelvis level
    STRETCH = "stretch"  # held stretches

    @property
    def label(self) -> str:
        return _AREA_LABELS[self]


_AREA_LABELS = {
    Area.WARM_UP: "warm-up",
    Area.MOBILITY: "gentle movement",
    Area.BUTTOCK: "buttock strength",
    Area.OUTER_HIP: "outer-hip strength",
    Area.STRETCH: "stretch",
}


class Equipment(enum.StrEnum):
    CHAIR = "chair"
    BAND = "band"
    MAT = "mat"
    BIKE = "bike"
    ELLIPTICAL = "elliptical"
    ROWER = "rower"
    TOWEL = "towel"  # looped round a leg when the hand cannot reach it (easier versions of two stretches)


class Kind(enum.StrEnum):
    """How an exercise is dosed and therefore timed.

    REPS: paced repetitions (tempo up/down), optionally holding at the top of each rep.
    STEPS: paced steps (the banded walk); timed like reps, counted as steps.
    HOLD: one timed hold per set and side (stretches).
    CARDIO: one long timed block in minutes (bike, elliptical, rower).
    """

    REPS = "reps"
    STEPS = "steps"
    HOLD = "hold"
    CARDIO = "cardio"

    @property
    def unit(self) -> Unit:
        """What the dose of this kind counts: the one place that says reps count reps, holds seconds and so on."""
        return _DOSE_UNITS[self]

    @property
    def result_unit(self) -> Unit:
        """What a result of this kind counts (``SideResult.target``): the engine times holds and cardio alike, in
        seconds, while the dose of cardio is written in minutes."""
        return Unit.SECONDS if self.unit is Unit.MINUTES else self.unit

    @property
    def dose_field(self) -> str:
        """The ``Dose`` field (and the file's key) that holds this kind's amount: "reps", "hold_seconds"…"""
        return _DOSE_FIELDS[self.unit]

    @property
    def paced(self) -> bool:
        """Timed rep by rep at the dose's tempo (reps, steps) rather than as one block of time (holds, cardio)."""
        return self.unit in (Unit.REPS, Unit.STEPS)


class Unit(enum.StrEnum):
    """The unit of an amount; the values are the words the history stores."""

    REPS = "reps"
    STEPS = "steps"
    SECONDS = "seconds"
    MINUTES = "minutes"


_DOSE_UNITS = {Kind.REPS: Unit.REPS, Kind.STEPS: Unit.STEPS, Kind.HOLD: Unit.SECONDS, Kind.CARDIO: Unit.MINUTES}
_DOSE_FIELDS = {Unit.REPS: "reps", Unit.STEPS: "steps", Unit.SECONDS: "hold_seconds", Unit.MINUTES: "minutes"}


class SideKind(enum.StrEnum):
    """How the body names a side of a per-side exercise, so the voice and the screen say which side to lie or
    stand on and which leg moves (hipcoach.core.wording.side_phrase words each kind)."""

    LEG = "leg"  # "Your left leg moves." (behind a chair, on all fours)
    CHAIR = "chair"  # side-on to a chair: "Right hand on the chair. Your left leg moves."
    KNEE = "knee"  # "Your left knee bends." (sitting or lying on the back)
    LYING = "lying"  # lying on the side: "Lie on your right side, left knee on top."
    FRONT = "front"  # "Left leg in front." (pigeon)
    DIRECTION = "direction"  # "Step to your left." (the banded walk)
    FOOT = "foot"  # "Left foot on the floor, right leg straight." (single-leg bridge)
    ANKLE = "ankle"  # a standing hold beside a chair: "Right hand on the chair. Hold your left ankle." (quadriceps)
    CHEST = "chest"  # a hold on the back: "Left knee to your chest." (knee-to-chest)
    TOWEL = "towel"  # a standing hold with a towel: "Right hand on the chair. Towel round your left ankle."
    CROSSED = "crossed"  # a hold on the back, one ankle over the other knee: "Left ankle on your right knee."


class Side(enum.StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT

    @property
    def label(self) -> str:
        return "Left side" if self is Side.LEFT else "Right side"


@dataclass(frozen=True)
class DoseValue:
    """One number of a dose, with its provenance.

    ``low``/``high`` keep the article's range ("8-10 times") next to the default we use. ``ours`` is True when the
    article gives no number and we chose one, so anyone reading the data can tell which numbers are sourced.
    """

    value: int
    low: int | None = None
    high: int | None = None
    ours: bool = False

    def with_value(self, value: int) -> DoseValue:
        return DoseValue(value=value, low=self.low, high=self.high, ours=self.ours)


@dataclass(frozen=True)
class Tempo:
    """Seconds for the lifting and the lowering half of one repetition (or one step)."""

    up: float = 2.0
    down: float = 2.0

    @property
    def seconds(self) -> float:
        return self.up + self.down


@dataclass(frozen=True)
class Dose:
    """The article's dose for an exercise, plus the numbers we had to choose.

    Which fields are required depends on ``Exercise.kind``: REPS needs ``reps``; STEPS needs ``steps``; HOLD needs
    ``hold_seconds``; CARDIO needs ``minutes``. ``hold_seconds`` on REPS/STEPS is the optional hold at the top of
    each rep. ``sets`` always has a value (ours where the article has none).
    """

    sets: DoseValue
    reps: DoseValue | None = None
    steps: DoseValue | None = None
    hold_seconds: DoseValue | None = None
    minutes: DoseValue | None = None
    tempo: Tempo = field(default_factory=Tempo)
    tempo_ours: bool = True

    def amount(self, kind: Kind) -> Amount | None:
        """The number this dose asks of an exercise of ``kind``, in ``kind.unit``; None when the dose lacks it (the
        loader refuses such a file; a dose built in code may still lack it)."""
        value: DoseValue | None = getattr(self, kind.dose_field)
        return None if value is None else Amount(value, kind.unit)

    def top_hold(self, kind: Kind) -> DoseValue | None:
        """The hold at the top of each repetition: only reps hold there, paced steps walk on (the plan, the screen
        and ``hipcoach exercises`` all ask here, so none of them shows a hold the session does not time)."""
        return self.hold_seconds if kind.unit is Unit.REPS else None


@dataclass(frozen=True)
class Amount:
    """One number of a dose and what it counts: "10" reps, "30" seconds."""

    value: DoseValue
    unit: Unit

    @property
    def target(self) -> int:
        """The number a result of this amount counts towards, in ``Kind.result_unit``: minutes become seconds."""
        return self.value.value * 60 if self.unit is Unit.MINUTES else self.value.value


@dataclass(frozen=True)
class Cues:
    """Short texts written to be heard once and followed.

    ``start`` is how to get into the starting position ("Lie on your back, knees bent."); the voice says the
    exercise's name before it, so the name on screen and the spoken one are the same. ``form`` holds one-line
    reminders about doing it well ("Keep your back flat."), said in the quiet moments of the exercise (one at
    standard verbosity, all at coach); ``safety`` holds the ones about not getting hurt ("stop if the hip
    pinches"), said at every verbosity but minimal. Both are shown on screen with the steps (docs/speech.md).
    """

    start: str
    form: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()


@dataclass(frozen=True)
class Demands:
    """What a movement asks of the hip, declared in the exercise's ``[movement]`` table, so the safety precautions
    after a hip operation can tell which exercises they rule out (hipcoach.core.safety, docs/safety.md). A test holds
    the declarations against the figure's poses: the declared greatest bend is at least the figure's."""

    hip_bend: int  # the greatest hip bend (flexion) in degrees, 0 standing straight
    crosses_middle: bool = False  # the leg crosses the body's middle line (adduction past neutral)
    turns_in: bool = False  # the hip turns inward (internal rotation)
    turns_out: bool = False  # the hip turns outward (external rotation)
    extends: bool = False  # the hip extends past neutral (the leg behind the body)
    kneels: bool = False
    floor: bool = False  # the exercise is done down on the floor


@dataclass(frozen=True)
class Movement:
    """Which numbered step (1-based, as on screen) is the movement, the hold and the way back.

    The session screen lights ``move_step`` while the body moves (the lift of a rep, the stepping, the machine,
    getting into a stretch is shown by the hold), ``hold_step`` during a hold, and ``return_step`` while lowering.
    Without a hold step a hold lights the movement; without a return step the lowering lights the hold step, else
    the movement. Exercise files declare it in their ``[movement]`` table (hipcoach.core.content.movement); the
    default is only for exercises built in code.
    """

    move_step: int = 1
    hold_step: int | None = None
    return_step: int | None = None
    # The words the voice says as each half of a repetition begins ("Lift" / "Lower"; a squat's first half is
    # "Down" and its second "Stand"), in the order the body moves; only exercises paced in reps or steps have them.
    move_word: str = "Up"
    return_word: str = "Down"
    figure: ExerciseFigure | None = None  # the animated figure's keyframes (core/figure, docs/figure.md)
    demands: Demands | None = None  # what it asks of the hip (every shipped exercise declares it)

    @property
    def holding(self) -> int:
        return self.hold_step if self.hold_step is not None else self.move_step

    @property
    def returning(self) -> int:
        return self.return_step if self.return_step is not None else self.holding


class Level(enum.StrEnum):
    """Which version of an exercise: the article's, or the easier or harder one written for it (docs/progression.md).
    The values are the words the exercise file's ``[variants]`` table and the history's session plan hold."""

    EASIER = "easier"
    BASE = "base"
    HARDER = "harder"


@dataclass(frozen=True)
class VariantLink:
    """An exercise's easier or harder version: the id of another exercise (a file in ``exercises/variants/``, or
    one of the 18, as the single-leg bridge is the bridge's harder version) and why it is easier or harder, in one
    line the chooser can show ("Lifts half as far, so the back of the thigh works less")."""

    id: str
    reason: str


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    number: int  # the article's number (1-19, no 15)
    benefit: str
    position: Position
    kind: Kind
    per_side: bool
    steps: tuple[str, ...]
    dose: Dose
    equipment: tuple[Equipment, ...]
    cues: Cues
    side_word: str = "side"  # what "a side" is called for this exercise: "side", "leg", "direction"
    side_kind: SideKind = SideKind.LEG  # how a side is named on the body (per-side exercises)
    movement: Movement = field(default_factory=Movement)
    # Gentle movement that warms the hip before harder work (the machines, leg swings, easy mobility): a routine
    # that starts with one starts warm (``Routine.starts_warm``). The exercise file says so (``warm_up = true``).
    warm_up: bool = False
    area: Area | None = None  # what it works; None only for exercises built in code, which are never swapped in
    # Its easier and harder versions (the file's ``[variants]`` table; every shipped exercise has both, a test holds
    # it). ``variant_of`` is set on the exercises read from ``exercises/variants/``: the id of the exercise whose
    # version it is; None for the 18 (even the single-leg bridge, which is also the bridge's harder version).
    easier: VariantLink | None = None
    harder: VariantLink | None = None
    variant_of: str | None = None


@dataclass(frozen=True)
class Entry:
    """One exercise as a routine uses it, with the routine's overrides already applied to the dose."""

    exercise: Exercise
    dose: Dose
    first_side: Side = Side.LEFT
    only_side: Side | None = None  # train one side only (e.g. the painful hip needs its own dose)
    # The progression (docs/progression.md) may run another version of the routine's exercise: ``exercise`` is then
    # the version done and ``variant_of`` the id the routine names, which is what "in a row" is counted by. None when
    # the entry runs the routine's own exercise.
    variant_of: str | None = None
    pinned: bool = False  # the routine file pins this dose (``pin = true``): the progression never changes it

    @property
    def routine_exercise_id(self) -> str:
        """The id of the exercise the routine names, whichever version of it runs: the key of its progression."""
        return self.variant_of if self.variant_of is not None else self.exercise.id

    @property
    def sides(self) -> tuple[Side | None, ...]:
        if not self.exercise.per_side:
            return (None,)
        if self.only_side is not None:
            return (self.only_side,)
        return (self.first_side, self.first_side.other)


@dataclass(frozen=True)
class Adaptation:
    """One change the safety precautions made to a routine: ``exercise`` (the routine's, at ``entry_index`` of the
    routine as written) swapped for ``replacement``, or left out when that is None, because it breaks ``broken``."""

    entry_index: int
    exercise: Exercise
    replacement: Exercise | None
    broken: tuple[Precaution, ...]


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    description: str
    entries: tuple[Entry, ...]
    rest_between_sets: int = 20  # seconds
    rest_between_exercises: int = 10  # seconds
    source: str = ""  # the file it was read from, for messages
    # What the safety precautions changed (hipcoach.core.safety.adapt) and what they were, so the chooser, the
    # session, the history and resume all see the same adapted plan; both empty for a routine as written.
    adaptations: tuple[Adaptation, ...] = ()
    precautions: frozenset[Precaution] = frozenset()
    # A sore-day version (hipcoach.core.sore_day): short, gentle, marked so in the history and the charts.
    sore_day: bool = False

    @property
    def starts_warm(self) -> bool:
        """The first exercise is a warm-up: the article's advice is to warm the hip before exercising it. The
        chooser notes a routine that does not, and never refuses it."""
        return bool(self.entries) and self.entries[0].exercise.warm_up

    @property
    def equipment(self) -> tuple[Equipment, ...]:
        seen: dict[Equipment, None] = {}
        for entry in self.entries:
            for item in entry.exercise.equipment:
                seen.setdefault(item, None)
        return tuple(seen)
