"""The chooser snapshot against real files: a copy of the shipped content, the per-test data folder, real stats.

What matters: a snapshot is used only while every file it was made from is unchanged, and a damaged or foreign
snapshot is never an error, only a slower start.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from hipcoach.core import chooser_snapshot, paths
from hipcoach.core.chooser_snapshot import (
    MAX_FILE_BYTES,
    RoutineCard,
    Snapshot,
    content_key,
    read_snapshot,
    snapshot_path,
    write_snapshot,
)
from hipcoach.core.safety.answers import OperatedHip, Operation, SafetyAnswers, WarningSign, save_answers
from hipcoach.core.safety.precautions import Approach
from hipcoach.core.settings import Settings, save_settings
from tests.tools import REPO_ROOT

CARD = RoutineCard(
    id="gentle-mobility",
    name="Gentle mobility",
    description="Loosen the hips.",
    summary="About 14 minutes · 6 exercises",
    equipment="Needs: chair, mat",
    exercises="1. Hip rotations  (10 reps each leg)\n2. Bridge  (12 reps)",
)
SNAPSHOT = Snapshot((CARD,), ("/home/me/routines/mine.toml: line 3: field 'reps': must be a whole number",))


@pytest.fixture(autouse=True)
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped content, so a test may change a file in it."""
    root = tmp_path / "resources"
    shutil.copytree(REPO_ROOT / "resources", root)
    monkeypatch.setenv("HIPCOACH_RESOURCES", str(root))
    return root


