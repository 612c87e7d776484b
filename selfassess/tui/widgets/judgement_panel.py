"""A judgement at a glance, shown when the cursor is on a judgement rather than a criterion."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from selfassess.model.editing import Draft
from selfassess.model.scoring import score_judgement
from selfassess.tui.widgets.scorecard_table import reasons_list
from selfassess.views.render import counts_text, grade_text, plain, rag_bar


class JudgementPanel(VerticalScroll):
    """The judgement's title and description, its progress, its indicative grade, and the
    framework's caveat if it has one."""

    def __init__(self, draft: Draft, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft = draft
        self.judgement_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="judgement-title", markup=False)
        yield Static(id="judgement-description", markup=False)
        yield Static("Progress", classes="heading")
        yield Static(id="judgement-progress", markup=False)
        yield Static("Indicative grade", classes="heading")
        yield Static(id="judgement-grade", markup=False)
        yield Static(
            "Choose a criterion in the list to rate it. Press s for the scorecard.",
            classes="hint",
            markup=False,
        )
        caveat = self.draft.framework.caveat.strip()
        if caveat:  # the framework's own word of caution, wherever it is in use
            yield Static(
                Text(f"About this framework: {plain(caveat)}", style="italic"),
                id="framework-caveat",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        # shown before it was mounted: fill it in once its parts are there
        self.call_after_refresh(self.refresh_scores)

    def show(self, judgement_id: str) -> None:
        self.judgement_id = judgement_id
        self.refresh_scores()
        self.scroll_home(animate=False)

    def refresh_scores(self) -> None:
        """Recompute from the core: cheap for one judgement, and always current."""
        if self.judgement_id is None or not self.is_mounted:
            return
        framework = self.draft.framework
        judgement = framework.judgement_by_id[self.judgement_id]
        self.query_one("#judgement-title", Static).update(Text(plain(judgement.title)))
        description = self.query_one("#judgement-description", Static)
        description.update(Text(plain(judgement.description), style="dim"))
        description.display = bool(judgement.description)
        score = score_judgement(framework, judgement, self.draft.assessment)
        progress = Text(f"{score.rated} of {score.total} criteria rated\n")
        progress.append_text(
            rag_bar(framework, score.counts, score.not_applicable, score.total, width=30)
        )
        progress.append("\n")
        progress.append_text(counts_text(framework, score.counts, score.not_applicable))
        self.query_one("#judgement-progress", Static).update(progress)
        grade = grade_text(framework, score.grade, provisional=score.provisional)
        self.query_one("#judgement-grade", Static).update(
            Group(grade, reasons_list(score.reasons, indent=0))
        )
