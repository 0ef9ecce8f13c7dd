"""The words of the app in one place: dates, counts, doses, sides and times, for the window, the report, the command
line and the spoken cues.

Qt-free so the words can be checked without a window. Screen texts are written to be read at a glance; the spoken ones
(:func:`spoken_amount`, :func:`minutes`) to be heard once. Which number a dose of each kind of exercise uses is the
model's rule (:meth:`hipcoach.core.model.Dose.amount`); here is only how it is written.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from hipcoach.core.advice import WARNING_SIGN_QUESTIONS
from hipcoach.core.chooser_snapshot import RoutineCard
from hipcoach.core.model import Adaptation, Entry, Exercise, Routine, Side, SideKind, Unit
from hipcoach.core.safety.answers import OperatedHip, SafetyAnswers
from hipcoach.core.safety.precautions import BY_APPROACH, Approach, Precaution

MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
NO_VALUE: Final = "—"
RECORDED_SIDES: Final = {"left": "Left", "right": "Right"}
"""The sides as the history stores them, as a table cell shows them."""

_ONE_OF: Final = {Unit.REPS: "rep", Unit.STEPS: "step", Unit.SECONDS: "second", Unit.MINUTES: "minute"}
"""One of each unit: "1 rep", "10 reps"."""


# --- counts ----------------------------------------------------------------------------------------------------------


def noun(count: int, word: str, words: str | None = None) -> str:
    """The noun alone, as ``count`` of it is said: "session", "sessions"."""
    return word if count == 1 else (words or word + "s")


def unit_noun(unit: Unit, count: int = 1) -> str:
    """What one amount of ``unit`` is called, as ``count`` of it is said: "rep", "steps", "second"."""
    return noun(count, _ONE_OF[unit])


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 session", "1,250 sessions": a routine may ask for one of anything, and "1 reps" reads as a mistake."""
    return f"{count:,} {noun(count, word, words)}"


def whole(value: float) -> str:
    """A count or a number of minutes as people write it: "1,250"."""
    return f"{round(value):,}"


EXERCISING_HEADER: Final = "Minutes exercising"
"""The active time's name in every table (the History list, the report, ``hipcoach history``), as the summary says
it ("14 minutes exercising"): the time without the pauses, which is not the "Time taken" of the summary (the time
on the clock); the summary says both."""


def minutes_count(value: float) -> str:
    """Minutes of exercise, rounded: "1 minute", "1,250 minutes" (never "1 minutes")."""
    return plural(round(value), "minute")


def one_decimal(value: float | None) -> str:
    """An average pain rating: "3.5", or the empty value when there is none."""
    return NO_VALUE if value is None else f"{value:.1f}"


# --- dates and times -------------------------------------------------------------------------------------------------


def short_day(day: date) -> str:
    """ "3 Mar": axis labels."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def long_day(day: date) -> str:
    """ "3 March 2026": sentences and the report."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def moment_text(moment: datetime) -> str:
    """ "Tue 3 Mar 2026, 08:15": a session's start, in the zone ``moment`` is in."""
    return f"{WEEKDAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}, {moment:%H:%M}"


def sortable_moment(moment: datetime) -> str:
    """ "2026-03-03 08:15" in the computer's time zone: a terminal's table, where dates sort as text."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def format_clock(seconds: float) -> str:
    """m:ss, minutes unpadded and unbounded ("4:05", "75:03"): what a kitchen timer shows."""
    whole_seconds = max(0, round(seconds))
    return f"{whole_seconds // 60}:{whole_seconds % 60:02d}"


def minutes_text(seconds: float) -> str:
    """A duration to plan around, rounded to whole minutes and never "0 minutes"."""
    count = max(1, round(seconds / 60))
    return "About 1 minute" if count == 1 else f"About {count} minutes"


def hold_text(seconds: int) -> str:
    """ "Hold for 30 seconds.": the start of a stretch, as the coach says it."""
    return f"Hold for {plural(seconds, 'second')}."


CARDIO_PACE: Final = "at a moderate pace"
"""The article's pace for the bike and the elliptical: moderate, building up over the weeks."""


def cardio_text(seconds: int) -> str:
    """ "10 minutes at a moderate pace": what a cardio block asks, said and shown."""
    return f"{minutes(seconds)} {CARDIO_PACE}"


