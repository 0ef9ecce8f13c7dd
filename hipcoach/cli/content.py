"""The content subcommands: ``hipcoach exercises``, ``hipcoach routines``, ``hipcoach check PATH``,
``hipcoach cues ROUTINE`` and ``hipcoach safety``.

Kept apart from the dispatch so that opening the window does not load the content, the model and the plan before its
first paint (docs/startup.md); the dispatch imports this module only to run one of these commands.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from hipcoach.cli import output
from hipcoach.core import content, paths
from hipcoach.core.advice import SEE_A_PROFESSIONAL_TEXT, SEE_A_PROFESSIONAL_TITLE
from hipcoach.core.content import ContentError
from hipcoach.core.cue_script import cue_script
from hipcoach.core.cues import SpokenLeadIn
from hipcoach.core.model import DoseValue, Exercise, Routine, Unit
from hipcoach.core.plan import PlanOptions, build_plan, estimate_seconds
from hipcoach.core.safety.adapt import offer, start_routine
from hipcoach.core.safety.answers import SafetyAnswers, load_answers
from hipcoach.core.sore_day import shipped_sore_day
from hipcoach.core.terminal_text import printable
from hipcoach.core.verbosity import Verbosity
from hipcoach.core.wording import (
    changes_text,
    format_clock,
    not_offered_text,
    noun,
    precautions_text,
    safety_lines,
)
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK

# The window's timing with its default settings: get-readies long enough for what the coach says in them
DEFAULT_TIMING = PlanOptions(speech_floor=SpokenLeadIn())
BUILT_IN = "built-in"
OURS_MARK = "*"
OURS_NOTE = f"{OURS_MARK} our choice: the article gives no number"
_SHORT_UNITS = {
    Unit.REPS: ("rep", "reps"),
    Unit.STEPS: ("step", "steps"),
    Unit.SECONDS: ("s", "s"),
    Unit.MINUTES: ("min", "min"),
}
"""A unit in a table's cell: one of it, and more."""


def run(args: argparse.Namespace) -> int:
    if args.command == "exercises":
        return _exercises(as_json=args.json)
    if args.command == "routines":
        return _routines(as_json=args.json)
    if args.command == "cues":
        sore_day = args.sore_day is True
        return _cues(args.routine, Verbosity(args.verbosity), sore_day=sore_day, floor_ok=args.no_floor is not True)
    if args.command == "safety":
        return _safety()
    return _check(args.path)


def check_start(start: str) -> int | None:
    """The exit status when ``--start`` names no routine (or the installation is damaged), or one the safety
    answers do not offer (docs/cli.md); None when it names one to run."""
    found = _offered_routine(start, "--start: ")
    return found if isinstance(found, int) else None


def _offered_routine(spec: str, prefix: str) -> Routine | int:
    """The routine ``spec`` names, as the safety answers offer it (adapted to the precautions); else the exit
    status, with what is wrong said after ``prefix``: no such routine, a damaged installation, or one not offered."""
    catalogue = _catalogue()
    if catalogue is None:
        return EXIT_ERROR
    try:
        written = content.find_routine(spec, catalogue)
    except ContentError as exc:
        for problem in exc.problems:
            output.say(f"{prefix}{problem.path.name or problem.path}{problem.at}: {problem.message}")
        return EXIT_INVALID
    answers = _answers()
    routine = start_routine(written, catalogue, answers, date.today())
    if routine is None:
        output.say(f"{prefix}{not_offered_text(written, answers.see_a_professional)}")
        return EXIT_INVALID
    return routine


def offered_routines(spec: str | None) -> tuple[dict[str, Exercise], list[Routine]] | int:
    """The catalogue and the routines the chooser offers (adapted to the precautions), or only the one ``spec``
    names; else the exit status, with what is wrong said (``hipcoach progress``)."""
    if spec is not None:
        found = _offered_routine(spec, "")
        catalogue = _catalogue()
        if isinstance(found, int) or catalogue is None:
            return found if isinstance(found, int) else EXIT_ERROR
        return catalogue, [found]
    every = _every_offered()
    if every is None:
        return EXIT_ERROR
    catalogue, _builtins, offered, _notes = every
    return catalogue, offered


