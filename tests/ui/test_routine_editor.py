"""The routine editor page as a person uses it, offscreen with real widgets and real files: adding from the
catalogue, removing, moving by keys and by a drop, the format's limits while typing, the article's range, saving
what loads back, and the questions about unsaved changes and a file changed on disk (answered through their
buttons)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.content.catalogue import with_variants
from hipcoach.core.content.routines import load_routine
from hipcoach.core.model import Exercise, Level, Position, Routine, Side
from hipcoach.core.routine_edit.draft import DraftEntry, RoutineDraft, draft_of, duplicate, new_draft, routine_of
from hipcoach.ui.routine_editor import RoutineEditorPage
from hipcoach.ui.routine_editor_list import ROW_MIME

NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Exercise]:
    return load_catalogue()


@pytest.fixture(scope="module")
def exercises(catalogue: dict[str, Exercise]) -> dict[str, Exercise]:
    return with_variants(catalogue)


@pytest.fixture(scope="module")
def builtins(catalogue: dict[str, Exercise]) -> list[Routine]:
    return builtin_routines(catalogue)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "routines"


@pytest.fixture
def page(qtbot: QtBot, exercises: dict[str, Exercise], builtins: list[Routine], folder: Path) -> RoutineEditorPage:
    editor = RoutineEditorPage(exercises, folder, lambda: [routine.id for routine in builtins])
    qtbot.addWidget(editor)
    editor.resize(1280, 800)
    with qtbot.waitExposed(editor):
        editor.show()
    with qtbot.waitActive(editor):
        editor.activateWindow()
    return editor


def three(exercises: dict[str, Exercise]) -> RoutineDraft:
    """Standing, on the floor, standing: two trips down where one would do."""
    assert exercises["clamshells"].position.on_floor
    entries = (DraftEntry("leg-swings"), DraftEntry("clamshells"), DraftEntry("hip-abductions"))
    return RoutineDraft(id="", name="Three", description="", entries=entries)


def ids(page: RoutineEditorPage) -> list[str]:
    return [entry.exercise_id for entry in page.draft().entries]


def key(page: RoutineEditorPage, qtbot: QtBot, sequence: str) -> None:
    """Press a key combination where the focus is, as the keyboard does."""
    from PySide6.QtGui import QKeySequence  # noqa: PLC0415

    combination = QKeySequence(sequence)[0]
    target = QApplication.focusWidget() or page
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


@pytest.fixture
def answer(qtbot: QtBot) -> Iterator[Callable[[str], list[str]]]:
    """``answer("Discard")``: the next box that opens is answered with the button whose text starts so; the list it
    returns gets the texts of the boxes that opened (none opened: the list stays empty)."""
    seen: list[str] = []
    armed: list[bool] = []

    def click(button_text: str) -> None:
        box = QApplication.activeModalWidget()
        if not armed:
            return
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, lambda: click(button_text))
            return
        seen.append(f"{box.text()} {box.informativeText()}")
        chosen = [b for b in box.buttons() if b.text().replace("&", "").startswith(button_text)]
        if not chosen:
            box.reject()
        assert chosen, [b.text() for b in box.buttons()]
        armed.clear()
        chosen[0].click()

    def arm(button_text: str) -> list[str]:
        armed.append(True)
        QTimer.singleShot(0, lambda: click(button_text))
        return seen

    yield arm
    armed.clear()  # a box that never opened: stop looking for it


# -- the list -----------------------------------------------------------------------------------------------------


def test_enter_in_the_catalogue_adds_after_the_chosen_entry_filtered_by_position(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise]
) -> None:
    page.open_draft(three(exercises))
    page.ui.view.setCurrentIndex(page.ui.model.index(0, 0))
    key(page, qtbot, "Ins")
    picker = page.ui.picker
    assert page.ui.tabs.currentWidget() is picker
    picker.position.setCurrentIndex(picker.position.findData(Position.BACK.value))
    shown = picker.shown_ids()
    assert shown and all(exercises[i].position is Position.BACK for i in shown)
    assert picker.list.hasFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert ids(page) == ["leg-swings", shown[0], "clamshells", "hip-abductions"]
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert ids(page) == ["leg-swings", shown[0], shown[1], "clamshells", "hip-abductions"]
    assert page.ui.model.rowCount() == 5
    assert page.ui.view.currentIndex().row() == 2


def test_the_catalogue_filters_by_equipment_and_says_when_nothing_fits(page: RoutineEditorPage) -> None:
    page.ui.show_catalogue()
    picker = page.ui.picker
    picker.equipment.setCurrentIndex(picker.equipment.findText("No equipment"))
    assert picker.shown_ids()
    assert not picker.empty_label.isVisible()
    picker.position.setCurrentIndex(picker.position.findData(Position.MACHINE.value))
    assert picker.shown_ids() == []
    assert picker.empty_label.isVisible()
    assert not picker.add_action.isEnabled()


def test_delete_removes_the_chosen_entry_and_undo_brings_it_back(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise]
) -> None:
    page.open_draft(three(exercises))
    page.ui.view.setFocus()
    page.ui.view.setCurrentIndex(page.ui.model.index(1, 0))
    qtbot.keyClick(page.ui.view, Qt.Key.Key_Delete)
    assert ids(page) == ["leg-swings", "hip-abductions"]
    key(page, qtbot, "Ctrl+Z")
    assert ids(page) == ["leg-swings", "clamshells", "hip-abductions"]
    assert page.ui.view.currentIndex().row() == 1


def test_alt_up_and_alt_down_move_the_chosen_entry(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise]
) -> None:
    page.open_draft(three(exercises))
    page.ui.view.setFocus()
    page.ui.view.setCurrentIndex(page.ui.model.index(0, 0))
    key(page, qtbot, "Alt+Down")
    assert ids(page) == ["clamshells", "leg-swings", "hip-abductions"]
    key(page, qtbot, "Alt+Down")
    assert ids(page) == ["clamshells", "hip-abductions", "leg-swings"]
    assert page.ui.view.currentIndex().row() == 2
    key(page, qtbot, "Alt+Down")  # already last: nothing moves
    assert ids(page) == ["clamshells", "hip-abductions", "leg-swings"]
    key(page, qtbot, "Alt+Up")
    assert ids(page) == ["clamshells", "leg-swings", "hip-abductions"]


def test_a_row_dropped_on_the_list_moves_there(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise]
) -> None:
    """A drop event delivered to the list's viewport, as the drag ends over it (a synthetic drag cannot run
    offscreen: QDrag.exec waits for a real pointer), so the view's own drop position and the model both work."""
    page.open_draft(three(exercises))
    view = page.ui.view
    data = view.model().mimeData([view.model().index(0, 0)])
    assert data.hasFormat(ROW_MIME)
    last = view.visualRect(view.model().index(2, 0))
    below_last = QPointF(last.center().x(), last.bottom() - 2)  # the lower edge of the last row: after it
    for kind in (QDragEnterEvent, QDragMoveEvent):  # the drag comes over the list, then to the place
        over = kind(below_last.toPoint(), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, NO_KEYS)
        QApplication.sendEvent(view.viewport(), over)
        assert over.isAccepted()
    drop = QDropEvent(below_last, Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, NO_KEYS)
    QApplication.sendEvent(view.viewport(), drop)
    assert ids(page) == ["clamshells", "hip-abductions", "leg-swings"]
    assert page.ui.model.rowCount() == 3  # moved, neither doubled nor lost
    assert page.undo_stack.count() == 1


