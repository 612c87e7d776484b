"""The terminal report's own word wrap (``layout.Wrapped``) matches Rich's ``Text`` wrapping."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text

from selfassess.files.store import load_assessment
from selfassess.model.summary import summarise
from selfassess.views.layout import Wrapped
from selfassess.views.render import plain
from selfassess.views.report import render_report

EXAMPLE = Path(__file__).parents[2] / "examples" / "peterborough-2018.toml"

PIECES = [
    "a", "bc", "word", " ", " ", "  ", "   ", "-", ".", "•", "—", "é", "日本", "語", "😀",
    "\u0301", "\ufe0f", "\n", "abcdefghijklmnopqrstuvwxyzabcdefghij",
]  # fmt: skip
STYLES = ["", "", "bold", "dim", "bold red"]


class TextWrapped:
    """The same text wrapped by Rich's ``Text.wrap``, each line after its indent."""

    def __init__(self, runs: list[tuple[str, str]], indent: int, hanging: int) -> None:
        self.text = Text()
        for string, style in runs:
            self.text.append(string, style=style)
        self.indent, self.hanging = indent, hanging

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        room = options.max_width - self.indent - self.hanging
        lines = self.text.wrap(console, max(10, room) if self.indent or self.hanging else room)
        segments = []
        for n, line in enumerate(lines):
            segments.append(Segment(" " * (self.indent + self.hanging if n else self.indent)))
            segments.extend(line.render(console))
            segments.append(Segment.line())
        return segments


def shown(renderable: object, width: int) -> list[tuple[str, str]]:
    """What the screen shows: each stretch of text in one style, with its style (how the
    stretches are split into segments does not show)."""
    console = Console(file=io.StringIO(), width=width, color_system="truecolor")
    lines = console.render_lines(renderable, pad=False, new_lines=True)  # cut at the edge
    segments = [Segment(s.text, s.style or None) for line in lines for s in line if s.text]
    return [(s.text, str(s.style or "")) for s in Segment.simplify(segments)]


@pytest.mark.parametrize("seed", range(300))
def test_wraps_as_rich_does(seed: int) -> None:
    r = random.Random(seed)
    runs = [
        (plain("".join(r.choice(PIECES) for _ in range(r.randint(0, 12)))), r.choice(STYLES))
        for _ in range(r.randint(1, 6))
    ]
    width = r.randint(10, 60)
    indent, hanging = r.choice([(0, 0), (4, 0), (2, 2)])
    expected = shown(TextWrapped(runs, indent, hanging), width)
    assert shown(Wrapped(runs, indent, hanging), width) == expected


@pytest.mark.parametrize("width", [1, 2, 8, 13, 40, 60, 79, 80, 120])
def test_report_needs_no_cropping(width: int) -> None:
    """``selfassess report`` prints without cropping (from 2 columns): every part fits."""
    loaded = load_assessment(EXAMPLE)
    outputs = []
    for crop in (True, width < 2):
        console = Console(file=io.StringIO(), width=width, color_system="truecolor")
        console.print(render_report(summarise(loaded.framework, loaded.assessment)), crop=crop)
        outputs.append(console.file.getvalue())  # type: ignore[attr-defined]
    assert outputs[0] == outputs[1]
