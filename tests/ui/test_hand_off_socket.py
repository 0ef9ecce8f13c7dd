"""The hand-off's Unix-domain socket on POSIX (hipcoach.ui.unix_channel): what may be found at its path, its file's
lifetime and mode, and peers that connect and say nothing. The protocol and the whole round trip with real processes
are in test_single_instance.py."""

from __future__ import annotations

import json
import os
import select
import socket
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from hipcoach.core import instance as core_instance
from hipcoach.ui.single_instance import MAX_CONNECTIONS, SingleInstance
from tests.ui.test_single_instance import Child, Receiver, connect

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix-domain socket files")


@pytest.fixture
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private run-time folder, so the window's first choice of address is known."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def window(hipcoach_data_dir: Path) -> Iterator[SingleInstance]:
    owner = SingleInstance(hipcoach_data_dir)
    assert owner.acquire()
    yield owner
    owner.release()


def first_address(data_dir: Path) -> str:
    return core_instance.socket_addresses(data_dir, create=True)[0]


def closed_without_answer(peer: socket.socket) -> bool:
    readable, _, _ = select.select([peer], [], [], 0)
    return bool(readable) and peer.recv(4096) == b""


@pytest.mark.parametrize("thing", ["file", "folder", "link"])
def test_something_else_at_the_sockets_path_is_left_alone_and_the_window_listens_at_the_next_place(
    qtbot: QtBot, runtime_dir: Path, window: SingleInstance, hipcoach_data_dir: Path, tmp_path: Path, thing: str
) -> None:
    """Not a socket of ours: nothing there is removed or changed (a window used to delete whatever it found), the
    problem is said, and a second launch still finds the window at the next address."""
    blocked = first_address(hipcoach_data_dir)
    assert Path(blocked).parent == runtime_dir
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    if thing == "file":
        Path(blocked).write_text("keep me\n", encoding="utf-8")
    elif thing == "folder":
        Path(blocked).mkdir()
    else:
        Path(blocked).symlink_to(target)
    receiver = Receiver()
    assert window.listen(receiver)
    assert window.problems == [f"{blocked} is not a socket, so it was left alone; a second launch cannot find this "
                               "window there"]  # fmt: skip
    if thing == "file":
        assert Path(blocked).read_text(encoding="utf-8") == "keep me\n"
    elif thing == "folder":
        assert Path(blocked).is_dir()
    else:
        assert Path(blocked).is_symlink() and target.read_text(encoding="utf-8") == "keep me\n"
    sender = Child(hipcoach_data_dir, "--start", "strength")
    try:
        qtbot.waitUntil(lambda: sender.process.poll() is not None, timeout=20_000)
        assert sender.line() == "sent True taken"
        assert receiver.received == [["--start", "strength"]]
    finally:
        sender.stop()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a socket file to another user")
def test_another_users_socket_at_the_path_is_left_alone(
    runtime_dir: Path, window: SingleInstance, hipcoach_data_dir: Path
) -> None:
    blocked = first_address(hipcoach_data_dir)
    theirs = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        theirs.bind(blocked)
        os.chown(blocked, 65534, 65534)
        assert window.listen(Receiver())
        assert window.problems[0].startswith(f"{blocked} is another user's socket, so it was left alone")
        assert os.lstat(blocked).st_uid == 65534
    finally:
        theirs.close()


def test_the_socket_file_is_private_and_goes_with_the_window_but_never_a_later_ones(
    runtime_dir: Path, hipcoach_data_dir: Path
) -> None:
    owner = SingleInstance(hipcoach_data_dir)
    assert owner.acquire()
    assert owner.listen(Receiver())
    assert owner.problems == []
    address = first_address(hipcoach_data_dir)
    info = os.lstat(address)
    assert stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) == 0o600
    owner.release()
    assert not os.path.lexists(address)

    again = SingleInstance(hipcoach_data_dir)
    assert again.acquire()
    assert again.listen(Receiver())
    os.unlink(address)  # as if a later window had replaced it with its own
    later = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        later.bind(address)
        again.release()
        assert stat.S_ISSOCK(os.lstat(address).st_mode)
    finally:
        later.close()


def test_peers_beyond_the_limit_are_turned_away_and_a_message_in_pieces_is_read_whole(
    qtbot: QtBot, window: SingleInstance, hipcoach_data_dir: Path
) -> None:
    window.read_timeout_ms = 1000
    receiver = Receiver()
    assert window.listen(receiver)
    address = next(a for a in core_instance.socket_addresses(hipcoach_data_dir) if core_instance.owned_socket(a))
    silent = [connect(address) for _ in range(MAX_CONNECTIONS)]
    try:
        one_too_many = connect(address)
        qtbot.waitUntil(lambda: closed_without_answer(one_too_many), timeout=10_000)
        one_too_many.close()
        for peer in silent:  # each says nothing: closed after the read timeout, without an answer
            qtbot.waitUntil(lambda peer=peer: closed_without_answer(peer), timeout=10_000)
    finally:
        for peer in silent:
            peer.close()
    peer = connect(address)
    try:
        for piece in (b'["--sta', b'rt", "stre', b'ngth"]\n'):
            peer.sendall(piece)
            QCoreApplication.processEvents()  # the window reads what has arrived: this piece alone
        reply = bytearray()
        qtbot.waitUntil(lambda: bool(select.select([peer], [], [], 0)[0]) and not reply.extend(peer.recv(4096)))
        assert json.loads(bytes(reply)) == {"ok": True, "message": "taken"}
        assert receiver.received == [["--start", "strength"]]
    finally:
        peer.close()
