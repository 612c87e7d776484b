"""A titled list that opens and closes: the criterion's questions to ask and examples.

Textual's ``Collapsible``, with the count in its title and the items as bullets. Enter or a
click on the title opens and closes it; it stays open or closed from one criterion to the
next, so someone who always reads the questions need only open them once.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Collapsible, Static

from selfassess.views.render import plain


class Fold(Collapsible):
    """A heading with a count, and its items as bullets underneath while open."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        self.heading = title
        self.items: list[str] = []
        super().__init__(Static(classes="fold-items", markup=False), title=title, id=id)

    def show_items(self, items: list[str]) -> None:
        """Show another criterion's items (hidden altogether when there are none)."""
        self.items = items
        self.display = bool(items)
        self.title = f"{self.heading} ({len(items)})"
        bullets = Table.grid(padding=(0, 1, 0, 0))
        bullets.add_column(width=3, justify="right")
        bullets.add_column(ratio=1)
        for item in items:
            bullets.add_row(Text("•"), Text(plain(item)))
        self.query_one(".fold-items", Static).update(bullets)
