"""The floor for the app's figures: a minimal Textual app with a Header, a Tree and a Footer.

Run as a script, it starts headless and exits once its screen is drawn (the start-up floor);
imported, ``Floor`` is the app whose key presses are the floor for the actions.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Tree


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        tree: Tree[None] = Tree("Judgements")
        tree.root.expand()
        for j in range(4):
            node = tree.root.add(f"Judgement {j}", expand=True)
            for c in range(12):
                node.add_leaf(f"Criterion {c}")
        yield tree
        yield Footer()


class ExitWhenDrawn(Floor):
    def on_ready(self) -> None:
        self.call_after_refresh(self.exit)


if __name__ == "__main__":
    app = ExitWhenDrawn()
    app.run(headless=True, size=(100, 30))
    raise SystemExit(app.return_code or 0)
