"""A row of rating chips, one per level of the framework's scale, for rating with the mouse.

Each chip is in its level's colour and says its label; the current one is ticked and
underlined, so the rating never depends on colour alone. The chips share one line and cannot
take the focus (keyboard users have the rating keys, shown in the footer), which is why this is
one widget rather than a row of buttons.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.color import Color as RichColor
from rich.color import ColorParseError
from rich.style import Style
from rich.text import Text
from textual import events
from textual.color import Color
from textual.message import Message
from textual.widget import Widget

from selfassess.model.framework import NOT_APPLICABLE, Framework
from selfassess.views.render import plain

CLEAR = ""
"""The chip that clears the rating."""
GAP = 1
"""Columns between chips."""


def centred(label: str, width: int) -> str:
    """``label`` centred in ``width`` cells (cut if it does not fit)."""
    spare = width - cell_len(label)
    if spare < 0:
        return set_cell_size(label, width)
    return " " * (spare // 2) + label + " " * (spare - spare // 2)


class Chip(NamedTuple):
    rating: str
    """A level id, NOT_APPLICABLE or CLEAR."""
    label: str
    style: Style | None
    """The level's own colours; None for "N/A" and "Clear", which take the bar's."""


class ChipSpan(NamedTuple):
    start: int
    end: int
    rating: str


class RatingBar(Widget, can_focus=False):
    """Not focusable: keyboard users have the rating keys, shown in the footer."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"rating-bar--other"}
    DEFAULT_CSS = """
    RatingBar {
        height: 1;
        .rating-bar--other {
            background: $boost;
            color: $foreground;
        }
    }
    """

    class RatingChosen(Message):
        """A chip was clicked; ``rating`` is a level id, not_applicable or CLEAR."""

        def __init__(self, rating: str) -> None:
            super().__init__()
            self.rating = rating

    def __init__(self, framework: Framework, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.framework = framework
        self.current: str | None = None
        self.chips = [
            self._chip(level.id, plain(level.label, single_line=True), level.colour)
            for level in framework.rating_levels
        ]
        if framework.allow_not_applicable:
            self.chips.append(Chip(NOT_APPLICABLE, "N/A", None))
        self.chips.append(Chip(CLEAR, "Clear", None))
        self._spans: list[ChipSpan] = []
        self.tooltip = "Click to rate, or press the rating's key (shown at the bottom)"

    @staticmethod
    def _chip(rating: str, label: str, colour: str) -> Chip:
        try:
            background = Color.from_rich_color(RichColor.parse(colour))
        except ColorParseError:
            return Chip(rating, label, None)
        foreground = background.get_contrast_text(1.0)
        return Chip(
            rating, label, Style(color=foreground.rich_color, bgcolor=background.rich_color)
        )

    def show_rating(self, rating: str | None) -> None:
        """Mark the chip of the current rating."""
        if rating != self.current:
            self.current = rating
            self.refresh()

    def render(self) -> Text:
        other = self.get_component_rich_style("rating-bar--other")
        count = len(self.chips)
        width = max(count * 3, self.size.width - GAP * (count - 1))
        text = Text(no_wrap=True, end="")
        spans = []
        for n, chip in enumerate(self.chips):
            size = width // count + (1 if n < width % count else 0)
            current = self.current is not None and chip.rating == self.current
            label = f"✓{chip.label}" if current else chip.label
            style = chip.style or other
            if current:
                style += Style(bold=True, underline=True)
            start = text.cell_len
            text.append(centred(label, size), style)
            spans.append(ChipSpan(start, start + size, chip.rating))
            if n < count - 1:
                text.append(" " * GAP)
        self._spans = spans
        return text

    def rating_at(self, x: int) -> str | None:
        """The rating of the chip drawn at column ``x``, if any."""
        for span in self._spans:
            if span.start <= x < span.end:
                return span.rating
        return None

    def on_click(self, event: events.Click) -> None:
        rating = self.rating_at(event.x)
        if rating is not None:
            event.stop()
            self.post_message(self.RatingChosen(rating))