def test_a_drop_of_something_else_changes_nothing(page: RoutineEditorPage, exercises: dict[str, Exercise]) -> None:
    page.open_draft(three(exercises))
    data = QMimeData()
    data.setText("leg-swings")
    assert not page.ui.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, page.ui.model.index(-1, 0))
    assert ids(page) == ["leg-swings", "clamshells", "hip-abductions"]


# -- the chosen entry ---------------------------------------------------------------------------------------------


def test_typing_500_reps_is_refused_past_the_format_limit_and_is_one_undo_step(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise]
) -> None:
    page.open_draft(three(exercises))
    reps = page.ui.form.spins["reps"]
    reps.setFocus()
    reps.selectAll()
    qtbot.keyClicks(reps, "500")
    assert reps.value() <= 100
    assert page.draft().entries[0].reps == 50
    key(page, qtbot, "Ctrl+Z")
    assert page.draft().entries[0].reps is None
    assert reps.value() == exercises["leg-swings"].dose.reps.value  # type: ignore[union-attr]


def test_a_dose_outside_the_articles_range_gets_a_note_once_the_field_is_left(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise]
) -> None:
    page.open_draft(three(exercises))
    form = page.ui.form
    low, high = 10, 12
    assert form.articles["reps"].text() == f"article: {low}\u2013{high}"
    reps = form.spins["reps"]
    reps.setFocus()
    reps.selectAll()
    qtbot.keyClicks(reps, "20")
    assert not form.notes["reps"].isVisible()  # not while typing
    page.ui.name.setFocus()  # leaving the field
    assert form.notes["reps"].isVisible()
    assert "more than the article's 10\u201312" in form.notes["reps"].text()
    assert page.draft().entries[0].reps == 20  # a note, not a refusal


