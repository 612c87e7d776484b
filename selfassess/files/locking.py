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
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from selfassess.files.store import write_bytes_atomic, write_text_atomic
from selfassess.model.dates import long_date_time


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
            when = long_date_time(datetime.datetime.fromisoformat(self.since))
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
    """Whether a process with this number runs on this computer.

    When in doubt the answer is yes: a live lock taken for dead would let two people write
    over each other, while a dead one taken for live only means being asked to take it over.
    """
    if not 0 < pid < 2**31:
        return False  # no process has such a number: a damaged lock file
    if sys.platform == "win32":
        return _alive_on_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 only checks; on Windows it would end the process
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_ERROR_INVALID_PARAMETER = 87
"""What OpenProcess says when no process has that number."""
_STILL_ACTIVE = 259


def _alive_on_windows(pid: int) -> bool:
    """Ask Windows (kernel32) about the process: no such process, or one that has exited."""
    if sys.platform != "win32":  # also tells type checkers that the names below exist
        raise OSError("only Windows can be asked about its processes this way")
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (ctypes.c_uint32, ctypes.c_int, ctypes.c_uint32)
    kernel32.OpenProcess.restype = ctypes.c_void_p
    kernel32.GetExitCodeProcess.argtypes = (ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32))
    kernel32.GetExitCodeProcess.restype = ctypes.c_int
    kernel32.CloseHandle.argtypes = (ctypes.c_void_p,)
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # Access denied and the like mean the process exists but is not ours to look at.
        return ctypes.get_last_error() != _ERROR_INVALID_PARAMETER
    try:
        code = ctypes.c_uint32()
        if not kernel32.GetExitCodeProcess(handle, ctypes.pointer(code)):
            return True
        # A process that ended with code 259 reads as running: the safe mistake.
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def is_stale(holder: Holder) -> bool:
    """A lock left by a process on this machine that no longer runs (after a crash).

    A lock taken on another computer is never stale by this test: its process number means
    nothing here, and the file may well be open there.
    """
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


def write_recovery(path: Path, data: str | bytes) -> None:
    """Write the recovery copy beside ``path`` (text, or UTF-8 bytes)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    write_bytes_atomic(recovery_path(path), raw, backup=False)


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
