"""Time the app's everyday actions as a user would feel them: key press to the frame it brings.

The app runs with a terminal stand-in for a driver (``TerminalClock``): Textual turns every
frame into the bytes a terminal would be sent and hands them to the driver's public ``write``,
which notes the moment. Pilot presses the keys; an action is timed from the key press to the
last frame written in response. Pilot's own wait for the app to go idle comes after that frame
and is not the user's wait, so it is reported apart as the "round trip".
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.pilot import Pilot
from textual.worker import WorkerState

SIZE = (120, 40)
FRAME_MS = 1000 / 60
"""One frame at Textual's default rate (60 a second)."""


class TerminalClock(HeadlessDriver):
    """A terminal that notes when each write arrives (it shows nothing and reads no keys).

    Headless drivers tell Textual not to build the terminal's bytes; this one says it is not
    headless, so every frame is built in full, as for a real terminal.
    """

    writes: list[float]

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        self.writes.append(time.perf_counter())


def clock_for(writes: list[float]) -> type[TerminalClock]:
    """A TerminalClock class whose writes go into ``writes`` (Textual makes the instance)."""
    return type("Clock", (TerminalClock,), {"writes": writes})


@dataclass
class KeyTimer:
    """Presses keys through Pilot and times each to the last frame written in response."""

    pilot: Pilot[object]
    writes: list[float]
    to_frame: list[float] = field(default_factory=list)
    round_trip: list[float] = field(default_factory=list)

    async def time_keys(self, *keys: str) -> float:
        """Milliseconds from the key press to the last frame it brought (also recorded)."""
        self.writes.clear()
        start = time.perf_counter()
        await self.pilot.press(*keys)
        await self.pilot.pause()
        end = time.perf_counter()
        if not self.writes:
            raise RuntimeError(f"pressing {keys} painted nothing")
        ms = (self.writes[-1] - start) * 1000
        self.to_frame.append(ms)
        self.round_trip.append((end - start) * 1000)
        return ms


async def run_with_clock(
    app: App[Any], script: Callable[[KeyTimer], Awaitable[None]], path: Path | None = None
) -> None:
    """Run ``app`` on a TerminalClock at SIZE and drive it with ``script``.

    The app is stopped without the questions a user is asked on quitting, so the recovery copy
    it may leave beside ``path`` is removed (and one left by an earlier run, which would open
    the app on a question instead of the assessment).
    """
    from selfassess.files.locking import discard_recovery

    if path is not None:
        discard_recovery(path)
    writes: list[float] = []
    app.driver_class = clock_for(writes)

    async def auto_pilot(pilot: Pilot[object]) -> None:
        try:
            await pilot.pause()
            await script(KeyTimer(pilot, writes))
        finally:
            app.exit()

    try:
        await app.run_async(headless=False, size=SIZE, auto_pilot=auto_pilot)
    finally:
        if path is not None:
            discard_recovery(path)


Timings = dict[str, tuple[float, float]]
"""Action → (median ms to the last frame, median ms of Pilot's round trip)."""


def medians(timers: dict[str, KeyTimer]) -> Timings:
    return {
        key: (statistics.median(t.to_frame), statistics.median(t.round_trip))
        for key, t in timers.items()
    }


def stay_after_rating(app: App[Any]) -> None:
    """Time a rating on its own: the app moves on to the next criterion not rated after a
    rating unless told not to (the "Move on" key), which would make the rating keys alternate
    between criteria."""
    screen = app.screen
    if getattr(screen, "move_on", False):
        screen.move_on = False  # type: ignore[attr-defined]


def rating_key_that_changes(app: App[Any]) -> str:
    """Green's key, or amber's where the criterion is green already: a rating that changes
    nothing paints nothing, and there would be no frame to time."""
    from selfassess.tui.app import SelfAssessApp

    assert isinstance(app, SelfAssessApp)
    criterion = getattr(app.screen, "current_criterion", None)
    draft = app.draft
    green = criterion and draft is not None and draft.assessment.rating(criterion) == "green"
    return "a" if green else "g"


