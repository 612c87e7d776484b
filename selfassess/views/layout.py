"""Lean renderables for the terminal report: wrapped text, a titled box, a grid, a heading.

They draw what Rich's ``Text``, ``Panel``, ``Table`` and ``Rule`` draw for the report, with the
same wrapping, borders and column widths (the tests check them against Rich's), but keep text
as (string, style) runs and lay each line out once. Rich's general renderables measure and
re-render every line several times over: with them, drawing the report took longer than
reading, checking and scoring the file (see ``benchmarks/``). Strings must already be safe to
show (see ``render.plain``): runs are never read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from rich._wrap import divide_line  # private, but what Text.wrap uses: the same wrapping
from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Run = tuple[str, str]
"""A piece of text and its Rich style ("" for none)."""


Line = tuple[list[Run], int]
"""One laid-out line: its runs, and how many cells they take on the screen. (A plain tuple:
a report lays out thousands of them.)"""


def text_runs(text: Text) -> list[Run]:
    """A Rich ``Text`` as runs: its own style, with each span's style added where it applies."""
    plain, base = text.plain, str(text.style or "")
    if not text.spans:
        return [(plain, base)] if plain else []
    cuts = sorted({0, len(plain), *(s.start for s in text.spans), *(s.end for s in text.spans)})
    runs: list[Run] = []
    for start, end in pairwise(cuts):
        if start >= len(plain):
            break
        styles = [str(s.style) for s in text.spans if s.start <= start and s.end >= end]
        runs.append((plain[start:end], " ".join(filter(None, [base, *styles]))))
    return runs


def wrap(runs: Iterable[Run], width: int, indent: int = 0, rest: int = 0) -> list[Line]:
    """Runs word-wrapped to ``width`` cells as Rich wraps a ``Text``: at newlines, then at
    spaces, words longer than the width folded. The first line is put after ``indent`` spaces,
    the others after ``rest`` spaces (not counted in ``width``)."""
    lines: list[Line] = []
    pad = " " * indent
    for line, spans in _split(runs):
        for start, text, cells in _wrap(line, width):
            pieces: list[Run] = [(pad, "")] if pad else []
            if not spans:
                pieces.append((text, ""))
            else:
                position = 0  # in text; styled spans become runs, the gaps plain ones
                for span_start, span_end, style in spans:
                    span_start = max(span_start - start, position)
                    span_end = min(span_end - start, len(text))
                    if span_end <= span_start:
                        continue
                    if span_start > position:
                        pieces.append((text[position:span_start], ""))
                    pieces.append((text[span_start:span_end], style))
                    position = span_end
                if position < len(text):
                    pieces.append((text[position:], ""))
            lines.append((pieces, cells + len(pad)))
            pad = " " * rest
    return lines


def crop(line: Line, width: int) -> Line:
    """``line`` cut to at most ``width`` cells, as Rich cuts a line (for a screen too narrow
    for what is on it)."""
    runs, cells = line
    if cells <= width:
        return line
    cut = Segment.adjust_line_length([Segment(*run) for run in runs], width, pad=False)
    runs = [(text, style) for text, style, _ in cut]  # type: ignore[misc]
    return runs, _cells("".join(text for text, _ in runs))


def paint(console: Console, lines: Iterable[Line], width: int | None = None) -> list[Segment]:
    """Segments for ``lines``, each ended by a newline (and cut to ``width`` cells if given).

    Neighbouring runs in the same style become one segment, and a newline joins the unstyled
    text before it: the fewer segments, the less work for the console that prints them.
    """
    styles: dict[str, Style | None] = {"": None}
    segments: list[Segment] = []
    for runs, cells in lines:
        if width is not None and cells > width:
            runs, cells = crop((runs, cells), width)
        text, style = "", ""
        for piece, piece_style in runs:
            if piece_style == style:
                text += piece
                continue
            if text:
                segments.append(Segment(text, styles[style]))
            if piece_style not in styles:
                styles[piece_style] = console.get_style(piece_style)
            text, style = piece, piece_style
        if style:
            segments.append(Segment(text, styles[style]))
            text = ""
        segments.append(Segment(text + "\n"))
    return segments


class Wrapped:
    """Styled text word-wrapped the way Rich wraps a ``Text``, after an indent.

    The first line is indented by ``indent``, the others by ``indent + hanging``.
    """

    def __init__(self, runs: list[Run], indent: int = 0, hanging: int = 0) -> None:
        self.runs = runs
        self.indent = indent
        self.hanging = hanging

    def lines(self, width: int) -> list[Line]:
        """The text laid out in ``width`` cells, indents included (wrapped at ten cells and cut
        at the edge where ``width`` leaves less than that beside the indent)."""
        indent, rest = self.indent, self.indent + self.hanging
        text_width = width - rest
        if rest:
            text_width = max(10, text_width)
        lines = wrap(self.runs, text_width, indent, rest)
        if text_width + rest > width:
            lines = [crop(line, width) for line in lines]
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        return paint(console, self.lines(options.max_width))


