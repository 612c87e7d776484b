"""An authority's Ofsted inspection history and its statistical neighbours' grades, for the
terminal."""

from __future__ import annotations

import datetime

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfassess.data.published import (
    GRADES,
    JUDGEMENTS,
    Authority,
    Dataset,
    Inspection,
    time_since,
)
from selfassess.model.dates import MONTHS, long_date
from selfassess.views.render import user_line

COLUMNS = ("overall", "leaders", "help_and_protection", "children_in_care", "care_leavers")
"""The judgement columns; before 2023 the combined children in care and care leavers judgement
is shown under "Children in care", marked."""

HEADINGS = {
    "overall": "Overall",
    "leaders": "Leaders",
    "help_and_protection": "Help and\nprotection",
    "children_in_care": "Children\nin care",
    "care_leavers": "Care\nleavers",
}
"""Column headings short enough for ten neighbours in 80 columns."""

COMBINED = "children_in_care_and_care_leavers"
COMBINED_MARK = "*"

LETTERS = {"outstanding": "O", "good": "G", "requires_improvement": "RI", "inadequate": "I"}
"""Grades as the sector abbreviates them, so ten neighbours fit an 80-column terminal."""
GRADE_COLOURS = {
    "outstanding": "dodger_blue2",
    "good": "green4",
    "requires_improvement": "dark_orange",
    "inadequate": "red3",
}
TYPES = {"standard": "standard inspection", "short": "short inspection"}
_MONTHS = tuple(m[:3] for m in MONTHS)


def short_date(day: datetime.date) -> str:
    """E.g. "27 Nov 2023" (month names from our own table, not the system's locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def grade_cell(judgements: dict[str, str], column: str, *, short: bool = False) -> Text:
    """A grade in its colour, in words (or the sector's letters) so it reads without colour."""
    grade = judgements.get(column)
    mark = ""
    if grade is None and column == "children_in_care" and COMBINED in judgements:
        grade, mark = judgements[COMBINED], COMBINED_MARK
    if grade is None:
        return Text("—", style="dim")
    label = (LETTERS if short else GRADES).get(grade, grade)
    return Text(label + mark, style=f"bold {GRADE_COLOURS.get(grade, 'default')}")


def last_inspection_line(inspection: Inspection | None, today: datetime.date) -> Text:
    if inspection is None:
        return Text("No ILACS inspection on record.", style="italic")
    text = Text("Last full inspection: ", style="bold")
    text.append(
        f"{TYPES.get(inspection.type, inspection.type)} starting "
        f"{long_date(inspection.inspection_start)}, "
        f"{time_since(inspection.inspection_start, today)} ago"
    )
    if "overall" in inspection.judgements:
        text.append(" (overall effectiveness: ")
        text.append_text(grade_cell(inspection.judgements, "overall"))
        text.append(")")
    return text


def history_table(history: list[Inspection]) -> Table:
    """Judgements down, inspections across (newest first)."""
    table = Table(title="Ofsted inspections (ILACS)", title_justify="left", box=box.ROUNDED)
    table.add_column("Judgement", ratio=2, min_width=12)
    shown = list(reversed(history))
    for inspection in shown:
        header = Text(short_date(inspection.inspection_start), style="bold")
        header.append(f"\n{TYPES.get(inspection.type, inspection.type)}", style="dim")
        header.append(f"\npublished {short_date(inspection.publication_date)}", style="dim")
        table.add_column(header, ratio=1, min_width=12)
    for column in COLUMNS:
        table.add_row(JUDGEMENTS[column], *(grade_cell(i.judgements, column) for i in shown))
    return table


def neighbours_table(data: Dataset, authority: Authority) -> Table:
    """One neighbour a row, closest first, with its latest grades."""
    table = Table(
        title="Statistical neighbours: latest ILACS grades",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("Neighbour", min_width=14)
    table.add_column("Inspected", no_wrap=True)
    for column in COLUMNS:
        table.add_column(HEADINGS[column], justify="center")
    for neighbour, closeness in data.neighbours(authority):
        name = user_line(neighbour.name)
        name.append("\n")
        name.append_text(user_line(closeness.lower(), "dim"))
        latest = data.latest_inspection(neighbour)
        if latest is None:
            table.add_row(
                name,
                Text("none", style="dim"),
                *(Text("—", style="dim") for _ in COLUMNS),
            )
            continue
        table.add_row(
            name,
            f"{_MONTHS[latest.inspection_start.month - 1]} {latest.inspection_start.year}",
            *(grade_cell(latest.judgements, c, short=True) for c in COLUMNS),
        )
    return table


def peers_view(
    data: Dataset, authority: Authority, today: datetime.date | None = None
) -> RenderableType:
    """The authority, the time since its last full inspection, its inspection history and its
    neighbours' latest grades, with the sources."""
    today = today or datetime.date.today()
    title = user_line(authority.name, "bold")
    title.append(f" ({authority.code}, {authority.new_code})", style="dim")
    if authority.region:
        title.append(" · ")
        title.append_text(user_line(authority.region))
    if not authority.current:
        title.append(" · no longer exists", style="italic")
    history = data.inspections(authority)
    parts: list[RenderableType] = [
        title,
        last_inspection_line(history[-1] if history else None, today),
        Text(""),
    ]
    if history:
        parts.append(history_table(history))
    if authority.neighbours:
        parts.append(neighbours_table(data, authority))
    notes = Text(
        "O outstanding · G good · RI requires improvement to be good · I inadequate. "
        f"{COMBINED_MARK} Children in care and care leavers were one judgement before 2023.\n"
        f"Sources: {data.inspections_source} (a later inspection is not yet included); "
        "DfE statistical neighbours, 2025 model.",
        style="dim",
    )
    parts.append(notes)
    return Group(*parts)
