"""Exporting the report from the app: in a terminal the user says which folder (the last one
is offered), and the file is private to them."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import record_notifications, run_command

from selfassess.tui import exporting
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.forms import FolderDialog
from selfassess.tui.dialogs.messages import ChoiceDialog

AppFactory = Callable[..., SelfAssessApp]


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    monkeypatch.setattr(exporting, "downloads_folder", lambda: folder)
    return folder


def notified(messages: list[str], text: str) -> Callable[[], bool]:
    return lambda: any(text in m for m in messages)


async def wait_for(pilot, condition: Callable[[], bool]) -> None:
    """Delivery writes the file in a thread, then tells the app."""
    for _ in range(50):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def test_export_asks_where_and_writes_a_private_file(
    app_for: AppFactory, assessment_path: Path, downloads: Path, tmp_path: Path
) -> None:
    app = app_for(assessment_path)
    shown = record_notifications(app)
    async with app.run_test() as pilot:
        await pilot.press("r")  # unsaved changes are in the report
        await run_command(pilot, app, "export report as markdown")
        dialog = app.screen
        assert isinstance(dialog, FolderDialog)  # asked where, not saved without asking
        assert dialog.query_one("#folder", Input).value == str(downloads)  # offered first
        elsewhere = tmp_path / "Reports"
        elsewhere.mkdir()
        dialog.query_one("#folder", Input).value = str(elsewhere)
        await pilot.press("enter")
        report = elsewhere / "anytown-report.md"
        await wait_for(pilot, notified(shown, f"Report saved as {report}"))
        assert "Anytown Council" in report.read_text(encoding="utf-8")
        assert stat.S_IMODE(report.stat().st_mode) == 0o600  # like every file selfassess writes
        # the next export offers the folder used last
        await run_command(pilot, app, "export report as csv")
        assert app.screen.query_one("#folder", Input).value == str(elsewhere)


async def test_export_to_a_folder_that_is_not_there_says_so(
    app_for: AppFactory, assessment_path: Path, downloads: Path, tmp_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+e")
        await pilot.press("enter")  # Word is first
        dialog = app.screen
        assert isinstance(dialog, FolderDialog)
        dialog.query_one("#folder", Input).value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        assert app.screen is dialog
        assert "There is no folder" in str(dialog.query_one("#folder-error").render())
        await pilot.press("escape")
        assert not list(tmp_path.glob("**/*report*"))


async def test_export_never_replaces_an_earlier_report(
    app_for: AppFactory, assessment_path: Path, downloads: Path
) -> None:
    (downloads / "anytown-report.docx").write_bytes(b"earlier")
    app = app_for(assessment_path)
    shown = record_notifications(app)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # Word is first
        assert isinstance(app.screen, FolderDialog)
        await pilot.press("enter")  # the downloads folder, as offered
        report = downloads / "anytown-report-2.docx"
        await wait_for(pilot, notified(shown, f"Report saved as {report}"))
        assert report.read_bytes().startswith(b"PK")  # a Word file is a zip
        assert (downloads / "anytown-report.docx").read_bytes() == b"earlier"


async def test_export_the_self_evaluation_as_a_private_word_document(
    app_for: AppFactory, assessment_path: Path, downloads: Path, tmp_path: Path
) -> None:
    import docx

    from selfassess.model.framework import SELF_EVALUATION_QUESTIONS

    app = app_for(assessment_path)
    shown = record_notifications(app)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-sef")
        dialog = app.screen
        assert isinstance(dialog, FolderDialog)  # the same folder question as the report
        elsewhere = tmp_path / "Reports"
        elsewhere.mkdir()
        dialog.query_one("#folder", Input).value = str(elsewhere)
        await pilot.press("enter")
        saved = elsewhere / "anytown-self-evaluation.docx"
        await wait_for(pilot, notified(shown, f"Self-evaluation saved as {saved}"))
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    document = docx.Document(str(saved))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Our judgements at a glance") in headings
    for question in SELF_EVALUATION_QUESTIONS:
        assert ("Heading 2", question) in headings
    assert not list(downloads.iterdir())


async def test_the_palette_offers_the_self_evaluation(
    app_for: AppFactory, assessment_path: Path, downloads: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await run_command(pilot, app, "export the self-evaluation")
        assert isinstance(app.screen, FolderDialog)
        assert app.screen.query_one("#folder", Input).value == str(downloads)
