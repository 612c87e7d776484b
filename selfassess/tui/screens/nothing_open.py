"""What a browser tab served with one file shows when that file is not open.

``selfassess serve FILE`` lets a browser reach that file and nothing else, so where the app
would go back to the start screen (recent files, any folder) the tab shows this instead.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from selfassess.views.render import plain


class NothingOpenScreen(Screen[None]):
    """The served assessment is not open (it could not be read, or opening it was cancelled)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        name = plain(self.path.name, single_line=True)
        text = Text()
        text.append(f"{name} is not open.", style="bold")
        text.append(
            f"\n\nThis page shows {name} and nothing else. Reload the page to open it again, "
            "or close the tab. To work on another assessment, ask the person who shared this "
            "page to share that one."
        )
        yield Header()
        with Center():
            yield Static(text, id="nothing-open")
        yield Footer()
