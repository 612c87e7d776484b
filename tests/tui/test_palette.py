"""The command palette: go to any criterion by name, and run actions by "group: action"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui_helpers import run_command

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.scorecard import ScorecardScreen
from selfassess.tui.widgets.criterion_tree import CriterionTree

AppFactory = Callable[..., SelfAssessApp]


async def test_go_to_a_criterion_by_fuzzy_title(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await run_command(pilot, app, "placemnt")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.current_criterion == "cc-stability"
        await pilot.press("g")  # the keys now act on it
        assert app.draft.assessment.rating("cc-stability") == "green"


async def test_go_to_switches_a_hiding_filter_off(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await run_command(pilot, app, "only limiting")
        assert app.screen.query_one(CriterionTree).shown_criteria() == [
            "ld-self-knowledge",
            "hp-front-door",
            "cc-stability",
        ]
        await run_command(pilot, app, "go to retur")
        assert app.screen.current_criterion == "hp-missing"
        assert len(app.screen.query_one(CriterionTree).shown_criteria()) == 9


async def test_actions_run_from_the_palette(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        app.screen.go_to("hp-strategy")
        await run_command(pilot, app, "rate: am")
        assert app.draft.assessment.rating("hp-strategy") == "amber"
        await run_command(pilot, app, "scorecard")
        assert isinstance(app.screen, ScorecardScreen)
        # from the scorecard, going to a criterion comes back to the list
        await run_command(pilot, app, "front door dec")
        assert isinstance(app.screen, MainScreen)
        assert app.screen.current_criterion == "hp-front-door"
        await run_command(pilot, app, "theme missing")
        assert app.screen.query_one(CriterionTree).shown_criteria() == ["hp-missing", "cc-missing"]
        await run_command(pilot, app, "file: sa")
        assert not app.draft.modified


async def test_every_palette_label_has_a_group(app_for: AppFactory, assessment_path: Path) -> None:
    from selfassess.tui.commands import AssessmentCommands

    app = app_for(assessment_path)
    async with app.run_test():
        provider = AssessmentCommands(app.screen)
        labels = [label for label, _, _ in provider.commands(searching=True)]
        assert labels and all(": " in label for label in labels)
        assert "Rate: Red" in labels and "Filter: Only not rated" in labels
