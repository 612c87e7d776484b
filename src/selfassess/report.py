"""The terminal report: a scorecard a head of service can put on a screen, then the detail.

Renderers return Rich renderables; only the CLI owns a Console. User text always goes into
``Text`` objects (never parsed as markup) after ``plain`` removes control characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich import box
from rich._wrap import divide_line  # private, but what Text.wrap uses: the same wrapping
from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from selfassess.assessment import ACTION_STATUSES, CONFIDENCE_LEVELS, EVIDENCE_TYPES
from selfassess.comparison import GradeGap, linked_criteria
from selfassess.render import (
    counts_text,
    grade_text,
    plain,
    rag_bar,
    rating_badge,
    rating_label,
    rating_letter,
    rating_style,
)
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
        # On a narrow screen the table is wider than the screen: cropped here, so that the
        # report can be printed without cropping every line (see ``cmd_report``).
        for line in console.render_lines(
            self.table(options.max_width), options, pad=False, new_lines=True
        ):
            yield from line

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
            parts.append(Wrapped([(plain(f"• {reason}"), "")], 2, hanging=2))
    overall = summary.scorecard.overall
    if overall is not None:
        title = Text(overall.title, style="bold")
        title.append("  ")
        title.append_text(grade_text(fw, overall.grade, provisional=overall.provisional))
        parts.append(title)
        for reason in overall.reasons:
            parts.append(Wrapped([(plain(f"• {reason}"), "")], 2, hanging=2))
        if overall.basis:
            # Unstyled, as Rich's Text.render drew it before (a Text's own style was dropped).
            parts.append(Wrapped([(plain(f"A heuristic: {overall.basis}"), "")], 2))
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


Run = tuple[str, str]
"""A piece of text and its Rich style ("" for none)."""

_NOT_SPACE = re.compile(r"[^\S ]")
"""Whitespace other than a space."""
_WORD_START = re.compile(r"[^ ]")


class Wrapped:
    """Styled text word-wrapped the way Rich wraps a ``Text``, after an indent.

    Rich's ``Text.wrap`` makes several objects per line; the detail of ~50 criteria made it most
    of ``selfassess report``'s time. This keeps the text as (string, style) runs and measures
    lines of single-cell characters with ``len``. The first line is indented by ``indent``, the
    others by ``indent + hanging``. Strings must already be safe to show (see ``plain``): they
    are never read as markup.
    """

    def __init__(self, runs: list[Run], indent: int = 0, hanging: int = 0) -> None:
        self.runs = runs
        self.indent = indent
        self.hanging = hanging

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        width = options.max_width - self.indent - self.hanging
        if self.indent or self.hanging:
            width = max(10, width)
        styles: dict[str, Style] = {}
        pad = Segment(" " * self.indent) if self.indent else None
        rest = Segment(" " * (self.indent + self.hanging)) if self.indent + self.hanging else None
        newline = Segment.line()
        segments: list[Segment] = []
        for line, spans in self._lines():
            for start, text in _wrap(line, width):
                if pad is not None:
                    segments.append(pad)
                pad = rest
                position = 0  # in text; styled spans become segments, the gaps between plain ones
                for span_start, span_end, style in spans:
                    span_start = max(span_start - start, position)
                    span_end = min(span_end - start, len(text))
                    if span_end <= span_start:
                        continue
                    if span_start > position:
                        segments.append(Segment(text[position:span_start]))
                    if style not in styles:
                        styles[style] = console.get_style(style)
                    segments.append(Segment(text[span_start:span_end], styles[style]))
                    position = span_end
                if position < len(text):
                    segments.append(Segment(text[position:]))
                segments.append(newline)
        if width + self.indent + self.hanging > options.max_width:  # too narrow for the indent
            lines = Segment.split_and_crop_lines(segments, options.max_width, pad=False)
            return [segment for line in lines for segment in line]
        return segments

    def _lines(self) -> list[tuple[str, list[tuple[int, int, str]]]]:
        """The text split at newlines, each line with its styled spans (start, end, style)."""
        lines: list[tuple[str, list[tuple[int, int, str]]]] = []
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        length = 0
        for text, style in self.runs:
            pieces = text.split("\n")
            for n, piece in enumerate(pieces):
                if n:
                    lines.append(("".join(parts), spans))
                    parts, spans, length = [], [], 0
                if piece:
                    parts.append(piece)
                    if style:
                        spans.append((length, length + len(piece), style))
                    length += len(piece)
        lines.append(("".join(parts), spans))
        return lines


def _wrap(line: str, width: int) -> list[tuple[int, str]]:
    """``line`` wrapped to ``width`` cells as Rich's ``Text.wrap`` does it: each wrapped line
    with where it starts in ``line``.

    Words keep their trailing spaces and are fitted greedily (``divide_line``); then spaces
    beyond the width are dropped (``Text.rstrip_end``) and what still does not fit is cropped
    (``Text.truncate``).
    """
    single = _single_cells(line)
    breaks = _breaks(line, width) if single else None
    if breaks is None:
        breaks = divide_line(line, width)
    pieces = []
    for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True):
        text = line[start:end]
        if len(text) > width:
            text = text[: max(width, len(text.rstrip()))]
        if not single and cell_len(text) > width:
            text = set_cell_size(text, width)
        pieces.append((start, text))
    return pieces


_ONE_CELL: set[str] = set()
"""Characters found to take one cell each, like most (so they can be measured with ``len``)."""


def _single_cells(line: str) -> bool:
    """Whether every character of ``line`` takes one cell on the screen."""
    if line.isascii():  # ``plain`` has removed control characters
        return True
    new = set(line).difference(_ONE_CELL)
    if all(get_character_cell_size(c) == 1 for c in new):
        _ONE_CELL.update(new)
        return True
    return False


def _breaks(line: str, width: int) -> list[int] | None:
    """Rich's ``divide_line`` for the usual line, found a line at a time rather than a word at
    a time: one cell per character, words separated by spaces and none longer than ``width``
    (None for any other line)."""
    if len(line) <= width:
        return []
    if _NOT_SPACE.search(line) or max(map(len, line.split(" "))) > width:
        return None
    words = line.lstrip(" ")
    if len(line) - len(words) + len(words.split(" ", 1)[0]) > width:
        return None  # the first word with the spaces before it does not fit
    breaks: list[int] = []
    start = 0
    end = len(line.rstrip(" "))
    while end > start + width:
        limit = start + width  # the first cell past this line
        if line[limit] == " ":  # the next word starts the next line
            start = _WORD_START.search(line, limit).start()  # type: ignore[union-attr]
        else:  # the word across the limit starts the next line
            start = line.rfind(" ", start, limit) + 1
        breaks.append(start)
    return breaks


def criterion_block(summary: Summary, criterion_id: str) -> RenderableType:
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
        return Wrapped(heading)
    text, style = lines[-1]
    lines[-1] = (text.removesuffix("\n"), style)  # e.g. notes that end with a newline
    text, style = lines[0]
    lines[0] = (text[1:], style)  # the leading newline
    return Group(Wrapped(heading), Wrapped(lines, 4))


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
