"""The form for an assessment's details: the authority, the period, the assessors and when it is
next to be reviewed.

The authority is typed, with England's local authorities suggested as the user types (from the
published dataset); when the name is one of them, its code is kept too, so that published
figures and peers can be found for it.
"""

from __future__ import annotations

from functools import cache

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input

from selfassess.model.assessment import Assessment
from selfassess.model.editing import DETAILS
from selfassess.model.labels import plain
from selfassess.tui.dialogs.forms import DATE_PLACEHOLDER, FormDialog, labelled, shown_date


@cache
def authority_names() -> tuple[str, ...]:
    """England's current local authorities by name, A to Z (none if the data cannot be read)."""
    try:
        from selfassess.data.published import dataset

        authorities = dataset().authorities.values()
    except (OSError, ValueError, KeyError):
        return ()
    return tuple(sorted({a.name for a in authorities if a.current}, key=str.casefold))


def authority_code(name: str) -> str:
    """The code of the authority named exactly (any case), or "" for another name."""
    try:
        from selfassess.data.published import dataset

        wanted = name.casefold()
        for authority in dataset().authorities.values():
            if authority.name.casefold() == wanted:
                return authority.code
    except (OSError, ValueError, KeyError):
        pass
    return ""


def authority_input(value: str = "", *, id: str) -> Input:
    """A box for the authority's name that suggests England's authorities as the user types."""
    return Input(
        value,
        placeholder="e.g. Anytown Council",
        suggester=SuggestFromList(authority_names(), case_sensitive=False),
        id=id,
    )


AUTHORITY_HINT = "Type the start of the name: an English council is suggested; → accepts it."


class DetailsDialog(FormDialog):
    """Change the assessment's authority, period, assessors and review date.

    Dismissed with the changed details (field name → value), an empty dict if nothing changed,
    or None when cancelled.
    """

    def __init__(self, assessment: Assessment, subject: str = "local authority") -> None:
        super().__init__("The assessment's details", can_delete=False)
        self.assessment = assessment
        self.subject = subject
        """What the framework assesses ("local authority", "partnership"…), for the labels."""

    def fields(self) -> ComposeResult:
        a = self.assessment
        yield from labelled(
            self.subject[:1].upper() + self.subject[1:],
            authority_input(plain(a.authority, single_line=True), id="authority"),
            hint=AUTHORITY_HINT,
        )
        yield from labelled(
            "Period covered",
            Input(
                plain(a.period, single_line=True),
                placeholder="e.g. April 2025 to March 2026",
                id="period",
            ),
        )
        yield from labelled(
            "Assessors",
            Input(
                ", ".join(plain(name, single_line=True) for name in a.assessors),
                placeholder="names or roles, separated by commas",
                id="assessors",
            ),
        )
        yield from labelled(
            "Review date",
            Input(
                shown_date(a.review_date),
                placeholder=DATE_PLACEHOLDER,
                id="review-date",
                classes="date-input",
            ),
            hint="When the self-assessment is next to be looked at again.",
        )

    def on_mount(self) -> None:
        self.query_one("#authority", Input).focus()

    def result(self) -> dict[str, object] | None:
        authority = self.required("authority", f"Type the name of the {self.subject}.")
        review_ok, review = self.date("review-date")
        if authority is None or not review_ok:
            self.focus_first_error()
            return None
        authority = " ".join(authority.split())
        assessors = [
            " ".join(name.split())
            for name in self.query_one("#assessors", Input).value.split(",")
            if name.strip()
        ]
        details: dict[str, object] = {
            "authority": authority,
            "period": " ".join(self.query_one("#period", Input).value.split()),
            "assessors": assessors,
            "review_date": review,
        }
        if "authority_code" in DETAILS:
            details["authority_code"] = authority_code(authority)
        a = self.assessment
        return {
            name: value
            for name, value in details.items()
            if name in DETAILS and getattr(a, name) != value
        }
