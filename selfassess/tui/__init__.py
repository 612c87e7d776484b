"""The selfassess app (Textual): screens, widgets and dialogs over the headless core.

Only this package imports Textual; ``run_tui`` is what the ``selfassess`` command calls.
"""

from __future__ import annotations

from pathlib import Path


def run_tui(path: Path | None) -> int:
    """Open the app on ``path`` (or the start screen); returns the exit code."""
    from selfassess.tui.app import run_tui as run

    return run(path)


__all__ = ["run_tui"]
