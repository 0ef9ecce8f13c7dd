"""The easier and harder versions of exercises 10 to 19 are the physiotherapy pairs the issue names, stay safe for a
sore hip, and their figures show what their steps say (docs/routine-format.md, "The versions of exercises 10 to
19")."""

from __future__ import annotations

import functools
import math

import pytest

from hipcoach.core import content
from hipcoach.core.figure.body import ANKLE_HEIGHT, BodySide, Skeleton, forward_kinematics
from hipcoach.core.figure.description import START, TOP, Prop
from hipcoach.core.figure.motion import along, still
from hipcoach.core.figure.ranges import measure
from hipcoach.core.model import Demands, Equipment, Exercise, Kind, Position, SideKind

LATER = (
    "rowing-machine",
    "clamshells",
    "banded-walk",
    "quadriceps-stretch",
    "knee-to-chest",
    "donkey-kick",
    "yoga-squat",
    "leg-swings",
    "pigeon-pose",
)
ON_THE_FLOOR = 0.01
LYING = 0.06


@functools.cache
def every() -> dict[str, Exercise]:
    return content.with_variants(content.load_catalogue())


def version(base_id: str, level: str) -> Exercise:
    link = getattr(every()[base_id], level)
    assert link is not None, f"{base_id} has no {level} version"
    return every()[link.id]


def demands(exercise: Exercise) -> Demands:
    assert exercise.movement.demands is not None
    return exercise.movement.demands


def skeleton(exercise: Exercise, pose: str, side: BodySide | None = BodySide.LEFT) -> Skeleton:
    figure = exercise.movement.figure
    assert figure is not None
    shown = side if figure.per_side else None
    return forward_kinematics(still(figure, pose, shown), figure.view)


def along_the_way(exercise: Exercise) -> list[Skeleton]:
    figure = exercise.movement.figure
    assert figure is not None
    return [forward_kinematics(along(figure, k / 24), figure.view) for k in range(25)]


@pytest.mark.parametrize("base_id", LATER)
@pytest.mark.parametrize("level", ["easier", "harder"])
def test_each_version_is_its_own_exercise_with_a_reason(base_id: str, level: str) -> None:
    base, made = every()[base_id], version(base_id, level)
    assert made.variant_of == base_id and made.kind is base.kind and made.number == base.number
    assert made.steps != base.steps and made.name != base.name
    link = getattr(base, level)
    assert link.reason.endswith(".") and "\n" not in link.reason and len(link.reason) <= 90
    amount = made.dose.amount(made.kind)
    assert amount is not None and amount.value.ours and amount.value.low is not None and amount.value.high is not None


@pytest.mark.parametrize("base_id", LATER)
def test_a_harder_version_bends_the_hip_no_deeper_and_asks_for_no_new_position(base_id: str) -> None:
    """No jumps and no deeper loaded bends: a harder version adds a band, a hold, time or a fuller stretch."""
    base, harder = every()[base_id], version(base_id, "harder")
    # The wide leg swings are the one exception: a swing carries no load, and it stays short of 90 degrees.
    deepest = 60 if base_id == "leg-swings" else demands(base).hip_bend
    assert demands(harder).hip_bend <= deepest
    assert harder.position is base.position


@pytest.mark.parametrize("base_id", LATER)
def test_an_easier_version_bends_the_hip_no_further_and_is_no_harder_to_get_into(base_id: str) -> None:
    base, easier = every()[base_id], version(base_id, "easier")
    assert demands(easier).hip_bend <= demands(base).hip_bend
    assert not (easier.position.on_floor and not base.position.on_floor)
    assert not demands(easier).kneels or demands(base).kneels


def test_clamshells_open_less_when_easier_and_work_against_a_band_when_harder() -> None:
    def opening(exercise: Exercise) -> float:
        return measure(skeleton(exercise, TOP), "hip.abduction", BodySide.LEFT)

    base = every()["clamshells"]
    smaller, banded = version("clamshells", "easier"), version("clamshells", "harder")
    assert opening(smaller) < opening(base) - 15
    assert Equipment.BAND in banded.equipment and Prop.BAND in (banded.movement.figure or base.movement.figure).props
    for made in (smaller, banded):
        top = skeleton(made, TOP)
        assert math.dist(top["left_ankle"], top["right_ankle"]) <= 0.06, "the heels stay together"


