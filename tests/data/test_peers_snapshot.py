"""A snapshot of the neighbours screen for Peterborough (874), at 100×40 in the dark theme.

``pytest tests/data/test_peers_snapshot.py --snapshot-update`` accepts a change; look at the
picture first (``tests/data/__snapshots__``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from selfassess.tui.app import make_app


async def open_peers(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()


def test_peers_screen(snap_compare: Callable[..., bool], peterborough: Path) -> None:
    app = make_app(peterborough, cwd=peterborough.parent, today=datetime.date(2026, 12, 1))
    assert snap_compare(app, terminal_size=(100, 40), run_before=open_peers)
