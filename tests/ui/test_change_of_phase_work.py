"""What the GUI thread does at a change of phase, kept small (the stall budget is 20 ms, bench/bench_stalls.py):
the next figure made ready a moment before its phase, the page's fit trying every arrangement before it shrinks
the text, and the garbage collector kept off the objects that were there before the session."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QRectF, QSize
from PySide6.QtWidgets import QBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.content import load_catalogue
from hipcoach.core.plan import PhaseKind
from hipcoach.core.session_state import State
from hipcoach.core.settings import TextSize
from hipcoach.ui import session_figure
from hipcoach.ui.figure import scenery
from hipcoach.ui.figure.colours import colours_for
from hipcoach.ui.page_fit import FIT_STEPS, PageFit
from tests.factories import entry, routine
from tests.ui.layout_check import fit_problems, settle
from tests.ui.rig import MakeRig, WindowRig, run_to_summary
from tests.ui.test_session_figure import paint, shipped, short


def test_the_next_exercise_s_figure_is_made_ready_before_its_phase(
    rig: WindowRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The still parts of the next exercise are painted during the one before, not at the change: there, with the
    page's own work, they made the largest stalls."""
    painted: list[tuple[str, PhaseKind | None]] = []
    real = scenery.paint_scenery
    names = {id(figure): name for name in ("clamshells", "bridge") for figure in _sides(shipped(name))}

    def counting(*args: object, **kwargs: object) -> None:
        phase = rig.controller.phase
        painted.append((names.get(id(args[2]), "?"), phase.kind if phase is not None else None))
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scenery, "paint_scenery", counting)
    rig.start(routine(entry(short(shipped("clamshells"), reps=2)), entry(short(shipped("bridge"), reps=2))))
    while (phase := rig.controller.phase) is not None and phase.entry_index == 0:
        paint(rig)
        rig.run(0.5)
    paint(rig)
    assert rig.view.figure.figure() in _sides(shipped("bridge"))  # the rest before the bridge shows it
    bridge = [kind for name, kind in painted if name == "bridge"]
    assert bridge[0] is PhaseKind.SWITCH_SIDES, painted  # made ready during the clamshells (their second side)


def test_the_pictures_of_two_figures_are_kept(qtbot: QtBot) -> None:
    """The figure shown and the next one: asking for one does not throw the other away; a third does."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    pictures = scenery.SceneryPictures()
    colours = colours_for(widget.palette())
    rect = QRectF(widget.rect())
    one, two, three = (shipped(name).movement.figure for name in ("clamshells", "bridge", "yoga-squat"))
    assert one is not None and two is not None and three is not None
    first = pictures.picture(widget, one, colours, rect)
    pictures.picture(widget, two, colours, rect)
    assert pictures.picture(widget, one, colours, rect).cacheKey() == first.cacheKey()
    pictures.picture(widget, three, colours, rect)  # two is the oldest now
    assert len(pictures) == 2
    assert pictures.picture(widget, one, colours, rect).cacheKey() == first.cacheKey()
    widget.resize(300, 220)
    assert pictures.picture(widget, one, colours, QRectF(widget.rect())).cacheKey() != first.cacheKey()


def _sides(exercise: object) -> tuple[object, ...]:
    figure = exercise.movement.figure  # type: ignore[attr-defined]
    from hipcoach.core.figure.body import BodySide  # noqa: PLC0415 - beside its one use

    return (figure, figure.for_side(BodySide.LEFT), figure.for_side(BodySide.RIGHT))


def test_the_way_down_s_poses_are_read_before_the_first_floor_move(rig: WindowRig) -> None:
    """A standing exercise, then one on the mat: the poses of the way down were read at its first step (5-12 ms)."""
    session_figure._floor_figures.cache_clear()
    catalogue = load_catalogue()
    rig.start(routine(entry(short(catalogue["yoga-squat"], reps=2)), entry(short(catalogue["bridge"], reps=2))))
    assert session_figure._floor_figures.cache_info().currsize == 0  # standing first: nothing read at the start
    plan = rig.controller.plan
    assert plan is not None
    while not plan.phases[(rig.controller.phase_index or 0) + 1].kind.is_floor_move:
        rig.run(0.5)
    phase = rig.controller.phase
    assert phase is not None and not phase.kind.is_floor_move and phase.duration > 1
    rig.run(0.5)
    assert rig.controller.phase is phase  # still before the way down
    assert session_figure._floor_figures.cache_info().currsize == 1


def test_the_fit_tries_every_arrangement_before_it_makes_the_text_smaller(
    make_rig: MakeRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each try lays the page out again (about 2 ms): a change of exercise that no longer fits the kept arrangement
    tried that arrangement at every smaller text first; another arrangement at full size is as good and nearer."""
    rig = make_rig(text_size=TextSize.LARGER)
    rig.start(routine(entry(short(load_catalogue()["leg-swings"], reps=10))), keep_pain_question=True)
    tries: list[tuple[QBoxLayout.Direction, int, int, bool]] = []
    fitting = rig.view.fitting
    real = PageFit._fits_at

    def spy(direction: QBoxLayout.Direction, rows: int, size: QSize, step: int) -> bool:
        fits = real(fitting, direction, rows, size, step)
        tries.append((direction, rows, step, fits))
        return fits

    assert fit_problems(rig.window, QSize(864, 486)) == []
    monkeypatch.setattr(fitting, "_fits_at", spy)
    fitting._chosen = None  # nothing kept: the whole search, as after a resize
    fitting.fit(rig.view.size())
    fit = tries
    assert fit and fit[-1][3], fit
    assert all(not fits for *_rest, fits in fit[:-1]), fit
    steps = [step for _d, _r, step, _f in fit]
    assert steps == sorted(steps), steps
    chosen_step = steps[-1]
    assert chosen_step < FIT_STEPS
    for step in range(chosen_step):  # every arrangement was tried at every larger text
        assert len({(d, r) for d, r, s, _f in fit if s == step}) == 4, fit


def test_the_collector_sets_the_objects_before_a_session_aside_while_it_runs(rig: WindowRig) -> None:
    gc.collect()
    assert gc.get_freeze_count() == 0
    rig.start(routine(entry(short(shipped("clamshells"), reps=1))))
    assert rig.state in (State.RUNNING, State.WAITING)
    assert gc.get_freeze_count() > 0  # the window and the content, set aside
    assert rig.controller.collector.holding
    run_to_summary(rig)
    settle()
    assert gc.get_freeze_count() == 0  # handed back: a cycle among them is collected again
    assert not rig.controller.collector.holding
