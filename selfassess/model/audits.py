"""Case audits as evidence: one audited case's grade, kept per criterion, and their summary.

Councils grade samples of children's files (usually on the inspectorate's four-point scale),
some moderated by a second auditor. An ``Audit`` holds only what the self-assessment needs: the
date, an audit reference (never a child's name), the grade, whether it was moderated and the
grade after moderation, the auditor's role and, when the row named a theme rather than a
criterion, that theme. Lists of audits are kept sorted and merged by identity (date, reference,
theme), so importing the same file twice changes nothing.

A row that names a theme is recorded on every criterion the framework tags with that theme,
with ``theme`` set: each criterion's summary counts it, and summaries across criteria (a
judgement, the whole assessment) count each audit once.
"""

# No ``from __future__ import annotations``: msgspec reads the struct's annotations (see
# model/assessment.py).

import datetime
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import msgspec

from selfassess.model.framework import Framework, NonEmpty


class Audit(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """One audited case, graded against one criterion (or a theme of the framework)."""

    date: datetime.date
    reference: NonEmpty
    """The audit's own reference (e.g. "QA-2018-014"): never a child's name or case number."""
    grade: NonEmpty
    """The auditor's grade, a grade id of the framework (e.g. "requires_improvement")."""
    moderated: bool = False
    moderated_grade: str = ""
    """The grade after moderation, when a moderator recorded one."""
    auditor_role: str = ""
    theme: str = ""
    """The theme id the audit was recorded against, when it named a theme, not a criterion."""

    @property
    def final_grade(self) -> str:
        """The grade that stands: the moderated grade when there is one."""
        return self.moderated_grade or self.grade

    @property
    def changed_by_moderation(self) -> bool:
        return bool(self.moderated_grade) and self.moderated_grade != self.grade

    def key(self) -> tuple[datetime.date, str, str]:
        """What makes an audit the same audit again: date, reference and theme."""
        return (self.date, self.reference.casefold(), self.theme)


def sort_audits(audits: Iterable[Audit]) -> list[Audit]:
    """Audits in file order: oldest first, then by reference and theme."""
    return sorted(audits, key=lambda a: (a.date, a.reference.casefold(), a.reference, a.theme))


@dataclass
class MergeCount:
    """What a merge of audits did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: "MergeCount") -> "MergeCount":
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self


def merge_audits(existing: Sequence[Audit], new: Iterable[Audit]) -> tuple[list[Audit], MergeCount]:
    """``existing`` with ``new`` added: an audit already held is left as it is, one held with a
    different grade, moderation or role is replaced (a corrected file), any other is added."""
    by_key = {a.key(): a for a in existing}
    count = MergeCount()
    for audit in new:
        held = by_key.get(audit.key())
        if held is None:
            count.added += 1
        elif held == audit:
            count.unchanged += 1
            continue
        else:
            count.updated += 1
        by_key[audit.key()] = audit
    return sort_audits(by_key.values()), count


# --- summary ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditSummary:
    """How many cases were audited, how they were graded, when, and how moderation went."""

    cases: int
    grades: dict[str, int]
    """Grade id → number of audits whose grade stands at it, best grade first (zeros kept)."""
    first: datetime.date | None
    last: datetime.date | None
    moderated: int
    changed_by_moderation: int
    raised_by_moderation: int = 0
    lowered_by_moderation: int = 0

    def share(self, grade_ids: Iterable[str]) -> float:
        """The share of audits graded one of ``grade_ids`` (0 when there are none)."""
        if not self.cases:
            return 0.0
        wanted = set(grade_ids)
        return sum(n for g, n in self.grades.items() if g in wanted) / self.cases


def summarise_audits(framework: Framework, audits: Iterable[Audit]) -> AuditSummary:
    """The summary of ``audits``; each counted once even if held on several criteria."""
    unique = {a.key(): a for a in audits}
    grades = {g.id: 0 for g in framework.grades}
    for audit in unique.values():
        grades[audit.final_grade] = grades.get(audit.final_grade, 0) + 1
    dates = [a.date for a in unique.values()]
    changed = [a for a in unique.values() if a.changed_by_moderation]
    known = {g.id for g in framework.grades}
    raised = sum(
        1
        for a in changed
        if a.grade in known
        and a.moderated_grade in known
        and framework.grade_rank(a.moderated_grade) > framework.grade_rank(a.grade)
    )
    return AuditSummary(
        cases=len(unique),
        grades=grades,
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        moderated=sum(1 for a in unique.values() if a.moderated or a.moderated_grade),
        changed_by_moderation=len(changed),
        raised_by_moderation=raised,
        lowered_by_moderation=len(changed) - raised,
    )


def good_or_better(framework: Framework) -> list[str]:
    """The upper half of the grade scale (outstanding and good on the bundled scale)."""
    ids = [g.id for g in framework.grades]
    return ids[: math.ceil(len(ids) / 2)]


def below_good(framework: Framework) -> list[str]:
    """The lower half of the grade scale (requires improvement and inadequate)."""
    ids = [g.id for g in framework.grades]
    return ids[math.ceil(len(ids) / 2) :]


def distribution_words(framework: Framework, summary: AuditSummary) -> str:
    """E.g. "2 outstanding, 9 good, 4 requires improvement to be good, 1 inadequate"."""
    parts = [f"{n} {framework.grade_label(g).lower()}" for g, n in summary.grades.items() if n]
    return ", ".join(parts) if parts else "none graded"


def moderation_words(summary: AuditSummary) -> str:
    """E.g. "5 moderated; moderation changed 2 grades (1 up, 1 down)"."""
    if not summary.moderated:
        return "none moderated"
    text = f"{summary.moderated} moderated"
    if not summary.changed_by_moderation:
        return text + "; moderation changed no grades"
    n = summary.changed_by_moderation
    text += f"; moderation changed {n} grade{'s' if n != 1 else ''}"
    return text + f" ({summary.raised_by_moderation} up, {summary.lowered_by_moderation} down)"


# --- grades as people write them --------------------------------------------------------------

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "outstanding": ("outstanding", "o", "out", "outstand"),
    "good": ("good", "g", "gd"),
    "requires_improvement": (
        "requires improvement",
        "requires improvement to be good",
        "requires improvements",
        "require improvement",
        "required improvement",
        "requires improvement tbg",
        "ri",
        "ritbg",
        "ri tbg",
        "ri to be good",
        "req improvement",
        "reqs improvement",
        "requires imp",
    ),
    "inadequate": ("inadequate", "i", "inad", "inadequte", "inadaquate"),
}
"""Spellings of the bundled grades people use in audit tools and spreadsheets."""


def _normal(text: str) -> str:
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^\w]+", " ", text).replace("_", " ")
    return " ".join(text.split())


class GradeReader:
    """Reads a grade as written ("Good", "G", "2", "RI", "Requires Improvement to be Good"…)
    into a grade id of ``framework``; numbers count from the best grade (1 = outstanding)."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        lookup: dict[str, str] = {}
        for n, grade in enumerate(framework.grades, start=1):
            for word in (*_SYNONYMS.get(grade.id, ()), grade.id, grade.label, grade.short):
                if word:
                    lookup.setdefault(_normal(word), grade.id)
            lookup.setdefault(str(n), grade.id)
            lookup.setdefault(f"grade {n}", grade.id)
        self._lookup = lookup

    def read(self, text: str) -> str | None:
        """The grade id, or None when ``text`` is not a grade of the framework."""
        word = _normal(text)
        if not word:
            return None
        if all(len(part) == 1 for part in word.split()):
            word = word.replace(" ", "")  # "R.I." → "ri"
        found = self._lookup.get(word) or self._lookup.get(word.removeprefix("grade "))
        if found:
            return found
        # "2 - Good", "Good (2)", "RI: requires improvement": every part must agree
        parts = [p for p in re.split(r"\s*[-–:()/]\s*|\s+(?=\d)", text) if _normal(p)]
        if len(parts) > 1:
            ids = {self._lookup.get(_normal(p)) for p in parts}
            if len(ids) == 1 and None not in ids:
                return ids.pop()
        return None

    def examples(self) -> str:
        """The grades and their usual forms, for a message."""
        forms = []
        for n, grade in enumerate(self.framework.grades, start=1):
            short = f" / {grade.short}" if grade.short else ""
            forms.append(f"{grade.label}{short} / {n}")
        return "; ".join(forms)


@dataclass(frozen=True)
class AuditQuestion:
    """A criterion whose rating and audits seem to tell different stories: a question to ask,
    not a verdict (audits sample cases; a rating weighs everything)."""

    criterion_id: str
    title: str
    rating: str
    kind: str
    """"rated_above_audits": rated strong, audits mostly below good; "rated_below_audits":
    rated below strong, audits mostly good or better."""
    summary: AuditSummary
    text: str = field(default="")


MIN_AUDITS_FOR_QUESTION = 5
"""Fewer audits than this say too little about a criterion to question its rating."""


def audit_questions(
    framework: Framework,
    records: Mapping[str, Sequence[Audit]],
    ratings: Mapping[str, str | None],
) -> list[AuditQuestion]:
    """Criteria rated strong (green or blue) whose audits are mostly below good, and criteria
    rated lower whose audits are mostly good or better, in framework order.

    ``records`` maps criterion id → its audits; ``ratings`` criterion id → its rating.
    """
    strong = set(framework.strong_ratings())
    levels = [level.id for level in framework.rating_levels]
    high, low = good_or_better(framework), below_good(framework)
    questions: list[AuditQuestion] = []
    for cid in framework.criteria:
        audits = records.get(cid) or []
        rating = ratings.get(cid)
        if len(audits) < MIN_AUDITS_FOR_QUESTION or rating not in levels:
            continue
        summary = summarise_audits(framework, audits)
        if summary.cases < MIN_AUDITS_FOR_QUESTION:
            continue
        title = framework.criteria[cid].title
        label = framework.level_by_id[rating].label
        if rating in strong and summary.share(low) > 0.5:
            n = round(summary.share(low) * summary.cases)
            text = (
                f"Rated {label}, but {n} of {summary.cases} audits were graded below good: "
                "do the rating and the audits tell the same story?"
            )
            questions.append(AuditQuestion(cid, title, rating, "rated_above_audits", summary, text))
        elif rating not in strong and summary.share(high) > 0.5:
            n = round(summary.share(high) * summary.cases)
            text = (
                f"Rated {label}, but {n} of {summary.cases} audits were graded good or better: "
                "is the rating too cautious, or do the audits miss something?"
            )
            questions.append(AuditQuestion(cid, title, rating, "rated_below_audits", summary, text))
    return questions
