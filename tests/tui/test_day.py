"""A quality-assurance lead's day in the app (issue 18): every place in a key or two, moving on
after a rating, the assessment's details, dates as people type them, a bar that tells the
truth, a footer that fits, and the palette listing the app's own commands.

Unlike most of the app's tests, these run with a new user's settings ("move on" is on).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, TabbedContent, TextArea
from tui_helpers import go_to

from selfassess.files import recent, user_state
from selfassess.files.store import load_assessment, load_framework
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.details import DetailsDialog
from selfassess.tui.dialogs.forms import ActionDialog, EvidenceDialog
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.start import StartScreen
from selfassess.tui.widgets.criterion_tree import CriterionTree
from selfassess.tui.widgets.key_footer import KeyFooter
from selfassess.views.render import apportion, rag_bar

AppFactory = Callable[..., SelfAssessApp]


def footer_text(app: SelfAssessApp) -> str:
    footer = app.screen.query_one(KeyFooter)
    return "".join(line.text for line in footer.render_lines(footer.region.reset_offset))


# --- 1. evidence, actions and notes in a key ------------------------------------------------


async def test_evidence_action_and_notes_each_have_a_key_in_the_footer(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(80, 24)) as pilot:
        text = footer_text(app)
        for shown in ("e Evidence", "t Action", "o Notes"):
            assert shown in text
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("o")  # straight to the notes, from the list
        notes = screen.query_one("#notes", TextArea)
        assert notes.has_focus
        await pilot.pause()
        assert notes.region.height > 0  # scrolled into view
        await pilot.press("escape")  # and straight back
        assert screen.criterion_tree.has_focus
        await pilot.press("t")
        assert isinstance(app.screen, ActionDialog)
        await pilot.press("escape", "e")
        assert isinstance(app.screen, EvidenceDialog)


async def test_while_typing_notes_the_footer_offers_only_keys_that_do_not_type(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(200, 36)) as pilot:  # room for every key
        before = footer_text(app)
        assert "? Help" in before and "/ Filter" in before
        await pilot.press("o")
        await pilot.pause()
        typing = footer_text(app)
        assert "? Help" not in typing and "/ Filter" not in typing  # "?" and "/" type
        assert "f1 Help" in typing and "^s Save" in typing  # these still work
        assert "esc " in typing  # and the way back to the list
        await pilot.press("question_mark")
        assert app.screen.query_one("#notes", TextArea).text.endswith("?")
        await pilot.press("escape")
        await pilot.pause()
        assert "? Help" in footer_text(app)


# --- 2. moving on, and coming back to where one left off ------------------------------------


async def test_rating_moves_on_to_the_next_criterion_not_rated(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        screen = await go_to(app, pilot, "ld-self-knowledge")
        assert user_state.move_on()  # on for a new user
        assert "Move on: on" in footer_text(app) and "u Unrated" in footer_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert app.draft is not None
        assert app.draft.assessment.rating("ld-self-knowledge") == "amber"
        assert screen.current_criterion == "ld-oversight"  # the next one not rated
        await pilot.press("m")  # the setting, shown in the footer and kept for next time
        await pilot.pause()
        assert "Move on: off" in footer_text(app)
        assert not user_state.move_on()
        await pilot.press("g")
        await pilot.pause()
        assert screen.current_criterion == "ld-oversight"  # stays
        await pilot.press("u")  # next unrated, by hand
        await pilot.pause()
        assert screen.current_criterion == "hp-strategy"


async def test_reopening_comes_back_to_the_criterion_left(
    app_for: AppFactory, assessment_path: Path
) -> None:
    before = assessment_path.read_bytes()
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-missing")
        await pilot.press("ctrl+q")
    assert user_state.last_place(assessment_path) == "hp-missing"  # the user's, not the file's
    assert assessment_path.read_bytes() == before
    again = app_for(assessment_path)
    async with again.run_test() as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert screen.current_criterion == "hp-missing"


# --- 3. the assessment's details -----------------------------------------------------------


async def test_details_are_edited_in_the_app(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("ctrl+d")
        dialog = app.screen
        assert isinstance(dialog, DetailsDialog)
        authority = dialog.query_one("#authority", Input)
        authority.value = ""
        await pilot.press(*"Peterbor")
        await pilot.pause(0.3)
        await pilot.press("right")  # accepts the suggestion
        assert authority.value == "Peterborough"
        dialog.query_one("#period", Input).value = "April 2025 to March 2026"
        dialog.query_one("#assessors", Input).value = "Head of QA,  Principal social worker"
        dialog.query_one("#review-date", Input).value = "15 Jan 2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.title == "Peterborough" and app.sub_title.startswith("●")
        await pilot.press("ctrl+s")
    saved = load_assessment(assessment_path).assessment
    assert saved.authority == "Peterborough"
    assert saved.period == "April 2025 to March 2026"
    assert saved.assessors == ["Head of QA", "Principal social worker"]
    assert saved.review_date == datetime.date(2027, 1, 15)
    assert saved.authority_code == "874"
    assert "review_date = 2027-01-15" in assessment_path.read_text(encoding="utf-8")


async def test_details_dialog_shows_the_review_date_as_people_read_it(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 36)) as pilot:
        assert app.draft is not None
        app.draft.set_details(review_date=datetime.date(2026, 10, 31))
        await pilot.press("ctrl+d")
        assert app.screen.query_one("#review-date", Input).value == "31 October 2026"


# --- 4. the start screen -------------------------------------------------------------------


async def test_starting_new_is_never_hidden(
    app_for: AppFactory, assessment_path: Path, work: Path
) -> None:
    recent.remember(assessment_path)
    app = app_for(None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "open-tab"  # a recent file: opening it is likely
        assert screen.query_one("#go-new").region.height  # but starting new is on screen
        assert screen.query_one("#recent", OptionList).has_focus
        await pilot.press("right")  # Left and Right switch, from the list too
        assert tabs.active == "new-tab"
        assert screen.query_one("#authority", Input).has_focus
        await pilot.press("ctrl+o")
        assert tabs.active == "open-tab"
        await pilot.press("ctrl+n")
        assert tabs.active == "new-tab"
        await pilot.press("ctrl+o")
        await pilot.click("#go-new")
        assert tabs.active == "new-tab"


async def test_a_framework_file_of_ones_own(app_for: AppFactory, work: Path) -> None:
    own = work / "our-framework.toml"
    own.write_bytes((work / "practice-framework.toml").read_bytes())
    app = app_for(None, frameworks=[])
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        screen.query_one("#framework-file", Input).value = "missing.toml"
        screen.query_one("#authority", Input).value = "Anytown"
        screen.query_one("#save-as", Input).value = "ours.toml"
        screen.query_one("#authority", Input).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)
        assert "missing.toml" in str(screen.query_one("#framework-file-error").render())
        screen.query_one("#framework-file", Input).value = "our-framework.toml"
        screen.query_one("#authority", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    loaded = load_assessment(work / "ours.toml")
    assert loaded.assessment.framework_file == "our-framework.toml"


# --- 5. the bar ------------------------------------------------------------------------------


def test_equal_counts_are_drawn_equally_long(work: Path) -> None:
    framework = load_framework(work / "practice-framework.toml")
    counts = {"amber": 1, "green": 1, "blue": 1}
    for total, width in ((3, 24), (3, 12), (9, 24), (9, 12), (20, 24), (20, 12), (60, 20)):
        bar = rag_bar(framework, counts, 0, total, width=width).plain
        assert bar.count("A") == bar.count("G") == bar.count("B") >= 1, (total, width, bar)
        assert len(bar) <= width


def test_apportion_is_proportional() -> None:
    assert apportion([1, 1, 1], 24) == [8, 8, 8]
    assert apportion([1, 2, 3], 12) == [2, 4, 6]
    assert apportion([0, 5, 0, 15], 8) == [0, 2, 0, 6]
    assert sum(apportion([7, 3, 11, 2, 1], 10)) <= 10


# --- 6. at 80 × 24 -------------------------------------------------------------------------


async def test_at_80_columns_names_end_with_an_ellipsis_and_the_footer_fits(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(CriterionTree)
        lines = [strip.text.rstrip() for strip in tree.render_lines(tree.region.reset_offset)]
        long_lines = [line for line in lines if "Leaders know their servi" in line]
        assert long_lines and all(line.endswith("…") for line in long_lines), lines
        assert all(len(line) <= tree.size.width for line in lines)
        text = footer_text(app)
        assert len(text) <= 80
        assert text.rstrip().endswith("^p More")  # the palette's key, whole
        words = text.split()
        assert "Qui" not in words  # nothing cut in half


async def test_the_footer_keeps_everything_on_a_wide_screen(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(170, 30)):
        text = footer_text(app)
        for shown in ("u Next unrated", "s Scorecard", "^s Save", "^q Quit", "^p Commands"):
            assert shown in text


# --- 9. dates ------------------------------------------------------------------------------


async def test_usual_uk_dates_are_accepted_and_a_fixed_error_clears_at_once(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-strategy")
        await pilot.press("t")
        dialog = app.screen
        due = dialog.query_one("#due", Input)
        due.focus()
        await pilot.press(*"15 Jab 2027", "tab")  # leaving the box checks it
        error = dialog.query_one("#due-error")
        assert error.display and "not a month" in str(error.render())
        due.value = "15 Jan 2027"
        await pilot.pause()
        assert not error.display  # cleared as soon as it was right, not at save
        dialog.query_one("#what", Input).value = "Re-audit"
        await pilot.press("ctrl+s")
        assert app.draft is not None
        assert app.draft.record("hp-strategy").actions[0].due == datetime.date(2027, 1, 15)


# --- 10. the palette -----------------------------------------------------------------------


async def test_the_palette_lists_the_apps_own_commands(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.pause(0.5)
        await pilot.press("down")  # the list appears once there is a choice to make
        await pilot.pause(0.3)
        options = palette.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels and labels[0].startswith("Rate:")
        for textual_own in ("Keys", "Maximize", "Screenshot"):
            assert not any(label.startswith(textual_own) for label in labels)


# --- 11. the selected row keeps its rating colour ------------------------------------------


async def test_the_selected_row_keeps_its_rating_colour(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "ld-self-knowledge")  # green
        tree = app.screen.query_one(CriterionTree)
        node = tree.cursor_node
        assert node is not None
        cursor = tree.get_component_rich_style("tree--cursor")
        label = tree.render_label(node, cursor, cursor)
        assert label.plain.startswith(" G ")
        badge_style = label.get_style_at_offset(Console(), 1)
        assert badge_style.bgcolor is not None and badge_style.bgcolor != cursor.bgcolor
