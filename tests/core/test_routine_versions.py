"""A routine entry's ``version``: the entry runs the easier or harder version of the exercise it names, with the
routine's dose overrides applied to the version's own dose; a version that does not exist is a file/line/field
error."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hipcoach.core import content
from hipcoach.core.content import ContentError, load_routine
from hipcoach.core.model import Exercise


def write(folder: Path, text: str, name: str = "mine.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


ROUTINE = 'name = "Mine"\n\n[[exercise]]\nid = "leg-swings"\n\n[[exercise]]\nid = "bridge"\n'


def test_version_runs_the_linked_exercise_with_the_overrides(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    path = write(tmp_path, ROUTINE + 'version = "easier"\nreps = 7\n')
    routine = load_routine(path, catalogue)
    entry = routine.entries[1]
    easier = content.with_variants(catalogue)["half-bridge"]
    assert entry.exercise == easier
    assert entry.variant_of == "bridge"
    assert entry.routine_exercise_id == "bridge"
    assert entry.dose.reps is not None and easier.dose.reps is not None
    assert entry.dose.reps == easier.dose.reps.with_value(7)
    assert entry.dose.sets == easier.dose.sets


def test_harder_may_be_one_of_the_eighteen(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    routine = load_routine(write(tmp_path, ROUTINE + 'version = "harder"\n'), catalogue)
    assert routine.entries[1].exercise is catalogue["single-leg-bridge"]
    assert routine.entries[1].variant_of == "bridge"


def test_the_catalogue_may_already_hold_the_versions(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    path = write(tmp_path, ROUTINE + 'version = "easier"\n')
    every = content.with_variants(catalogue)
    assert load_routine(path, every) == load_routine(path, catalogue)


def test_every_loader_reads_a_version(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    write(tmp_path, ROUTINE + 'version = "easier"\n')
    mine, errors = content.user_routines(catalogue, tmp_path)
    assert errors == []
    assert mine[0].entries[1].exercise.id == "half-bridge"


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        pytest.param('version = "medium"\n', "version", "cannot be 'medium'", id="unknown level"),
        pytest.param("version = 2\n", "version", "must be one of: easier, harder", id="not text"),
        pytest.param('version = "base"\n', "version", "cannot be 'base'", id="base is left out"),
    ],
)
def test_bad_version(tmp_path: Path, catalogue: dict[str, Exercise], lines: str, field: str, message: str) -> None:
    text = ROUTINE + lines
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, text), catalogue)
    assert info.value.field == field
    assert info.value.line == text.splitlines().index(lines.strip()) + 1
    assert message in str(info.value)
    assert str(info.value).startswith("mine.toml, line ")


def test_a_level_with_no_link_is_an_error(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    unlinked = {**catalogue, "bridge": replace(catalogue["bridge"], harder=None)}
    text = ROUTINE + 'version = "harder"\n'
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, text), unlinked)
    assert info.value.field == "version"
    assert info.value.line == 8
    assert "'bridge' has no harder version" in str(info.value)


def test_a_version_id_is_refused_with_the_way_to_write_it(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    text = ROUTINE.replace('id = "bridge"', 'id = "half-bridge"')
    with pytest.raises(ContentError) as info:
        load_routine(write(tmp_path, text), content.with_variants(catalogue))
    assert info.value.field == "id"
    assert 'id = "bridge"' in str(info.value)


def test_a_side_key_is_checked_against_the_version(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    """The bridge is done on both sides at once, its harder version one side at a time."""
    routine = load_routine(write(tmp_path, ROUTINE + 'version = "harder"\nonly_side = "right"\n'), catalogue)
    assert routine.entries[1].only_side is not None
