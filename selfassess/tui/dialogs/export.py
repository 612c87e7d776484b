"""The export dialog: the report in each format, and the annual self-evaluation document."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from selfassess.tui.dialogs.messages import ChoiceDialog
from selfassess.tui.exporting import REPORT_FORMATS, SELF_EVALUATION


class ExportDialog(ChoiceDialog):
    """Which export: the report (one button per format) or the self-evaluation document.

    Two rows of buttons, so that every choice and Cancel fit in a narrow terminal. Dismissed
    with the format's id (``selfassess.tui.exporting.FORMAT_BY_ID``) or ``cancel``.
    """

    def __init__(self) -> None:
        super().__init__(
            "Export",
            "The report: the scorecard and the detail per criterion, as they are now "
            "(saved or not).",
            [(f.id, f.label, "primary") for f in REPORT_FORMATS],
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog export-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for key, label, variant in self.choices:
                    yield Button(label, id=f"choice-{key}", name=key, variant=variant)  # type: ignore[arg-type]
            yield Static(
                "The annual self-evaluation: what you know about practice, how you know it, "
                "and your plans, judgement by judgement.",
                classes="dialog-message",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    SELF_EVALUATION.label,
                    id=f"choice-{SELF_EVALUATION.id}",
                    name=SELF_EVALUATION.id,
                    variant="primary",
                )
                yield Button("Cancel", id="choice-cancel", name="cancel")
