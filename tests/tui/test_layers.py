"""Screens, widgets and dialogs tell the app what happened with messages: none of them imports
the app or the command palette (so the app can change without them, and there is no loop)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PARTS = [
    "selfassess.tui.screens.main",
    "selfassess.tui.screens.scorecard",
    "selfassess.tui.screens.help",
    "selfassess.tui.screens.start",
    "selfassess.tui.widgets.criterion_panel",
    "selfassess.tui.dialogs.forms",
    "selfassess.tui.dialogs.filter",
    "selfassess.tui.dialogs.messages",
]


@pytest.mark.parametrize("module", PARTS)
def test_no_part_imports_the_app(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in sys.modules "
        "if m in ('selfassess.tui.app', 'selfassess.tui.commands')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
