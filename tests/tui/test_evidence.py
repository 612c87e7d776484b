"""Evidence, actions and notes: add, edit, delete, dates checked, user text shown literally."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select, TextArea
from tui_helpers import go_to

from selfassess.model.assessment import Evidence
from selfassess.tui.app import SelfAssessApp
from selfassess.tui.dialogs.forms import ActionDialog, EvidenceDialog
from selfassess.tui.dialogs.messages import ChoiceDialog
from selfassess.tui.screens.main import MainScreen
from selfassess.tui.widgets.record_lists import ActionPlan, EvidenceList

AppFactory = Callable[..., SelfAssessApp]


async def fill(pilot, dialog, values: dict[str, str]) -> None:
    """Put text in the dialog's inputs by id, as if typed (typing itself is tested elsewhere)."""
    for field_id, value in values.items():
        field = dialog.query_one(f"#{field_id}", Input)
        field.focus()
        field.value = value
        await pilot.pause()


async def test_add_evidence_with_every_field(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-strategy")
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, EvidenceDialog)
        await fill(
            pilot,
            dialog,
            {
                "what": "Audit of 20 strategy discussions",
                "where": "QA drive",
                "date": "31/03/2024",
                "owner": "Head of QA",
            },
        )
        dialog.query_one("#type", Select).value = "performance_data"
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert app.draft.record("hp-strategy").evidence == [
            Evidence(
                what="Audit of 20 strategy discussions",
                type="performance_data",
                where="QA drive",
                date=datetime.date(2024, 3, 31),
                owner="Head of QA",
            )
        ]
        evidence = app.screen.query_one(EvidenceList)
        shown = str(evidence.item_at(0))
        assert "Audit of 20 strategy discussions" in shown
        assert "Performance data · 31 March 2024 · Head of QA · kept in QA drive" in shown
        assert "● unsaved" in app.sub_title


