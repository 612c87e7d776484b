"""Help, themes, NO_COLOR and small terminals: what the user sees is complete and legible."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Static
from tui_helpers import record_notifications

from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.forms import ActionDialog, EvidenceDialog
from selfassess.tui.screens.help import HelpScreen, friendly_key
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.scorecard import ScorecardScreen
from selfassess.tui.widgets.fold import Fold
from selfassess.tui.widgets.judgement_panel import JudgementPanel
from selfassess.tui.widgets.key_footer import KeyFooter

AppFactory = Callable[..., SelfAssessApp]


def help_text(app: SelfAssessApp) -> str:
    return "\n".join(
        line.text
        for static in app.screen.query(Static)
        for line in static.render_lines(static.region.reset_offset)
    )


async def test_help_lists_every_key(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 80)) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for binding in Binding.make_bindings([*type(main).BINDINGS, *app.BINDINGS]):
            if binding.id:
                description = binding.tooltip or binding.description
                assert description in text, binding.id
                assert friendly_key(app, binding.key) in text, binding.key
        assert "x / Delete / Backspace" in text
        assert "Limiting criterion" in text and "Practice is outstanding." in text
        await pilot.press("escape")
        assert app.screen is main
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_help_follows_the_keymap(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path, keymap={"rate.red": "1"})
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.press("question_mark")
        lines = [line for line in help_text(app).splitlines() if "Rate Red" in line]
        assert lines and lines[0].strip().startswith("1")


async def test_light_and_dark(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


async def test_works_with_no_color(
    app_for: AppFactory, assessment_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("a")
        await pilot.press("s")
        svg = app.export_screenshot()
        assert "Requires improvement" in svg.replace("&#160;", " ")


async def test_layout_at_80_by_24(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#tree-pane")
        detail = app.screen.query_one("#detail")
        assert 28 <= pane.region.width <= 36  # about 40%
        assert detail.region.x >= pane.region.right
        assert detail.region.right <= 80
        # the detail scrolls rather than spilling out of the screen
        panel = app.screen.query_one("#criterion-panel")
        assert panel.region.bottom <= 23
        assert panel.max_scroll_y > 0


async def test_judgement_summary(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("up")
        summary = app.screen.query_one(JudgementPanel)
        assert summary.display and summary.judgement_id == "leaders"
        text = "\n".join(
            line.text
            for static in summary.query(Static)
            for line in static.render_lines(static.region.reset_offset)
        )
        assert "2 of 3 criteria rated" in text
        assert "Requires improvement to be good (provisional)" in text


async def test_title_shows_unsaved_changes(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        assert app.title == "Anytown Council"
        assert app.sub_title == "anytown.toml"
        await pilot.press("g", "r")
        assert app.sub_title == "● unsaved · anytown.toml"
        await pilot.press("ctrl+s")
        assert app.sub_title == "anytown.toml"


def test_key_settings_file(tmp_path: Path) -> None:
    from selfassess.tui.app import load_keymap

    path = tmp_path / "keys.toml"
    assert load_keymap(path) == ({}, "")  # no file: the usual keys
    path.write_text('[keys]\nrate.red = "1"\n"view.scorecard" = "f5"\n')
    assert load_keymap(path) == ({"rate.red": "1", "view.scorecard": "f5"}, "")
    path.write_text("[keys\n")
    keys, problem = load_keymap(path)
    assert keys == {} and "could not be read" in problem
    path.write_text("[keys]\nrate.red = 1\n")
    keys, problem = load_keymap(path)
    assert keys == {} and 'rate.red = "1"' in problem


async def test_a_startup_warning_is_shown_once(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    app.startup_warning = "keys.toml could not be read; the usual keys are used."
    shown = record_notifications(app)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        assert shown == [app.startup_warning]


def rendered(widget: Static) -> str:
    return "\n".join(line.text for line in widget.render_lines(widget.region.reset_offset))


async def test_questions_open_with_a_click_or_enter_and_stay_open(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        prompts = screen.query_one("#prompts", Fold)

        def shown() -> str:
            """The fold's lines as on the screen (nothing of what is closed)."""
            return "\n".join(
                rendered(widget) for widget in prompts.query(Static) if widget.region.height
            )

        first = screen.panel.criterion_id
        assert prompts.items and "▶ Questions to ask" in shown()
        assert prompts.items[0][:20] not in shown()
        await pilot.click("#prompts CollapsibleTitle")
        await pilot.pause()
        assert "▼ Questions to ask" in shown()
        assert prompts.items[0][:20] in shown()
        screen.criterion_tree.focus()  # the click took the focus to the questions
        await pilot.press("down")  # the next criterion: still open, with its own questions
        await pilot.pause()
        assert screen.panel.criterion_id != first
        assert "▼" in shown() and prompts.items[0][:20] in shown()
        prompts.query_one("CollapsibleTitle").focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "▶" in shown()


async def test_keys_at_the_bottom_work_with_the_mouse(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        text = rendered(footer)
        assert "Scorecard" in text and "Rate" in text and "^p" in text  # and the palette
        await pilot.click(footer, offset=(text.index("Scorecard") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)


async def test_add_links_open_the_forms(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for heading_id, link, form in (
            ("#evidence-heading", "Add evidence (e)", EvidenceDialog),
            ("#actions-heading", "Add action (t)", ActionDialog),
        ):
            heading = screen.query_one(heading_id, Static)
            line = rendered(heading).splitlines()[0]
            assert link in line  # with the key that does the same
            await pilot.click(heading, offset=(line.index(link) + 1, 0))
            assert isinstance(app.screen, form)
            await pilot.press("escape")


async def test_the_screen_follows_the_terminal_size(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app.screen.query_one(KeyFooter)
        assert bar.region.y == 29 and bar.region.width == 100
        await pilot.resize_terminal(130, 36)
        await pilot.pause()
        assert bar.region.y == 35 and bar.region.width == 130
        panel = app.screen.query_one("#criterion-panel")
        assert panel.region.bottom == 35
