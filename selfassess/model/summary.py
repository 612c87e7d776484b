"""Everything a report says, as plain data: the one source for the terminal report and exports.

``report_data`` is what ``selfassess report --format json`` prints, so other tools can rely on
its keys: a ``scorecard`` list of objects with ``judgement``, ``indicative``, ``published``,
``rated`` and ``total``, and the detail per criterion; given a day, ``stale_evidence`` and
``"stale"`` on each evidence item (``model.staleness.document_day`` says which day).
"""

from __future__ import annotations

import datetime
from typing import Any

import msgspec

from selfassess.model.assessment import Assessment
from selfassess.model.comparison import Comparison, LinkedCriterion, compare
from selfassess.model.framework import Framework
from selfassess.model.scoring import Scorecard, score
from selfassess.model.staleness import find_stale, is_stale, staleness_data


class Summary(msgspec.Struct, frozen=True):
    """An assessment with its scorecard and comparison, computed once."""

    framework: Framework
    assessment: Assessment
    scorecard: Scorecard
    comparison: Comparison


def summarise(framework: Framework, assessment: Assessment) -> Summary:
    scorecard = score(framework, assessment)
    return Summary(framework, assessment, scorecard, compare(framework, assessment, scorecard))


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def report_data(summary: Summary, today: datetime.date | None = None) -> dict[str, Any]:
    """The whole report as JSON-ready data (stable key order).

    With ``today``, evidence is marked stale or not as of that day: each evidence item gains
    ``"stale"`` and the report a ``"stale_evidence"`` object (as ``actions --format json``).
    """
    fw, a = summary.framework, summary.assessment
    staleness = find_stale(fw, a, today) if today is not None else None
    gaps = {g.judgement: g for g in summary.comparison.gaps}
    rows: list[dict[str, Any]] = []
    for s in summary.scorecard.judgements:
        gap = gaps[s.judgement]
        rows.append(
            {
                "judgement": s.judgement,
                "title": s.title,
                "indicative": s.grade,
                "provisional": s.provisional,
                "published": gap.published,
                "gap": gap.gap,
                "gap_text": gap.text,
                "rated": s.rated,
                "total": s.total,
                "not_applicable": s.not_applicable,
                "counts": dict(s.counts),
                "rule": s.rule,
                "reasons": list(s.reasons),
                "drivers": list(s.drivers),
            }
        )
    overall = summary.scorecard.overall
    if overall is not None:
        gap = gaps[overall.judgement]
        rows.append(
            {
                "judgement": overall.judgement,
                "title": overall.title,
                "indicative": overall.grade,
                "provisional": overall.provisional,
                "published": gap.published,
                "gap": gap.gap,
                "gap_text": gap.text,
                "rated": sum(s.rated for s in summary.scorecard.judgements),
                "total": sum(s.total for s in summary.scorecard.judgements),
                "derived": True,
                "basis": overall.basis,
                "reasons": list(overall.reasons),
            }
        )
    published = a.published
    criteria = []
    for judgement in fw.judgements:
        for c in judgement.criteria:
            record = a.record(c.id)
            criteria.append(
                {
                    "id": c.id,
                    "judgement": judgement.id,
                    "title": c.title,
                    "limiting": c.limiting,
                    "themes": list(c.themes),
                    "national_framework": list(c.national_framework),
                    "indicators": list(c.indicators),
                    "rating": record.rating,
                    "na_reason": record.na_reason or None,
                    "confidence": record.confidence,
                    "notes": record.notes,
                    "review": record.review,
                    "evidence": [
                        {
                            "what": e.what,
                            "type": e.type,
                            "where": e.where,
                            "date": _iso(e.date),
                            "owner": e.owner,
                            **(
                                {"stale": is_stale(e.date, staleness.cutoff)}
                                if staleness is not None
                                else {}
                            ),
                        }
                        for e in record.evidence
                    ],
                    "actions": [
                        {"what": x.what, "owner": x.owner, "due": _iso(x.due), "status": x.status}
                        for x in record.actions
                    ],
                }
            )
    linked = summary.comparison

    def links(items: list[LinkedCriterion]) -> list[dict[str, Any]]:
        return [
            {"area": i.area, "criterion": i.criterion, "title": i.title, "rating": i.rating}
            for i in items
        ]

    data: dict[str, Any] = {
        "authority": a.authority,
        "period": a.period,
        "assessors": list(a.assessors),
        "review_date": _iso(a.review_date),
        "framework": {
            "id": fw.id,
            "version": fw.version,
            "title": fw.title,
            "assessed_against_version": a.framework_version,
            "inspectorate": fw.inspectorate,
            "published_label": fw.published_grades,
            "subject": fw.subject,
            "service": fw.service,
            "caveat": fw.caveat,
        },
        # With no inspectorate named in the framework nothing published is compared with.
        "published_report": None
        if published is None or not fw.compares_published
        else {
            "source": published.source,
            "published": _iso(published.published),
            "inspection_start": _iso(published.inspection_start),
            "inspection_end": _iso(published.inspection_end),
            "lead_inspector": published.lead_inspector,
            "areas_for_improvement": [
                {"text": area.text, "criteria": list(area.criteria)}
                for area in published.areas_for_improvement
            ],
        },
        "scorecard": rows,
        "blind_spots": links(linked.blind_spots),
        "known_areas": links(linked.known),
        "unrated_areas": links(linked.unrated),
        "criteria": criteria,
    }
    if staleness is not None:
        data["stale_evidence"] = staleness_data(staleness)
    return data
