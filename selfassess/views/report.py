"""The terminal report: a scorecard a head of service can put on a screen, then the detail.

Drawn with Rich's own Table, Panel, Rule and Text. Renderers return Rich renderables; only the
CLI owns a Console. Text from the files (the framework's titles too) goes into ``Text`` objects,
never read as markup, after ``plain`` removes control characters.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from selfassess.model.assessment import ACTION_STATUSES, CONFIDENCE_LEVELS, EVIDENCE_TYPES
from selfassess.model.audits import summarise_audits
from selfassess.model.comparison import GradeGap, linked_criteria
from selfassess.model.dates import date_range, long_date
from selfassess.model.labels import (
    blind_spots_lead,
    comparison_title,
    limiting_key,
    national_framework_labels,
    no_blind_spots,
    published_column,
    published_report_label,
)
from selfassess.model.staleness import Staleness, find_stale, is_stale, stale_before
from selfassess.model.summary import Summary
from selfassess.views.audits import audit_block, questions_block
from selfassess.views.render import (
    counts_text,
    grade_text,
    plain,
    rag_bar,
    rating_badge,
    rating_label,
    rating_letter,
    rating_style,
)
from selfassess.views.staleness import STALE_MARK, coverage_words, stale_block


def _box(parts: list[RenderableType], title: str, border_style: str) -> Panel:
    """A rounded box across the screen with its title in the top edge, on the left."""
    return Panel(
        Group(*parts),
        title=Text(title),
        title_align="left",
        border_style=border_style,
    )


def _hanging(rows: Iterable[tuple[Text, Text]], indent: int) -> Padding:
    """Marked lines (a bullet or a rating badge, then text) after ``indent`` spaces, their
    text wrapping under itself rather than under the mark."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text in rows:
        grid.add_row(mark, text)
    return Padding(grid, (0, 0, 0, indent))


def _bullet(text: str) -> tuple[Text, Text]:
    return Text("•"), Text(plain(text))


def header(summary: Summary) -> RenderableType:
    """Whose assessment, against which framework, and the published report it is set beside."""
    a, fw = summary.assessment, summary.framework
    text = Text()
    text.append(plain(a.authority, single_line=True), style="bold")
    text.append("\nSelf-assessment against ")
    text.append(plain(fw.title, single_line=True), style="italic")
    text.append(f" ({plain(fw.id, single_line=True)} {plain(fw.version, single_line=True)})")
    if a.framework_version != fw.version:
        made = plain(a.framework_version, single_line=True)
        text.append(f" — made against version {made}", style="yellow")
    if fw.caveat:
        text.append(f"\nNote: {plain(fw.caveat, single_line=True)}", style="italic")
    if a.period:
        text.append(f"\nPeriod: {plain(a.period, single_line=True)}")
    if a.assessors:
        text.append(f"\nAssessors: {plain(', '.join(a.assessors), single_line=True)}")
    if a.review_date:
        text.append(f"\nReview date: {long_date(a.review_date)}")
    p = a.published
    if fw.compares_published and p is not None and (p.grades or p.source):
        source = plain(p.source or "published grades entered by hand", single_line=True)
        text.append(f"\n{published_report_label(fw)}: {source}")
        if p.inspection_start and p.inspection_end:
            text.append(f", inspected {date_range(p.inspection_start, p.inspection_end)}")
    return _box([text], "selfassess report", border_style="blue")


def _gap_text(gap: GradeGap) -> Text:
    return Text(
        gap.text, style="green" if gap.gap == 0 else ("yellow" if gap.gap is not None else "dim")
    )


