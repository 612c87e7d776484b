"""The published figures and Ofsted grades that ship with selfassess, and how to look them up.

``dataset()`` reads ``published.json`` (made by ``python -m selfassess.data.build``) once per
process. Authorities are found by name, forgivingly ("Peterborough", "Peterborough City
Council", "City of Peterborough") or by code (874 or E06000031); a place that is not an English
local authority is an ``InputError`` with the nearest names. Neighbours' medians are worked out
here, at load time, from the neighbours' own published figures, so they always match the
neighbour list shipped with them.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.model.errors import InputError

DATASET_FILE = "published.json"
ENGLAND = "england"

MIN_NEIGHBOURS = 3
"""A neighbours' median needs at least this many neighbours with a figure for that year: fewer
(suppressed figures, authorities that did not yet exist) would not be a fair comparison."""

Number = int | float

JUDGEMENTS = {
    "overall": "Overall effectiveness",
    "leaders": "Impact of leaders",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "children_in_care_and_care_leavers": "Children in care and care leavers",
}
"""Ofsted's ILACS judgements by the bundled frameworks' ids (children in care and care leavers
were one judgement until 2023)."""

GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement to be good",
    "inadequate": "Inadequate",
}
"""Ofsted's grades by the bundled frameworks' ids."""

ALIASES = {"hull": "810", "bcp": "839"}
"""Names people use that the DfE's do not contain."""

DIRECTIONS = ("higher", "lower", "neither")
"""Which way is better: "neither" for context figures such as the rate of children in care."""


@dataclass(frozen=True)
class Neighbour:
    """One of an authority's ten statistical neighbours (DfE's 2025 model)."""

    code: str
    closeness: str
    """As the DfE words it: "Very close", "Close", "Somewhat close"…"""


@dataclass(frozen=True)
class Authority:
    """An English local authority as the DfE and Ofsted know it."""

    code: str
    """The old three-digit code, e.g. "874"."""
    new_code: str
    """The ONS code, e.g. "E06000031"."""
    name: str
    region_code: str
    region: str
    current: bool
    """False for a council that no longer exists (Northamptonshire, Cumbria…)."""
    neighbours: tuple[Neighbour, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """A published figure, with its meaning and source."""

    id: str
    label: str
    unit: str
    direction: str
    national_framework: str
    """The Children's Social Care National Framework's outcome or enabler, e.g. "outcome-4"."""
    national_framework_label: str
    source: str
    first_year: int
    last_year: int
    note: str = ""

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)


@dataclass(frozen=True)
class Inspection:
    """One ILACS inspection and its graded judgements (judgement id → grade id)."""

    inspection_start: datetime.date
    publication_date: datetime.date
    type: str
    """ "standard" or "short": both are full, graded inspections."""
    judgements: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    """One indicator for one authority in one year, with what to compare it with."""

    indicator: Indicator
    year: int
    value: Number | None
    """None: suppressed or not published (never shown as 0)."""
    england: Number | None
    region: Number | None
    neighbours_median: Number | None
    rank: int | None = None
    """1 = best among the authority and its neighbours with a figure (None for context)."""
    ranked: int = 0
    """How many were ranked (the authority included)."""

    @property
    def quarter(self) -> str | None:
        """ "best" or "worst" when the figure is in that quarter of its neighbours' figures."""
        if self.rank is None or self.ranked < 4:
            return None
        if self.rank <= self.ranked / 4:
            return "best"
        if self.rank > self.ranked * 3 / 4:
            return "worst"
        return None


_SUFFIXES = ("council", "city", "county", "borough", "metropolitan", "district", "unitary")
_PREFIXES = (
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "borough of",
    "city and county of",
    "city of",
    "county of",
    "county",
    "the",
)


def figure_text(value: Number) -> str:
    """A published figure as people read it: whole numbers as they are ("1,234"), others to
    one decimal place rounded half up, as the DfE publishes them ("19.95" → "20.0": a
    neighbours' median can have two). The screen and every export show the same digits."""
    if isinstance(value, int):
        return f"{value:,}"
    from decimal import ROUND_HALF_UP, Decimal

    return f"{Decimal(repr(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"


def name_key(text: str) -> str:
    """A name reduced to what tells authorities apart: "Peterborough City Council", "City of
    Peterborough" and "Bristol, City of" → "peterborough", "bristol"."""
    words = re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("&", " and ")).split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for prefix in _PREFIXES:
            p = prefix.split()
            if words[: len(p)] == p and len(words) > len(p):
                words = words[len(p) :]
                changed = True
        while len(words) > 1 and words[-1] in _SUFFIXES:
            words.pop()
            changed = True
        if len(words) > 2 and words[-2:] in (["city", "of"], ["county", "of"]):
            words = words[:-2]
            changed = True
    return " ".join(words)


