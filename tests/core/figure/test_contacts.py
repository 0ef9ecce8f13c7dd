"""What the steps put on the floor stays on it, through every frame of the movement, and what they say moves
moves: the bridge, the clamshell, the donkey kick, the yoga squat and the bike, as the issue names them, and the
versions of them that differ in what stays down (the half bridge, the wall, the arms across the chest)."""

from __future__ import annotations

import math

import pytest

from hipcoach.core.figure.body import ANKLE_HEIGHT, BodySide, Skeleton, Vec, forward_kinematics
from hipcoach.core.figure.description import START, TOP, Prop
from hipcoach.core.figure.motion import frame, pedal_point, still
from hipcoach.core.figure.props import CHAIR_BACK, static_shapes
from hipcoach.core.figure.ranges import measure
from tests.core.figure.support import catalogue, exercise_ids, figure_of, skeletons, work_phase

ON_THE_FLOOR = 0.01  # of the body's height: a sole or a joint resting on the mat
LYING = 0.05  # a joint of a body lying on the mat: its centre is above the floor by the limb's thickness


def _y(point: tuple[float, float, float]) -> float:
    return point[1]


def _start_and_top(exercise_id: str, side: BodySide | None = None) -> tuple[Skeleton, Skeleton]:
    figure = figure_of(exercise_id)
    return (
        forward_kinematics(still(figure, START, side), figure.view),
        forward_kinematics(still(figure, TOP, side), figure.view),
    )


@pytest.mark.parametrize(("exercise_id", "rise"), [("bridge", 0.1), ("half-bridge", 0.04), ("pelvic-tilt-bridge", 0.1)])
def test_bridge_feet_and_shoulders_stay_down_while_the_pelvis_rises(exercise_id: str, rise: float) -> None:
    for seconds, skeleton in skeletons(exercise_id, None):
        for side in BodySide:
            assert _y(skeleton[f"{side}_heel"]) <= ON_THE_FLOOR, seconds
            assert _y(skeleton[f"{side}_toe"]) <= ON_THE_FLOOR, seconds
            assert _y(skeleton[f"{side}_shoulder"]) <= LYING, seconds
    start, top = _start_and_top(exercise_id)
    assert _y(top["hips"]) - _y(start["hips"]) > rise


def test_the_half_bridge_lifts_the_hips_about_half_as_far_as_the_bridge() -> None:
    lifts = {}
    for exercise_id in ("bridge", "half-bridge"):
        start, top = _start_and_top(exercise_id)
        lifts[exercise_id] = _y(top["hips"]) - _y(start["hips"])
    assert 0.3 < lifts["half-bridge"] / lifts["bridge"] < 0.7, lifts


@pytest.mark.parametrize("side", list(BodySide))
def test_the_single_leg_bridge_with_arms_crossed_keeps_one_foot_down_and_the_hands_on_the_chest(side: BodySide) -> None:
    for seconds, skeleton in skeletons("single-leg-bridge-hold", side):
        assert _y(skeleton[f"{side}_heel"]) <= ON_THE_FLOOR, seconds
        for hand in BodySide:  # off the floor, above the chest
            assert _y(skeleton[f"{hand}_wrist"]) > _y(skeleton["shoulders"]), seconds


def test_pelvic_tilts_against_the_wall_keep_the_feet_down_and_the_back_at_the_wall() -> None:
    figure = figure_of("pelvic-tilts-wall")
    for seconds, skeleton in skeletons("pelvic-tilts-wall", None):
        for side in BodySide:
            assert _y(skeleton[f"{side}_heel"]) <= ON_THE_FLOOR, seconds
        for joint in ("shoulders", "hips"):
            assert abs(skeleton[joint][0] - figure.place) < 0.07, (seconds, joint)