class ScorecardTable:
    """One row per judgement (then overall): bar and coverage, indicative, published, gap.

    Fits the width it is given: the bar narrows on an 80-column terminal and grade names wrap
    at word boundaries instead of being cut.
    """

    def __init__(self, summary: Summary, staleness: Staleness | None = None) -> None:
        self.summary = summary
        self.staleness = staleness

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, width: int = 120) -> Table:
        """The scorecard as a Rich table for a screen ``width`` cells wide."""
        summary, fw = self.summary, self.summary.framework
        bar_width = 12 if width < 110 else 20
        table = Table(title=Text("Scorecard", style="bold"), title_justify="left", box=box.ROUNDED)
        # Rich sizes the columns to the screen; only the ratings never wrap (the bar would).
        # With no inspectorate there are no published grades to set ours beside.
        compared = fw.compares_published
        headers = ["Judgement", "Ratings", "Self-assessed"]
        if compared:
            headers += [published_column(fw), "Gap"]
        for header in headers:
            table.add_column(header, no_wrap=header == "Ratings", overflow="fold")
        gaps = {g.judgement: g for g in summary.comparison.gaps}
        overall = summary.scorecard.overall
        for s in summary.scorecard.judgements:
            gap = gaps[s.judgement]
            ratings = rag_bar(fw, s.counts, s.not_applicable, s.total, width=bar_width)
            ratings.append("\n")
            ratings.append_text(counts_text(fw, s.counts, s.not_applicable, compact=True))
            ratings.append(f"\n{s.rated} of {s.total} rated", style="dim")
            grade = grade_text(fw, s.grade, provisional=s.provisional)
            stale = coverage_words(self.staleness, s.judgement) if self.staleness else ""
            if stale:  # under the grade: that column wraps, the bar's does not
                grade.append(f"\n{STALE_MARK} {stale}", style="yellow")
            table.add_row(
                Text(plain(fw.judgement_label(s.judgement), single_line=True)),
                ratings,
                grade,
                *((self._published(gap), _gap_text(gap)) if compared else ()),
            )
        if overall is not None:
            gap = gaps[overall.judgement]
            table.add_section()
            table.add_row(
                Text(plain(overall.title, single_line=True), style="bold"),
                Text("derived from\nthe others", style="italic dim"),
                grade_text(fw, overall.grade, provisional=overall.provisional),
                *((self._published(gap), _gap_text(gap)) if compared else ()),
            )
        return table

    def _published(self, gap: GradeGap) -> Text:
        if not gap.published:
            return Text("—", style="dim")
        return grade_text(self.summary.framework, gap.published)


def _title_line(title: str, grade: Text, extra: str = "") -> Text:
    text = Text(plain(title, single_line=True), style="bold")
    text.append("  ")
    text.append_text(grade)
    text.append(extra, style="dim")
    return text


def reasons_block(summary: Summary) -> RenderableType:
    """Why each judgement got its grade."""
    fw = summary.framework
    parts: list[RenderableType] = []
    for s in summary.scorecard.judgements:
        grade = grade_text(fw, s.grade, provisional=s.provisional)
        rated = f"   {s.rated} of {s.total} rated"
        parts.append(_title_line(fw.judgement_label(s.judgement), grade, rated))
        if s.reasons:
            parts.append(_hanging((_bullet(reason) for reason in s.reasons), 2))
    overall = summary.scorecard.overall
    if overall is not None:
        grade = grade_text(fw, overall.grade, provisional=overall.provisional)
        parts.append(_title_line(overall.title, grade))
        if overall.reasons:
            parts.append(_hanging((_bullet(reason) for reason in overall.reasons), 2))
        if overall.basis:
            basis = Text(f"How it is worked out: {plain(overall.basis)}")
            parts.append(Padding(basis, (0, 0, 0, 2)))
    return _box(parts, "Why these grades", border_style="dim")


def areas_block(summary: Summary) -> RenderableType | None:
    """The published areas for improvement: possible blind spots first (none with no
    inspectorate)."""
    published = summary.assessment.published
    if not summary.framework.compares_published:
        return None
    if published is None or not published.areas_for_improvement:
        return None
    fw = summary.framework
    c = summary.comparison
    parts: list[RenderableType] = []
    if c.blind_spots:
        parts.append(Text(f"Possible blind spots — {blind_spots_lead(fw)}", style="bold yellow"))
        spots = []
        for item in c.blind_spots:
            text = Text(plain(item.title, single_line=True), style="bold")
            text.append(f" — {plain(item.area, single_line=True)}")
            spots.append((rating_badge(fw, item.rating), text))
        parts.append(_hanging(spots, 2))
    else:
        parts.append(Text(no_blind_spots(fw), style="green"))
    parts.append(Text("Areas for improvement in the published report:", style="bold"))
    for area in published.areas_for_improvement:
        parts.append(_hanging([_bullet(plain(area.text, single_line=True))], 2))
        linked = [
            (rating_badge(fw, item.rating), Text(plain(item.title, single_line=True)))
            for item in linked_criteria(fw, summary.assessment, area.text, area.criteria)
        ]
        if linked:
            parts.append(_hanging(linked, 6))
    return _box(
        parts,
        comparison_title(fw),
        border_style="yellow" if c.blind_spots else "dim",
    )


