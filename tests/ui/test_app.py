"""run_app end to end in this process: content problems, exit statuses, screenshots, no tracebacks for users.

The session runs on real timers here, sped up 1000 times, with a one-exercise routine of 11 plan seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

import hipcoach.app
from hipcoach.core import content as content_module
from hipcoach.core.chooser_snapshot import RoutineCard, Snapshot, content_key, read_snapshot, write_snapshot
from hipcoach.core.content import ContentError
from hipcoach.core.model import Exercise, Position, Routine
from hipcoach.options import EXIT_ERROR, EXIT_INVALID, EXIT_OK, EXIT_STOPPED, AppOptions
from hipcoach.ui.chooser import TITLE_ROLE
from hipcoach.ui.main_window import MainWindow
from tests.factories import entry, exercise, routine
from tests.ui.rig import FakeInhibitor, ServeApp


def tiny() -> Routine:
    return routine(entry(exercise("leg-raise", position=Position.STANDING)))


def long() -> Routine:
    return routine(entry(exercise("leg-raise", position=Position.STANDING, reps=50, sets=3)))


@pytest.fixture
def content(serve_app: ServeApp) -> ServeApp:
    """Serve one routine as the only built-in (tests/ui/conftest.py)."""
    return serve_app


def window_of(qapp: QApplication) -> MainWindow:
    windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert len(windows) == 1
    return windows[0]


def test_unattended_session_runs_to_its_end_and_saves_three_screenshots(
    content: Callable[[Routine], None], tmp_path: Path
) -> None:
    content(tiny())
    shots = tmp_path / "shots"
    options = AppOptions(start="test", time_scale=1000, quit_when_done=True, screenshot_dir=shots)
    assert hipcoach.app.run_app(options) == EXIT_OK
    for name in ("chooser", "session", "summary"):
        image = QImage(str(shots / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 640, name


def test_unattended_session_stopped_with_esc_exits_with_3(
    content: Callable[[Routine], None], qapp: QApplication
) -> None:
    content(long())

    def press_esc_once_running() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].controller.state.value == "running":
            windows[0].session_view.stop_action.trigger()
        else:  # the session starts once the window has painted
            QTimer.singleShot(10, press_esc_once_running)

    QTimer.singleShot(0, press_esc_once_running)
    assert hipcoach.app.run_app(AppOptions(start="test", quit_when_done=True)) == EXIT_STOPPED


def test_unknown_start_routine_exits_with_2_and_says_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qapp: QApplication
) -> None:
    def not_found(spec: str, _catalogue: object) -> Routine:
        raise ContentError(Path(spec), "no routine with this id and no such file")

    monkeypatch.setattr(content_module, "find_routine", not_found)
    before = {id(w) for w in qapp.topLevelWidgets()}  # windows of earlier tests may wait for their deletion
    assert hipcoach.app.run_app(AppOptions(start="no-such-routine", quit_when_done=True)) == EXIT_INVALID
    assert "--start: no-such-routine: no routine with this id" in capsys.readouterr().err
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and id(w) not in before]


def test_broken_built_in_content_exits_with_1_and_names_the_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qapp: QApplication
) -> None:
    def broken() -> dict[str, Exercise]:
        raise ContentError(Path("/somewhere/bridge.toml"), "reps must be a whole number", line=7, field="reps")

    monkeypatch.setattr(content_module, "load_catalogue", broken)
    assert hipcoach.app.run_app(AppOptions()) == EXIT_ERROR
    assert "bridge.toml, line 7: reps must be a whole number" in capsys.readouterr().err


STALE = Snapshot(
    (RoutineCard("old", "A routine from last time", "", "About 5 minutes · 1 exercise", "", "1. Bridge"),),
    ("/home/me/routines/mine.toml: a problem fixed since",),
)


def chooser_state(run: hipcoach.app.GuiRun) -> tuple[list[str], bool, str]:
    assert run.window is not None
    chooser = run.window.chooser
    names = [str(chooser.list.item(row).data(TITLE_ROLE)) for row in range(chooser.list.count())]
    return names, chooser.start_action.isEnabled(), chooser.message_label.text()


def record_around_first_paint(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], bool, str]]:
    """The chooser as the first frame shows it, and as it is once the work after the paint is done."""
    seen: list[tuple[list[str], bool, str]] = []
    after_paint = hipcoach.app.GuiRun._after_paint

    def spy(run: hipcoach.app.GuiRun, *args: object, **kwargs: object) -> None:
        seen.append(chooser_state(run))
        after_paint(run, *args, **kwargs)
        seen.append(chooser_state(run))

    monkeypatch.setattr(hipcoach.app.GuiRun, "_after_paint", spy)
    monkeypatch.setenv(hipcoach.app.EXIT_AFTER_PAINT_ENV, "1")  # exit once the work after the paint is done
    return seen


def test_the_first_start_reads_the_content_before_the_paint_and_keeps_a_snapshot(
    content: Callable[[Routine], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    content(tiny())
    seen = record_around_first_paint(monkeypatch)
    assert hipcoach.app.run_app(AppOptions()) == EXIT_OK
    assert seen[0] == ([tiny().name], True, "")  # the first frame already had the content
    snapshot = read_snapshot()
    assert snapshot is not None and [card.name for card in snapshot.cards] == [tiny().name]


def test_a_matching_snapshot_is_drawn_first_and_the_content_replaces_it(
    content: Callable[[Routine], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    content(tiny())
    loads: list[str] = []
    load_catalogue = content_module.load_catalogue
    monkeypatch.setattr(content_module, "load_catalogue", lambda: loads.append("catalogue") or load_catalogue())
    write_snapshot(content_key(), STALE)
    seen = record_around_first_paint(monkeypatch)
    assert hipcoach.app.run_app(AppOptions()) == EXIT_OK
    first_frame, settled = seen
    assert first_frame[:2] == (["A routine from last time"], True)
    assert "a problem fixed since" in first_frame[2]
    assert settled == ([tiny().name], True, "")
    assert loads == ["catalogue"]  # once, after the paint
    snapshot = read_snapshot()
    assert snapshot is not None and [card.name for card in snapshot.cards] == [tiny().name]


def test_speech_settings_warnings_are_listed_with_the_others_and_on_stderr(
    content: Callable[[Routine], None], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both settings files follow one policy, and their warnings reach the user the same way."""
    from hipcoach.core.settings import settings_path  # noqa: PLC0415
    from hipcoach.speech.settings import settings_path as speech_settings_path  # noqa: PLC0415

    content(tiny())
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"get_ready_seconds": 60}', encoding="utf-8")
    speech_settings_path().write_text('{"verbosity": "chatty", "rate": 140}', encoding="utf-8")
    seen = record_around_first_paint(monkeypatch)
    assert hipcoach.app.run_app(AppOptions()) == EXIT_OK
    speech_warning = f"{speech_settings_path()}: 'verbosity' must be one of"
    app_warning = f"{settings_path()}: 'get_ready_seconds' must be from 3 to 30 (got 60); using 30"
    message = seen[-1][2]
    assert message.startswith("Some of your settings could not be used, so their defaults apply:")
    assert app_warning in message and speech_warning in message
    err = capsys.readouterr().err
    assert app_warning in err and speech_warning in err


