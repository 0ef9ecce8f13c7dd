"""Every combination an entry can hold (exercise, version, each dose number the exercise takes at the file's
limits or inside them, sides, pin) is written so that loading the file gives the draft's routine, and reading the
file gives the draft back."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipcoach.core import content
from hipcoach.core.content import load_routine
from hipcoach.core.model import Exercise, Side
from hipcoach.core.routine_edit.draft import (
    DOSE_FIELDS,
    DraftEntry,
    RoutineDraft,
    done_exercise,
    fields_of,
    format_limits,
    new_draft,
    routine_of,
    versions_of,
)
from hipcoach.core.routine_edit.saving import read_draft, save_draft

EVERY: Mapping[str, Exercise] = content.with_variants(content.load_catalogue())
ARTICLE = [exercise for exercise in EVERY.values() if exercise.variant_of is None]
SIDES = st.sampled_from([Side.LEFT, Side.RIGHT])


def number(field: str) -> st.SearchStrategy[int | None]:
    low, high = format_limits(field)
    return st.none() | st.sampled_from([low, high]) | st.integers(low, high)


@st.composite
def entries(draw: st.DrawFn) -> DraftEntry:
    base = draw(st.sampled_from(ARTICLE))
    level = draw(st.sampled_from(list(versions_of(base, EVERY))))
    done = done_exercise(DraftEntry(base.id, level=level), EVERY)
    overrides = {field: draw(number(field)) for field in fields_of(done)}
    return DraftEntry(
        base.id,
        level=level,
        first_side=draw(SIDES) if done.per_side else Side.LEFT,
        only_side=draw(st.none() | SIDES) if done.per_side else None,
        pinned=draw(st.booleans()),
        **overrides,
    )


rests = st.integers(*format_limits("rest"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chosen=st.lists(entries(), min_size=1, max_size=6),
    between_sets=rests,
    between_exercises=rests,
)
def test_every_entry_round_trips(chosen: list[DraftEntry], between_sets: int, between_exercises: int) -> None:
    draft = replace(
        new_draft(),
        entries=tuple(chosen),
        rest_between_sets=between_sets,
        rest_between_exercises=between_exercises,
    )
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = save_draft(draft, folder, EVERY, [])
        saved = replace(draft, id=path.stem, source=path)
        assert load_routine(path, EVERY) == routine_of(saved, EVERY)
        assert read_draft(path, EVERY) == saved
        # Saved again from what was read, with every entry changed: still exactly the draft.
        again: RoutineDraft = replace(saved, entries=tuple(reversed(saved.entries)))
        assert save_draft(again, folder, EVERY, []) == path
        assert read_draft(path, EVERY) == again


def test_the_strategy_reaches_every_field() -> None:
    """The property above is only as good as what it draws: every dose field is taken by some exercise."""
    assert {field for exercise in EVERY.values() for field in fields_of(exercise)} == set(DOSE_FIELDS)
