"""Stale evidence for the terminal: what to refresh before an inspection, and who holds it.

Used by ``selfassess report`` (a box after the comparison) and ``selfassess actions`` (a table
after the actions). Dates are written the UK way ("3 March 2018").
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfassess.model.dates import long_date
from selfassess.model.staleness import Staleness
from selfassess.views.render import plain

STALE_MARK = "◷"
"""Shown beside stale evidence (with the word "stale", never alone)."""


def stale_words(staleness: Staleness) -> str:
    """E.g. "Evidence dated before 1 December 2025 (older than 12 months) is stale"."""
    months = staleness.months
    return (
        f"Evidence dated before {long_date(staleness.cutoff)} (older than {months} "
        f"month{'s' if months != 1 else ''}) is stale"
    )


def coverage_words(staleness: Staleness, judgement_id: str | None = None) -> str:
    """E.g. "3 rest on stale evidence" ("" when none do), for a scorecard's coverage line."""
    n = staleness.resting_count(judgement_id)
    if not n:
        return ""
    return f"{n} rest{'s' if n == 1 else ''} on stale evidence"


def stale_table(staleness: Staleness) -> RenderableType:
    """Stale evidence, oldest first: what, criterion, date and owner."""
    title = Text("Stale evidence", style="bold")
    lead = Text(f"{stale_words(staleness)} (as of {long_date(staleness.today)}).", style="dim")
    if not staleness.items:
        return Group(title, lead, Text("No stale evidence.", style="green"))
    resting = staleness.resting_count()
    summary = Text(
        f"{len(staleness.items)} stale item{'s' if len(staleness.items) != 1 else ''}; "
        f"{resting} rated criteri{'on rests' if resting == 1 else 'a rest'} on stale "
        "evidence only. Refresh these before an inspection."
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Dated", no_wrap=True)
    table.add_column("Evidence", ratio=3, overflow="fold")
    table.add_column("Owner", ratio=2, overflow="fold")
    table.add_column("Criterion", ratio=2, overflow="fold")
    for item in staleness.items:
        what = Text(f"{STALE_MARK} ", style="yellow")
        what.append(plain(item.what, single_line=True))
        owner = plain(item.owner, single_line=True)
        if item.audits and owner:
            owner = f"auditors: {owner}"  # audits have no owner; who audited most of them
        table.add_row(
            Text(long_date(item.date)),
            what,
            Text(owner or "no owner recorded", style="" if owner else "dim italic"),
            Text(plain(item.criterion_title, single_line=True)),
        )
    return Group(title, lead, summary, table)


def stale_block(staleness: Staleness) -> RenderableType:
    """The stale evidence in a box, for the terminal report."""
    return Panel(
        stale_table(staleness),
        title=Text("Evidence to refresh"),
        title_align="left",
        border_style="yellow" if staleness.items else "dim",
    )
