"""The editor's edits as plain functions of a draft: where an added exercise goes, which row is chosen after a
removal or a move, an edit that changes nothing makes no undo step, and another version drops the numbers its
dose does not take."""

from __future__ import annotations

import pytest

from hipcoach.core.content import load_catalogue
from hipcoach.core.content.catalogue import with_variants
from hipcoach.core.model import Exercise, Level
from hipcoach.core.routine_edit.draft import DOSE_FIELDS, DraftEntry, RoutineDraft, fields_of, versions_of
from hipcoach.ui.routine_editor_changes import added, entry_changed, moved, removed, spared

A, B, C = DraftEntry("leg-swings"), DraftEntry("clamshells"), DraftEntry("hip-abductions")
ABC = RoutineDraft(id="", name="ABC", description="", entries=(A, B, C))


@pytest.fixture(scope="module")
def exercises() -> dict[str, Exercise]:
    return with_variants(load_catalogue())


def test_added_goes_after_the_chosen_row_or_at_the_end() -> None:
    after_first = added(ABC, 0, "bridge")
    assert after_first is not None
    assert [e.exercise_id for e in after_first[0].entries] == ["leg-swings", "bridge", "clamshells", "hip-abductions"]
    assert after_first[1] == 1
    at_end = added(ABC, -1, "bridge")
    assert at_end is not None and at_end[1] == 3 and at_end[0].entries[3].exercise_id == "bridge"


def test_removed_chooses_the_next_row_or_the_new_last() -> None:
    assert removed(ABC, 1) == (RoutineDraft(id="", name="ABC", description="", entries=(A, C)), 1)
    last = removed(ABC, 2)
    assert last is not None and last[1] == 1
    assert removed(ABC, -1) is None
    only = RoutineDraft(id="", name="One", description="", entries=(A,))
    assert removed(only, 0) == (RoutineDraft(id="", name="One", description="", entries=()), -1)


def test_moved_keeps_the_entry_chosen_and_refuses_a_move_off_the_list() -> None:
    assert moved(ABC, 0, 2) == (RoutineDraft(id="", name="ABC", description="", entries=(B, C, A)), 2)
    assert moved(ABC, 0, -1) is None
    assert moved(ABC, 2, 3) is None
    assert moved(ABC, 1, 1) is None


def test_spared_keeps_the_chosen_entry_chosen(exercises: dict[str, Exercise]) -> None:
    twice = RoutineDraft(id="", name="T", description="", entries=(B, A, DraftEntry("bridge")))
    result = spared(twice, 1, exercises)
    assert result is not None
    assert [e.exercise_id for e in result[0].entries] == ["clamshells", "bridge", "leg-swings"]
    assert result[1] == 2  # leg swings, chosen before, chosen where they went
    assert spared(result[0], 0, exercises) is None  # already spared: no step


def test_an_entry_change_to_the_same_value_is_no_edit(exercises: dict[str, Exercise]) -> None:
    assert entry_changed(ABC, 0, "pinned", False, exercises) is None
    assert entry_changed(ABC, 5, "pinned", True, exercises) is None


def test_another_version_drops_the_numbers_its_dose_does_not_take(exercises: dict[str, Exercise]) -> None:
    """Every shipped exercise and version: after a change of version, only the fields the version takes keep a
    number, and those keep the one the user wrote."""
    for base in (e for e in exercises.values() if e.variant_of is None):
        everything = DraftEntry(base.id, **dict.fromkeys(DOSE_FIELDS, 5))  # type: ignore[arg-type]
        draft = RoutineDraft(id="", name="V", description="", entries=(everything,))
        for level, version in versions_of(base, exercises).items():
            if level is Level.BASE:
                continue
            result = entry_changed(draft, 0, "level", level, exercises)
            assert result is not None
            entry = result[0].entries[0]
            assert entry.level is level
            assert {f for f in DOSE_FIELDS if getattr(entry, f) is not None} == set(fields_of(version))
