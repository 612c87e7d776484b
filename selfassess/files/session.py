"""An assessment file open for editing: opening it (with its lock), recovery of unsaved work,
saves made by someone else, saving, and carrying an older file over to a newer framework.

The rules live here, with no user interface: where the user must decide, a step returns a
*question* (``HeldByColleague``, ``RecoveryOffer``, ``ChangedOnDisk``, ``MigrationOffer``) or a
``FileProblem`` to show, and the user interface passes the answer back. The app shows dialogs;
the tests drive this module directly.
"""

from __future__ import annotations

import datetime
import errno
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import msgspec

from selfassess.files import locking, recent
from selfassess.files.store import (
    Loaded,
    Saved,
    framework_for,
    free_name,
    load_assessment,
    parse_toml,
    read_toml,
    relative_path,
    save_assessment,
)
from selfassess.model.assessment import (
    Assessment,
    assessment_to_data,
    check_assessment,
    decode_assessment,
    new_assessment,
)
from selfassess.model.editing import Draft
from selfassess.model.errors import InputError, Problem
from selfassess.model.framework import Framework

# --- what the user must be told or asked ---------------------------------------------------


@dataclass(frozen=True)
class FileProblem:
    """Something went wrong that the user can act on; nothing was changed."""

    title: str
    message: str
    advice: str = ""


@dataclass(frozen=True)
class Missing:
    """The file named on the command line does not exist yet (it may be created)."""

    path: Path


@dataclass(frozen=True)
class HeldByColleague:
    """Someone else has the file open. Ask: open it read-only, take it over, or cancel."""

    path: Path
    holder: str
    """Who, where and since when, for people ("alex on PC-12 has had it open since ...")."""


class HolderAnswer(Enum):
    """The answers to ``HeldByColleague``."""

    READ_ONLY = "read"
    TAKE_OVER = "take"
    CANCEL = "cancel"


@dataclass(frozen=True)
class RecoveryOffer:
    """Unsaved work was left behind by an earlier session. Ask: restore it, discard it, or
    decide later (it is kept)."""

    path: Path
    saved_at: datetime.datetime | None
    """When the unsaved work was last copied (None if that cannot be told)."""
    text: str


@dataclass(frozen=True)
class ChangedOnDisk:
    """Someone (or another program) saved the file after it was opened. Ask: overwrite theirs
    (kept as ``.bak``), save ours as ``copy_path``, or cancel."""

    path: Path
    copy_path: Path


@dataclass(frozen=True)
class MigrationOffer:
    """The file was made against an older version of its framework. Ask: carry it over to
    ``output`` (the original is never changed), or cancel."""

    path: Path
    output: Path
    framework_id: str
    old_version: str
    new_version: str
    dropped: list[str]
    """What cannot be carried over (it stays in the original), one line each."""
    migrated: Assessment
    framework: Framework


@dataclass(frozen=True, repr=False)
class RecoverySnapshot:
    """The draft as it was when an autosave was asked for, safe to write from another thread.

    Held as the bytes to be written (JSON), not as a copy of the assessment: msgspec encodes a
    2,000-criterion assessment in a few milliseconds, where a deep copy took most of a second
    (and writing it as TOML, pure Python, slowed the app's every key while it ran, even in
    another thread). Bytes cannot change afterwards, so the file written is exactly the draft
    as it was at that moment, whatever is edited while it is written.
    """

    generation: int
    encoded: bytes

    def __repr__(self) -> str:  # not the megabytes it holds
        return f"RecoverySnapshot({self.generation}, {len(self.encoded):,} bytes)"

    @property
    def assessment(self) -> Assessment:
        """The assessment as it was (a new copy each time)."""
        return msgspec.json.decode(self.encoded, type=Assessment)


# --- opening ---------------------------------------------------------------------------------


def _beside(path: Path, word: str) -> Path:
    """``NAME-word.toml`` beside ``path`` (``NAME-word-2.toml`` ... if taken): never an
    existing file."""
    return free_name(path.with_name(f"{path.stem}-{word}{path.suffix}"))


def read(
    path: Path, *, missing_is_new: bool = False
) -> Loaded | Missing | MigrationOffer | FileProblem:
    """Read an assessment to open it. A file that cannot be used is never written: its problems
    are returned in full. ``missing_is_new``: a file that does not exist is ``Missing`` (to be
    created) rather than a problem."""
    if missing_is_new and not path.exists():
        return Missing(path)
    try:
        return load_assessment(path)
    except InputError as exc:
        if any(p.place == "framework_version" for p in exc.problems):
            return _migration_offer(path)
        return FileProblem(
            "This file could not be opened",
            exc.summary(),
            "The file has not been changed. Open another file, or, if this is the right one, "
            "correct what is listed in a text editor.",
        )


