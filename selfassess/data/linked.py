"""The published figures an assessment's framework links to its criteria, and where a figure and
a rating disagree.

Everything that shows figures beside a self-assessment (the terminal report, ``--format json``,
the app's criterion panel, the HTML and Word exports) starts from ``linked_figures``: figures are
shown only for an assessment that names its authority by ``authority_code``, and never for
another council than the one the file names (``Dataset.for_assessment``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfassess.data.published import (
    Authority,
    Dataset,
    Figure,
    Number,
    authority_json,
    dataset,
    indicators_json,
)
from selfassess.model.errors import InputError, Problem
from selfassess.model.labels import plain
from selfassess.model.validation import suggest

if TYPE_CHECKING:
    from selfassess.model.assessment import Assessment
    from selfassess.model.framework import Framework


@dataclass(frozen=True)
class LinkedFigure:
    """One indicator a framework links, for the assessment's authority."""

    figure: Figure
    """The latest year's figure, with England, the region, the neighbours' median and place."""
    trend: tuple[tuple[int, Number | None], ...]
    """The authority's figures by year, oldest first (None: suppressed or not published)."""
    criteria: tuple[str, ...]
    """The criteria that link this indicator, in the framework's order."""

    @property
    def id(self) -> str:
        return self.figure.indicator.id


@dataclass(frozen=True)
class AuthorityFigures:
    """An assessment's authority and the figures its framework links, in framework order."""

    authority: Authority
    figures: tuple[LinkedFigure, ...]
    inspections_source: str = ""

    def for_criterion(self, criterion_id: str) -> list[LinkedFigure]:
        return [f for f in self.figures if criterion_id in f.criteria]

    @property
    def sources(self) -> list[str]:
        """The publications the figures come from, each once, in the order first used."""
        seen: list[str] = []
        for f in self.figures:
            if f.figure.indicator.source not in seen:
                seen.append(f.figure.indicator.source)
        return seen


def indicator_links(framework: Framework) -> dict[str, list[str]]:
    """Indicator id → the criteria linking it, both in the framework's order."""
    links: dict[str, list[str]] = {}
    for criterion in framework.criteria.values():
        for indicator_id in criterion.indicators:
            links.setdefault(indicator_id, []).append(criterion.id)
    return links


def find_authority(
    assessment: Assessment, file: str | Path | None = None, data: Dataset | None = None
) -> Authority | None:
    """The authority whose figures an assessment shows: None without an ``authority_code``.

    A code that is not an authority's, or that names another council than ``authority`` does,
    is an ``InputError`` naming the file and ``authority_code``.
    """
    code = assessment.authority_code.strip()
    if not code:
        return None
    data = data or dataset()
    return data.for_assessment(assessment.authority, code, file=file)


def linked_figures(
    framework: Framework,
    assessment: Assessment,
    *,
    file: str | Path | None = None,
    data: Dataset | None = None,
) -> AuthorityFigures | None:
    """The figures ``framework`` links to its criteria, for the authority the assessment names
    by its ``authority_code``; None when it has none (nothing is shown, as before).

    Raises ``InputError`` (naming ``file`` and ``authority_code``) for a code that is unknown or
    contradicts the authority's name. Indicator ids the dataset does not hold are left out
    (loading a framework reports them).
    """
    data = data or dataset()
    authority = find_authority(assessment, file, data)
    if authority is None:
        return None
    figures = []
    for indicator_id, criteria in indicator_links(framework).items():
        if indicator_id not in data.indicators:
            continue
        series = data.series(authority.code, indicator_id)
        figures.append(
            LinkedFigure(
                figure=data.figure(authority, indicator_id),
                trend=tuple(sorted(series.items())),
                criteria=tuple(criteria),
            )
        )
    return AuthorityFigures(authority, tuple(figures), data.inspections_source)


