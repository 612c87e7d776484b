"""Fixtures for the app's tests: a practice framework and assessment copied to a temporary
folder, an app factory with a fixed date and folder, and a state folder that is not the user's."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

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


STAYING_MODULES = {"test_snapshots", "test_day"}
"""Modules whose app works as a new user's does: rating moves on to the next criterion."""


@pytest.fixture(autouse=True)
def staying(request: pytest.FixtureRequest, private_state: Path) -> None:
    """Most tests rate a criterion and look at it, so "move on" is off for them (the user's
    setting); the snapshots and the day-in-the-app tests keep a new user's default (on)."""
    if request.module.__name__.rsplit(".", 1)[-1] not in STAYING_MODULES:
        from selfassess.files import user_state

        user_state.set_move_on(False)


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
def colleague(assessment_path: Path, held_by_colleague: Callable[[Path], None]) -> None:
    """A colleague's app holds the file (see tests/conftest.py)."""
    held_by_colleague(assessment_path)