async def test_a_wrong_date_is_explained_in_place(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-strategy")
        await pilot.press("e")
        dialog = app.screen
        await fill(pilot, dialog, {"what": "Audit", "date": "2024-02-30"})
        await pilot.press("enter")
        assert app.screen is dialog  # not saved
        message = str(dialog.query_one("#date-error").render())
        assert "not a real date" in message
        await fill(pilot, dialog, {"date": "March"})
        await pilot.press("enter")
        assert "15 Jan 2027" in str(dialog.query_one("#date-error").render())  # what to type
        assert app.draft.record("hp-strategy").evidence == []
        await fill(pilot, dialog, {"date": "2024-02-29"})
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert app.draft.record("hp-strategy").evidence[0].date == datetime.date(2024, 2, 29)


async def test_evidence_needs_saying_what_it_is(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-strategy")
        await pilot.press("e", "enter")
        assert isinstance(app.screen, EvidenceDialog)
        assert "Say what the evidence is" in str(app.screen.query_one("#what-error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert "hp-strategy" not in app.draft.assessment.criteria


async def test_edit_and_delete_evidence(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "ld-self-knowledge")
        evidence = app.screen.query_one(EvidenceList)
        evidence.focus()
        await pilot.press("enter")  # edit the highlighted item
        dialog = app.screen
        assert isinstance(dialog, EvidenceDialog)
        assert dialog.query_one("#what", Input).value == "Quarterly audit report"
        assert dialog.query_one("#date", Input).value == "28 March 2024"  # as people read it
        await fill(pilot, dialog, {"what": "Quarterly audit report, Q4"})
        await pilot.press("enter")
        record = app.draft.record("ld-self-knowledge")
        assert record.evidence[0].what == "Quarterly audit report, Q4"
        assert record.evidence[0].type == "case_audit"  # untouched fields kept

        evidence.focus()
        await pilot.press("delete")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel keeps it
        assert len(app.draft.record("ld-self-knowledge").evidence) == 1

        await pilot.press("delete")
        await pilot.click("#choice-yes")
        assert app.draft.record("ld-self-knowledge").evidence == []
        assert not evidence.display  # the empty list gives way to "No evidence recorded yet"


async def test_delete_button_in_the_evidence_form(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await go_to(app, pilot, "ld-self-knowledge")
        app.screen.query_one(EvidenceList).focus()
        await pilot.press("enter")
        await pilot.click("#delete")
        assert isinstance(app.screen, MainScreen)
        assert app.draft.record("ld-self-knowledge").evidence == []


async def test_markup_in_evidence_is_shown_literally(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-strategy")
        await pilot.press("e")
        await fill(pilot, app.screen, {"what": "[bold red]x[/]", "owner": "[link=x]me[/link]"})
        await pilot.press("enter")
        assert app.draft.record("hp-strategy").evidence[0].what == "[bold red]x[/]"
        prompt = app.screen.query_one(EvidenceList).item_at(0)
        assert prompt.plain.startswith("[bold red]x[/]\n")
        assert "[link=x]me[/link]" in prompt.plain
        assert not any("red" in str(span.style) for span in prompt.spans)
        # and on the real screen, character for character
        screen_text = "\n".join(
            line.text
            for line in app.screen.query_one(EvidenceList).render_lines(
                app.screen.query_one(EvidenceList).region.reset_offset
            )
        )
        assert "[bold red]x[/]" in screen_text


async def test_add_edit_delete_action(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-plans")
        await pilot.press("t")
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        await fill(
            pilot, dialog, {"what": "Re-audit plans", "owner": "Team manager", "due": "2024-09-30"}
        )
        dialog.query_one("#status", Select).value = "in_progress"
        await pilot.press("enter")
        action = app.draft.record("hp-plans").actions[0]
        assert (action.what, action.owner, action.due, action.status) == (
            "Re-audit plans",
            "Team manager",
            datetime.date(2024, 9, 30),
            "in_progress",
        )
        actions = app.screen.query_one(ActionPlan)
        actions.focus()
        await pilot.press("enter")
        dialog = app.screen
        dialog.query_one("#status", Select).value = "done"
        await pilot.press("ctrl+s")  # saves the form, not the file
        assert app.draft.record("hp-plans").actions[0].status == "done"
        assert "● unsaved" in app.sub_title
        actions.focus()
        await pilot.press("delete")
        await pilot.click("#choice-yes")
        assert app.draft.record("hp-plans").actions == []


async def test_overdue_actions_are_flagged(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "ld-self-knowledge")
        prompt = app.screen.query_one(ActionPlan).item_at(0)
        assert "due 30 September 2020 OVERDUE" in prompt.plain


async def test_notes_are_kept_in_the_record(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        screen = await go_to(app, pilot, "hp-strategy")
        notes = app.screen.query_one("#notes", TextArea)
        notes.focus()
        await pilot.press(*"Held within 2 days", "enter", *"[b]not bold[/b]")
        await pilot.pause()
        assert app.draft.record("hp-strategy").notes == "Held within 2 days\n[b]not bold[/b]"
        # moving away and back shows them again
        screen.go_to("hp-plans")
        await pilot.pause()
        assert notes.text == ""
        screen.go_to("hp-strategy")
        await pilot.pause()
        assert notes.text == "Held within 2 days\n[b]not bold[/b]"


async def test_personal_details_give_a_warning(app_for: AppFactory, assessment_path: Path) -> None:
    app = app_for(assessment_path)
    async with app.run_test(notifications=True) as pilot:
        await go_to(app, pilot, "hp-strategy")
        await pilot.press("e")
        what = "Jayden Smith, DOB 03/03/2015, NHS 943 476 5919, lives at SW1A 1AA"
        await fill(pilot, app.screen, {"what": what})
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause(0.5)  # a notification would have gone by now; the warning stays
        warning = app.screen
        assert isinstance(warning, ChoiceDialog)
        assert warning.title_text == "Check for personal details"
        for found in ("Jayden Smith", "DOB 03/03/2015", "943 476 5919", "SW1A 1AA"):
            assert found in warning.message  # everything found, not only the first
        # a warning only: the evidence is kept as typed
        assert app.draft.record("hp-strategy").evidence[0].what.startswith("Jayden")
        await pilot.click("#choice-edit")  # offered to edit: the form opens on it
        await pilot.pause()
        assert isinstance(app.screen, EvidenceDialog)
        await fill(pilot, app.screen, {"what": "Audit of 40 contacts"})
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.draft.record("hp-strategy").evidence[0].what == "Audit of 40 contacts"


async def test_personal_details_in_notes_listed_until_dismissed(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test() as pilot:
        await go_to(app, pilot, "hp-strategy")
        await pilot.press("o")
        notes = app.screen.query_one("#notes", TextArea)
        assert notes.has_focus
        notes.insert("Spoke to Jayden Smith (DOB 03/03/2015)")
        await pilot.press("escape")  # back to the list: leaving the notes checks them
        await pilot.pause()
        warning = app.screen
        assert isinstance(warning, ChoiceDialog)
        assert "Jayden Smith" in warning.message and "03/03/2015" in warning.message
        await pilot.press("escape")  # keep it as it is: not asked again for the same text
        await pilot.press("o", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_moving_through_the_evidence_with_keys_and_mouse(
    app_for: AppFactory, assessment_path: Path
) -> None:
    app = app_for(assessment_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await go_to(app, pilot, "ld-self-knowledge")
        assert app.draft is not None
        long_place = "the shared drive, folder Quality Assurance, audits, " * 3
        app.draft.add_evidence(
            "ld-self-knowledge",
            Evidence(what="Second item", type="other", where=long_place),
        )
        app.draft.add_evidence("ld-self-knowledge", Evidence(what="Third item", type="other"))
        screen.panel.refresh_record()
        await pilot.pause()
        evidence = screen.query_one(EvidenceList)
        # a long place wraps onto more lines rather than being cut off
        assert evidence.size.height > 6
        evidence.focus()
        await pilot.pause()
        await pilot.press("down", "down")
        assert evidence.highlighted == 2
        await pilot.press("up", "enter")
        assert isinstance(app.screen, EvidenceDialog)
        assert app.screen.query_one("#what", Input).value == "Second item"
        await pilot.press("escape")
        await pilot.click(evidence, offset=(3, evidence.size.height - 1))
        assert isinstance(app.screen, EvidenceDialog)
        assert app.screen.query_one("#what", Input).value == "Third item"
