"""Exporting the report from the app: in a terminal it lands in the downloads folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tui_helpers import run_command

from selfassess.tui import exporting
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.messages import ChoiceDialog

AppFactory = Callable[..., SelfAssessApp]


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    monkeypatch.setattr(exporting, "downloads_folder", lambda: folder)
    return folder


def notified(app: SelfAssessApp, text: str) -> Callable[[], bool]:
    return lambda: any(text in n.message for n in app._notifications)


async def wait_for(pilot, condition: Callable[[], bool]) -> None:
    """Delivery writes the file in a thread, then tells the app."""
    for _ in range(50):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def test_export_from_the_palette_saves_in_downloads(
    app_for: AppFactory, assessment_path: Path, downloads: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r")  # unsaved changes are in the report
        await run_command(pilot, app, "export report as markdown")
        report = downloads / "anytown-report.md"
        await wait_for(pilot, notified(app, f"Report saved as {report}"))
        assert "Anytown Council" in report.read_text(encoding="utf-8")


async def test_export_never_replaces_an_earlier_report(
    app_for: AppFactory, assessment_path: Path, downloads: Path
) -> None:
    (downloads / "anytown-report.docx").write_bytes(b"earlier")
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # Word is first
        report = downloads / "anytown-report-2.docx"
        await wait_for(pilot, notified(app, f"Report saved as {report}"))
        assert report.read_bytes().startswith(b"PK")  # a Word file is a zip
        assert (downloads / "anytown-report.docx").read_bytes() == b"earlier"
