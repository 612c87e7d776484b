"""Dialogs that tell or ask: an error with its full message, a question with its choices."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from selfassess.views.render import plain


class ErrorDialog(ModalScreen[None]):
    """A problem the user can act on, shown in full (every located problem of a file).

    The message is shown literally: file names and values from files are data, not markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Close", id="dialog.close"),
    ]

    def __init__(self, title: str, message: str, advice: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="error-message"):
                yield Static(plain(self.message), markup=False, id="error-text")
            if self.advice:
                yield Static(self.advice, classes="dialog-advice", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str]):
    """A question with a few answers as buttons; dismissed with the chosen answer's key.

    Escape answers ``cancel_key`` so that backing out is always safe.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[tuple[str, str, str]],
        *,
        cancel_key: str = "cancel",
        focus_key: str | None = None,
    ) -> None:
        """``choices`` are (key, label, button variant) in the order shown."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.choices = choices
        self.cancel_key = cancel_key
        self.focus_key = focus_key or choices[0][0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(plain(self.message), classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for key, label, variant in self.choices:
                    yield Button(label, id=f"choice-{key}", name=key, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.focus_key}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.name or self.cancel_key)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_key)


def confirm(title: str, message: str, yes: str, *, danger: bool = False) -> ChoiceDialog:
    """A yes/cancel question; dismissed with "yes" or "cancel"."""
    return ChoiceDialog(
        title,
        message,
        [("yes", yes, "error" if danger else "primary"), ("cancel", "Cancel", "default")],
        focus_key="cancel" if danger else "yes",
    )
