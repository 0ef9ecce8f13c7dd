"""The figure on the way down to the mat and up from it: a pose for each step, read from resources/floor-moves.toml
and held to the bars of the exercises' keyframes (docs/figure.md, "The way down and up")."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcoach.core.content import ContentError, load_catalogue
from hipcoach.core.content.floor_figures import floor_figures, floor_moves_path, load_floor_figures
from hipcoach.core.figure.body import BONES, SEGMENT_LENGTHS, BodySide, Skeleton, View, forward_kinematics, norm, sub
from hipcoach.core.figure.motion import still
from hipcoach.core.figure.props import static_shapes
from hipcoach.core.figure.ranges import measure, out_of_range
from hipcoach.core.floor_moves import GET_DOWN, INTO_POSITION, WAYS_UP, next_pose_change, pose_at, step_poses
from hipcoach.core.model import Entry, Position, Routine
from hipcoach.core.plan import Phase, PhaseKind, build_plan

NAMES = sorted(floor_figures())
DOWN = 0.06  # of the body's height: a joint resting on the mat (its centre above the floor by the limb's thickness)


def skeleton(name: str) -> Skeleton:
    figure = floor_figures()[name]
    return forward_kinematics(still(figure, "start"), figure.view)


def y(point: tuple[float, float, float]) -> float:
    return point[1]


@pytest.mark.parametrize("name", NAMES)
def test_each_pose_keeps_its_shape_stays_above_the_floor_and_out_of_the_props(name: str) -> None:
    figure = floor_figures()[name]
    body = skeleton(name)
    for segment, start, end in BONES:
        assert norm(sub(body[end], body[start])) == pytest.approx(SEGMENT_LENGTHS[segment], abs=1e-9), segment
    solid = [shape for shape in static_shapes(figure) if shape.solid]
    for joint, (x, height, _z) in body.points.items():
        assert height >= -0.005, (joint, height)
        assert not [shape.prop for shape in solid if shape.contains(x, height, margin=0.005)], joint


@pytest.mark.parametrize("name", NAMES)
def test_each_pose_bends_every_joint_within_its_normal_range(name: str) -> None:
    assert out_of_range(skeleton(name)) == []


def test_each_pose_is_the_position_its_name_says() -> None:
    names = ("standing", "kneeling", "half-kneeling", "hands-and-knees")
    standing, kneeling, half, fours = (skeleton(name) for name in names)
    assert y(standing["hips"]) > 0.5 and y(standing["left_heel"]) < DOWN and y(standing["right_heel"]) < DOWN
    assert y(kneeling["left_knee"]) < DOWN and y(kneeling["right_knee"]) < DOWN and y(kneeling["shoulders"]) > 0.5
    assert measure(kneeling, "hip.flexion", BodySide.LEFT) == pytest.approx(0, abs=10)  # upright on the knees
    assert y(half["right_knee"]) < DOWN and y(half["left_ankle"]) < DOWN and y(half["left_knee"]) > 0.2
    for joint in ("left_knee", "right_knee", "left_wrist", "right_wrist"):
        assert y(fours[joint]) < DOWN, joint
    assert y(fours["hips"]) > 0.2 and y(fours["shoulders"]) > 0.2
    sitting = skeleton("sitting")
    assert y(sitting["hips"]) < DOWN + 0.02 and y(sitting["shoulders"]) > 0.3
    for name in ("lying-back", "lying-front", "lying-side"):
        lying = skeleton(name)
        assert y(lying["shoulders"]) < 0.15 and y(lying["hips"]) < 0.15, name
    assert floor_figures()["lying-side"].view is View.FRONT  # lying on the side is seen from the front
    rising = skeleton("rising")
    assert 0.3 < y(rising["hips"]) < 0.5 and y(rising["left_ankle"]) < DOWN  # half way up, the front foot down


def forwards(body: Skeleton, point: tuple[float, float, float], than: tuple[float, float, float]) -> float:
    """How far ``point`` is in front of ``than`` in the side view (the way the figure faces)."""
    return (point[0] - than[0]) * body.front[0]


def test_half_kneeling_shows_one_knee_down_and_the_near_foot_flat_in_front() -> None:
    """ "Step back with your sore leg and lower that knee to the mat" and "bring your stronger leg forward, foot flat
    on the floor": exactly one knee on the mat, its toes tucked under, and the other leg's foot flat on the mat in
    front of it, the shin upright and the knee bent about a right angle. First drawn, the forward leg was the far one,
    pale behind the chair's legs, and the pose read as kneeling on both knees."""
    half = skeleton("half-kneeling")
    down = [side for side in BodySide if y(half[f"{side}_knee"]) < DOWN]
    assert len(down) == 1, down
    back, front = down[0], down[0].other
    assert half[f"{front}_hip"][2] > half[f"{back}_hip"][2], "the forward leg should be the near one, seen whole"
    assert y(half[f"{front}_heel"]) < 0.01 and y(half[f"{front}_toe"]) < 0.01, "the front foot should be flat"
    assert forwards(half, half[f"{front}_heel"], half[f"{back}_knee"]) > 0.15, "the front foot should be in front"
    assert abs(half[f"{front}_knee"][0] - half[f"{front}_ankle"][0]) < 0.03, "the front shin should be upright"
    assert 80 <= measure(half, "knee.flexion", front) <= 100
    assert y(half[f"{back}_toe"]) < 0.02 and y(half[f"{back}_heel"]) > 0.05, "the back toes should be tucked under"
    assert forwards(half, half[f"{back}_toe"], half[f"{back}_knee"]) < -0.2, "the back foot should be behind"
    kneeling = skeleton("kneeling")
    assert all(y(kneeling[f"{side}_knee"]) < DOWN for side in BodySide)
    rising = skeleton("rising")  # the next step of the way up pushes through that same front foot
    assert y(rising[f"{front}_heel"]) < 0.01
    assert forwards(rising, rising[f"{front}_ankle"], rising[f"{back}_knee"]) > 0.15


