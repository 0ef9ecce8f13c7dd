"""The model's one rule for what each kind of exercise counts, and the places that take it from there."""

from __future__ import annotations

import ast

from hipcoach.cli.content import dose_summary, exercise_json
from hipcoach.core.model import Kind, Unit
from hipcoach.core.plan import BeatKind, build_plan
from hipcoach.core.wording import dose_text
from tests.factories import entry, exercise, routine
from tests.tools import REPO_ROOT

_MEMBERS = {kind.name for kind in Kind}
_NAMING_A_KIND = {
    "hipcoach/core/model.py": "the rule itself",
    "hipcoach/core/content/figure.py": "a machine's figure loops its cycle at a cadence; a rep's goes and comes back",
    "hipcoach/core/plan.py": "which timed phase a hold or cardio block is",
    "hipcoach/core/reminders.py": "which quiet moments (a hold's start, a cardio minute) that phase offers",
    "hipcoach/ui/step_list.py": "which step paced steps light",
}


def test_each_kind_names_its_dose_field_and_whether_it_is_paced() -> None:
    assert [kind.dose_field for kind in Kind] == ["reps", "steps", "hold_seconds", "minutes"]
    assert [kind for kind in Kind if kind.paced] == [Kind.REPS, Kind.STEPS]


def test_an_amount_counts_towards_a_result_in_the_result_unit() -> None:
    bike = exercise("bike", kind=Kind.CARDIO, minutes=10)
    amount = bike.dose.amount(bike.kind)
    assert amount is not None and (amount.unit, amount.target) == (Unit.MINUTES, 600)
    stretch = exercise("stretch", kind=Kind.HOLD, hold=30)
    amount = stretch.dose.amount(stretch.kind)
    assert amount is not None and amount.target == 30


def test_only_reps_hold_at_the_top_and_every_place_agrees() -> None:
    bridge = exercise("bridge", reps=4, hold=3)
    walk = exercise("walk", kind=Kind.STEPS, reps=4, hold=3)
    assert bridge.dose.top_hold(bridge.kind) == bridge.dose.hold_seconds
    assert walk.dose.top_hold(walk.kind) is None
    # the session times no hold for steps, so neither the screen nor `hipcoach exercises` shows one
    walk_phase = build_plan(routine(entry(walk))).phases[1]
    assert BeatKind.HOLD not in {beat.kind for beat in walk_phase.beats}
    assert "hold" not in dose_text(entry(walk)).lower()
    assert dose_summary(walk) == "4 steps"
    assert dose_summary(bridge) == "4 reps, hold 3 s"
    assert "second hold" in dose_text(entry(bridge))


def test_only_paced_kinds_show_a_tempo() -> None:
    jsons = {kind: exercise_json(exercise(kind=kind, hold=3, minutes=5)) for kind in Kind}
    shown = {kind: "tempo" in str(json["dose"]) for kind, json in jsons.items()}
    assert shown == {Kind.REPS: True, Kind.STEPS: True, Kind.HOLD: False, Kind.CARDIO: False}


def test_no_other_module_decides_by_the_kind_of_exercise() -> None:
    """A module that asks "is this a cardio exercise?" to pick a number restates the model's rule; it asks the
    model (``Kind.unit``, ``Kind.paced``, ``Dose.amount``, ``Dose.top_hold``) instead."""
    naming = {
        path.relative_to(REPO_ROOT).as_posix()
        for path in (REPO_ROOT / "hipcoach").rglob("*.py")
        if any(_names_a_kind(node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert naming == set(_NAMING_A_KIND)


def _names_a_kind(node: ast.AST) -> bool:
    """``Kind.CARDIO`` and the like (``Kind(value)`` and ``kind.unit`` are not a decision by kind)."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Kind"
        and node.attr in _MEMBERS
    )