class Dataset:
    """The shipped dataset: authorities, indicators with their yearly figures, inspections."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.about: str = data["about"]
        self.inspections_source: str = data["inspections_source"]
        regions: dict[str, str] = data["regions"]
        self.regions = regions
        framework: dict[str, str] = data["national_framework"]
        self.national_framework = framework
        self.authorities: dict[str, Authority] = {
            a["code"]: Authority(
                code=a["code"],
                new_code=a["new_code"],
                name=a["name"],
                region_code=a["region"],
                region=regions.get(a["region"], ""),
                current=a["current"],
                neighbours=tuple(Neighbour(n["code"], n["closeness"]) for n in a["neighbours"]),
            )
            for a in data["authorities"]
        }
        self.indicators: dict[str, Indicator] = {
            i["id"]: Indicator(
                id=i["id"],
                label=i["label"],
                unit=i["unit"],
                direction=i["direction"],
                national_framework=i["national_framework"],
                national_framework_label=framework.get(i["national_framework"], ""),
                source=i["source"],
                first_year=i["first_year"],
                last_year=i["last_year"],
                note=i["note"],
            )
            for i in data["indicators"]
        }
        self._values: dict[str, dict[str, list[Number | None]]] = data["values"]
        self._inspections: dict[str, list[dict[str, Any]]] = data["inspections"]
        self._by_new_code = {a.new_code.casefold(): a for a in self.authorities.values()}
        self._by_name: dict[str, list[Authority]] = {}
        region_names = {name.casefold() for name in self.regions.values()}
        for a in sorted(self.authorities.values(), key=lambda a: not a.current):
            # "City of London" is not "London": a region's name never finds an authority.
            keys = {a.name.casefold(), name_key(a.name)} - region_names
            for key in sorted(keys):
                self._by_name.setdefault(key, []).append(a)

    # --- authorities ---------------------------------------------------------------------------

    def find(self, query: str, *, file: str | Path | None = None, place: str = "") -> Authority:
        """The authority a name or code means; an ``InputError`` naming the place otherwise.

        A current council is preferred to a former one of the same name (Dorset since 2019).
        """
        text = " ".join(query.split())
        if re.fullmatch(r"\d{3}", text) and text in self.authorities:
            return self.authorities[text]
        if text.casefold() in self._by_new_code:
            return self._by_new_code[text.casefold()]
        for key in (text.casefold(), name_key(text)):
            if key in self._by_name:
                return self._by_name[key][0]
            if key in ALIASES:
                return self.authorities[ALIASES[key]]
        if re.fullmatch(r"\d+|[Ee]\d{8}", text):
            message = (
                f'"{text}" is not the code of an English local authority (codes look like 874 '
                "or E06000031)"
            )
        else:
            message = f'"{text}" is not an English local authority{self._suggestion(text)}'
        raise InputError.single(file, message, place)

    def for_assessment(
        self, authority: str, code: str = "", *, file: str | Path | None = None
    ) -> Authority:
        """The authority an assessment is of: by its ``authority_code`` where it has one, else
        by its ``authority`` name.

        A code and a name that both name authorities, but different ones, are an error: figures
        must never be shown for another council than the one the file names.
        """
        if not code:
            return self.find(authority, file=file, place="authority")
        found = self.find(code, file=file, place="authority_code")
        try:
            named = self.find(authority)
        except InputError:
            return found  # a name the dataset does not know ("Children's Services") is fine
        if named.code != found.code:
            message = (
                f"is {found.code} ({found.name}), but authority is "
                f'"{" ".join(authority.split())}" ({named.name}, {named.code}): correct one of them'
            )
            raise InputError.single(file, message, "authority_code")
        return found

    def _suggestion(self, text: str) -> str:
        """The nearest names: those whose words the text contains ("Peterborough Children's
        Services"), longest first, then those spelt nearly alike. Only ever suggested: a guess
        must not choose whose figures are shown."""
        import difflib

        query = f" {name_key(text)} "
        within = sorted(
            (key for key in self._by_name if f" {key} " in query),
            key=lambda key: (-len(key), key),
        )
        close = difflib.get_close_matches(name_key(text), list(self._by_name), n=3, cutoff=0.6)
        keys = [*within, *close][:3]
        names: list[str] = []
        for key in keys:
            name = self._by_name[key][0].name
            if name not in names:
                names.append(name)
        if not names:
            return ""
        quoted = [f'"{n}"' for n in names]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        return f" (did you mean {listed}?)"

    def neighbours(self, authority: Authority) -> list[tuple[Authority, str]]:
        """The authority's statistical neighbours, closest first, with their closeness."""
        return [
            (self.authorities[n.code], n.closeness)
            for n in authority.neighbours
            if n.code in self.authorities
        ]

    # --- figures -------------------------------------------------------------------------------

    def series(self, area: str, indicator_id: str) -> dict[int, Number | None]:
        """An area's figures by year: ``area`` is an authority's code, a region's code or
        ``"england"``. Years with no published figure are None."""
        indicator = self.indicators[indicator_id]
        values = self._values.get(area, {}).get(indicator_id)
        if values is None:
            return dict.fromkeys(indicator.years)
        return dict(zip(indicator.years, values, strict=True))

    def value(self, area: str, indicator_id: str, year: int) -> Number | None:
        return self.series(area, indicator_id).get(year)

    def neighbours_median(
        self, authority: Authority, indicator_id: str, year: int
    ) -> Number | None:
        """The median of the neighbours' figures that year (None with fewer than
        ``MIN_NEIGHBOURS`` figures)."""
        figures = [
            v
            for n in authority.neighbours
            if (v := self.value(n.code, indicator_id, year)) is not None
        ]
        if len(figures) < MIN_NEIGHBOURS:
            return None
        figures.sort()
        middle = len(figures) // 2
        if len(figures) % 2:
            return figures[middle]
        median = (figures[middle - 1] + figures[middle]) / 2
        return int(median) if median == int(median) else round(median, 2)

    def figure(self, authority: Authority, indicator_id: str, year: int | None = None) -> Figure:
        """One indicator for the authority in ``year``, by default the latest year published.

        The latest year stays the latest even where the authority's figure is suppressed: an
        older figure shown as the latest would look current.
        """
        indicator = self.indicators[indicator_id]
        year = indicator.last_year if year is None else year
        value = self.value(authority.code, indicator_id, year)
        rank: int | None = None
        ranked = 0
        if value is not None and indicator.direction in ("higher", "lower"):
            others = [
                v
                for n in authority.neighbours
                if (v := self.value(n.code, indicator_id, year)) is not None
            ]
            ranked = len(others) + 1
            if indicator.direction == "higher":
                rank = 1 + sum(1 for v in others if v > value)
            else:
                rank = 1 + sum(1 for v in others if v < value)
        return Figure(
            indicator=indicator,
            year=year,
            value=value,
            england=self.value(ENGLAND, indicator_id, year),
            region=self.value(authority.region_code, indicator_id, year),
            neighbours_median=self.neighbours_median(authority, indicator_id, year),
            rank=rank,
            ranked=ranked if rank is not None else 0,
        )

    # --- inspections ---------------------------------------------------------------------------

    def inspections(self, authority: Authority) -> list[Inspection]:
        """The authority's ILACS inspections, oldest first."""
        return [
            Inspection(
                inspection_start=datetime.date.fromisoformat(i["inspection_start"]),
                publication_date=datetime.date.fromisoformat(i["publication_date"]),
                type=i["type"],
                judgements=dict(i["judgements"]),
            )
            for i in self._inspections.get(authority.code, [])
        ]

    def latest_inspection(self, authority: Authority) -> Inspection | None:
        history = self.inspections(authority)
        return history[-1] if history else None


def time_since(day: datetime.date, today: datetime.date) -> str:
    """How long ago ``day`` was, in words: "2 years and 4 months", "11 months", "3 weeks"."""
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months < 1:
        weeks = max((today - day).days // 7, 0)
        return "less than a week" if weeks == 0 else _count(weeks, "week")
    years, months = divmod(months, 12)
    parts = [_count(years, "year")] if years else []
    if months:
        parts.append(_count(months, "month"))
    return " and ".join(parts)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@functools.cache
def dataset() -> Dataset:
    """The dataset shipped in this package, read once."""
    return Dataset(json.loads(Path(__file__).with_name(DATASET_FILE).read_bytes()))


def authority_json(authority: Authority) -> dict[str, str]:
    """``{"code", "name", "region"}`` as every command's JSON carries an authority."""
    return {"code": authority.code, "name": authority.name, "region": authority.region}


def inspection_json(inspection: Inspection) -> dict[str, Any]:
    return {
        "inspection_start": inspection.inspection_start.isoformat(),
        "publication_date": inspection.publication_date.isoformat(),
        "type": inspection.type,
        "judgements": dict(inspection.judgements),
    }


def peers_json(data: Dataset, authority: Authority) -> dict[str, Any]:
    """``selfassess peers --format json``: the authority, its inspection history and its
    neighbours' latest grades."""
    neighbours = []
    for neighbour, closeness in data.neighbours(authority):
        latest = data.latest_inspection(neighbour)
        neighbours.append(
            {
                "code": neighbour.code,
                "name": neighbour.name,
                "closeness": closeness,
                "inspection_start": latest.inspection_start.isoformat() if latest else None,
                "judgements": dict(latest.judgements) if latest else {},
            }
        )
    return {
        "authority": authority_json(authority),
        "history": [inspection_json(i) for i in data.inspections(authority)],
        "neighbours": neighbours,
    }


def indicators_json(
    data: Dataset, authority: Authority, criteria: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """For ``report --format json``: each linked indicator's latest figure with England, the
    region and the neighbours' median. ``criteria`` maps indicator ids to the criteria that
    link them (in the framework's order); unknown ids are left out."""
    shown = []
    for indicator_id, linked in criteria.items():
        if indicator_id not in data.indicators:
            continue
        f = data.figure(authority, indicator_id)
        shown.append(
            {
                "id": indicator_id,
                "label": f.indicator.label,
                "period": str(f.year),
                "value": f.value,
                "england": f.england,
                "region": f.region,
                "neighbours_median": f.neighbours_median,
                "direction": f.indicator.direction,
                "criteria": list(linked),
            }
        )
    return shown
