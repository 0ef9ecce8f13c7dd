"""Writing a draft to the user's routine file and reading it back: every built-in and every dose combination
round-trips, a hand-written file keeps its comments, and a save that fails says why and leaves the file alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from hipcoach.core import paths
from hipcoach.core.content import load_routine
from hipcoach.core.model import Exercise, Level, Routine, Side
from hipcoach.core.routine_edit.document import HEADER
from hipcoach.core.routine_edit.draft import DraftEntry, RoutineDraft, draft_of, duplicate, new_draft, routine_of
from hipcoach.core.routine_edit.saving import (
    SaveError,
    delete_routine,
    file_stamp,
    new_routine_id,
    read_draft,
    save_draft,
)
from tests.tools import REPO_ROOT


def same_routine(loaded: Routine, expected: Routine) -> None:
    """Equal apart from the id, the name and the file, entry by entry so a failure says which."""
    assert (loaded.rest_between_sets, loaded.rest_between_exercises) == (
        expected.rest_between_sets,
        expected.rest_between_exercises,
    )
    assert len(loaded.entries) == len(expected.entries)
    for got, want in zip(loaded.entries, expected.entries, strict=True):
        assert (got.exercise.id, got.variant_of) == (want.exercise.id, want.variant_of)
        assert got.dose == want.dose, want.exercise.id
        assert (got.first_side, got.only_side, got.pinned) == (want.first_side, want.only_side, want.pinned)


@pytest.fixture
def folder() -> Path:
    return paths.user_routines_dir()


def test_every_builtin_round_trips_as_a_copy(builtins: list[Routine], every: dict[str, Exercise], folder: Path) -> None:
    taken: list[str] = []
    for routine in builtins:
        copy = duplicate(draft_of(routine), [r.name for r in builtins])
        path = save_draft(copy, folder, every, taken)
        taken.append(path.stem)
        loaded = load_routine(path, every)
        same_routine(loaded, routine)
        assert loaded.name == f"{routine.name} (my copy)"
        assert loaded == replace(routine_of(copy, every), id=path.stem, source=str(path))
    assert len(set(taken)) == len(builtins)


def test_a_new_file_is_private_with_a_header(every: dict[str, Exercise], folder: Path) -> None:
    draft = replace(new_draft(), name="Morning ten", entries=(DraftEntry("leg-swings"), DraftEntry("bridge", sets=3)))
    path = save_draft(draft, folder, every, [])
    assert path == folder / "morning-ten.toml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    assert 'name = "Morning ten"' in text and "sets = 3" in text and "reps" not in text
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    second = save_draft(draft, folder, every, [])
    assert second == folder / "morning-ten-2.toml", "a new routine never overwrites a file"


def test_the_saved_file_passes_check_and_loads_to_the_draft(every: dict[str, Exercise], folder: Path) -> None:
    draft = replace(
        new_draft(),
        name="Checked",
        description="Two lines\nof description.",
        rest_between_sets=45,
        entries=(
            DraftEntry("leg-swings", reps=12, first_side=Side.RIGHT),
            DraftEntry("bridge", level=Level.EASIER, hold_seconds=4, pinned=True),
            DraftEntry("clamshells", level=Level.HARDER, only_side=Side.LEFT),
        ),
    )
    path = save_draft(draft, folder, every, [])
    data_dir = paths.data_dir()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "HIPCOACH_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "hipcoach", "check", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "valid" in result.stdout
    assert load_routine(path, every) == routine_of(replace(draft, id="checked", source=path), every)
    assert read_draft(path, every) == replace(
        draft, id="checked", source=path, description="Two lines\nof description."
    )


HAND_WRITTEN = """\
# My morning, as my physio showed me.
# Keep it gentle.

name = "Morning"   # what the chooser shows
rest_between_sets = 30  # I need longer

# Warm up first.
[[exercise]]
id = "leg-swings"
reps = 10  # both legs

# The floor part: side first.
[[exercise]]
id = "clamshells"  # the band stays off
sets = 2

[[exercise]]
id = "bridge"
# hold at the top
hold_seconds = 5

