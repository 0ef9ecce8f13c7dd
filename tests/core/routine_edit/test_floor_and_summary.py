"""How often a draft goes down to the floor, the order that goes down once, and the summary the editor shows."""

from __future__ import annotations

from dataclasses import replace

from hipcoach.core.model import Exercise, Level, Routine
from hipcoach.core.plan import PlanOptions, estimate_seconds
from hipcoach.core.routine_edit.draft import DraftEntry, RoutineDraft, draft_of, new_draft, routine_of
from hipcoach.core.routine_edit.floor_order import fewest_floor_trips, floor_trips, spare_the_floor
from hipcoach.core.routine_edit.summary import summarise
from hipcoach.core.wording import minutes_text, routine_card


def draft(*ids: str) -> RoutineDraft:
    return replace(new_draft(), entries=tuple(DraftEntry(exercise_id) for exercise_id in ids))


TWICE = ("leg-swings", "clamshells", "hip-abductions", "bridge", "quadriceps-stretch")


def test_a_routine_that_goes_down_twice(every: dict[str, Exercise]) -> None:
    routine = routine_of(draft(*TWICE), every)
    assert floor_trips(routine) == 2
    assert fewest_floor_trips(routine) == 1
    assert floor_trips(routine_of(draft(*TWICE, "pigeon-pose"), every)) == 3


def test_spare_the_floor_goes_down_once_and_keeps_the_order_otherwise(every: dict[str, Exercise]) -> None:
    spared = spare_the_floor(draft(*TWICE, "pigeon-pose"), every)
    assert [entry.exercise_id for entry in spared.entries] == [
        "leg-swings",
        "clamshells",
        "bridge",
        "pigeon-pose",
        "hip-abductions",
        "quadriceps-stretch",
    ]
    assert floor_trips(routine_of(spared, every)) == 1
    assert spare_the_floor(spared, every) == spared


def test_spare_the_floor_keeps_each_entry_whole(every: dict[str, Exercise]) -> None:
    """An entry moves with its version and numbers; the one that decides is the version that runs."""
    entries = (
        DraftEntry("bridge", level=Level.EASIER, reps=7),
        DraftEntry("hip-abductions", sets=3),
        DraftEntry("clamshells", pinned=True),
    )
    spared = spare_the_floor(replace(new_draft(), entries=entries), every)
    assert spared.entries == (entries[0], entries[2], entries[1])


def test_no_floor_work_no_trip(every: dict[str, Exercise]) -> None:
    standing = draft("leg-swings", "hip-abductions", "stationary-bike")
    routine = routine_of(standing, every)
    assert (floor_trips(routine), fewest_floor_trips(routine)) == (0, 0)
    assert spare_the_floor(standing, every) == standing


def test_every_builtin_goes_down_once(builtins: list[Routine]) -> None:
    for routine in builtins:
        assert floor_trips(routine) == fewest_floor_trips(routine), routine.id


def test_the_estimate_is_the_choosers_for_every_builtin(builtins: list[Routine], every: dict[str, Exercise]) -> None:
    for options in (None, PlanOptions(get_ready_seconds=12, wait_for_me=True)):
        for routine in builtins:
            summary = summarise(draft_of(routine), every, options)
            chooser = routine_card(routine, estimate_seconds(routine, options))
            assert chooser.summary.startswith(minutes_text(summary.seconds) + " · "), routine.id
            assert abs(summary.seconds - estimate_seconds(routine, options)) <= 0.5
            assert summary.equipment == tuple(item.value for item in routine.equipment)
            assert summary.problems == ()


def test_the_summary_counts_the_floor_and_names_the_problems(every: dict[str, Exercise]) -> None:
    summary = summarise(replace(draft(*TWICE), name="  "), every)
    assert (summary.floor_trips, summary.fewest_floor_trips) == (2, 1)
    assert summary.equipment == ("chair", "mat")
    assert summary.problems == ("Give the routine a name.",)
    empty = summarise(new_draft(), every)
    assert (empty.seconds, empty.floor_trips, empty.problems) == (0, 0, ("Add at least one exercise.",))


def test_an_unknown_exercise_is_a_problem_not_a_crash(every: dict[str, Exercise]) -> None:
    summary = summarise(draft("leg-swings", "cartwheel"), every)
    assert summary.seconds == round(estimate_seconds(routine_of(draft("leg-swings"), every)))
    assert summary.problems == ("hipcoach does not know the exercise 'cartwheel': remove it.",)
