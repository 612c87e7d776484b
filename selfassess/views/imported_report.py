"""What an imported Ofsted report states, as a Rich renderable; and a batch's closing summary.

The view sits below the importer, so it takes the report through the ``StatedReport``
protocol (which ``importer.reports.ImportedReport`` satisfies) rather than importing it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfassess.model.dates import date_range, month_year
from selfassess.views.render import plain

if TYPE_CHECKING:
    from selfassess.model.framework import Framework
    from selfassess.model.linking import NationalFrameworkTag

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


class StatedReport(Protocol):
    """What the view needs of an imported report."""

    @property
    def source(self) -> str: ...
    @property
    def local_authority(self) -> str: ...
    @property
    def authority(self) -> str: ...
    @property
    def inspection_start(self) -> datetime.date: ...
    @property
    def inspection_end(self) -> datetime.date: ...
    @property
    def lead_inspector(self) -> str: ...
    @property
    def judgements(self) -> dict[str, str]: ...
    @property
    def titles(self) -> dict[str, str]: ...
    @property
    def areas_for_improvement(self) -> tuple[str, ...]: ...
    def tags_of(self, index: int) -> tuple[NationalFrameworkTag, ...]: ...


def count(n: int, noun: str) -> str:
    """ "one judgement", "four areas", "12 reports"."""
    word = _NUMBERS[n] if n < len(_NUMBERS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


def describe_layout(framework: Framework) -> str:
    """E.g. "three judgements plus overall effectiveness" or "four judgements, no overall"."""
    judgements = count(len(framework.judgements), "judgement")
    if framework.overall is not None:
        return f"{judgements} plus {framework.overall.title.lower()}"
    return f"{judgements}, no overall effectiveness"


def _period(framework: Framework) -> str:
    """The inspections a framework is for, e.g. "January 2018 to December 2022"."""
    start = month_year(framework.applies_from)
    if framework.applies_until is None:
        return f"from {start}"
    return f"{start} to {month_year(framework.applies_until)}"


def describe_tags(tags: Sequence[NationalFrameworkTag]) -> str:
    """E.g. "National framework: outcome 3, enabler 2"."""
    return "National framework: " + ", ".join(str(tag) for tag in tags)


def _text(value: str, style: str = "") -> Text:
    # every piece of a report is the report's own text: shown as data, without control characters
    return Text(plain(value), style=style)


def render_imported_report(report: StatedReport, framework: Framework) -> RenderableType:
    """What one report states, for the screen."""
    name = report.local_authority
    if report.authority and report.authority != name:
        name = f"{name} ({report.authority})"
    dates = date_range(report.inspection_start, report.inspection_end)
    lines: list[RenderableType] = [
        _text(report.source, "dim"),
        _text(name, "bold"),
        _text(
            f"Inspected {dates}"
            + (f" · lead inspector {report.lead_inspector}" if report.lead_inspector else "")
        ),
        _text(f"Layout: {_period(framework)} — {describe_layout(framework)} ({framework.id})"),
    ]
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2, 0, 0))
    table.add_column("Judgement")
    table.add_column("Grade", no_wrap=True)
    for jid, grade_id in report.judgements.items():
        grade = framework.grade_by_id.get(grade_id)
        label = _text(framework.grade_label(grade_id), grade.colour if grade else "")
        table.add_row(_text(report.titles.get(jid) or framework.published_title(jid)), label)
    lines += [
        Text(""),
        table,
        Text(""),
        Text(f"What needs to improve ({len(report.areas_for_improvement)})", style="bold"),
    ]
    if not report.areas_for_improvement:
        lines.append(Text("The report lists no areas for improvement.", style="dim"))
    areas = Table.grid(padding=(0, 1, 0, 0))
    areas.add_column(justify="right", no_wrap=True)
    areas.add_column()
    for n, area in enumerate(report.areas_for_improvement, start=1):
        cell = _text(area)
        tags = report.tags_of(n - 1)
        if tags:
            cell.append("\n" + describe_tags(tags), style="dim")
        areas.add_row(f"{n}.", cell)
    lines += [areas, Text("")]
    return Group(*lines)


def render_batch_summary(read: int, refused: Mapping[str, int]) -> RenderableType:
    """The closing summary of a batch: how many were read, and the refusals by kind."""
    total = read + sum(refused.values())
    head = Text(f"{count(total, 'report')}: ", style="bold")
    head.append(f"{read} read", style="green" if read else "")
    head.append(", ")
    head.append(f"{sum(refused.values())} refused", style="red" if refused else "")
    head.append("." if not refused else ":")
    lines: list[RenderableType] = [head]
    for kind, n in refused.items():
        lines.append(_text(f"  {n:>4}  {kind}"))
    return Group(*lines)
