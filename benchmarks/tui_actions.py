"""Time the app's everyday actions with Pilot: move, rate, open the scorecard.

Each is timed from the key press until the app has processed it and repainted
(``pilot.pause()`` waits for the message queue and the screen refresh).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path


async def measure_actions(path: Path, repeats: int = 5) -> dict[str, float]:
    """Median milliseconds for moving to the next criterion, rating it, opening the scorecard."""
    from selfassess.tui.app import make_app

    app = make_app(path)
    timings: dict[str, list[float]] = {"move": [], "rate": [], "scorecard": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # onto the first criterion
        await pilot.pause()
        for n in range(repeats):
            start = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            timings["move"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await pilot.press("a" if n % 2 else "g")
            await pilot.pause()
            timings["rate"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await pilot.press("s")
            await pilot.pause()
            timings["scorecard"].append((time.perf_counter() - start) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    return {key: statistics.median(values) for key, values in timings.items()}


async def measure_floor(repeats: int = 5) -> float:
    """The same Pilot key press and repaint on a minimal Textual app (Header, Tree, Footer):
    what the harness itself costs on this machine, for reading the figures above."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Tree

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            tree: Tree[None] = Tree("Judgements")
            for j in range(4):
                node = tree.root.add(f"Judgement {j}", expand=True)
                for c in range(12):
                    node.add_leaf(f"Criterion {c}")
            yield tree
            yield Footer()

    values = []
    async with Floor().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(repeats):
            start = time.perf_counter()
            await pilot.press("down")
            await pilot.pause()
            values.append((time.perf_counter() - start) * 1000)
    return statistics.median(values)
