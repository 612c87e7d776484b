"""The published figures beside a criterion in the app: each indicator the framework links to it,
with its latest value and year, a small trend, England, the region, the neighbours' median and
the authority's place among its neighbours; and, where the figure and the rating point different
ways, a question to discuss (never a grade).

Shown only for an assessment with an ``authority_code``; the dataset is read the first time a
criterion with figures is shown, not when the app starts.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from selfassess.data.linked import AuthorityFigures, LinkedFigure, disagreement, place_text
from selfassess.model.assessment import Assessment
from selfassess.model.errors import InputError
from selfassess.model.framework import Framework
from selfassess.views.figures import DIRECTION_WORDS, MISSING, format_value, sparkline
from selfassess.views.render import plain


def figure_lines(
    linked: LinkedFigure, figures: AuthorityFigures, question: str | None = None
) -> Text:
    """One indicator as a few short lines that fit a narrow panel."""
    f = linked.figure
    unit = f.indicator.unit
    text = Text()
    text.append(plain(f.indicator.label, single_line=True), style="bold")
    text.append(f" ({DIRECTION_WORDS.get(f.indicator.direction, '')})", style="dim")
    text.append("\n  ")
    if f.value is None:
        text.append(f"{MISSING} for {f.year}", style="italic")
    else:
        text.append(format_value(f.value, unit), style="bold")
        text.append(f" in {f.year}")
    years = [y for y, _ in linked.trend]
    if years:
        text.append("   ")
        text.append(sparkline([v for _, v in linked.trend]), style="cyan")
        text.append(f" {years[0]}–{years[-1]}", style="dim")
    text.append("\n  England ")
    text.append(format_value(f.england, unit, with_unit=False))
    text.append(" · ")
    text.append(plain(figures.authority.region or "Region", single_line=True))
    text.append(" ")
    text.append(format_value(f.region, unit, with_unit=False))
    text.append(" · neighbours' median ")
    text.append(format_value(f.neighbours_median, unit, with_unit=False))
    place = place_text(f)
    if f.indicator.direction == "neither":
        text.append("\n  Context, not a score: neither way is better in itself.", style="dim")
    elif place:
        text.append(f"\n  {place} among {plain(figures.authority.name)} and its neighbours")
        text.append(" (1st is best)", style="dim")
        if f.quarter:
            text.append(f": {f.quarter} quarter", style="bold")
    if question:
        text.append("\n  ? ", style="bold yellow")
        text.append(question, style="italic")
    return text


class PublishedFigures(Static):
    """A criterion's linked published figures; hidden when there are none to show."""

    DEFAULT_CSS = """
    PublishedFigures {
        height: auto;
        margin: 1 0 0 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.display = False  # until a criterion with figures is shown
        self._key: tuple[str, str, str] | None = None
        self._figures: AuthorityFigures | None = None
        self._problem = ""

    def figures(self, framework: Framework, assessment: Assessment) -> AuthorityFigures | None:
        """The assessment's figures, worked out again only when its authority changes."""
        key = (framework.id, assessment.authority, assessment.authority_code)
        if key != self._key:
            self._key = key
            self._figures, self._problem = None, ""
            if assessment.authority_code.strip():
                from selfassess.data.linked import linked_figures

                try:
                    self._figures = linked_figures(framework, assessment)
                except InputError as exc:
                    self._problem = exc.problems[0].message if exc.problems else str(exc)
        return self._figures

    def show(self, framework: Framework, assessment: Assessment, criterion_id: str) -> None:
        criterion = framework.criteria.get(criterion_id)
        if criterion is None or not criterion.indicators or not assessment.authority_code:
            self.display = False
            return
        figures = self.figures(framework, assessment)
        text = Text()
        text.append("Published figures", style="bold")
        if figures is None:
            text.append("\nNot shown: authority_code ", style="dim")
            text.append(plain(self._problem, single_line=True), style="dim")
            self.update(text)
            self.display = True
            return
        shown = figures.for_criterion(criterion_id)
        if not shown:
            self.display = False
            return
        rating = assessment.rating(criterion_id)
        for linked in shown:
            text.append("\n\n")
            text.append_text(
                figure_lines(linked, figures, disagreement(framework, rating, linked.figure))
            )
        text.append(
            "\n\nSource: "
            + "; ".join(dict.fromkeys(x.figure.indicator.source for x in shown))
            + ".",
            style="dim",
        )
        self.update(text)
        self.display = True
