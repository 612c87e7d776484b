"""Time the app's everyday actions with Pilot: move, rate, open the scorecard.

Pilot presses the keys. Each action is timed from the key press to the last frame the app
painted in response, with the frame turned into the bytes a terminal would be sent (headless
runs skip that step, so it is done here to keep the figure honest). Pilot's own wait for the app
to go idle (``wait_for_idle`` sleeps and compares CPU and wall clocks) comes after that last
frame and is not the user's wait, so it is reported separately as the "round trip".
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any


class FrameClock:
    """Records when each frame is painted, rendering it to terminal bytes as a real run would."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames: list[float] = []
        self._display = app._display
        app._display = self._timed_display

    def _timed_display(self, screen: Any, renderable: Any) -> None:
        self._display(screen, renderable)
        if renderable is not None:
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(self.app.console)
            self.frames.append(time.perf_counter())

    async def time_keys(self, pilot: Any, *keys: str) -> tuple[float, float]:
        """(milliseconds to the last frame, milliseconds for Pilot's whole round trip)."""
        self.frames.clear()
        start = time.perf_counter()
        await pilot.press(*keys)
        await pilot.pause()
        end = time.perf_counter()
        if not self.frames:
            raise RuntimeError(f"pressing {keys} painted nothing")
        return (self.frames[-1] - start) * 1000, (end - start) * 1000


async def measure_actions(path: Path, repeats: int = 7) -> dict[str, tuple[float, float]]:
    """Median (to last frame, round trip) milliseconds for moving to the next criterion,
    rating it, and opening the scorecard."""
    from selfassess.tui.app import make_app

    app = make_app(path)
    timings: dict[str, list[tuple[float, float]]] = {"move": [], "rate": [], "scorecard": []}
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        await pilot.pause()
        await pilot.press("down")  # so that every move timed is criterion to criterion
        await pilot.pause()
        for n in range(repeats):
            timings["move"].append(await clock.time_keys(pilot, "down"))
            timings["rate"].append(await clock.time_keys(pilot, "a" if n % 2 else "g"))
            timings["scorecard"].append(await clock.time_keys(pilot, "s"))
            await pilot.press("escape")
            await pilot.pause()
    return {
        key: (
            statistics.median(v[0] for v in values),
            statistics.median(v[1] for v in values),
        )
        for key, values in timings.items()
    }


async def measure_floor(repeats: int = 7) -> tuple[float, float]:
    """The same key press on a minimal Textual app (Header, Tree, Footer), measured the same
    way: what a move costs in Textual itself on this machine, for reading the figures."""
    from floor_app import Floor

    values = []
    app = Floor()
    async with app.run_test(size=(120, 40)) as pilot:
        clock = FrameClock(app)
        await pilot.pause()
        for _ in range(repeats):
            values.append(await clock.time_keys(pilot, "down"))
    return statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)
