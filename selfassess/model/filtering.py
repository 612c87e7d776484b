"""Which criteria to show: text search and quick filters (rating, limiting, theme).

Pure data and a test: the app keeps a ``CriterionFilter`` and asks it about each criterion, so
the same rules can serve a report or an export later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfassess.model.assessment import Assessment
from selfassess.model.framework import NOT_APPLICABLE, Criterion, Framework

NOT_RATED = "not_rated"
"""Stands for "no rating yet" among the ratings a filter keeps."""


@dataclass(frozen=True, slots=True)
class CriterionFilter:
    """Criteria to keep: all conditions must hold; any of ``ratings`` will do.

    ``text`` is split into words and every word must appear (any case) in the criterion's
    title, what good looks like, prompts, or what was recorded against it (evidence, notes,
    actions, the reason it does not apply).
    """

    text: str = ""
    ratings: frozenset[str] = field(default_factory=frozenset)
    """Rating ids, ``NOT_RATED`` or ``NOT_APPLICABLE``; empty keeps every rating."""
    limiting: bool = False
    theme: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip() or self.ratings or self.limiting or self.theme)

    def matches(self, framework: Framework, assessment: Assessment, criterion: Criterion) -> bool:
        if self.limiting and not criterion.limiting:
            return False
        if self.theme and self.theme not in criterion.themes:
            return False
        if self.ratings:
            rating = assessment.rating(criterion.id)
            if (rating if rating is not None else NOT_RATED) not in self.ratings:
                return False
        words = self.text.lower().split()
        if words:
            haystack = searchable_text(criterion, assessment).lower()
            if not all(word in haystack for word in words):
                return False
        return True

    def matching(self, framework: Framework, assessment: Assessment) -> list[str]:
        """Ids of the criteria kept, in the framework's order."""
        return [c.id for c in framework.criteria.values() if self.matches(framework, assessment, c)]

    def describe(self, framework: Framework) -> str:
        """The filter in words, e.g. 'not rated or red · limiting · theme: Front door · "plan"'."""
        parts: list[str] = []
        if self.ratings:
            names = []
            for rating in [*(lv.id for lv in framework.rating_levels), NOT_APPLICABLE, NOT_RATED]:
                if rating in self.ratings:
                    names.append(rating_name(framework, rating))
            parts.append(" or ".join(names))
        if self.limiting:
            parts.append("limiting only")
        if self.theme:
            theme = framework.theme_by_id.get(self.theme)
            parts.append(f"theme: {theme.label if theme else self.theme}")
        if self.text.strip():
            parts.append(f'containing "{" ".join(self.text.split())}"')
        return " · ".join(parts) if parts else "everything"


def rating_name(framework: Framework, rating: str) -> str:
    """A rating as a filter names it: "not rated", "not applicable", or the level's label."""
    if rating == NOT_RATED:
        return "not rated"
    if rating == NOT_APPLICABLE:
        return "not applicable"
    level = framework.level_by_id.get(rating)
    return level.label.lower() if level else rating


def searchable_text(criterion: Criterion, assessment: Assessment) -> str:
    """Everything a text search looks in, for one criterion."""
    record = assessment.record(criterion.id)
    parts = [
        criterion.title,
        criterion.what_good_looks_like,
        *criterion.prompts,
        *criterion.evidence_examples,
        record.notes,
        record.na_reason,
    ]
    for evidence in record.evidence:
        parts += [evidence.what, evidence.where, evidence.owner]
    for action in record.actions:
        parts += [action.what, action.owner]
    return "\n".join(parts)
