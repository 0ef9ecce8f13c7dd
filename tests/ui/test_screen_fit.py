"""The window opens at a size that fits the screen it is on, and the pages reflow on a narrow window.

The sizes: a remembered geometry from a larger screen is moved and shrunk onto this one, frame included; the first
start takes most of the screen, up to 1280x800, leaving room for a title bar. The reflow: the session's steps go
below the figure and the countdown on a narrow, tall window, History's panels stack on a narrow page.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QBoxLayout

from hipcoach.core.plan import PhaseKind
from hipcoach.ui.screen_fit import FRAME_ALLOWANCE, clamped, first_size, room
from tests.ui.layout_check import settle
from tests.ui.rig import MakeRig
from tests.ui.test_session_figure import clamshells

NETBOOK = QRect(0, 0, 1024, 600)
FULL_HD_200 = QRect(0, 0, 960, 540)  # 1920x1080 at 200 %
BIG = QRect(0, 0, 2560, 1440)


def on_screen(client: QRect, available: QRect) -> bool:
    """The window with a frame around it (borders of half the allowance's width, the rest of it a title bar)."""
    side = FRAME_ALLOWANCE.width() // 2
    return available.contains(client.adjusted(-side, -(FRAME_ALLOWANCE.height() - side), side, side))


def test_the_first_start_takes_most_of_the_screen_up_to_the_design_size() -> None:
    assert first_size(BIG) == QSize(1280, 800)  # a big screen gets no stretched window
    for screen in (NETBOOK, FULL_HD_200):
        size = first_size(screen)
        assert size.width() <= room(screen).width() and size.height() <= room(screen).height()
        assert size.width() >= 0.85 * screen.width() and size.height() >= 0.85 * screen.height()


def test_a_remembered_geometry_from_a_larger_screen_is_moved_and_shrunk_onto_this_one() -> None:
    remembered = QRect(1400, 300, 1600, 1000)  # the right half of a big screen, now on a netbook
    for screen in (NETBOOK, FULL_HD_200, QRect(1920, 0, 1024, 600)):  # a second screen, to the right
        placed = clamped(remembered, screen)
        assert on_screen(placed, screen), (placed, screen)
    assert clamped(QRect(100, 100, 800, 500), BIG) == QRect(100, 100, 800, 500)  # it fits: left as it was


def test_the_window_opens_within_its_screen_remembered_or_not(make_rig: MakeRig) -> None:
    first = make_rig()
    available = first.window.screen().availableGeometry()
    assert first.window.width() <= room(available).width() and first.window.height() <= room(available).height()
    first.window.setGeometry(QRect(QPoint(600, 500), QSize(1600, 1000)))  # dragged partly off a larger screen
    first.window.save_geometry()
    first.window.close()
    again = make_rig()  # the next start reads window.ini
    geometry = again.window.geometry()
    assert geometry.width() <= room(available).width() and geometry.height() <= room(available).height()
    assert available.contains(geometry), (geometry, available)


def test_the_session_page_puts_the_steps_below_on_a_narrow_tall_window(make_rig: MakeRig) -> None:
    rig = make_rig()
    rig.start(clamshells())
    rig.run_until(PhaseKind.REPS)
    view = rig.view
    rig.window.resize(720, 900)
    settle()
    assert view.fitting.is_stacked()
    steps_top = view.steps_area.mapTo(rig.window, QPoint(0, 0)).y()
    countdown_bottom = view.countdown.mapTo(rig.window, QPoint(0, view.countdown.height())).y()
    assert steps_top >= countdown_bottom
    rig.window.resize(1280, 800)
    settle()
    assert not view.fitting.is_stacked()
    assert view.steps_area.mapTo(rig.window, QPoint(0, 0)).x() < view.countdown.mapTo(rig.window, QPoint(0, 0)).x()


def test_history_stacks_its_panels_on_a_narrow_page(make_rig: MakeRig) -> None:
    from hipcoach.core.history import open_history  # noqa: PLC0415
    from hipcoach.ui.history_view import HistoryView  # noqa: PLC0415

    rig = make_rig()
    with open_history() as store:
        view = HistoryView(store)
        rig.window.add_history_page(view)
        rig.window.show_history()
        rig.window.resize(760, 700)
        settle()
        assert view.sessions_splitter.orientation() is Qt.Orientation.Vertical
        assert view.charts_row.direction() is QBoxLayout.Direction.TopToBottom
        assert view.header.direction() is QBoxLayout.Direction.TopToBottom
        assert rig.window.width() == 760  # the wide header did not hold the window wider
        rig.window.resize(1280, 800)
        settle()
        assert view.sessions_splitter.orientation() is Qt.Orientation.Horizontal
        assert view.charts_row.direction() is QBoxLayout.Direction.LeftToRight
        assert view.header.direction() is QBoxLayout.Direction.LeftToRight
