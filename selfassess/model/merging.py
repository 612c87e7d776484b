"""Combine several contributors' assessments of one authority against one framework.

Pure: takes the framework and (name, assessment) pairs, returns the merged assessment with the
conflicts found. Nothing is dropped: evidence, actions and notes from every file are kept
(identical items once); where files disagree on a rating or confidence, the merged file keeps
the *lower* one — the cautious reading until the leads agree — and marks the criterion for
review; the conflict is returned so the command can say what it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

import msgspec

from selfassess.model.assessment import (
    CONFIDENCE_LEVELS,
    Action,
    AreaForImprovement,
    Assessment,
    Confidence,
    CriterionRecord,
    Published,
)
from selfassess.model.audits import merge_audits
from selfassess.model.errors import SelfAssessError
from selfassess.model.framework import NOT_APPLICABLE, Framework
from selfassess.model.labels import rating_label

_CONFIDENCE_ORDER: list[Confidence] = ["low", "medium", "high"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Conflict:
    """Files disagreed on one thing about one criterion."""

    criterion: str
    title: str
    field: str
    """"rating", "confidence" or "action"."""
    values: list[tuple[str, str | None]]
    """(file, value) for every file that recorded a value."""
    kept: str
    """What the merged file holds, in words."""


@dataclass(slots=True)
class MergeResult:
    assessment: Assessment
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Disagreements outside the criteria (period, published grades), and how they were settled."""
    contributed: list[tuple[str, int]] = field(default_factory=list)
    """Each file, in order, with how many criteria it recorded something against."""


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _unique(items: list[T]) -> list[T]:
    """Items in order, identical ones once (msgspec structs are compared by their content)."""
    seen: set[bytes] = set()
    out: list[T] = []
    for item in items:
        key = msgspec.json.encode(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def check_mergeable(contributions: list[tuple[str, Assessment]]) -> None:
    """Refuse files made against different frameworks, or of different authorities."""
    if not contributions:
        raise SelfAssessError("there is nothing to merge: give at least one assessment file")
    frameworks = {(a.framework, a.framework_version) for _, a in contributions}
    if len(frameworks) > 1:
        listed = "; ".join(
            f"{name}: {a.framework} {a.framework_version}" for name, a in contributions
        )
        raise SelfAssessError(
            "cannot merge assessments made against different frameworks "
            f"({listed}). Merge files of one framework version only."
        )
    first_name, first = contributions[0]
    for name, a in contributions[1:]:
        # One authority under two names ("Peterborough", "Peterborough City Council") has one code
        same_code = bool(a.authority_code) and a.authority_code == first.authority_code
        if not (same_code or _same(a.authority, first.authority)):
            raise SelfAssessError(
                f"cannot merge assessments of different authorities: {first_name} is "
                f'"{first.authority}" but {name} is "{a.authority}"'
            )


def merge(framework: Framework, contributions: list[tuple[str, Assessment]]) -> MergeResult:
    """Merge the assessments in order (the first file's settings lead where files differ)."""
    check_mergeable(contributions)
    _, first = contributions[0]
    result = MergeResult(first)
    periods = [(name, a.period) for name, a in contributions if a.period]
    period = periods[0][1] if periods else ""
    if len({" ".join(p.split()) for _, p in periods}) > 1:
        result.warnings.append(
            "the files are for different periods ("
            + "; ".join(f"{name}: {p}" for name, p in periods)
            + f'); the merged file says "{period}"'
        )
    assessors: list[str] = []
    for _, a in contributions:
        assessors += [x for x in a.assessors if not any(_same(x, y) for y in assessors)]

    ids = list(framework.criteria)
    ids += sorted({cid for _, a in contributions for cid in a.criteria} - set(ids))
    criteria: dict[str, CriterionRecord] = {}
    for cid in ids:
        records = [
            (name, a.criteria[cid])
            for name, a in contributions
            if cid in a.criteria and not a.criteria[cid].is_empty()
        ]
        if records:
            criteria[cid] = _merge_record(framework, cid, records, result.conflicts)
    result.contributed = [
        (name, sum(1 for r in a.criteria.values() if not r.is_empty())) for name, a in contributions
    ]

    result.assessment = msgspec.structs.replace(
        first,
        period=period,
        assessors=assessors,
        criteria=criteria,
        published=_merge_published(contributions, result.warnings),
    )
    return result


def _merge_record(
    framework: Framework,
    cid: str,
    records: list[tuple[str, CriterionRecord]],
    conflicts: list[Conflict],
) -> CriterionRecord:
    title = framework.criteria[cid].title if cid in framework.criteria else cid
    review = any(r.review for _, r in records)
    notes: list[tuple[str, str]] = [
        (name, r.notes.strip()) for name, r in records if r.notes.strip()
    ]

    ratings = [(name, r.rating) for name, r in records if r.rating is not None]
    rating = ratings[0][1] if ratings else None
    if len({v for _, v in ratings}) > 1:
        rating = _lowest_rating(framework, [v for _, v in ratings if v is not None])
        review = True
        conflicts.append(
            Conflict(
                cid,
                title,
                "rating",
                list(ratings),
                f"{_rating_words(framework, rating)} (the lower), for review",
            )
        )

    # A file that said "not applicable" but was overruled keeps its reason, in the notes.
    overruled = {
        name for name, r in records if r.rating == NOT_APPLICABLE and rating != NOT_APPLICABLE
    }
    reasons = [(name, r.na_reason.strip()) for name, r in records if r.na_reason.strip()]
    na_reason = _joined([(name, text) for name, text in reasons if name not in overruled])
    notes += [
        (name, f"Not applicable because: {text}") for name, text in reasons if name in overruled
    ]

    confidences = [(name, r.confidence) for name, r in records if r.confidence is not None]
    confidence: Confidence | None = confidences[0][1] if confidences else None
    if len({v for _, v in confidences}) > 1:
        lowest = min((v for _, v in confidences if v is not None), key=_CONFIDENCE_ORDER.index)
        confidence = lowest
        review = True
        conflicts.append(
            Conflict(
                cid,
                title,
                "confidence",
                list(confidences),
                f"{CONFIDENCE_LEVELS[lowest].lower()} (the lower), for review",
            )
        )

    evidence = _unique([e for _, r in records for e in r.evidence])
    actions = _unique([x for _, r in records for x in r.actions])
    clashing = _clashing_actions([(name, x) for name, r in records for x in r.actions])
    for what, versions in clashing.items():
        review = True
        conflicts.append(
            Conflict(cid, title, "action", versions, f'kept every version of "{what}", for review')
        )

    return CriterionRecord(
        rating=rating,
        na_reason=na_reason,
        confidence=confidence,
        evidence=evidence,
        notes=_joined(notes),
        actions=actions,
        review=review,
        audits=merge_audits([], (audit for _, r in records for audit in r.audits))[0],
    )


def _lowest_rating(framework: Framework, ratings: list[str]) -> str:
    """The lowest level on the scale; not applicable only if nobody rated it."""
    levels = [level.id for level in framework.rating_levels]
    on_scale = [r for r in ratings if r in levels]
    if on_scale:
        return min(on_scale, key=levels.index)
    return ratings[0]


def _rating_words(framework: Framework, rating: str | None) -> str:
    return rating_label(framework, rating).lower()


def _joined(items: list[tuple[str, str]]) -> str:
    """One text from several files: as is when they agree, else each labelled with its file."""
    distinct: list[tuple[str, str]] = []
    for name, text in items:
        if not any(text == other for _, other in distinct):
            distinct.append((name, text))
    if len(distinct) <= 1:
        return distinct[0][1] if distinct else ""
    return "\n\n".join(f"[{name}] {text}" for name, text in distinct)


def _action_words(action: Action) -> str:
    from selfassess.model.assessment import ACTION_STATUSES
    from selfassess.model.dates import long_date

    parts = [ACTION_STATUSES.get(action.status, action.status)]
    if action.owner:
        parts.append(action.owner)
    if action.due:
        parts.append(f"due {long_date(action.due)}")
    return ", ".join(parts)


def _clashing_actions(actions: list[tuple[str, Action]]) -> dict[str, list[tuple[str, str | None]]]:
    """Actions with the same text but a different status, owner or due date in another file."""
    groups: dict[str, list[tuple[str, Action]]] = {}
    for name, action in actions:
        groups.setdefault(" ".join(action.what.split()).casefold(), []).append((name, action))
    clashing: dict[str, list[tuple[str, str | None]]] = {}
    for group in groups.values():
        if len(_unique([a for _, a in group])) > 1 and len({n for n, _ in group}) > 1:
            clashing[group[0][1].what] = [(name, _action_words(a)) for name, a in group]
    return clashing


def _merge_published(
    contributions: list[tuple[str, Assessment]], warnings: list[str]
) -> Published | None:
    found = [(name, a.published) for name, a in contributions if a.published is not None]
    if not found:
        return None
    if all(p == found[0][1] for _, p in found):
        return found[0][1]
    first_name, merged = found[0]
    grades = dict(merged.grades)
    updates: dict[str, object] = {}
    for name, p in found[1:]:
        for jid, grade in p.grades.items():
            if jid not in grades:
                grades[jid] = grade
            elif grades[jid] != grade:
                warnings.append(
                    f'published grade for {jid}: {first_name} says "{grades[jid]}", '
                    f'{name} says "{grade}"; the merged file keeps "{grades[jid]}"'
                )
        for attr in ("source", "published", "inspection_start", "inspection_end", "lead_inspector"):
            ours = updates.get(attr, getattr(merged, attr))
            theirs = getattr(p, attr)
            if not ours and theirs:
                updates[attr] = theirs
            elif ours and theirs and ours != theirs:
                warnings.append(
                    f"published {attr}: {first_name} says {ours}, {name} says "
                    f"{theirs}; the merged file keeps {ours}"
                )
    areas: list[AreaForImprovement] = []
    for _, p in found:
        for area in p.areas_for_improvement:
            same = next((x for x in areas if _same(x.text, area.text)), None)
            if same is None:
                areas.append(AreaForImprovement(text=area.text, criteria=list(area.criteria)))
            else:
                same.criteria += [cid for cid in area.criteria if cid not in same.criteria]
    return msgspec.structs.replace(merged, grades=grades, areas_for_improvement=areas, **updates)
