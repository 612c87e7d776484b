"""The scorecard screen: indicative grades beside the published ones (where the framework names
an inspectorate), with published grades editable."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header

from selfassess.model.editing import Draft
from selfassess.tui.messages import DraftChanged
from selfassess.tui.widgets.scorecard_table import ScorecardTable


class ScorecardScreen(Screen[None]):
    """Per judgement: ratings, coverage, indicative and published grades, and the gap."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "back", "Back to criteria", id="scorecard.back"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="scorecard-scroll"):
            yield ScorecardTable(self.draft, id="scorecard")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#scorecard-scroll").focus()

    def on_screen_resume(self) -> None:
        """Ratings may have changed while another screen was on top: recompute."""
        self.query_one(ScorecardTable).refresh_scores()

    @on(ScorecardTable.PublishedGradeChanged)
    def _published_changed(self, event: ScorecardTable.PublishedGradeChanged) -> None:
        event.stop()
        self.post_message(DraftChanged())

    def action_back(self) -> None:
        self.dismiss(None)
