"""The self-assessment set beside the published grades (e.g. Ofsted's): grade gaps and possible
blind spots. With no inspectorate named in the framework there is nothing to compare with."""

from __future__ import annotations

import msgspec

from selfassess.model.assessment import Assessment
from selfassess.model.framework import Framework
from selfassess.model.labels import plain
from selfassess.model.scoring import Scorecard

_STEPS = {1: "one", 2: "two", 3: "three", 4: "four"}


class GradeGap(msgspec.Struct, frozen=True):
    """One judgement's indicative grade beside its published grade."""

    judgement: str
    title: str
    indicative: str | None
    published: str | None
    provisional: bool
    gap: int | None
    """Steps from the published grade to ours; positive means we are more generous than the
    inspectorate."""
    inspectorate: str = ""
    """Who published the grade, for the gap in words ("" for none)."""

    @property
    def text(self) -> str:
        return gap_text(self.gap, self.indicative, self.published, self.inspectorate)


class LinkedCriterion(msgspec.Struct, frozen=True):
    """A criterion linked to a published area for improvement, with its rating."""

    area: str
    criterion: str
    title: str
    rating: str | None


class Comparison(msgspec.Struct, frozen=True):
    gaps: list[GradeGap]
    blind_spots: list[LinkedCriterion]
    """Linked to an area for improvement but rated strong (green or better)."""
    known: list[LinkedCriterion]
    """Linked to an area for improvement and rated below strong: the authority already knew."""
    unrated: list[LinkedCriterion]
    """Linked to an area for improvement and not yet rated."""


def gap_text(
    gap: int | None, indicative: str | None, published: str | None, inspectorate: str = ""
) -> str:
    """The gap in words, e.g. "one grade more generous than Ofsted"."""
    if published is None:
        return "no published grade"
    if indicative is None or gap is None:
        return "no indicative grade yet"
    them = inspectorate or "the published grade"
    if gap == 0:
        return f"same as {them}"
    steps = _STEPS.get(abs(gap), str(abs(gap)))
    noun = "grade" if abs(gap) == 1 else "grades"
    side = f"more generous than {them}" if gap > 0 else f"more severe than {them}"
    return f"{steps} {noun} {side}"


def linked_criteria(
    framework: Framework, assessment: Assessment, area: str, criterion_ids: list[str]
) -> list[LinkedCriterion]:
    """The criteria an area for improvement is linked to, with their ratings (ids the framework
    does not hold are left out). Every report and export lists the links through this."""
    return [
        LinkedCriterion(area, cid, framework.criteria[cid].title, assessment.rating(cid))
        for cid in criterion_ids
        if cid in framework.criteria
    ]


def compare(framework: Framework, assessment: Assessment, scorecard: Scorecard) -> Comparison:
    """Set each judgement's indicative grade beside the published one and find possible blind
    spots."""
    # With no inspectorate named there is nothing published to compare with, whatever the
    # file holds.
    published_report = assessment.published if framework.compares_published else None
    published = published_report.grades if published_report else {}
    inspectorate = plain(framework.inspectorate, single_line=True)
    gaps = []
    for jid in framework.published_judgement_ids():
        ours = scorecard.grade_of(jid)
        theirs = published.get(jid)
        gap = None
        if ours is not None and theirs is not None and theirs in framework.grade_by_id:
            gap = framework.grade_rank(ours) - framework.grade_rank(theirs)
        gaps.append(
            GradeGap(
                jid,
                framework.published_title(jid),
                ours,
                theirs,
                scorecard.provisional(jid),
                gap,
                inspectorate,
            )
        )
    strong = set(framework.strong_ratings())
    blind, known, unrated = [], [], []
    areas = published_report.areas_for_improvement if published_report else []
    for area in areas:
        for linked in linked_criteria(framework, assessment, area.text, area.criteria):
            rating = linked.rating
            if rating in strong:
                blind.append(linked)
            elif rating is None:
                unrated.append(linked)
            elif rating in framework.level_by_id:
                known.append(linked)
    return Comparison(gaps, blind, known, unrated)