def test_the_banded_walk_goes_without_the_band_or_with_it_at_the_ankles() -> None:
    without, lower = version("banded-walk", "easier"), version("banded-walk", "harder")
    assert Equipment.BAND not in without.equipment and without.movement.figure is not None
    assert Prop.BAND not in without.movement.figure.props
    assert lower.movement.figure is not None and Prop.ANKLE_BAND in lower.movement.figure.props
    for made in (without, lower):
        top = skeleton(made, TOP)
        assert top["left_heel"][1] > ON_THE_FLOOR >= top["right_heel"][1], "one foot steps out"


def test_the_easier_quadriceps_stretch_uses_a_towel_and_bends_the_knee_less() -> None:
    base, towel = every()["quadriceps-stretch"], version("quadriceps-stretch", "easier")
    assert Equipment.TOWEL in towel.equipment and towel.side_kind is SideKind.TOWEL
    assert measure(skeleton(towel, TOP), "knee.flexion", BodySide.LEFT) < measure(
        skeleton(base, TOP), "knee.flexion", BodySide.LEFT
    )


def test_the_easier_knee_to_chest_keeps_the_other_knee_bent_and_the_hip_at_ninety() -> None:
    towel = version("knee-to-chest", "easier")
    assert Equipment.TOWEL in towel.equipment and demands(towel).hip_bend <= 90
    top = skeleton(towel, TOP)
    assert measure(top, "knee.flexion", BodySide.RIGHT) > 90, "the other knee is bent"
    assert top["right_heel"][1] <= ON_THE_FLOOR * 2, "its foot flat on the floor"
    assert measure(top, "hip.flexion", BodySide.LEFT) == pytest.approx(90, abs=5)


def test_the_easier_donkey_kick_is_a_leg_lift_lying_face_down() -> None:
    lift = version("donkey-kick", "easier")
    assert lift.position is Position.FRONT and not demands(lift).kneels
    start, top = skeleton(lift, START), skeleton(lift, TOP)
    for point in ("hips", "shoulders", "right_knee", "right_toe"):
        assert top[point][1] <= LYING, point
    assert top["left_ankle"][1] > start["left_ankle"][1] + 0.05, "the working leg lifts"
    assert measure(top, "knee.flexion", BodySide.LEFT) < 10, "the knee stays straight"
    nose_down = top["head_top"]  # the head lies along the mat, not up: face down, not on the back
    assert nose_down[1] <= LYING * 2


def test_the_easier_yoga_squat_stands_up_from_a_chair_on_stand() -> None:
    rise = version("yoga-squat", "easier")
    assert rise.position is Position.CHAIR and Equipment.CHAIR in rise.equipment
    assert (rise.movement.move_word, rise.movement.return_word) == ("Stand", "Sit")
    poses = along_the_way(rise)
    for pose in poses:
        for side in BodySide:
            assert pose[f"{side}_heel"][1] <= ON_THE_FLOOR and pose[f"{side}_toe"][1] <= ON_THE_FLOOR
    assert poses[-1]["hips"][1] > poses[0]["hips"][1] + 0.2
    assert poses[0]["hips"][1] - ANKLE_HEIGHT < 0.3, "it starts sitting"


def test_the_easier_leg_swings_are_smaller_and_slower() -> None:
    base, small = every()["leg-swings"], version("leg-swings", "easier")
    assert small.movement.figure is not None and base.movement.figure is not None
    arc = abs(small.movement.figure.work.top - small.movement.figure.work.start)
    assert arc < abs(base.movement.figure.work.top - base.movement.figure.work.start) / 1.5
    assert small.dose.tempo.seconds > base.dose.tempo.seconds


def test_the_easier_pigeon_is_the_figure_4_lying_on_the_back() -> None:
    four = version("pigeon-pose", "easier")
    assert four.position is Position.BACK and four.side_kind is SideKind.CROSSED
    assert demands(four).hip_bend <= 90 and not demands(four).kneels and demands(four).turns_out
    top = skeleton(four, TOP)
    assert math.dist(top["left_ankle"][:2], top["right_knee"][:2]) < 0.05, "the ankle rests on the other knee"


def test_the_easier_rowing_is_five_minutes_at_the_lightest_setting() -> None:
    easy = version("rowing-machine", "easier")
    assert easy.kind is Kind.CARDIO and easy.dose.minutes is not None and easy.dose.minutes.value == 5
    assert "lightest" in easy.steps[0]
    assert demands(easy).hip_bend <= 90
