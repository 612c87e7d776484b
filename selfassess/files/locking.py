"""Who has an assessment file open, recovery copies of unsaved work, and changes made on disk.

Assessments are shared on network drives and edited by several managers. A small lock file beside
the assessment says who holds it and since when, so a second person is told and opens it
read-only unless they knowingly take it over. A recovery file holds unsaved work so that a crash
loses seconds, not hours. A stamp of the file as loaded detects someone else's save before ours
would overwrite it.
"""

from __future__ import annotations

import datetime
import getpass
import hashlib
import json
import os
import platform
from dataclasses import asdict, dataclass
from pathlib import Path

from selfassess.files.store import write_text_atomic


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a file open: shown to anyone else who opens it."""

    user: str
    host: str
    pid: int
    since: str
    """ISO date and time, local."""

    def describe(self) -> str:
        try:
            when = datetime.datetime.fromisoformat(self.since).strftime("%-d %B %Y at %H:%M")
        except ValueError:
            when = self.since
        return f"{self.user} on {self.host} has had it open since {when}"


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def recovery_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.recovery")


def me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some containers
        user = "someone"
    return Holder(
        user,
        platform.node(),
        os.getpid(),
        datetime.datetime.now().replace(microsecond=0).isoformat(),
    )


def read_holder(path: Path) -> Holder | None:
    """Who holds ``path`` (None if nobody does, or the lock file is unreadable)."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return Holder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(holder: Holder) -> bool:
    """A lock left by a process on this machine that no longer runs (after a crash)."""
    return holder.host == platform.node() and not _alive(holder.pid)


def acquire(path: Path, *, take_over: bool = False) -> Holder | None:
    """Hold ``path``; returns None on success, or the other holder if someone else has it.

    A stale lock (its process is gone) is taken over silently; a live one only when asked.
    """
    lock = lock_path(path)
    mine = me()
    payload = json.dumps(asdict(mine), sort_keys=True) + "\n"
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        holder = read_holder(path)
        if holder is not None and holder.pid == mine.pid and holder.host == mine.host:
            return None
        if holder is not None and not is_stale(holder) and not take_over:
            return holder
        write_text_atomic(lock, payload, backup=False)
        return None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(payload)
    return None


def release(path: Path) -> None:
    """Give up ``path`` if we hold it (someone who took it over keeps it)."""
    holder = read_holder(path)
    if holder is not None and holder.pid == os.getpid() and holder.host == platform.node():
        try:
            lock_path(path).unlink()
        except OSError:
            pass


@dataclass(frozen=True, slots=True)
class Stamp:
    """A file's identity as we loaded it, to notice when someone else saves over it."""

    size: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> Stamp | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return cls(len(data), hashlib.sha256(data).hexdigest())


def changed_on_disk(path: Path, stamp: Stamp | None) -> bool:
    """Whether the file differs from what we loaded (or appeared/disappeared)."""
    return Stamp.of(path) != stamp


def write_recovery(path: Path, text: str) -> None:
    write_text_atomic(recovery_path(path), text, backup=False)


def read_recovery(path: Path) -> str | None:
    try:
        return recovery_path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def discard_recovery(path: Path) -> None:
    try:
        recovery_path(path).unlink()
    except OSError:
        pass
