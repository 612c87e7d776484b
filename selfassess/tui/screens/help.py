"""The help screen: every key, as currently bound (keymaps included), and what the marks mean."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from selfassess.model.framework import Framework
from selfassess.model.labels import limiting_meaning
from selfassess.tui.widgets.criterion_tree import LIMITING_MARK
from selfassess.tui.widgets.record_lists import RecordList
from selfassess.views.render import NOT_APPLICABLE_LETTER, NOT_RATED_LETTER, plain, rating_badge
from selfassess.views.staleness import STALE_MARK

Section = tuple[str, list[tuple[str, str]]]

_GROUPS = [
    ("Rating the selected criterion", ("rate.",)),
    ("Recording against it", ("criterion.",)),
    ("Finding your way", ("move.", "view.", "scorecard.")),
    ("The file and the app", ("app.", "file.")),
]

_MOVING = [
    ("↑ ↓", "Move up and down the list of criteria"),
    ("Enter / Space", "Open or close a judgement"),
    ("Tab / Shift+Tab", "Move between the list, the detail and its boxes"),
    ("Esc", "From the detail, back to the list of criteria"),
    ("Page Up / Page Down", "Scroll the detail (when it has the focus)"),
]


KEYBOARD_ONLY = (
    "Everything works from the keyboard alone, without a mouse: Tab moves between the list, "
    "the detail and its boxes; each key below does one thing; Ctrl+P finds any action by "
    "name. Every rating shows its letter as well as its colour."
)
"""Said first on the help screen (accessibility: issue 20)."""


_NAMED = {"escape": "Esc", "delete": "Delete", "backspace": "Backspace", "enter": "Enter"}


def friendly_key(app: App[Any], key: str) -> str:
    """A key as printed on keyboards and in office software: "Ctrl+S", "F1", "Esc", "?"."""
    if key in _NAMED:
        return _NAMED[key]
    if re.fullmatch(r"f\d+", key):
        return key.upper()
    if key.startswith("ctrl+"):
        rest = key.removeprefix("ctrl+")
        return "Ctrl+" + (rest.upper() if len(rest) == 1 else rest.title())
    return app.get_key_display(Binding(key, ""))


def key_text(app: App[Any], keys: list[str]) -> str:
    """Keys as the user must press them, e.g. "x / Delete / Backspace"."""
    return " / ".join(dict.fromkeys(friendly_key(app, key) for key in keys))


def bound_keys(
    bindings: Iterable[BindingType], keymap: Mapping[str, str]
) -> dict[str, tuple[list[str], Binding]]:
    """Binding id → (every key bound to it after the keymap, the binding), in binding order.

    A binding for several keys ("x,delete") counts once, with all its keys.
    """
    found: dict[str, tuple[list[str], Binding]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.id:
            continue
        if binding.id in keymap:
            keys = [k.strip() for k in keymap[binding.id].split(",")]
        else:
            keys = [binding.key]
        entry = found.setdefault(binding.id, ([], binding))
        entry[0].extend(k for k in keys if k not in entry[0])
    return found


def describe_keys(
    app: App[Any], bindings: Iterable[BindingType], keymap: Mapping[str, str]
) -> list[Section]:
    """Sections of (keys, what they do) for the given bindings (a screen's and the app's), the
    evidence and action lists, and the forms."""
    bound = bound_keys(bindings, keymap)
    sections: list[Section] = []
    for title, prefixes in _GROUPS:
        by_what: dict[str, list[str]] = {}  # two bindings for one thing share a row
        for binding_id, (keys, binding) in bound.items():
            if binding_id.startswith(prefixes):
                by_what.setdefault(binding.tooltip or binding.description, []).extend(keys)
        rows = [(key_text(app, keys), what) for what, keys in by_what.items()]
        if title == "Finding your way":
            rows = _MOVING + rows
            rows.append(
                ("Ctrl+P", "Command palette: go to any criterion by name, or run any action")
            )
        if rows:
            sections.append((title, rows))
    list_keys = bound_keys(RecordList.BINDINGS, keymap).get("list.delete")
    list_rows = [("Enter / click", "Edit the evidence or action under the cursor")]
    if list_keys:
        list_rows.append(
            (key_text(app, list_keys[0]), "Delete the evidence or action under the cursor")
        )
    sections.append(("In the evidence and action lists", list_rows))
    sections.append(
        (
            "In forms and questions",
            [
                ("Enter / Ctrl+S", "Save the form"),
                ("Esc", "Cancel: close without changing anything"),
            ],
        )
    )
    return sections


def legend(framework: Framework | None) -> Text:
    """What the letters and marks in the list of criteria mean."""
    text = Text()
    if framework is not None:
        for level in framework.rating_levels:
            text.append_text(rating_badge(framework, level.id))
            text.append(f" {plain(level.label)}")
            if level.meaning:
                text.append(f": {plain(level.meaning)}", style="dim")
            text.append("\n")
    text.append(f" {NOT_APPLICABLE_LETTER} ", style="dim")
    text.append(" Not applicable (with a reason)\n")
    text.append(f" {NOT_RATED_LETTER} ", style="dim")
    text.append(" Not rated yet: never counts towards a grade\n")
    text.append(f" {LIMITING_MARK} ", style="bold")
    meaning = limiting_meaning(framework) if framework is not None else ""
    text.append(" Limiting criterion" + (f": {meaning}\n" if meaning else "\n"))
    text.append(f" {STALE_MARK} ", style="yellow")
    text.append(" Stale: evidence or audits older than the assessment allows (default 12 months)\n")
    text.append(" 7/20 ", style="bold")
    text.append(" Beside a judgement: criteria rated so far, of all its criteria")
    return text


class HelpScreen(Screen[None]):
    """Every key binding and the meaning of the marks; Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="help.back"),
    ]

    def __init__(self, sections: list[Section], framework: Framework | None) -> None:
        super().__init__()
        self.sections = sections
        self.framework = framework

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-scroll"):
            yield Static("Keys", classes="heading")
            yield Static(KEYBOARD_ONLY, markup=False)
            for title, rows in self.sections:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", width=22, no_wrap=True)
                table.add_column()
                for keys, what in rows:
                    table.add_row(Text(keys), Text(what))
                yield Static(title, classes="subheading", markup=False)
                yield Static(table, classes="help-keys")
            yield Static("What the marks mean", classes="heading")
            yield Static(legend(self.framework), classes="help-legend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_back(self) -> None:
        self.dismiss(None)
