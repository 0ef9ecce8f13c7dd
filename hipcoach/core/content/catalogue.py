"""Where the content comes from: the shipped exercises and routines, the user's own routines, and what a user
typed after ``--start``.

A broken shipped file is a packaging bug and raises; a broken file of the user's is reported and skipped, never
blocking the others, and never allowed to take a built-in routine's id.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

from hipcoach.core import paths
from hipcoach.core.content import routines
from hipcoach.core.content.errors import ContentError
from hipcoach.core.content.exercises import load_exercise
from hipcoach.core.content.reader import suggest
from hipcoach.core.content.versions import check_versions, links
from hipcoach.core.model import Exercise, Routine

BUILTIN_ORDER: Final = ("gentle-mobility", "strength", "strength-long", "stretching", "full")


def load_catalogue(directory: Path | None = None) -> dict[str, Exercise]:
    """All shipped exercises, keyed by id and ordered as in the article. Any broken file is a packaging bug."""
    folder = directory if directory is not None else paths.resources_dir() / "exercises"
    if not folder.is_dir():
        raise ContentError(folder, "the exercise folder is missing")
    exercises = [load_exercise(path) for path in sorted(folder.glob("*.toml"))]
    if not exercises:
        raise ContentError(folder, "the exercise folder holds no .toml files")
    by_number: dict[int, Exercise] = {}
    for exercise in exercises:
        other = by_number.get(exercise.number)
        if other is not None:
            raise ContentError(
                folder / f"{exercise.id}.toml",
                f"number {exercise.number} is also used by '{other.id}'",
                field="number",
            )
        by_number[exercise.number] = exercise
    return {exercise.id: exercise for exercise in sorted(exercises, key=lambda e: e.number)}


def load_variants(catalogue: Mapping[str, Exercise], directory: Path | None = None) -> dict[str, Exercise]:
    """The easier and harder versions of ``catalogue``'s exercises (``exercises/variants/``), each with
    ``variant_of`` set, keyed by id; every link of the catalogue checked against them (versions.py). Any broken
    file is a packaging bug, as for the catalogue. An absent folder holds no versions: a catalogue without links
    needs none."""
    folder = directory if directory is not None else paths.resources_dir() / "exercises" / "variants"
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    versions = [(path, load_exercise(path, version=True)) for path in files]
    return check_versions(catalogue, versions, folder.parent)


def with_variants(catalogue: Mapping[str, Exercise]) -> dict[str, Exercise]:
    """``catalogue`` and every shipped version of its exercises: what a plan that may run a version looks ids up in
    (the progression, ``dose_plan.apply_plan``, the figure command). Each exercise is followed by its easier, then
    its harder version; ``load_catalogue()`` stays the article's exercises, which routines name and the safety
    precautions swap among.

    The last answer is kept for the same catalogue object and folder: after its first paint the window asks twice
    (the History page's names and the progression), and reading the versions' files takes a quarter of a second.
    A new catalogue (the content read again after a change) reads them again."""
    folder = paths.resources_dir() / "exercises" / "variants"
    if _last_versions and _last_versions[0][0] is catalogue and _last_versions[0][1] == folder:
        return dict(_last_versions[0][2])
    versions = load_variants(catalogue)
    every: dict[str, Exercise] = {}
    for exercise in catalogue.values():
        every[exercise.id] = exercise
        every.update((link.id, versions[link.id]) for _level, link in links(exercise) if link.id in versions)
    _last_versions[:] = [(catalogue, folder, every)]
    return dict(every)


_last_versions: list[tuple[Mapping[str, Exercise], Path, dict[str, Exercise]]] = []


def load_routine(path: Path, catalogue: Mapping[str, Exercise]) -> Routine:
    """Read and check a routine file (``routines.load_routine``); an entry's ``version`` is looked up among the
    shipped versions of ``catalogue``'s exercises, read only when a routine names one (``catalogue`` may also be
    ``with_variants``'s answer, which holds them)."""
    return routines.load_routine(path, catalogue, lambda: with_variants(catalogue))


def _builtin_dir() -> Path:
    return paths.resources_dir() / "routines"


def _routine_files(directory: Path) -> list[Path]:
    try:
        return sorted(directory.glob("*.toml"))
    except OSError:
        return []


def builtin_routines(catalogue: Mapping[str, Exercise]) -> list[Routine]:
    """The shipped routines in the order the chooser shows them. A broken one is a packaging bug, so it raises."""
    routines = [load_routine(path, catalogue) for path in _routine_files(_builtin_dir())]
    rank = {routine_id: i for i, routine_id in enumerate(BUILTIN_ORDER)}
    return sorted(routines, key=lambda r: (rank.get(r.id, len(rank)), r.name.casefold(), r.id))


def user_routines(
    catalogue: Mapping[str, Exercise], directory: Path | None = None
) -> tuple[list[Routine], list[ContentError]]:
    """The user's own routines; one bad file is reported and skipped, never blocking the others."""
    folder = directory if directory is not None else paths.user_routines_dir()
    builtin_ids = {path.stem for path in _routine_files(_builtin_dir())}
    routines: list[Routine] = []
    errors: list[ContentError] = []
    for path in _routine_files(folder):
        try:
            routine = load_routine(path, catalogue)
        except ContentError as exc:
            errors.append(exc)
            continue
        if routine.id in builtin_ids:
            errors.append(
                ContentError(path, f"a built-in routine is already called '{routine.id}'; rename this file", field="id")
            )
            continue
        routines.append(routine)
    routines.sort(key=lambda r: (r.name.casefold(), r.id))
    return routines, errors


def find_routine(spec: str, catalogue: Mapping[str, Exercise]) -> Routine:
    """Resolve what a user typed after ``--start``: a routine id first, otherwise a file path."""
    builtins = builtin_routines(catalogue)
    for routine in builtins:
        if routine.id == spec:
            return routine
    user_dir = paths.user_routines_dir()
    routines, errors = user_routines(catalogue, user_dir)
    for routine in routines:
        if routine.id == spec:
            return routine
    for error in errors:
        if error.path.stem == spec and error.path.parent == user_dir:
            raise error
    candidate = Path(spec)
    try:
        exists = candidate.exists()
    except (OSError, ValueError):
        exists = False
    if exists or spec.endswith(".toml") or "/" in spec or "\\" in spec:
        return load_routine(candidate, catalogue)
    known = [r.id for r in builtins] + [r.id for r in routines]
    raise ContentError(candidate, f"no routine has this id, and there is no such file{suggest(spec, known)}")