async def measure_actions(path: Path, repeats: int = 9) -> Timings:
    """Moving to the next criterion, rating it, opening the scorecard, in the app itself."""
    from selfassess.tui.app import make_app

    result: Timings = {}

    async def script(timer: KeyTimer) -> None:
        timers = {k: KeyTimer(timer.pilot, timer.writes) for k in ("move", "rate", "scorecard")}
        stay_after_rating(timer.pilot.app)
        await timer.pilot.press("down")  # so that every move timed is criterion to criterion
        await timer.pilot.pause()
        for _ in range(repeats):
            await timers["move"].time_keys("down")
            while getattr(timer.pilot.app.screen, "current_criterion", "") is None:
                await timer.pilot.press("down")  # from a judgement's line to its first criterion
                await timer.pilot.pause()
            await timers["rate"].time_keys(rating_key_that_changes(timer.pilot.app))
            await timers["scorecard"].time_keys("s")
            await timer.pilot.press("escape")
            await timer.pilot.pause()
        result.update(medians(timers))

    await run_with_clock(make_app(path), script, path)
    return result


async def measure_floor(repeats: int = 9) -> tuple[float, float]:
    """The same key press on a minimal Textual app (Header, Tree, Footer), measured the same
    way: what a move costs in Textual itself on this machine, for reading the figures."""
    from floor_app import Floor

    result: list[tuple[float, float]] = []

    async def script(timer: KeyTimer) -> None:
        for _ in range(repeats):
            await timer.time_keys("down")
        result.append(medians({"move": timer})["move"])

    await run_with_clock(Floor(), script)
    return result[0]


@dataclass
class AutosaveTimings:
    """Key press to frame (ms) with and without an autosave running, and the autosave itself."""

    rest: list[float]
    """Keys with no autosave running."""
    first: list[float]
    """The key pressed as each autosave starts (as when the timer fires mid-typing)."""
    later: list[float]
    """Keys pressed one after another while the copy was being written."""
    autosave_ms: list[float]
    """From each autosave starting to its copy being written."""
    on_loop_ms: list[float]
    """How long each autosave held the app's event loop (taking the copy) before the writing
    moved to a worker thread; no key or frame is handled meanwhile."""

    @property
    def worst_extra_ms(self) -> float:
        """How much longer than usual the slowest key during an autosave waited."""
        return max(self.first + self.later) - statistics.median(self.rest)

    @property
    def worst_extra_at_rest_ms(self) -> float:
        """The same for the keys with no autosave running: what the app's own pauses (Python's
        garbage collector, say) cost a key anyway, for comparison."""
        return max(self.rest) - statistics.median(self.rest)


async def measure_autosave(path: Path, repeats: int = 5) -> AutosaveTimings:
    """Keys pressed (moving up and down) while an autosave of ``path`` runs, against the same
    keys with none running: one key pressed as the autosave starts, and in a second autosave,
    key after key from the moment the copy is taken until it is written."""
    from selfassess.tui.app import SelfAssessApp, make_app

    app = make_app(path)
    timings = AutosaveTimings([], [], [], [], [])

    def saving() -> bool:
        return any(
            w.group == "autosave" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in app.workers
        )

    async def script(timer: KeyTimer) -> None:
        assert isinstance(app, SelfAssessApp)
        pilot = timer.pilot
        stay_after_rating(app)
        await pilot.press("down")
        await pilot.pause()
        for n in range(repeats * 4):
            timings.rest.append(await timer.time_keys("down" if n % 2 else "up"))
        for _ in range(repeats):
            await pilot.press(rating_key_that_changes(app))  # an unsaved change to copy
            await pilot.pause()
            started = time.perf_counter()

            def autosave() -> None:
                begin = time.perf_counter()
                app.autosave()
                timings.on_loop_ms.append((time.perf_counter() - begin) * 1000)

            app.call_next(autosave)
            timings.first.append(await timer.time_keys("down"))
            await app.workers.wait_for_complete()
            timings.autosave_ms.append((time.perf_counter() - started) * 1000)
            # Again, with the keys pressed once the copy is taken, while it is being written.
            await pilot.press(rating_key_that_changes(app))
            await pilot.pause()
            app.autosave()
            k = 0
            while saving():
                timings.later.append(await timer.time_keys("up" if k % 2 else "down"))
                k += 1
            await app.workers.wait_for_complete()

    await run_with_clock(app, script, path)
    return timings
