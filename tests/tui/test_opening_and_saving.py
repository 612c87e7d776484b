"""Files: start a new assessment, open one, errors shown in full, save, reopen, quit safely."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TabbedContent, TextArea

from selfassess.files import recent
from selfassess.files.store import load_assessment
from selfassess.model.assessment import Action, Evidence
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.messages import ChoiceDialog, ErrorDialog
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.screens.start import StartScreen
from selfassess.tui.widgets.framework_list import FrameworkChoice, FrameworkList

AppFactory = Callable[..., SelfAssessApp]


async def type_in(pilot, app: SelfAssessApp, selector: str, text: str) -> None:
    field = app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


# --- starting ----------------------------------------------------------------------------------


async def test_new_assessment_from_the_start_screen(app_for: AppFactory, work: Path) -> None:
    app = app_for(None)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one(TabbedContent).active == "new-tab"  # nothing recent yet
        await type_in(pilot, app, "#authority", "Anytown Borough Council")
        save_as = app.screen.query_one("#save-as", Input)
        assert save_as.value == "anytown-borough-council-practice.toml"  # suggested
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        path = work / "anytown-borough-council-practice.toml"
        assert path.exists()  # written at once
        assert app.title == "Anytown Borough Council"
        assert app.sub_title == path.name

        await pilot.press("g", "ctrl+s")
        loaded = load_assessment(path)
        assert loaded.framework.id == "practice"
        assert loaded.assessment.authority == "Anytown Borough Council"
        assert loaded.assessment.rating("ld-self-knowledge") == "green"
        assert loaded.assessment.framework_file == "practice-framework.toml"
        assert [r.path for r in recent.load_recent()] == [path]


async def test_new_assessment_needs_a_name_and_a_folder(app_for: AppFactory, work: Path) -> None:
    app = app_for(None)
    async with app.run_test() as pilot:
        await pilot.press("enter")  # in the authority box
        assert isinstance(app.screen, StartScreen)
        assert "Type the name of the local authority" in str(
            app.screen.query_one("#authority-error").render()
        )
        await type_in(pilot, app, "#authority", "Anytown")
        await type_in(pilot, app, "#save-as", "no-such-folder/a.toml")
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)
        assert "There is no folder" in str(app.screen.query_one("#save-as-error").render())
        await type_in(pilot, app, "#save-as", "typed-name")
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert (work / "typed-name.toml").exists()  # .toml added


async def test_an_existing_file_is_not_replaced_without_asking(
    app_for: AppFactory, work: Path, assessment_path: Path
) -> None:
    before = assessment_path.read_bytes()
    app = app_for(None)
    async with app.run_test() as pilot:
        await type_in(pilot, app, "#authority", "Anytown")
        await type_in(pilot, app, "#save-as", "anytown.toml")
        await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "already exists" in dialog.message
        await pilot.press("escape")  # cancel
        assert isinstance(app.screen, StartScreen)
        assert assessment_path.read_bytes() == before

        await pilot.press("enter")
        await pilot.click("#choice-yes")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert load_assessment(assessment_path).assessment.criteria == {}
        assert (work / "anytown.toml.bak").read_bytes() == before  # the old one is kept


async def test_open_a_recent_file(app_for: AppFactory, assessment_path: Path) -> None:
    recent.remember(assessment_path)
    app = app_for(None)
    async with app.run_test() as pilot:
        assert app.screen.query_one(TabbedContent).active == "open-tab"
        recent_list = app.screen.query_one("#recent", OptionList)
        assert "anytown.toml" in str(recent_list.get_option_at_index(0).prompt)
        recent_list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.draft.path == assessment_path


async def test_open_a_typed_path(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(None)
    async with app.run_test() as pilot:
        app.screen.query_one(TabbedContent).active = "open-tab"
        await type_in(pilot, app, "#open-path", "missing.toml")
        await pilot.press("enter")
        assert "There is no file" in str(app.screen.query_one("#open-path-error").render())
        await type_in(pilot, app, "#open-path", "anytown.toml")  # relative to the folder
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_missing_file_on_the_command_line_is_offered_to_create(
    app_for: AppFactory, work: Path
) -> None:
    path = work / "new-sef.toml"
    app = app_for(path)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert "does not exist yet" in str(screen.query_one("#start-notice").render())
        assert screen.query_one("#save-as", Input).value == "new-sef.toml"
        await type_in(pilot, app, "#authority", "Newtown")
        # typing the name does not overwrite the file name the user asked for
        assert screen.query_one("#save-as", Input).value == "new-sef.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert load_assessment(path).assessment.authority == "Newtown"


async def test_a_bad_file_shows_every_problem_and_is_never_written(
    app_for: AppFactory, work: Path
) -> None:
    bad = work / "bad.toml"
    text = (work / "anytown.toml").read_text().replace('rating = "amber"', 'rating = "amberr"')
    text = text.replace('confidence = "low"', 'confidence = "sure"')
    bad.write_text(text)
    before = bad.read_bytes()
    app = app_for(bad)
    async with app.run_test() as pilot:
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        message = str(dialog.query_one("#error-text").render())
        assert 'criteria.ld-workforce.rating: "amberr" is not a rating' in message
        assert "criteria.hp-missing.confidence" in message
        assert str(bad) in message
        await pilot.press("enter")
        assert isinstance(app.screen, StartScreen)
        await pilot.press("ctrl+s", "q")
    assert bad.read_bytes() == before
    assert not (work / "bad.toml.bak").exists()


async def test_the_bundled_frameworks_are_offered_by_default(tmp_path: Path) -> None:
    from selfassess.tui.app import make_app

    app = make_app(None, cwd=tmp_path)
    async with app.run_test():
        choices = app.screen.query_one(FrameworkList).choices
        assert choices, "no bundled framework found"
        assert all(c.file is None for c in choices)
        assert app.screen.query_one(FrameworkList).chosen is not None


# --- saving and reopening --------------------------------------------------------------------


async def test_save_and_reopen_restores_everything(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to("hp-strategy")
        await pilot.press("a", "c", "c")
        draft = app.draft
        draft.add_evidence(
            "hp-strategy",
            Evidence(what="Dip sample [x]", type="feedback", date=datetime.date(2024, 1, 2)),
        )
        draft.add_action("hp-strategy", Action(what="Train chairs", due=datetime.date(2025, 1, 1)))
        screen.panel.refresh_record()
        notes = screen.query_one("#notes", TextArea)
        notes.focus()
        await pilot.press(*"Line one", "enter", *"Line two")
        screen.go_to("cc-missing")
        await pilot.press("n", *"Counted under help and protection", "enter")
        draft.set_published_grade("overall", "good")
        await pilot.press("ctrl+s")
        assert "unsaved" not in app.sub_title
        in_memory = draft.assessment
    reopened = load_assessment(assessment_path).assessment
    assert reopened == in_memory
    record = reopened.criteria["hp-strategy"]
    assert record.rating == "amber" and record.confidence == "medium"
    assert record.notes == "Line one\nLine two"
    assert reopened.criteria["cc-missing"].na_reason == "Counted under help and protection"

    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        assert app.draft.assessment == in_memory
        assert "unsaved" not in app.sub_title


async def test_save_failure_is_reported_and_changes_kept(
    app_for: AppFactory, assessment_path: Path, monkeypatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("selfassess.files.session.save_assessment", refuse)
    before = assessment_path.read_bytes()
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, ErrorDialog)
        assert "Permission denied" in dialog.message
        await pilot.press("enter")
        assert app.draft.modified and "● unsaved" in app.sub_title
        await pilot.press("q")  # still asks: nothing was saved
        assert isinstance(app.screen, ChoiceDialog)
    assert assessment_path.read_bytes() == before


async def test_someone_elses_save_is_not_overwritten_silently(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r")
        theirs = assessment_path.read_text() + "\n# a colleague's change\n"
        assessment_path.write_text(theirs)
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "changed since you opened it" in dialog.title_text
        await pilot.press("escape")
        assert assessment_path.read_text() == theirs
        await pilot.press("ctrl+s")
        await pilot.click("#choice-yes")
        assert load_assessment(assessment_path).assessment.rating("ld-self-knowledge") == "red"


# --- quitting ----------------------------------------------------------------------------------


async def test_quit_without_changes_just_quits(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_with_unsaved_changes_asks(app_for: AppFactory, assessment_path: Path) -> None:
    before = assessment_path.read_bytes()
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r", "q")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert [key for key, _, _ in dialog.choices] == ["save", "discard", "cancel"]
        await pilot.click("#choice-cancel")
        assert isinstance(app.screen, MainScreen)
        assert app.is_running

        await pilot.press("ctrl+q")  # the same question, from anywhere
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not app.is_running
    assert assessment_path.read_bytes() == before


async def test_quit_and_save(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r", "q")
        await pilot.click("#choice-save")
        await pilot.pause()
        assert not app.is_running
    assert load_assessment(assessment_path).assessment.rating("ld-self-knowledge") == "red"


async def test_close_and_open_another_asks_too(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await pilot.press("r")
        app.action_close_file()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.draft is None


async def test_someone_else_holding_the_file_is_named(
    app_for: AppFactory, assessment_path: Path, colleague: None
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "alex" in dialog.message
        assert "since 31 May 2024 at 09:30" in dialog.message
        await pilot.click("#choice-take")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not app.draft.read_only


@pytest.mark.usefixtures("colleague")
async def test_a_new_assessment_never_replaces_a_file_a_colleague_has_open(
    app_for: AppFactory, assessment_path: Path, practice_choice: FrameworkChoice
) -> None:
    before = assessment_path.read_bytes()
    app = app_for(None)
    async with app.run_test() as pilot:
        app.create_file(practice_choice, "Anytown", assessment_path)
        await pilot.pause()
        assert isinstance(app.screen, ErrorDialog)
        assert app.screen.title_text == "Someone else has this file open"
    assert assessment_path.read_bytes() == before
