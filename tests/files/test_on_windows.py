"""What must hold on Windows, checked here on any system: the user's folders, and dates."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest

import selfassess
from selfassess.files import locking, paths, recent
from selfassess.files.store import load_framework

ROAMING = r"C:\Users\sam\AppData\Roaming"
LOCAL = r"C:\Users\sam\AppData\Local"


@pytest.fixture
def windows_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs' Windows rules, with Windows' answer for Sam's known folders.

    Any other folder asked for fails the test (KeyError), as would reading ``~`` or XDG ones.
    """
    known = {"CSIDL_APPDATA": ROAMING, "CSIDL_LOCAL_APPDATA": LOCAL}
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", known.__getitem__)


def windows_path(path: Path) -> PureWindowsPath:
    return PureWindowsPath(str(path))


def test_on_windows_settings_lists_and_cache_are_under_appdata(windows_folders: None) -> None:
    from selfassess.tui.app import keymap_path

    assert windows_path(keymap_path()) == PureWindowsPath(ROAMING, "selfassess", "keys.toml")
    assert windows_path(recent.recent_path()) == PureWindowsPath(LOCAL, "selfassess", "recent.json")
    assert windows_path(paths.cache_dir()) == PureWindowsPath(LOCAL, "selfassess", "Cache")
    for folder in (paths.config_dir(), paths.state_dir(), paths.cache_dir()):
        assert ".config" not in str(folder) and ".local" not in str(folder)


def test_elsewhere_the_xdg_folders_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_framework_path: Path
) -> None:
    for name in ("CONFIG", "STATE", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    from selfassess.tui.app import keymap_path

    assert keymap_path() == tmp_path / "config" / "selfassess" / "keys.toml"
    assert recent.recent_path() == tmp_path / "state" / "selfassess" / "recent.json"
    load_framework(tiny_framework_path)  # a checked copy is kept in the cache folder
    assert list((tmp_path / "cache" / "selfassess" / "frameworks").iterdir())


def test_a_lock_holder_is_described_with_a_plain_day_number() -> None:
    holder = locking.Holder("alex", "laptop", 1, "2026-12-01T09:05:00")
    assert holder.describe() == "alex on laptop has had it open since 1 December 2026 at 09:05"


def test_a_recent_file_is_dated_with_a_plain_day_number() -> None:
    opened = recent.RecentFile(Path("a.toml"), "2026-12-01T14:05:00")
    assert opened.when() == "1 December 2026 at 14:05"


GLIBC_ONLY = re.compile(r"%-[a-zA-Z]|%#[a-zA-Z]")
"""Date codes of one C library only: "%-d" fails on Windows, "%#d" everywhere else."""


def test_no_date_code_that_works_on_one_system_only() -> None:
    """Tests run on Linux, where "%-d" works, so only reading the source catches it."""
    package = Path(selfassess.__file__).parent
    sources = [s for s in sorted(package.rglob("*.py")) if s != package / "model" / "dates.py"]
    found = [
        f"{source.relative_to(package.parent)}:{number}: {line.strip()}"
        for source in sources
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if GLIBC_ONLY.search(line)
    ]
    assert found == [], "use selfassess.model.dates instead:\n" + "\n".join(found)
