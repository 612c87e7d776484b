"""Forms for a piece of evidence, an action, the reason a criterion does not apply, and the
folder a report is saved in.

Each form checks what was typed before it closes and says what is wrong beside the field, in
words (a date must be a real date, "what" cannot be empty). Dates are shown as people read them
("31 March 2024") and may be typed in any of the usual UK ways. It returns a new core object — the
screen behind it makes the change, so the forms hold no assessment logic.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from selfassess.model.assessment import ACTION_STATUSES, EVIDENCE_TYPES, Action, Evidence
from selfassess.model.dates import long_date
from selfassess.model.editing import EditError, parse_date
from selfassess.model.labels import plain

DELETE: Literal["delete"] = "delete"
"""What a form returns when the user asked to delete the item."""


def _shown(text: str) -> str:
    """Text from the file as an input box may hold it: one line, no control characters (a
    terminal would act on an escape sequence in a file's text)."""
    return plain(text, single_line=True)


class FieldError(Static):
    """The message under a field that is not right; empty (and hidden) when it is."""

    def __init__(self, *, id: str) -> None:
        super().__init__("", id=id, classes="field-error", markup=False)
        self.display = False

    def show(self, message: str) -> None:
        self.update(message)
        self.display = bool(message)


class FormDialog(ModalScreen[Any]):
    """Shared behaviour: Escape cancels, Enter in a field saves, errors shown in place.

    Dismissed with the new object, ``DELETE``, or None when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
    ]

    def __init__(self, title: str, *, can_delete: bool) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.can_delete = can_delete

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="form-fields"):
                yield from self.fields()
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
                if self.can_delete:
                    yield Button("Delete", variant="error", id="delete")

    def fields(self) -> ComposeResult:
        yield from ()

    def result(self) -> Any:
        """The object made from the fields, or None after showing what is wrong."""
        raise NotImplementedError

    def action_save(self) -> None:
        value = self.result()
        if value is not None:
            self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Button.Pressed, "#delete")
    def _delete_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(DELETE)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    # --- helpers for subclasses -----------------------------------------------------------

    def required(self, input_id: str, message: str) -> str | None:
        """The stripped text of a field that must not be empty, or None (message shown)."""
        value = self.query_one(f"#{input_id}", Input).value.strip()
        self.query_one(f"#{input_id}-error", FieldError).show("" if value else message)
        return value or None

    def date(self, input_id: str) -> tuple[bool, datetime.date | None]:
        """(ok, date) for an optional date field; shows the problem under it when not ok."""
        field = self.query_one(f"#{input_id}", Input)
        error = self.query_one(f"#{input_id}-error", FieldError)
        try:
            value = parse_date(field.value)
        except EditError as exc:
            error.show(str(exc))
            return False, None
        error.show("")
        if value is not None and field.value != shown_date(value):
            field.value = shown_date(value)
        return True, value

    @on(Input.Blurred)
    def _check_date_on_leaving(self, event: Input.Blurred) -> None:
        """Check a date as soon as the user leaves its field, not only on Save."""
        if event.input.has_class("date-input"):
            self.date(event.input.id or "")

    @on(Input.Changed, ".date-input")
    def _clear_fixed_date_error(self, event: Input.Changed) -> None:
        """A date shown as wrong stops being shown as wrong as soon as it is put right."""
        error = self.query_one(f"#{event.input.id}-error", FieldError)
        if not error.display:
            return
        try:
            parse_date(event.value)
        except EditError:
            return
        error.show("")

    def focus_first_error(self) -> None:
        for error in self.query(FieldError):
            if error.display and error.id:
                target = self.query(f"#{error.id.removesuffix('-error')}")
                if target:
                    target.first().focus()
                return


def shown_date(value: datetime.date | None) -> str:
    """A date as a form shows it: "31 March 2024" (any usual UK form may be typed)."""
    return long_date(value) if value else ""


DATE_PLACEHOLDER = "e.g. 31 March 2024, or 31/03/2024"


def labelled(label: str, widget: Input | Select[str], *, hint: str = "") -> ComposeResult:
    """A field: its label, the widget, an optional hint, and a place for its error."""
    yield Label(label, classes="field-label")
    widget.compact = True  # one line each, so the whole form fits a 24-line terminal
    yield widget
    if hint:
        yield Static(hint, classes="field-hint", markup=False)
    yield FieldError(id=f"{widget.id}-error")


class EvidenceDialog(FormDialog):
    """Add or edit a piece of evidence."""

    def __init__(self, evidence: Evidence | None = None, *, criterion_title: str = "") -> None:
        title = "Edit evidence" if evidence else "Add evidence"
        if criterion_title:
            title += f" — {criterion_title}"
        super().__init__(title, can_delete=evidence is not None)
        self.evidence = evidence or Evidence(what="-")
        self.is_new = evidence is None

    def fields(self) -> ComposeResult:
        e = self.evidence
        yield from labelled(
            "What is it?",
            Input(
                "" if self.is_new else _shown(e.what),
                placeholder="e.g. Audit of 40 contacts, March 2024",
                id="what",
            ),
        )
        yield from labelled(
            "Type",
            Select(
                [(label, key) for key, label in EVIDENCE_TYPES.items()],
                value=e.type,
                allow_blank=False,
                id="type",
            ),
        )
        yield from labelled(
            "Where is it kept?",
            Input(_shown(e.where), placeholder="e.g. QA SharePoint > Audits > 2024-03", id="where"),
        )
        yield from labelled(
            "Date",
            Input(
                shown_date(e.date),
                placeholder=DATE_PLACEHOLDER,
                id="date",
                classes="date-input",
            ),
        )
        yield from labelled(
            "Owner", Input(_shown(e.owner), placeholder="e.g. Head of QA", id="owner")
        )

    def on_mount(self) -> None:
        self.query_one("#what", Input).focus()

    def result(self) -> Evidence | None:
        what = self.required("what", "Say what the evidence is.")
        date_ok, date = self.date("date")
        if what is None or not date_ok:
            self.focus_first_error()
            return None
        kind = self.query_one("#type", Select).value
        return Evidence(
            what=what,
            type=kind if isinstance(kind, str) else "other",  # type: ignore[arg-type]
            where=self.query_one("#where", Input).value.strip(),
            date=date,
            owner=self.query_one("#owner", Input).value.strip(),
        )


class ActionDialog(FormDialog):
    """Add or edit an action: what will be done, by whom, by when, and how far it has got."""

    def __init__(self, action: Action | None = None, *, criterion_title: str = "") -> None:
        title = "Edit action" if action else "Add action"
        if criterion_title:
            title += f" — {criterion_title}"
        super().__init__(title, can_delete=action is not None)
        self.action_item = action or Action(what="-")
        self.is_new = action is None

    def fields(self) -> ComposeResult:
        a = self.action_item
        yield from labelled(
            "What will be done?",
            Input(
                "" if self.is_new else _shown(a.what),
                placeholder="e.g. Re-audit contacts closed after 24 hours",
                id="what",
            ),
        )
        yield from labelled(
            "Owner", Input(_shown(a.owner), placeholder="e.g. Team manager", id="owner")
        )
        yield from labelled(
            "Due by",
            Input(
                shown_date(a.due),
                placeholder=DATE_PLACEHOLDER,
                id="due",
                classes="date-input",
            ),
        )
        yield from labelled(
            "Status",
            Select(
                [(label, key) for key, label in ACTION_STATUSES.items()],
                value=a.status,
                allow_blank=False,
                id="status",
            ),
        )

    def on_mount(self) -> None:
        self.query_one("#what", Input).focus()

    def result(self) -> Action | None:
        what = self.required("what", "Say what will be done.")
        due_ok, due = self.date("due")
        if what is None or not due_ok:
            self.focus_first_error()
            return None
        status = self.query_one("#status", Select).value
        return Action(
            what=what,
            owner=self.query_one("#owner", Input).value.strip(),
            due=due,
            status=status if isinstance(status, str) else "not_started",  # type: ignore[arg-type]
        )


class ReasonDialog(FormDialog):
    """Why a criterion does not apply: the file must say, so readers are not left guessing."""

    def __init__(self, criterion_title: str, reason: str = "") -> None:
        super().__init__(f"Not applicable — {criterion_title}", can_delete=False)
        self.reason = reason

    def fields(self) -> ComposeResult:
        yield from labelled(
            "Why does this criterion not apply?",
            Input(
                _shown(self.reason),
                placeholder="e.g. We have no secure children's home",
                id="reason",
            ),
        )

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def result(self) -> str | None:
        reason = self.required("reason", "Say why it does not apply (this is kept in the file).")
        if reason is None:
            self.focus_first_error()
        return reason


class FolderDialog(FormDialog):
    """Where to save a report: a folder, offered as the one used last time."""

    def __init__(self, folder: Path, file_name: str, *, cwd: Path) -> None:
        super().__init__(f"Save the report — {file_name}", can_delete=False)
        self.folder = folder
        self.file_name = file_name
        self.cwd = cwd

    def fields(self) -> ComposeResult:
        yield from labelled(
            "Save it in the folder",
            Input(str(self.folder), placeholder="e.g. ~/Documents/Self-assessment", id="folder"),
            hint=f"It is saved as {self.file_name} (or with a number added, if that is taken), "
            "readable by you only. The folder is offered again next time.",
        )

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    def result(self) -> Path | None:
        typed = self.required("folder", "Type the folder to save the report in.")
        if typed is None:
            self.focus_first_error()
            return None
        folder = Path(typed).expanduser()
        if not folder.is_absolute():
            folder = self.cwd / folder
        error = self.query_one("#folder-error", FieldError)
        if not folder.is_dir():
            error.show(
                f"{folder} is a file, not a folder."
                if folder.exists()
                else f"There is no folder {folder}."
            )
            self.focus_first_error()
            return None
        return folder
