"""The action list for the terminal: soonest due first, overdue ones flagged in words."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfassess.model.actions import ActionList
from selfassess.model.dates import long_date
from selfassess.views.render import user_line as _t


def actions_table(actions: ActionList) -> RenderableType:
    """The action list as a Rich table; overdue ones say OVERDUE (not colour alone)."""
    title = Text("Actions: ", style="bold") + _t(actions.authority, "bold")
    if actions.period:
        title += Text(" — ") + _t(actions.period)
    summary = Text(
        f"{len(actions.items)} action{'s' if len(actions.items) != 1 else ''}, "
        f"{actions.open} open, "
    )
    summary.append(f"{actions.overdue} overdue", style="bold red" if actions.overdue else "")
    summary.append(f" (as of {long_date(actions.today)})", style="dim")
    if not actions.items:
        return Group(title, summary, Text("No actions recorded.", style="dim italic"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Action", ratio=3, overflow="fold")
    table.add_column("Owner", ratio=2, overflow="fold")
    table.add_column("Criterion", ratio=2, overflow="fold")
    for item in actions.items:
        due = Text(long_date(item.due) if item.due else "no date", style="" if item.due else "dim")
        if item.overdue:
            status = Text("OVERDUE", style="bold white on red3")
            status.append(f"\n{item.status_label}", style="red")
        else:
            status = Text(item.status_label, style="green" if item.done else "")
        table.add_row(
            due,
            status,
            _t(item.what, "dim" if item.done else ""),
            _t(item.owner),
            _t(item.criterion_title),
        )
    return Group(title, summary, table)
