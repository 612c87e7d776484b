"""The detail of the selected criterion: what good looks like, its rating, evidence, notes, actions.

The panel is built once and updated in place when another criterion is chosen, so moving through
the tree stays quick. Changes go through the ``Draft``; the panel then tells the screen with
``RecordChanged`` so the tree and the title follow.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Button, Collapsible, OptionList, Static, TextArea

from selfassess.assessment import CONFIDENCE_LEVELS, Action, Evidence
from selfassess.editing import Draft, EditError
from selfassess.framework import NOT_APPLICABLE
from selfassess.privacy import scan_text
from selfassess.render import plain, rating_badge, rating_label
from selfassess.tui.dialogs.forms import DELETE, ActionDialog, EvidenceDialog
from selfassess.tui.dialogs.messages import confirm
from selfassess.tui.widgets.criterion_tree import LIMITING_MARK
from selfassess.tui.widgets.rating_bar import RatingBar
from selfassess.tui.widgets.record_lists import ActionPlan, EvidenceList, RecordList


def bullets(items: list[str]) -> Text:
    """Framework text as a bulleted list, shown literally."""
    return Text("\n").join(Text(f"• {plain(item)}") for item in items)


class CriterionPanel(VerticalScroll):
    """Everything about one criterion, and the controls to record against it."""

    class RecordChanged(Message):
        """Something recorded against ``criterion_id`` changed (not its rating)."""

        def __init__(self, criterion_id: str) -> None:
            super().__init__()
            self.criterion_id = criterion_id

    def __init__(self, draft: Draft, *, today: datetime.date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft = draft
        self.today = today
        self.criterion_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="criterion-title", markup=False)
        yield Static(id="criterion-meta", markup=False)
        yield RatingBar(self.draft.framework, id="rating-bar")
        yield Static(id="rating-status", markup=False)
        yield Button("Confidence", id="confidence", compact=True)
        yield Static("What good looks like", classes="heading")
        yield Static(id="what-good-looks-like", markup=False)
        with Collapsible(title="Questions to ask", id="prompts"):
            yield Static(id="prompts-text", markup=False)
        with Collapsible(title="Examples of evidence", id="examples"):
            yield Static(id="examples-text", markup=False)
        yield Static("Evidence", id="evidence-heading", classes="heading", markup=False)
        yield Static("No evidence recorded yet.", id="no-evidence", classes="empty")
        yield EvidenceList(id="evidence")
        yield Button("Add evidence", id="add-evidence", compact=True)
        yield Static("Notes", classes="heading")
        yield TextArea(
            id="notes",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            read_only=self.draft.read_only,
        )
        yield Static("Actions", id="actions-heading", classes="heading", markup=False)
        yield Static("No actions yet.", id="no-actions", classes="empty")
        yield ActionPlan(id="actions")
        yield Button("Add action", id="add-action", compact=True)

    # --- showing --------------------------------------------------------------------------

    def show(self, criterion_id: str) -> None:
        """Show another criterion (keeping any notes typed for the one shown before)."""
        self.save_notes()
        framework = self.draft.framework
        criterion = framework.criteria[criterion_id]
        judgement = framework.judgement_of[criterion_id]
        self.criterion_id = criterion_id
        self.query_one("#criterion-title", Static).update(Text(plain(criterion.title)))
        meta = Text(plain(judgement.label), style="dim")
        if criterion.limiting:
            meta.append(f"   {LIMITING_MARK} Limiting: a red rating here caps the grade")
        themes = [
            framework.theme_by_id[t].label for t in criterion.themes if t in framework.theme_by_id
        ]
        if themes:
            meta.append("\nThemes: " + ", ".join(plain(t) for t in themes), style="dim")
        self.query_one("#criterion-meta", Static).update(meta)
        self.query_one("#what-good-looks-like", Static).update(
            Text(plain(criterion.what_good_looks_like))
        )
        self._show_framework_list("prompts", "Questions to ask", criterion.prompts)
        self._show_framework_list("examples", "Examples of evidence", criterion.evidence_examples)
        notes = self.query_one("#notes", TextArea)
        notes.load_text(self.draft.record(criterion_id).notes)
        self.refresh_record()
        self.scroll_home(animate=False)

    def _show_framework_list(self, widget_id: str, title: str, items: list[str]) -> None:
        collapsible = self.query_one(f"#{widget_id}", Collapsible)
        collapsible.display = bool(items)
        collapsible.title = f"{title} ({len(items)})"
        self.query_one(f"#{widget_id}-text", Static).update(bullets(items))

    def refresh_record(self) -> None:
        """Show the record as it is now (after a change made here or elsewhere)."""
        if self.criterion_id is None:
            return
        self.refresh_rating()
        record = self.draft.record(self.criterion_id)
        evidence = record.evidence
        self.query_one("#evidence-heading", Static).update(
            f"Evidence ({len(evidence)})" if evidence else "Evidence"
        )
        self.query_one("#no-evidence").display = not evidence
        self.query_one(EvidenceList).show(evidence)

        actions = record.actions
        self.query_one("#actions-heading", Static).update(
            f"Actions ({len(actions)})" if actions else "Actions"
        )
        self.query_one("#no-actions").display = not actions
        self.query_one(ActionPlan).show(actions, self.today)

    def refresh_rating(self) -> None:
        """Show the rating, review mark and confidence as they are now (not the lists: a
        rating key press need not rebuild them)."""
        if self.criterion_id is None:
            return
        framework = self.draft.framework
        record = self.draft.record(self.criterion_id)
        self.query_one(RatingBar).show_rating(record.rating)
        status = Text("Rating: ")
        status.append_text(rating_badge(framework, record.rating))
        status.append(" " + rating_label(framework, record.rating), style="bold")
        if record.rating == NOT_APPLICABLE and record.na_reason:
            status.append(f"\nWhy: {plain(record.na_reason)}", style="italic")
        if record.review:
            status.append("\nMarked for review", style="bold")
        self.query_one("#rating-status", Static).update(status)
        confidence = CONFIDENCE_LEVELS.get(record.confidence or "", "not set")
        button = self.query_one("#confidence", Button)
        label = f"Confidence: {confidence}"
        if str(button.label) != label:
            button.label = label
            button.refresh(layout=True)  # its width follows the label

    def _changed(self) -> None:
        assert self.criterion_id is not None
        self.refresh_record()
        self.post_message(self.RecordChanged(self.criterion_id))

    def _title(self) -> str:
        assert self.criterion_id is not None
        return plain(self.draft.framework.criteria[self.criterion_id].title, single_line=True)

    # --- notes ----------------------------------------------------------------------------

    def writable(self) -> bool:
        """Whether the file may be changed; if not, say why (a read-only file refuses edits)."""
        try:
            self.draft.check_writable()
        except EditError as exc:
            self.app.notify(str(exc), title="Read-only", severity="warning", markup=False)
            return False
        return True

    def save_notes(self) -> None:
        """Keep what is in the notes box (called on every edit and before anything reads it)."""
        if self.criterion_id is None or self.draft.read_only:
            return
        if self.draft.set_notes(self.criterion_id, self.query_one("#notes", TextArea).text):
            self.post_message(self.RecordChanged(self.criterion_id))

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.save_notes()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """On leaving the notes, check them for personal details (not on every key)."""
        if isinstance(event.widget, TextArea) and event.widget.id == "notes":
            self.warn_if_identifying(event.widget.text)

    def warn_if_identifying(self, *texts: str) -> None:
        """Warn (never block) when text looks like it names a child or family."""
        found = [(kind, match) for text in texts for kind, match in scan_text(text)]
        if found:
            kind, match = found[0]
            self.notify(
                f"This looks like it contains {kind} (“{plain(match, single_line=True)}”). "
                "Keep evidence anonymised: describe audits and data, not people.",
                title="Check for personal details",
                severity="warning",
                timeout=10,
                markup=False,
            )

    # --- confidence -----------------------------------------------------------------------

    @on(Button.Pressed, "#confidence")
    def _confidence_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.cycle_confidence()

    def cycle_confidence(self) -> None:
        if not self.writable():
            return
        if self.criterion_id is None:
            return
        self.draft.cycle_confidence(self.criterion_id)
        self._changed()

    # --- evidence -------------------------------------------------------------------------

    @on(Button.Pressed, "#add-evidence")
    def _add_evidence_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add_evidence()

    def add_evidence(self) -> None:
        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return

        def added(result: Evidence | str | None) -> None:
            if isinstance(result, Evidence):
                index = self.draft.add_evidence(cid, result)
                self._changed()
                evidence = self.query_one(EvidenceList)
                evidence.highlighted = index
                self.call_after_refresh(evidence.scroll_visible)
                self.warn_if_identifying(result.what, result.where)

        self.app.push_screen(EvidenceDialog(criterion_title=self._title()), added)

    def edit_evidence(self, index: int) -> None:
        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return
        current = self.draft.record(cid).evidence[index]

        def edited(result: Evidence | str | None) -> None:
            if isinstance(result, Evidence):
                self.draft.replace_evidence(cid, index, result)
                self._changed()
                self.warn_if_identifying(result.what, result.where)
            elif result == DELETE:
                self.delete_evidence(index, ask=False)

        self.app.push_screen(EvidenceDialog(current, criterion_title=self._title()), edited)

    def delete_evidence(self, index: int, *, ask: bool = True) -> None:
        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return
        what = plain(self.draft.record(cid).evidence[index].what, single_line=True)

        def delete() -> None:
            self.draft.delete_evidence(cid, index)
            self._changed()

        self._maybe_ask(ask, "Delete this evidence?", what, delete)

    # --- actions --------------------------------------------------------------------------

    @on(Button.Pressed, "#add-action")
    def _add_action_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add_action()

    def add_action(self) -> None:
        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return

        def added(result: Action | str | None) -> None:
            if isinstance(result, Action):
                index = self.draft.add_action(cid, result)
                self._changed()
                actions = self.query_one(ActionPlan)
                actions.highlighted = index
                self.call_after_refresh(actions.scroll_visible)
                self.warn_if_identifying(result.what)

        self.app.push_screen(ActionDialog(criterion_title=self._title()), added)

    def edit_action(self, index: int) -> None:
        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return
        current = self.draft.record(cid).actions[index]

        def edited(result: Action | str | None) -> None:
            if isinstance(result, Action):
                self.draft.replace_action(cid, index, result)
                self._changed()
                self.warn_if_identifying(result.what)
            elif result == DELETE:
                self.delete_action(index, ask=False)

        self.app.push_screen(ActionDialog(current, criterion_title=self._title()), edited)

    def delete_action(self, index: int, *, ask: bool = True) -> None:
        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return
        what = plain(self.draft.record(cid).actions[index].what, single_line=True)

        def delete() -> None:
            self.draft.delete_action(cid, index)
            self._changed()

        self._maybe_ask(ask, "Delete this action?", what, delete)

    def _maybe_ask(self, ask: bool, title: str, what: str, then: Callable[[], None]) -> None:
        if not ask:
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                then()

        self.app.push_screen(confirm(title, what, "Delete", danger=True), answered)

    # --- list events ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#evidence")
    def _evidence_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.edit_evidence(event.option_index)

    @on(OptionList.OptionSelected, "#actions")
    def _action_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.edit_action(event.option_index)

    @on(RecordList.DeletePressed)
    def _delete_pressed(self, event: RecordList.DeletePressed) -> None:
        event.stop()
        if isinstance(event.record_list, EvidenceList):
            self.delete_evidence(event.index)
        else:
            self.delete_action(event.index)
