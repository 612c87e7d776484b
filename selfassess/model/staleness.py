"""Evidence that goes stale: items and audits older than the assessment's limit.

An assessment says how old evidence may be (``stale_after_months``, 12 by default). Evidence
and audits dated before that many months ago are stale; undated evidence is not (its age is
unknown, and other checks ask for dates). A criterion whose every dated piece of evidence and
audit is stale, with nothing fresh or undated beside it, still counts as rated: it *rests on
stale evidence*, and the scorecard says how many do.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from selfassess.model.assessment import Assessment
from selfassess.model.framework import NOT_APPLICABLE, Framework


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_before(assessment: Assessment, today: datetime.date) -> datetime.date:
    """Evidence dated before this day is stale."""
    return months_before(today, assessment.stale_after_months)


def is_stale(date: datetime.date | None, cutoff: datetime.date) -> bool:
    return date is not None and date < cutoff


def latest_date(assessment: Assessment) -> datetime.date | None:
    """The latest date the assessment records (evidence, audits, the published report's dates):
    the day a document made from it speaks for."""
    dates: list[datetime.date] = []
    for record in assessment.criteria.values():
        dates += [e.date for e in record.evidence if e.date]
        dates += [a.date for a in record.audits]
    if assessment.published is not None:
        p = assessment.published
        dates += [d for d in (p.published, p.inspection_end) if d]
    return max(dates) if dates else None


def document_day(assessment: Assessment, today: datetime.date | None = None) -> datetime.date:
    """The day a shared document (JSON, Markdown, HTML, Word, the self-evaluation) counts
    evidence as stale from: ``today`` when the user gives one, else the latest date the
    assessment records, so two exports of the same file are identical. A file that records no
    date has nothing that can be stale; today's date then only names the day."""
    return today or latest_date(assessment) or datetime.date.today()


@dataclass(frozen=True)
class StaleItem:
    """One stale piece of evidence (or a criterion's stale audits, as one item)."""

    criterion_id: str
    criterion_title: str
    what: str
    date: datetime.date
    owner: str = ""
    audits: int = 0
    """For audits: how many of the criterion's audits are stale (0 for an evidence item)."""


@dataclass(frozen=True)
class Staleness:
    """Stale evidence across an assessment, as of a day."""

    today: datetime.date
    cutoff: datetime.date
    months: int
    items: list[StaleItem] = field(default_factory=list)
    """Stale evidence and audits, oldest first."""
    resting: dict[str, list[str]] = field(default_factory=dict)
    """Judgement id → criteria rated on stale evidence only, in framework order."""
    stale_criteria: set[str] = field(default_factory=set)
    """Criteria holding any stale evidence or audits."""

    def resting_count(self, judgement_id: str | None = None) -> int:
        if judgement_id is None:
            return sum(len(v) for v in self.resting.values())
        return len(self.resting.get(judgement_id, []))

    def rests_on_stale(self, criterion_id: str) -> bool:
        return any(criterion_id in ids for ids in self.resting.values())


def criterion_staleness(
    assessment: Assessment, criterion_id: str, cutoff: datetime.date
) -> tuple[int, int, bool]:
    """(stale items, all items, whether the rating rests on stale evidence only) for one
    criterion; audits count one item each."""
    record = assessment.record(criterion_id)
    dates = [e.date for e in record.evidence] + [a.date for a in record.audits]
    stale = sum(1 for d in dates if is_stale(d, cutoff))
    resting = (
        record.rating is not None
        and record.rating != NOT_APPLICABLE
        and bool(dates)
        and stale == len(dates)
    )
    return stale, len(dates), resting


def find_stale(framework: Framework, assessment: Assessment, today: datetime.date) -> Staleness:
    """Every stale piece of evidence and audit, and the criteria that rest on them."""
    cutoff = stale_before(assessment, today)
    items: list[StaleItem] = []
    resting: dict[str, list[str]] = {}
    stale_criteria: set[str] = set()
    for judgement in framework.judgements:
        for criterion in judgement.criteria:
            record = assessment.criteria.get(criterion.id)
            if record is None:
                continue
            before = len(items)
            for e in record.evidence:
                if e.date is not None and is_stale(e.date, cutoff):
                    items.append(StaleItem(criterion.id, criterion.title, e.what, e.date, e.owner))
            old = [a for a in record.audits if is_stale(a.date, cutoff)]
            if old:
                roles = Counter(a.auditor_role for a in old if a.auditor_role).most_common()
                owner = roles[0][0] + (" and others" if len(roles) > 1 else "") if roles else ""
                months = assessment.stale_after_months
                what = (
                    f"Case audits: {len(old)} of {len(record.audits)} older than {months} "
                    f"month{'s' if months != 1 else ''}"
                )
                latest = max(a.date for a in old)
                items.append(
                    StaleItem(criterion.id, criterion.title, what, latest, owner, audits=len(old))
                )
            if len(items) > before:
                stale_criteria.add(criterion.id)
            if criterion_staleness(assessment, criterion.id, cutoff)[2]:
                resting.setdefault(judgement.id, []).append(criterion.id)
    items.sort(key=lambda i: (i.date, framework.criterion_index.get(i.criterion_id, 0)))
    return Staleness(today, cutoff, assessment.stale_after_months, items, resting, stale_criteria)


def staleness_data(staleness: Staleness) -> dict[str, Any]:
    """Stale evidence as JSON-ready data."""
    return {
        "as_of": staleness.today.isoformat(),
        "stale_before": staleness.cutoff.isoformat(),
        "stale_after_months": staleness.months,
        "resting_on_stale": {j: list(ids) for j, ids in staleness.resting.items()},
        "items": [
            {
                "criterion": i.criterion_id,
                "what": i.what,
                "date": i.date.isoformat(),
                "owner": i.owner,
                **({"audits": i.audits} if i.audits else {}),
            }
            for i in staleness.items
        ],
    }
