"""The editor's draft of a routine: what it keeps of a loaded routine, and the routine its file would load to."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hipcoach.core.content import DOSE_LIMITS, REST_LIMITS, load_routine
from hipcoach.core.model import DoseValue, Exercise, Level, Routine, Side
from hipcoach.core.routine_edit.draft import (
    DOSE_FIELDS,
    DraftEntry,
    RoutineDraft,
    article_range,
    draft_of,
    duplicate,
    fields_of,
    format_limits,
    new_draft,
    routine_of,
    versions_of,
)
from hipcoach.core.safety.adapt import adapt_routine
from hipcoach.core.safety.precautions import Precaution
from hipcoach.core.sore_day import sore_day_routine


def test_new_draft_is_empty_and_unsaved() -> None:
    draft = new_draft()
    assert (draft.id, draft.name, draft.entries, draft.source, draft.builtin) == ("", "My routine", (), None, False)
    assert (draft.rest_between_sets, draft.rest_between_exercises) == (20, 10)


def test_every_builtin_draft_loads_back_to_itself(builtins: list[Routine], every: dict[str, Exercise]) -> None:
    for routine in builtins:
        draft = draft_of(routine)
        assert draft.builtin, routine.id
        assert draft.source is None, "a built-in is never saved over"
        assert routine_of(draft, every) == replace(routine, source=""), routine.id


def test_draft_of_keeps_only_numbers_that_differ(tmp_path: Path, catalogue: dict[str, Exercise]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "Mine"\nrest_between_sets = 30\n\n[[exercise]]\nid = "bridge"\nreps = 8\nsets = 2\npin = true\n\n'
        '[[exercise]]\nid = "clamshells"\nversion = "harder"\nfirst_side = "right"\n',
        encoding="utf-8",
    )
    draft = draft_of(load_routine(path, catalogue))
    assert catalogue["bridge"].dose.sets.value == 2
    assert draft.entries[0] == DraftEntry("bridge", reps=8, pinned=True)
    assert draft.entries[1] == DraftEntry("clamshells", level=Level.HARDER, first_side=Side.RIGHT)
    assert (draft.id, draft.source, draft.builtin, draft.rest_between_sets) == ("mine", path, False, 30)


def test_draft_of_a_version_with_the_exercises_given(tmp_path: Path, every: dict[str, Exercise]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "Mine"\n[[exercise]]\nid = "bridge"\nversion = "easier"\n', encoding="utf-8")
    draft = draft_of(load_routine(path, every), every)
    assert draft.entries == (DraftEntry("bridge", level=Level.EASIER),)
    assert routine_of(draft, every).entries == load_routine(path, every).entries


def test_duplicate_takes_a_free_name_and_no_file(builtins: list[Routine]) -> None:
    draft = draft_of(builtins[1])
    assert draft.name == "Strength"
    copy = duplicate(draft, ["Strength"])
    assert (copy.name, copy.id, copy.source, copy.builtin) == ("Strength (my copy)", "", None, False)
    assert copy.entries == draft.entries
    assert duplicate(draft, ["strength (My copy)"]).name == "Strength (my copy 2)"
    assert duplicate(draft, ["Strength (my copy)", "Strength (my copy 2)"]).name == "Strength (my copy 3)"


def test_duplicate_of_a_user_file_forgets_the_file(tmp_path: Path) -> None:
    draft = RoutineDraft("mine", "Mine", "", (), source=tmp_path / "mine.toml")
    assert duplicate(draft, []).source is None


@pytest.mark.parametrize(
    ("exercise_id", "fields"),
    [
        ("bridge", ("reps", "hold_seconds", "sets")),
        ("clamshells", ("reps", "sets")),
        ("pigeon-pose", ("hold_seconds", "sets")),
        ("stationary-bike", ("sets", "minutes")),
        ("banded-walk", ("sets", "steps")),
    ],
)
def test_fields_of_each_kind(catalogue: dict[str, Exercise], exercise_id: str, fields: tuple[str, ...]) -> None:
    assert fields_of(catalogue[exercise_id]) == fields


def test_fields_of_every_exercise_are_those_the_loader_takes(every: dict[str, Exercise]) -> None:
    for exercise in every.values():
        taken = fields_of(exercise)
        assert set(taken) <= set(DOSE_FIELDS)
        assert exercise.kind.dose_field in taken and "sets" in taken


def test_limits_are_the_file_formats() -> None:
    assert format_limits("rest") == REST_LIMITS
    for field in DOSE_FIELDS:
        assert format_limits(field) == DOSE_LIMITS[field]


def test_article_range(catalogue: dict[str, Exercise]) -> None:
    assert article_range(catalogue["bridge"], "reps") == (10, 15)
    assert article_range(catalogue["bridge"], "minutes") is None
    no_range = replace(catalogue["bridge"].dose, reps=catalogue["bridge"].dose.sets.with_value(9))
    assert article_range(catalogue["bridge"], "sets") == (1, 3)
    assert article_range(replace(catalogue["bridge"], dose=replace(no_range, sets=DoseValue(2))), "sets") is None


def test_versions_of(catalogue: dict[str, Exercise], every: dict[str, Exercise]) -> None:
    found = versions_of(catalogue["bridge"], every)
    assert list(found) == [Level.EASIER, Level.BASE, Level.HARDER]
    assert [exercise.id for exercise in found.values()] == ["half-bridge", "bridge", "single-leg-bridge"]
    assert versions_of(catalogue["bridge"], catalogue) == {
        Level.BASE: catalogue["bridge"],
        Level.HARDER: catalogue["single-leg-bridge"],
    }


def test_routine_of_leaves_out_what_the_exercise_does_not_take(every: dict[str, Exercise]) -> None:
    """A number the kind does not take and a side of an exercise done on both sides at once are not written."""
    draft = replace(
        new_draft(), entries=(DraftEntry("bridge", minutes=5, steps=3, first_side=Side.RIGHT, only_side=Side.LEFT),)
    )
    (entry,) = routine_of(draft, every).entries
    assert entry.dose == every["bridge"].dose
    assert (entry.first_side, entry.only_side) == (Side.LEFT, None)


def test_routine_of_an_unknown_exercise_raises_key_error(every: dict[str, Exercise]) -> None:
    with pytest.raises(KeyError):
        routine_of(replace(new_draft(), entries=(DraftEntry("cartwheel"),)), every)


def test_draft_of_an_adapted_routine_is_the_file_as_written(
    builtins: list[Routine], catalogue: dict[str, Exercise], every: dict[str, Exercise]
) -> None:
    """The chooser may hold a routine the safety precautions changed, or its sore-day version: the editor edits the
    file, not what a session made of it."""
    full = next(routine for routine in builtins if routine.id == "full")
    adapted = adapt_routine(full, catalogue, frozenset(Precaution))
    assert adapted.entries != full.entries
    assert draft_of(adapted) == draft_of(full)
    sore = sore_day_routine(full, every, floor_ok=False)
    assert sore.entries != full.entries
    assert draft_of(sore) == draft_of(full)
