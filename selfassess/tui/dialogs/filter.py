"""The filter form: words to find, and quick filters by rating, limiting and theme."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from selfassess.model.filtering import NOT_RATED, CriterionFilter
from selfassess.model.framework import NOT_APPLICABLE, Framework
from selfassess.views.render import plain


class TickBox(Checkbox):
    """A checkbox marked with a tick or left blank, so it reads without colour (NO_COLOR)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # the name ToggleButton reads
        return "✓" if self.value else " "


class FilterDialog(ModalScreen[CriterionFilter | None]):
    """Choose which criteria the list shows; dismissed with the new filter, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "apply", "Show", id="filter.apply", show=False),
    ]

    def __init__(self, framework: Framework, current: CriterionFilter) -> None:
        super().__init__(classes="dialog-screen")
        self.framework = framework
        self.current = current

    def rating_choices(self) -> list[tuple[str, str]]:
        """(rating, label) for each box: the scale, then not applicable and not rated."""
        choices = [
            (level.id, f"{level.letter} {level.label}") for level in self.framework.rating_levels
        ]
        if self.framework.allow_not_applicable:
            choices.append((NOT_APPLICABLE, "Not applicable"))
        choices.append((NOT_RATED, "Not rated yet"))
        return choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog filter-dialog"):
            yield Static("Show only some criteria", classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                yield Label("Words to find", classes="field-label")
                yield Input(
                    self.current.text,
                    placeholder="in titles, what good looks like, evidence and notes",
                    id="filter-text",
                )
                yield Label("Rated (tick any)", classes="field-label")
                with Grid(id="filter-ratings"):
                    for rating, label in self.rating_choices():
                        yield TickBox(
                            Content(plain(label, single_line=True)),
                            rating in self.current.ratings,
                            name=rating,
                            compact=True,
                        )
                yield TickBox(
                    "Limiting criteria only",
                    self.current.limiting,
                    id="filter-limiting",
                    compact=True,
                )
                if self.framework.themes:
                    yield Label("Theme", classes="field-label")
                    yield Select(
                        [
                            (Text(plain(t.label, single_line=True)), t.id)
                            for t in self.framework.themes
                        ],
                        value=self.current.theme or Select.NULL,
                        prompt="Any theme",
                        id="filter-theme",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Show", variant="primary", id="apply")
                yield Button("Show all", id="clear")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def chosen(self) -> CriterionFilter:
        ratings = frozenset(
            box.name
            for box in self.query_one("#filter-ratings").query(Checkbox)
            if box.value and box.name
        )
        theme = None
        if self.framework.themes:
            value = self.query_one("#filter-theme", Select).value
            theme = value if isinstance(value, str) else None
        return CriterionFilter(
            text=" ".join(self.query_one("#filter-text", Input).value.split()),
            ratings=ratings,
            limiting=self.query_one("#filter-limiting", Checkbox).value,
            theme=theme,
        )

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self.dismiss(CriterionFilter())
        else:
            self.action_cancel()