def test_every_step_of_every_floor_move_names_poses_there_are() -> None:
    moves = [GET_DOWN, *WAYS_UP.values()]
    for move in moves:
        assert len(move.poses) == len(move.steps), move.steps[0]
        assert all(move.poses) and all(name in NAMES for names in move.poses for name in names)
    assert all(name in NAMES for names in INTO_POSITION.values() for name in names)
    assert set(INTO_POSITION) == {position for position in Position if position.on_floor}


def floor_moves_of(first: str, second: str) -> tuple[Phase, Entry, Phase, Entry]:
    """The way down to ``second`` after the standing ``first``, and the way up after it."""
    catalogue = load_catalogue()
    entries = tuple(Entry(catalogue[i], catalogue[i].dose) for i in (first, second))
    plan = build_plan(Routine(id="t", name="T", description="", entries=entries))
    down = next(p for p in plan.phases if p.kind is PhaseKind.GET_DOWN)
    up = next(p for p in plan.phases if p.kind is PhaseKind.GET_UP)
    return down, plan.entry(down), up, plan.entry(up)


def walk(phase: Phase, entry: Entry, body: Position | None = None) -> list[tuple[int, str]]:
    """(step lit, pose) at every moment the pose changes, from the start of the move."""
    seen: list[tuple[int, str]] = []
    moment: float | None = 0.0
    while moment is not None:
        step = int(moment * len(step_poses(phase, entry, body)) / phase.duration + 1e-9)
        seen.append((step, pose_at(phase, entry, moment + 1e-6, body)))
        moment = next_pose_change(phase, entry, moment, body)
    return seen


def test_the_way_down_to_lie_on_the_back_shows_each_step() -> None:
    down, entry, _, _ = floor_moves_of("leg-swings", "bridge")
    assert walk(down, entry) == [
        (0, "standing"),  # stand next to the chair and hold it
        (1, "half-kneeling"),  # step back, lower that knee to the mat
        (1, "kneeling"),  # then the other knee
        (2, "hands-and-knees"),  # one hand on the mat, then the other
        (3, "sitting"),  # to lie down, sit to one side first
        (3, "lying-back"),  # the bridge starts lying on the back
    ]


def test_the_way_up_from_the_back_shows_each_step() -> None:
    _, _, up, entry = floor_moves_of("leg-swings", "bridge")
    assert walk(up, entry) == [
        (0, "lying-side"),  # roll onto your side
        (0, "hands-and-knees"),  # then push up onto your hands and knees
        (1, "kneeling"),  # hands on the chair's seat
        (2, "half-kneeling"),  # stronger foot forward
        (3, "rising"),  # push up
        (3, "standing"),
    ]


@pytest.mark.parametrize(
    ("exercise_id", "last"),
    [("clamshells", "lying-side"), ("butterfly-stretch", "sitting"), ("donkey-kick", "hands-and-knees")],
)
def test_the_way_down_ends_in_the_position_of_the_coming_exercise(exercise_id: str, last: str) -> None:
    down, entry, _, _ = floor_moves_of("leg-swings", exercise_id)
    assert pose_at(down, entry, down.duration - 0.01) == last


def test_the_way_up_after_a_stop_starts_where_the_body_is() -> None:
    _, _, up, entry = floor_moves_of("leg-swings", "bridge")
    assert walk(up, entry, Position.FLOOR_SITTING)[:2] == [(0, "sitting"), (0, "hands-and-knees")]
    assert walk(up, entry, Position.SIDE)[0] == (0, "hands-and-knees")


def test_no_pose_is_the_coming_exercises_start_until_the_last_step() -> None:
    """The defect: the whole way down showed the lying bridge while the steps said to hold the chair and kneel."""
    down, entry, _, _ = floor_moves_of("leg-swings", "bridge")
    for seconds in range(int(down.duration * 3 / 4)):
        assert pose_at(down, entry, float(seconds)) in ("standing", "half-kneeling", "kneeling", "hands-and-knees")


def test_the_shipped_file_is_the_one_read() -> None:
    assert floor_moves_path().is_file()
    assert set(load_floor_figures(floor_moves_path())) == set(NAMES)


POSE = """[pose.standing]
root = [0.0, 0.530]
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("left_knee = 150.0", "floor-moves.toml, line 1: the standing pose bends left knee"),
        ("root = [0.0, 0.2]", "the standing pose puts the"),
        ("left_elbw = 10.0", "'left_elbw' is not a field hipcoach knows"),
        ('view = "top"', "view"),
    ],
)
def test_a_mistake_in_the_file_is_named_with_its_line(tmp_path: Path, extra: str, said: str) -> None:
    path = tmp_path / "floor-moves.toml"
    text = POSE.format(extra=extra)
    if extra.startswith("root"):
        text = f"[pose.standing]\n{extra}\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_floor_figures(path)
    assert said in str(caught.value)