class Stack:
    """Wrapped parts one under another: one renderable for many, which Rich renders in one go
    (a ``Group`` of them passes every segment through a layer more)."""

    def __init__(self, parts: Sequence[Wrapped]) -> None:
        self.parts = parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        width = options.max_width
        return paint(console, (line for part in self.parts for line in part.lines(width)))


class Heading:
    """A title and a line from it to the edge of the screen, as Rich's ``Rule`` draws them
    aligned left."""

    def __init__(self, title: str, style: str = "bold") -> None:
        self.title = " ".join(title.split())
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        width = options.max_width
        if width <= 2:
            return paint(console, [([("─" * width, "rule.line")], width)])
        title, cells = self.title, _cells(self.title)
        if cells > width - 2:
            title, cells = set_cell_size(title, width - 3) + "…", width - 2
        runs = [(title, self.style), (" ", ""), ("─" * (width - cells - 1), "rule.line")]
        return paint(console, [(runs, width)])


class Box:
    """Wrapped parts in a rounded box with a title in its top edge, as Rich's ``Panel`` draws
    them (expanded to the width, one space of padding at each side)."""

    def __init__(self, parts: Sequence[Wrapped], title: str, border_style: str = "") -> None:
        self.parts = parts
        self.title = title
        self.border_style = border_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        width = options.max_width
        inner = max(width - 4, 1)
        border = self.border_style
        title = " " + " ".join(self.title.split()) + " "
        if width <= 4:
            top: list[Run] = [("╭" + "─" * max(width - 2, 0) + "╮", border)]
        else:
            title = set_cell_size(title, min(_cells(title), width - 4))
            rule = "─" * (width - 4 - _cells(title))
            top = [("╭─", border), (title, border), (rule, border), ("─╮", border)]
        lines: list[Line] = [(top, width)]
        for part in self.parts:
            for runs, cells in part.lines(inner):
                pad = " " * (inner - cells + 1)
                runs = [("│", border), (" ", ""), *runs, (pad, ""), ("│", border)]
                lines.append((runs, cells + len(pad) + 3))
        lines.append(([("╰" + "─" * max(width - 2, 0) + "╯", border)], width))
        return paint(console, lines, width)


class Column(NamedTuple):
    """A grid's column: its header, its narrowest width (of text, without the padding), and
    whether its cells wrap (else their lines are cut)."""

    header: str
    min_width: int
    wrap: bool = True


