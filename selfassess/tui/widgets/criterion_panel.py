"""The detail of the selected criterion: what good looks like, its rating, evidence, notes, actions.

The panel is built once and updated in place when another criterion is chosen (a fold left open
stays open). Changes go through the ``Draft``; the panel then tells the screen with
``RecordChanged`` so the tree and the title follow.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import partial

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static, TextArea

from selfassess.model.assessment import CONFIDENCE_LEVELS, Action, Evidence
from selfassess.model.editing import Draft, EditError
from selfassess.model.framework import NOT_APPLICABLE
from selfassess.model.labels import limiting_meaning, national_framework_labels
from selfassess.tui.widgets.audits import AuditSummary
from selfassess.tui.widgets.criterion_tree import LIMITING_MARK
from selfassess.tui.widgets.figures import PublishedFigures
from selfassess.tui.widgets.fold import Fold
from selfassess.tui.widgets.rating_bar import RatingBar
from selfassess.tui.widgets.record_lists import ActionPlan, EvidenceList, RecordList
from selfassess.views.render import plain, rating_badge, rating_label


def link(action: str) -> Style:
    """A clickable part of a line that runs one of the screen's actions (each also has a key)."""
    return Style(bold=False, underline=True, meta={"@click": f"screen.{action}"})


def heading_with_link(title: str, count: int, label: str, action: str) -> Text:
    """A list's heading with its count ("none yet" if empty), then a link to add to it."""
    text = Text(f"{title} ({count})" if count else title)
    if not count:
        text.append("  none yet", style="not bold dim")
    text.append("   ")
    text.append(label, style=link(action))
    return text


