"""Reading and writing framework and assessment files (TOML), with located errors.

Every read failure becomes an InputError naming the file (and the place, where there is one);
writes are atomic (temporary file in the same folder, fsync, rename) and deterministic, and keep
the previous version as ``FILE.bak``.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import msgspec
import tomli

from selfassess.files.paths import cache_dir
from selfassess.model.assessment import (
    Assessment,
    assessment_to_data,
    check_assessment,
    decode_assessment,
)
from selfassess.model.errors import InputError, Problem
from selfassess.model.framework import Framework, framework_from_data
from selfassess.model.validation import suggest

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused rather than read into memory. The largest assessment
written in testing (2,000 criteria, ten evidence items each) is a few megabytes."""


def read_toml(path: str | Path) -> dict[str, Any]:
    """Parse a TOML file, turning every way it can fail into a message about that file."""
    return parse_toml(read_input(Path(path), str(path)), path)


def read_input(
    path: Path,
    name: str,
    *,
    kind: str = "file",
    too_large: str = "a selfassess file",
    limit: int = MAX_FILE_BYTES,
) -> bytes:
    """The bytes of an input file, or an InputError naming it (``name``, as the user gave it)
    that says why it cannot be read: a folder, a device or pipe, too large, missing, not
    allowed, or empty.

    Only ordinary files are read. The file is opened without waiting (a pipe nobody writes to
    would otherwise hang the command for ever) and checked on the open handle, and at most
    ``limit`` bytes are read, so that a device such as /dev/zero or a file that grows while
    being read cannot use up the computer's memory.
    """
    import stat

    def too_big(size: int) -> InputError:
        return InputError.single(
            name,
            f"is too large to be {too_large} ({_megabytes(size)}). selfassess reads files of "
            f"up to {_megabytes(limit)}.",
        )

    try:
        if path.is_dir():
            raise InputError.single(name, f"is a folder, not a {kind}")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError.single(name, f"is a folder, not a {kind}")
            if not stat.S_ISREG(info.st_mode):
                raise InputError.single(
                    name, f"is not an ordinary {kind} (it is a device, pipe or socket)"
                )
            if info.st_size > limit:
                raise too_big(info.st_size)
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise too_big(len(raw))
    except FileNotFoundError:
        raise InputError.single(name, "does not exist") from None
    except PermissionError:
        raise InputError.single(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError.single(name, f"cannot be read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise InputError.single(name, "is empty")
    return raw


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


_OTHER_KINDS = (
    (b"PK\x03\x04", "a Word or Excel document (or another zipped file)"),
    (b"%PDF", "a PDF"),
    (b"\xd0\xcf\x11\xe0", "an older Word or Excel document"),
)
"""Files people give in place of an assessment, told by how they start."""


def _not_toml(path: str | Path | None, kind: str) -> InputError:
    """A file of another kind, named as such: "not valid TOML" would mean nothing to its owner."""
    return InputError.single(
        path,
        f"is {kind}, not a selfassess file: assessments and frameworks are text files whose "
        "names end in .toml",
    )


def parse_toml(raw: bytes, path: str | Path | None = None) -> dict[str, Any]:
    if not raw.strip():
        raise InputError.single(path, "is empty")
    for start, kind in _OTHER_KINDS:
        if raw.startswith(start):
            raise _not_toml(path, kind)
    if b"\x00" in raw[:8192]:
        raise InputError.single(path, "is not a text file (it looks like binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            path, f"is not UTF-8 text (byte {exc.start + 1} cannot be read); save it as UTF-8"
        ) from None
    try:
        # tomli rather than the standard library's tomllib (the same parser, same messages):
        # its wheels are compiled, and read a file three to four times faster.
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        if path is not None and Path(path).suffix.lower() == ".csv":
            raise _not_toml(
                path,
                "a CSV file (a spreadsheet saved as text; case-audit results in one go in with "
                "selfassess import-audits)",
            ) from None
        raise InputError.single(path, f"is not valid TOML: {exc}") from None
    except RecursionError:
        # tomli refuses lists and tables nested hundreds deep, and keys of a thousand parts,
        # this way (the standard library's parser runs out of stack): no selfassess file has them.
        raise InputError.single(
            path,
            "cannot be read: it has lists or tables nested hundreds of levels deep, or a key "
            "with a thousand or more dotted parts; no framework or assessment looks like this",
        ) from None
    if not data:
        raise InputError.single(path, "is empty (it holds no settings)")
    return data


# --- frameworks -------------------------------------------------------------------------------


def bundled_framework_files() -> list[Path]:
    """The framework files that ship with selfassess, in name order."""
    from importlib.resources import files

    # pip installs packages as plain files, so every entry is a real file with a path.
    entries = files("selfassess.frameworks").iterdir()
    return sorted(Path(str(e)) for e in entries if e.name.endswith(".toml"))


def load_framework(path: str | Path) -> Framework:
    """Read and check a framework file, through a cache of checked frameworks.

    Parsing and checking a 60-criterion framework takes ~20 ms, a large share of
    ``selfassess report``'s start-up; a checked framework is kept as msgpack in the user's cache
    folder, keyed on the file's path, size and modification time, and reused while those hold.
    """
    path = Path(path)
    cache = _cache_file(path)
    if cache is not None:
        try:
            return msgspec.msgpack.decode(cache.read_bytes(), type=Framework)
        except (OSError, msgspec.DecodeError):
            pass
    framework = framework_from_data(read_toml(path), str(path))
    from selfassess.data.linked import check_indicator_links

    check_indicator_links(framework, str(path))  # criteria's links to published figures
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(cache, msgspec.msgpack.encode(framework), backup=False)
        except OSError:
            pass  # a cache that cannot be written only costs time
    return framework


def _cache_file(path: Path) -> Path | None:
    """Where a checked copy of this framework file would be cached (None: no caching)."""
    if os.environ.get("SELFASSESS_NO_CACHE"):
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    import zlib  # a cheap checksum for the name; hashlib costs 4 ms of start-up

    from selfassess import __version__

    where = zlib.crc32(str(path.resolve()).encode())
    key = f"{path.stem}-{where:08x}-{stat.st_size}-{stat.st_mtime_ns}-{__version__}"
    return cache_dir() / "frameworks" / f"{key}.msgpack"


def bundled_frameworks() -> dict[str, Framework]:
    """Bundled frameworks by id."""
    frameworks = [load_framework(p) for p in bundled_framework_files()]
    return {f.id: f for f in frameworks}


def bundled_framework(framework_id: str) -> Framework:
    """A bundled framework by id (reads only its own file)."""
    for path in bundled_framework_files():
        if path.stem == framework_id:
            return load_framework(path)
    ids = [p.stem for p in bundled_framework_files()]
    raise InputError.single(
        None,
        f'There is no bundled framework "{framework_id}"{suggest(framework_id, ids)}. '
        f"Bundled frameworks: {', '.join(ids)}.",
    )


def resolve_framework(spec: str) -> tuple[Framework, str]:
    """A framework from a bundled id or a path to a TOML file; also what to record in a new file."""
    if spec.endswith(".toml") or os.sep in spec or Path(spec).is_file():
        return load_framework(spec), str(Path(spec).resolve())
    return bundled_framework(spec), ""


def framework_file_path(path: str | Path, framework_file: str) -> Path:
    """Where an assessment's ``framework_file`` is: a path from the assessment's own folder
    (where the file really is: one opened through a link to a shared copy uses the framework
    beside that copy). Written with ``/`` or ``\\`` between folders, so a file made on
    Windows opens on a Mac and the other way round; ``..`` may lead to a folder beside it.

    A full path, a drive (``C:``) or a network address (``\\\\server\\share``) is refused with
    an InputError on ``framework_file``: opening an assessment someone has sent must never make
    selfassess read from another computer (on Windows, merely opening a network path sends the
    user's sign-in to it), and a relative path keeps the assessment and its framework movable
    together.
    """
    from pathlib import PurePosixPath, PureWindowsPath

    from selfassess.model.labels import plain

    portable = framework_file.replace("\\", "/")
    if (
        "\x00" in framework_file
        or portable.startswith("/")
        or PureWindowsPath(framework_file).drive
        or (len(framework_file) > 1 and framework_file[1] == ":")
    ):
        shown = plain(framework_file, single_line=True)
        raise InputError(
            path,
            [
                Problem(
                    "framework_file",
                    f'"{shown}" is not a path from this file\'s folder. Name the framework '
                    'file relative to the assessment, e.g. "our-framework.toml" beside it or '
                    '"../frameworks/our-framework.toml"; a full path, a drive or a network '
                    "address (\\\\server\\share) is never followed.",
                )
            ],
        )
    return Path(os.path.realpath(path)).parent.joinpath(*PurePosixPath(portable).parts)


def framework_for(assessment: Assessment, path: Path) -> Framework:
    """The framework an assessment was made against: its own file, else the bundled one."""
    if assessment.framework_file:
        framework_path = framework_file_path(path, assessment.framework_file)
        try:
            framework = load_framework(framework_path)
        except InputError as exc:
            raise InputError(
                path, [Problem("framework_file", f"could not be read: {exc}")]
            ) from None
    else:
        try:
            framework = bundled_framework(assessment.framework)
        except InputError as exc:
            raise InputError(path, [Problem("framework", str(exc))]) from None
    if framework.id != assessment.framework:
        raise InputError(
            path,
            [
                Problem(
                    "framework",
                    f'is "{assessment.framework}" but the framework file holds "{framework.id}"',
                )
            ],
        )
    return framework


# --- assessments ------------------------------------------------------------------------------


class Loaded:
    """An assessment with the framework it was made against, and where it came from.

    A plain class: a dataclass would import ``dataclasses`` and ``inspect`` on the report path.
    """

    __slots__ = ("assessment", "framework", "path")

    def __init__(self, path: Path, assessment: Assessment, framework: Framework) -> None:
        self.path = path
        self.assessment = assessment
        self.framework = framework


def load_assessment(path: str | Path) -> Loaded:
    """Read, type-check and check an assessment against its framework; every problem is listed."""
    path = Path(path)
    data = read_toml(path)
    if "judgements" in data and "framework" not in data:
        raise InputError.single(
            path, "is a framework, not an assessment (try `selfassess validate`)"
        )
    assessment, problems = decode_assessment(data, str(path))
    if assessment is None:
        raise InputError(path, problems)
    try:
        framework = framework_for(assessment, path)
    except InputError as exc:
        raise InputError(path, problems + exc.problems) from None
    problems += check_assessment(assessment, framework)
    if problems:
        problems.sort(key=_problem_order(data))
        if assessment.framework_version != framework.version:
            problems.insert(
                0,
                Problem(
                    "framework_version",
                    f"this file was made against version {assessment.framework_version} of "
                    f"{framework.id}, which is now version {framework.version}. "
                    f"Carry it over with: selfassess migrate {path} -o NEW-FILE.toml",
                ),
            )
        raise InputError(path, problems)
    return Loaded(path, assessment, framework)


def _problem_order(data: dict[str, Any]) -> Callable[[Problem], tuple[int, int, str]]:
    """Sort problems by where they are in the file, so the list reads top to bottom."""
    keys = {name: n for n, name in enumerate(data)}
    table = data.get("criteria")
    criteria = {name: n for n, name in enumerate(table)} if isinstance(table, dict) else {}

    def key(problem: Problem) -> tuple[int, int, str]:
        head = problem.place.split(".")[0].split("[")[0]
        top = keys.get(head, len(keys))
        sub = len(criteria)
        if head == "criteria":
            rest = problem.place[len("criteria.") :].split(".")[0].strip('"')
            sub = criteria.get(rest, len(criteria))
        return top, sub, problem.place

    return key


def relative_path(target: str | Path, folder: str | Path) -> str:
    """``target`` as a path from ``folder``, with ``/`` between folders: how an assessment names
    its framework file (see ``framework_file_path``), so the two can move together.

    Raises InputError when there is none (another drive on Windows): a full path would not be
    followed when the assessment is opened.
    """
    try:
        relative = os.path.relpath(target, folder)
    except ValueError:
        raise InputError.single(
            target,
            "is on another drive from the assessment. An assessment names its framework file "
            "by a path from its own folder: copy the framework to the assessment's drive (beside "
            "it, say) and use that copy.",
        ) from None
    return relative.replace(os.sep, "/")


def dumps_assessment(
    assessment: Assessment, framework: Framework | None = None, *, header: str = ""
) -> str:
    """The assessment as TOML text: stable order, defaults left out, trailing newline.

    ``header``: comment lines to put first (see ``leading_comments``).
    """
    import tomli_w  # only needed when writing

    text = tomli_w.dumps(assessment_to_data(assessment, framework), multiline_strings=True)
    text = text if text.endswith("\n") else text + "\n"
    return f"{header}\n{text}" if header else text


def leading_comments(path: Path) -> str:
    """The comment lines at the top of an existing file ("" if none, or no file).

    Saving writes the file afresh, in a fixed order, so comments among the settings cannot be
    kept; a note at the top (who keeps the file, what it is for) is, so that it is not lost.
    """
    try:
        raw = read_input(path, str(path))
    except InputError:  # no file yet, or not one to take comments from
        return ""
    lines: list[str] = []
    for line in raw.decode("utf-8-sig", errors="replace").splitlines():
        if line.startswith("#") or (lines and not line.strip()):
            lines.append(line.rstrip() + "\n")
        else:
            break
    return "".join(lines).rstrip("\n") + "\n" if lines else ""


class Saved(NamedTuple):
    """What a save did, for the message a person sees after it."""

    path: Path
    """The file written: the one given, or the file it links to (a link is kept, not replaced)."""
    backup: Path | None
    """Where the previous version is kept (None: there was none, or it could not be kept)."""
    backup_problem: str = ""
    """Why the previous version could not be kept, in words ("" if it was, or none was asked)."""


def save_assessment(
    assessment: Assessment, path: str | Path, framework: Framework | None = None
) -> Saved:
    """Write atomically: a temporary file beside the target, fsync, then rename over it.

    The previous version is kept as ``FILE.bak`` where it can be (see ``Saved``), and the
    comment lines at its top are kept in the new one. New files are readable by their owner
    only, because assessments can hold sensitive casework detail.
    """
    path = Path(path)
    header = leading_comments(path)
    text = dumps_assessment(assessment, framework, header=header)
    return write_text_atomic(path, text, through_links=True)


def write_text_atomic(
    path: Path,
    text: str,
    *,
    backup: bool = True,
    durable: bool = True,
    through_links: bool = False,
) -> Saved:
    """Write UTF-8 text to ``path`` atomically, keeping the old version as ``path.bak``."""
    data = text.encode("utf-8")
    return write_bytes_atomic(
        path, data, backup=backup, durable=durable, through_links=through_links
    )


STALE_TEMPORARY_SECONDS = 3600
"""A temporary file of ours older than this was left by a save that was stopped midway (a
crash, a power cut): a save takes seconds at most, so one this old is nobody's work in hand."""


def write_bytes_atomic(
    path: Path,
    data: bytes,
    *,
    backup: bool = True,
    durable: bool = True,
    through_links: bool = False,
) -> Saved:
    """Write bytes to ``path`` atomically; see ``save_assessment``.

    With ``through_links`` (the assessment itself), a path that is a symbolic link (a link to a
    shared copy, say) is saved through: the file it points to is replaced, atomically and beside
    itself, and the link stays a link, so everyone who reads through it sees the change. Every
    other file (the backup, lock, recovery copy, outputs) replaces a link put in its place
    rather than writing to wherever it points: a link planted on a shared drive must not turn a
    save into a write over someone's own files.

    ``durable=False`` leaves out the two waits for the disk (fsync): still never a half-written
    file, but a power cut just after may keep the old version. For the app's own small lists
    (recent files), not for the user's work: waiting for the disk cost about 15 ms of the app's
    start-up.
    """
    if through_links and path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    existing_mode = None
    try:
        existing = path.lstat()
    except FileNotFoundError:
        pass
    else:
        import stat

        if stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way", str(path))
        if not stat.S_ISLNK(existing.st_mode):  # a link is replaced, like a new file
            existing_mode = existing.st_mode & 0o777
    import tempfile  # only when writing: it costs start-up on the report path

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    kept: Path | None = None
    problem = ""
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, existing_mode if existing_mode is not None else 0o600)
        if backup and existing_mode is not None:
            backup_path = path.with_name(path.name + ".bak")
            try:
                _copy_backup(path, backup_path)
                kept = backup_path
            except OSError as exc:  # a missing backup must not stop the save itself
                problem = _backup_problem(backup_path, exc)
        os.replace(tmp, path)
        if durable:
            _fsync_folder(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _remove_stale_temporaries(folder, path.name)
    return Saved(path, kept, problem)


def _backup_problem(backup_path: Path, exc: OSError) -> str:
    if backup_path.is_dir():
        return (
            "the previous version could not be kept: a folder named "
            f"{backup_path.name} is in the way"
        )
    reason = exc.strerror or str(exc)
    return f"the previous version could not be kept as {backup_path.name}: {reason}"


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove temporary files that stopped saves of ``name`` left behind (see
    ``STALE_TEMPORARY_SECONDS``). Only names of exactly the shape ours have are touched."""
    import re
    import time

    ours = re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    try:
        with os.scandir(folder) as entries:
            stale = [
                entry.path
                for entry in entries
                if ours.fullmatch(entry.name)
                and entry.is_file(follow_symlinks=False)
                and entry.stat(follow_symlinks=False).st_mtime < cutoff
            ]
        for leftover in stale:
            os.unlink(leftover)
    except OSError:
        pass  # tidying up is a courtesy; it must never fail a save


def _copy_backup(path: Path, backup_path: Path) -> None:
    """Copy (not move) the old version, so the real file exists at every instant."""
    write_bytes_atomic(backup_path, path.read_bytes(), backup=False)


def free_name(path: Path) -> Path:
    """``path`` if nothing is there yet, else ``NAME-2.ext``, ``NAME-3.ext`` ... beside it: a
    name for a new file that never replaces an existing one (an earlier report, a copy)."""
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def held_by_other(path: str | Path) -> str | None:
    """Who else holds ``path`` open in the app, in words (e.g. "Ann on LAPTOP-7 has had it open
    since …"), or None. For commands that write an assessment: they must not write a file that
    someone is editing, whose next save would undo theirs (or theirs, the other's work)."""
    from selfassess.files import locking  # locking imports this module

    path = Path(path)
    for candidate in dict.fromkeys((path, Path(os.path.realpath(path)))):
        holder = locking.read_holder(candidate)
        if holder is None or locking.is_stale(holder):
            continue
        if holder.pid == os.getpid() and holder.host == locking.me().host:
            continue
        return holder.describe()
    return None


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
