"""The scorecard follows the ratings at once, and Ofsted's published grades are set there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from selfassess.files.store import load_assessment
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.scorecard import ScorecardScreen
from selfassess.tui.widgets.scorecard_table import JudgementCard, PublishedGradeSelect

AppFactory = Callable[..., SelfAssessApp]


def card_text(app: SelfAssessApp, judgement_id: str) -> str:
    """Everything a judgement's card shows, as plain text."""
    card = next(c for c in app.screen.query(JudgementCard) if c.judgement_id == judgement_id)
    parts = []
    for static in card.query(Static):
        visual = static.render()
        parts.append(str(visual))
    body = card.query_one(".card-body", Static)
    lines = body.render_lines(body.region.reset_offset)
    parts.append("\n".join(line.text for line in lines))
    return "\n".join(parts)


async def test_scorecard_follows_rating_changes(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ScorecardScreen)
        text = card_text(app, "children_in_care")
        assert "0 of 2 rated" in text and "No grade yet" in text
        leaders = card_text(app, "leaders")
        assert "2 of 3 rated" in leaders
        assert "Requires improvement to be good (provisional)" in leaders
        assert "one grade more severe than Ofsted" in leaders
        assert "How it is worked out: A rule of thumb" in " ".join(
            card_text(app, "overall").split()
        )

        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("cc-stability")
        await pilot.press("r")  # a limiting criterion rated red caps the judgement

        await pilot.press("s")
        text = card_text(app, "children_in_care")
        assert "1 of 2 rated" in text
        assert "Inadequate" in text
        overall = card_text(app, "overall")
        assert "Inadequate" in overall  # overall follows: a practice judgement is inadequate

        await pilot.press("s")  # s also goes back
        assert isinstance(app.screen, MainScreen)
        await pilot.press("x")
        await pilot.press("s")
        assert "0 of 2 rated" in card_text(app, "children_in_care")


async def test_published_grade_is_set_on_the_scorecard(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        selects = {s.judgement_id: s for s in app.screen.query(PublishedGradeSelect)}
        assert set(selects) == {"leaders", "help_and_protection", "children_in_care", "overall"}
        assert selects["leaders"].value == "good"

        selects["children_in_care"].value = "outstanding"
        await pilot.pause()
        assert app.draft.published_grade("children_in_care") == "outstanding"
        assert "no indicative grade yet" in card_text(app, "children_in_care")
        assert "● unsaved" in app.sub_title

        selects["help_and_protection"].value = "good"
        await pilot.pause()
        assert "same as Ofsted" in card_text(app, "help_and_protection")

        selects["leaders"].clear()  # "No published grade": the grade is removed
        await pilot.pause()
        assert app.draft.published_grade("leaders") is None
        assert "no published grade" in card_text(app, "leaders")

        await pilot.press("ctrl+s")
        saved = load_assessment(assessment_path).assessment
        assert saved.published is not None
        assert saved.published.grades == {
            "help_and_protection": "good",
            "children_in_care": "outstanding",
        }


async def test_published_grade_chosen_with_the_keyboard(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        select = next(
            s for s in app.screen.query(PublishedGradeSelect) if s.judgement_id == "overall"
        )
        select.focus()
        await pilot.press("enter")  # opens the list of grades
        # from "No published grade", past "Outstanding", to "Good"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.draft.published_grade("overall") == "good"


async def test_blind_spots_are_listed(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        blind = str(app.screen.query_one("#blind-spots", Static).render())
        assert "Return home interviews" in blind
        assert "Ofsted: Return home interviews for children who go missing." in blind
