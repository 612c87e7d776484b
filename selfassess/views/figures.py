"""Published figures beside a self-assessment, for the terminal report and the app: each linked
indicator's latest value, a small trend, England, the region, the neighbours' median and the
authority's place among its neighbours, with the sources."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfassess.data.linked import AuthorityFigures, LinkedFigure, disagreement, place_text
from selfassess.data.published import Figure, Number, figure_text
from selfassess.model.framework import Framework
from selfassess.views.render import plain, user_line

BARS = "▁▂▃▄▅▆▇█"
MISSING_BAR = "·"
"""A year with no published figure: a dot, never a bar at the bottom (which would read as 0)."""

MISSING = "not published"
"""A figure that is suppressed or not published: shown as such, never as 0."""

DIRECTION_WORDS = {"higher": "higher is better", "lower": "lower is better", "neither": "context"}


def format_value(value: Number | None, unit: str, *, with_unit: bool = True) -> str:
    """ "19.8%", "412.3", "16.2 cases"; ``MISSING`` for no figure. One decimal place, as
    published and as every export shows them (``figure_text``)."""
    if value is None:
        return MISSING
    number = figure_text(value)
    if unit == "%":
        return f"{number}%"
    if unit == "cases" and with_unit:
        return f"{number} cases"
    return number


def sparkline(values: Sequence[Number | None]) -> str:
    """One character a year, scaled between the series' own lowest and highest figures."""
    present = [v for v in values if v is not None]
    if not present:
        return MISSING_BAR * len(values)
    low, high = min(present), max(present)
    span = high - low
    out = []
    for v in values:
        if v is None:
            out.append(MISSING_BAR)
        elif span == 0:
            out.append(BARS[len(BARS) // 2])
        else:
            out.append(BARS[round((v - low) / span * (len(BARS) - 1))])
    return "".join(out)


def value_text(figure: Figure) -> Text:
    if figure.value is None:
        return Text(MISSING, style="dim italic")
    return Text(format_value(figure.value, figure.indicator.unit), style="bold")


def comparison_text(value: Number | None, unit: str) -> Text:
    if value is None:
        return Text("—", style="dim")
    return Text(format_value(value, unit, with_unit=False))


def place_cell(figure: Figure) -> Text:
    """ "3rd of 11" with the quarter it is in; "context" for a figure that is not a score."""
    if figure.indicator.direction == "neither":
        return Text("context", style="dim")
    place = place_text(figure)
    if not place:
        return Text("—", style="dim")
    text = Text(place)
    if figure.quarter == "best":
        text.append("\nbest quarter", style="green")
    elif figure.quarter == "worst":
        text.append("\nworst quarter", style="dark_orange")
    return text


def authority_title(figures: AuthorityFigures) -> Text:
    a = figures.authority
    title = Text()
    title.append("Published figures: ", style="bold")
    title.append_text(user_line(a.name, "bold"))
    title.append(f" ({a.code})")
    if a.region:
        title.append(", ")
        title.append_text(user_line(a.region))
    return title


COLUMNS = (
    ("Latest", 13, "left"),
    ("Trend", 13, "left"),
    ("England", 8, "right"),
    ("Region", 8, "right"),
    ("Neighbours'\nmedian", 11, "right"),
    ("Place among\nneighbours", 13, "left"),
)
"""Fixed widths, so that every indicator's row lines up under one header while its label has a
line of its own: the table fits 80 columns."""


def _row_table(*, header: bool) -> Table:
    table = Table(box=None, show_header=header, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("", width=2)
    for title, width, justify in COLUMNS:
        table.add_column(title, width=width, justify=justify, header_style="bold")  # type: ignore[arg-type]
    return table


def figure_row(linked: LinkedFigure) -> Table:
    """The figures of one indicator on two lines: latest value over its year, trend over its
    years, England, region, neighbours' median, place over its quarter."""
    f = linked.figure
    unit = f.indicator.unit
    latest = value_text(f)
    latest.append(f"\n{f.year}", style="dim")
    years = [y for y, _ in linked.trend]
    trend = Text(sparkline([v for _, v in linked.trend]), style="cyan")
    if years:
        trend.append(f"\n{years[0]}–{years[-1]}", style="dim")
    table = _row_table(header=False)
    table.add_row(
        "",
        latest,
        trend,
        comparison_text(f.england, unit),
        comparison_text(f.region, unit),
        comparison_text(f.neighbours_median, unit),
        place_cell(f),
    )
    return table


def indicator_heading(linked: LinkedFigure) -> Text:
    """The indicator's label and which way is better, e.g. "Re-referrals… (lower is better)"."""
    f = linked.figure
    text = Text()
    text.append_text(user_line(f.indicator.label, "bold"))
    text.append(f" ({DIRECTION_WORDS.get(f.indicator.direction, '')})", style="dim")
    return text


def figures_table(figures: Sequence[LinkedFigure]) -> RenderableType:
    """Each indicator: its label on a line of its own, then its figures under one header."""
    parts: list[RenderableType] = [_row_table(header=True)]
    for linked in figures:
        parts.append(indicator_heading(linked))
        parts.append(figure_row(linked))
    return Group(*parts)


def sources_text(figures: AuthorityFigures) -> Text:
    return Text(
        "Sources: "
        + "; ".join(figures.sources)
        + ". Place: 1st is best among the authority and its ten statistical neighbours "
        "(DfE 2025 model) with a figure that year.",
        style="dim",
    )


def questions(
    framework: Framework, ratings: dict[str, str | None], figures: AuthorityFigures
) -> list[tuple[str, str]]:
    """(criterion id, question) where a rating and a linked figure disagree."""
    found = []
    for criterion_id, criterion in framework.criteria.items():
        for linked in figures.for_criterion(criterion_id):
            question = disagreement(framework, ratings.get(criterion_id), linked.figure)
            if question:
                found.append((criterion.id, question))
    return found


def figures_block(
    framework: Framework, ratings: dict[str, str | None], figures: AuthorityFigures
) -> RenderableType:
    """The terminal report's section: the table, the questions where figures and ratings
    disagree, and the sources."""
    parts: list[RenderableType] = []
    if figures.figures:
        parts.append(figures_table(figures.figures))
    else:
        parts.append(Text("The framework links no published figures to its criteria.", "dim"))
    found = questions(framework, ratings, figures)
    if found:
        parts.append(Text("\nQuestions to discuss", style="bold"))
        for criterion_id, question in found:
            line = Text("? ", style="bold yellow")
            line.append(plain(framework.criteria[criterion_id].title, single_line=True), "bold")
            line.append(f": {question}")
            parts.append(line)
    parts.append(Text())
    parts.append(sources_text(figures))
    return Panel(Group(*parts), title=authority_title(figures), title_align="left")
