"""Small Rich renderables shared by the terminal report and the app: ratings, grades, bars.

Ratings are always shown by letter as well as colour, so nothing relies on colour alone (NO_COLOR,
printouts, colour-blind readers). User text passes through ``plain`` before display.
"""

from __future__ import annotations

from rich.text import Text

from selfassess.model.framework import Framework
from selfassess.model.labels import (
    NOT_APPLICABLE_LETTER,
    NOT_RATED_LETTER,
    plain,
    rating_label,
    rating_letter,
    shorten,
)

# The words and letters come from the model (which needs them without Rich); they are named
# here too so that a view finds everything it shows in one place.
__all__ = [
    "NOT_APPLICABLE_LETTER",
    "NOT_RATED_LETTER",
    "apportion",
    "counts_text",
    "grade_text",
    "plain",
    "rag_bar",
    "rating_badge",
    "rating_label",
    "rating_letter",
    "rating_style",
    "shorten",
    "user_line",
]


def user_line(value: str | None, style: str = "") -> Text:
    """User text as one literal line of Text: never read as markup, no control characters."""
    return Text(plain(value or "", single_line=True), style=style)


def rating_style(framework: Framework, rating: str | None) -> str:
    """The Rich style of a rating's letter block: white on its level's colour, else dim."""
    level = framework.level_by_id.get(rating or "")
    return f"bold white on {level.colour}" if level else "dim"


def rating_badge(framework: Framework, rating: str | None) -> Text:
    """The rating as a coloured letter block, e.g. " G "."""
    letter = plain(rating_letter(framework, rating), single_line=True)
    return Text(f" {letter} ", style=rating_style(framework, rating))


def grade_text(
    framework: Framework, grade: str | None, *, provisional: bool = False, short: bool = False
) -> Text:
    """A grade in its colour, marked "(provisional)" where coverage is low."""
    if grade is None:
        return Text("No grade yet", style="dim")
    found = framework.grade_by_id.get(grade)
    label = (found.short or found.label) if (found and short) else framework.grade_label(grade)
    # The framework's own colour for the grade (the bundled grades' colours are the defaults).
    colour = found.colour if found else "default"
    text = Text(plain(label, single_line=True), style=f"bold {colour}")
    if provisional:
        text.append(" (provisional)", style="italic")
    return text


def rag_bar(
    framework: Framework, counts: dict[str, int], not_applicable: int, total: int, width: int = 24
) -> Text:
    """A bar of the judgement's criteria by rating, with letters so it reads without colour.

    Each level's share of ``width`` is proportional to its count, so equal counts are drawn
    equally long (see ``apportion``); not-rated criteria are a dotted tail so coverage is visible
    at a glance. The bar may be a cell or two shorter than ``width`` rather than misstate a
    count; callers show the counts beside it (``counts_text``).
    """
    if total <= 0:
        return Text("")
    segments: list[tuple[str, int, str]] = []
    for level in framework.rating_levels:
        letter = plain(level.letter, single_line=True)
        segments.append((letter, counts.get(level.id, 0), f"white on {level.colour}"))
    segments.append((NOT_APPLICABLE_LETTER, not_applicable, "dim"))
    rated = sum(counts.values()) + not_applicable
    segments.append((NOT_RATED_LETTER, max(0, total - rated), "dim"))
    cells = apportion([n for _, n, _ in segments], width)
    bar = Text()
    for (letter, _, style), size in zip(segments, cells, strict=True):
        if size:
            bar.append(letter * size, style=style)
    return bar


def apportion(counts: list[int], width: int) -> list[int]:
    """Split up to ``width`` cells in proportion to ``counts`` (largest remainder).

    Equal counts always get equal cells: where a spare cell cannot go to every count tied for
    it, it goes to none of them. When every count can have whole cells each (as many cells per
    item as fit), that is exact. A non-zero count always gets at least one cell.
    """
    total = sum(counts)
    if total <= 0 or width <= 0:
        return [0] * len(counts)
    if total <= width:
        per_item = width // total
        return [c * per_item for c in counts]
    raw = [c * width / total for c in counts]
    cells = [max(1, int(r)) if c else 0 for c, r in zip(counts, raw, strict=True)]
    spare = width - sum(cells)
    # hand out the spare cells by largest remainder, a whole tie group at a time
    by_count: dict[int, list[int]] = {}
    for i, c in enumerate(counts):
        if c:
            by_count.setdefault(c, []).append(i)
    groups = sorted(by_count.values(), key=lambda g: raw[g[0]] - int(raw[g[0]]), reverse=True)
    for group in groups:
        if raw[group[0]] - cells[group[0]] <= 0:
            continue
        if len(group) <= spare:
            for i in group:
                cells[i] += 1
            spare -= len(group)
    # minimums of one cell may overshoot: take the excess from the largest
    while sum(cells) > width:
        cells[cells.index(max(cells))] -= 1
    return cells


def counts_text(
    framework: Framework, counts: dict[str, int], not_applicable: int, *, compact: bool = False
) -> Text:
    """E.g. "R 0  A 2  G 12  B 0" with each letter in its colour; compact leaves out zeros."""
    text = Text()
    for level in framework.rating_levels:
        count = counts.get(level.id, 0)
        if compact and not count:
            continue
        letter = plain(level.letter, single_line=True)
        if compact:
            text.append(letter, style=f"bold {level.colour}")
            text.append(f" {count} ")
        else:
            text.append(f" {letter} ", style=f"bold white on {level.colour}")
            text.append(f" {count}  ")
    if not_applicable:
        text.append(f"N/A {not_applicable}", style="dim")
    text.rstrip()  # the spaces after the last count
    return text
