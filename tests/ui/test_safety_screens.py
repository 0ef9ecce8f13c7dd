"""The safety screens in the real window, offscreen: the first-run questions, the advice after a warning sign,
Settings → Safety, and the keyboard on each. The answers are saved to the real file in the test's data folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from hipcoach.core.model import Adaptation, Position
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign, answers_path, load_answers
from hipcoach.core.safety.precautions import Approach, Precaution
from hipcoach.core.settings import Settings
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.safety_pages import SafetyAdvicePage, SafetyQuestionsPage, SafetySettingsPage
from hipcoach.ui.session_controller import SessionController
from tests.factories import entry, exercise
from tests.ui.rig import MakeRig, three_exercises

TODAY = date(2026, 12, 3)
DEEP = Precaution.DEEP_BEND
FROM_THE_BACK = SafetyAnswers(
    answered=True,
    operation=Operation(hip=OperatedHip.LEFT, approach=Approach.BACK, on=date(2026, 11, 1)),
    answered_on=date(2026, 11, 20),
)

MakeWindow = Callable[..., tuple[MainWindow, list[Settings]]]


@pytest.fixture
def make_window(qtbot: QtBot) -> MakeWindow:
    """The real window, shown and active; its settings saves are recorded, its answers go to the real file."""

    def make(*, answers: SafetyAnswers | None = None, **settings: object) -> tuple[MainWindow, list[Settings]]:
        saved: list[Settings] = []
        values: dict[str, object] = {"first_run_notice_seen": True, **settings}
        window = MainWindow(
            SessionController(),
            Settings(**values),  # type: ignore[arg-type]
            save=saved.append,
            restore_geometry=False,
            speech_lead_in=False,
            safety_answers=answers,
            today=lambda: TODAY,
        )
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        return window, saved

    return make


def questions_page(window: MainWindow) -> SafetyQuestionsPage:
    page = window.current_page()
    assert isinstance(page, SafetyQuestionsPage), f"the questions are not on screen: {page}"
    return page


def saved_answers() -> SafetyAnswers:
    answers, problems = load_answers()
    assert problems == []
    return answers


# -- the first-run questions ------------------------------------------------------------------------------------------


def test_the_questions_come_after_the_health_notice_and_skip_changes_nothing(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window, saved = make_window(first_run_notice_seen=False)
    window.set_routines([three_exercises()])
    window.offer_safety_questions()
    assert window.current_page() is window.chooser, "asked before the health notice was read"
    qtbot.mouseClick(window.notice.got_it_button, Qt.MouseButton.LeftButton)
    page = questions_page(window)
    assert page.form.no_operation.hasFocus()
    qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.chooser
    assert window.safety_answers == SafetyAnswers()
    assert saved_answers() == SafetyAnswers()  # nothing written: never answered
    assert saved[-1].safety_questions_seen is True
    assert [window.chooser.list.item(row).text().split("\n")[0] for row in range(window.chooser.list.count())] == [
        three_exercises().name
    ]
    assert not window.chooser.safety_label.isVisible()


def test_once_answered_or_skipped_the_questions_are_not_asked_again(make_window: MakeWindow) -> None:
    window, _ = make_window(safety_questions_seen=True)
    window.offer_safety_questions()
    assert window.current_page() is window.chooser
    window, _ = make_window(answers=FROM_THE_BACK)
    window.offer_safety_questions()
    assert window.current_page() is window.chooser


def test_the_questions_are_not_asked_unless_the_app_offers_them(make_window: MakeWindow, qtbot: QtBot) -> None:
    """An unattended run or --start never calls offer_safety_questions: the notice's Got it alone asks nothing."""
    window, _ = make_window(first_run_notice_seen=False)
    qtbot.mouseClick(window.notice.got_it_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.chooser


def test_the_questions_never_replace_a_session(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, _ = make_window()
    window.set_routines([three_exercises()])
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.current_page() is window.session_view
    assert window.ask_safety_questions() is False
    window.offer_safety_questions()
    assert window.current_page() is window.session_view


def test_escape_skips_the_questions(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, saved = make_window()
    window.offer_safety_questions()
    page = questions_page(window)
    page.form.yes_operation.setChecked(True)
    qtbot.keyClick(page.form.yes_operation, Qt.Key.Key_Escape)
    assert window.current_page() is window.chooser
    assert window.safety_answers == SafetyAnswers()
    assert saved_answers() == SafetyAnswers()
    assert saved[-1].safety_questions_seen is True


def test_an_operation_needs_its_hip_and_approach_before_it_is_saved(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, _ = make_window()
    changes: list[SafetyAnswers] = []
    window.safety_answers_changed.connect(changes.append)
    window.offer_safety_questions()
    page = questions_page(window)
    form = page.form
    qtbot.mouseClick(form.yes_operation, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.problem_label.isVisible() and "which hip" in page.problem_label.text()
    assert form.hip_buttons[OperatedHip.LEFT].hasFocus()
    assert window.current_page() is page and changes == []
    form.hip_buttons[OperatedHip.RIGHT].setChecked(True)
    form.approach_buttons[Approach.BACK].setChecked(True)
    form.date.setDate(form.date.date().addDays(-33))  # 31 October 2026
    assert form.until_label.text().startswith("Hip precautions after your operation until 23 January: no bending")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    expected = SafetyAnswers(
        answered=True,
        operation=Operation(hip=OperatedHip.RIGHT, approach=Approach.BACK, on=date(2026, 10, 31)),
        answered_on=TODAY,
    )
    assert changes == [expected]
    assert saved_answers() == expected
    assert window.current_page() is window.chooser
    assert window.chooser.safety_label.isVisible()
    assert window.chooser.safety_label.text().startswith("Adapted for your hip operation until 23 January.")
    assert "Settings \N{RIGHTWARDS ARROW} Safety" in window.chooser.safety_label.text()


def test_the_banner_names_a_routine_the_precautions_leave_empty(make_window: MakeWindow) -> None:
    """The shipped catalogue always has a swap, so only a routine of one's own can lose every exercise."""
    window, _ = make_window(answers=FROM_THE_BACK)
    emptied = replace(three_exercises(), name="Deep stretches", entries=())
    window.show_safety_banner([emptied])
    assert window.chooser.safety_label.text().splitlines() == [
        "Adapted for your hip operation until 24 January. To change your answers: Settings \N{RIGHTWARDS ARROW}"
        " Safety.",
        "Deep stretches is not offered: the hip precautions after your operation rule out every exercise in it.",
    ]


def test_a_warning_sign_brings_the_advice_and_the_choice_of_the_gentle_routine(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window, _ = make_window()
    window.offer_safety_questions()
    page = questions_page(window)
    qtbot.mouseClick(page.form.signs[WarningSign.NIGHT_PAIN], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved_answers().warning_signs == {WarningSign.NIGHT_PAIN}
    advice = window.current_page()
    assert isinstance(advice, SafetyAdvicePage)
    assert advice.advice_label.text().startswith("What you told us needs a professional to check your hip")
    assert advice.gentle_button.hasFocus()
    qtbot.keyClick(advice.gentle_button, Qt.Key.Key_Return)
    assert window.current_page() is window.chooser
    assert window.chooser.safety_label.text().startswith("Only Gentle Mobility is offered")


def test_change_my_answers_opens_settings_at_the_safety_page(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, _ = make_window(answers=SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.FEVER})))
    assert window.show_safety_advice()
    advice = window.current_page()
    assert isinstance(advice, SafetyAdvicePage)
    qtbot.mouseClick(advice.change_button, Qt.MouseButton.LeftButton)
    dialog = window.settings_dialog
    assert dialog is not None and isinstance(dialog.current_page(), SafetySettingsPage)
    page = dialog.current_page()
    assert isinstance(page, SafetySettingsPage) and page.form.signs[WarningSign.FEVER].isChecked()
    dialog.reject()


def test_after_delete_all_my_data_the_answers_are_gone_and_the_questions_come_again(make_window: MakeWindow) -> None:
    window, _ = make_window(answers=FROM_THE_BACK, safety_questions_seen=True)
    window.show_safety_banner()
    changes: list[SafetyAnswers] = []
    window.safety_answers_changed.connect(changes.append)
    window.forget_user_data()
    assert changes == [SafetyAnswers()] and window.safety_answers == SafetyAnswers()
    assert not window.chooser.safety_label.isVisible()
    assert window.settings.safety_questions_seen is False


def test_answers_that_cannot_be_saved_still_apply_and_the_window_says_where(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _ = make_window()

    def disk_full(_answers: SafetyAnswers) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(window, "_save_answers", disk_full)
    window.set_safety_answers(FROM_THE_BACK)
    assert window.safety_answers == FROM_THE_BACK
    assert window.chooser.safety_label.isVisible()
    [notice] = window.notices.texts()
    assert notice.startswith(f"Your answers could not be saved in {answers_path()}: No space left on device.")


# -- Settings → Safety ------------------------------------------------------------------------------------------------


def open_safety_settings(window: MainWindow) -> tuple[SafetySettingsPage, QDialogButtonBox]:
    window.safety_entry.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    page = dialog.current_page()
    assert isinstance(page, SafetySettingsPage)
    return page, dialog.buttons


def test_settings_shows_the_answers_and_saves_a_change(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, _ = make_window(answers=FROM_THE_BACK)
    changes: list[SafetyAnswers] = []
    window.safety_answers_changed.connect(changes.append)
    page, buttons = open_safety_settings(window)
    form = page.form
    assert form.yes_operation.isChecked() and form.hip_buttons[OperatedHip.LEFT].isChecked()
    assert form.approach_buttons[Approach.BACK].isChecked()
    assert form.lifted.isVisible() and not form.lifted.isChecked()
    assert form.until_label.text() == (
        "Hip precautions after your operation until 24 January: no bending the hip past 90°, no crossing the leg"
        " over the middle of your body, no turning the leg inward."
    )
    qtbot.mouseClick(form.lifted, Qt.MouseButton.LeftButton)
    assert "lifted" in form.until_label.text()
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert FROM_THE_BACK.operation is not None
    lifted = Operation(hip=OperatedHip.LEFT, approach=Approach.BACK, on=date(2026, 11, 1), lifted=True)
    assert changes == [SafetyAnswers(answered=True, operation=lifted, answered_on=TODAY)]
    assert saved_answers() == changes[0]
    assert not window.chooser.safety_label.isVisible()  # lifted: the routines are as written


def test_settings_cancel_and_escape_change_nothing(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, _ = make_window(answers=FROM_THE_BACK)
    changes: list[SafetyAnswers] = []
    window.safety_answers_changed.connect(changes.append)
    for close in ("cancel", "escape"):
        page, buttons = open_safety_settings(window)
        page.form.no_operation.setChecked(True)
        page.form.signs[WarningSign.FALL].setChecked(True)
        if close == "cancel":
            qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(page.form.no_operation, Qt.Key.Key_Escape)
        assert window.settings_dialog is None or not window.settings_dialog.isVisible()
    assert changes == [] and window.safety_answers == FROM_THE_BACK
    assert saved_answers() == SafetyAnswers()  # the file was never written


def test_saving_another_settings_page_leaves_unanswered_questions_unanswered(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    window, _ = make_window()
    changes: list[SafetyAnswers] = []
    window.safety_answers_changed.connect(changes.append)
    dialog = window.open_settings("session")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert changes == [] and window.safety_answers == SafetyAnswers()


def test_settings_will_not_save_an_operation_without_its_hip(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, _ = make_window()
    page, buttons = open_safety_settings(window)
    page.form.yes_operation.setChecked(True)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible() and dialog.current_page() is page
    assert "which hip" in page.problem_label.text()
    assert window.safety_answers == SafetyAnswers()
    dialog.reject()


# -- the keyboard -----------------------------------------------------------------------------------------------------


def tab_through(start: QWidget, steps: int = 60) -> list[QWidget]:
    """The widgets Tab gives the focus to, from ``start`` until it comes back to it (the date takes a Tab for each
    of its day, month and year)."""
    seen: list[QWidget] = [start]
    start.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(steps):
        focused = QApplication.focusWidget()
        assert focused is not None
        QApplication.sendEvent(focused, _tab())
        focused = QApplication.focusWidget()
        if focused is start:
            return seen
        if focused is not None and focused not in seen:
            seen.append(focused)
    raise AssertionError(f"Tab never came back to {start}: {seen}")


def _tab() -> object:
    from PySide6.QtCore import QEvent  # noqa: PLC0415
    from PySide6.QtGui import QKeyEvent  # noqa: PLC0415

    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)


def test_tab_reaches_every_question_and_button_and_arrows_choose(make_window: MakeWindow, qtbot: QtBot) -> None:
    window, _ = make_window()
    window.offer_safety_questions()
    page = questions_page(window)
    form = page.form
    qtbot.keyClick(form.no_operation, Qt.Key.Key_Right)  # the arrows move within a question
    assert form.yes_operation.isChecked() and form.yes_operation.hasFocus()
    reached = tab_through(form.yes_operation)
    wanted: list[QWidget] = [
        form.yes_operation,
        form.hip_buttons[OperatedHip.LEFT],
        form.approach_buttons[Approach.BACK],
        form.date,
        *form.signs.values(),
        page.save_button,
        page.skip_button,
    ]
    focus_of = [w.focusProxy() or w for w in reached]
    for widget in wanted:
        assert any(widget is w or widget.isAncestorOf(w) for w in focus_of), f"Tab never reaches {widget}"
    form.hip_buttons[OperatedHip.LEFT].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(form.hip_buttons[OperatedHip.LEFT], Qt.Key.Key_Right)  # none chosen yet: the arrow moves,
    assert form.hip_buttons[OperatedHip.RIGHT].hasFocus()
    qtbot.keyClick(form.hip_buttons[OperatedHip.RIGHT], Qt.Key.Key_Space)  # Space chooses
    assert form.hip_buttons[OperatedHip.RIGHT].isChecked()
    qtbot.keyClick(form.signs[WarningSign.FALL], Qt.Key.Key_Space)
    assert form.signs[WarningSign.FALL].isChecked()


# -- the session and its summary ------------------------------------------------------------------------------------


def test_a_swapped_exercise_runs_under_its_own_name_and_the_summary_says_what_was_left_out(
    make_rig: MakeRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An adapted routine as the core makes it: Pigeon pose swapped for Leg raise, Knee to chest left out."""
    pigeon, knee = exercise("pigeon-pose"), exercise("knee-to-chest")
    written = three_exercises()
    adapted = replace(
        written,
        entries=(entry(exercise("leg-raise", position=Position.STANDING)), *written.entries[1:]),
        adaptations=(
            Adaptation(entry_index=0, exercise=pigeon, replacement=written.entries[0].exercise, broken=(DEEP,)),
            Adaptation(entry_index=3, exercise=knee, replacement=None, broken=(DEEP,)),
        ),
        precautions=frozenset({DEEP}),
    )
    rig = make_rig()
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: True)
    rig.start(adapted)
    assert rig.view.name_label.text() == "Leg raise"
    rig.key(Qt.Key.Key_Escape)
    details = rig.window.summary_view.result_lines()
    assert details[-1] == "Left out for your hip (1): Knee to chest"
    assert not any("Pigeon" in line for line in details)


def test_the_questions_can_be_answered_with_the_keyboard_alone(make_window: MakeWindow) -> None:
    """Right for Yes; Tab, Space for the left hip; Tab, Space for "from the back"; Tab through the date; Tab to
    Save my answers and Enter."""
    window, _ = make_window()
    window.offer_safety_questions()
    page = questions_page(window)

    def press(key: Qt.Key) -> None:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, key)

    press(Qt.Key.Key_Right)
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Space, Qt.Key.Key_Tab, Qt.Key.Key_Space):
        press(key)
    for _ in range(20):
        if QApplication.focusWidget() is page.save_button:
            break
        press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Return)
    assert window.current_page() is window.chooser
    operation = saved_answers().operation
    assert operation == Operation(hip=OperatedHip.LEFT, approach=Approach.BACK, on=TODAY)
