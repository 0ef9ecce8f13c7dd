"""How a session's plan differed from its routine as written, in words: the History page's detail and the report
say which version of an exercise was done and at what dose, so a physiotherapist can follow the progression.

Only what differs is said: the easier or harder version done instead of the exercise, or a dose other than the one
the routine asks. The routine as written is found by its id among the built-in and the user's routines; a routine
no longer there (deleted or renamed since) is compared with each exercise's own dose, which is what a routine that
names an exercise without a dose asks. Plain functions, no widgets, so the page and the PDF say the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from hipcoach.core.content import ContentError, builtin_routines, load_catalogue, user_routines, with_variants
from hipcoach.core.dose_plan import DoseNumbers, PlannedEntry, planned_entries
from hipcoach.core.history import HistoryError, HistoryStore, SessionRecord, SessionRow
from hipcoach.core.model import Entry, Exercise, Routine
from hipcoach.core.wording import dose_text

SORE_DAY_NOTE = "Sore day: the short, gentle version of the routine, with easier versions and fewer repetitions."


@dataclass(frozen=True)
class PlanWords:
    """The exercises a plan may name (the catalogue and the versions of its exercises) and each routine's doses as
    written (routine id → the routine's exercise id → its dose)."""

    exercises: Mapping[str, Exercise] = field(default_factory=dict)
    written: Mapping[str, Mapping[str, DoseNumbers]] = field(default_factory=dict)

    def written_dose(self, routine_id: str, exercise_id: str) -> DoseNumbers | None:
        dose = self.written.get(routine_id, {}).get(exercise_id)
        if dose is not None:
            return dose
        exercise = self.exercises.get(exercise_id)
        return None if exercise is None else DoseNumbers.of(exercise.dose)


def written_doses(routines: Iterable[Routine]) -> dict[str, dict[str, DoseNumbers]]:
    """Each routine's doses as written, by the exercise it names (the first entry naming it)."""
    doses: dict[str, dict[str, DoseNumbers]] = {}
    for routine in routines:
        by_exercise = doses.setdefault(routine.id, {})
        for planned in planned_entries(routine):
            by_exercise.setdefault(planned.exercise_id, planned.dose)
    return doses


def load_plan_words() -> PlanWords:
    """From the shipped content and the user's routines folder (a broken user routine is left out, as the chooser
    leaves it out); empty when the content cannot be read, so a plan is then described by its numbers alone."""
    try:
        catalogue = load_catalogue()
        exercises = with_variants(catalogue)
        routines = [*builtin_routines(catalogue), *user_routines(catalogue)[0]]
    except (ContentError, OSError):
        return PlanWords()
    return PlanWords(exercises, written_doses(routines))


def _numbers_text(dose: DoseNumbers) -> str:
    """A dose without its exercise (a version this copy does not know): "12 reps · 2 sets"."""
    words = {"reps": "{} reps", "steps": "{} steps", "hold_seconds": "{}-second hold", "minutes": "{} min"}
    parts = [word.format(value) for name, word in words.items() if (value := getattr(dose, name)) is not None]
    if dose.sets > 1:
        parts.append(f"{dose.sets} sets")
    return " · ".join(parts)


def _name(exercise_id: str, words: PlanWords, names: Mapping[str, str]) -> str:
    exercise = words.exercises.get(exercise_id)
    if exercise is not None:
        return exercise.name
    return names.get(exercise_id) or exercise_id.replace("-", " ").capitalize()


def entry_change(planned: PlannedEntry, routine_id: str, words: PlanWords, names: Mapping[str, str]) -> str:
    """ "Single-leg bridge (harder version of Bridge): 6 reps · 2 sets", "Bridge: 13 reps · 2 sets", or "" when
    the entry ran as the routine is written."""
    written = words.written_dose(routine_id, planned.exercise_id)
    if planned.variant_id is None and planned.dose == written:
        return ""
    done = words.exercises.get(planned.done_id)
    if done is not None:
        entry = Entry(done, planned.dose.applied_to(done.dose), planned.first_side, planned.only_side)
        dose = dose_text(entry)
    else:
        dose = _numbers_text(planned.dose)
    if planned.variant_id is None:
        return f"{_name(planned.exercise_id, words, names)}: {dose}"
    base = words.exercises.get(planned.exercise_id)
    level = "version"
    if base is not None and base.harder is not None and base.harder.id == planned.variant_id:
        level = "harder version"
    elif base is not None and base.easier is not None and base.easier.id == planned.variant_id:
        level = "easier version"
    version = _name(planned.variant_id, words, names)
    return f"{version} ({level} of {_name(planned.exercise_id, words, names)}): {dose}"


def plan_changes(
    plan: Sequence[PlannedEntry] | None, routine_id: str, words: PlanWords, names: Mapping[str, str]
) -> list[str]:
    """One phrase per entry whose version or dose differs from the routine as written (none for a session recorded
    before plans were kept)."""
    if not plan:
        return []
    return [text for planned in plan if (text := entry_change(planned, routine_id, words, names))]


def plan_text(plan: Sequence[PlannedEntry] | None, routine_id: str, words: PlanWords, names: Mapping[str, str]) -> str:
    """ "Not as written: Bridge: 13 reps · 2 sets; Clamshells: 12 reps each leg." or "" when nothing differs."""
    changes = plan_changes(plan, routine_id, words, names)
    return f"Not as written: {'; '.join(changes)}." if changes else ""


def record_plan_text(record: SessionRecord, words: PlanWords, names: Mapping[str, str]) -> str:
    return plan_text(record.plan, record.session.routine_id, words, names)


class SessionPlans:
    """The History page's words for a stored session's plan; the content is read when the first session with a
    plan is shown, not when the page is made (the page must be up within 150 ms)."""

    def __init__(self) -> None:
        self._words: PlanWords | None = None

    def text(self, store: HistoryStore, session: SessionRow, names: Mapping[str, str]) -> str:
        """What differed from the routine as written; "" for nothing, a session recorded before plans were kept,
        or a history that cannot be read just now."""
        try:
            plan = store.session_plan(session.id)
        except HistoryError:
            return ""
        if plan is None:
            return ""
        if self._words is None:
            self._words = load_plan_words()
        return plan_text(plan, session.routine_id, self._words, names)


def progression_lines(
    records: Sequence[SessionRecord], words: PlanWords, names: Mapping[str, str], when: Callable[[SessionRow], str]
) -> list[str]:
    """The report's account of the doses and versions: a line when a routine's sessions start running another dose
    or version (or go back to the routine as written), and a line for each sore-day session, oldest first. Ten years
    of sessions give a line per change, not one per session."""
    lines: list[str] = []
    last: dict[str, str] = {}
    for record in records:
        session = record.session
        if record.plan is None and not session.sore_day:
            continue
        changes = "; ".join(plan_changes(record.plan, session.routine_id, words, names))
        name = session.routine_name or session.routine_id
        if session.sore_day:
            lines.append(f"{when(session)}, {name}, sore day: {changes or 'as written'}.")
            continue
        if last.get(session.routine_id, "") != changes:
            lines.append(f"{when(session)}, {name}: {changes or 'back to the routine as written'}.")
        last[session.routine_id] = changes
    return lines