@pytest.mark.parametrize("side", list(BodySide))
def test_clamshell_feet_stay_together_while_the_top_knee_rises(side: BodySide) -> None:
    top_leg = side  # the leg that works is the top one
    heights = []
    for seconds, skeleton in skeletons("clamshells", side):
        ankles = math.dist(skeleton["left_ankle"], skeleton["right_ankle"])
        assert ankles <= 0.06, (seconds, ankles)  # heels touching: the legs' thickness apart
        heights.append(_y(skeleton[f"{top_leg}_knee"]))
    assert max(heights) - heights[0] > 0.1, "the top knee does not open"
    bottom = top_leg.other
    assert max(_y(sk[f"{bottom}_knee"]) for _, sk in skeletons("clamshells", side)) < min(heights) + 0.06


@pytest.mark.parametrize("side", list(BodySide))
def test_donkey_kick_keeps_both_hands_and_one_knee_down_while_the_thigh_goes_back(side: BodySide) -> None:
    for seconds, skeleton in skeletons("donkey-kick", side):
        for hand in BodySide:
            assert _y(skeleton[f"{hand}_wrist"]) <= ON_THE_FLOOR * 3, seconds
        assert _y(skeleton[f"{side.other}_knee"]) <= LYING, seconds
    start, top = _start_and_top("donkey-kick", side)
    assert measure(start, "hip.flexion", side) > 60  # the knee under the hip
    assert measure(top, "hip.flexion", side) < -10  # the thigh extended back
    assert _y(top[f"{side}_knee"]) > _y(start[f"{side}_knee"]) + 0.2
    assert _y(top[f"{side}_ankle"]) > _y(top[f"{side}_knee"]), "the sole should face the ceiling"


def test_yoga_squat_keeps_the_feet_flat_and_the_pelvis_goes_down() -> None:
    for seconds, skeleton in skeletons("yoga-squat", None):
        for side in BodySide:
            assert _y(skeleton[f"{side}_heel"]) <= ON_THE_FLOOR, seconds
            assert _y(skeleton[f"{side}_toe"]) <= ON_THE_FLOOR, seconds
    start, top = _start_and_top("yoga-squat")
    assert _y(top["hips"]) < _y(start["hips"]) - 0.2


@pytest.mark.parametrize("exercise_id", [e for e in exercise_ids() if catalogue()[e].movement.figure.pedals])  # type: ignore[union-attr]
def test_feet_stay_on_the_pedals_through_the_whole_cycle(exercise_id: str) -> None:
    figure = figure_of(exercise_id)
    phase = work_phase(exercise_id)
    assert figure.cadence is not None
    period = 60.0 / figure.cadence
    for k in range(48):
        seconds = period * k / 16  # three turns
        skeleton = forward_kinematics(frame(figure, phase, seconds), figure.view)
        turn = (seconds / period) % 1.0
        for side in BodySide:
            x, y = pedal_point(figure, side, turn)
            assert skeleton[f"{side}_ankle"][:2] == pytest.approx((x, y + ANKLE_HEIGHT), abs=1e-9), (seconds, side)
    assert figure.pedals is not None
    (cx, cy), (rx, ry) = figure.pedals.centre, figure.pedals.radius
    for k in range(8):  # the pedals are on their path: an ellipse (a circle on the bike)
        x, y = pedal_point(figure, BodySide.LEFT, k / 8)
        assert ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 == pytest.approx(1.0)


def test_the_rowers_feet_stay_on_the_footplate_while_the_seat_slides() -> None:
    figure = figure_of("rowing-machine")
    phase = work_phase("rowing-machine")
    skeletons_ = [forward_kinematics(frame(figure, phase, k * 0.25), figure.view) for k in range(12)]
    for skeleton in skeletons_:
        assert skeleton["left_ankle"] == pytest.approx(skeletons_[0]["left_ankle"], abs=1e-9)
    slide = [skeleton["hips"][0] for skeleton in skeletons_]
    assert max(slide) - min(slide) > 0.2


