"""The window around the session: chooser, summary, menus, settings, health notice, screen saver, geometry."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hipcoach.core import paths
from hipcoach.core.advice import NOTICE_TEXT
from hipcoach.core.content import ContentError
from hipcoach.core.plan import build_plan
from hipcoach.core.session_state import State
from hipcoach.core.settings import Settings
from hipcoach.core.verbosity import Verbosity
from hipcoach.ui.main_window import GEOMETRY_FILE, MainWindow
from hipcoach.ui.session_controller import SessionController
from hipcoach.ui.settings_dialog import SessionPage
from hipcoach.ui.window_session import INHIBIT_REASON
from tests.ui.rig import MakeRig, WindowRig, three_exercises, two_sided


def full_run(rig: WindowRig) -> float:
    """How long three_exercises() takes with the window's timing (get-readies long enough for their cues)."""
    return build_plan(three_exercises(), rig.window.plan_options()).total_seconds


TO_HOLD_SECONDS = 5 + 6 + 6 + 5


def two_routines() -> list:  # type: ignore[type-arg]
    first = dataclasses.replace(three_exercises(), id="three", name="Three of a kind")
    second = dataclasses.replace(two_sided(), id="sides", name="Both sides")
    return [first, second]


def test_chooser_lists_routines_with_length_exercises_and_equipment(rig: WindowRig) -> None:
    rig.window.set_routines(two_routines())
    chooser = rig.window.chooser
    assert chooser.list.count() == 2
    item = chooser.list.item(0)
    assert item is not None
    assert item.text() == "Three of a kind\nAbout 11 minutes · 3 exercises\nNeeds: mat"
    assert chooser.title_label.text() == "Three of a kind"
    assert chooser.summary_label.text() == "About 11 minutes · 3 exercises · Needs: mat"
    assert chooser.exercises_label.text() == (
        "1. Leg raise  (3 reps)\n2. Stretch  (Hold 30 seconds)\n3. Bike  (10 minutes)"
    )
    chooser.list.setCurrentRow(1)
    assert chooser.title_label.text() == "Both sides"
    assert chooser.exercises_label.text() == "1. Side kick  (3 reps each side · 2 sets)"
    assert not chooser.message_label.isVisible()


def test_enter_starts_the_selected_routine(rig: WindowRig) -> None:
    rig.window.set_routines(two_routines())
    rig.window.chooser.list.setCurrentRow(1)
    rig.key(Qt.Key.Key_Return)
    assert rig.window.current_page() is rig.view
    assert rig.view.name_label.text() == "Side kick"
    assert rig.window.windowTitle() == "Both sides \u2013 hipcoach"
    assert not rig.window.chooser.start_action.isEnabled()


def test_the_start_button_starts_the_selected_routine(rig: WindowRig, qtbot: QtBot) -> None:
    rig.window.set_routines(two_routines())
    qtbot.mouseClick(rig.window.chooser.start_button, Qt.MouseButton.LeftButton)
    assert rig.window.current_page() is rig.view
    assert rig.view.name_label.text() == "Leg raise"
    assert rig.state is State.WAITING  # for the pain question
    assert rig.view.pain_before.isVisible()


def test_user_routine_errors_are_listed_above_the_routines_without_blocking(rig: WindowRig) -> None:
    error = ContentError(Path("/home/me/routines/my-routine.toml"), "reps must be from 1 to 50", line=4, field="reps")
    rig.window.set_routines(two_routines(), [error])
    label = rig.window.chooser.message_label
    assert label.isVisible()
    assert "my-routine.toml, line 4: reps must be from 1 to 50" in label.text()
    rig.key(Qt.Key.Key_Return)
    assert rig.window.current_page() is rig.view