def minutes(seconds: int) -> str:
    """ "1 minute", "10 minutes": whole minutes of ``seconds``, as the coach says them."""
    return plural(seconds // 60, "minute")


# --- sides -----------------------------------------------------------------------------------------------------------


def side_text(entry: Entry, side: Side) -> str:
    """ "Left leg", "Right side": the exercise's own word for a side (lower-cased inside a sentence)."""
    return f"{side.value.capitalize()} {entry.exercise.side_word}"


# One function per kind of side (SideKind): the side is always the hip that works, and each names it the way the body
# finds it in that position, so "left" can never mean the side you lie on when it is the knee on top.


def leg_moves(side: Side) -> str:
    """Behind a chair or on all fours: "Your left leg moves."""
    return f"Your {side.value} leg moves."


def chair_side(side: Side) -> str:
    """Side-on to a chair, the outer leg works: "Right hand on the chair. Your left leg moves."""
    return f"{side.other.value.capitalize()} hand on the chair. Your {side.value} leg moves."


def knee_bends(side: Side) -> str:
    """Sitting, or lying on the back: "Your left knee bends."""
    return f"Your {side.value} knee bends."


def lying_on_side(side: Side) -> str:
    """Side-lying, the top leg works: "Lie on your right side, left knee on top."""
    return f"Lie on your {side.other.value} side, {side.value} knee on top."


def leg_in_front(side: Side) -> str:
    """Pigeon: the front leg's hip is the one stretched: "Left leg in front."""
    return f"{side.value.capitalize()} leg in front."


def step_to(side: Side) -> str:
    """The banded walk: "Step to your left."""
    return f"Step to your {side.value}."


def foot_down(side: Side) -> str:
    """The single-leg bridge: the hip over the foot on the floor lifts: "Left foot on the floor, right leg straight."""
    return f"{side.value.capitalize()} foot on the floor, {side.other.value} leg straight."


def hold_ankle(side: Side) -> str:
    """The standing quadriceps stretch: nothing moves while it is held, so the hand names the side:
    "Right hand on the chair. Hold your left ankle."""
    return f"{side.other.value.capitalize()} hand on the chair. Hold your {side.value} ankle."


def knee_to_chest(side: Side) -> str:
    """The knee-to-chest hold: the knee held to the chest is the hip stretched: "Left knee to your chest."""
    return f"{side.value.capitalize()} knee to your chest."


def towel_round_ankle(side: Side) -> str:
    """The quadriceps stretch with a towel: the towel, not the hand, holds the ankle:
    "Right hand on the chair. Towel round your left ankle."""
    return f"{side.other.value.capitalize()} hand on the chair. Towel round your {side.value} ankle."


def ankle_on_knee(side: Side) -> str:
    """The figure-4 stretch on the back: the crossed leg's hip is the one stretched: "Left ankle on your right
    knee."""
    return f"{side.value.capitalize()} ankle on your {side.other.value} knee."


SIDE_PHRASES: Final = {
    SideKind.LEG: leg_moves,
    SideKind.CHAIR: chair_side,
    SideKind.KNEE: knee_bends,
    SideKind.LYING: lying_on_side,
    SideKind.FRONT: leg_in_front,
    SideKind.DIRECTION: step_to,
    SideKind.FOOT: foot_down,
    SideKind.ANKLE: hold_ankle,
    SideKind.CHEST: knee_to_chest,
    SideKind.TOWEL: towel_round_ankle,
    SideKind.CROSSED: ankle_on_knee,
}


def side_phrase(exercise: Exercise, side: Side) -> str:
    """Where the body is for ``side`` of ``exercise``, as a sentence said and shown: the voice's get-ready and side
    switch, and the line under the countdown."""
    return SIDE_PHRASES[exercise.side_kind](side)


def entry_side_phrase(entry: Entry, side: Side) -> str:
    """:func:`side_phrase`, and "This side only." when the routine trains one side."""
    only = " This side only." if len(entry.sides) == 1 else ""
    return side_phrase(entry.exercise, side) + only


def recorded_side_text(side: str | None) -> str:
    """A side as the history stored it: "Left", "Right", or a dash for an exercise done on both at once."""
    return RECORDED_SIDES.get(side or "", NO_VALUE)


# --- doses -----------------------------------------------------------------------------------------------------------


def dose_text(entry: Entry) -> str:
    """What the whole exercise asks, on screen: "10 reps each leg · 2 sets"."""
    dose, exercise = entry.dose, entry.exercise
    each = f" each {exercise.side_word}" if len(entry.sides) > 1 else ""
    amount = dose.amount(exercise.kind)
    parts: list[str] = []
    if amount is not None:
        counted = plural(amount.value.value, _ONE_OF[amount.unit])  # "1 rep", "10 reps"
        if amount.unit is Unit.MINUTES:
            parts.append(counted)
        elif amount.unit is Unit.SECONDS:
            parts.append(f"Hold {counted}{each}")
        else:
            parts.append(f"{counted}{each}")
    top_hold = dose.top_hold(exercise.kind)
    if top_hold is not None:
        parts.append(f"{top_hold.value}-second hold")  # a routine may make it longer
    if dose.sets.value > 1:
        parts.append(f"{dose.sets.value} sets")
    return " · ".join(parts)


def spoken_amount(entry: Entry) -> str:
    """What the whole exercise asks, said by the coach: "10 reps each leg, 2 sets"; "Hold 30 seconds each side"."""
    dose, exercise = entry.dose, entry.exercise
    amount = dose.amount(exercise.kind)
    per = " each side" if exercise.per_side and entry.only_side is None else ""
    if amount is None:
        text = ""
    elif amount.unit is Unit.MINUTES:
        return minutes(amount.value.value * 60)
    elif amount.unit is Unit.SECONDS:
        text = f"Hold {plural(amount.value.value, 'second')}{per}"
    else:
        said = plural(amount.value.value, _ONE_OF[amount.unit])
        text = f"{said}{per.replace('side', exercise.side_word)}"
    if dose.sets.value > 1:
        text += f", {dose.sets.value} sets"
    return text


def amount_text(value: int, unit: str) -> str:
    """A recorded amount: "12 reps", "10 steps", "45 s", "10 min", "9 min 5 s" (holds and cardio are recorded in
    seconds, :attr:`hipcoach.core.model.Kind.result_unit`)."""
    if unit in (Unit.REPS, Unit.STEPS):
        return plural(value, _ONE_OF[Unit(unit)])
    if value < 120:
        return f"{value} s"
    whole_minutes, seconds = divmod(value, 60)
    return f"{whole_minutes} min" + (f" {seconds} s" if seconds else "")


# --- routines --------------------------------------------------------------------------------------------------------


def entry_text(entry: Entry) -> str:
    """An exercise as the routine preview lists it: its dose and the sides the routine chose ("6 reps · Right leg
    only"), so the preview shows the routine's overrides exactly as the session runs them. Starting on the left is
    the default and goes unsaid; the session's get-ready names the first side either way."""
    parts = [dose_text(entry)] if dose_text(entry) else []
    sides = entry.sides
    if len(sides) == 1 and sides[0] is not None:
        parts.append(f"{side_text(entry, sides[0])} only")
    elif len(sides) == 2 and sides[0] is Side.RIGHT:
        parts.append(f"{side_text(entry, Side.RIGHT)} first")
    return " · ".join(parts)


def equipment_text(routine: Routine) -> str:
    items = [item.value for item in routine.equipment]
    return f"Needs: {', '.join(items)}" if items else "No equipment needed"


def exercises_text(routine: Routine) -> str:
    count = len(routine.entries)
    return "1 exercise" if count == 1 else f"{count} exercises"


NO_WARM_UP_NOTE: Final = (
    "This routine starts without a warm-up. A few minutes on a bike, or some easy leg swings, "
    "first will make it kinder to your hip."
)
"""The chooser's note on a routine whose first exercise is not a warm-up (``Routine.starts_warm``): advice only,
the routine starts as any other."""


# --- safety ----------------------------------------------------------------------------------------------------------

PRECAUTION_RULES: Final[dict[Precaution, str]] = {
    Precaution.DEEP_BEND: "no bending the hip past 90°",
    Precaution.CROSSING: "no crossing the leg over the middle of your body",
    Precaution.TURNING_IN: "no turning the leg inward",
    Precaution.EXTENSION_TURNED_OUT: "no taking the leg behind you with the hip turned out",
}
"""Each precaution as a rule, for the precautions line."""

PRECAUTION_REASONS: Final[dict[Precaution, str]] = {
    Precaution.DEEP_BEND: "bends the hip past 90°",
    Precaution.CROSSING: "takes the leg across the middle of your body",
    Precaution.TURNING_IN: "turns the hip inward",
    Precaution.EXTENSION_TURNED_OUT: "takes the leg behind you with the hip turned out",
}
"""What an exercise does that a precaution rules out, after "it": why it is swapped or left out."""


def day_and_month(day: date) -> str:
    """ "3 March": a day within the next few months, in a sentence."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]}"


def reason_text(broken: tuple[Precaution, ...]) -> str:
    """ "it bends the hip past 90° and turns the hip inward"."""
    return "it " + " and ".join(PRECAUTION_REASONS[precaution] for precaution in broken)


def adaptation_text(adaptation: Adaptation) -> str:
    """One change to a routine: "Pigeon Pose is left out: it bends the hip past 90°." """
    name = adaptation.exercise.name
    reason = reason_text(adaptation.broken)
    if adaptation.replacement is None:
        return f"{name} is left out: {reason}."
    return f"{name} is swapped for {adaptation.replacement.name}: {reason}."


def changes_text(routine: Routine) -> str:
    """Every change the precautions made to ``routine``, one line each; "" for a routine as written."""
    return "\n".join(adaptation_text(adaptation) for adaptation in routine.adaptations)


def precautions_text(precautions: frozenset[Precaution], until: date | None) -> str:
    """ "Hip precautions after your operation until 3 March: no bending the hip past 90°, …." "" when none apply.
    ``until`` is the first day they no longer apply (``Operation.precautions_end``)."""
    if not precautions:
        return ""
    when = f" until {day_and_month(until)}" if until is not None else ""
    rules = ", ".join(PRECAUTION_RULES[precaution] for precaution in Precaution if precaution in precautions)
    return f"Hip precautions after your operation{when}: {rules}."


def not_offered_text(routine: Routine, see_a_professional: bool) -> str:
    """Why ``--start`` will not run a routine after the safety questions."""
    if see_a_professional:
        return (
            f"{routine.name} is not offered: you told hipcoach about a warning sign, so please see a doctor or "
            "physiotherapist before exercising. Only Gentle Mobility is offered (--start gentle-mobility)."
        )
    return f"{routine.name} is not offered: the hip precautions after your operation rule out every exercise in it."


HIPS: Final = {OperatedHip.LEFT: "left hip", OperatedHip.RIGHT: "right hip", OperatedHip.BOTH: "both hips"}
APPROACHES: Final = {
    Approach.BACK: "from the back (posterior approach)",
    Approach.FRONT: "from the front (anterior approach)",
    Approach.UNKNOWN: "approach not known",
}


def safety_lines(answers: SafetyAnswers, today: date) -> list[str]:
    """What the report and ``hipcoach safety`` say of the safety questions, for the physiotherapist: the
    operation (hip, approach, date), its precautions and until when, or that they were lifted or ended, and the
    warning signs. Nothing when they were never answered: the report is then the one made before the questions
    existed."""
    if not answers.answered:
        return []
    lines: list[str] = []
    operation = answers.operation
    if operation is None:
        lines.append("Hip operation in the last months: none.")
    else:
        lines.append(
            f"Hip operation: {HIPS[operation.hip]}, {APPROACHES[operation.approach]}, on {long_day(operation.on)}."
        )
        rules = "; ".join(PRECAUTION_RULES[p] for p in Precaution if p in BY_APPROACH[operation.approach])
        ends = long_day(operation.precautions_end)
        if operation.lifted:
            lines.append(f"Precautions ({rules}): lifted by the surgeon.")
        elif operation.precautions(today):
            lines.append(f"Precautions ({rules}): until {ends}; the routines are adapted to them.")
        else:
            lines.append(f"Precautions ({rules}): ended on {ends}.")
    signs = [WARNING_SIGN_QUESTIONS[sign.value].lower() for sign in sorted(answers.warning_signs)]
    if signs:
        lines.append(f"Warning signs reported: {'; '.join(signs)}. Advised to see a doctor or physiotherapist first.")
    else:
        lines.append("Warning signs reported: none.")
    if answers.answered_on is not None:
        lines.append(f"Answered on {long_day(answers.answered_on)}.")
    return lines


def routine_card(routine: Routine, seconds: float) -> RoutineCard:
    """What the chooser shows of ``routine``, which takes ``seconds`` with the user's timing."""
    lines = []
    for number, entry in enumerate(routine.entries, start=1):
        dose = entry_text(entry)
        lines.append(f"{number}. {entry.exercise.name}" + (f"  ({dose})" if dose else ""))
    return RoutineCard(
        id=routine.id,
        name=routine.name,
        description=routine.description,
        summary=f"{minutes_text(seconds)} · {exercises_text(routine)}",  # "About 14 minutes · 6 exercises"
        equipment=equipment_text(routine),
        exercises="\n".join(lines),
        note="" if routine.starts_warm else NO_WARM_UP_NOTE,
        changes=changes_text(routine),
    )