def _picture_bend(skeleton: Skeleton, side: BodySide) -> float:
    """How far the knee is seen bent in the picture (degrees between thigh and shank as drawn, 0 straight)."""
    hip, knee, ankle = (skeleton[f"{side}_{joint}"] for joint in ("hip", "knee", "ankle"))
    thigh = math.atan2(knee[1] - hip[1], knee[0] - hip[0])
    shank = math.atan2(ankle[1] - knee[1], ankle[0] - knee[0])
    return abs(math.degrees((shank - thigh + math.pi) % (2 * math.pi) - math.pi))


@pytest.mark.parametrize("side", list(BodySide))
def test_clamshell_knees_are_seen_bent_from_the_start(side: BodySide) -> None:
    start, _top = _start_and_top("clamshells", side)
    for leg in BodySide:
        assert _picture_bend(start, leg) >= 25, f"the {leg} leg looks straight in the start pose"


@pytest.mark.parametrize("side", list(BodySide))
def test_banded_walk_steps_clearly_to_the_side(side: BodySide) -> None:
    start, top = _start_and_top("banded-walk", side)
    apart_at_start = abs(start["left_ankle"][0] - start["right_ankle"][0])
    apart_at_top = abs(top["left_ankle"][0] - top["right_ankle"][0])
    assert apart_at_top >= 1.6 * apart_at_start, (apart_at_start, apart_at_top)
    assert _y(top[f"{side}_heel"]) > ON_THE_FLOOR, "the stepping foot should be off the floor"
    assert _y(top[f"{side.other}_heel"]) <= ON_THE_FLOOR


@pytest.mark.parametrize("side", list(BodySide))
def test_pigeon_back_leg_lies_straight_back_and_the_body_leans_forward(side: BodySide) -> None:
    _start, top = _start_and_top("pigeon-pose", side)
    back = side.other
    assert measure(top, "knee.flexion", back) <= 25, "the back leg should be straight"
    assert _y(top[f"{back}_knee"]) <= LYING and _y(top[f"{back}_toe"]) <= ON_THE_FLOOR * 2
    forwards = 1.0 if top["head_top"][0] > top["hips"][0] else -1.0
    assert (top[f"{back}_ankle"][0] - top["hips"][0]) * forwards < -0.4, "the back foot should be far behind"
    assert (top[f"{side}_knee"][0] - top["hips"][0]) * forwards > 0.1, "the front knee should be in front"
    assert (top["shoulders"][0] - top["hips"][0]) * forwards > 0.15, "the body should lean forwards"


@pytest.mark.parametrize("side", list(BodySide))
@pytest.mark.parametrize("exercise_id", ["hip-rotations", "hip-rotations-band"])
def test_the_hip_rotation_foot_rests_against_the_other_thigh(exercise_id: str, side: BodySide) -> None:
    """ "Rest that foot against the inside of the other thigh": through the whole movement the bent leg's ankle is
    beside the straight leg's thigh in the side view, about three quarters of the way from its hip to its knee (a knee
    bent to its normal 135 degrees brings it no nearer the hip), inside it in depth, and the toes end about at that
    knee; first drawn, the foot rested past the knee, on the shin. The knee sinks towards the floor."""
    other = side.other
    for seconds, skeleton in skeletons(exercise_id, side):
        hip, knee = skeleton[f"{other}_hip"][0], skeleton[f"{other}_knee"][0]
        ankle, heel, toe = ((skeleton[f"{side}_{end}"][0] - hip) / (knee - hip) for end in ("ankle", "heel", "toe"))
        assert 0.5 < ankle < 0.8 and 0.5 < heel < 0.9 and toe < 1.25, (seconds, ankle, heel, toe)  # 0 hip, 1 knee
        assert _y(skeleton[f"{side}_ankle"]) < 0.1, seconds  # down by the thigh, on the mat
        depth = skeleton[f"{side}_ankle"][2]
        assert abs(depth - skeleton[f"{other}_hip"][2]) < abs(depth - skeleton[f"{side}_hip"][2]), seconds  # inside
    start, top = _start_and_top(exercise_id, side)
    assert _y(top[f"{side}_knee"]) < _y(start[f"{side}_knee"]) - 0.05, "the knee should sink"