def test_summary_of_a_complete_session_and_back_to_routines(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.run(full_run(rig), step=1)
    summary = rig.window.summary_view
    assert rig.window.current_page() is summary
    assert summary.title_label.text() == "Well done. Routine complete."
    assert summary.routine_label.text() == "Test routine"
    assert summary.counts_label.text() == "3 done · 0 partly done · 0 skipped"
    assert summary.result_lines() == [
        "Leg raise: 3 of 3 reps. Done.",
        "Stretch: 30 s of 30 s. Done.",
        "Bike: 10 min of 10 min. Done.",
    ]
    assert summary.time_label.text() == "Time taken: 11:13\n11 minutes exercising"
    rig.key(Qt.Key.Key_Escape)
    assert rig.window.current_page() is rig.window.chooser
    rig.key(Qt.Key.Key_Return)
    assert rig.window.current_page() is rig.view


def test_summary_counts_skipped_and_partial_exercises(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.key(Qt.Key.Key_Right)  # leg raise skipped
    rig.run(5 + 10)  # ten seconds of the stretch
    rig.key(Qt.Key.Key_Right)  # stretch partly done
    rig.run(15 + 600, step=1)  # the whole bike block
    summary = rig.window.summary_view
    assert summary.title_label.text() == "Well done. Routine complete."
    assert summary.counts_label.text() == "1 done · 1 partly done · 1 skipped"
    assert summary.result_lines() == [
        "Leg raise: 0 of 3 reps. Skipped.",
        "Stretch: 10 s of 30 s. Partly done.",
        "Bike: 10 min of 10 min. Done.",
    ]


def test_summary_lists_the_earlier_attempt_of_a_repeated_exercise(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.key(Qt.Key.Key_Right)  # leg raise skipped: the stretch's get-ready
    rig.key(Qt.Key.Key_Left)  # straight back: the leg raise again, this time done
    rig.run(full_run(rig), step=1)
    summary = rig.window.summary_view
    assert summary.counts_label.text() == "3 done · 0 partly done · 0 skipped · 1 earlier attempt"
    assert summary.result_lines()[0] == "Leg raise: 3 of 3 reps. Done. Earlier attempt: 0 of 3 reps (skipped)."


def test_a_sped_up_run_says_it_is_a_trial_in_the_session_and_the_summary(make_rig: MakeRig) -> None:
    rig = make_rig(time_scale=10)
    rig.start(three_exercises())
    assert rig.window.windowTitle() == "Test routine (trial run, 10 times faster) \u2013 hipcoach"
    assert rig.view.progress.format() == "Exercise 1 of 3  ·  trial run, 10 times faster: not counted"
    rig.run(full_run(rig) / 10 + 0.1, step=0.1)
    summary = rig.window.summary_view
    assert summary.title_label.text() == "Trial run complete"
    assert summary.time_label.text() == (
        "Time taken: 1:07\n11 minutes exercising\n"
        "Trial run, sped up 10 times (11:13 of session time): kept, but not counted in your statistics"
    )


def test_screen_saver_is_held_only_while_the_session_runs(rig: WindowRig, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(rig.view, "ask_to_stop", lambda: True)
    rig.start(three_exercises())
    assert rig.inhibitor.calls == [f"inhibit: {INHIBIT_REASON}"]
    rig.key(Qt.Key.Key_Space)
    assert not rig.inhibitor.held
    rig.key(Qt.Key.Key_Space)
    assert rig.inhibitor.held
    rig.key(Qt.Key.Key_Escape)
    assert not rig.inhibitor.held
    assert rig.inhibitor.calls[-1] == "release"


def test_closing_the_window_stops_the_session_and_releases_the_screen_saver(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.window.close()
    assert rig.state is State.STOPPED
    assert not rig.inhibitor.held


def test_f11_toggles_full_screen(rig: WindowRig, qtbot: QtBot) -> None:
    rig.start(three_exercises())
    rig.key(Qt.Key.Key_F11)
    qtbot.waitUntil(rig.window.isFullScreen)
    rig.key(Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not rig.window.isFullScreen())
    assert rig.state is State.RUNNING


def test_get_ready_setting_is_saved_and_changes_estimates_and_the_next_session(rig: WindowRig) -> None:
    rig.window.set_routines([three_exercises()])
    rig.change_session_settings(get_ready=30)
    assert rig.saved[-1].get_ready_seconds == 30
    assert rig.window.chooser.summary_label.text().startswith("About 12 minutes")
    rig.key(Qt.Key.Key_Return)
    assert rig.view.countdown.text() == "30"


def test_wait_for_me_setting_is_saved_and_used_by_the_next_session(rig: WindowRig) -> None:
    rig.change_session_settings(wait_for_me=True)
    assert rig.saved[-1].wait_for_me is True
    rig.start(three_exercises())
    assert rig.state is State.WAITING


def test_health_notice_shows_until_got_it_and_is_remembered(make_rig: MakeRig, qtbot: QtBot) -> None:
    rig = make_rig(first_run_notice_seen=False)
    notice = rig.window.notice
    assert notice.isVisible()
    assert "Stop any exercise that causes sharp pain" in notice.text_label.text()
    qtbot.mouseClick(notice.got_it_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    assert rig.saved[-1].first_run_notice_seen is True


def test_health_notice_is_not_shown_when_unattended(make_rig: MakeRig) -> None:
    rig = make_rig(first_run_notice_seen=False, quit_when_done=True)
    assert not rig.window.notice.isVisible()


def test_help_shows_the_health_notice_again_without_blocking(rig: WindowRig, qtbot: QtBot) -> None:
    rig.window.notice_action.trigger()
    boxes = [box for box in rig.window.findChildren(QMessageBox) if box.isVisible()]
    assert [box.text() for box in boxes] == [NOTICE_TEXT]
    assert not boxes[0].isModal()
    rig.start(three_exercises())  # the session can start while it is open
    assert rig.state is State.RUNNING


def test_keyboard_shortcuts_are_listed_from_the_actions(rig: WindowRig) -> None:
    text = rig.window.shortcuts_text()
    assert "Space: Pause the session" in text
    assert "Left or P: Restart this exercise; in the first 3 seconds of one it goes back one instead" in text
    assert "F11: Full screen on or off" in text
    assert "S: Sharp pain: stop this exercise now" in text
    assert "0 to 9, or T for 10: your pain" in text
    assert "After Sharp pain: Space" in text


def test_the_session_pages_are_built_after_the_chooser_once_and_join_the_menu(qtbot: QtBot) -> None:
    """Only the chooser is built with the window (it is all the first frame shows); the session and summary pages
    come once, with their actions between Start and History in the Session menu and their keys on the window."""
    window = MainWindow(SessionController(), Settings(first_run_notice_seen=True), save=lambda _s: None)
    qtbot.addWidget(window)
    assert window.pages.count() == 1
    before = [action.text() for action in window.session_menu.actions()]
    assert before == ["Start", "", "History", "Full screen", "", "Quit"]
    window.build_session_pages()
    window.build_session_pages()
    assert window.pages.count() == 3
    after = [action.text() for action in window.session_menu.actions()]
    session_actions = [action.text() for action in window.session_view.session_actions()]
    assert after == ["Start", "", *session_actions, "", "Back to routines", "History", "Full screen", "", "Quit"]
    assert set(window.session_view.session_actions()) <= set(window.actions())
    assert window.summary_view.back_action in window.actions()
    assert all(not action.isEnabled() for action in window.session_view.session_actions())  # on the chooser


def test_window_geometry_is_remembered_in_the_config_folder(qtbot: QtBot, hipcoach_data_dir: Path) -> None:
    def window() -> MainWindow:
        made = MainWindow(SessionController(), Settings(first_run_notice_seen=True), save=lambda _s: None)
        qtbot.addWidget(made)
        return made

    first = window()
    first.resize(700, 500)
    first.close()
    assert (paths.config_dir() / GEOMETRY_FILE).is_file()
    assert paths.config_dir().is_relative_to(hipcoach_data_dir)
    second = window()
    assert (second.width(), second.height()) == (700, 500)


def test_settings_that_fell_back_to_defaults_are_listed_above_the_routines(rig: WindowRig) -> None:
    warning = "/home/me/.config/hipcoach/settings.json: 'get_ready_seconds' must be from 3 to 30 (got 60); using 30"
    rig.window.chooser.set_routines([three_exercises()], settings_warnings=[warning])
    label = rig.window.chooser.message_label
    assert label.isVisible()
    assert label.text() == f"Some of your settings could not be used, so their defaults apply:\n• {warning}"
    rig.window.chooser.set_routines([three_exercises()])
    assert not label.isVisible()


def test_changing_a_setting_during_a_session_keeps_enter_meaning_done(rig: WindowRig) -> None:
    rig.start(three_exercises())
    rig.change_session_settings(get_ready=10)  # re-estimates every routine in the hidden chooser
    assert not rig.window.chooser.start_action.isEnabled()
    rig.run(TO_HOLD_SECONDS + 2)
    rig.key(Qt.Key.Key_Return)
    assert rig.view.phase_label.text() == "Rest"


def test_get_readies_are_long_enough_for_what_is_said_in_them(qtbot: QtBot) -> None:
    controller = SessionController()
    window = MainWindow(controller, Settings(first_run_notice_seen=True), save=lambda _s: None)
    qtbot.addWidget(window)
    plain = build_plan(three_exercises(), Settings().plan_options())
    window.set_speech(Verbosity.COACH, 160)
    coached = build_plan(three_exercises(), window.plan_options())
    pairs = zip(plain.phases, coached.phases, strict=True)
    ready = [(p.duration, q.duration) for p, q in pairs if p.kind.value == "get-ready"]
    assert all(long >= short for short, long in ready)
    assert any(long > short for short, long in ready)
    assert controller.verbosity is Verbosity.COACH


def test_the_get_ready_setting_says_what_it_controls(rig: WindowRig) -> None:
    assert rig.window.get_ready_entry.text() == "Time to get ready before each exercise\u2026"
    rig.window.get_ready_entry.trigger()
    dialog = rig.window.settings_dialog
    assert dialog is not None
    page = dialog.current_page()
    assert isinstance(page, SessionPage)
    assert page.get_ready.accessibleName() == "Time to get ready before each exercise"
    assert "more to change position or hear the instructions" in page.explanation.text()
    tip = page.get_ready.itemData(page.get_ready.findData(5), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Get ready for 5 seconds before each exercise starts"
    dialog.reject()


def test_help_shows_the_tips_without_blocking_and_the_first_notice_points_to_them(
    make_rig: MakeRig, artifacts_dir: Path
) -> None:
    rig = make_rig(first_run_notice_seen=False)
    assert rig.window.notice.isVisible()
    assert "Tips for your hip" in rig.window.notice.tips_label.text()
    rig.window.tips_action.trigger()
    boxes = [box for box in rig.window.findChildren(QMessageBox) if box.isVisible()]
    assert [box.windowTitle() for box in boxes] == ["Tips for your hip"]
    assert "three to four sessions a week" in boxes[0].text()
    assert not boxes[0].isModal()
    boxes[0].grab().save(str(artifacts_dir / "tips-window.png"))
    rig.window.grab().save(str(artifacts_dir / "first-run-notice.png"))
