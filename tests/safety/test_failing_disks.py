"""Writing when the disk or folder says no, saving through links, backups and leftovers: every
failure is a plain message with exit code 2, and nothing already on disk is lost."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.files import locking
from selfassess.files.store import load_assessment, save_assessment

FIXTURES = Path(__file__).parent.parent / "fixtures"
FRAMEWORK = (FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8")
ASSESSMENT = (
    'format_version = 1\nframework = "tiny"\nframework_version = "1"\n'
    'framework_file = "fw.toml"\nauthority = "Anytown"\n\n'
    '[criteria.hp-front-door]\nrating = "green"\n'
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "fw.toml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "a.toml").write_text(ASSESSMENT, encoding="utf-8")
    (tmp_path / "b.toml").write_text(ASSESSMENT, encoding="utf-8")
    return tmp_path


def commands(folder: Path, out: Path) -> dict[str, list[str]]:
    """Every command that writes a file, writing ``out``."""
    a, b = str(folder / "a.toml"), str(folder / "b.toml")
    return {
        "report": ["report", a, "-o", str(out)],
        "report-docx": ["report", a, "--format", "docx", "-o", str(out)],
        "actions": ["actions", a, "-o", str(out)],
        "merge": ["merge", a, b, "-o", str(out)],
        "migrate": ["migrate", a, "-o", str(out), "--framework", str(folder / "fw.toml")],
        "new": [
            "new",
            str(out),
            "--framework",
            str(folder / "fw.toml"),
            "--authority",
            "Peterborough",
        ],
    }


WRITERS = ["report", "report-docx", "actions", "merge", "migrate", "new"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the operating system refuses -------------------------------------------------------------


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the disk or folder is read-only"),
    ],
    ids=["read-only-folder", "read-only-file-system"],
)
def test_a_folder_that_cannot_be_written_gives_a_message(
    folder: Path,
    name: str,
    error: int,
    words: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Tests run as root, who may write anywhere: the folder's refusal is simulated where every
    # save starts, creating its temporary file.
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = folder / "out.file"
    code, err = run(commands(folder, out)[name], capsys)
    assert code == 2
    assert f"{out}: could not be" in err and words in err
    assert not out.exists()
    assert (folder / "a.toml").read_text(encoding="utf-8") == ASSESSMENT


@pytest.mark.parametrize("name", WRITERS)
def test_a_full_disk_gives_a_message_and_leaves_nothing_behind(
    folder: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    out = folder / "out.file"
    code, err = run(commands(folder, out)[name], capsys)
    assert code == 2 and f"{out}: could not be" in err and "the disk is full" in err
    assert not out.exists() and leftovers(folder) == []


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KB file system (tmpfs), where root may mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_really_full_disk_keeps_the_previous_version(
    tiny_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny_disk / "fw.toml").write_text(FRAMEWORK, encoding="utf-8")
    (tiny_disk / "a.toml").write_text(ASSESSMENT, encoding="utf-8")
    notes = "x" * 100_000
    code, _ = run(
        [
            "report",
            str(tiny_disk / "a.toml"),
            "--format",
            "json",
            "-o",
            str(tiny_disk / "out.json"),
        ],
        capsys,
    )
    assert code == 0  # small enough
    loaded = load_assessment(tiny_disk / "a.toml")
    loaded.assessment.editable_record("hp-plans").notes = notes
    with pytest.raises(OSError) as caught:
        save_assessment(loaded.assessment, tiny_disk / "a.toml", loaded.framework)
    assert caught.value.errno == errno.ENOSPC
    assert (tiny_disk / "a.toml").read_text(encoding="utf-8") == ASSESSMENT
    assert leftovers(tiny_disk) == []


@pytest.mark.skipif(sys.platform == "win32", reason="ulimit is POSIX")
def test_a_file_size_limit_gives_a_message_not_a_crash(folder: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    out = folder / "report.html"
    args = ["report", str(folder / "a.toml"), "--format", "html", "-o", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", *args],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "the file would be larger than this system allows" in result.stderr
    assert not out.exists() and leftovers(folder) == []


# --- outputs that are not files ---------------------------------------------------------------


@pytest.mark.parametrize("name", WRITERS)
def test_an_existing_folder_as_output_is_refused(
    folder: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = folder / "sub"
    out.mkdir()
    code, err = run(commands(folder, out)[name], capsys)
    assert code == 2 and f"{out}: " in err and "folder" in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", WRITERS)
def test_a_missing_folder_is_named(
    folder: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = folder / "missing" / "out.file"
    code, err = run(commands(folder, out)[name], capsys)
    assert code == 2 and f"{out}: " in err and "does not exist" in err


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
@pytest.mark.parametrize("name", ["report", "actions", "merge", "migrate"])
def test_standard_output_as_a_file_is_refused_not_replaced(folder: Path, name: str) -> None:
    """``-o /dev/stdout`` with output redirected to a file would otherwise replace that file."""
    log = folder / "log.txt"
    log.write_text("earlier lines\n", encoding="utf-8")
    args = commands(folder, Path("/dev/stdout"))[name]
    with log.open("a", encoding="utf-8") as handle:
        result = subprocess.run(
            [sys.executable, "-m", "selfassess", *args],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert "/dev/stdout: is not an ordinary file" in result.stderr
    assert log.read_text(encoding="utf-8") == "earlier lines\n"


# --- saving through links, backups, leftovers -------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_saving_through_a_link_changes_the_shared_file_and_keeps_the_link(
    folder: Path,
) -> None:
    shared = folder / "shared"
    shared.mkdir()
    (shared / "fw.toml").write_text(FRAMEWORK, encoding="utf-8")
    target = shared / "sef.toml"
    target.write_text(ASSESSMENT, encoding="utf-8")
    link = folder / "mine" / "sef.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    loaded = load_assessment(link)
    loaded.assessment.editable_record("hp-plans").rating = "red"
    saved = save_assessment(loaded.assessment, link, loaded.framework)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert load_assessment(target).assessment.rating("hp-plans") == "red"
    assert saved.backup == target.with_name("sef.toml.bak")
    assert saved.backup.read_text(encoding="utf-8") == ASSESSMENT
    assert leftovers(shared) == [] and sorted(p.name for p in link.parent.iterdir()) == ["sef.toml"]


def test_a_backup_that_cannot_be_kept_is_not_claimed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "a.toml"
    (folder / "a.toml.bak").mkdir()
    loaded = load_assessment(path)
    loaded.assessment.editable_record("hp-plans").rating = "red"
    saved = save_assessment(loaded.assessment, path, loaded.framework)
    assert saved.backup is None
    assert "could not be kept" in saved.backup_problem and "a.toml.bak" in saved.backup_problem
    assert load_assessment(path).assessment.rating("hp-plans") == "red"

    out = folder / "m.toml"
    out.write_text(ASSESSMENT, encoding="utf-8")
    (folder / "m.toml.bak").mkdir()
    code, err = run(["merge", str(path), str(folder / "b.toml"), "-o", str(out), "--force"], capsys)
    assert code == 0
    assert "previous version could not be kept" in err


def test_leftovers_of_a_stopped_save_are_cleared_by_the_next(folder: Path) -> None:
    path = folder / "a.toml"
    old = folder / ".a.toml.x1y2z3_4.tmp"  # the shape a save's temporary file has
    fresh = folder / ".a.toml.abcdefgh.tmp"  # a save in progress, perhaps someone else's
    others = [folder / ".a.toml.notours.tmp", folder / ".b.toml.abcdefgh.tmp", folder / "a.tmp"]
    for leftover in [old, fresh, *others]:
        leftover.write_text("half a file", encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    for leftover in [old, *others]:
        os.utime(leftover, (hours_ago, hours_ago))
    loaded = load_assessment(path)
    save_assessment(loaded.assessment, path, loaded.framework)
    assert not old.exists()
    assert fresh.exists() and all(p.exists() for p in others)


# --- the app's lock ---------------------------------------------------------------------------


def _held_by_someone_else(path: Path) -> None:
    """A lock as the app writes it, for a process that is still running (this test's parent)."""
    import json
    import platform

    locking.lock_path(path).write_text(
        json.dumps(
            {
                "user": "ann",
                "host": platform.node(),
                "pid": os.getppid(),
                "since": "2026-03-02T09:15",
            }
        ),
        encoding="utf-8",
    )


def test_merge_force_will_not_replace_a_file_open_in_the_app(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = folder / "sef.toml"
    out.write_text(ASSESSMENT, encoding="utf-8")
    _held_by_someone_else(out)
    a, b = str(folder / "a.toml"), str(folder / "b.toml")
    code, err = run(["merge", a, b, "-o", str(out), "--force"], capsys)
    assert code == 2
    assert f"{out}: is in use: ann on" in err and "Nothing was written" in err
    assert out.read_text(encoding="utf-8") == ASSESSMENT


def test_merge_releases_its_own_hold(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = folder / "sef.toml"
    a, b = str(folder / "a.toml"), str(folder / "b.toml")
    assert run(["merge", a, b, "-o", str(out)], capsys)[0] == 0
    assert not locking.lock_path(out).exists()
    assert run(["merge", a, b, "-o", str(out), "--force"], capsys)[0] == 0
