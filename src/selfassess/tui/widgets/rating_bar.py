"""A row of buttons, one per rating of the framework's scale, for rating with the mouse."""

from __future__ import annotations

from rich.color import Color as RichColor
from rich.color import ColorParseError
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Grid
from textual.content import Content
from textual.message import Message
from textual.widgets import Button

from selfassess.framework import NOT_APPLICABLE, Framework

CLEAR = ""
"""The button value that clears the rating."""


class RatingButton(Button):
    """One rating. Not focusable: keyboard users have the rating keys, and tabbing through
    six buttons on every criterion would slow them down."""

    can_focus = False

    def __init__(self, label: str, rating: str, tooltip: str) -> None:
        super().__init__(Content(label), compact=True, name=rating or "clear")
        self.rating = rating
        self.tooltip = tooltip


class RatingBar(Grid):
    """Buttons for each level (in its colour, with its name), "not applicable" and "clear"."""

    class RatingChosen(Message):
        """A rating button was pressed; ``rating`` is a level id, not_applicable or CLEAR."""

        def __init__(self, rating: str) -> None:
            super().__init__()
            self.rating = rating

    def __init__(self, framework: Framework, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.framework = framework

    def compose(self) -> ComposeResult:
        for level in self.framework.rating_levels:
            button = RatingButton(
                level.label, level.id, f"Rate {level.label} (key {level.shortcut})"
            )
            try:
                colour = Color.from_rich_color(RichColor.parse(level.colour))
            except ColorParseError:
                colour = None
            if colour is not None:
                button.styles.background = colour
                button.styles.color = colour.get_contrast_text(1.0)
            yield button
        if self.framework.allow_not_applicable:
            yield RatingButton("N/A", NOT_APPLICABLE, "Not applicable: you will be asked why (n)")
        yield RatingButton("Clear", CLEAR, "Clear the rating (x)")
        buttons = len(self.framework.rating_levels) + 1 + self.framework.allow_not_applicable
        self.styles.grid_size_columns = buttons

    def show_rating(self, rating: str | None) -> None:
        """Mark the button of the current rating (bold and ticked, so not by colour alone)."""
        for button in self.query(RatingButton):
            current = rating is not None and button.rating == rating
            button.set_class(current, "-current")
            base = self._label_for(button.rating)
            button.label = Content(f"✓{base}" if current else base)

    def _label_for(self, rating: str) -> str:
        if rating == NOT_APPLICABLE:
            return "N/A"
        if rating == CLEAR:
            return "Clear"
        return self.framework.level_by_id[rating].label

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, RatingButton):
            self.post_message(self.RatingChosen(event.button.rating))
