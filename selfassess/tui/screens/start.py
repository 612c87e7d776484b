"""The start screen: start a new assessment, or open a recent or chosen file.

The screen only gathers and checks what the user chose; the app opens or creates the file (and
shows any error in full), so the same paths serve ``selfassess FILE`` too.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from selfassess.files.recent import RecentFile
from selfassess.files.store import load_framework
from selfassess.model.errors import InputError
from selfassess.model.labels import subject_words
from selfassess.tui.dialogs.details import AUTHORITY_HINT, authority_code, authority_input
from selfassess.tui.dialogs.forms import FieldError
from selfassess.tui.dialogs.messages import confirm
from selfassess.tui.widgets.framework_list import FrameworkChoice, FrameworkList, current_choice
from selfassess.views.render import plain


def slug(text: str) -> str:
    """A name made safe for a file name: lower case words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def suggested_name(authority: str, choice: FrameworkChoice | None) -> str:
    """E.g. "anytown-council-ilacs-2023.toml"."""
    parts = [slug(authority) or "self-assessment"]
    if choice is not None:
        parts.append(slug(choice.framework.id))
    return "-".join(p for p in parts if p) + ".toml"


def resolve(text: str, cwd: Path) -> Path:
    """A path as typed: ~ expanded, relative to the current folder."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else cwd / path


def shown_path(path: Path, cwd: Path) -> str:
    """A path as the user would type it: relative when it is inside the current folder."""
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


class StartScreen(Screen[None]):
    """Two tabs: start a new assessment, and open an existing one.

    Each tab has a key shown in the footer (Ctrl+N, Ctrl+O) that works wherever the cursor is;
    Left and Right switch tabs too (also shown), except in a box being typed in, where they
    move the cursor. The "open" tab also has a
    button to start a new assessment, so the choice is never hidden.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "show_tab('new-tab')", "New assessment", id="start.new"),
        Binding("ctrl+o", "show_tab('open-tab')", "Open a file", id="start.open"),
        Binding(
            "left,right",
            "switch_tab",
            "Other tab",
            key_display="← →",
            id="start.switch",
            priority=True,  # before the form's scrolling, so the footer shows it
        ),
    ]
    SUB_TITLE = "self-assessment against an inspection framework"

    class NewAssessmentChosen(Message):
        """The user asked for a new assessment (the path is checked and may be replaced)."""

        def __init__(self, choice: FrameworkChoice, authority: str, path: Path) -> None:
            super().__init__()
            self.choice = choice
            self.authority = authority
            self.path = path
            self.authority_code = authority_code(authority)
            """The authority's code when it is one of England's (else "")."""

    class FileChosen(Message):
        """The user asked to open an existing file."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(
        self,
        choices: list[FrameworkChoice],
        recent: list[RecentFile],
        *,
        cwd: Path,
        today: datetime.date,
        new_path: Path | None = None,
        open_path: Path | None = None,
        notice: str = "",
    ) -> None:
        super().__init__()
        self.choices = choices
        self.recent = recent
        self.cwd = cwd
        self.today = today
        self.new_path = new_path
        self.open_path = open_path
        self.notice = notice
        self._suggested = ""

    def compose(self) -> ComposeResult:
        yield Header()
        start_new = self.new_path is not None or (not self.recent and self.open_path is None)
        with TabbedContent(initial="new-tab" if start_new else "open-tab", id="start-tabs"):
            with TabPane("Start a new assessment", id="new-tab"), VerticalScroll(classes="form"):
                if self.notice:
                    yield Static(self.notice, id="start-notice", markup=False)
                yield Label("Framework to assess against", classes="field-label")
                yield FrameworkList(self.choices, today=self.today, id="frameworks")
                yield Label("Or a framework file of your own", classes="field-label")
                yield Input(
                    placeholder="leave empty to use the one chosen above; e.g. our-framework.toml",
                    id="framework-file",
                )
                yield FieldError(id="framework-file-error")
                yield Label(
                    Content(self._subject_label()), classes="field-label", id="authority-label"
                )
                yield authority_input(id="authority")
                yield Static(AUTHORITY_HINT, classes="field-hint", markup=False)
                yield FieldError(id="authority-error")
                yield Label("Save it as", classes="field-label")
                yield Input(
                    shown_path(self.new_path, self.cwd) if self.new_path else "",
                    placeholder="a file name ending .toml",
                    id="save-as",
                )
                yield Static(id="save-as-hint", classes="field-hint", markup=False)
                yield FieldError(id="save-as-error")
                yield Button("Create the assessment", variant="primary", id="create")
            with TabPane("Open an assessment", id="open-tab"), VerticalScroll(classes="form"):
                yield Button(
                    "Start a new assessment instead (Ctrl+N)", id="go-new", variant="success"
                )
                yield Label("Recently opened", classes="field-label")
                if self.recent:
                    yield OptionList(*(self._recent_option(r) for r in self.recent), id="recent")
                else:
                    yield Static(
                        "No recent files yet. Type the path of an assessment file below.",
                        classes="empty",
                    )
                yield Label("Or type the path of an assessment file", classes="field-label")
                yield Input(
                    shown_path(self.open_path, self.cwd) if self.open_path else "",
                    placeholder="e.g. anytown-council-ilacs-2023.toml",
                    id="open-path",
                )
                yield FieldError(id="open-path-error")
                yield Button("Open", variant="primary", id="open")
        yield Footer(compact=True)

    def _recent_option(self, recent: RecentFile) -> Option:
        text = Text(plain(recent.path.name, single_line=True), style="bold")
        text.append(
            f"\n{plain(str(recent.path.parent), single_line=True)} · opened {recent.when()}",
            style="dim",
        )
        return Option(text)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._focus_tab()

    def action_switch_tab(self) -> None:
        tabs = self.query_one(TabbedContent)
        self.action_show_tab("open-tab" if tabs.active == "new-tab" else "new-tab")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a box being typed in, Left and Right move its cursor instead."""
        return not (action == "switch_tab" and isinstance(self.focused, Input))

    @on(Button.Pressed, "#go-new")
    def _go_new(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_show_tab("new-tab")

    def _focus_tab(self) -> None:
        if self.query_one(TabbedContent).active == "new-tab":
            self.query_one("#authority", Input).focus()
        elif self.recent:
            self.query_one("#recent", OptionList).focus()
        else:
            self.query_one("#open-path", Input).focus()

    def on_mount(self) -> None:
        self._suggest_path()
        if self.query_one(TabbedContent).active == "new-tab":
            self.query_one("#authority", Input).focus()
        elif self.recent and self.open_path is None:
            self.query_one("#recent", OptionList).focus()
        else:
            self.query_one("#open-path", Input).focus()

    # --- new assessment -------------------------------------------------------------------

    def _suggest_path(self) -> None:
        """Fill in a file name from the authority and framework, until the user types one."""
        save_as = self.query_one("#save-as", Input)
        if save_as.value and save_as.value != self._suggested:
            self._show_folder()
            return
        choice = self.query_one(FrameworkList).chosen
        self._suggested = suggested_name(self.query_one("#authority", Input).value, choice)
        save_as.value = self._suggested
        self._show_folder()

    def _show_folder(self) -> None:
        value = self.query_one("#save-as", Input).value
        hint = self.query_one("#save-as-hint", Static)
        if value.strip():
            hint.update(f"It will be saved in the folder {resolve(value, self.cwd).parent}")
        else:
            hint.update("")

    @on(Input.Changed, "#authority")
    def _authority_typed(self) -> None:
        self.query_one("#authority-error", FieldError).show("")
        self._suggest_path()

    @on(Input.Changed, "#save-as")
    def _save_as_typed(self) -> None:
        self.query_one("#save-as-error", FieldError).show("")
        self._show_folder()

    def _subject(self) -> str:
        """What the chosen framework assesses: "local authority", "partnership"…"""
        choice = self.query_one(FrameworkList).chosen if self.is_mounted else None
        if choice is None and self.choices:
            choice = self.choices[current_choice(self.choices, self.today)]
        return subject_words(choice.framework) if choice else "local authority"

    def _subject_label(self) -> str:
        return f"Name of the {self._subject()}"

    @on(OptionList.OptionHighlighted, "#frameworks")
    def _framework_highlighted(self) -> None:
        self.query_one("#authority-label", Label).update(Content(self._subject_label()))
        self._suggest_path()

    @on(Button.Pressed, "#create")
    @on(Input.Submitted, "#authority, #save-as, #framework-file")
    def create(self) -> None:
        """Check the form; ask before replacing a file; then hand over to the app."""
        own = self._own_framework()
        if own is False:
            self.query_one("#framework-file", Input).focus()
            return
        choice = own or self.query_one(FrameworkList).chosen
        authority = " ".join(self.query_one("#authority", Input).value.split())
        save_as = self.query_one("#save-as", Input).value.strip()
        authority_error = self.query_one("#authority-error", FieldError)
        path_error = self.query_one("#save-as-error", FieldError)
        authority_error.show("" if authority else f"Type the name of the {self._subject()}.")
        if not save_as:
            path_error.show("Type a file name to save the assessment in.")
            return
        path = resolve(save_as, self.cwd)
        if not path.suffix:
            path = path.with_suffix(".toml")
        if path.is_dir():
            path_error.show(f"{path} is a folder: add a file name.")
            return
        if not path.parent.is_dir():
            path_error.show(f"There is no folder {path.parent}.")
            return
        if choice is None or not authority:
            self.query_one("#authority", Input).focus()
            return
        if path.exists():

            def answered(answer: str | None) -> None:
                if answer == "yes":
                    self.post_message(self.NewAssessmentChosen(choice, authority, path))

            self.app.push_screen(
                confirm(
                    "Replace the existing file?",
                    f"{path} already exists. Replace it with a new, empty assessment? "
                    f"The old one will be kept as {path.name}.bak.",
                    "Replace it",
                    danger=True,
                ),
                answered,
            )
            return
        self.post_message(self.NewAssessmentChosen(choice, authority, path))

    # --- open -----------------------------------------------------------------------------

    def _own_framework(self) -> FrameworkChoice | Literal[False] | None:
        """The framework file typed, if any (None: none typed; False: it cannot be used, and
        the problem is shown under it)."""
        typed = self.query_one("#framework-file", Input).value.strip()
        error = self.query_one("#framework-file-error", FieldError)
        if not typed:
            error.show("")
            return None
        path = resolve(typed, self.cwd)
        try:
            framework = load_framework(path)
        except InputError as exc:
            error.show(exc.summary())
            return False
        error.show("")
        return FrameworkChoice(framework, file=path)

    @on(Input.Changed, "#framework-file")
    def _framework_file_typed(self) -> None:
        self.query_one("#framework-file-error", FieldError).show("")

    @on(OptionList.OptionSelected, "#recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.FileChosen(self.recent[event.option_index].path))

    @on(Button.Pressed, "#open")
    @on(Input.Submitted, "#open-path")
    def open_typed(self) -> None:
        typed = self.query_one("#open-path", Input).value
        error = self.query_one("#open-path-error", FieldError)
        if not typed.strip():
            error.show("Type the path of an assessment file.")
            return
        path = resolve(typed, self.cwd)
        if not path.exists():
            error.show(f"There is no file {path}.")
            return
        error.show("")
        self.post_message(self.FileChosen(path))
