"""The app: Peterborough's published figures in the criterion panel, and the neighbours screen."""

from __future__ import annotations

import csv
import datetime
import io
import os
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from selfassess.tui.app import SelfAssessApp, make_app
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.peers import PeersScreen
from selfassess.tui.widgets.figures import PublishedFigures

RAW = Path(os.environ.get("SELFASSESS_RAW_DATA", "/work/shared/data/dfe"))
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason="the raw DfE files are not here")
TODAY = datetime.date(2026, 12, 1)


def app_on(path: Path) -> SelfAssessApp:
    return make_app(path, cwd=path.parent, today=TODAY)


def raw_caseload() -> str:
    with (RAW / "csww_indicators_2017_to_2025.csv").open(encoding="utf-8-sig") as handle:
        (row,) = [
            r
            for r in csv.DictReader(handle)
            if r["old_la_code"] == "874" and r["time_period"] == "2025"
        ]
    return row["caseload_fte"]


def shown(widget: Static, width: int = 120) -> str:
    """What a widget shows, as plain text."""
    console = Console(file=io.StringIO(), width=width, record=True)
    console.print(widget.content)
    return console.export_text()


def panel_text(app: SelfAssessApp) -> str:
    widget = app.screen.query_one(PublishedFigures)
    return shown(widget) if widget.display else ""


async def show(app: SelfAssessApp, pilot, criterion_id: str) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.go_to(criterion_id)
    await pilot.pause()


@needs_raw
async def test_criterion_panel_shows_the_linked_figures_and_the_question(
    peterborough: Path,
) -> None:
    app = app_on(peterborough)
    async with app.run_test(size=(120, 50)) as pilot:
        await show(app, pilot, "ld-workforce")
        text = panel_text(app)
        assert "Published figures" in text
        assert "Average caseload per case-holding social worker" in text
        assert f"{raw_caseload()} cases in 2025" in text
        assert "England 15.2" in text and "East of England" in text
        assert "neighbours' median" in text
        assert "10th of 11 among Peterborough and its neighbours" in text
        assert "Rated blue, but average caseload" in text  # the question to discuss
        assert "Source: DfE, Children's social work workforce 2025." in text
        # rated amber, the question goes: a figure is never a grade
        await pilot.press("a")
        await pilot.pause()
        assert "Rated blue" not in panel_text(app)
        await show(app, pilot, "hp-missing")  # links no indicators
        assert panel_text(app) == ""


async def test_no_code_shows_no_figures(no_code: Path) -> None:
    app = app_on(no_code)
    async with app.run_test(size=(120, 50)) as pilot:
        await show(app, pilot, "ld-workforce")
        assert panel_text(app) == ""


@needs_raw
async def test_peers_screen_lists_neighbours_and_history(peterborough: Path) -> None:
    app = app_on(peterborough)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeersScreen)
        text = shown(app.screen.query_one("#peers", Static))
        assert "Peterborough" in text
        assert "Last full inspection: standard inspection starting 27 November 2023" in text
        assert "3 years ago" in text
        assert "Statistical neighbours: latest ILACS grades" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_peers_screen_explains_an_authority_not_in_the_data(tmp_path: Path) -> None:
    from figures_helpers import write_assessment

    app = app_on(write_assessment(tmp_path, authority="Anytown Partnership"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        text = shown(app.screen.query_one("#peers", Static))
        assert "No neighbours to show" in text
        assert "authority_code" in text


async def test_a_code_for_another_council_shows_no_figures_but_says_why(tmp_path: Path) -> None:
    from figures_helpers import write_assessment

    app = app_on(write_assessment(tmp_path, authority="Luton", code="874"))
    async with app.run_test(size=(120, 50)) as pilot:
        await show(app, pilot, "ld-workforce")
        text = panel_text(app)
        assert "Not shown: authority_code is 874 (Peterborough), but authority is" in text
        assert "caseload" not in text