@pytest.mark.parametrize("side", list(BodySide))
@pytest.mark.parametrize("exercise_id", ["hip-extensions", "hip-extensions-band", "hip-extensions-small"])
def test_the_hip_extension_hands_hold_the_top_of_the_chairs_back(exercise_id: str, side: BodySide) -> None:
    """ "Stand behind a sturdy chair and hold its back": through the whole movement each hand lies over the top of
    the chair's back in the side view, the wrist on the body's side of it and the fingers past it, the hand no more
    than a few centimetres above the top; first drawn, the hands pointed forward in the air above the seat."""
    figure = figure_of(exercise_id).for_side(side)
    backs = [shape for shape in static_shapes(figure) if shape.prop is Prop.CHAIR and shape.y1 == CHAIR_BACK]
    assert len(backs) == 1, backs
    post = (backs[0].x0 + backs[0].x1) / 2
    for seconds, skeleton in skeletons(exercise_id, side):
        body = skeleton["hips"][0]
        for hand in BodySide:
            wrist, fingers = skeleton[f"{hand}_wrist"], skeleton[f"{hand}_fingers"]
            assert abs(wrist[0] - body) < abs(post - body) < abs(fingers[0] - body), (seconds, hand)
            over = wrist[1] + (fingers[1] - wrist[1]) * (post - wrist[0]) / (fingers[0] - wrist[0])
            assert CHAIR_BACK - LYING / 5 <= over <= CHAIR_BACK + GRIP, (seconds, hand, over)  # on it, not in the air


SIDE_ON = ["leg-swings", "leg-swings-small", "leg-swings-wide", "quadriceps-stretch"]
SIDE_ON += ["quadriceps-stretch-towel", "quadriceps-stretch-tuck"]


@pytest.mark.parametrize("side", list(BodySide))
@pytest.mark.parametrize("exercise_id", SIDE_ON)
def test_the_hand_on_the_chair_beside_holds_its_back_where_it_shows(exercise_id: str, side: BodySide) -> None:
    """ "Stand side-on to a chair and hold it with one hand": the chair stands beside the body, so its back is
    drawn behind the legs; first drawn, the back was at the body's own place, hidden by the legs, and the hand seemed
    to hold nothing. The back stands just behind the body, clear of the standing leg, and the far hand rests on its
    top through the whole movement."""
    figure = figure_of(exercise_id).for_side(side)
    backs = [shape for shape in static_shapes(figure) if shape.prop is Prop.CHAIR and shape.y1 == CHAIR_BACK]
    assert len(backs) == 1, backs
    post = (backs[0].x0 + backs[0].x1) / 2
    holding = side.other
    for seconds, skeleton in skeletons(exercise_id, side):
        standing = skeleton[f"{holding}_knee"][0]
        assert abs(post - standing) > 0.035, (seconds, post, standing)  # not hidden behind the standing leg
        wrist = skeleton[f"{holding}_wrist"]
        assert math.hypot(wrist[0] - post, wrist[1] - CHAIR_BACK) < 2 * GRIP, (seconds, wrist)


GRIP = 0.02  # of the body's height (about 3.5 cm): a hand that holds a foot touches it


def _to_segment(point: Vec, a: Vec, b: Vec) -> float:
    """Distance in the picture from ``point`` to the segment a-b."""
    ax, ay, bx, by = a[0], a[1], b[0], b[1]
    length2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = max(0.0, min(1.0, ((point[0] - ax) * (bx - ax) + (point[1] - ay) * (by - ay)) / length2))
    return math.hypot(point[0] - (ax + t * (bx - ax)), point[1] - (ay + t * (by - ay)))


