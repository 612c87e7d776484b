"""Rating with the keys, the buttons and the palette: the record, the tree and the title follow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static
from tui_helpers import go_to

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.forms import ReasonDialog
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.widgets.criterion_panel import CriterionPanel
from selfassess.tui.widgets.criterion_tree import CriterionTree, NodeRef
from selfassess.tui.widgets.rating_bar import RatingBar

AppFactory = Callable[..., SelfAssessApp]


def _tree_line(app: SelfAssessApp, kind: str, item_id: str) -> str:
    """The text the tree shows for a judgement or a criterion."""
    tree = app.screen.query_one(CriterionTree)
    wanted = NodeRef(kind, item_id)
    nodes = list(tree.root.children)
    while nodes:
        node = nodes.pop(0)
        if node.data == wanted:
            return str(node.label)
        nodes.extend(node.children)
    raise AssertionError(f"the tree does not show {kind} {item_id}")


def tree_label(app: SelfAssessApp, criterion_id: str) -> str:
    """The plain text of a criterion's label in the tree."""
    return _tree_line(app, "criterion", criterion_id)


def judgement_label(app: SelfAssessApp, judgement_id: str) -> str:
    return _tree_line(app, "judgement", judgement_id)


async def test_keys_rate_and_update_tree_label_and_progress(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "ld-oversight")
        assert app.draft.assessment.rating("ld-oversight") is None
        assert tree_label(app, "ld-oversight").startswith(" · ")
        assert judgement_label(app, "leaders").endswith("2/3")
        assert "unsaved" not in app.sub_title

        await pilot.press("a")
        assert app.draft.assessment.rating("ld-oversight") == "amber"
        assert tree_label(app, "ld-oversight").startswith(" A ")
        assert judgement_label(app, "leaders").endswith("3/3")
        assert "● unsaved" in app.sub_title

        await pilot.press("r")
        assert app.draft.assessment.rating("ld-oversight") == "red"
        assert tree_label(app, "ld-oversight").startswith(" R ")
        panel = app.screen.query_one(CriterionPanel)
        assert "Red" in str(panel.query_one("#rating-status").render())

        await pilot.press("x")
        assert app.draft.assessment.rating("ld-oversight") is None
        assert judgement_label(app, "leaders").endswith("2/3")
        # back to what was saved: nothing to save any more
        assert "unsaved" not in app.sub_title

        await pilot.press("b", "delete")
        assert app.draft.assessment.rating("ld-oversight") is None
        await pilot.press("g", "backspace")
        assert app.draft.assessment.rating("ld-oversight") is None


async def test_not_applicable_asks_why(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "cc-stability")
        await pilot.press("n")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("escape")  # cancelled: nothing changes
        assert app.draft.assessment.rating("cc-stability") is None

        await pilot.press("n")
        await pilot.press("enter")  # no reason given: the dialog stays and says why
        assert isinstance(app.screen, ReasonDialog)
        assert "Say why" in str(app.screen.query_one("#reason-error").render())

        await pilot.press(*"No children live in care homes")
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        record = app.draft.assessment.criteria["cc-stability"]
        assert record.rating == "not_applicable"
        assert record.na_reason == "No children live in care homes"
        assert tree_label(app, "cc-stability").startswith(" – ")

        await pilot.press("g")  # a real rating drops the reason
        assert app.draft.assessment.criteria["cc-stability"].na_reason == ""


async def test_confidence_cycles(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "cc-missing")
        seen = []
        for _ in range(4):
            await pilot.press("c")
            seen.append(app.draft.record("cc-missing").confidence)
        assert seen == ["low", "medium", "high", None]
        status = app.screen.query_one("#rating-status", Static)
        assert "Confidence: not set" in str(status.render())


async def test_confidence_changes_with_a_click(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(app, pilot, "cc-missing")
        status = app.screen.query_one("#rating-status", Static)
        lines = str(status.render()).splitlines()
        row = next(n for n, line in enumerate(lines) if line.startswith("Confidence"))
        column = lines[row].index("change (c)")
        await pilot.click(status, offset=(column + 2, row))
        assert app.draft.record("cc-missing").confidence == "low"
        await pilot.click(status, offset=(1, row))  # the words, not the link: nothing happens
        assert app.draft.record("cc-missing").confidence == "low"


async def test_rating_buttons_work_with_the_mouse(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(app, pilot, "hp-strategy")
        bar = app.screen.query_one(RatingBar)
        shown = bar.render()  # what the user sees: coloured chips with gaps between them
        await pilot.click(bar, offset=(shown.plain.index("Blue") + 1, 0))
        assert app.draft.assessment.rating("hp-strategy") == "blue"
        assert bar.current == "blue"
        assert "✓Blue" in str(bar.render())
        shown = bar.render()
        await pilot.click(bar, offset=(shown.plain.index("Clear") + 1, 0))
        assert app.draft.assessment.rating("hp-strategy") is None
        shown = bar.render()
        coloured = {x for span in shown.spans for x in range(span.start, span.end)}
        after_red = shown.plain.index("Red") + len("Red")
        gap = next(x for x in range(after_red, len(shown.plain)) if x not in coloured)
        await pilot.click(bar, offset=(gap, 0))  # between two chips: nothing happens
        assert app.draft.assessment.rating("hp-strategy") is None


async def test_rating_keys_do_nothing_on_a_judgement(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("up")  # from the first criterion up to its judgement
        assert screen.current_criterion is None
        before = app.draft.assessment.criteria.copy()
        await pilot.press("r", "n", "c")
        assert app.draft.assessment.criteria == before
        assert isinstance(app.screen, MainScreen)


async def test_keys_can_be_remapped_by_binding_id(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path, keymap={"rate.red": "1", "view.scorecard": "f5"})
    async with app.run_test() as pilot:
        await go_to(app, pilot, "ld-oversight")
        await pilot.press("1")
        assert app.draft.assessment.rating("ld-oversight") == "red"
        await pilot.press("r")  # no longer bound
        assert app.draft.assessment.rating("ld-oversight") == "red"
        await pilot.press("f5")
        assert type(app.screen).__name__ == "ScorecardScreen"


async def test_next_unrated_jumps_ahead(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("u")
        assert screen.current_criterion == "ld-oversight"
        await pilot.press("u")
        assert screen.current_criterion == "hp-strategy"
