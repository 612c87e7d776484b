"""A titled list that opens and closes: the criterion's questions to ask and examples.

One widget, where Textual's ``Collapsible`` is three (title, contents, and the container): the
panel shows two on every criterion, and fewer widgets make moving between criteria quicker.
Enter, Space or a click opens and closes it; it stays open or closed from one criterion to the
next, so someone who always reads the questions need only open them once.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from selfassess.views.render import plain
from selfassess.tui.widgets.steady import SteadyStatic


class Fold(SteadyStatic, can_focus=True):
    """A heading with a count, and its items as bullets underneath while open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "toggle", "Open/close", show=False),
    ]

    collapsed: reactive[bool] = reactive(True, init=False)

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.title = title
        self.items: list[str] = []

    def show_items(self, items: list[str]) -> None:
        """Show another criterion's items (hidden altogether when there are none)."""
        self.items = items
        self.display = bool(items)
        self._draw()

    def _draw(self) -> None:
        title = Text(f"{'▶' if self.collapsed else '▼'} {self.title} ({len(self.items)})")
        if self.collapsed:
            self.update(title)
            return
        items = Table.grid(padding=(0, 1, 0, 0))
        items.add_column(width=3, justify="right")
        items.add_column(ratio=1)
        for item in self.items:
            items.add_row(Text("•", style="not bold"), Text(plain(item), style="not bold"))
        self.update(Group(title, items))

    def watch_collapsed(self) -> None:
        self._draw()

    def action_toggle(self) -> None:
        self.collapsed = not self.collapsed

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_toggle()