class Grid:
    """Rows of wrapped cells in a rounded box with a header row, laid out as Rich's ``Table``
    lays out a table that is not expanded: each column as wide as its widest line, and on a
    narrow screen the widest wrapping columns narrowed first. Top-aligned; ``section`` draws a
    line above a row. Too wide for the screen even so, its lines are cut at the edge.
    """

    def __init__(self, columns: Sequence[Column], title: str = "") -> None:
        self.columns = columns
        self.title = title
        self.rows: list[tuple[list[list[Run]], bool]] = []

    def add_row(self, *cells: list[Run], section: bool = False) -> None:
        self.rows.append((list(cells), section))

    def widths(self, max_width: int) -> list[int]:
        """Each column's width in cells, its padding (a space each side) included."""
        columns = self.columns
        room = max_width - len(columns) - 1  # the borders
        longest = [_cells(c.header) for c in columns]
        for cells, _ in self.rows:
            for i, cell in enumerate(cells):
                for line in "".join(text for text, _ in cell).split("\n"):
                    longest[i] = max(longest[i], _cells(line))
        natural = [
            max(min(n + 2, room), c.min_width + 2) for n, c in zip(longest, columns, strict=True)
        ]
        if sum(natural) <= room:
            return natural
        widths = _collapse(natural, [c.wrap for c in columns], room)
        if sum(widths) > room:  # the last resort: every column narrowed alike
            widths = _reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        return [
            max(min(n + 2, w), c.min_width + 2)
            for n, w, c in zip(longest, widths, columns, strict=True)
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        widths = self.widths(options.max_width)
        total = sum(widths) + len(widths) + 1

        def edge(left: str, middle: str, right: str) -> Line:
            return [(left + middle.join("─" * w for w in widths) + right, "")], total

        lines: list[Line] = []
        if self.title:
            for runs, cells in wrap([(self.title, "bold")], total):
                lines.append(([*runs, (" " * (total - cells), "")], total))
        lines.append(edge("╭", "┬", "╮"))
        lines.extend(self._row([[(c.header, "bold")] for c in self.columns], widths, total))
        lines.append(edge("├", "┼", "┤"))
        for cells, section in self.rows:
            if section:
                lines.append(edge("├", "┼", "┤"))
            lines.extend(self._row(cells, widths, total))
        lines.append(edge("╰", "┴", "╯"))
        return paint(console, lines, options.max_width)

    def _row(self, cells: list[list[Run]], widths: list[int], total: int) -> list[Line]:
        laid_out = []
        for cell, width, column in zip(cells, widths, self.columns, strict=True):
            room = max(width - 2, 1)
            if column.wrap:
                laid_out.append(wrap(cell, room))
            else:
                laid_out.append([crop(line, room) for line in wrap(cell, 1_000_000)])
        lines = []
        for n in range(max(len(cell) for cell in laid_out)):
            runs: list[Run] = [("│", "")]
            for cell, width in zip(laid_out, widths, strict=True):
                line, cells = cell[n] if n < len(cell) else ([], 0)
                runs += [(" ", ""), *line, (" " * max(width - 1 - cells, 0), "")]
                runs.append(("│", ""))
            lines.append((runs, total))
        return lines


def _collapse(widths: list[int], wrapping: list[bool], room: int) -> list[int]:
    """Narrow the widest wrapping columns, a step at a time, until the widths fit ``room``
    (Rich's ``Table._collapse_widths``)."""
    excess = sum(widths) - room
    while any(wrapping) and excess > 0:
        widest = max(w for w, wraps in zip(widths, wrapping, strict=True) if wraps)
        next_widest = max(
            (w for w, wraps in zip(widths, wrapping, strict=True) if wraps and w != widest),
            default=0,
        )
        ratios = [int(w == widest and wraps) for w, wraps in zip(widths, wrapping, strict=True)]
        if widest == next_widest:
            break
        limit = min(excess, widest - next_widest)
        widths = _reduce(excess, ratios, [limit] * len(widths), widths)
        excess = sum(widths) - room
    return widths


def _reduce(total: int, ratios: list[int], limits: list[int], values: list[int]) -> list[int]:
    """Take ``total`` from ``values`` in proportion to ``ratios``, at most ``limits`` from each
    (Rich's ``ratio_reduce``)."""
    ratios = [ratio if limit else 0 for ratio, limit in zip(ratios, limits, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    result = []
    for ratio, limit, value in zip(ratios, limits, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(limit, round(ratio * total / total_ratio))
            result.append(value - taken)
            total -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


# --- word wrap --------------------------------------------------------------------------------

_WORD_START = re.compile(r"[^ ]")


def _split(runs: Iterable[Run]) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The runs' text split at newlines, each line with its styled spans (start, end, style)."""
    lines: list[tuple[str, list[tuple[int, int, str]]]] = []
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    for text, style in runs:
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


def _wrap(line: str, width: int) -> list[tuple[int, str, int]]:
    """``line`` wrapped to ``width`` cells as Rich's ``Text.wrap`` does it: each wrapped line
    with where it starts in ``line`` and its width in cells.

    Words keep their trailing spaces and are fitted greedily (``divide_line``); then spaces
    beyond the width are dropped (``Text.rstrip_end``) and what still does not fit is cropped
    (``Text.truncate``).
    """
    single = _single_cells(line)
    if single and len(line) <= width:  # most lines
        return [(0, line, len(line))]
    breaks = _breaks(line, width) if single else None
    if breaks is None:
        breaks = divide_line(line, width)
    pieces = []
    for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True):
        text = line[start:end]
        if len(text) > width:
            text = text[: max(width, len(text.rstrip()))]
        if single:
            pieces.append((start, text, len(text)))
            continue
        cells = cell_len(text)
        if cells > width:
            text, cells = set_cell_size(text, width), width
        pieces.append((start, text, cells))
    return pieces


_ONE_CELL: set[str] = set("•—–→◆·…‘’“”")
"""Characters known to take one cell each, like most: those the report writes itself, and
those found since (so that text can be measured with ``len``, and Rich's table of character
widths is read only for text that needs it)."""


def _single_cells(text: str) -> bool:
    """Whether every character of ``text`` takes one cell on the screen."""
    if text.isascii() or _ONE_CELL.issuperset(text):  # ``plain`` removed control characters
        return True
    new = set(text).difference(_ONE_CELL)
    if all(get_character_cell_size(c) == 1 for c in new):
        _ONE_CELL.update(new)
        return True
    return False


def _cells(text: str) -> int:
    """How many cells ``text`` takes on the screen."""
    return len(text) if _single_cells(text) else cell_len(text)


def _breaks(line: str, width: int) -> list[int] | None:
    """Rich's ``divide_line`` for the usual line, found a line at a time rather than a word at
    a time: one cell per character, words separated by spaces and none longer than ``width``
    (None for any other line)."""
    if len(line) <= width:
        return []
    if not line.isprintable():  # whitespace other than spaces, or other unusual characters
        return None
    breaks: list[int] = []
    start = 0
    word = len(line) - len(line.lstrip(" "))  # where the line's first word starts
    end = len(line.rstrip(" "))
    while end > start + width:
        limit = start + width  # the first cell past this line
        if word >= limit:
            return None  # leading spaces and a first word that do not fit a line
        if line[limit] == " ":  # the next word starts the next line
            start = _WORD_START.search(line, limit).start()  # type: ignore[union-attr]
        else:  # the word across the limit starts the next line
            start = line.rfind(" ", start, limit) + 1
            if start <= word:
                return None  # a word longer than a line
        breaks.append(start)
        word = start
    return breaks
