"""The keys that work here, on one line at the bottom of every screen.

Textual's ``Footer`` builds a widget for every key and rebuilds them all whenever the keys that
apply change; on the assessment screen that was the largest cost of starting and of moving
between criteria and judgements. This bar draws the same line as one widget and redraws it in
place. Clicking a key works as pressing it; a greyed-out key only rings the bell.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class KeySpan(NamedTuple):
    """Where one key sits on the bar, for clicks."""

    start: int
    end: int
    key: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """A one-line, one-widget footer: each key then what it does, groups sharing a label."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[KeySpan] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _shown(self) -> Iterator[tuple[str, Binding, bool]]:
        """(key, binding, enabled) for each action shown, the first key of each."""
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            yield key, binding, enabled

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        dim, none = Style(dim=True), Style()
        text = Text(no_wrap=True, end="")
        spans: list[KeySpan] = []

        def add_key(key: str, binding: Binding, enabled: bool, description: str) -> None:
            start = text.cell_len
            extra = none if enabled else dim
            text.append(self.app.get_key_display(binding), key_style + extra)
            if description:
                text.append(f" {description}", description_style + extra)
            spans.append(KeySpan(start, text.cell_len, key, enabled))

        text.append(" ")
        for group, items in groupby(self._shown(), lambda item: item[1].group):
            members = list(items)
            if group is not None and len(members) > 1:
                for n, (key, binding, enabled) in enumerate(members):
                    if n:
                        text.append(" ")
                    add_key(key, binding, enabled, "")
                text.append(f" {group.description}", description_style)
            else:
                for n, (key, binding, enabled) in enumerate(members):
                    if n:
                        text.append("  ")
                    add_key(key, binding, enabled, binding.description)
            text.append("  ")
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            _node, binding, enabled, _tooltip = palette
            label = f"{self.app.get_key_display(binding)} {binding.description}"
            gap = self.size.width - text.cell_len - len(label) - 1
            if gap >= 1:
                text.append(" " * gap)
                start = text.cell_len
                text.append(self.app.get_key_display(binding), key_style)
                text.append(f" {binding.description}", description_style)
                spans.append(KeySpan(start, text.cell_len, binding.key, enabled))
        self._spans = spans
        return text

    def key_at(self, x: int) -> KeySpan | None:
        """The key drawn at column ``x``, if any."""
        for span in self._spans:
            if span.start <= x < span.end:
                return span
        return None

    def on_click(self, event: events.Click) -> None:
        span = self.key_at(event.x)
        if span is None:
            return
        event.stop()
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()