def claim(path: Path, *, take_over: bool = False) -> HeldByColleague | None:
    """Hold the file's lock; if a colleague holds it (and ``take_over`` is false), who.

    A folder where no lock can be written (read-only) is no reason to refuse the file.
    """
    try:
        holder = locking.acquire(path, take_over=take_over)
    except OSError:
        return None
    return None if holder is None else HeldByColleague(path, holder.describe())


def create(
    framework: Framework,
    framework_file: Path | None,
    authority: str,
    path: Path,
    *,
    details: Mapping[str, object] | None = None,
) -> Loaded:
    """Start a new assessment and write it at once, so the file exists from the start.

    ``details``: more of the assessment's top-level fields (e.g. ``authority_code``); a name
    the assessment does not have is ignored. Raises ``OSError`` if it cannot be written.
    """
    try:
        name = relative_path(framework_file, path.parent) if framework_file is not None else ""
    except InputError as exc:  # on another drive: the app reports it as a file it cannot write
        raise OSError(errno.EXDEV, exc.problems[0].message, str(framework_file)) from None
    assessment = new_assessment(framework, authority, framework_file=name)
    for field_name, value in (details or {}).items():
        if field_name in type(assessment).__struct_fields__:
            setattr(assessment, field_name, value)
    save_assessment(assessment, path, framework)
    return Loaded(path, assessment, framework)


def _migration_offer(path: Path) -> MigrationOffer | FileProblem:
    from selfassess.model.migration import migrate

    try:
        assessment, problems = decode_assessment(read_toml(path), str(path))
        if assessment is None:
            raise InputError(path, problems)
        target = framework_for(assessment, path)
    except InputError as exc:
        return FileProblem("This file could not be opened", exc.summary())
    migrated, report = migrate(assessment, target)
    return MigrationOffer(
        path=path,
        output=_beside(path, "migrated"),
        framework_id=target.id,
        old_version=assessment.framework_version,
        new_version=target.version,
        dropped=list(report.dropped),
        migrated=migrated,
        framework=target,
    )


def carry_over(offer: MigrationOffer) -> Path:
    """Write the carried-over assessment to its new file; raises ``OSError`` if it cannot."""
    save_assessment(offer.migrated, offer.output, offer.framework)
    return offer.output


# --- recovery files ---------------------------------------------------------------------------


INDENTED_UP_TO = 1024 * 1024
"""Recovery copies up to this size are indented, one setting a line, for reading; larger ones
(assessments of a thousand criteria or more) are one line: indenting a few megabytes holds up
the app for several milliseconds, even from another thread."""


def recovery_bytes(snapshot: RecoverySnapshot) -> bytes:
    """What the recovery file holds for a snapshot: the assessment as JSON in UTF-8 (a text file
    a person can read, like the assessment itself), with a trailing newline."""
    if len(snapshot.encoded) > INDENTED_UP_TO:
        return snapshot.encoded + b"\n"
    return msgspec.json.format(snapshot.encoded, indent=2) + b"\n"