# end of the file
"""


def test_a_hand_written_file_keeps_every_comment(every: dict[str, Exercise], folder: Path) -> None:
    folder.mkdir(parents=True)
    path = folder / "morning.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    draft = read_draft(path, every)
    legs, clams, bridge = draft.entries
    changed = replace(
        draft,
        entries=(legs, replace(bridge, hold_seconds=6), clams, DraftEntry("pigeon-pose", sets=2)),
    )
    assert save_draft(changed, folder, every, ["morning"]) == path
    text = path.read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in HAND_WRITTEN.splitlines() if "#" in line]
    for comment in comments:
        assert text.count(comment) == 1, comment
    assert load_routine(path, every) == routine_of(changed, every)
    # Each table's comments moved with it; the file's own head and tail stayed where they were.
    assert text.index("hold at the top") < text.index("The floor part") < text.index('id = "clamshells"')
    assert text.startswith("# My morning, as my physio showed me.\n# Keep it gentle.\n\nname = ")
    assert text.endswith("# end of the file\n")
    assert 'name = "Morning"   # what the chooser shows\n' in text
    assert "reps = 10  # both legs\n" in text
    assert "hold_seconds = 6\n" in text


def test_saving_unchanged_leaves_the_file_as_it_was(every: dict[str, Exercise], folder: Path) -> None:
    folder.mkdir(parents=True)
    path = folder / "morning.toml"
    path.write_text(HAND_WRITTEN.replace("sets = 2", 'sets = 2\nfirst_side = "left"\npin = false'), "utf-8")
    before = path.read_bytes()
    save_draft(read_draft(path, every), folder, every, ["morning"])
    assert path.read_bytes() == before


def test_an_override_set_back_removes_only_its_key(every: dict[str, Exercise], folder: Path) -> None:
    folder.mkdir(parents=True)
    path = folder / "morning.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    draft = read_draft(path, every)
    legs, clams, bridge = draft.entries
    save_draft(replace(draft, name="Mornings", entries=(replace(legs, reps=None), clams, bridge)), folder, every, [])
    text = path.read_text(encoding="utf-8")
    assert "reps" not in text and "both legs" not in text
    assert 'name = "Mornings"   # what the chooser shows\n' in text
    assert text == HAND_WRITTEN.replace("reps = 10  # both legs\n", "").replace('"Morning"', '"Mornings"')


def test_removing_an_entry_takes_its_comments(every: dict[str, Exercise], folder: Path) -> None:
    folder.mkdir(parents=True)
    path = folder / "morning.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    draft = read_draft(path, every)
    save_draft(replace(draft, entries=(draft.entries[0], draft.entries[2])), folder, every, [])
    text = path.read_text(encoding="utf-8")
    assert "clamshells" not in text and "The floor part" not in text and "band stays off" not in text
    assert (
        load_routine(path, every).entries
        == routine_of(replace(draft, entries=(draft.entries[0], draft.entries[2])), every).entries
    )


def test_a_file_changed_into_something_else_is_written_anew(every: dict[str, Exercise], folder: Path) -> None:
    """A file the cutting cannot follow (here: an inline array of tables) still saves exactly the draft."""
    folder.mkdir(parents=True)
    path = folder / "inline.toml"
    path.write_text('name = "Inline"\nexercise = [{ id = "bridge" }, { id = "clamshells" }]\n', encoding="utf-8")
    draft = read_draft(path, every)
    changed = replace(draft, entries=(draft.entries[1], replace(draft.entries[0], reps=9)))
    save_draft(changed, folder, every, [])
    assert load_routine(path, every) == routine_of(changed, every)


# --- ids -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Morning ten", [], "morning-ten"),
        ("Morning ten", ["morning-ten"], "morning-ten-2"),
        ("Morning ten", ["Morning-Ten", "morning-ten-2"], "morning-ten-3"),
        ("Étirements du matin!", [], "etirements-du-matin"),
        ("  ** ", [], "routine"),
        ("CON", [], "con-routine"),
        ("x" * 80, [], "x" * 40),
    ],
)
def test_new_routine_id(name: str, taken: list[str], expected: str) -> None:
    assert new_routine_id(name, taken) == expected


def test_a_new_routine_never_takes_a_builtins_id(every: dict[str, Exercise], folder: Path) -> None:
    draft = replace(new_draft(), name="Strength", entries=(DraftEntry("bridge"),))
    assert save_draft(draft, folder, every, []) == folder / "strength-2.toml"


def test_renaming_keeps_the_id(every: dict[str, Exercise], folder: Path) -> None:
    path = save_draft(replace(new_draft(), name="Morning", entries=(DraftEntry("bridge"),)), folder, every, [])
    renamed = replace(read_draft(path, every), name="Evening")
    assert save_draft(renamed, folder, every, ["morning"]) == path
    assert load_routine(path, every).name == "Evening"


# --- failures ------------------------------------------------------------------------------------------------------


def small(name: str = "Mine") -> RoutineDraft:
    return replace(new_draft(), name=name, entries=(DraftEntry("bridge"),))


def test_a_builtin_is_never_saved_over(builtins: list[Routine], every: dict[str, Exercise], folder: Path) -> None:
    with pytest.raises(SaveError) as info:
        save_draft(draft_of(builtins[0]), folder, every, [])
    assert "comes with hipcoach" in str(info.value)
    with pytest.raises(SaveError):
        save_draft(replace(small(), id="strength"), folder, every, [])
    assert not folder.exists()


def test_a_folder_that_is_a_file(every: dict[str, Exercise], folder: Path) -> None:
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder", encoding="utf-8")
    with pytest.raises(SaveError) as info:
        save_draft(small(), folder, every, [])
    assert str(info.value) == (
        f"Could not save {folder / 'mine.toml'}: {folder} is a file, not a folder. Your routine is still open."
    )
    assert folder.read_text(encoding="utf-8") == "not a folder"


def test_a_full_disk_keeps_the_old_file(
    every: dict[str, Exercise], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = save_draft(small(), folder, every, [])
    before = path.read_bytes()
    draft = read_draft(path, every)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError) as info:
        save_draft(replace(draft, name="Changed"), folder, every, [])
    assert str(info.value) == f"Could not save {path}: the disk is full. Your routine is still open."
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["mine.toml"], "no temporary file is left behind"


def test_a_draft_with_problems_is_not_written(every: dict[str, Exercise], folder: Path) -> None:
    with pytest.raises(SaveError) as info:
        save_draft(replace(small(), entries=()), folder, every, [])
    assert "add at least one exercise" in str(info.value)
    with pytest.raises(SaveError) as info:
        save_draft(replace(small(), entries=(DraftEntry("cartwheel"),)), folder, every, [])
    assert "cartwheel" in str(info.value)
    assert not folder.exists() or not list(folder.iterdir())


# --- stamps and deleting -------------------------------------------------------------------------------------------


def test_file_stamp_notices_a_rewrite_of_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "AAAA"\n', encoding="utf-8")
    first = file_stamp(path)
    assert first is not None and first.size == 14
    path.write_text('name = "BBBB"\n', encoding="utf-8")
    os.utime(path, ns=(first.mtime_ns, first.mtime_ns))
    second = file_stamp(path)
    assert second is not None and (second.size, second.mtime_ns) == (first.size, first.mtime_ns)
    assert second != first
    assert file_stamp(tmp_path / "gone.toml") is None


def test_delete_removes_a_users_file(every: dict[str, Exercise], folder: Path) -> None:
    path = save_draft(small(), folder, every, [])
    delete_routine(path)
    assert not path.exists()


def test_delete_refuses_a_path_outside_the_folder(tmp_path: Path, folder: Path) -> None:
    outside = tmp_path / "precious.toml"
    outside.write_text("keep me", encoding="utf-8")
    folder.mkdir(parents=True)
    for path in (outside, folder / ".." / "precious.toml", paths.resources_dir() / "routines" / "strength.toml"):
        with pytest.raises(SaveError) as info:
            delete_routine(path)
        assert str(info.value).startswith(f"Could not delete {path}: only routine files in ")
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (paths.resources_dir() / "routines" / "strength.toml").exists()


@pytest.mark.skipif(os.name != "posix", reason="symbolic links need no privilege on POSIX")
def test_delete_refuses_a_link_out_of_the_folder(tmp_path: Path, folder: Path) -> None:
    target = tmp_path / "precious.toml"
    target.write_text("keep me", encoding="utf-8")
    folder.mkdir(parents=True)
    link = folder / "link.toml"
    link.symlink_to(target)
    with pytest.raises(SaveError):
        delete_routine(link)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"
    linked_folder = tmp_path / "elsewhere"
    linked_folder.mkdir()
    (linked_folder / "other.toml").write_text("keep me too", encoding="utf-8")
    (folder / "sub").symlink_to(linked_folder)
    with pytest.raises(SaveError):
        delete_routine(folder / "sub" / "other.toml")
    assert (linked_folder / "other.toml").exists()