def report_json(figures: AuthorityFigures | None, assessment: Assessment) -> dict[str, Any]:
    """What ``report --format json`` adds: ``"authority": {"code", "name", "region"}`` (code and
    region null without an authority code) and ``"indicators"``, one entry per linked indicator,
    latest period each."""
    if figures is None:
        return {
            "authority": {"code": None, "name": assessment.authority, "region": None},
            "indicators": [],
        }
    criteria = {f.id: list(f.criteria) for f in figures.figures}
    return {
        "authority": authority_json(figures.authority),
        "indicators": indicators_json(dataset(), figures.authority, criteria),
    }


# --- where the figure and the rating disagree ------------------------------------------------


def disagreement(framework: Framework, rating: str | None, figure: Figure) -> str | None:
    """A question to discuss where a rating and a published figure point different ways; None
    where they do not.

    Rated strong (the framework's ``strong_ratings``, e.g. green or blue) while the figure is in
    the worst quarter of the authority and its neighbours, or rated the lowest level (red) while
    it is in the best quarter. Context figures (direction "neither") never disagree. It is only
    ever a question: a figure does not grade practice.
    """
    if rating is None or not framework.rating_levels:
        return None
    quarter = figure.quarter
    if quarter is None:
        return None
    level = framework.level_by_id.get(rating)
    if level is None:
        return None
    place = f"{_ordinal(figure.rank or 0)} of {figure.ranked}"
    label = figure.indicator.label[:1].lower() + figure.indicator.label[1:]
    rated = plain(level.label, single_line=True).lower()  # the framework's words: shown as data
    if quarter == "worst" and rating in framework.strong_ratings():
        return (
            f"Rated {rated}, but {label} in {figure.year} is among the worst "
            f"quarter of your statistical neighbours ({place}). What does your evidence show "
            "that this figure does not?"
        )
    if quarter == "best" and rating == framework.rating_levels[0].id:
        return (
            f"Rated {rated}, but {label} in {figure.year} is among the best "
            f"quarter of your statistical neighbours ({place}). What does your evidence show "
            "that this figure does not?"
        )
    return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def place_text(figure: Figure) -> str:
    """ "3rd of 11 (1st is best)", or "" for a context figure or a missing one."""
    if figure.rank is None:
        return ""
    return f"{_ordinal(figure.rank)} of {figure.ranked}"


# --- checking a framework's links ------------------------------------------------------------


def indicator_problems(framework: Framework, data: Dataset | None = None) -> list[Problem]:
    """Each criterion's ``indicators`` that are not indicators of the shipped dataset, placed
    as in the framework file (``judgements[0].criteria[2].indicators[1]``), with a suggestion."""
    if not any(c.indicators for c in framework.criteria.values()):
        return []  # a framework with no links costs no dataset read
    data = data or dataset()
    known = sorted(data.indicators)
    problems: list[Problem] = []
    for i, judgement in enumerate(framework.judgements):
        for k, criterion in enumerate(judgement.criteria):
            for n, indicator_id in enumerate(criterion.indicators):
                if indicator_id in data.indicators or not indicator_id.strip():
                    continue
                problems.append(
                    Problem(
                        f"judgements[{i}].criteria[{k}].indicators[{n}]",
                        f'"{indicator_id}" is not a published indicator selfassess holds '
                        f"(criterion {criterion.id}){suggest(indicator_id, known)}. "
                        "The indicators are listed in docs/data.md.",
                    )
                )
    return problems


def check_indicator_links(framework: Framework, file: str | Path | None = None) -> None:
    """Raise ``InputError`` naming the framework file for every unknown indicator id."""
    problems = indicator_problems(framework)
    if problems:
        raise InputError(file, problems)


def authority_names(data: Dataset | None = None) -> list[tuple[str, str]]:
    """(name, code) of every current English local authority, by name: for a form's list."""
    data = data or dataset()
    return sorted(
        ((a.name, a.code) for a in data.authorities.values() if a.current),
        key=lambda item: item[0].casefold(),
    )
