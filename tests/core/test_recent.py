"""The recent-files list lives in the state folder, and a damaged list is never fatal."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

from selfassess.files import recent


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def test_most_recent_first_without_repeats(tmp_path: Path, state: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text("x")
    b.write_text("x")
    recent.remember(a, datetime.datetime(2024, 3, 1, 9, 5))
    recent.remember(b)
    recent.remember(a, datetime.datetime(2024, 3, 3, 14, 5))
    files = recent.load_recent()
    assert [f.path for f in files] == [a, b]
    assert files[0].when() == "3 March 2024 at 14:05"
    assert recent.recent_path() == state / "selfassess" / "recent.json"


@pytest.mark.skipif(sys.platform == "win32", reason="making links needs rights on Windows")
def test_a_file_is_listed_by_the_name_it_was_opened_with(tmp_path: Path) -> None:
    r"""As on Windows, where the real name of S:\SEF.toml is \\server\share\SEF.toml."""
    (tmp_path / "server-share").mkdir()
    (tmp_path / "server-share" / "sef.toml").write_text("x")
    (tmp_path / "S").symlink_to(tmp_path / "server-share", target_is_directory=True)
    recent.remember(tmp_path / "S" / "sef.toml")
    assert [f.path for f in recent.load_recent()] == [tmp_path / "S" / "sef.toml"]


def test_files_that_are_gone_are_left_out(tmp_path: Path) -> None:
    a = tmp_path / "a.toml"
    a.write_text("x")
    recent.remember(a)
    a.unlink()
    assert recent.load_recent() == []


def test_a_damaged_list_is_treated_as_empty(tmp_path: Path, state: Path) -> None:
    path = recent.recent_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert recent.load_recent() == []
    a = tmp_path / "a.toml"
    a.write_text("x")
    recent.remember(a)  # and it is replaced by a good one
    assert [f.path for f in recent.load_recent()] == [a]


def test_the_list_is_kept_short(tmp_path: Path) -> None:
    for n in range(recent.MAX_RECENT + 3):
        path = tmp_path / f"{n}.toml"
        path.write_text("x")
        recent.remember(path)
    assert len(recent.load_recent()) == recent.MAX_RECENT


def test_an_unwritable_state_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    a = tmp_path / "a.toml"
    a.write_text("x")
    recent.remember(a)  # cannot make the folder: quietly does nothing
    assert recent.load_recent() == []


def test_new_modules_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, selfassess.model.editing, selfassess.model.filtering\n"
        "import selfassess.files.recent\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
