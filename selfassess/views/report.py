"""The terminal report: a scorecard a head of service can put on a screen, then the detail.

Renderers return Rich renderables; only the CLI owns a Console. User text goes into runs of the
lean renderables in ``layout`` (never parsed as markup) after ``plain`` removes control
characters.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from selfassess.model.assessment import ACTION_STATUSES, CONFIDENCE_LEVELS, EVIDENCE_TYPES
from selfassess.model.comparison import GradeGap, linked_criteria
from selfassess.views.layout import Box, Column, Grid, Heading, Run, Stack, Wrapped, text_runs
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
from selfassess.model.summary import Summary


def header(summary: Summary) -> RenderableType:
    """Whose assessment, against which framework, and the Ofsted report it is set beside."""
    a, fw = summary.assessment, summary.framework
    runs: list[Run] = [
        (plain(a.authority, single_line=True), "bold"),
        ("\nSelf-assessment against ", ""),
        (plain(fw.title, single_line=True), "italic"),
        (f" ({fw.id} {fw.version})", ""),
    ]
    if a.framework_version != fw.version:
        runs.append((f" — made against version {plain(a.framework_version)}", "yellow"))
    if a.period:
        runs.append((f"\nPeriod: {plain(a.period, single_line=True)}", ""))
    if a.assessors:
        runs.append((f"\nAssessors: {plain(', '.join(a.assessors), single_line=True)}", ""))
    p = a.published
    if p is not None and (p.grades or p.source):
        source = plain(p.source or "published grades entered by hand", single_line=True)
        runs.append((f"\nOfsted report: {source}", ""))
        if p.inspection_start and p.inspection_end:
            runs.append(
                (f", inspected {p.inspection_start:%-d %B %Y} to {p.inspection_end:%-d %B %Y}", "")
            )
    return Box([Wrapped(runs)], "selfassess report", border_style="blue")


def _gap_runs(gap: GradeGap) -> list[Run]:
    return [(gap.text, "green" if gap.gap == 0 else ("yellow" if gap.gap is not None else "dim"))]


class ScorecardTable:
    """One row per judgement (then overall): bar and coverage, indicative, published, gap.

    Fits the width it is given: the bar narrows on an 80-column terminal and grade names wrap
    at word boundaries instead of being cut; on a screen too narrow even so, it is cut at the
    edge rather than wrapping its borders.
    """

    def __init__(self, summary: Summary) -> None:
        self.summary = summary

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.grid(options.max_width)

    def grid(self, width: int = 120) -> Grid:
        summary, fw = self.summary, self.summary.framework
        bar_width = 12 if width < 110 else 20
        grid = Grid(
            [
                Column("Judgement", 13),
                Column("Ratings", bar_width, wrap=False),
                Column("Self-assessed", 13),
                Column("Ofsted", 11),
                Column("Gap", 8),
            ],
            title="Scorecard",
        )
        gaps = {g.judgement: g for g in summary.comparison.gaps}
        for s in summary.scorecard.judgements:
            gap = gaps[s.judgement]
            bar = rag_bar(fw, s.counts, s.not_applicable, s.total, width=bar_width)
            grid.add_row(
                [(plain(fw.published_label(s.judgement), single_line=True), "")],
                [
                    *text_runs(bar),
                    ("\n", ""),
                    *text_runs(counts_text(fw, s.counts, s.not_applicable, compact=True)),
                    (f"\n{s.rated} of {s.total} rated", "dim"),
                ],
                text_runs(grade_text(fw, s.grade, provisional=s.provisional)),
                self._published(gap),
                _gap_runs(gap),
            )
        overall = summary.scorecard.overall
        if overall is not None:
            gap = gaps[overall.judgement]
            grid.add_row(
                [(plain(overall.title, single_line=True), "bold")],
                [("derived from\nthe others", "italic dim")],
                text_runs(grade_text(fw, overall.grade, provisional=overall.provisional)),
                self._published(gap),
                _gap_runs(gap),
                section=True,
            )
        return grid

    def _published(self, gap: GradeGap) -> list[Run]:
        if not gap.published:
            return [("—", "dim")]
        return text_runs(grade_text(self.summary.framework, gap.published))


def _title_line(title: str, grade: Text, extra: str = "") -> Wrapped:
    title = plain(title, single_line=True)
    return Wrapped([(title, "bold"), ("  ", ""), *text_runs(grade), (extra, "dim")])


def reasons_block(summary: Summary) -> RenderableType:
    """Why each judgement got its grade."""
    fw = summary.framework
    parts: list[Wrapped] = []
    for s in summary.scorecard.judgements:
        grade = grade_text(fw, s.grade, provisional=s.provisional)
        rated = f"   {s.rated} of {s.total} rated  "
        parts.append(_title_line(fw.published_label(s.judgement), grade, rated))
        for reason in s.reasons:
            parts.append(Wrapped([(plain(f"• {reason}"), "")], 2, hanging=2))
    overall = summary.scorecard.overall
    if overall is not None:
        grade = grade_text(fw, overall.grade, provisional=overall.provisional)
        parts.append(_title_line(overall.title, grade))
        for reason in overall.reasons:
            parts.append(Wrapped([(plain(f"• {reason}"), "")], 2, hanging=2))
        if overall.basis:
            parts.append(Wrapped([(plain(f"How it is worked out: {overall.basis}"), "")], 2))
    return Box(parts, "Why these grades", border_style="dim")


def areas_block(summary: Summary) -> RenderableType | None:
    """Ofsted's areas for improvement: possible blind spots first."""
    published = summary.assessment.published
    if published is None or not published.areas_for_improvement:
        return None
    fw = summary.framework
    c = summary.comparison
    parts: list[Wrapped] = []
    if c.blind_spots:
        parts.append(
            Wrapped(
                [
                    (
                        "Possible blind spots — Ofsted named these for improvement, "
                        "but we rated them strong:",
                        "bold yellow",
                    )
                ]
            )
        )
        for item in c.blind_spots:
            runs = [
                *text_runs(rating_badge(fw, item.rating)),
                (" ", ""),
                (plain(item.title, single_line=True), "bold"),
                (f" — {plain(item.area, single_line=True)}", ""),
            ]
            parts.append(Wrapped(runs, 2, hanging=4))
    else:
        parts.append(
            Wrapped(
                [
                    (
                        "No blind spots: no criterion linked to Ofsted's areas for improvement "
                        "is rated strong.",
                        "green",
                    )
                ]
            )
        )
    parts.append(Wrapped([("Areas for improvement in the published report:", "bold")]))
    for area in published.areas_for_improvement:
        parts.append(Wrapped([(f"• {plain(area.text, single_line=True)}", "")], 2, hanging=2))
        for item in linked_criteria(fw, summary.assessment, area.text, area.criteria):
            runs = [
                *text_runs(rating_badge(fw, item.rating)),
                (f" {plain(item.title, single_line=True)}", ""),
            ]
            parts.append(Wrapped(runs, 6, hanging=4))
    return Box(
        parts,
        "Compared with Ofsted's report",
        border_style="yellow" if c.blind_spots else "dim",
    )


