"""Stale evidence for the terminal: what to refresh before an inspection, and who holds it.

Used by ``selfassess report`` (a box after the comparison) and ``selfassess actions`` (after the
actions). Dates are written the UK way ("3 March 2018").
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from selfassess.model.dates import long_date
from selfassess.model.staleness import StaleItem, Staleness
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


def _owner_heading(item: StaleItem) -> str:
    """Who holds a stale item: its owner, for audits who audited most of them ("" if nobody)."""
    owner = plain(item.owner, single_line=True)
    if item.audits and owner:
        return f"Auditors: {owner}"  # audits have no owner
    return owner


def stale_list(staleness: Staleness) -> RenderableType:
    """Stale evidence by who holds it, so each owner can see what to refresh; owners in
    alphabetical order (nobody recorded last), each one's items oldest first.

    Plain lines under a heading per owner rather than one table row per item: a list of
    thousands of items reads the same and prints in a fraction of the time.
    """
    title = Text("Stale evidence", style="bold")
    lead = Text(f"{stale_words(staleness)} (as of {long_date(staleness.today)}).", style="dim")
    if not staleness.items:
        return Group(title, lead, Text("No stale evidence.", style="green"))
    resting = staleness.resting_count()
    count = len(staleness.items)
    summary = Text(
        f"{count} stale item{'s' if count != 1 else ''}; "
        f"{resting} rated criteri{'on rests' if resting == 1 else 'a rest'} on stale "
        "evidence only. Refresh these before an inspection."
    )
    by_owner: dict[str, list[StaleItem]] = {}
    for item in staleness.items:  # oldest first, and so within each owner
        by_owner.setdefault(_owner_heading(item), []).append(item)
    parts: list[RenderableType] = [title, lead, summary]
    for owner in sorted(by_owner, key=lambda o: (not o, o.casefold(), o)):
        items = by_owner[owner]
        heading = Text("\n")
        heading.append(owner or "No owner recorded", style="bold" if owner else "bold italic")
        heading.append(
            f" — {len(items)} item{'s' if len(items) != 1 else ''}, "
            f"oldest {long_date(items[0].date)}",
            style="dim",
        )
        body = Text()
        for n, item in enumerate(items):
            if n:
                body.append("\n")
            body.append(f"{STALE_MARK} {long_date(item.date)}  ", style="yellow")
            body.append(plain(item.what, single_line=True))
            body.append(f"  ({plain(item.criterion_title, single_line=True)})", style="dim")
        parts += [heading, Padding(body, (0, 0, 0, 2))]
    return Group(*parts)


def stale_block(staleness: Staleness) -> RenderableType:
    """The stale evidence in a box, for the terminal report."""
    return Panel(
        stale_list(staleness),
        title=Text("Evidence to refresh"),
        title_align="left",
        border_style="yellow" if staleness.items else "dim",
    )
