"""Snapshots of the main screens at 80×24 and 120×40 (``--snapshot-update`` to accept changes).

Each snapshot was looked at before it was accepted. Dates, folders and the recent-files list are
fixed by the fixtures so that the pictures only change when the app does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.screens.main import MainScreen

AppFactory = Callable[..., SelfAssessApp]
SIZES = [(80, 24), (120, 40)]
FOLDER = Path("/home/manager/Documents")
"""Shown on the start screen as where a new file will go (never written to)."""


async def steady(pilot: Pilot) -> None:
    """No blinking cursors: a snapshot must not depend on when it was taken."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, app_for: AppFactory, size: tuple[int, int]) -> None:
    app = app_for(None, cwd=FOLDER)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(
    snap_compare, app_for: AppFactory, assessment_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(assessment_path)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_scorecard(
    snap_compare, app_for: AppFactory, assessment_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(assessment_path)
    assert snap_compare(app, terminal_size=size, press=["s"], run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_help(
    snap_compare, app_for: AppFactory, assessment_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(assessment_path)
    assert snap_compare(app, terminal_size=size, press=["question_mark"], run_before=steady)


def test_main_screen_light_theme_after_rating(
    snap_compare, app_for: AppFactory, assessment_path: Path
) -> None:
    """Light theme, a fresh rating and the unsaved mark; evidence with markup shown as typed."""

    async def prepare(pilot: Pilot) -> None:
        await pilot.pause()  # let the app lay itself out first, as it has for a person
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("hp-strategy")
        await pilot.press("e", *"[bold red]x[/] is typed, not styled", "enter", "r")
        await steady(pilot)

    app = app_for(assessment_path, theme="textual-light")
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepare)


def test_evidence_form_with_a_wrong_date(
    snap_compare, app_for: AppFactory, assessment_path: Path
) -> None:
    async def prepare(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("e", *"Audit of plans", "tab", "tab", "tab", *"31/02/2024", "enter")
        await steady(pilot)

    app = app_for(assessment_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepare)


def test_filter_form(snap_compare, app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    assert snap_compare(app, terminal_size=(80, 24), press=["slash"], run_before=steady)
