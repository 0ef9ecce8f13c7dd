"""The figure's stills where the app shows them: the chooser's routine details (after the first paint), the
report for the physiotherapist, and the Help → Exercises catalogue."""

from __future__ import annotations

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.ui.figure.stills import FigureStrip
from tests.ui.rig import WindowRig


def test_the_chooser_shows_a_still_of_each_exercise_once_asked_after_the_first_paint(rig: WindowRig) -> None:
    catalogue = load_catalogue()
    routines = builtin_routines(catalogue)
    chooser = rig.window.chooser
    chooser.set_routines(routines)
    assert chooser.figures is None  # not before the app asks (after its first paint)
    chooser.show_figures()
    strip = chooser.figures
    assert isinstance(strip, FigureStrip) and strip.isVisibleTo(chooser)
    for routine in routines:
        assert chooser.select(routine.id)
        with_figure = [e for e in routine.entries if e.exercise.movement.figure is not None]
        assert strip.count() == len(with_figure)
    assert any(e.exercise.movement.figure is not None for r in routines for e in r.entries)
    chooser.select(next(r.id for r in routines if any(e.exercise.movement.figure for e in r.entries)))
    rig.qtbot.waitUntil(lambda: strip.height() >= FigureStrip.CELL_HEIGHT)  # laid out in the page
    image = strip.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(colours) > 3  # something is drawn
