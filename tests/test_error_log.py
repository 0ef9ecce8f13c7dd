"""The error log: rotated at its size limit, private, and never an error of its own (docs/cli.md, "Error log")."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hipcoach import error_log


def failure(message: str) -> RuntimeError:
    try:
        raise RuntimeError(message)
    except RuntimeError as exc:
        return exc


def test_an_entry_is_the_traceback_under_a_header(hipcoach_data_dir: Path) -> None:
    log = error_log.write(failure("boom"))
    assert log == hipcoach_data_dir / "logs" / "errors.log"
    text = log.read_text(encoding="utf-8")
    assert text.startswith("--- ")
    assert " hipcoach 0.1.0 on Python " in text.splitlines()[0]
    assert "Traceback (most recent call last)" in text
    assert text.endswith("RuntimeError: boom\n")


def test_the_log_rotates_at_its_limit_and_keeps_three_files(hipcoach_data_dir: Path) -> None:
    folder = hipcoach_data_dir / "logs"
    big = "x" * (error_log.MAX_BYTES // 4)
    for _ in range(3):
        error_log.write(failure(big))
    assert sorted(p.name for p in folder.iterdir()) == ["errors.log"]  # three quarters: below the limit
    error_log.write(failure(big))  # this one would take the file past the limit: it starts a new one
    assert sorted(p.name for p in folder.iterdir()) == ["errors.log", "errors.log.1"]
    assert (folder / "errors.log.1").stat().st_size <= error_log.MAX_BYTES
    for _ in range(12):
        error_log.write(failure(big))
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["errors.log", "errors.log.1", "errors.log.2"]
    assert sum((folder / name).stat().st_size for name in names) <= error_log.FILES * error_log.MAX_BYTES
    if os.name == "posix":
        for name in names:
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(hipcoach_data_dir.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_files_are_private_whatever_the_umask(hipcoach_data_dir: Path) -> None:
    old = os.umask(0)
    try:
        log = error_log.write(failure("boom"))
    finally:
        os.umask(old)
    assert isinstance(log, Path)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_a_log_folder_that_cannot_be_written_is_a_reason_not_an_error(
    hipcoach_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whoever runs the tests (root ignores a folder's modes), a log that is a folder cannot be opened."""
    (hipcoach_data_dir / "logs" / "errors.log").mkdir(parents=True)
    reason = error_log.write(failure("boom"))
    assert isinstance(reason, str)
    assert "IsADirectoryError" in reason or "PermissionError" in reason
    assert capsys.readouterr() == ("", "")  # logging's own "--- Logging error ---" would land on stderr


def test_a_data_folder_that_is_a_file_is_a_reason_not_an_error(
    hipcoach_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hipcoach_data_dir.mkdir(parents=True, exist_ok=True)
    (hipcoach_data_dir / "logs").write_text("not a folder", encoding="utf-8")
    reason = error_log.write(failure("boom"))
    assert isinstance(reason, str) and reason
    assert capsys.readouterr() == ("", "")


@pytest.mark.skipif(os.name != "posix", reason="folder modes are POSIX")
def test_a_read_only_log_folder_does_not_raise(hipcoach_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = hipcoach_data_dir / "logs"
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        result = error_log.write(failure("boom"))
    finally:
        folder.chmod(0o700)
    if os.geteuid() == 0:  # root writes anyway: then the entry is there
        assert result == folder / "errors.log"
    else:
        assert isinstance(result, str) and "PermissionError" in result
    assert capsys.readouterr() == ("", "")


def test_delete_logs_removes_every_log_and_the_folder(hipcoach_data_dir: Path) -> None:
    log = error_log.write(failure("boom"))
    assert isinstance(log, Path)
    (log.parent / "errors.log.1").write_text("older\n", encoding="utf-8")
    assert error_log.delete_logs() == [log, log.parent / "errors.log.1"]
    assert not log.parent.exists()
    assert error_log.delete_logs() == []  # nothing there: nothing to do, no error
