"""The filter: text search and quick filters (not rated, red, amber, limiting, theme)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Checkbox, Input, Select

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.filter import FilterDialog
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.widgets.criterion_tree import CriterionTree

AppFactory = Callable[..., SelfAssessApp]


def shown(app: SelfAssessApp) -> list[str]:
    return app.screen.query_one(CriterionTree).shown_criteria()


async def open_filter(pilot, app: SelfAssessApp) -> FilterDialog:
    app.screen.query_one(CriterionTree).focus()
    await pilot.press("slash")
    dialog = app.screen
    assert isinstance(dialog, FilterDialog)
    return dialog


def tick(dialog: FilterDialog, rating: str) -> None:
    for box in dialog.query(Checkbox):
        if box.name == rating:
            box.value = True
            return
    raise AssertionError(f"no box for {rating}")


async def test_only_not_rated(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        dialog = await open_filter(pilot, app)
        tick(dialog, "not_rated")
        await pilot.click("#apply")
        assert shown(app) == ["ld-oversight", "hp-strategy", "cc-stability", "cc-missing"]
        bar = str(app.screen.query_one("#filter-bar").render())
        assert "Showing 4 of 9" in bar and "not rated" in bar
        # escape shows everything again
        await pilot.press("escape")
        assert len(shown(app)) == 9
        assert not app.screen.query_one("#filter-bar").display


async def test_red_or_amber_and_limiting(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("cc-stability")
        await pilot.press("r")
        dialog = await open_filter(pilot, app)
        tick(dialog, "red")
        await pilot.click("#apply")
        assert shown(app) == ["cc-stability"]

        dialog = await open_filter(pilot, app)
        tick(dialog, "amber")  # red is still ticked: either will do
        await pilot.click("#apply")
        assert shown(app) == ["ld-workforce", "cc-stability"]

        dialog = await open_filter(pilot, app)
        for box in dialog.query(Checkbox):
            box.value = False
        dialog.query_one("#filter-limiting", Checkbox).value = True
        await pilot.click("#apply")
        assert shown(app) == ["ld-self-knowledge", "hp-front-door", "cc-stability"]


async def test_theme(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        dialog = await open_filter(pilot, app)
        dialog.query_one("#filter-theme", Select).value = "missing"
        await pilot.click("#apply")
        assert shown(app) == ["hp-missing", "cc-missing"]
        assert "theme: Missing children" in str(app.screen.query_one("#filter-bar").render())


async def test_text_search_covers_titles_guidance_and_evidence(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await open_filter(pilot, app)
        await pilot.press(*"return home", "enter")  # enter applies
        assert shown(app) == ["hp-missing"]

        dialog = await open_filter(pilot, app)
        assert dialog.query_one("#filter-text", Input).value == "return home"
        dialog.query_one("#filter-text", Input).value = "SHAREPOINT"  # in evidence, any case
        await pilot.press("enter")
        assert shown(app) == ["ld-self-knowledge"]

        dialog = await open_filter(pilot, app)
        dialog.query_one("#filter-text", Input).value = "nothing like this"
        await pilot.press("enter")
        assert shown(app) == []
        assert app.screen.query_one("#no-match").display

        await open_filter(pilot, app)
        await pilot.click("#clear")
        assert len(shown(app)) == 9


async def test_rating_under_a_filter_keeps_the_criterion_in_view(
    app_for: AppFactory, assessment_path: Path
) -> None:
    """Rating a criterion shown as "not rated" does not make it vanish under the cursor."""
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        dialog = await open_filter(pilot, app)
        tick(dialog, "not_rated")
        await pilot.click("#apply")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.current_criterion == "ld-oversight"
        await pilot.press("g")
        assert app.draft.assessment.rating("ld-oversight") == "green"
        assert "ld-oversight" in shown(app)
        assert screen.current_criterion == "ld-oversight"