def _answers() -> SafetyAnswers:
    """The safety answers, their file's problems said on stderr as the settings' are."""
    answers, warnings = load_answers()
    for warning in warnings:
        output.say(f"warning: {warning}")
    return answers


def _offered(routines: list[Routine], catalogue: dict[str, Exercise]) -> tuple[list[Routine], list[str]]:
    """The routines the chooser offers after the safety questions, and the lines that say what that changed."""
    answers = _answers()
    given = offer(routines, catalogue, answers, date.today())
    notes: list[str] = []
    if given.see_a_professional:
        notes.append(f"{SEE_A_PROFESSIONAL_TITLE}: only the gentle routine is offered (hipcoach safety).")
    if given.precautions:
        notes.append(precautions_text(given.precautions, given.precautions_until))
    notes.extend(f"{routine.name}: {not_offered_text(routine, False)}" for routine in given.left_out)
    return list(given.routines), notes


def _catalogue() -> dict[str, Exercise] | None:
    """The shipped exercises; if they cannot be read the installation is broken, which is not the user's input."""
    try:
        return content.load_catalogue()
    except ContentError as exc:
        output.say_damaged("exercises", exc)
        return None


def _exercises(*, as_json: bool) -> int:
    catalogue = _catalogue()
    if catalogue is None:
        return EXIT_ERROR
    exercises = list(catalogue.values())
    if as_json:
        output.json([exercise_json(exercise) for exercise in exercises])
        return EXIT_OK
    rows = [[str(ex.number), ex.id, ex.name, ex.position.label, dose_summary(ex)] for ex in exercises]
    output.table(["No.", "Id", "Name", "Position", "Dose"], rows, right_aligned={0})
    if any(OURS_MARK in row[-1] for row in rows):
        print()
        print(OURS_NOTE)
    return EXIT_OK


def _every_routine() -> tuple[dict[str, Exercise], list[Routine], list[Routine], list[ContentError]] | None:
    """The catalogue, the built-in routines, the user's own and their problems; None (said) for a damaged
    installation."""
    catalogue = _catalogue()
    if catalogue is None:
        return None
    try:
        builtins = content.builtin_routines(catalogue)
    except ContentError as exc:
        output.say_damaged("routines", exc)
        return None
    own, errors = content.user_routines(catalogue)
    return catalogue, builtins, own, errors


def _every_offered() -> tuple[dict[str, Exercise], list[Routine], list[Routine], list[str]] | None:
    """The catalogue, the built-in routines, every routine offered (user files that cannot be read skipped, each
    with a warning) and the lines saying what the safety answers changed; None, said, when the content is broken."""
    loaded = _every_routine()
    if loaded is None:
        return None
    catalogue, builtins, own, errors = loaded
    for error in errors:
        for problem in error.problems:
            output.say(f"warning: skipped {error.path}{problem.at}: {problem.message}")
    offered, notes = _offered([*builtins, *own], catalogue)
    return catalogue, builtins, offered, notes


def _routines(*, as_json: bool) -> int:
    every = _every_offered()
    if every is None:
        return EXIT_ERROR
    _catalogue, builtins, offered, notes = every
    builtin_ids = {routine.id for routine in builtins}
    listed = [(routine, BUILT_IN if routine.id in builtin_ids else routine.source) for routine in offered]
    if as_json:
        output.json([routine_json(routine, source) for routine, source in listed])
        return EXIT_OK
    rows = [
        [
            routine.id,
            routine.name,
            str(_minutes(estimate_seconds(routine, DEFAULT_TIMING))),
            str(len(routine.entries)),
            ", ".join(item.value for item in routine.equipment) or "none",
        ]
        for routine, _source in listed
    ]
    output.table(["Id", "Name", "Minutes", "Exercises", "Equipment"], rows, right_aligned={2, 3})
    changes = [(routine.name, changes_text(routine)) for routine, _source in listed if routine.adaptations]
    if notes or changes:
        print()
        for line in notes:
            print(printable(line))
        for name, text in changes:
            print(printable(f"{name}:"))
            for line in text.splitlines():
                print(printable(f"  {line}"))
    return EXIT_OK


