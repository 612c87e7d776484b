"""The scorecard: per judgement the ratings, coverage, indicative grade and the published grade
(only where the framework names an inspectorate, such as Ofsted).

Everything shown is recomputed from the core (``score`` and ``compare``) each time it is
refreshed, so it always matches the ratings; nothing is worked out here.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Select, Static

from selfassess.model.comparison import Comparison, GradeGap, compare
from selfassess.model.editing import Draft
from selfassess.model.labels import inspectorate, strong_words
from selfassess.model.scoring import JudgementScore, OverallScore, score
from selfassess.tui.widgets.audits import AuditQuestions, stale_coverage, today_of
from selfassess.views.render import counts_text, grade_text, plain, rag_bar, rating_badge


def reasons_list(reasons: list[str], *, indent: int = 1) -> Padding:
    """Reasons as a bulleted list whose lines wrap under their own text, not under the bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for reason in reasons:
        table.add_row("•", Text(plain(reason), style="dim"))
    return Padding(table, (0, 0, 0, indent))


class PublishedGradeSelect(Select[str]):
    """The published grade for one judgement (e.g. Ofsted's), or none."""

    def __init__(self, draft: Draft, judgement_id: str) -> None:
        options = [(Text(plain(g.label, single_line=True)), g.id) for g in draft.framework.grades]
        super().__init__(
            options,
            value=draft.published_grade(judgement_id) or Select.NULL,
            prompt="No published grade",
            compact=True,
            id=f"published-{judgement_id}",
            disabled=draft.read_only,
        )
        self.judgement_id = judgement_id


class JudgementCard(Vertical):
    """One judgement (or overall effectiveness) on the scorecard."""

    def __init__(self, draft: Draft, judgement_id: str) -> None:
        super().__init__(classes="judgement-card")
        self.draft = draft
        self.judgement_id = judgement_id

    def compose(self) -> ComposeResult:
        title = self.draft.framework.published_title(self.judgement_id)
        yield Static(Text(plain(title), style="bold"), classes="card-title")
        yield Static(classes="card-body", markup=False)
        framework = self.draft.framework
        if framework.compares_published:  # with no inspectorate there is nothing published
            with Horizontal(classes="published-row"):
                label = f"{inspectorate(framework)}'s grade:"
                yield Label(Content(label), classes="published-label")
                yield PublishedGradeSelect(self.draft, self.judgement_id)
            yield Static(classes="card-gap", markup=False)

    def show_judgement(self, s: JudgementScore, gap: GradeGap) -> None:
        framework = self.draft.framework
        body = rag_bar(framework, s.counts, s.not_applicable, s.total, width=24)
        body.append(f"  {s.rated} of {s.total} rated")
        body.append_text(stale_coverage(self.draft, s.judgement, today_of(self)))
        body.append("\n")
        body.append_text(counts_text(framework, s.counts, s.not_applicable))
        body.append("\nIndicative grade: ")
        body.append_text(grade_text(framework, s.grade, provisional=s.provisional))
        self._show_body(body, s.reasons)
        self._show_gap(gap)

    def show_overall(self, overall: OverallScore, gap: GradeGap) -> None:
        framework = self.draft.framework
        body = Text("Indicative grade: ")
        body.append_text(grade_text(framework, overall.grade, provisional=overall.provisional))
        reasons = list(overall.reasons)
        if overall.basis:
            reasons.append(f"How it is worked out: {plain(overall.basis)}")
        self._show_body(body, reasons)
        self._show_gap(gap)

    def _show_body(self, summary: Text, reasons: list[str]) -> None:
        self.query_one(".card-body", Static).update(Group(summary, reasons_list(reasons)))

    def _show_gap(self, gap: GradeGap) -> None:
        if not self.draft.framework.compares_published:
            return
        text = Text("Difference: ", style="dim")
        style = "bold" if gap.gap else ""
        text.append(gap.text, style=style)
        if gap.gap and gap.provisional:
            text.append(" (our grade is provisional)", style="italic")
        self.query_one(".card-gap", Static).update(text)