class CriterionPanel(VerticalScroll):
    """Everything about one criterion, and the controls to record against it.

    The forms and the privacy check are imported when first used, not when the app starts.
    """

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
        self._keys: dict[str, str] | None = None
        """Each action's key as shown, e.g. "t" for add_action (see ``_with_key``)."""
        self._accepted: set[tuple[str, ...]] = set()
        """Texts the privacy check flagged that the user chose to keep (not asked again)."""

    def compose(self) -> ComposeResult:
        # Each block of text that changes together is one Static; the "add" and "change"
        # controls are links in them (each also has a key).
        yield Static(id="criterion-heading", markup=False)
        yield RatingBar(self.draft.framework, id="rating-bar")
        yield Static(id="rating-status", markup=False)
        yield PublishedFigures(id="published-figures")
        yield Static("What good looks like", classes="heading")
        yield Static(id="what-good-looks-like", markup=False)
        yield Fold("Questions to ask", id="prompts")
        yield Fold("Examples of evidence", id="examples")
        yield Static(id="evidence-heading", classes="heading", markup=False)
        yield EvidenceList(id="evidence")
        yield AuditSummary(id="audit-summary")
        yield Static("Notes", classes="heading")
        yield TextArea(
            id="notes",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            # a highlighted line in an empty box looked like a second box inside it
            highlight_cursor_line=False,
            read_only=self.draft.read_only,
        )
        yield Static(id="actions-heading", classes="heading", markup=False)
        yield ActionPlan(id="actions")

    # --- showing --------------------------------------------------------------------------

    def show(self, criterion_id: str) -> None:
        """Show another criterion (keeping any notes typed for the one shown before)."""
        self.save_notes()
        framework = self.draft.framework
        criterion = framework.criteria[criterion_id]
        judgement = framework.judgement_of[criterion_id]
        self.criterion_id = criterion_id
        heading = Text()
        heading.append(plain(criterion.title), style="bold")
        heading.append("\n" + plain(judgement.label), style="dim")
        if criterion.limiting:
            meaning = limiting_meaning(framework)
            heading.append(f"   {LIMITING_MARK} Limiting" + (f": {meaning}" if meaning else ""))
        themes = [
            framework.theme_by_id[t].label for t in criterion.themes if t in framework.theme_by_id
        ]
        if themes:
            heading.append("\nThemes: " + ", ".join(plain(t) for t in themes), style="dim")
        for served in national_framework_labels(criterion.national_framework):
            heading.append(f"\nNational Framework: {served}", style="dim")
        self.query_one("#criterion-heading", Static).update(heading)
        self.query_one("#what-good-looks-like", Static).update(
            Text(plain(criterion.what_good_looks_like))
        )
        self.query_one("#prompts", Fold).show_items(criterion.prompts)
        self.query_one("#examples", Fold).show_items(criterion.evidence_examples)
        notes = self.query_one("#notes", TextArea)
        text = self.draft.record(criterion_id).notes
        # Tabs and line breaks are the user's own; anything else unprintable (an escape
        # sequence in the file) would be acted on by the terminal, so it is not shown.
        if not text.replace("\n", "").replace("\t", "").isprintable():
            text = plain(text)
        notes.load_text(text)
        self.refresh_record()
        self.scroll_home(animate=False)

    def refresh_record(self) -> None:
        """Show the record as it is now (after a change made here or elsewhere)."""
        if self.criterion_id is None:
            return
        self.refresh_rating()
        record = self.draft.record(self.criterion_id)
        evidence = record.evidence
        self.query_one("#evidence-heading", Static).update(
            heading_with_link(
                "Evidence",
                len(evidence),
                self._with_key("Add evidence", "add_evidence"),
                "add_evidence",
            )
        )
        self.query_one(EvidenceList).show(evidence)
        self.query_one(AuditSummary).show(
            self.draft.framework, self.draft.assessment, self.criterion_id, self.today
        )
        actions = record.actions
        self.query_one("#actions-heading", Static).update(
            heading_with_link(
                "Actions", len(actions), self._with_key("Add action", "add_action"), "add_action"
            )
        )
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
        status.append(" " + plain(rating_label(framework, record.rating)), style="bold")
        if record.rating == NOT_APPLICABLE and record.na_reason:
            status.append(f"\nWhy: {plain(record.na_reason)}", style="italic")
        if record.review:
            status.append("\nMarked for review", style="bold")
        confidence = CONFIDENCE_LEVELS.get(record.confidence or "", "not set")
        status.append(f"\nConfidence: {confidence}", style="bold")
        status.append("  ")
        status.append(self._with_key("change", "cycle_confidence"), style=link("cycle_confidence"))
        self.query_one("#rating-status", Static).update(status)
        self.query_one(PublishedFigures).show(framework, self.draft.assessment, self.criterion_id)

    def _with_key(self, label: str, action: str) -> str:
        """``label`` and the key that does the same, as the keymap has it ("Add action (t)")."""
        if self._keys is None:
            # read once: the keymap is set when the app starts
            self._keys = {}
            for active in self.screen.active_bindings.values():
                shown = self.app.get_key_display(active.binding)
                self._keys.setdefault(active.binding.action, shown)
        key = self._keys.get(action)
        return f"{label} ({key})" if key else label

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
        notes = self.query_one_optional("#notes", TextArea)  # gone while the app closes
        if self.criterion_id is None or self.draft.read_only or notes is None:
            return
        if self.draft.set_notes(self.criterion_id, notes.text):
            self.post_message(self.RecordChanged(self.criterion_id))

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.save_notes()

    def focus_notes(self) -> None:
        """Put the cursor in the notes box (scrolled into view), at the end of the notes."""
        notes = self.query_one("#notes", TextArea)
        notes.focus()
        notes.move_cursor(notes.document.end)
        self.call_after_refresh(self.scroll_to_widget, notes, animate=False)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """On leaving the notes, check them for personal details (not on every key)."""
        if isinstance(event.widget, TextArea) and event.widget.id == "notes":
            self.warn_if_identifying(event.widget.text, edit=self.focus_notes, where="notes")

    def warn_if_identifying(
        self, *texts: str, edit: Callable[[], None] | None = None, where: str = "text"
    ) -> None:
        """Warn (never block) when text looks like it names a child or family: everything
        found is listed, and the warning stays until the user answers, offering to edit."""
        from selfassess.model.privacy import scan_text
        from selfassess.tui.dialogs.messages import ChoiceDialog

        found: list[tuple[str, str]] = []
        for text in texts:
            for kind, match in scan_text(text):
                item = (kind, " ".join(plain(match, single_line=True).split()))
                if item not in found:
                    found.append(item)
        if not found:
            return
        key = (self.criterion_id or "", *texts)
        if key in self._accepted:  # the user said to keep this text as it is
            return
        listed = "\n".join(f"• {kind} (“{match}”)" for kind, match in found)
        message = (
            f"This may name a child or family. Found in the {where}:\n{listed}\n\n"
            "Keep the assessment anonymised: describe audits and data, not people."
        )

        def answered(answer: str | None) -> None:
            if answer == "edit" and edit is not None:
                edit()
            else:
                self._accepted.add(key)

        choices = [("edit", "Edit it", "primary")] if edit is not None else []
        choices.append(("keep", "Keep it as it is", "default"))
        self.app.push_screen(
            ChoiceDialog(
                "Check for personal details",
                message,
                choices,
                cancel_key="keep",
                focus_key=choices[0][0],
            ),
            answered,
        )

    # --- confidence -----------------------------------------------------------------------

    def cycle_confidence(self) -> None:
        if not self.writable():
            return
        if self.criterion_id is None:
            return
        self.draft.cycle_confidence(self.criterion_id)
        self._changed()

    # --- evidence -------------------------------------------------------------------------

    def add_evidence(self) -> None:
        from selfassess.tui.dialogs.forms import EvidenceDialog

        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return

        def added(result: Evidence | str | None) -> None:
            if isinstance(result, Evidence):
                index = self.draft.add_evidence(cid, result)
                self._changed()
                self.query_one(EvidenceList).highlighted = index
                self.warn_if_identifying(
                    result.what,
                    result.where,
                    edit=partial(self.edit_evidence, index),
                    where="evidence",
                )

        self.app.push_screen(EvidenceDialog(criterion_title=self._title()), added)

    def edit_evidence(self, index: int) -> None:
        from selfassess.tui.dialogs.forms import DELETE, EvidenceDialog

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
                self.warn_if_identifying(
                    result.what,
                    result.where,
                    edit=partial(self.edit_evidence, index),
                    where="evidence",
                )
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

    def add_action(self) -> None:
        from selfassess.tui.dialogs.forms import ActionDialog

        if not self.writable():
            return
        cid = self.criterion_id
        if cid is None:
            return

        def added(result: Action | str | None) -> None:
            if isinstance(result, Action):
                index = self.draft.add_action(cid, result)
                self._changed()
                self.query_one(ActionPlan).highlighted = index
                self.warn_if_identifying(
                    result.what, edit=partial(self.edit_action, index), where="action"
                )

        self.app.push_screen(ActionDialog(criterion_title=self._title()), added)

    def edit_action(self, index: int) -> None:
        from selfassess.tui.dialogs.forms import DELETE, ActionDialog

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
                self.warn_if_identifying(
                    result.what, edit=partial(self.edit_action, index), where="action"
                )
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
        from selfassess.tui.dialogs.messages import confirm

        if not ask:
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                then()

        self.app.push_screen(confirm(title, what, "Delete", danger=True), answered)

    # --- list events ----------------------------------------------------------------------

    @on(OptionList.OptionSelected, "EvidenceList, ActionPlan")
    def _item_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option_list, EvidenceList):
            self.edit_evidence(event.option_index)
        else:
            self.edit_action(event.option_index)

    @on(RecordList.DeletePressed)
    def _delete_pressed(self, event: RecordList.DeletePressed) -> None:
        event.stop()
        if isinstance(event.record_list, EvidenceList):
            self.delete_evidence(event.index)
        else:
            self.delete_action(event.index)
