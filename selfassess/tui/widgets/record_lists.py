"""The lists of evidence and of actions recorded against a criterion.

Each item is shown as what it is, then its details on the next line, and user text is always shown
literally: it goes into ``Text`` objects, never into markup. Up and down move the cursor, Enter
or a click edits an item, Delete asks to remove it. The lists only report what was asked; the
panel makes the change.

One widget draws the whole list. It was an ``OptionList``, which renders each item as a widget
line of its own and was a third of the cost of moving to another criterion; these lists are
short, never scroll by themselves (the panel scrolls), and need none of its other features.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from selfassess.model.actions import is_overdue
from selfassess.model.assessment import ACTION_STATUSES, EVIDENCE_TYPES, Action, Evidence
from selfassess.views.render import plain, shorten
from selfassess.tui.widgets.steady import SteadySize


def _long_date(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


class RecordList(SteadySize, Widget, can_focus=True):
    """A list of a criterion's items; subclasses say how an item looks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Previous", show=False),
        Binding("down", "cursor(1)", "Next", show=False),
        Binding("enter", "select", "Edit", show=False),
        Binding("delete,backspace", "delete_item", "Delete", id="list.delete"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"record-list--cursor"}
    DEFAULT_CSS = """
    RecordList {
        height: auto;
        & > .record-list--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .record-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None, layout=False)
    """The item under the cursor."""

    class Selected(Message):
        """Enter was pressed on, or a click made on, the item at ``index``."""

        def __init__(self, record_list: RecordList, index: int) -> None:
            super().__init__()
            self.record_list = record_list
            self.index = index

    class DeletePressed(Message):
        """Delete was pressed on the item at ``index``."""

        def __init__(self, record_list: RecordList, index: int) -> None:
            super().__init__()
            self.record_list = record_list
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Text] = []
        self._lines: tuple[int, list[list[Text]]] | None = None
        """The items wrapped to a width: (width, each item's lines)."""

    def show_items(self, items: list[Text]) -> None:
        """Replace the items, keeping the cursor where it was if that item still exists."""
        keep = self.highlighted
        self.items = items
        self._lines = None
        self.display = bool(items)
        self.set_reactive(
            RecordList.highlighted,
            (min(keep, len(items) - 1) if keep is not None else 0) if items else None,
        )
        self.refresh(layout=True)

    def item_at(self, index: int) -> Text:
        """The item at ``index``, unwrapped."""
        return self.items[index]

    def wrapped(self, width: int) -> list[list[Text]]:
        """Each item's lines at ``width`` (long details wrap rather than being cut)."""
        width = max(1, width)
        if self._lines is None or self._lines[0] != width:
            console = self.app.console
            self._lines = (width, [list(item.wrap(console, width)) for item in self.items])
        return self._lines[1]

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return sum(len(lines) for lines in self.wrapped(width))

    def render(self) -> Text:
        cursor = self.get_component_rich_style("record-list--cursor")
        width = max(1, self.size.width)
        text = Text(no_wrap=True, end="")
        for n, lines in enumerate(self.wrapped(width)):
            for line in lines:
                line = line.copy()
                if n == self.highlighted:
                    line.pad_right(width - line.cell_len)
                    line.stylize_before(cursor)
                if text:
                    text.append("\n")
                text.append_text(line)
        return text

    def _item_lines(self, index: int) -> tuple[int, int]:
        """The first line of item ``index`` and how many lines it takes."""
        lines = self.wrapped(self.size.width)
        return sum(len(item) for item in lines[:index]), len(lines[index])

    def item_at_line(self, y: int) -> int | None:
        """The item drawn on line ``y``, if any."""
        for index, lines in enumerate(self.wrapped(self.size.width)):
            if y < len(lines):
                return index
            y -= len(lines)
        return None

    def watch_highlighted(self, index: int | None) -> None:
        self.refresh()
        if index is not None and self.is_mounted and self.has_focus:
            self.show_item(index)

    def show_item(self, index: int) -> None:
        """Scroll the panel so that the item under the cursor can be seen."""
        parent = self.parent
        if isinstance(parent, Widget):
            area = self.virtual_region
            first, count = self._item_lines(index)
            region = Region(area.x, area.y + first, area.width, count)
            parent.scroll_to_region(region, animate=False, immediate=True)

    def on_focus(self) -> None:
        if self.highlighted is not None:
            self.show_item(self.highlighted)

    def action_cursor(self, step: int) -> None:
        if self.items:
            current = self.highlighted if self.highlighted is not None else -step
            self.highlighted = max(0, min(len(self.items) - 1, current + step))

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def action_delete_item(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.DeletePressed(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = self.item_at_line(event.y)
        if index is not None:
            event.stop()
            self.highlighted = index
            self.post_message(self.Selected(self, index))


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