def test_the_form_shows_only_what_the_exercise_takes(page: RoutineEditorPage, exercises: dict[str, Exercise]) -> None:
    page.open_draft(RoutineDraft(id="", name="B", description="", entries=(DraftEntry("bridge"),)))
    form = page.ui.form
    assert not exercises["bridge"].per_side
    assert not form.first_side.isVisible() and not form.only_side.isVisible()
    assert form.spins["reps"].isVisible() and not form.spins["minutes"].isVisible()
    levels = [Level(form.version.itemData(i)) for i in range(form.version.count())]
    assert levels == [Level.EASIER, Level.BASE, Level.HARDER]


# -- undo and redo ------------------------------------------------------------------------------------------------


def _choose(combo_name: str, data: object) -> Callable[[RoutineEditorPage, QtBot], None]:
    def change(page: RoutineEditorPage, _qtbot: QtBot) -> None:
        combo = getattr(page.ui.form, combo_name)
        combo.setCurrentIndex(combo.findData(getattr(data, "value", data)))
        combo.activated.emit(combo.currentIndex())

    return change


def _type_into(widget_name: str, text: str) -> Callable[[RoutineEditorPage, QtBot], None]:
    def change(page: RoutineEditorPage, qtbot: QtBot) -> None:
        widget = getattr(page.ui, widget_name)
        widget.setFocus()
        widget.selectAll()
        qtbot.keyClicks(widget, text)

    return change


CHANGES: dict[str, Callable[[RoutineEditorPage, QtBot], None]] = {
    "name": _type_into("name", "Morning"),
    "description": _type_into("description", "Before work"),
    "rest between sets": _type_into("rest_sets", "45"),
    "rest between exercises": _type_into("rest_exercises", "30"),
    "sets": lambda page, qtbot: (
        page.ui.form.spins["sets"].selectAll(),
        qtbot.keyClicks(page.ui.form.spins["sets"], "3"),
    ),
    "first side": _choose("first_side", Side.RIGHT),
    "one side only": _choose("only_side", Side.LEFT),
    "version": _choose("version", Level.EASIER),
    "pin": lambda page, _qtbot: page.ui.form.pin.click(),
    "add": lambda page, _qtbot: page.add_exercise("bridge"),
    "remove": lambda page, _qtbot: page.ui.remove_action.trigger(),
    "move": lambda page, _qtbot: page.ui.down_action.trigger(),
    "spare the floor": lambda page, _qtbot: page.ui.summary.spare_button.click(),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_change_is_one_undo_step_and_redo_does_it_again(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise], change: str
) -> None:
    down_twice = three(exercises)
    page.open_draft(replace(down_twice, entries=(*down_twice.entries, DraftEntry("bridge"))))
    page.ui.view.setCurrentIndex(page.ui.model.index(1, 0))  # the clamshells: per side, with versions
    original = page.draft()
    CHANGES[change](page, qtbot)
    changed = page.draft()
    assert changed != original
    assert page.undo_stack.count() == 1, [page.undo_stack.text(i) for i in range(page.undo_stack.count())]
    assert not page.undo_stack.isClean()
    key(page, qtbot, "Ctrl+Z")
    assert page.draft() == original
    assert page.undo_stack.isClean()
    key(page, qtbot, "Ctrl+Shift+Z")
    assert page.draft() == changed
    key(page, qtbot, "Ctrl+Z")
    key(page, qtbot, "Ctrl+Y")
    assert page.draft() == changed


