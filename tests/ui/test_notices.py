"""Notices have priorities and never hide one another; a history problem stays until it is read, on every page."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hipcoach.ui.notice import MAX_SHOWN, NoticeArea, Priority
from tests.factories import entry, exercise, routine
from tests.ui.rig import WindowRig

NEWER = "The history file h.sqlite3 was written by a newer version of hipcoach: sessions are not recorded."
NO_AUDIO = "No audio output: the cues are shown on screen only."


def visible_texts(area: NoticeArea) -> list[str]:
    return [text for text, row in zip(area.texts(), area._rows, strict=True) if row.isVisible()]


def test_a_later_notice_does_not_replace_a_history_problem(qtbot: QtBot) -> None:
    area = NoticeArea()
    qtbot.addWidget(area)
    area.show()
    area.show_notice(NEWER, Priority.HISTORY)
    area.show_notice(NO_AUDIO, Priority.SOUND)
    area.show_notice("--start: no routine called 'x'", Priority.INFO)
    assert visible_texts(area) == [NEWER, NO_AUDIO, "--start: no routine called 'x'"]
    area.show_notice(NEWER, Priority.HISTORY)  # said again: still once
    assert area.texts().count(NEWER) == 1


def test_the_most_important_comes_first_and_stays_until_read(qtbot: QtBot) -> None:
    area = NoticeArea()
    qtbot.addWidget(area)
    area.show()
    area.show_notice(NO_AUDIO, Priority.SOUND)
    area.show_notice(NEWER, Priority.HISTORY)
    assert area.texts() == [NEWER, NO_AUDIO]
    area._rows[0].ok_button.click()
    assert area.texts() == [NO_AUDIO]
    area._rows[0].ok_button.click()
    assert area.texts() == [] and not area.isVisible()


def test_more_than_fit_wait_their_turn(qtbot: QtBot) -> None:
    area = NoticeArea()
    qtbot.addWidget(area)
    area.show()
    texts = [f"Problem {n}" for n in range(MAX_SHOWN + 2)]
    for text in texts:
        area.show_notice(text, Priority.HISTORY)
    assert visible_texts(area) == texts[:MAX_SHOWN]
    assert area._more.isVisible() and "2 more" in area._more.text()
    area.read_first()
    assert visible_texts(area) == texts[1 : MAX_SHOWN + 1]


def test_the_window_shows_history_problems_during_a_session(rig: WindowRig, qtbot: QtBot) -> None:
    window = rig.window
    window.show_notice(NEWER, Priority.HISTORY)
    window.show_notice(NO_AUDIO, Priority.SOUND)
    rig.start(routine(entry(exercise())))
    assert window.current_page() is window.session_view
    assert window.notices.isVisible()
    assert visible_texts(window.notices) == [NEWER, NO_AUDIO]