def test_start_never_uses_the_snapshot(content: Callable[[Routine], None], monkeypatch: pytest.MonkeyPatch) -> None:
    content(tiny())
    write_snapshot(content_key(), STALE)
    seen = record_around_first_paint(monkeypatch)
    assert hipcoach.app.run_app(AppOptions(start="test")) == EXIT_OK
    assert seen[0][:2] == ([tiny().name], True)


def test_content_broken_since_the_snapshot_was_taken_exits_with_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], qapp: QApplication
) -> None:
    def broken() -> dict[str, Exercise]:
        raise ContentError(Path("/somewhere/bridge.toml"), "reps must be a whole number", line=7, field="reps")

    monkeypatch.setattr(hipcoach.app, "ScreenSaverInhibitor", FakeInhibitor)
    monkeypatch.setattr(content_module, "load_catalogue", broken)
    write_snapshot(content_key(), STALE)
    assert hipcoach.app.run_app(AppOptions()) == EXIT_ERROR
    assert "bridge.toml, line 7: reps must be a whole number" in capsys.readouterr().err
    assert not any(isinstance(w, MainWindow) and w.isVisible() for w in qapp.topLevelWidgets())


def test_an_unexpected_error_is_logged_not_shown(
    content: Callable[[Routine], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    hipcoach_data_dir: Path,
) -> None:
    content(tiny())

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("window factory broke")

    monkeypatch.setattr(hipcoach.app, "MainWindow", explode)
    assert hipcoach.app.run_app(AppOptions(quit_when_done=True)) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "unexpected error: RuntimeError" in err
    assert "Traceback" not in err
    log = (hipcoach_data_dir / "logs" / "errors.log").read_text()
    assert "Traceback" in log and "window factory broke" in log


def test_a_bug_in_a_slot_ends_an_unattended_run_with_1_and_no_traceback(
    content: Callable[[Routine], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    hipcoach_data_dir: Path,
) -> None:
    content(tiny())

    monkeypatch.setattr("hipcoach.ui.session_view.SessionView.refresh", _broken_refresh)
    assert hipcoach.app.run_app(AppOptions(start="test", time_scale=1000, quit_when_done=True)) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("unexpected error: RuntimeError") == 1
    assert "Traceback" not in err
    assert "refresh broke" in (hipcoach_data_dir / "logs" / "errors.log").read_text()


def test_a_bug_in_a_slot_shows_a_short_message_in_the_window(
    content: Callable[[Routine], None], monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    content(long())
    monkeypatch.setattr("hipcoach.ui.session_view.SessionView.refresh", _broken_refresh)
    seen: list[str] = []

    def look_for_the_message() -> None:
        boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            return
        seen.extend(box.text() for box in boxes)
        for box in boxes:
            box.close()
        window_of(qapp).close()
        qapp.exit(0)

    poll = QTimer()
    poll.timeout.connect(look_for_the_message)
    poll.start(10)
    assert hipcoach.app.run_app(AppOptions(start="test", time_scale=1000)) == EXIT_OK
    poll.stop()
    assert len(seen) == 1
    assert seen[0].startswith("Something went wrong inside hipcoach. You can carry on")
    assert "errors.log" in seen[0]
    assert "Traceback" not in seen[0] and "refresh broke" not in seen[0]


def _broken_refresh(_self: object) -> None:
    raise RuntimeError("refresh broke")