class ScorecardTable(Vertical):
    """Every judgement's card, overall effectiveness, then possible blind spots."""

    class PublishedGradeChanged(Message):
        """The user set or removed the published grade for a judgement."""

        def __init__(self, judgement_id: str) -> None:
            super().__init__()
            self.judgement_id = judgement_id

    def __init__(self, draft: Draft, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft = draft

    def compose(self) -> ComposeResult:
        framework = self.draft.framework
        yield Static(id="scorecard-intro", markup=False)
        for judgement_id in framework.published_judgement_ids():
            yield JudgementCard(self.draft, judgement_id)
        if framework.compares_published:
            yield Static("Possible blind spots", classes="heading")
            yield Static(id="blind-spots", markup=False)
        yield AuditQuestions(self.draft, id="audit-questions")

    def on_mount(self) -> None:
        self.refresh_scores()

    def refresh_scores(self) -> None:
        """Recompute the scorecard and the comparison from the core and show them."""
        framework, assessment = self.draft.framework, self.draft.assessment
        scorecard = score(framework, assessment)
        comparison = compare(framework, assessment, scorecard)
        rated = sum(s.rated for s in scorecard.judgements)
        total = sum(s.total for s in scorecard.judgements)
        intro = Text(f"{rated} of {total} criteria rated", style="bold")
        intro.append(f" against {plain(framework.title, single_line=True)}.\n")
        intro.append(
            "Indicative grades come from your ratings by the framework's rules: a prompt for "
            "discussion, not a prediction.",
            style="dim",
        )
        if framework.caveat.strip():
            intro.append(
                f"\nAbout the framework: {plain(framework.caveat, single_line=True)}",
                style="not bold italic",
            )
        self.query_one("#scorecard-intro", Static).update(intro)
        gaps = {g.judgement: g for g in comparison.gaps}
        scores = {s.judgement: s for s in scorecard.judgements}
        for card in self.query(JudgementCard):
            gap = gaps[card.judgement_id]
            if card.judgement_id in scores:
                card.show_judgement(scores[card.judgement_id], gap)
            elif scorecard.overall is not None:
                card.show_overall(scorecard.overall, gap)
        if framework.compares_published:
            self.query_one("#blind-spots", Static).update(self.blind_spots_text(comparison))
        self.query_one(AuditQuestions).refresh_questions()

    def blind_spots_text(self, comparison: Comparison) -> Text:
        framework = self.draft.framework
        published = self.draft.assessment.published
        name = inspectorate(framework)
        strong = strong_words(framework)
        if published is None or not published.areas_for_improvement:
            return Text(
                f"None to show: no areas for improvement from {name}'s report are recorded "
                "in this assessment.",
                style="dim",
            )
        if not comparison.blind_spots:
            text = Text(f"None: no criterion that {name} said needs to improve is rated {strong}.")
        else:
            text = Text(
                f"{name} said these need to improve, but they are rated {strong} here:",
                style="bold",
            )
            for item in comparison.blind_spots:
                text.append("\n• ")
                text.append_text(rating_badge(framework, item.rating))
                text.append(f" {plain(item.title, single_line=True)}")
                text.append(f"\n    {name}: {plain(item.area, single_line=True)}", style="dim")
        if comparison.unrated:
            text.append(f"\nNot rated yet, though {name} named them:", style="bold")
            for item in comparison.unrated:
                text.append(f"\n• {plain(item.title, single_line=True)}")
        return text

    @on(Select.Changed)
    def _published_changed(self, event: Select.Changed) -> None:
        event.stop()
        select = event.select
        if not isinstance(select, PublishedGradeSelect):
            return
        grade = event.value if isinstance(event.value, str) else None
        if grade == self.draft.published_grade(select.judgement_id):
            return
        self.draft.set_published_grade(select.judgement_id, grade)
        self.refresh_scores()
        self.post_message(self.PublishedGradeChanged(select.judgement_id))
