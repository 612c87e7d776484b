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
