"""The start screen: start a new assessment, or open a recent or chosen file.

The screen only gathers and checks what the user chose; the app opens or creates the file (and
shows any error in full), so the same paths serve ``selfassess FILE`` too.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
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
from selfassess.tui.dialogs.forms import FieldError
from selfassess.tui.dialogs.messages import confirm
from selfassess.tui.widgets.framework_list import FrameworkChoice, FrameworkList
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
    """Two tabs: start a new assessment, and open an existing one."""

    BINDINGS: ClassVar[list[BindingType]] = []
    SUB_TITLE = "self-assessment against Ofsted's ILACS framework"

    class NewAssessmentChosen(Message):
        """The user asked for a new assessment (the path is checked and may be replaced)."""

        def __init__(self, choice: FrameworkChoice, authority: str, path: Path) -> None:
            super().__init__()
            self.choice = choice
            self.authority = authority
            self.path = path

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
                yield Label("Name of the local authority", classes="field-label")
                yield Input(placeholder="e.g. Anytown Council", id="authority")
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

    @on(OptionList.OptionHighlighted, "#frameworks")
    def _framework_highlighted(self) -> None:
        self._suggest_path()

    @on(Button.Pressed, "#create")
    @on(Input.Submitted, "#authority, #save-as")
    def create(self) -> None:
        """Check the form; ask before replacing a file; then hand over to the app."""
        choice = self.query_one(FrameworkList).chosen
        authority = " ".join(self.query_one("#authority", Input).value.split())
        save_as = self.query_one("#save-as", Input).value.strip()
        authority_error = self.query_one("#authority-error", FieldError)
        path_error = self.query_one("#save-as-error", FieldError)
        authority_error.show("" if authority else "Type the name of the local authority.")
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