def test_the_floor_warning_and_its_one_click_order(page: RoutineEditorPage, exercises: dict[str, Exercise]) -> None:
    draft = RoutineDraft(
        id="",
        name="Down twice",
        description="",
        entries=(DraftEntry("clamshells"), DraftEntry("leg-swings"), DraftEntry("bridge")),
    )
    page.open_draft(draft)
    summary = page.ui.summary
    assert summary.floor_label.text() == "Down to the floor 2 times"
    assert summary.spare_button.isVisible() and summary.warning_label.isVisible()
    summary.spare_button.click()
    assert ids(page) == ["clamshells", "bridge", "leg-swings"]
    assert summary.floor_label.text() == "Down to the floor once"
    assert not summary.spare_button.isVisible()


# -- saving and leaving -------------------------------------------------------------------------------------------


def test_save_writes_a_file_that_loads_to_the_routine_shown(
    page: RoutineEditorPage, qtbot: QtBot, exercises: dict[str, Exercise], catalogue: dict[str, Exercise], folder: Path
) -> None:
    page.open_draft(new_draft())
    assert not page.has_unsaved_changes()
    for exercise_id in ("leg-swings", "clamshells"):
        page.add_exercise(exercise_id)
    _choose("version", Level.HARDER)(page, qtbot)
    _choose("only_side", Side.RIGHT)(page, qtbot)
    page.ui.form.pin.click()
    with qtbot.waitSignal(page.saved) as saved:
        key(page, qtbot, "Ctrl+S")
    path = Path(saved.args[0])
    assert path.parent == folder
    assert not page.has_unsaved_changes()
    assert page.draft().source == path and page.draft().id == path.stem
    assert load_routine(path, exercises) == routine_of(page.draft(), exercises)
    page.ui.rest_sets.setValue(40)  # a second save writes the same file, not a new one
    assert page.save()
    assert sorted(folder.iterdir()) == [path]
    assert load_routine(path, catalogue, lambda: exercises).rest_between_sets == 40


def test_a_save_that_fails_says_so_naming_the_file_and_the_page_keeps_the_draft(
    page: RoutineEditorPage, exercises: dict[str, Exercise], folder: Path, answer: Callable[[str], list[str]]
) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be")
    page.open_draft(three(exercises))
    seen = answer("OK")
    assert not page.save()
    assert len(seen) == 1 and str(folder) in seen[0]
    assert page.draft().entries == three(exercises).entries
    assert page.has_unsaved_changes()


def test_a_built_in_routine_is_never_saved_over(
    page: RoutineEditorPage, builtins: list[Routine], exercises: dict[str, Exercise], answer: Callable[[str], list[str]]
) -> None:
    draft = draft_of(builtins[0], exercises)
    assert draft.builtin
    page.open_draft(draft)
    page.ui.rest_sets.setValue(page.ui.rest_sets.value() + 5)
    seen = answer("OK")
    assert not page.save()
    assert seen and "cannot be changed" in seen[0]


