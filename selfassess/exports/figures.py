"""The authority's published figures as the exports show them: values, comparisons and words.

A framework links criteria to published indicators (``criterion.indicators``); when the
assessment names an authority the shipped dataset knows, each linked indicator's latest figure
is shown with England, the region and the neighbours' median, and its yearly series is drawn.
An assessment of an authority the dataset does not know (or whose framework links nothing) has
no figures, and its exports are as before. A figure that is suppressed or not published is
said to be so, never shown as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from selfassess.model.errors import InputError

if TYPE_CHECKING:
    from selfassess.data.published import Number
    from selfassess.model.summary import Summary

NOT_PUBLISHED = "not published"
"""A missing or suppressed figure, in words."""

SOURCE_NOTE = (
    "Published by the Department for Education under the Open Government Licence v3.0. "
    "A figure is a question to discuss, not a grade."
)


@dataclass(frozen=True, slots=True)
class YearFigures:
    """One year of an indicator: the authority, its neighbours' median and England."""

    year: int
    value: Number | None
    neighbours_median: Number | None
    england: Number | None


@dataclass(frozen=True, slots=True)
class IndicatorFigures:
    """One linked indicator: its latest figures, its series and the criteria it bears on."""

    id: str
    label: str
    unit: str
    direction: str
    """ "higher", "lower" or "neither" (context, not a score)."""
    source: str
    year: int
    value: Number | None
    england: Number | None
    region: Number | None
    neighbours_median: Number | None
    rank: int | None
    ranked: int
    criteria: tuple[str, ...]
    """Titles of the criteria that link it, in the framework's order."""
    series: tuple[YearFigures, ...]


@dataclass(frozen=True, slots=True)
class PublishedFigures:
    """The figures for one authority."""

    authority: str
    code: str
    region: str
    indicators: tuple[IndicatorFigures, ...]


def linked_indicators(summary: Summary) -> dict[str, list[str]]:
    """Indicator id → titles of the criteria linking it, in the framework's order."""
    linked: dict[str, list[str]] = {}
    for criterion in summary.framework.criteria.values():
        for indicator_id in criterion.indicators:
            titles = linked.setdefault(indicator_id, [])
            if criterion.title not in titles:
                titles.append(criterion.title)
    return linked


def published_figures(summary: Summary) -> PublishedFigures | None:
    """The figures to show, or None: no indicator linked, or an authority the data lacks.

    An ``authority_code`` that is unknown, or names another council than ``authority`` does,
    is an ``InputError``: figures are never shown for a council the file does not name.
    """
    linked = linked_indicators(summary)
    if not linked:
        return None
    from selfassess.data.published import dataset

    data = dataset()
    assessment = summary.assessment
    code = assessment.authority_code.strip()
    if code:
        authority = data.for_assessment(assessment.authority, code)
    else:
        try:
            authority = data.find(assessment.authority)
        except InputError:
            return None
    shown = []
    for indicator_id, criteria in linked.items():
        if indicator_id not in data.indicators:
            continue
        figure = data.figure(authority, indicator_id)
        indicator = figure.indicator
        series = tuple(
            YearFigures(
                year,
                value,
                data.neighbours_median(authority, indicator_id, year),
                data.value("england", indicator_id, year),
            )
            for year, value in data.series(authority.code, indicator_id).items()
        )
        shown.append(
            IndicatorFigures(
                id=indicator_id,
                label=indicator.label,
                unit=indicator.unit,
                direction=indicator.direction,
                source=indicator.source,
                year=figure.year,
                value=figure.value,
                england=figure.england,
                region=figure.region,
                neighbours_median=figure.neighbours_median,
                rank=figure.rank,
                ranked=figure.ranked,
                criteria=tuple(criteria),
                series=series,
            )
        )
    if not shown:
        return None
    return PublishedFigures(authority.name, authority.code, authority.region, tuple(shown))


def number(value: Number | None, unit: str) -> str:
    """A figure as people read it: "12.5%", "414.6", or "not published"."""
    if value is None:
        return NOT_PUBLISHED
    from selfassess.data.published import figure_text

    text = figure_text(value)
    return f"{text}%" if unit == "%" else text


def unit_words(indicator: IndicatorFigures) -> str:
    """E.g. "per 10,000 children", "%", "cases": said after the label in tables."""
    return {"%": "per cent", "per 10,000": "per 10,000 children"}.get(
        indicator.unit, indicator.unit
    )


def direction_words(indicator: IndicatorFigures) -> str:
    if indicator.direction == "higher":
        return "higher is better"
    if indicator.direction == "lower":
        return "lower is better"
    return "context, not a score"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def place_words(indicator: IndicatorFigures) -> str:
    """Where the authority stands among its neighbours: "3rd best of 11"."""
    if indicator.direction not in ("higher", "lower"):
        return "not ranked (context)"
    if indicator.rank is None:
        return "not ranked"
    return f"{ordinal(indicator.rank)} best of {indicator.ranked}"


def header(figures: PublishedFigures) -> str:
    """What the figures are, in one sentence."""
    return (
        f"The latest figures published for {figures.authority} ({figures.code}, "
        f"{figures.region}) for the indicators the framework links to its criteria, with "
        "England, the region and the median of its statistical neighbours."
    )


def chart_description(figures: PublishedFigures, indicator: IndicatorFigures) -> str:
    """A chart's text alternative: what it shows and what it says."""
    known = [y for y in indicator.series if y.value is not None]
    what = f"Line chart of {indicator.label.lower()} ({unit_words(indicator)}), {figures.authority}"
    if not known:
        return f"{what}: no figure published in any year."
    first, last = known[0], known[-1]
    text = (
        f"{what} with its neighbours' median and England, {indicator.series[0].year} to "
        f"{indicator.series[-1].year}. {figures.authority}: "
        f"{number(first.value, indicator.unit)} in {first.year}"
    )
    if last.year != first.year:
        text += f", {number(last.value, indicator.unit)} in {last.year}"
    text += (
        f"; in {last.year} the neighbours' median was "
        f"{number(last.neighbours_median, indicator.unit)} and England "
        f"{number(last.england, indicator.unit)}."
    )
    missing = [str(y.year) for y in indicator.series if y.value is None]
    if missing:
        text += f" Not published for {', '.join(missing)}."
    return text


def series_words(figures: PublishedFigures, indicator: IndicatorFigures) -> str:
    """The authority's series in words: "2013: 351.8; 2014: 379.1; …"."""
    return "; ".join(f"{y.year}: {number(y.value, indicator.unit)}" for y in indicator.series)
