"""Changing an open assessment: ratings, evidence, notes, actions and published grades.

``Draft`` is the one place an assessment is changed while it is open, so the rules that keep a
file valid (a reason for "not applicable", no empty records left behind) hold however the change
was asked for, and whether there are unsaved changes is always known. Pure: no files, no Textual.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from selfassess.model import dates
from selfassess.model.assessment import (
    CONFIDENCE_LEVELS,
    Action,
    Assessment,
    CriterionRecord,
    Evidence,
    Published,
)
from selfassess.model.dates import DATE_FORMS
from selfassess.model.framework import NOT_APPLICABLE, Framework
from selfassess.model.labels import subject_words
from selfassess.model.validation import suggest


class EditError(ValueError):
    """A change that would make the assessment invalid; the message is for the user."""


READ_ONLY = (
    "This file is open read-only (a colleague has it open), so it cannot be changed. "
    "To change it, close it and open it again, choosing to take it over."
)


DATE_HINT = f"Type the date as, for example, {DATE_FORMS}."


def parse_date(text: str) -> datetime.date | None:
    """A date typed by a person (see ``dates.parse_date``); blank is no date.

    Raises EditError with a message that says what to type instead.
    """
    try:
        return dates.parse_date(text)
    except dates.DateError as exc:
        raise EditError(str(exc)) from None


def format_date(value: datetime.date | None) -> str:
    """A date as it is typed back into a form: YYYY-MM-DD, or blank."""
    return value.isoformat() if value else ""


DETAILS = tuple(
    name
    for name in ("authority", "authority_code", "period", "assessors", "review_date")
    if name in Assessment.__struct_fields__
)
"""The details of an assessment the app lets people change (``authority_code`` once the
model has it)."""


def next_confidence(current: str | None) -> str | None:
    """The confidence after ``current`` when cycling: none → low → medium → high → none."""
    order: list[str | None] = [None, *CONFIDENCE_LEVELS]
    index = order.index(current) if current in order else 0
    return order[(index + 1) % len(order)]


@dataclass
class Draft:
    """An assessment open for editing, and what its changed parts were when last saved.

    Before a criterion's record is first changed, a copy of it is kept; ``modified`` compares
    only those records (and the published grades), so undoing a change by hand also clears it,
    and the check costs nothing on a framework of thousands of criteria. Every change is made
    through a method here, which checks it against the framework first.
    """

    path: Path
    framework: Framework
    assessment: Assessment
    read_only: bool = False
    """Opened while a colleague holds the file: every change is refused."""
    _before: dict[str, CriterionRecord] = field(init=False, default_factory=dict)
    _published_before: Published | None = field(init=False, default=None)
    _restored: bool = field(init=False, default=False)
    _details_before: dict[str, object] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._published_before = copy.deepcopy(self.assessment.published)
        self._details_before = self.details()

    @property
    def modified(self) -> bool:
        if self._restored or self.assessment.published != self._published_before:
            return True
        if self.details() != self._details_before:
            return True
        return any(self.record(cid) != before for cid, before in self._before.items())

    def mark_saved(self) -> None:
        """Call after the assessment was written to ``path``."""
        self._before.clear()
        self._restored = False
        self._published_before = copy.deepcopy(self.assessment.published)
        self._details_before = self.details()

    def record(self, criterion_id: str) -> CriterionRecord:
        """The record of a criterion, for reading (an empty one if none was kept)."""
        return self.assessment.record(criterion_id)

    def restore(self, recovered: Assessment) -> None:
        """Put unsaved work recovered after a crash in place of the saved version; it stays
        unsaved until the user saves it."""
        self.check_writable()
        saved = self.assessment
        for cid in set(saved.criteria) | set(recovered.criteria):
            if saved.record(cid) != recovered.record(cid) and cid not in self._before:
                self._before[cid] = copy.deepcopy(saved.record(cid))
        self.assessment = recovered
        self._restored = True

    def check_writable(self) -> None:
        """Raise EditError (with the message for the user) if the file is open read-only."""
        if self.read_only:
            raise EditError(READ_ONLY)

    def _editable(self, criterion_id: str) -> CriterionRecord:
        self.check_writable()
        if criterion_id not in self.framework.criteria:
            raise EditError(f'"{criterion_id}" is not a criterion of {self.framework.id}')
        if criterion_id not in self._before:
            self._before[criterion_id] = copy.deepcopy(self.record(criterion_id))
        return self.assessment.editable_record(criterion_id)

    def _tidy(self, criterion_id: str) -> None:
        """Drop a record that holds nothing, so memory matches what a reload would give."""
        record = self.assessment.criteria.get(criterion_id)
        if record is not None and record.is_empty():
            del self.assessment.criteria[criterion_id]

    # --- rating and confidence ------------------------------------------------------------

    def set_rating(self, criterion_id: str, rating: str | None, na_reason: str = "") -> None:
        """Rate a criterion (None clears the rating). "Not applicable" needs a reason.

        The reason is kept only while the rating is "not applicable": a stale reason beside a
        green rating would mislead whoever reads the file.
        """
        if rating is not None and rating not in self.framework.rating_ids():
            ids = self.framework.rating_ids()
            raise EditError(
                f'"{rating}" is not a rating in {self.framework.id}{suggest(rating, ids)}'
            )
        reason = " ".join(na_reason.split()) if rating == NOT_APPLICABLE else ""
        if rating == NOT_APPLICABLE and not reason:
            raise EditError("Say why this criterion does not apply.")
        record = self._editable(criterion_id)
        record.rating = rating
        record.na_reason = reason
        self._tidy(criterion_id)

    def cycle_confidence(self, criterion_id: str) -> str | None:
        """Move the confidence on one step (none → low → medium → high → none); returns it."""
        record = self._editable(criterion_id)
        record.confidence = next_confidence(record.confidence)  # type: ignore[assignment]
        self._tidy(criterion_id)
        return record.confidence

    def set_confidence(self, criterion_id: str, confidence: str | None) -> None:
        if confidence is not None and confidence not in CONFIDENCE_LEVELS:
            raise EditError(f'"{confidence}" is not a confidence level')
        self._editable(criterion_id).confidence = confidence  # type: ignore[assignment]
        self._tidy(criterion_id)

    def set_review(self, criterion_id: str, review: bool) -> None:
        self._editable(criterion_id).review = review
        self._tidy(criterion_id)

    # --- notes, evidence, actions ---------------------------------------------------------

    def set_notes(self, criterion_id: str, notes: str) -> bool:
        """Replace the notes; returns whether they changed (editors call this on every key)."""
        notes = notes.replace("\r\n", "\n").replace("\r", "\n")
        if notes == self.record(criterion_id).notes:
            return False
        self._editable(criterion_id).notes = notes
        self._tidy(criterion_id)
        return True

    def add_evidence(self, criterion_id: str, evidence: Evidence) -> int:
        """Append evidence; returns its position in the list."""
        record = self._editable(criterion_id)
        record.evidence.append(evidence)
        return len(record.evidence) - 1

    def replace_evidence(self, criterion_id: str, index: int, evidence: Evidence) -> None:
        self._editable(criterion_id).evidence[index] = evidence

    def delete_evidence(self, criterion_id: str, index: int) -> Evidence:
        removed = self._editable(criterion_id).evidence.pop(index)
        self._tidy(criterion_id)
        return removed

    def add_action(self, criterion_id: str, action: Action) -> int:
        """Append an action; returns its position in the list."""
        record = self._editable(criterion_id)
        record.actions.append(action)
        return len(record.actions) - 1

    def replace_action(self, criterion_id: str, index: int, action: Action) -> None:
        self._editable(criterion_id).actions[index] = action

    def delete_action(self, criterion_id: str, index: int) -> Action:
        removed = self._editable(criterion_id).actions.pop(index)
        self._tidy(criterion_id)
        return removed

    # --- the assessment's details ------------------------------------------------------------

    def details(self) -> dict[str, object]:
        """The assessment's details as a dict of field name → value (a copy)."""
        return {name: copy.deepcopy(getattr(self.assessment, name)) for name in DETAILS}

    def set_details(self, **changes: object) -> None:
        """Change the assessment's details (``DETAILS``: authority, period, assessors…)."""
        self.check_writable()
        unknown = set(changes) - set(DETAILS)
        if unknown:
            raise EditError(f"Not a detail of an assessment: {', '.join(sorted(unknown))}")
        if "authority" in changes and not str(changes["authority"]).strip():
            raise EditError(f"Type the name of the {subject_words(self.framework)}.")
        for name, value in changes.items():
            setattr(self.assessment, name, value)

    # --- published grades -----------------------------------------------------------------

    def published_grade(self, judgement_id: str) -> str | None:
        published = self.assessment.published
        return published.grades.get(judgement_id) if published else None

    def set_published_grade(self, judgement_id: str, grade: str | None) -> None:
        """Record (or with None, remove) the grade Ofsted published for a judgement.

        An empty ``published`` section is removed rather than written as an empty table.
        """
        self.check_writable()
        if judgement_id not in self.framework.published_judgement_ids():
            raise EditError(f'"{judgement_id}" is not a judgement of {self.framework.id}')
        if grade is not None and grade not in self.framework.grade_by_id:
            raise EditError(f'"{grade}" is not a grade of {self.framework.id}')
        published = self.assessment.published or Published()
        grades = dict(published.grades)
        if grade is None:
            grades.pop(judgement_id, None)
        else:
            grades[judgement_id] = grade
        order = {jid: i for i, jid in enumerate(self.framework.published_judgement_ids())}
        grades = dict(sorted(grades.items(), key=lambda item: order.get(item[0], len(order))))
        published = msgspec.structs.replace(published, grades=grades)
        self.assessment.published = None if published == Published() else published

    # --- counts ---------------------------------------------------------------------------

    def progress(self, judgement_id: str) -> tuple[int, int]:
        """(rated, total) criteria of a judgement; "not applicable" counts as a decision made."""
        judgement = self.framework.judgement_by_id[judgement_id]
        rated = sum(1 for c in judgement.criteria if self.assessment.rating(c.id) is not None)
        return rated, len(judgement.criteria)