def _safety() -> int:
    """The answers to the safety questions and what they change: the same words as the report and the chooser."""
    loaded = _every_routine()
    if loaded is None:
        return EXIT_ERROR
    catalogue, builtins, own, _errors = loaded  # the problems of the user's files are listed by 'hipcoach routines'
    answers = _answers()
    if not answers.answered:
        print(NOT_ANSWERED)
        return EXIT_OK
    today = date.today()
    for line in safety_lines(answers, today):
        print(printable(line))
    given = offer([*builtins, *own], catalogue, answers, today)
    print()
    if given.see_a_professional:
        print(f"{SEE_A_PROFESSIONAL_TITLE}.")
        for line in SEE_A_PROFESSIONAL_TEXT:
            print(line)
        print()
    if given.precautions:
        print(precautions_text(given.precautions, given.precautions_until))
    print(printable(f"Offered: {', '.join(routine.name for routine in given.routines) or 'none'}."))
    for routine in given.left_out:
        print(printable(not_offered_text(routine, see_a_professional=False)))
    for routine in given.routines:
        for change in changes_text(routine).splitlines():
            print(printable(f"{routine.name}: {change}"))
    return EXIT_OK


NOT_ANSWERED = (
    "The safety questions have not been answered, so every routine is offered as written. "
    "Answer them in the window: Settings, Safety."
)


def _check(path_text: str) -> int:
    catalogue = _catalogue()
    if catalogue is None:
        return EXIT_ERROR
    try:  # the versions of the exercises and the links that name them, as the window reads them
        content.with_variants(catalogue)
    except ContentError as exc:
        output.say_damaged("exercises", exc)
        return EXIT_ERROR
    path = Path(path_text)
    try:
        routine = content.load_routine(path, catalogue)
    except ContentError as exc:
        for problem in exc.problems:  # one line each, like a compiler: file, line, what is wrong
            print(printable(f"{path_text}{problem.at}: {problem.message}"), file=sys.stderr)
        return EXIT_INVALID
    count = len(routine.entries)
    minutes = _minutes(estimate_seconds(routine, DEFAULT_TIMING))
    if _shadowed_by_builtin(routine, catalogue):
        # Valid for --start PATH, but in the routines folder the built-in one wins and this file is skipped.
        note = (
            f"a built-in routine is already called '{routine.id}'; rename the file to use it from your routines folder"
        )
        if _inside(path, paths.user_routines_dir()):
            print(f"{path_text}: {note}", file=sys.stderr)
            return EXIT_INVALID
        print(f"{path_text}: note: {note}", file=sys.stderr)
    print(
        f"{path_text}: valid \N{EM DASH} {count} {noun(count, 'exercise')}, about {minutes} {noun(minutes, 'minute')}"
    )
    return EXIT_OK


def _cues(spec: str, verbosity: Verbosity, *, sore_day: bool = False, floor_ok: bool = True) -> int:
    """What a whole session of the routine (or of its sore-day version) says, as the window would say it with the
    default timing: the README's examples are copied from here, so they are what the app says (a test checks)."""
    routine = _offered_routine(spec, "")
    if isinstance(routine, int):
        return routine
    for change in changes_text(routine).splitlines():  # adapted to the hip precautions: said first, on stderr
        output.say(f"note: {change}")
    if sore_day:
        try:
            routine = shipped_sore_day(routine, content.load_catalogue(), floor_ok=floor_ok)
        except ContentError as exc:
            output.say(f"the built-in versions of the exercises are broken: {exc}")
            return EXIT_ERROR
        output.say(f"note: {routine.name}: {routine.description}")
    plan = build_plan(routine, PlanOptions(speech_floor=SpokenLeadIn(verbosity)))
    for line in cue_script(plan, verbosity):
        print(printable(f"{format_clock(line.at):>6}  {line.cue.text}"))
    return EXIT_OK


