"""Case audits and the age of evidence in the app: the criterion's audit summary, with a small
bar of the grade distribution; stale evidence; and the scorecard's questions from audits.

Every text is a ``rich.text.Text`` built from plain strings (never markup), and each widget hides
itself when it has nothing to say.
"""

from __future__ import annotations

import datetime

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from selfassess.model.assessment import Assessment
from selfassess.model.audits import summarise_audits
from selfassess.model.dates import long_date
from selfassess.model.editing import Draft
from selfassess.model.framework import Framework
from selfassess.model.staleness import criterion_staleness, find_stale, is_stale, stale_before
from selfassess.views.audits import audit_block, find_questions
from selfassess.views.render import plain, rating_badge
from selfassess.views.staleness import STALE_MARK, coverage_words


def today_of(widget: Widget) -> datetime.date:
    """The app's today (fixed in tests), else the calendar's."""
    day = getattr(widget.app, "today", None)
    return day if isinstance(day, datetime.date) else datetime.date.today()


def stale_line(assessment: Assessment, criterion_id: str, today: datetime.date) -> Text:
    """E.g. "◷ 2 of 3 pieces of evidence are stale (dated before 1 December 2025)"."""
    cutoff = stale_before(assessment, today)
    stale, total, resting = criterion_staleness(assessment, criterion_id, cutoff)
    if not stale:
        return Text()
    text = Text(f"{STALE_MARK} ", style="yellow")
    record = assessment.record(criterion_id)
    evidence = sum(1 for e in record.evidence if is_stale(e.date, cutoff))
    audits = sum(1 for a in record.audits if is_stale(a.date, cutoff))
    parts = []
    if evidence:
        pieces = "piece" if len(record.evidence) == 1 else "pieces"
        parts.append(f"{evidence} of {len(record.evidence)} {pieces} of evidence")
    if audits:
        noun = "audit" if len(record.audits) == 1 else "audits"
        parts.append(f"{audits} of {len(record.audits)} {noun}")
    text.append(f"Stale: {' and '.join(parts)} dated before {long_date(cutoff)}", style="bold")
    if resting:
        text.append("\nThe rating rests on stale evidence only: refresh it before an inspection.")
    elif stale < total:
        text.append(" (refresh before an inspection)", style="dim")
    return text


class AuditSummary(Static):
    """A criterion's case audits (count, grade bar, dates, moderation) and its stale evidence."""

    DEFAULT_CSS = """
    AuditSummary {
        height: auto;
        margin: 1 0 0 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(
        self,
        framework: Framework,
        assessment: Assessment,
        criterion_id: str,
        today: datetime.date | None = None,
    ) -> None:
        record = assessment.record(criterion_id)
        text = Text()
        if record.audits:
            summary = summarise_audits(framework, record.audits)
            text.append(f"Case audits ({summary.cases})\n", style="bold")
            text.append_text(audit_block(framework, summary, width=20))
        stale = stale_line(assessment, criterion_id, today or today_of(self))
        if stale:
            if text:
                text.append("\n")
            text.append_text(stale)
        self.display = bool(text)
        self.update(text)


class AuditQuestions(Static):
    """The scorecard's questions: ratings the case audits seem to contradict, either way."""

    DEFAULT_CSS = """
    AuditQuestions {
        height: auto;
        margin: 1 0 0 0;
    }
    """

    def __init__(self, draft: Draft, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.draft = draft

    def on_mount(self) -> None:
        self.refresh_questions()

    def refresh_questions(self) -> None:
        framework = self.draft.framework
        questions = find_questions(framework, self.draft.assessment)
        self.display = bool(questions)
        if not questions:
            return
        text = Text("Questions from case audits", style="bold")
        text.append(
            "\nThe rating and the audits seem to differ. Audits sample cases: which tells the "
            "truer story?",
            style="dim",
        )
        for q in questions:
            text.append("\n? ", style="bold yellow")
            text.append_text(rating_badge(framework, q.rating))
            text.append(f" {plain(q.title, single_line=True)}", style="bold")
            text.append(f"\n    {plain(q.text, single_line=True)}")
        self.update(text)


def stale_coverage(draft: Draft, judgement_id: str, today: datetime.date) -> Text:
    """For a scorecard card: "◷ 3 rest on stale evidence", or nothing."""
    words = coverage_words(find_stale(draft.framework, draft.assessment, today), judgement_id)
    return Text(f"\n{STALE_MARK} {words}", style="yellow") if words else Text()


def has_stale(assessment: Assessment, criterion_id: str, today: datetime.date) -> bool:
    """Whether a criterion holds any stale evidence or audits (for the tree's mark)."""
    return criterion_staleness(assessment, criterion_id, stale_before(assessment, today))[0] > 0