def later(path: Path) -> None:
    """Change ``path``'s time of last change (as an editor saving the same bytes would), not its size."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_written_snapshot_is_read_back() -> None:
    assert read_snapshot() is None  # none yet
    assert write_snapshot(content_key(), SNAPSHOT)
    assert read_snapshot() == SNAPSHOT
    assert snapshot_path().parent == paths.cache_dir()


def test_a_snapshot_is_private_to_the_user() -> None:
    write_snapshot(content_key(), SNAPSHOT)
    if os.name == "posix":
        assert snapshot_path().stat().st_mode & 0o077 == 0
        assert paths.cache_dir().stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("folder", ["exercises", "routines"])
def test_a_changed_content_file_makes_the_snapshot_stale(resources: Path, folder: str) -> None:
    write_snapshot(content_key(), SNAPSHOT)
    later(sorted((resources / folder).glob("*.toml"))[0])
    assert read_snapshot() is None


def test_a_new_or_removed_routine_file_of_the_user_makes_the_snapshot_stale() -> None:
    mine = paths.user_routines_dir() / "mine.toml"
    mine.parent.mkdir(parents=True)
    write_snapshot(content_key(), SNAPSHOT)
    assert read_snapshot() == SNAPSHOT
    mine.write_text('name = "Mine"\n', encoding="utf-8")
    assert read_snapshot() is None
    write_snapshot(content_key(), SNAPSHOT)
    assert read_snapshot() == SNAPSHOT
    mine.unlink()
    assert read_snapshot() is None


def test_a_content_file_changed_while_it_is_read_makes_the_next_start_read_it_again(resources: Path) -> None:
    key = content_key()  # taken before the content is read, as the app does
    later(resources / "routines" / "strength.toml")  # ...changed during the read
    write_snapshot(key, SNAPSHOT)
    assert read_snapshot() is None


def test_changed_settings_make_the_snapshot_stale() -> None:
    write_snapshot(content_key(), SNAPSHOT)
    save_settings(Settings(get_ready_seconds=10))  # longer get-readies: every estimate changes
    assert read_snapshot() is None
    write_snapshot(content_key(), SNAPSHOT)
    assert read_snapshot() == SNAPSHOT
    speech = paths.config_dir() / paths.SPEECH_SETTINGS_FILE
    speech.write_text('{"verbosity": "coach"}', encoding="utf-8")  # more words in each get-ready
    assert read_snapshot() is None


def test_changed_safety_answers_make_the_snapshot_stale() -> None:
    write_snapshot(content_key(), SNAPSHOT)
    save_answers(SafetyAnswers(answered=True, warning_signs=frozenset({WarningSign.FALL})))  # only the gentle one
    assert read_snapshot() is None
    write_snapshot(content_key(), SNAPSHOT)
    assert read_snapshot() == SNAPSHOT
    save_answers(SafetyAnswers(answered=True))  # the same size on disk would not hide it: the time changes too
    assert read_snapshot() is None


def test_the_day_the_precautions_end_makes_the_snapshot_stale() -> None:
    operation = Operation(OperatedHip.LEFT, Approach.BACK, date(2026, 1, 1))
    save_answers(SafetyAnswers(answered=True, operation=operation))
    ends = operation.precautions_end
    write_snapshot(content_key(), SNAPSHOT, today=ends - timedelta(days=2))
    assert read_snapshot(today=ends - timedelta(days=1)) == SNAPSHOT  # still the same precautions
    assert read_snapshot(today=ends) is None  # the routines are no longer adapted


def test_a_card_keeps_the_changes_the_precautions_made() -> None:
    card = CARD._replace(changes="Pigeon Pose is left out: it bends the hip past 90°.")
    write_snapshot(content_key(), Snapshot((card,), ()))
    cards = read_snapshot()
    assert cards is not None and cards.cards == (card,)


def test_the_window_size_file_does_not_make_the_snapshot_stale() -> None:
    write_snapshot(content_key(), SNAPSHOT)
    paths.ensure_private_dir(paths.config_dir())
    (paths.config_dir() / "window.ini").write_text("[main_window]\n", encoding="utf-8")  # rewritten on every close
    assert read_snapshot() == SNAPSHOT


def test_another_version_of_the_app_does_not_use_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    write_snapshot(content_key(), SNAPSHOT)
    monkeypatch.setattr(chooser_snapshot, "__version__", "99.0")
    assert read_snapshot() is None


def written() -> dict[str, object]:
    write_snapshot(content_key(), SNAPSHOT)
    data = json.loads(snapshot_path().read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def card_changed(**change: object) -> dict[str, object]:
    data = written()
    cards = data["cards"]
    assert isinstance(cards, list)
    cards[0].update(change)
    return data


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda: b"{not json", id="not JSON"),
        pytest.param(lambda: b"\xff\xfe\x00garbage", id="not UTF-8"),
        pytest.param(lambda: b"[]", id="not an object"),
        pytest.param(lambda: json.dumps({**written(), "format": 1}).encode(), id="another format"),
        pytest.param(lambda: json.dumps({**written(), "cards": "x"}).encode(), id="cards not a list"),
        pytest.param(lambda: json.dumps({**written(), "problems": [1]}).encode(), id="a problem not text"),
        pytest.param(lambda: json.dumps({**written(), "problems": None}).encode(), id="no problems list"),
        pytest.param(lambda: json.dumps(card_changed(name=None)).encode(), id="a name that is not text"),
        pytest.param(lambda: json.dumps(card_changed(extra="x")).encode(), id="a field too many"),
        pytest.param(lambda: json.dumps({**written(), "cards": [{"id": "a"}]}).encode(), id="fields missing"),
        pytest.param(lambda: json.dumps({**written(), "cards": [[]]}).encode(), id="a card not an object"),
        pytest.param(lambda: b" " * (MAX_FILE_BYTES + 1), id="huge"),
    ],
)
def test_a_damaged_snapshot_is_ignored(damage: object) -> None:
    assert callable(damage)
    data = damage()
    snapshot_path().parent.mkdir(parents=True, exist_ok=True)
    snapshot_path().write_bytes(data)
    assert read_snapshot() is None
    assert write_snapshot(content_key(), SNAPSHOT)  # and replaced by the next start
    assert read_snapshot() == SNAPSHOT


def test_a_snapshot_that_cannot_be_written_is_no_error() -> None:
    paths.data_dir().mkdir(parents=True)
    paths.cache_dir().write_text("a file where the cache folder should be", encoding="utf-8")
    assert write_snapshot(content_key(), SNAPSHOT) is False
    assert read_snapshot() is None


def test_an_unchanged_snapshot_is_not_written_again() -> None:
    write_snapshot(content_key(), SNAPSHOT)
    before = snapshot_path().stat()
    assert write_snapshot(content_key(), SNAPSHOT)
    after = snapshot_path().stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    changed = Snapshot(SNAPSHOT.cards, ())
    assert write_snapshot(content_key(), changed)
    assert read_snapshot() == changed


def test_content_moved_elsewhere_whole_keeps_the_snapshot(
    resources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app folder moved or mounted somewhere else (its files keep their times) needs no slower start."""
    write_snapshot(content_key(), SNAPSHOT)
    moved = shutil.copytree(resources, tmp_path / "elsewhere" / "resources")  # copy2 keeps the times
    monkeypatch.setenv("HIPCOACH_RESOURCES", str(moved))
    assert read_snapshot() == SNAPSHOT
    later(moved / "exercises" / "bridge.toml")
    assert read_snapshot() is None
