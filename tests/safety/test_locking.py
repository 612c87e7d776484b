"""Two people, one file: holders are named, stale locks are reclaimed, changes on disk noticed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
        assert locking.read_holder(path).pid == os.getpid()
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
    assert locking.read_holder(path).pid == os.getpid()


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
