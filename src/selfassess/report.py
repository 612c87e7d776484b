"""The terminal report: a scorecard a head of service can put on a screen, then the detail.

Renderers return Rich renderables; only the CLI owns a Console. User text always goes into
``Text`` objects (never parsed as markup) after ``plain`` removes control characters.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from selfassess.assessment import ACTION_STATUSES, CONFIDENCE_LEVELS, EVIDENCE_TYPES
from selfassess.comparison import GradeGap, linked_criteria
from selfassess.render import counts_text, grade_text, plain, rag_bar, rating_badge, rating_label
from selfassess.summary import Summary


def _t(value: str, style: str = "") -> Text:
    """User text as literal, single-line Text."""
    return Text(plain(value, single_line=True), style=style)


def header(summary: Summary) -> RenderableType:
    a, fw = summary.assessment, summary.framework
    lines = Text()
    lines.append(plain(a.authority, single_line=True), style="bold")
    lines.append("\nSelf-assessment against ")
    lines.append(plain(fw.title, single_line=True), style="italic")
    lines.append(f" ({fw.id} {fw.version})")
    if a.framework_version != fw.version:
        lines.append(f" — made against version {plain(a.framework_version)}", style="yellow")
    if a.period:
        lines.append("\nPeriod: ")
        lines.append(plain(a.period, single_line=True))
    if a.assessors:
        lines.append("\nAssessors: ")
        lines.append(plain(", ".join(a.assessors), single_line=True))
    p = a.published
    if p is not None and (p.grades or p.source):
        lines.append("\nOfsted report: ")
        lines.append(plain(p.source or "published grades entered by hand", single_line=True))
        if p.inspection_start and p.inspection_end:
            lines.append(
                f", inspected {p.inspection_start:%-d %B %Y} to {p.inspection_end:%-d %B %Y}"
            )
    return Panel(lines, title=Text("selfassess report"), title_align="left", border_style="blue")


def _gap_text(gap: GradeGap) -> Text:
    style = "green" if gap.gap == 0 else ("yellow" if gap.gap is not None else "dim")
    return Text(gap.text, style=style)


class ScorecardTable:
    """One row per judgement (then overall): bar and coverage, indicative, published, gap.

    A renderable rather than a Table so that it can fit the width it is given: the bar narrows
    on an 80-column terminal and grade names wrap at word boundaries instead of being cut.
    """

    def __init__(self, summary: Summary) -> None:
        self.summary = summary

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, width: int = 120) -> Table:
        summary, fw = self.summary, self.summary.framework
        bar_width = 12 if width < 110 else 20
        table = Table(
            box=box.ROUNDED, title=Text("Scorecard"), title_justify="left", title_style="bold"
        )
        table.add_column("Judgement", ratio=3, min_width=13)
        table.add_column("Ratings", no_wrap=True, min_width=bar_width)
        table.add_column("Self-assessed", ratio=2, min_width=13)
        table.add_column("Ofsted", ratio=2, min_width=11)
        table.add_column("Gap", ratio=2, min_width=8)
        gaps = {g.judgement: g for g in summary.comparison.gaps}
        for s in summary.scorecard.judgements:
            gap = gaps[s.judgement]
            bar = rag_bar(fw, s.counts, s.not_applicable, s.total, width=bar_width)
            bar.append("\n")
            bar.append_text(counts_text(fw, s.counts, s.not_applicable, compact=True))
            bar.append(f"\n{s.rated} of {s.total} rated", style="dim")
            table.add_row(
                Text(fw.published_label(s.judgement)),
                bar,
                grade_text(fw, s.grade, provisional=s.provisional),
                grade_text(fw, gap.published) if gap.published else Text("—", style="dim"),
                _gap_text(gap),
            )
        overall = summary.scorecard.overall
        if overall is not None:
            gap = gaps[overall.judgement]
            table.add_section()
            table.add_row(
                Text(overall.title, style="bold"),
                Text("derived from\nthe others", style="italic dim"),
                grade_text(fw, overall.grade, provisional=overall.provisional),
                grade_text(fw, gap.published) if gap.published else Text("—", style="dim"),
                _gap_text(gap),
            )
        return table


def reasons_block(summary: Summary) -> RenderableType:
    """Why each judgement got its grade."""
    fw = summary.framework
    parts: list[RenderableType] = []
    for s in summary.scorecard.judgements:
        title = Text(fw.published_label(s.judgement), style="bold")
        title.append("  ")
        title.append_text(grade_text(fw, s.grade, provisional=s.provisional))
        title.append(f"   {s.rated} of {s.total} rated  ", style="dim")
        parts.append(title)
        for reason in s.reasons:
            parts.append(Indented(Text(f"• {reason}"), 2, hanging=2))
    overall = summary.scorecard.overall
    if overall is not None:
        title = Text(overall.title, style="bold")
        title.append("  ")
        title.append_text(grade_text(fw, overall.grade, provisional=overall.provisional))
        parts.append(title)
        for reason in overall.reasons:
            parts.append(Indented(Text(f"• {reason}"), 2, hanging=2))
        if overall.basis:
            parts.append(Indented(Text(f"A heuristic: {overall.basis}", style="italic dim"), 2))
    return Panel(
        Group(*parts), title=Text("Why these grades"), title_align="left", border_style="dim"
    )


def areas_block(summary: Summary) -> RenderableType | None:
    """Ofsted's areas for improvement: possible blind spots first."""
    published = summary.assessment.published
    if published is None or not published.areas_for_improvement:
        return None
    fw = summary.framework
    c = summary.comparison
    parts: list[RenderableType] = []
    if c.blind_spots:
        parts.append(
            Text(
                "Possible blind spots — Ofsted named these for improvement, "
                "but we rated them strong:",
                style="bold yellow",
            )
        )
        for item in c.blind_spots:
            line = Text("  ")
            line.append_text(rating_badge(fw, item.rating))
            line.append(" ")
            line.append_text(_t(item.title, "bold"))
            line.append(" — ")
            line.append_text(_t(item.area))
            parts.append(line)
    else:
        parts.append(
            Text(
                "No blind spots: no criterion linked to Ofsted's areas for improvement "
                "is rated strong.",
                style="green",
            )
        )
    parts.append(Text("Areas for improvement in the published report:", style="bold"))
    for area in published.areas_for_improvement:
        line = Text("  • ")
        line.append_text(_t(area.text))
        parts.append(line)
        for item in linked_criteria(fw, summary.assessment, area.text, area.criteria):
            sub = Text("      ")
            sub.append_text(rating_badge(fw, item.rating))
            sub.append(" ")
            sub.append_text(_t(item.title))
            parts.append(sub)
    return Panel(
        Group(*parts),
        title=Text("Compared with Ofsted's report"),
        title_align="left",
        border_style="yellow" if c.blind_spots else "dim",
    )