@pytest.mark.parametrize(
    ("button", "closes", "saves"), [("Keep editing", False, False), ("Discard", True, False), ("Save", True, True)]
)
def test_leaving_with_changes_asks_save_discard_or_keep_editing(
    page: RoutineEditorPage,
    qtbot: QtBot,
    exercises: dict[str, Exercise],
    answer: Callable[[str], list[str]],
    folder: Path,
    button: str,
    closes: bool,
    saves: bool,
) -> None:
    page.open_draft(three(exercises))
    assert page.has_unsaved_changes()  # a routine never saved: leaving would lose it
    closed: list[bool] = []
    page.closed.connect(lambda: closed.append(True))
    seen = answer(button)
    key(page, qtbot, "Esc")
    assert len(seen) == 1 and "Save the changes to Three?" in seen[0]
    assert closed == ([True] if closes else [])
    assert any(folder.glob("*.toml")) is saves


def test_leaving_without_changes_asks_nothing(page: RoutineEditorPage) -> None:
    page.open_draft(new_draft())
    assert page.ask_to_leave()  # a box would wait for an answer here


@pytest.fixture
def saved_page(page: RoutineEditorPage, exercises: dict[str, Exercise]) -> tuple[RoutineEditorPage, Path]:
    page.open_draft(three(exercises))
    assert page.save()
    source = page.draft().source
    assert source is not None
    return page, source


def test_a_file_changed_on_disk_is_warned_about_once_and_theirs_can_be_loaded(
    saved_page: tuple[RoutineEditorPage, Path], answer: Callable[[str], list[str]]
) -> None:
    page, path = saved_page
    page.check_file_on_disk()  # unchanged: no question (a box would block this test)
    path.write_text(path.read_text(encoding="utf-8").replace('name = "Three"', 'name = "Three, changed"'))
    seen = answer("Load theirs")
    page.check_file_on_disk()
    assert len(seen) == 1 and "was changed outside hipcoach" in seen[0] and str(path) in seen[0]
    assert page.draft().name == "Three, changed"
    assert not page.has_unsaved_changes()


def test_keeping_my_version_warns_once_and_save_then_writes_it(
    saved_page: tuple[RoutineEditorPage, Path], exercises: dict[str, Exercise], answer: Callable[[str], list[str]]
) -> None:
    page, path = saved_page
    path.write_text(path.read_text(encoding="utf-8").replace('name = "Three"', 'name = "Theirs"'))
    seen = answer("Keep my version")
    page.check_file_on_disk()
    assert len(seen) == 1
    assert page.has_unsaved_changes()
    page.check_file_on_disk()  # the same change again: not asked twice
    assert page.save()  # nor on Save
    assert len(seen) == 1
    assert load_routine(path, exercises).name == "Three"


def test_a_change_on_disk_found_at_save_asks_first(
    saved_page: tuple[RoutineEditorPage, Path], exercises: dict[str, Exercise], answer: Callable[[str], list[str]]
) -> None:
    page, path = saved_page
    page.ui.rest_sets.setValue(50)
    path.write_text(path.read_text(encoding="utf-8").replace('name = "Three"', 'name = "Theirs"'))
    seen = answer("Load theirs")
    assert not page.save()
    assert len(seen) == 1
    assert page.draft().name == "Theirs"
    assert load_routine(path, exercises).name == "Theirs"


def test_a_duplicate_of_a_built_in_saves_as_a_new_file(
    page: RoutineEditorPage, builtins: list[Routine], exercises: dict[str, Exercise], folder: Path
) -> None:
    original = builtins[0]
    page.open_draft(duplicate(draft_of(original, exercises), [r.name for r in builtins]))
    assert page.save()
    path = page.draft().source
    assert path is not None and path.parent == folder and path.stem != original.id
    loaded = load_routine(path, exercises)
    assert [e.exercise.id for e in loaded.entries] == [e.exercise.id for e in original.entries]
    assert [e.dose for e in loaded.entries] == [e.dose for e in original.entries]
