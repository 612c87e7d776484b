"""Each judgement's indicative grade over time, for the terminal."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfassess.model.framework import Framework
from selfassess.model.trend import Trend
from selfassess.views.render import grade_text
from selfassess.views.render import user_line as _t


def trend_view(t: Trend) -> RenderableType:
    """Judgements down, assessments across; short grades in colour, arrows for changes."""
    several = len(t.authorities) > 1
    title = Text("Indicative grades over time: ", style="bold")
    title.append_text(_t(", ".join(t.authorities), "bold"))
    table = Table(box=box.ROUNDED)
    table.add_column("Judgement", ratio=2, min_width=14)
    for p in t.points:
        header = _t(p.period or "(no period)", "bold")
        header.append("\n")
        header.append_text(_t(p.name, "dim"))
        if several:
            header.append("\n")
            header.append_text(_t(p.authority, "dim"))
        header.append(f"\n{p.rated} of {p.total} rated", style="dim")
        table.add_column(header, ratio=1, min_width=8)
    provisional_seen = False
    for row in t.rows:
        cells: list[Text] = []
        previous: tuple[Framework, str] | None = None
        for p, cell in zip(t.points, row.cells, strict=True):
            fw = t.frameworks[p.name]
            if not cell.present:
                cells.append(Text("n/a", style="dim"))
                continue
            text = grade_text(fw, cell.grade, short=True) if cell.grade else Text("—", "dim")
            if cell.provisional:
                text.append("*", style="italic")
                provisional_seen = True
            if cell.grade and previous is not None and previous[1] in fw.grade_by_id:
                change = fw.grade_rank(cell.grade) - fw.grade_rank(previous[1])
                if change:
                    text.append(
                        " ▲" if change > 0 else " ▼", style="green" if change > 0 else "red"
                    )
            if cell.grade:
                previous = (fw, cell.grade)
            cells.append(text)
        table.add_row(_t(row.title), *cells)
    parts: list[RenderableType] = [title, table]
    legend = _grade_legend(t)
    if legend:
        parts.append(_t(legend, "dim"))
    if provisional_seen:
        parts.append(
            Text("* provisional: too few criteria rated for a firm indicative grade.", style="dim")
        )
    if several:
        parts.append(Text("Note: these files are for more than one authority.", style="yellow"))
    return Group(*parts)


def _grade_legend(t: Trend) -> str:
    seen: dict[str, str] = {}
    for fw in t.frameworks.values():
        for g in fw.grades:
            if g.short and g.short not in seen:
                seen[g.short] = g.label
    return ", ".join(f"{short} = {label}" for short, label in seen.items())