def _parse_recovery(text: str, path: Path | None) -> dict[str, Any]:
    """The plain data of a recovery file: JSON as autosave writes it, or TOML as earlier
    versions of selfassess did (a TOML file can never start with "{")."""
    if not text.lstrip().startswith("{"):
        return parse_toml(text.encode("utf-8"), path)
    try:
        data = msgspec.json.decode(text)
    except msgspec.DecodeError as exc:
        raise InputError.single(path, f"is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError.single(path, "does not hold an assessment")
    return data


# --- an open file ----------------------------------------------------------------------------


class Session:
    """One assessment file open for editing, and what is known about the file on disk.

    Autosave copies unsaved work to a recovery file beside the assessment (never the file
    itself). The copy may be written from another thread: writes are taken one at a time, and
    an older copy never replaces a newer one or comes back after a save.
    """

    def __init__(self, loaded: Loaded, *, read_only: bool = False) -> None:
        self.draft = Draft(loaded.path, loaded.framework, loaded.assessment, read_only=read_only)
        self._stamp = locking.Stamp.of(loaded.path)
        self._write_lock = threading.Lock()
        self._generation = 0
        """Counts the snapshots taken; the recovery file holds the newest written."""
        self._written_generation = 0
        self._recovery_bytes = b""
        """What the recovery file holds now ("" if we wrote none)."""
        recent.remember(loaded.path)

    @property
    def path(self) -> Path:
        return self.draft.path

    # --- recovery ----------------------------------------------------------------------------

    def recovery_offer(self) -> RecoveryOffer | FileProblem | None:
        """Unsaved work left behind by an earlier session, to offer back (None if there is none
        or it holds nothing new, in which case it is removed)."""
        if self.draft.read_only:
            return None
        path = self.path
        recovery = locking.recovery_path(path)
        text = locking.read_recovery(path)
        if text is None:
            if recovery.exists():
                return self._bad_recovery("it is not readable UTF-8 text")
            return None
        try:
            saved: str | None = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            saved = None
        if text == saved or self._holds_nothing_new(text):
            locking.discard_recovery(path)  # nothing was lost
            return None
        try:
            when: datetime.datetime | None = datetime.datetime.fromtimestamp(
                recovery.stat().st_mtime
            )
        except OSError:
            when = None
        return RecoveryOffer(path, when, text)

    def restore(self, offer: RecoveryOffer) -> FileProblem | None:
        """Put the recovered work in the draft, checked like any file; unsaved until saved.

        A recovery that cannot be used changes nothing and is kept.
        """
        draft = self.draft
        recovery = locking.recovery_path(self.path)
        try:
            data = _parse_recovery(offer.text, recovery)
            assessment, problems = decode_assessment(data, str(recovery))
            if assessment is None:
                raise InputError(recovery, problems)
            if (assessment.framework, assessment.framework_version) != (
                draft.framework.id,
                draft.framework.version,
            ):
                problems.append(
                    Problem("framework", "it was made against another framework than the file")
                )
            else:
                problems += check_assessment(assessment, draft.framework)
            if problems:
                raise InputError(recovery, problems)
        except InputError as exc:
            return self._bad_recovery(exc.summary())
        draft.restore(assessment)
        return None

    def _holds_nothing_new(self, text: str) -> bool:
        """Whether a recovery file holds just what the saved file does."""
        draft = self.draft
        try:
            recovered, problems = decode_assessment(_parse_recovery(text, None), "")
        except InputError:
            return False
        if recovered is None or problems:
            return False
        return assessment_to_data(recovered, draft.framework) == assessment_to_data(
            draft.assessment, draft.framework
        )

    def _bad_recovery(self, problem: str) -> FileProblem:
        recovery = locking.recovery_path(self.path)
        return FileProblem(
            "The unsaved work could not be restored",
            problem,
            f"The saved version is open. The recovery file was kept as {recovery}, so "
            "nothing more is lost; it is a text file you can look at.",
        )

    def discard_recovery(self) -> None:
        """Remove the recovery file (a deliberate choice: nothing is left to recover)."""
        with self._write_lock:
            self._forget_snapshots()
            locking.discard_recovery(self.path)

    def _forget_snapshots(self) -> None:
        """Make every snapshot taken so far too old to be written (call with the lock held)."""
        self._generation += 1
        self._written_generation = self._generation
        self._recovery_bytes = b""

    # --- autosave ----------------------------------------------------------------------------

    def snapshot(self) -> RecoverySnapshot | None:
        """The unsaved work to copy for recovery, or None if there is nothing to copy.

        Call from the thread that edits the draft; an unchanged draft removes a recovery file
        written earlier (the changes were undone by hand).
        """
        draft = self.draft
        if draft.read_only:
            return None
        if not draft.modified:
            if self._recovery_bytes:
                self.discard_recovery()
            return None
        self._generation += 1
        return RecoverySnapshot(self._generation, msgspec.json.encode(draft.assessment))

    def write_recovery(self, snapshot: RecoverySnapshot) -> None:
        """Write a snapshot to the recovery file, unless a newer one was written already (or
        the file was saved since). Safe from any thread; raises ``OSError``."""
        with self._write_lock:
            if snapshot.generation <= self._written_generation:
                return
            data = recovery_bytes(snapshot)
            if data != self._recovery_bytes:
                locking.write_recovery(self.path, data)
            self._written_generation = snapshot.generation
            self._recovery_bytes = data

    # --- saving ------------------------------------------------------------------------------

    def changed_on_disk(self) -> ChangedOnDisk | None:
        """Whether someone else saved the file since we opened or saved it (ask before
        replacing their version)."""
        if not locking.changed_on_disk(self.path, self._stamp):
            return None
        return ChangedOnDisk(self.path, _beside(self.path, "copy"))

    def save(self) -> Saved:
        """Write the draft to its file (atomically; the previous version kept as ``.bak``).

        Returns what was done, including why a backup could not be kept, for the UI to say.
        Raises ``OSError`` if it cannot be written; then nothing is marked saved.
        """
        draft = self.draft
        with self._write_lock:
            saved = save_assessment(draft.assessment, draft.path, draft.framework)
            self._forget_snapshots()
            locking.discard_recovery(draft.path)
        draft.mark_saved()
        self._stamp = locking.Stamp.of(draft.path)
        recent.remember(draft.path)
        return saved

    def save_as_copy(self, copy_path: Path) -> Saved:
        """Save to a new file and carry on editing that one; the original is left as it is.

        Raises ``OSError`` if the copy cannot be written (then the original stays open).
        """
        original = self.draft.path
        self.draft.path = copy_path
        try:
            saved = self.save()
        except OSError:
            self.draft.path = original
            raise
        locking.discard_recovery(original)
        try:
            locking.release(original)
            locking.acquire(copy_path)
        except OSError:
            pass
        return saved

    def release(self) -> None:
        """Give up the file's lock (on closing or quitting)."""
        try:
            locking.release(self.path)
        except OSError:
            pass
