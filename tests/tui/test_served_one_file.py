"""A browser tab from ``selfassess serve FILE`` reaches that file and nothing else.

The app elsewhere goes back to the start screen (recent files, a box for any path) when a file
is closed or cannot be opened; a served tab must not, or anyone with the page's address could
open any file the server's account can read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from selfassess.files import recent
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.messages import ChoiceDialog, ErrorDialog
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.nothing_open import NothingOpenScreen
from selfassess.tui.screens.start import StartScreen

AppFactory = Callable[..., SelfAssessApp]


def _screen_text(app: SelfAssessApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


async def test_a_served_file_cannot_be_closed_to_open_another(
    app_for: AppFactory, assessment_path: Path, work: Path
) -> None:
    app = app_for(assessment_path, confined=True)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"file: ")
        await pilot.pause(0.5)
        offered = app.screen.query_one(OptionList)
        labels = [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)]
        assert any("Save" in label for label in labels), labels
        assert not any("Close" in label for label in labels), labels
        await pilot.press("escape")
        await app.run_action("close_file")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.draft is not None and app.draft.path == assessment_path


async def test_the_same_app_unserved_can_close_and_open_another(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await app.run_action("close_file")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


@pytest.mark.usefixtures("colleague")
async def test_cancelling_shows_no_start_screen_and_no_recent_files(
    app_for: AppFactory, assessment_path: Path, work: Path
) -> None:
    secret = work / "another-councils-sef.toml"
    secret.write_bytes(assessment_path.read_bytes())
    recent.remember(secret)
    app = app_for(assessment_path, confined=True)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, ChoiceDialog)  # a colleague has it open
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert isinstance(app.screen, NothingOpenScreen)
        shown = _screen_text(app)
        assert "anytown.toml is not open" in shown
        assert "Reload the page" in shown
        assert secret.name not in shown
        assert not app.screen.query("Input")  # nowhere to type a path


async def test_a_served_file_that_cannot_be_read_is_explained_over_nothing_else(
    app_for: AppFactory, work: Path
) -> None:
    broken = work / "broken.toml"
    broken.write_text('format_version = 1\nframework = "practice"\n', encoding="utf-8")
    app = app_for(broken, confined=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "Ask the person who shared this page" in app.screen.advice
        assert "Open another file" not in app.screen.advice  # a served tab cannot
        assert isinstance(app.screen_stack[-2], NothingOpenScreen)
        assert not any(isinstance(s, StartScreen) for s in app.screen_stack)


async def test_a_served_file_that_went_away_is_not_offered_to_be_created(
    app_for: AppFactory, work: Path
) -> None:
    app = app_for(work / "gone.toml", confined=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert "gone.toml is no longer where it was shared from" in app.screen.message
        assert isinstance(app.screen_stack[-2], NothingOpenScreen)
    assert not (work / "gone.toml").exists()
