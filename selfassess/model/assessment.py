"""The assessment model: what an authority recorded against each criterion of a framework.

An assessment names the framework (id and version) it was made against and holds, per
criterion, a rating, a confidence, evidence, notes and actions; optionally the grades Ofsted
published and the report's areas for improvement. Criteria are keyed by id so files diff and
merge cleanly.
"""

# No ``from __future__ import annotations`` here: msgspec reads these structs' annotations when
# it first decodes one, and string annotations would each be compiled then (a few ms of every
# command's start-up).

import datetime
from typing import Annotated, Any, Literal

import msgspec

from selfassess.model.audits import Audit
from selfassess.model.errors import InputError, Problem
from selfassess.model.framework import NOT_APPLICABLE, Framework, NonEmpty
from selfassess.model.validation import convert, join, suggest

FORMAT_VERSION = 1

EvidenceType = Literal[
    "case_audit",
    "performance_data",
    "feedback",
    "practice_observation",
    "partner_feedback",
    "staff_feedback",
    "other",
]
EVIDENCE_TYPES: dict[str, str] = {
    "case_audit": "Case audit",
    "performance_data": "Performance data",
    "feedback": "Feedback from children and families",
    "practice_observation": "Practice observation",
    "partner_feedback": "Partner feedback",
    "staff_feedback": "Feedback from staff",
    "other": "Other",
}

Confidence = Literal["low", "medium", "high"]
CONFIDENCE_LEVELS: dict[str, str] = {"low": "Low", "medium": "Medium", "high": "High"}

ActionStatus = Literal["not_started", "in_progress", "done"]
ACTION_STATUSES: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
}