def criterion_block(summary: Summary, criterion_id: str) -> list[Wrapped]:
    """One criterion: its rating, confidence, evidence, notes and actions, as indented lines.

    Plain lines rather than a table per judgement: they read as well on a shared screen, and
    render several times faster, which matters for start-up of ``selfassess report``.
    """
    fw = summary.framework
    criterion = fw.criteria[criterion_id]
    record = summary.assessment.record(criterion_id)
    heading: list[Run] = [
        (f" {rating_letter(fw, record.rating)} ", rating_style(fw, record.rating)),
        (" ", ""),
        (plain(criterion.title), "bold"),
    ]
    if criterion.limiting:
        heading.append((" ◆", "magenta"))
    heading.append((f"  {plain(rating_label(fw, record.rating))}", "dim"))
    if record.confidence:
        heading.append((f", {CONFIDENCE_LEVELS[record.confidence].lower()} confidence", "dim"))
    if record.review:
        heading.append(("  needs review", "bold yellow"))
    lines: list[Run] = []  # each line starts with a newline; the first one is dropped below
    if record.na_reason:
        lines.append(("\nWhy not applicable: ", "dim"))
        lines.append((plain(record.na_reason, single_line=True), ""))
    for e in record.evidence:
        lines.append((f"\n• {plain(e.what, single_line=True)}", ""))
        details = [EVIDENCE_TYPES.get(e.type, e.type)]
        if e.date:
            details.append(e.date.isoformat())
        if e.owner:
            details.append(plain(e.owner, single_line=True))
        if e.where:
            details.append(plain(e.where, single_line=True))
        lines.append((f" ({'; '.join(details)})", "dim"))
    if not record.evidence and record.rating is not None:
        lines.append(("\nNo evidence recorded", "dim italic"))
    if record.notes:
        lines.append(("\nNotes: ", "bold"))
        lines.append((plain(record.notes), ""))
    for x in record.actions:
        lines.append(("\n→ Action: ", "bold"))
        lines.append((plain(x.what, single_line=True), ""))
        details = [ACTION_STATUSES.get(x.status, x.status)]
        if x.owner:
            details.append(plain(x.owner, single_line=True))
        if x.due:
            details.append(f"due {x.due.isoformat()}")
        lines.append((f" ({'; '.join(details)})", "dim"))
    if not lines:
        return [Wrapped(heading)]
    text, style = lines[-1]
    lines[-1] = (text.removesuffix("\n"), style)  # e.g. notes that end with a newline
    text, style = lines[0]
    lines[0] = (text[1:], style)  # the leading newline
    return [Wrapped(heading), Wrapped(lines, 4)]


def criteria_detail(summary: Summary) -> Iterable[RenderableType]:
    """Each judgement's criteria in framework order."""
    for judgement in summary.framework.judgements:
        yield Heading(plain(judgement.title, single_line=True))
        yield Stack([part for c in judgement.criteria for part in criterion_block(summary, c.id)])


def render_report(summary: Summary, *, detail: bool = True) -> RenderableType:
    """The whole terminal report."""
    parts: list[RenderableType] = [header(summary), ScorecardTable(summary), reasons_block(summary)]
    areas = areas_block(summary)
    if areas is not None:
        parts.append(areas)
    if detail:
        key = "Detail by criterion   ◆ = limiting criterion (red caps the judgement)"
        parts.append(Wrapped([(f"\n{key}", "bold")]))
        parts.extend(criteria_detail(summary))
    return Group(*parts)
