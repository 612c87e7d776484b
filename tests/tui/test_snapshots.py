"""Snapshots of every screen and dialog, at 80×24 and 120×36, in the dark and the light theme.

``pytest tests/tui/test_snapshots.py --snapshot-update`` accepts changes; look at the pictures
first (``tests/tui/__snapshots__``). Dates, folders, the recent-files list, the colleague's
computer and the recovery file's time are fixed, so the pictures change only when the app does.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from selfassess.files import locking
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.messages import ErrorDialog
from selfassess.tui.screens.main import MainScreen

AppFactory = Callable[..., SelfAssessApp]
Step = Callable[[Pilot[int]], Awaitable[None]]

FOLDER = Path("/home/manager/Documents")
"""Shown on the start screen as where a new file will go (never written to)."""

VIEWS = pytest.mark.parametrize(
    ("size", "theme"),
    [
        pytest.param((80, 24), "textual-dark", id="80x24-dark"),
        pytest.param((80, 24), "textual-light", id="80x24-light"),
        pytest.param((120, 36), "textual-dark", id="120x36-dark"),
        pytest.param((120, 36), "textual-light", id="120x36-light"),
    ],
)


async def steady(pilot: Pilot[int]) -> None:
    """No blinking cursors: a snapshot must not depend on when it was taken."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def then(*keys: str) -> Step:
    """Let the app settle, press ``keys``, and settle again."""

    async def run(pilot: Pilot[int]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await steady(pilot)

    return run


# --- screens ---------------------------------------------------------------------------------


@VIEWS
def test_start_screen(
    snap_compare: Callable[..., bool], app_for: AppFactory, size: tuple[int, int], theme: str
) -> None:
    app = app_for(None, cwd=FOLDER, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@VIEWS
def test_main_screen(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@VIEWS
def test_main_screen_on_a_judgement(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("up"))


@VIEWS
def test_main_screen_with_the_questions_open(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    async def prepare(pilot: Pilot[int]) -> None:
        await pilot.pause()
        await pilot.click("#prompts CollapsibleTitle")
        pilot.app.screen.query_one("#tree").focus()
        await steady(pilot)

    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=prepare)


@VIEWS
def test_main_screen_after_rating_and_adding_evidence(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    """A fresh rating and the unsaved mark; evidence with markup shown as typed."""

    async def prepare(pilot: Pilot[int]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("hp-strategy")
        await pilot.press("e", *"[bold red]x[/] is typed, not styled", "enter", "r")
        await steady(pilot)

    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=prepare)


@VIEWS
def test_main_screen_filtered(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    async def prepare(pilot: Pilot[int]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        screen.quick_filter(limiting=True)
        await steady(pilot)

    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=prepare)


@VIEWS
def test_scorecard(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("s"))


@VIEWS
def test_help(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("question_mark"))


@VIEWS
def test_notes_have_the_focus(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    """``o`` goes straight to the notes; the focus is plain to see (issue 18)."""
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("down", "down", "o"))


@VIEWS
def test_start_screen_with_a_recent_file(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    theme: str,
) -> None:
    """Opening is offered first, and starting new is on screen too (issue 18)."""
    from selfassess.files import recent

    shown = [recent.RecentFile(FOLDER / "anytown.toml", "2024-05-31T09:30:00")]
    monkeypatch.setattr(recent, "load_recent", lambda: shown)
    app = app_for(None, cwd=FOLDER, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@VIEWS
def test_details_form(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("ctrl+d"))


@VIEWS
def test_personal_details_warning(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    what = "Jayden Smith, DOB 03/03/2015, NHS 943 476 5919, lives at SW1A 1AA"
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("e", *what, "enter"))


# --- forms -----------------------------------------------------------------------------------


@VIEWS
def test_evidence_form_with_a_wrong_date(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    keys = ("e", *"Audit of plans", "tab", "tab", "tab", *"31/02/2024", "enter")
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then(*keys))


@VIEWS
def test_action_form(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("t", *"Re-audit in March"))


@VIEWS
def test_not_applicable_form(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("n"))


@VIEWS
def test_filter_form(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("slash"))


# --- questions -------------------------------------------------------------------------------


def held_on_another_computer(path: Path) -> None:
    """A colleague's app holds ``path`` (a fixed computer and time, so the pictures hold)."""
    holder = {"user": "alex", "host": "PC-0412", "pid": 4242, "since": "2024-05-31T09:30:00"}
    locking.lock_path(path).write_text(json.dumps(holder), encoding="utf-8")


@VIEWS
def test_someone_else_has_the_file_open(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    held_on_another_computer(assessment_path)
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@VIEWS
def test_served_file_not_open(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    """A tab of ``serve FILE`` whose file was not opened (here: a colleague holds it, and
    opening was cancelled): no start screen, only what to do."""
    held_on_another_computer(assessment_path)
    app = app_for(assessment_path, theme=theme, confined=True)
    assert snap_compare(app, terminal_size=size, run_before=then("escape"))  # cancel


@VIEWS
def test_unsaved_work_to_restore(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    recovery = locking.recovery_path(assessment_path)
    text = assessment_path.read_text(encoding="utf-8")
    recovery.write_text(text.replace('rating = "green"', 'rating = "red"', 1), encoding="utf-8")
    when = datetime.datetime(2024, 5, 31, 17, 45).timestamp()
    os.utime(recovery, (when, when))
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@VIEWS
def test_the_file_changed_on_disk(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    async def prepare(pilot: Pilot[int]) -> None:
        await pilot.pause()
        await pilot.press("r")
        with assessment_path.open("a", encoding="utf-8") as handle:
            handle.write("\n# a colleague's change\n")
        await pilot.press("ctrl+s")
        await steady(pilot)

    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=prepare)


@VIEWS
def test_save_before_quitting(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("r", "q"))


@VIEWS
def test_delete_evidence(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    async def prepare(pilot: Pilot[int]) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#evidence").focus()
        await pilot.pause()
        await pilot.press("delete")
        await steady(pilot)

    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=prepare)


@VIEWS
def test_export(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=then("ctrl+e"))


@VIEWS
def test_older_framework_to_carry_over(
    snap_compare: Callable[..., bool],
    app_for: AppFactory,
    work: Path,
    assessment_path: Path,
    size: tuple[int, int],
    theme: str,
) -> None:
    framework = work / "practice-framework.toml"
    text = framework.read_text(encoding="utf-8")
    start = text.index('[[judgements.criteria]]\nid = "hp-plans"')
    text = text[:start] + text[text.index("[[judgements]]", start) :]
    framework.write_text(text.replace('version = "1"', 'version = "99"', 1), encoding="utf-8")
    app = app_for(assessment_path, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@VIEWS
def test_error(
    snap_compare: Callable[..., bool], app_for: AppFactory, size: tuple[int, int], theme: str
) -> None:
    """The error dialog, with a message as a broken file gives (its real path would vary)."""

    async def prepare(pilot: Pilot[int]) -> None:
        await pilot.pause()
        pilot.app.push_screen(
            ErrorDialog(
                "This file could not be opened",
                "our-sef.toml: line 3: [bold]x[/] is not valid TOML (expected '=' after a key)",
                "The file has not been changed. Correct it in a text editor, or open another file.",
            )
        )
        await steady(pilot)

    app = app_for(None, cwd=FOLDER, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=prepare)
