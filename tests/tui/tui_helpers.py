"""Steps shared by the app's tests: go to a criterion, run a palette command."""

from __future__ import annotations

from typing import Any

from textual.command import CommandPalette

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.screens.main import MainScreen


async def go_to(app: SelfAssessApp, pilot, criterion_id: str) -> MainScreen:
    """Show a criterion on the assessment screen, as a jump from the palette does."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.go_to(criterion_id)
    await pilot.pause()
    assert screen.current_criterion == criterion_id
    return screen


async def run_command(pilot, app: SelfAssessApp, query: str) -> None:
    """Open the palette, type, wait for the results and take the first."""
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.5)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()


def record_notifications(app: SelfAssessApp) -> list[str]:
    """The message of every notification the app shows from now on, in order.

    Textual keeps the notifications it shows to itself; every widget's ``notify`` goes
    through the app's, so the app's is wrapped (call this before ``run_test``).
    """
    messages: list[str] = []
    notify = app.notify

    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return messages
