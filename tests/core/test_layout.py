"""The report's box and grid (``layout.Box``, ``layout.Grid``) draw what Rich's ``Panel`` and
``Table`` draw: the same borders, the same column widths, the same wrapping."""

from __future__ import annotations

import io
import random

import pytest
from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from selfassess.views.layout import Box, Column, Grid, Heading, Wrapped, text_runs

WORDS = ["a", "to", "the", "care", "leavers", "Good", "Ofsted", "inadequate", "é", "日本"]


def shown(renderable: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def phrase(r: random.Random, most: int) -> str:
    lines = [" ".join(r.choice(WORDS) for _ in range(r.randint(1, most)))]
    if r.random() < 0.3:
        lines.append(" ".join(r.choice(WORDS) for _ in range(r.randint(1, 3))))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(200))
def test_grid_lays_out_as_rich_table(seed: int) -> None:
    r = random.Random(seed)
    columns = [Column(f"Head {n}", r.randint(10, 14), wrap=n != 1) for n in range(r.randint(2, 5))]
    rows = [[phrase(r, 2 if not c.wrap else 8) for c in columns] for _ in range(r.randint(1, 4))]
    section = r.randrange(len(rows) + 1)
    # wide enough that every column fits its smallest width (narrower, both cut at the edge)
    width = r.randint(sum(c.min_width + 3 for c in columns) + 1, 130)

    table = Table(box=box.ROUNDED, title=Text("Scorecard"), title_justify="left")
    for c in columns:  # cells that do not fit are folded, not cut short with "…"
        table.add_column(c.header, min_width=c.min_width, no_wrap=not c.wrap, overflow="fold")
    grid = Grid(columns, title="Scorecard")
    for n, row in enumerate(rows):
        if n == section:
            table.add_section()
        table.add_row(*row)
        grid.add_row(*[[(cell, "")] for cell in row], section=n == section and n > 0)

    def plain(out: str) -> list[str]:
        return [line.rstrip() for line in out.splitlines()]

    assert plain(shown(grid, width)) == plain(shown(table, width))


@pytest.mark.parametrize("seed", range(100))
def test_box_draws_as_rich_panel(seed: int) -> None:
    r = random.Random(seed)
    texts = [phrase(r, 30) for _ in range(r.randint(1, 4))]
    title = phrase(r, 4).replace("\n", " ")
    width = r.randint(12, 120)
    panel = Panel(Group(*(Text(t) for t in texts)), title=Text(title), title_align="left")
    ours = Box([Wrapped([(t, "")]) for t in texts], title)
    assert shown(ours, width) == shown(panel, width)


@pytest.mark.parametrize("seed", range(100))
def test_heading_draws_as_rich_rule(seed: int) -> None:
    r = random.Random(seed)
    title = phrase(r, 8).replace("\n", " ")
    width = r.randint(1, 100)
    for color_system in (None, "truecolor"):
        rule = Rule(Text(title, style="bold"), align="left")
        console = Console(file=io.StringIO(), width=width, color_system=color_system)
        console.print(rule)
        console.print(Heading(title))
        drawn = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        assert drawn[0] == drawn[1]


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 8, 20])
def test_narrow_screens_cut_rather_than_wrap(width: int) -> None:
    grid = Grid([Column("Judgement", 13), Column("Grade", 13)], title="Scorecard")
    grid.add_row([("Help and protection", "")], [("Requires improvement to be good", "")])
    boxed = Box([Wrapped([("Why these grades: " * 5, "")], 2, hanging=2)], "Why")
    for renderable in (grid, boxed):
        lines = shown(renderable, width).splitlines()
        assert lines and all(len(line) <= width for line in lines)


def test_text_runs_keep_the_texts_own_style_under_its_spans() -> None:
    text = Text("Good", style="bold green")
    text.append(" (provisional)", style="italic")
    assert text_runs(text) == [("Good", "bold green"), (" (provisional)", "bold green italic")]
    assert text_runs(Text("")) == []