def criterion_block(
    summary: Summary, criterion_id: str, today: datetime.date | None = None
) -> list[RenderableType]:
    """One criterion: a heading line with its rating, then its confidence, evidence, notes
    and actions as one indented text.

    Plain lines rather than a table per criterion: they read as well on a shared screen and
    print as fast as the file is read.
    """
    fw = summary.framework
    criterion = fw.criteria[criterion_id]
    record = summary.assessment.record(criterion_id)
    heading = Text(f" {rating_letter(fw, record.rating)} ", style=rating_style(fw, record.rating))
    heading.append(" ")
    heading.append(plain(criterion.title, single_line=True), style="bold")
    if criterion.limiting:
        heading.append(" ◆", style="magenta")
    heading.append(f"  {plain(rating_label(fw, record.rating), single_line=True)}", style="dim")
    if record.confidence:
        confidence = CONFIDENCE_LEVELS[record.confidence].lower()
        heading.append(f", {confidence} confidence", style="dim")
    if record.review:
        heading.append("  needs review", style="bold yellow")
    body = Text()

    def new_line() -> None:
        if body:
            body.append("\n")

    cutoff = stale_before(summary.assessment, today or datetime.date.today())
    if record.na_reason:
        body.append("Why not applicable: ", style="dim")
        body.append(plain(record.na_reason, single_line=True))
    for e in record.evidence:
        new_line()
        body.append(f"• {plain(e.what, single_line=True)}")
        details = [EVIDENCE_TYPES.get(e.type, e.type)]
        if e.date:
            details.append(long_date(e.date))
        if is_stale(e.date, cutoff):
            details.append(f"{STALE_MARK} stale")
        if e.owner:
            details.append(plain(e.owner, single_line=True))
        if e.where:
            details.append(plain(e.where, single_line=True))
        body.append(f" ({'; '.join(details)})", style="dim")
    if record.audits:
        new_line()
        body.append("Case audits: ", style="bold")
        body.append_text(audit_block(fw, summarise_audits(fw, record.audits), width=12))
    if not record.evidence and record.rating is not None:
        new_line()
        body.append("No evidence recorded", style="dim italic")
    if record.notes:
        new_line()
        body.append("Notes: ", style="bold")
        body.append(plain(record.notes).strip("\n"))
    for x in record.actions:
        new_line()
        body.append("→ Action: ", style="bold")
        body.append(plain(x.what, single_line=True))
        details = [ACTION_STATUSES.get(x.status, x.status)]
        if x.owner:
            details.append(plain(x.owner, single_line=True))
        if x.due:
            details.append(f"due {long_date(x.due)}")
        body.append(f" ({'; '.join(details)})", style="dim")
    if criterion.national_framework:
        new_line()
        body.append("National Framework: ", style="dim")
        body.append("; ".join(national_framework_labels(criterion.national_framework)), style="dim")
    if not body:
        return [heading]
    return [heading, Padding(body, (0, 0, 0, 4))]


def criteria_detail(
    summary: Summary, today: datetime.date | None = None
) -> Iterable[RenderableType]:
    """Each judgement's criteria in framework order, under a rule with its title."""
    for judgement in summary.framework.judgements:
        title = Text(plain(judgement.title, single_line=True), style="bold")
        yield Rule(title, align="left")
        for c in judgement.criteria:
            yield from criterion_block(summary, c.id, today)


def render_report(
    summary: Summary,
    *,
    detail: bool = True,
    today: datetime.date | None = None,
    figures: RenderableType | None = None,
) -> RenderableType:
    """The whole terminal report; evidence is stale or not as of ``today`` (default: today)."""
    staleness = find_stale(summary.framework, summary.assessment, today or datetime.date.today())
    parts: list[RenderableType] = [
        header(summary),
        ScorecardTable(summary, staleness),
        reasons_block(summary),
    ]
    areas = areas_block(summary)
    if areas is not None:
        parts.append(areas)
    questions = questions_block(summary.framework, summary.assessment)
    if questions is not None:
        parts.append(Panel(questions, title=Text("Ratings and audits"), title_align="left"))
    if staleness.items:
        parts.append(stale_block(staleness))
    if figures is not None:  # published figures (views/figures.py), when the file has a code
        parts.append(figures)
    if detail:
        parts.append(Text("\nDetail by criterion", style="bold"))
        parts.append(Text(limiting_key(summary.framework), style="dim"))
        parts.extend(criteria_detail(summary, today))
    return Group(*parts)