def _shadowed_by_builtin(routine: Routine, catalogue: dict[str, Exercise]) -> bool:
    """True when another file, a built-in routine, has this routine's id (the built-in file itself is fine)."""
    try:
        builtins = content.builtin_routines(catalogue)
    except ContentError:
        return False  # a damaged installation is reported by the commands that list routines
    for builtin in builtins:
        if builtin.id == routine.id:
            return not output.same_file(Path(builtin.source), Path(routine.source))
    return False


def dose_summary(exercise: Exercise) -> str:
    """One readable line, e.g. ``8-10 reps (10) each side, hold 3 s*, 2 sets*``; ``*`` marks our numbers."""
    dose = exercise.dose
    each = f" each {exercise.side_word}" if exercise.per_side else ""
    parts: list[str] = []
    amount = dose.amount(exercise.kind)
    if amount is not None:
        hold = "hold " if amount.unit is Unit.SECONDS else ""
        parts.append(hold + _amount(amount.value, *_SHORT_UNITS[amount.unit]) + each)
    top_hold = dose.top_hold(exercise.kind)
    if top_hold is not None:
        parts.append("hold " + _amount(top_hold, "s", "s"))  # at the top of each rep
    sets = dose.sets
    if sets.value != 1 or sets.low is not None or sets.high is not None:
        parts.append(_amount(sets, "set", "sets"))
    return ", ".join(parts)


def _amount(value: DoseValue, one: str, many: str) -> str:
    """``10 reps``, ``8-10 reps (10)`` when the article gives a range, with the mark when the number is ours."""
    unit = one if value.value == 1 and value.low is None and value.high is None else many
    if value.low is not None and value.high is not None and value.low != value.high:
        text = f"{value.low}-{value.high} {unit} ({value.value})"
    elif value.low is not None and value.high is None:
        text = f"{value.low}+ {unit} ({value.value})"
    elif value.high is not None and value.low is None:
        text = f"up to {value.high} {unit} ({value.value})"
    else:
        text = f"{value.value} {unit}"
    return text + (OURS_MARK if value.ours else "")


def _dose_value_json(value: DoseValue) -> dict[str, object]:
    return {"value": value.value, "low": value.low, "high": value.high, "ours": value.ours}


def exercise_json(exercise: Exercise) -> dict[str, object]:
    dose = exercise.dose
    dose_json: dict[str, object] = {"sets": _dose_value_json(dose.sets)}
    for name, value in (
        ("reps", dose.reps),
        ("steps", dose.steps),
        ("hold_seconds", dose.hold_seconds),
        ("minutes", dose.minutes),
    ):
        if value is not None:
            dose_json[name] = _dose_value_json(value)
    if exercise.kind.paced:  # the pace of holds and cardio is not timed
        dose_json["tempo"] = {"up": dose.tempo.up, "down": dose.tempo.down, "ours": dose.tempo_ours}
    return {
        "id": exercise.id,
        "name": exercise.name,
        "number": exercise.number,
        "position": exercise.position.value,
        "kind": exercise.kind.value,
        "per_side": exercise.per_side,
        "side_word": exercise.side_word,
        "equipment": [item.value for item in exercise.equipment],
        "benefit": exercise.benefit,
        "steps": list(exercise.steps),
        "dose": dose_json,
    }


def routine_json(routine: Routine, source: str) -> dict[str, object]:
    return {
        "id": routine.id,
        "name": routine.name,
        "description": routine.description,
        "estimated_seconds": round(estimate_seconds(routine, DEFAULT_TIMING)),
        "equipment": [item.value for item in routine.equipment],
        "exercises": [entry.exercise.id for entry in routine.entries],
        "source": source,
    }


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):
        return False
