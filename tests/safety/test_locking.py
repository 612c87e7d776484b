"""Two people, one file: holders are named, stale locks are reclaimed, changes on disk noticed."""

from __future__ import annotations

import ctypes
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from selfassess.files import locking


def test_second_holder_is_told_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("x = 1\n")
    # another live process holds it
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        locking.lock_path(path).write_text(
            json.dumps(
                {
                    "user": "alex",
                    "host": __import__("socket").gethostname(),
                    "pid": other.pid,
                    "since": "2026-11-25T09:30:00",
                }
            )
        )
        holder = locking.acquire(path)
        assert holder is not None and holder.user == "alex"
        assert "alex" in holder.describe() and "25 November 2026 at 09:30" in holder.describe()
        # taking over knowingly works
        assert locking.acquire(path, take_over=True) is None
        mine = locking.read_holder(path)
        assert mine is not None and mine.pid == os.getpid()
    finally:
        other.kill()
        other.wait()
    locking.release(path)
    assert not locking.lock_path(path).exists()


def test_stale_lock_after_a_crash_is_reclaimed(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    locking.lock_path(path).write_text(
        json.dumps(
            {
                "user": "sam",
                "host": __import__("socket").gethostname(),
                "pid": dead.pid,
                "since": "2026-11-25T09:30:00",
            }
        )
    )
    assert locking.acquire(path) is None
    mine = locking.read_holder(path)
    assert mine is not None and mine.pid == os.getpid()


def test_changes_on_disk_are_noticed(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("x = 1\n")
    stamp = locking.Stamp.of(path)
    assert not locking.changed_on_disk(path, stamp)
    path.write_text("x = 2\n")
    assert locking.changed_on_disk(path, stamp)


def test_recovery_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    assert locking.read_recovery(path) is None
    locking.write_recovery(path, "authority = 'x'\n")
    assert locking.read_recovery(path) == "authority = 'x'\n"
    locking.discard_recovery(path)
    assert locking.read_recovery(path) is None


def _lock_held_by(path: Path, pid: int, host: str | None = None) -> None:
    locking.lock_path(path).write_text(
        json.dumps(
            {
                "user": "alex",
                "host": platform.node() if host is None else host,
                "pid": pid,
                "since": "2026-12-01T09:05:00",
            }
        )
    )


STILL_ACTIVE = 259


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> dict[int, int | None]:
    """Pretend to run on Windows, where ``os.kill(pid, 0)`` would END the process.

    Windows' kernel32 is played by a stand-in that knows the processes put in the returned
    dict: process number -> exit code (259 while it runs), or None for one we may not open.
    """
    processes: dict[int, int | None] = {}
    last_error = 0

    def open_process(access: int, inherit: bool, pid: int) -> int | None:
        nonlocal last_error
        if pid not in processes:
            last_error = 87  # ERROR_INVALID_PARAMETER: no such process
            return None
        if processes[pid] is None:
            last_error = 5  # ERROR_ACCESS_DENIED
            return None
        return 10_000 + pid

    def get_exit_code_process(handle: int, code: Any) -> int:
        code.contents.value = processes[handle - 10_000]
        return 1

    def close_handle(handle: int) -> int:
        return 1

    kernel32 = SimpleNamespace(
        OpenProcess=open_process,
        GetExitCodeProcess=get_exit_code_process,
        CloseHandle=close_handle,
    )

    def no_kill(pid: int, sig: int) -> None:
        raise AssertionError(f"os.kill({pid}, {sig}) on Windows would end that process")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "kill", no_kill)
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, **_: kernel32, raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: last_error, raising=False)
    return processes


def test_on_windows_a_running_holder_keeps_the_file(
    tmp_path: Path, windows: dict[int, int | None]
) -> None:
    path = tmp_path / "a.toml"
    windows[4242] = STILL_ACTIVE
    _lock_held_by(path, 4242)
    holder = locking.acquire(path)
    assert holder is not None and holder.pid == 4242
    assert "alex" in holder.describe() and "1 December 2026 at 09:05" in holder.describe()


def test_on_windows_a_holder_we_may_not_inspect_keeps_the_file(
    tmp_path: Path, windows: dict[int, int | None]
) -> None:
    path = tmp_path / "a.toml"
    windows[4242] = None  # e.g. a process of another user
    _lock_held_by(path, 4242)
    assert locking.acquire(path) is not None


@pytest.mark.parametrize("exit_code", [0, 1, None], ids=["exited", "crashed", "gone"])
def test_on_windows_a_lock_left_by_a_crash_is_reclaimed(
    tmp_path: Path, windows: dict[int, int | None], exit_code: int | None
) -> None:
    path = tmp_path / "a.toml"
    if exit_code is not None:
        windows[4242] = exit_code  # ended, but Windows still knows it
    _lock_held_by(path, 4242)
    assert locking.acquire(path) is None
    holder = locking.read_holder(path)
    assert holder is not None and holder.pid == os.getpid()


def test_a_lock_from_another_computer_is_never_taken_for_dead(tmp_path: Path) -> None:
    """Its process number means nothing here: no such process on this computer proves nothing."""
    path = tmp_path / "a.toml"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    other_host = platform.node() + "-laptop-17"
    _lock_held_by(path, dead.pid, host=other_host)
    holder = locking.acquire(path)
    assert holder is not None and holder.host == other_host


@pytest.mark.parametrize("pid", [0, -1, 2**40])
def test_a_lock_naming_no_real_process_does_not_shut_people_out(tmp_path: Path, pid: int) -> None:
    path = tmp_path / "a.toml"
    _lock_held_by(path, pid)
    assert locking.acquire(path) is None
