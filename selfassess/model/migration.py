"""Carrying an assessment over to another version of its framework (or a newer framework).

Criterion ids are stable across versions, so everything recorded against a criterion that still
exists is kept exactly; what cannot be carried over is listed, never silently dropped, and the
original file is never changed (the migrated assessment is written to a new file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import msgspec

from selfassess.model.assessment import AreaForImprovement, Assessment, Published
from selfassess.model.framework import NOT_APPLICABLE, Framework


@dataclass(slots=True)
class MigrationReport:
    kept: list[str] = field(default_factory=list)
    """Criterion ids carried over with everything recorded against them."""
    dropped: list[str] = field(default_factory=list)
    """What could not be carried over, in words."""


def migrate(assessment: Assessment, target: Framework) -> tuple[Assessment, MigrationReport]:
    report = MigrationReport()
    criteria = {}
    ratings = set(target.rating_ids())
    for cid, record in assessment.criteria.items():
        if record.is_empty():
            continue
        if cid not in target.criteria:
            parts = []
            if record.rating:
                parts.append(f"rating {record.rating}")
            if record.evidence:
                parts.append(f"{len(record.evidence)} evidence item(s)")
            if record.actions:
                parts.append(f"{len(record.actions)} action(s)")
            if record.notes:
                parts.append("notes")
            report.dropped.append(
                f"{cid}: not in {target.id} {target.version} ({', '.join(parts) or 'no content'})"
            )
            continue
        if record.rating is not None and record.rating not in ratings:
            report.dropped.append(
                f"{cid}: rating {record.rating} is not on {target.id}'s scale "
                "(left unrated; evidence kept)"
            )
            record = msgspec.structs.replace(record, rating=None, review=True)
        elif record.rating == NOT_APPLICABLE and not target.allow_not_applicable:
            report.dropped.append(f"{cid}: {target.id} has no 'not applicable' (left unrated)")
            record = msgspec.structs.replace(record, rating=None, review=True)
        criteria[cid] = record
        report.kept.append(cid)
    published = assessment.published
    if published is not None:
        judgements = set(target.published_judgement_ids())
        grades = {}
        for jid, gid in published.grades.items():
            if jid in judgements and gid in target.grade_by_id:
                grades[jid] = gid
            else:
                grade = target.grade_by_id[gid].label if gid in target.grade_by_id else gid
                report.dropped.append(
                    f"the published grade for {jid.replace('_', ' ')} "
                    f"({grade.replace('_', ' ').lower()}): there is no such judgement in "
                    f"{target.title}"
                )
        areas = []
        for area in published.areas_for_improvement:
            links = [c for c in area.criteria if c in target.criteria]
            lost = [c for c in area.criteria if c not in target.criteria]
            if lost:
                report.dropped.append(f"link from area for improvement to {', '.join(lost)}")
            areas.append(AreaForImprovement(text=area.text, criteria=links))
        published = Published(
            grades=grades,
            source=published.source,
            published=published.published,
            inspection_start=published.inspection_start,
            inspection_end=published.inspection_end,
            lead_inspector=published.lead_inspector,
            areas_for_improvement=areas,
        )
    migrated = msgspec.structs.replace(
        assessment,
        framework=target.id,
        framework_version=target.version,
        criteria=criteria,
        published=published,
    )
    return migrated, report
