"""Fixtures for the app's tests: a practice framework and assessment copied to a temporary
folder, an app factory with a fixed date and folder, and a state folder that is not the user's."""

from __future__ import annotations

import datetime
import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfassess.files import locking
from selfassess.files.store import load_framework
from selfassess.tui.app import SelfAssessApp, make_app
from selfassess.tui.widgets.framework_list import FrameworkChoice

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = datetime.date(2024, 6, 1)

AppFactory = Callable[..., SelfAssessApp]


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the recent-files list (and anything else kept between runs) out of the real home.

    NO_COLOR is removed too: it would turn the snapshots monochrome.
    """
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return state


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder holding the practice framework and an assessment made against it."""
    folder = tmp_path / "work"
    folder.mkdir()
    for name in ("practice-framework.toml", "anytown.toml"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.fixture
def assessment_path(work: Path) -> Path:
    return work / "anytown.toml"


@pytest.fixture
def practice_choice(work: Path) -> FrameworkChoice:
    path = work / "practice-framework.toml"
    return FrameworkChoice(load_framework(path), file=path)


@pytest.fixture
def app_for(work: Path, practice_choice: FrameworkChoice) -> AppFactory:
    """Make an app on a path (or the start screen) that offers the practice framework."""

    def make(path: Path | None, **options: object) -> SelfAssessApp:
        options.setdefault("frameworks", [practice_choice])
        options.setdefault("cwd", work)
        options.setdefault("today", TODAY)
        return make_app(path, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture
def colleague(assessment_path: Path) -> Iterator[None]:
    """A live process on this machine holds the file, as a colleague's app would."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    locking.lock_path(assessment_path).write_text(
        json.dumps(
            {
                "user": "alex",
                "host": socket.gethostname(),
                "pid": other.pid,
                "since": "2024-05-31T09:30:00",
            }
        )
    )
    yield
    other.kill()
    other.wait()
