"""The footer of the assessment screen: one line of keys that always fits the terminal.

Textual's own footer runs off the right edge of a narrow terminal, cutting a key in half ("^q
Qui") and hiding the command palette's key. This one shows the keys in the screen's order but
chooses them by importance: short words first, then the least important keys left out, and the
palette's key (which reaches everything) always kept at the right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.keys import Keys, format_key, key_to_character
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from selfassess.views.render import plain

GAP = 2
"""Spaces between two keys."""


@dataclass
class FooterItem:
    """One entry: its keys as shown, its words (and shorter words for a narrow screen)."""

    keys: str
    words: str
    short: str
    action: str
    """The action to run when clicked, with its namespace ("screen.rate('red')")."""
    enabled: bool
    rank: int
    """Lower is more important (kept longer when space is short)."""

    def width(self, short: bool) -> int:
        return len(self.keys) + 1 + len(self.short if short else self.words)


_SPECIAL_KEYS = frozenset(key.value for key in Keys) - {"space"}
"""Keys that type nothing (Esc, Enter, Tab, the arrows, F1…), whatever symbol shows them."""


def _types(key: str) -> bool:
    """Whether pressing ``key`` in a text field types a character ("r", "slash", "space")."""
    if "+" in key or key in _SPECIAL_KEYS:
        return False
    character = key_to_character(key) or format_key(key)
    return len(character) == 1 and (character.isprintable() or character == " ")


class KeyFooter(Static):
    """The screen's keys on one line, fitted to the width (see the module's docstring).

    Colours come from the theme's footer colours, so both themes read.

    ``importance`` lists actions from most to least important (others come after, in order),
    the first ``essential`` of them kept as long as possible (a group of keys, such as the
    rating keys, is kept longest);
    ``short`` gives shorter words for some actions; ``describe`` may change an action's words
    as things change (a setting's state).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key"}
    DEFAULT_CSS = """
    KeyFooter {
        height: 1;
        dock: bottom;
        background: $footer-background;
        color: $footer-foreground;
        .key-footer--key {
            color: $footer-key-foreground;
            text-style: bold;
        }
    }
    """

    def __init__(
        self,
        *,
        importance: tuple[str, ...] = (),
        essential: int = 0,
        short: dict[str, str] | None = None,
        describe: Callable[[str], str | None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, markup=False)
        self.importance = importance
        self.essential = essential
        self.short = short or {}
        self.describe = describe

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # what a key does depends on the focus too (a text field types most of them)
        self.watch(self.screen, "focused", self._focus_changed, init=False)

    def _focus_changed(self) -> None:
        self.refresh()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.refresh()

    def items(self) -> tuple[list[FooterItem], FooterItem | None]:
        """The keys to show, in the screen's order, and the command palette's key."""
        items: list[FooterItem] = []
        grouped: dict[str, FooterItem] = {}
        seen: set[str] = set()
        palette: FooterItem | None = None
        app = self.app
        # In a text field a key that types a character types it: such keys are not offered
        # there (F1 still opens help; "?" is typed).
        typing = isinstance(self.screen.focused, Input | TextArea)
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if typing:  # one key each here: Textual lists "f1,question_mark" as two
                if _types(binding.key):
                    continue
                if binding.key_display and _types(binding.key_display):
                    binding = replace(binding, key_display=None)  # "?" for F1's help: say "f1"
            action = self._namespaced(binding.action, active.node)
            if binding.key == app.COMMAND_PALETTE_BINDING.split(",")[0] or (
                binding.action == "command_palette"
            ):
                palette = FooterItem(
                    app.get_key_display(binding), "Commands", "More", action, True, -1
                )
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys = app.get_key_display(binding)
            if binding.group is not None:
                group = grouped.get(binding.group.description)
                if group is not None:
                    group.keys += f" {keys}"
                    continue
                words = binding.group.description
                name = binding.group.description
            else:
                words = binding.description
                name = binding.action
                if self.describe is not None:
                    words = self.describe(binding.action) or words
            rank = self._rank(binding.action, binding.group is not None)
            item = FooterItem(
                keys,
                plain(words, single_line=True),
                plain(self.short.get(name, words), single_line=True),
                action,
                active.enabled,
                rank,
            )
            if binding.group is not None:
                grouped[binding.group.description] = item
                item.action = ""  # a group has no single action to click
            items.append(item)
        return items, palette

    def _rank(self, action: str, grouped: bool) -> int:
        if grouped:
            return 0
        bare = action.split("(")[0]
        for i, name in enumerate(self.importance):
            if name in {action, bare}:
                return i + 1
        return len(self.importance) + 1

    @staticmethod
    def _namespaced(action: str, node: object) -> str:
        if action.startswith(("app.", "screen.")):
            return action
        return f"app.{action}" if isinstance(node, App) else f"screen.{action}"

    def fitted(self, width: int) -> tuple[list[tuple[FooterItem, bool]], FooterItem | None, int]:
        """The items that fit ``width`` cells, each with whether it uses its short words; the
        palette's key; the gap between keys.

        Less important keys go first, then words are shortened and the gap narrowed, and
        only then do essential keys go (the rating keys last).
        """
        items, palette = self.items()
        short = {id(item): False for item in items}
        kept = list(items)
        gap = GAP

        def fits() -> bool:
            used = sum(i.width(short[id(i)]) for i in kept) + gap * max(0, len(kept) - 1)
            right = (palette.width(short.get(id(palette), False)) + gap) if palette else 0
            return used + right <= width

        by_rank = sorted(kept, key=lambda i: i.rank, reverse=True)
        for item in by_rank:  # keys that are not essential, least important first
            if fits() or item.rank <= self.essential:
                break
            kept.remove(item)
        for item in by_rank:  # shorter words, least important first
            if fits():
                break
            short[id(item)] = True
        if not fits():
            gap = 1
        if not fits() and palette is not None:
            short[id(palette)] = True
        for item in by_rank:  # and only then essential keys
            if fits() or item not in kept:
                continue
            kept.remove(item)
        if palette is not None and short.get(id(palette)):
            palette = FooterItem(
                palette.keys, palette.short, palette.short, palette.action, True, -1
            )
        return [(item, short[id(item)]) for item in kept], palette, gap

    def render(self) -> Text:
        width = self.size.width or self.app.size.width
        kept, palette, gap = self.fitted(width)
        text = Text(no_wrap=True, overflow="ellipsis")
        for n, (item, short) in enumerate(kept):
            if n:
                text.append(" " * gap)
            self._append(text, item, short)
        if palette is not None:
            right = Text()
            self._append(right, palette, False)
            text.append(" " * max(gap, width - text.cell_len - right.cell_len))
            text.append_text(right)
        return text

    def _append(self, text: Text, item: FooterItem, short: bool) -> None:
        click = Style(meta={"@click": item.action}) if item.action else Style()
        dim = Style(dim=True) if not item.enabled else Style()
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        text.append(item.keys, style=key_style + click + dim)
        text.append(" " + (item.short if short else item.words), style=click + dim)
