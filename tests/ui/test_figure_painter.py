"""The figure painted into a QImage: the working limb in the accent colour, the far limbs softer, light and dark
colours, a picture that scales with its rectangle, a solid person-like style; and the contact sheet of all 18 kept
as a test artifact (tests/display.py: ``HIPCOACH_ARTIFACTS_DIR``)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from hipcoach.core import content
from hipcoach.core.figure.body import BodySide, Pose, forward_kinematics
from hipcoach.core.figure.description import START, TOP, ExerciseFigure
from hipcoach.core.figure.motion import still
from hipcoach.ui.figure.colours import FigureColours, colours_for, dark_colours, light_colours
from hipcoach.ui.figure.painter import Style, paint_figure, picture_point
from hipcoach.ui.figure.pictures import SHEET_CELL, SHEET_COLUMNS, png_bytes, sheet_image
from tests.display import artifacts_dir

MAGENTA = QColor("#ff00ff")


def figure(exercise_id: str, side: BodySide | None = None) -> ExerciseFigure:
    found = content.load_catalogue()[exercise_id].movement.figure
    assert found is not None
    return found.for_side(side)


def paint(shown: ExerciseFigure, pose: Pose, size: tuple[int, int], colours: FigureColours, style: Style) -> QImage:
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        paint_figure(painter, QRectF(0, 0, size[0], size[1]), shown, pose, colours=colours, style=style)
    finally:
        painter.end()
    return image


def colour_at(image: QImage, shown: ExerciseFigure, pose: Pose, a: str, b: str, size: tuple[int, int]) -> QColor:
    """The colour in the middle of the segment from joint ``a`` to joint ``b``."""
    skeleton = forward_kinematics(pose, shown.view)
    x = (skeleton[a][0] + skeleton[b][0]) / 2
    y = (skeleton[a][1] + skeleton[b][1]) / 2
    point = picture_point(QRectF(0, 0, size[0], size[1]), shown, x, y)
    return image.pixelColor(round(point.x()), round(point.y()))


def accented(base: FigureColours) -> FigureColours:
    return base.with_accent(MAGENTA)


def test_the_working_limb_is_drawn_in_the_accent_colour(qapp: object) -> None:
    shown = figure("leg-swings", BodySide.LEFT)
    pose = still(shown, TOP)
    size = (600, 450)
    image = paint(shown, pose, size, accented(light_colours()), Style.LINE)
    assert colour_at(image, shown, pose, "left_hip", "left_knee", size) == MAGENTA
    assert colour_at(image, shown, pose, "left_knee", "left_ankle", size) == MAGENTA
    assert colour_at(image, shown, pose, "lumbar", "shoulders", size) == light_colours().near


def test_the_far_limbs_are_softer_than_the_near_ones(qapp: object) -> None:
    shown = figure("leg-swings", BodySide.LEFT)  # the left leg swings on the near side; the right one stands
    pose = still(shown, TOP)
    size = (600, 450)
    colours = light_colours()
    image = paint(shown, pose, size, colours, Style.LINE)
    assert colour_at(image, shown, pose, "right_knee", "right_ankle", size) == colours.far
    assert colours.far != colours.near


def test_the_right_side_works_the_right_limb(qapp: object) -> None:
    shown = figure("leg-swings", BodySide.RIGHT)
    pose = still(shown, TOP)
    size = (600, 450)
    image = paint(shown, pose, size, accented(light_colours()), Style.LINE)
    assert colour_at(image, shown, pose, "right_hip", "right_knee", size) == MAGENTA


def test_light_and_dark_colours_differ_and_follow_the_palette(qapp: object) -> None:
    shown = figure("bridge")
    pose = still(shown, START)
    size = (400, 300)
    light = paint(shown, pose, size, light_colours(), Style.LINE)
    dark = paint(shown, pose, size, dark_colours(), Style.LINE)
    trunk_light = colour_at(light, shown, pose, "lumbar", "shoulders", size)
    trunk_dark = colour_at(dark, shown, pose, "lumbar", "shoulders", size)
    assert trunk_light.lightness() < 100 < trunk_dark.lightness()
    from PySide6.QtGui import QPalette  # noqa: PLC0415 - only this test builds palettes

    dark_palette = QPalette(QColor("#202124"))
    light_palette = QPalette(QColor("#f4f4f4"))
    assert colours_for(dark_palette).near == dark_colours().near
    assert colours_for(light_palette).near == light_colours().near


def _drawn_box(image: QImage) -> tuple[int, int, int, int]:
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y).alpha() > 0:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def test_the_picture_scales_with_its_rectangle(qapp: object) -> None:
    shown = figure("yoga-squat")
    pose = still(shown, TOP)
    small = _drawn_box(paint(shown, pose, (100, 75), light_colours(), Style.LINE))
    large = _drawn_box(paint(shown, pose, (400, 300), light_colours(), Style.LINE))
    small_w, small_h = small[2] - small[0], small[3] - small[1]
    large_w, large_h = large[2] - large[0], large[3] - large[1]
    assert large_w / small_w == _about(4.0)
    assert large_h / small_h == _about(4.0)


def _about(value: float) -> object:
    import pytest  # noqa: PLC0415

    return pytest.approx(value, rel=0.08)


def test_the_solid_style_draws_a_person_with_a_face(qapp: object) -> None:
    shown = figure("hip-abductions", BodySide.LEFT)
    pose = still(shown, START)
    size = (400, 400)
    colours = light_colours()
    image = paint(shown, pose, size, colours, Style.SOLID)
    found = {image.pixelColor(x, y).name() for y in range(0, 400, 2) for x in range(0, 400, 2)}
    for part in (colours.skin, colours.shirt, colours.trousers, colours.outline, colours.hair):
        assert part.name() in found, part.name()
    line = paint(shown, pose, size, colours, Style.LINE)
    assert png_bytes(line) != png_bytes(image)


def test_the_contact_sheet_has_every_exercise_and_is_kept_as_an_artifact(qapp: object) -> None:
    exercises = list(content.load_catalogue().values())
    assert len(exercises) == 18
    folder = artifacts_dir()
    for style in Style:
        image = sheet_image(exercises, style=style)
        rows = -(-18 // SHEET_COLUMNS)
        assert (image.width(), image.height()) == (SHEET_CELL[0] * SHEET_COLUMNS, SHEET_CELL[1] * rows)
        (folder / f"figure-sheet-{style.value}.png").write_bytes(png_bytes(image))
    assert (folder / "figure-sheet-line.png").stat().st_size > 10_000


def test_every_version_paints_in_both_styles_and_its_sheet_is_kept_as_an_artifact(qapp: object) -> None:
    """The easier and harder versions are drawn like the article's exercises; their sheet is kept to look at."""
    versions = [e for e in content.with_variants(content.load_catalogue()).values() if e.variant_of is not None]
    assert len(versions) >= 18
    folder = artifacts_dir()
    for style in Style:
        image = sheet_image(versions, style=style)
        rows = -(-len(versions) // SHEET_COLUMNS)
        assert (image.width(), image.height()) == (SHEET_CELL[0] * SHEET_COLUMNS, SHEET_CELL[1] * rows)
        (folder / f"figure-sheet-versions-{style.value}.png").write_bytes(png_bytes(image))
    assert (folder / "figure-sheet-versions-line.png").stat().st_size > 10_000


def test_a_vector_device_gets_real_shapes(qapp: object, tmp_path: object) -> None:
    """The PDF report paints through a vector engine: the figure must draw there too, ellipses and all."""
    from pathlib import Path  # noqa: PLC0415

    from PySide6.QtGui import QPageSize, QPdfWriter  # noqa: PLC0415

    assert isinstance(tmp_path, Path)
    path = tmp_path / "figure.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    shown = figure("donkey-kick", BodySide.LEFT)
    painter = QPainter(writer)
    try:
        paint_figure(painter, QRectF(0, 0, 1000, 700), shown, still(shown, TOP), style=Style.SOLID)
    finally:
        painter.end()
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 2000
