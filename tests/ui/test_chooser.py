"""The chooser between its two sources of cards: the last run's snapshot (before the content is loaded) and the
routines themselves (after)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from hipcoach.core.chooser_snapshot import RoutineCard, Snapshot
from hipcoach.core.content import ContentError, load_catalogue, load_routine
from hipcoach.core.model import Routine
from hipcoach.core.wording import routine_card
from hipcoach.ui.chooser import TITLE_ROLE
from tests.tools import REPO_ROOT
from tests.ui.rig import WindowRig, three_exercises, two_sided


def named(routine: Routine, routine_id: str, name: str) -> Routine:
    return dataclasses.replace(routine, id=routine_id, name=name)


ROUTINES = [named(three_exercises(), "mixed", "Mixed"), named(two_sided(), "sides", "Both sides")]


def card(routine: Routine) -> RoutineCard:
    return routine_card(routine, 600.0)


def titles(rig: WindowRig) -> list[str]:
    chooser = rig.window.chooser
    return [str(chooser.list.item(row).data(TITLE_ROLE)) for row in range(chooser.list.count())]


def test_a_snapshot_is_shown_and_a_start_from_it_waits_for_the_content(rig: WindowRig) -> None:
    chooser = rig.window.chooser
    problem = "/home/me/routines/mine.toml: line 3: field 'reps': must be a whole number"
    rig.window.show_snapshot(Snapshot(tuple(card(r) for r in ROUTINES), (problem,)))
    assert titles(rig) == ["Mixed", "Both sides"]
    assert chooser.title_label.text() == "Mixed"
    assert chooser.exercises_label.text() == card(ROUTINES[0]).exercises
    assert chooser.message_label.isVisible() and problem in chooser.message_label.text()
    assert chooser.start_action.isEnabled()  # as it will be a moment later: no flicker
    assert chooser.snapshot() is None  # nothing to keep for the next start until the content is there
    chooser.list.setCurrentRow(1)
    rig.key(Qt.Key.Key_Return)  # before the content has come
    assert rig.window.current_page() is chooser
    rig.window.set_routines(ROUTINES)
    assert rig.window.current_page() is rig.view
    assert rig.window.windowTitle().startswith("Both sides")


def test_a_start_from_the_snapshot_of_a_routine_that_is_gone_is_dropped(rig: WindowRig) -> None:
    gone = RoutineCard("gone", "A routine deleted since", "", "About 5 minutes · 1 exercise", "", "1. Bridge")
    rig.window.show_snapshot(Snapshot((gone,), ()))
    rig.key(Qt.Key.Key_Return)
    rig.window.set_routines(ROUTINES)
    assert rig.window.current_page() is rig.window.chooser
    assert titles(rig) == ["Mixed", "Both sides"]


def test_the_content_replaces_the_snapshot_and_keeps_the_routine_chosen_meanwhile(rig: WindowRig) -> None:
    chooser = rig.window.chooser
    stale = RoutineCard("gone", "A routine deleted since", "", "About 5 minutes · 1 exercise", "", "1. Bridge")
    rig.window.show_snapshot(Snapshot((stale, *(card(r) for r in ROUTINES)), ("an old problem",)))
    chooser.list.setCurrentRow(2)  # "Both sides", chosen before the content arrived
    rig.window.set_routines(ROUTINES)
    assert titles(rig) == ["Mixed", "Both sides"]
    assert chooser.selected_routine() == ROUTINES[1]
    assert chooser.start_action.isEnabled()
    assert not chooser.message_label.isVisible()
    fresh = chooser.snapshot()
    assert fresh is not None and [c.id for c in fresh.cards] == ["mixed", "sides"] and fresh.problems == ()
    rig.key(Qt.Key.Key_Return)
    assert rig.window.current_page() is rig.view
    assert rig.window.windowTitle().startswith("Both sides")


def test_the_snapshot_follows_the_estimates(rig: WindowRig) -> None:
    rig.window.set_routines(ROUTINES)
    before = rig.window.chooser.snapshot()
    rig.change_session_settings(get_ready=30)
    after = rig.window.chooser.snapshot()
    assert before is not None and after is not None
    assert [c.summary for c in before.cards] != [c.summary for c in after.cards]
    assert rig.window.chooser.summary_label.text().startswith(after.cards[0].summary)


def test_a_card_says_what_the_chooser_shows(rig: WindowRig) -> None:
    routine = ROUTINES[1]
    made = routine_card(routine, 14 * 60)
    assert made.summary == "About 14 minutes · 1 exercise"
    assert made.equipment == "Needs: mat"
    assert made.exercises.splitlines()[0].startswith("1. ")
    rig.window.set_routines([routine])
    assert rig.window.chooser.exercises_label.text() == made.exercises


def test_the_preview_shows_a_routines_own_sides_and_holds_as_the_session_runs_them(
    rig: WindowRig, tmp_path: Path
) -> None:
    """The first routine of docs/routine-format.md: its overrides were invisible in the preview."""
    text = (REPO_ROOT / "docs" / "routine-format.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "painful-right-hip.toml"
    path.write_text(example, encoding="utf-8")
    routine = load_routine(path, load_catalogue())
    rig.window.set_routines([routine])
    assert rig.window.chooser.exercises_label.text().splitlines() == [
        "1. Leg Swings  (10 reps each leg)",
        "2. Hip Abductions  (8 reps each leg · 3-second hold · 2 sets)",
        "3. Clamshells  (6 reps · Right leg only)",
        "4. Clamshells  (10 reps · 2 sets · Left leg only)",
        "5. Bridge  (12 reps · 5-second hold · 2 sets)",
        "6. Knee-to-Chest Stretch  (Hold 20 seconds each side · 2 sets)",
    ]
    rig.key(Qt.Key.Key_Return)
    rig.key(Qt.Key.Key_X)  # the pain question
    for _ in range(3):  # past the leg swings, the hip abductions and the way down to the mat
        rig.key(Qt.Key.Key_Right)
    view = rig.view
    assert (view.name_label.text(), view.phase_label.text()) == ("Clamshells", "Get ready")
    assert view.counters_label.text() == "6 reps"
    assert view.side_label.text() == "Lie on your left side, right knee on top. This side only."


def test_each_problem_of_a_routine_file_is_its_own_line_and_a_long_list_is_cut(
    rig: WindowRig, tmp_path: Path, artifacts_dir: Path
) -> None:
    catalogue = load_catalogue()
    few = tmp_path / "evening.toml"
    few.write_text('[[exercise]]\nid = "brige"\n', encoding="utf-8")
    many = tmp_path / "morning.toml"
    many.write_text('name = "M"\n' + '[[exercise]]\nid = "brige"\n' * 6, encoding="utf-8")
    errors = []
    for path in (few, many):
        with pytest.raises(ContentError) as info:
            load_routine(path, catalogue)
        errors.append(info.value)
    rig.window.resize(1280, 800)
    rig.window.set_routines(ROUTINES, errors)
    lines = rig.window.chooser.message_label.text().splitlines()
    assert lines[1:] == [
        '• evening.toml: the routine\'s name is missing: add a line like name = "Evening stretch" at the top',
        "• evening.toml, line 2: 'brige' is not an exercise hipcoach knows; did you mean 'bridge'?",
        "• morning.toml, line 3: 'brige' is not an exercise hipcoach knows; did you mean 'bridge'?",
        "• morning.toml, line 5: 'brige' is not an exercise hipcoach knows; did you mean 'bridge'?",
        "• morning.toml, line 7: 'brige' is not an exercise hipcoach knows; did you mean 'bridge'?",
        "• ... and 3 more problems in the same file",
    ]
    rig.window.grab().save(str(artifacts_dir / "chooser-routine-problems.png"))


def test_a_routine_of_yours_without_a_warm_up_gets_a_gentle_note_and_still_starts(
    rig: WindowRig, tmp_path: Path, artifacts_dir: Path
) -> None:
    catalogue = load_catalogue()
    cold = tmp_path / "quick-bridges.toml"
    cold.write_text('name = "Quick bridges"\n[[exercise]]\nid = "bridge"\n', encoding="utf-8")
    warm = tmp_path / "warm-first.toml"
    warm.write_text('name = "Warm first"\n[[exercise]]\nid = "leg-swings"\n[[exercise]]\nid = "bridge"\n')
    routines = [load_routine(path, catalogue) for path in (cold, warm)]
    chooser = rig.window.chooser
    rig.window.resize(1280, 800)
    rig.window.set_routines(routines)
    assert chooser.title_label.text() == "Quick bridges"
    assert chooser.note_label.isVisible()
    assert chooser.note_label.text().startswith("This routine starts without a warm-up.")
    assert not chooser.message_label.isVisible()  # advice, not a problem with the file
    rig.window.grab().save(str(artifacts_dir / "chooser-no-warm-up-note.png"))
    chooser.list.setCurrentRow(1)
    assert not chooser.note_label.isVisible() and chooser.note_label.text() == ""
    snapshot = chooser.snapshot()  # the next start draws the same note before reading any file
    assert snapshot is not None and [bool(card.note) for card in snapshot.cards] == [True, False]
    chooser.list.setCurrentRow(0)
    rig.key(Qt.Key.Key_Return)  # never refused
    assert rig.window.current_page() is rig.view
    assert rig.window.windowTitle().startswith("Quick bridges")


@pytest.mark.parametrize("size", [(1024, 600), (960, 540)])  # a small screen; 1920x1080 at 200 %
def test_the_routines_description_is_never_squeezed_on_a_small_screen(rig: WindowRig, size: tuple[int, int]) -> None:
    """A wrapped description in a short window used to be cut through its lines; it scrolls with the exercises."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from hipcoach.core.content import builtin_routines, load_catalogue  # noqa: PLC0415
    from hipcoach.core.settings import TextSize  # noqa: PLC0415

    window = rig.window
    window.change_settings(text_size=TextSize.LARGER)  # big text makes the description wrap to several lines
    try:
        window.resize(*size)
        window.set_routines(builtin_routines(load_catalogue()))
        chooser = window.chooser
        for row in range(chooser.list.count()):
            chooser.list.setCurrentRow(row)
            for _ in range(3):
                QApplication.processEvents()
            label = chooser.description_label
            assert label.height() >= label.heightForWidth(label.width()), (row, size)
    finally:
        window.change_settings(text_size=TextSize.NORMAL)
