"""The lists of evidence and of actions recorded against a criterion.

Each item is shown as what it is, then its details on the next line (long details wrap), and
user text is always shown literally: it goes into ``Text`` objects, never into markup. They are
Textual's ``OptionList``: up and down move the cursor, Enter or a click edits an item
(``OptionSelected``), and Delete asks to remove it (``DeletePressed``). The lists only report
what was asked; the panel makes the change.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList

from selfassess.model.actions import is_overdue
from selfassess.model.assessment import ACTION_STATUSES, EVIDENCE_TYPES, Action, Evidence
from selfassess.views.render import plain, shorten


def _long_date(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


class RecordList(OptionList):
    """A list of a criterion's items; subclasses say how an item looks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace", "delete_item", "Delete", id="list.delete"),
    ]

    class DeletePressed(Message):
        """Delete was pressed on the item at ``index``."""

        def __init__(self, record_list: RecordList, index: int) -> None:
            super().__init__()
            self.record_list = record_list
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)

    def show_items(self, items: list[Text]) -> None:
        """Replace the items, keeping the cursor where it was if that item still exists."""
        keep = self.highlighted
        self.set_options(items)
        self.display = bool(items)
        if items:
            self.highlighted = min(keep, len(items) - 1) if keep is not None else 0

    def item_at(self, index: int) -> Text:
        """The item at ``index``, as shown."""
        prompt = self.get_option_at_index(index).prompt
        return prompt if isinstance(prompt, Text) else Text(str(prompt))

    @on(OptionList.OptionHighlighted)
    def _keep_in_view(self) -> None:
        """The panel scrolls, not the page: bring the list into view with its cursor (the list
        itself scrolls to the cursor when it is taller than the panel)."""
        if self.has_focus:
            self.call_after_refresh(self.scroll_visible, animate=False)

    def action_delete_item(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.DeletePressed(self, self.highlighted))


class EvidenceList(RecordList):
    """Evidence: what it is; then its type, date, owner and where it is kept."""

    @staticmethod
    def item(evidence: Evidence) -> Text:
        text = Text(shorten(plain(evidence.what, single_line=True)), style="bold")
        details = [EVIDENCE_TYPES.get(evidence.type, evidence.type)]
        if evidence.date:
            details.append(_long_date(evidence.date))
        if evidence.owner:
            details.append(shorten(plain(evidence.owner, single_line=True)))
        if evidence.where:
            details.append(f"kept in {shorten(plain(evidence.where, single_line=True))}")
        text.append("\n")
        text.append(" · ".join(details), style="dim")
        return text

    def show(self, evidence: list[Evidence]) -> None:
        self.show_items([self.item(e) for e in evidence])


class ActionPlan(RecordList):
    """Actions: what will be done; then its status, owner and due date (flagged if overdue)."""

    @staticmethod
    def item(action: Action, today: datetime.date) -> Text:
        text = Text(shorten(plain(action.what, single_line=True)), style="bold")
        text.append("\n")
        text.append(ACTION_STATUSES.get(action.status, action.status), style="dim")
        if action.owner:
            text.append(f" · {shorten(plain(action.owner, single_line=True))}", style="dim")
        if action.due:
            text.append(f" · due {_long_date(action.due)}", style="dim")
            if is_overdue(action.due, action.status, today):
                text.append(" OVERDUE", style="bold red")
        return text

    def show(self, actions: list[Action], today: datetime.date) -> None:
        self.show_items([self.item(a, today) for a in actions])