@pytest.mark.parametrize("side", list(BodySide))
@pytest.mark.parametrize("exercise_id", ["quadriceps-stretch", "quadriceps-stretch-tuck"])
def test_the_quadriceps_stretch_holds_the_ankle_in_the_hand(exercise_id: str, side: BodySide) -> None:
    """ "Take hold of that ankle behind you": at the top the hand on the bent leg's side is on the ankle and lies
    over the foot, so the foot does not stick out behind an empty hand."""
    _, top = _start_and_top(exercise_id, side)
    ankle, toe = top[f"{side}_ankle"], top[f"{side}_toe"]
    wrist, fingers = top[f"{side}_wrist"], top[f"{side}_fingers"]
    palm = ((wrist[0] + fingers[0]) / 2, (wrist[1] + fingers[1]) / 2, 0.0)
    assert _to_segment(ankle, wrist, fingers) <= GRIP, "the hand is not at the ankle"
    assert _to_segment(palm, ankle, toe) <= GRIP, "the palm is not on the foot"
    assert measure(top, "knee.flexion", side) > 125  # the heel drawn up behind


@pytest.mark.parametrize("side", list(BodySide))
@pytest.mark.parametrize("exercise_id", ["knee-to-chest", "knee-to-chest-long"])
def test_the_knee_to_chest_hands_hold_behind_the_thigh(exercise_id: str, side: BodySide) -> None:
    """ "Hold it there with your hands behind the thigh": both wrists by the back of the drawn-up thigh (the side away
    from the chest), between the hip and the knee, not over the knee and shin."""
    _, top = _start_and_top(exercise_id, side)
    hip, knee, chest = top[f"{side}_hip"], top[f"{side}_knee"], top["shoulders"]
    along = (knee[0] - hip[0], knee[1] - hip[1])
    length2 = along[0] ** 2 + along[1] ** 2

    def across(point: Vec) -> float:
        return along[0] * (point[1] - hip[1]) - along[1] * (point[0] - hip[0])

    for hand in BodySide:
        wrist = top[f"{hand}_wrist"]
        t = ((wrist[0] - hip[0]) * along[0] + (wrist[1] - hip[1]) * along[1]) / length2
        assert across(wrist) * across(chest) < 0, f"the {hand} hand is on the chest's side of the thigh"
        assert _to_segment(wrist, hip, knee) < 0.06 and 0.3 < t < 1.0, f"the {hand} hand is not at the thigh"


@pytest.mark.parametrize("side", list(BodySide))
def test_the_quadriceps_stretch_keeps_the_knees_side_by_side(side: BodySide) -> None:
    """ "Keep your knees side by side": the bent knee beside the standing one, not drawn back (only the version with
    the tuck lets it "ease a little behind the other one")."""
    _, top = _start_and_top("quadriceps-stretch", side)
    assert abs(top["left_knee"][0] - top["right_knee"][0]) < 0.03  # of the body's height: about 5 cm
    _, tucked = _start_and_top("quadriceps-stretch-tuck", side)
    assert abs(tucked["left_knee"][0] - tucked["right_knee"][0]) > 0.05


@pytest.mark.parametrize("exercise_id", ["butterfly-stretch", "butterfly-stretch-forward"])
def test_the_butterfly_stretch_rests_the_elbows_on_the_knees(exercise_id: str) -> None:
    """ "Rest your elbows on your knees and press them gently down": at the top each elbow is on its knee (within a
    limb's thickness, in depth too), the forearms reaching in towards the feet, and no hand goes under the floor."""
    _, top = _start_and_top(exercise_id)
    for side in BodySide:
        elbow, knee = top[f"{side}_elbow"], top[f"{side}_knee"]
        assert math.dist(elbow, knee) < 0.07, side
        assert elbow[1] > knee[1]  # on it, pressing down
        assert abs(top[f"{side}_wrist"][0]) < abs(elbow[0])  # in towards the feet
        assert min(top[f"{side}_wrist"][1], top[f"{side}_fingers"][1]) > 0
