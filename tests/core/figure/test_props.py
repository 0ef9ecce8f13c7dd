"""Props that the easier and harder versions of the exercises need: a band low on the legs (the harder banded
walk) and a chair sat on (the yoga squat's easier version, a sit-to-stand)."""

from __future__ import annotations

from hipcoach.core.figure.body import Joint, Pose, View, forward_kinematics
from hipcoach.core.figure.description import START, TOP, ExerciseFigure, Prop, Work, mirror_figure
from hipcoach.core.figure.props import SEAT_HEIGHT, moving_shapes, static_shapes


def _figure(props: tuple[Prop, ...], pose: Pose, view: View) -> ExerciseFigure:
    return ExerciseFigure(
        view=view, props=props, keyframes={START: pose, TOP: pose}, work=Work("knee.flexion", None, 0, 90)
    )


def _legs(**angles: float) -> dict[str, Joint]:
    return {f"{side}_{joint}": Joint(angle) for joint, angle in angles.items() for side in ("left", "right")}


def test_an_ankle_band_goes_between_the_shins_just_above_the_ankles() -> None:
    pose = Pose((0.0, 0.515), joints={"left_hip": Joint(25.0), "right_hip": Joint(9.0)})
    figure = _figure((Prop.ANKLE_BAND,), pose, View.FRONT)
    skeleton = forward_kinematics(pose, View.FRONT)
    (band,) = moving_shapes(figure, skeleton)
    assert band.prop is Prop.ANKLE_BAND
    for side, (x, y) in (("left", (band.x0, band.y0)), ("right", (band.x1, band.y1))):
        knee, ankle = skeleton[f"{side}_knee"], skeleton[f"{side}_ankle"]
        assert ankle[1] < y < ankle[1] + 0.25 * (knee[1] - ankle[1]), side
        assert min(knee[0], ankle[0]) <= x <= max(knee[0], ankle[0]), side
    (thigh_band,) = moving_shapes(_figure((Prop.BAND,), pose, View.FRONT), skeleton)
    assert thigh_band.y0 > skeleton["left_knee"][1]  # the usual band stays above the knees


def test_a_chair_sat_on_has_its_seat_under_the_hips_and_its_back_behind_them() -> None:
    seated = Pose((0.0, 0.284), joints=_legs(hip=90.0, knee=95.0, ankle=-5.0))
    figure = _figure((Prop.CHAIR,), seated, View.SIDE)
    seat, back, *_legs_of_chair = static_shapes(figure)
    assert seat.solid and seat.x0 < 0.0 < seat.x1 and seat.y1 == SEAT_HEIGHT
    assert back.solid and back.x1 < 0.0, "the knees point to +x, so the back is at -x"
    mirrored_seat, mirrored_back, *_ = static_shapes(mirror_figure(figure))
    assert mirrored_back.x0 > 0.0 and mirrored_seat.x0 < 0.0 < mirrored_seat.x1


def test_a_chair_beside_a_standing_figure_is_not_sat_on() -> None:
    """The quadriceps stretch and the leg swings hold a chair beside them: it stays drawn behind the body."""
    standing = Pose((0.0, 0.530))
    seat, *_ = static_shapes(_figure((Prop.CHAIR,), standing, View.SIDE))
    assert not seat.solid