class Indented:
    """Text wrapped to the width left after an indent (a light, fast stand-in for Padding)."""

    def __init__(self, text: Text, indent: int, hanging: int = 0) -> None:
        self.text = text
        self.indent = indent
        self.hanging = hanging
        """Extra indent for continuation lines, e.g. to align under the text after a bullet."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, options.max_width - self.indent - self.hanging)
        first = Segment(" " * self.indent)
        rest = Segment(" " * (self.indent + self.hanging))
        newline = Segment.line()
        for n, line in enumerate(self.text.wrap(console, width)):
            yield rest if n else first
            yield from line.render(console)
            yield newline


def criterion_block(summary: Summary, criterion_id: str) -> RenderableType:
    """One criterion: its rating, confidence, evidence, notes and actions, as indented lines.

    Plain Text rather than a table per judgement: it reads as well on a shared screen, and
    renders several times faster, which matters for start-up of ``selfassess report``.
    """
    fw = summary.framework
    criterion = fw.criteria[criterion_id]
    record = summary.assessment.record(criterion_id)
    text = Text()
    text.append_text(rating_badge(fw, record.rating))
    text.append(" ")
    text.append(criterion.title, style="bold")
    if criterion.limiting:
        text.append(" ◆", style="magenta")
    text.append(f"  {rating_label(fw, record.rating)}", style="dim")
    if record.confidence:
        text.append(f", {CONFIDENCE_LEVELS[record.confidence].lower()} confidence", style="dim")
    if record.review:
        text.append("  needs review", style="bold yellow")
    heading, text = text, Text()
    if record.na_reason:
        text.append("\nWhy not applicable: ", style="dim")
        text.append(plain(record.na_reason, single_line=True))
    for e in record.evidence:
        text.append("\n• ")
        text.append(plain(e.what, single_line=True))
        details = [EVIDENCE_TYPES.get(e.type, e.type)]
        if e.date:
            details.append(e.date.isoformat())
        if e.owner:
            details.append(plain(e.owner, single_line=True))
        if e.where:
            details.append(plain(e.where, single_line=True))
        text.append(f" ({'; '.join(details)})", style="dim")
    if not record.evidence and record.rating is not None:
        text.append("\nNo evidence recorded", style="dim italic")
    if record.notes:
        text.append("\nNotes: ", style="bold")
        text.append(plain(record.notes))
    for x in record.actions:
        text.append("\n→ Action: ", style="bold")
        text.append(plain(x.what, single_line=True))
        details = [ACTION_STATUSES.get(x.status, x.status)]
        if x.owner:
            details.append(plain(x.owner, single_line=True))
        if x.due:
            details.append(f"due {x.due.isoformat()}")
        text.append(f" ({'; '.join(details)})", style="dim")
    if not text:
        return heading
    text.remove_suffix("\n")
    text = text[1:]  # the leading newline
    return Group(heading, Indented(text, 4))


def criteria_detail(summary: Summary) -> Iterable[RenderableType]:
    """Each judgement's criteria in framework order."""
    for judgement in summary.framework.judgements:
        yield Rule(Text(judgement.title, style="bold"), align="left")
        for criterion in judgement.criteria:
            yield criterion_block(summary, criterion.id)


def render_report(summary: Summary, *, detail: bool = True) -> RenderableType:
    """The whole terminal report."""
    parts: list[RenderableType] = [header(summary), ScorecardTable(summary), reasons_block(summary)]
    areas = areas_block(summary)
    if areas is not None:
        parts.append(areas)
    if detail:
        parts.append(
            Padding(
                Text(
                    "Detail by criterion   ◆ = limiting criterion (red caps the judgement)",
                    style="bold",
                ),
                (1, 0, 0, 0),
            )
        )
        parts.extend(criteria_detail(summary))
    return Group(*parts)