class _Data(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """Base for assessment structs: unknown keys are errors, defaults are not written.

    Line endings in text are normalised to "\n" as data comes in: TOML writers turn "\r\n"
    into "\n" anyway, and a file must load back exactly as it was saved.
    """

    def __post_init__(self) -> None:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if type(value) is str and "\r" in value:
                setattr(self, name, _one_newline(value))
            elif type(value) is list and any(type(v) is str and "\r" in v for v in value):
                setattr(self, name, [_one_newline(v) if type(v) is str else v for v in value])


def _one_newline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Evidence(_Data, kw_only=True):
    """One piece of evidence: what it is, its type, where it is kept, its date and owner."""

    what: NonEmpty
    type: EvidenceType = "other"
    where: str = ""
    date: datetime.date | None = None
    owner: str = ""


class Action(_Data, kw_only=True):
    """Something the authority will do to improve or sustain practice."""

    what: NonEmpty
    owner: str = ""
    due: datetime.date | None = None
    status: ActionStatus = "not_started"


class CriterionRecord(_Data, kw_only=True):
    """Everything recorded against one criterion. No rating means not yet rated."""

    rating: str | None = None
    na_reason: str = ""
    """Why the criterion does not apply; required when the rating is not_applicable."""
    confidence: Confidence | None = None
    """How sure we are of the rating, separate from the rating itself."""
    evidence: list[Evidence] = []
    notes: str = ""
    actions: list[Action] = []
    review: bool = False
    """Marked for review, e.g. when contributors disagreed."""
    audits: list[Audit] = []
    """Case audits graded against this criterion, oldest first (see model/audits.py)."""

    def is_empty(self) -> bool:
        return self == CriterionRecord()


class AreaForImprovement(_Data, kw_only=True):
    """An item of the report's "What needs to improve", linked to the criteria it concerns."""

    text: NonEmpty
    criteria: list[str] = []


class Published(_Data, kw_only=True):
    """What Ofsted published: grades per judgement (including overall) and areas for improvement."""

    grades: dict[str, str] = {}
    source: str = ""
    published: datetime.date | None = None
    inspection_start: datetime.date | None = None
    inspection_end: datetime.date | None = None
    lead_inspector: str = ""
    areas_for_improvement: list[AreaForImprovement] = []


class Assessment(_Data, kw_only=True):
    """A self-assessment of one authority against one framework."""

    format_version: Annotated[int, msgspec.Meta(ge=1)] = FORMAT_VERSION
    framework: NonEmpty
    framework_version: NonEmpty
    framework_file: str = ""
    """Path (relative to this file) of a framework that is not bundled with selfassess."""
    authority: NonEmpty
    authority_code: str = ""
    """The DfE's three-digit code of the authority (e.g. "874"), which links the assessment to
    its published figures; empty: none shown."""
    period: str = ""
    assessors: list[str] = []
    review_date: datetime.date | None = None
    """When the assessment is next to be reviewed (the app's "details")."""
    stale_after_months: Annotated[int, msgspec.Meta(ge=1, le=120)] = 12
    """Evidence and audits older than this many months are stale (see model/staleness.py)."""
    criteria: dict[str, CriterionRecord] = {}
    published: Published | None = None

    def record(self, criterion_id: str) -> CriterionRecord:
        """The record for a criterion (an empty one if nothing was recorded yet)."""
        return self.criteria.get(criterion_id) or CriterionRecord()

    def rating(self, criterion_id: str) -> str | None:
        record = self.criteria.get(criterion_id)
        return record.rating if record else None

    def editable_record(self, criterion_id: str) -> CriterionRecord:
        """The record for a criterion, created (and kept) if there was none, for editing."""
        record = self.criteria.get(criterion_id)
        if record is None:
            record = self.criteria[criterion_id] = CriterionRecord()
        return record


def new_assessment(
    framework: Framework,
    authority: str,
    *,
    period: str = "",
    assessors: list[str] | None = None,
    framework_file: str = "",
    authority_code: str = "",
) -> Assessment:
    """A blank assessment of ``authority`` against ``framework``."""
    return Assessment(
        framework=framework.id,
        framework_version=framework.version,
        framework_file=framework_file,
        authority=authority,
        authority_code=authority_code,
        period=period,
        assessors=list(assessors or []),
    )


def decode_assessment(
    data: dict[str, Any], file: str | None = None
) -> tuple[Assessment | None, list[Problem]]:
    """Type-check parsed TOML. Returns the assessment, or None and the problems found.

    Where some criterion records are malformed, the problems are returned with a *partial*
    assessment holding the well-formed rest, so that the checks against the framework can still
    report their problems too: a user fixing a file sees them all at once.
    """
    version = data.get("format_version", FORMAT_VERSION)
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise InputError.single(
            file,
            f"was written by a newer selfassess (file format {version}; this version reads "
            f"{FORMAT_VERSION}). Update selfassess to open it.",
            "format_version",
        )
    assessment, problems = convert(data, Assessment)
    if assessment is not None:
        return assessment, []
    criteria = data.get("criteria")
    if isinstance(criteria, dict):
        sound = {k: v for k, v in criteria.items() if convert(v, CriterionRecord)[0] is not None}
        partial, still = convert({**data, "criteria": sound}, Assessment)
        if partial is not None and not still:
            return partial, problems
    return None, problems


_SUGGESTED = 50
"""Unknown criteria given a "did you mean" (see ``check_assessment``)."""


def check_assessment(assessment: Assessment, framework: Framework) -> list[Problem]:
    """Check an assessment against its framework: criteria, ratings and grades must exist."""
    problems: list[Problem] = []
    criterion_ids = list(framework.criteria)
    rating_ids = framework.rating_ids()
    unknown = 0
    for cid, record in assessment.criteria.items():
        place = join("criteria", cid)
        if cid not in framework.criteria:
            unknown += 1
            # A "did you mean" is for a typo; past a screenful of unknown criteria the file
            # was made for another framework, and finding the closest name for each of
            # thousands would only make the answer slow.
            hint = suggest(cid, criterion_ids) if unknown <= _SUGGESTED else ""
            problems.append(Problem(place, f"is not a criterion of {framework.id}{hint}"))
            continue
        if record.rating is not None and record.rating not in rating_ids:
            problems.append(
                Problem(
                    join(place, "rating"),
                    f'"{record.rating}" is not a rating in {framework.id} (use one of: '
                    f"{', '.join(rating_ids)}){suggest(record.rating, rating_ids)}",
                )
            )
        if record.rating == NOT_APPLICABLE and not record.na_reason.strip():
            problems.append(
                Problem(
                    join(place, "na_reason"), "is needed: say why this criterion does not apply"
                )
            )
        problems += _audit_problems(framework, place, record.audits)
    if assessment.published is not None:
        start, end = assessment.published.inspection_start, assessment.published.inspection_end
        if start is not None and end is not None and end < start:
            problems.append(
                Problem(
                    "published.inspection_end",
                    f"is {end.isoformat()}, before the inspection started ({start.isoformat()})",
                )
            )
        judgement_ids = framework.published_judgement_ids()
        grade_ids = [g.id for g in framework.grades]
        for jid, gid in assessment.published.grades.items():
            place = join("published.grades", jid)
            if jid not in judgement_ids:
                problems.append(
                    Problem(
                        place, f"is not a judgement of {framework.id}{suggest(jid, judgement_ids)}"
                    )
                )
            if gid not in grade_ids:
                problems.append(
                    Problem(
                        place,
                        f'"{gid}" is not a grade (use one of: {", ".join(grade_ids)})'
                        + suggest(gid, grade_ids),
                    )
                )
        for a, area in enumerate(assessment.published.areas_for_improvement):
            for n, cid in enumerate(area.criteria):
                if cid not in framework.criteria:
                    problems.append(
                        Problem(
                            f"published.areas_for_improvement[{a}].criteria[{n}]",
                            f'"{cid}" is not a criterion of {framework.id}'
                            + suggest(cid, criterion_ids),
                        )
                    )
    return problems


def _audit_problems(framework: Framework, place: str, audits: list[Audit]) -> list[Problem]:
    """Audit grades must be grades of the framework, and themes its themes."""
    grade_ids = [g.id for g in framework.grades]
    problems: list[Problem] = []
    for n, audit in enumerate(audits):
        at = f"{place}.audits[{n}]"
        for name, grade in (("grade", audit.grade), ("moderated_grade", audit.moderated_grade)):
            if grade and grade not in grade_ids:
                problems.append(
                    Problem(
                        f"{at}.{name}",
                        f'"{grade}" is not a grade (use one of: {", ".join(grade_ids)})'
                        + suggest(grade, grade_ids),
                    )
                )
        if audit.theme and audit.theme not in framework.theme_by_id:
            problems.append(
                Problem(f"{at}.theme", f'"{audit.theme}" is not a theme of {framework.id}')
            )
    return problems


def assessment_to_data(
    assessment: Assessment, framework: Framework | None = None
) -> dict[str, Any]:
    """Plain data for writing: defaults left out, criteria in framework order, no empty records."""
    order = framework.criterion_index if framework else {}
    criteria = {
        cid: record
        for cid, record in sorted(
            assessment.criteria.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
        )
        if not record.is_empty()
    }
    data = msgspec.to_builtins(
        msgspec.structs.replace(assessment, criteria=criteria),
        builtin_types=(datetime.date,),
    )
    data.setdefault("format_version", FORMAT_VERSION)
    grades = data.get("published", {}).get("grades")
    if grades and framework is not None:
        rank = {jid: i for i, jid in enumerate(framework.published_judgement_ids())}
        data["published"]["grades"] = dict(
            sorted(grades.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
        )
    return {key: data[key] for key in _TOP_ORDER if key in data}


_TOP_ORDER = (
    "format_version",
    "framework",
    "framework_version",
    "framework_file",
    "authority",
    "authority_code",
    "period",
    "assessors",
    "review_date",
    "stale_after_months",
    "published",
    "criteria",
)
