"""Each judgement's indicative grade across several assessments over time.

Pure: takes (name, framework, assessment) triples, returns data. Assessments are put in order of
their ``period`` text (digits compared as numbers, so "2025 Q10" follows "2025 Q9"), then of the
order they were given; those with no period come last, in the order given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from selfassess.model.assessment import Assessment
from selfassess.model.framework import Framework
from selfassess.model.scoring import score


@dataclass(frozen=True, slots=True)
class Point:
    """One assessment: a column of the trend."""

    name: str
    authority: str
    period: str
    framework: str
    framework_version: str
    rated: int
    total: int
    authority_code: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    grade: str | None
    provisional: bool
    published: str | None
    present: bool
    """False where this assessment's framework has no such judgement."""


@dataclass(frozen=True, slots=True)
class Row:
    judgement: str
    title: str
    cells: list[Cell]


@dataclass(frozen=True, slots=True)
class Trend:
    points: list[Point]
    rows: list[Row]
    frameworks: dict[str, Framework]
    """Framework of each point, by point name, for labels and colours."""

    @property
    def authorities(self) -> list[str]:
        """Each authority once, as its first file names it: files with the same DfE code are one
        authority under two names ("Peterborough", "Peterborough City Council")."""
        seen: list[Point] = []
        for p in self.points:
            if not any(_same_authority(p, q) for q in seen):
                seen.append(p)
        return [p.authority for p in seen]


def _same_authority(a: Point, b: Point) -> bool:
    if a.authority_code and a.authority_code == b.authority_code:
        return True
    return " ".join(a.authority.split()).casefold() == " ".join(b.authority.split()).casefold()


def period_key(period: str) -> tuple[Any, ...]:
    """Sort key for period text: digits as numbers, case ignored; empty sorts last."""
    parts = re.split(r"(\d+)", period.strip().casefold())
    return (not period.strip(), tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p))


def trend(items: list[tuple[str, Framework, Assessment]]) -> Trend:
    """The indicative grade of every judgement (overall too) at every point."""
    ordered = [
        item
        for _, item in sorted(enumerate(items), key=lambda x: (period_key(x[1][2].period), x[0]))
    ]
    points, cards = [], []
    frameworks: dict[str, Framework] = {}
    for name, fw, a in ordered:
        card = score(fw, a)
        cards.append((fw, a, card))
        frameworks[name] = fw
        points.append(
            Point(
                name,
                a.authority,
                a.period,
                a.framework,
                a.framework_version,
                sum(s.rated for s in card.judgements),
                sum(s.total for s in card.judgements),
                a.authority_code,
            )
        )
    # Judgements in the order of the latest framework, then any only older ones had.
    ids: list[str] = []
    titles: dict[str, str] = {}
    for fw, _, _ in reversed(cards):
        for jid in fw.published_judgement_ids():
            if jid not in ids:
                ids.append(jid)
                titles[jid] = fw.judgement_label(jid)
    overall = {fw.overall.id for fw, _, _ in cards if fw.overall}
    ids = [j for j in ids if j not in overall] + [j for j in ids if j in overall]
    rows = []
    for jid in ids:
        cells = []
        for fw, a, card in cards:
            present = jid in fw.published_judgement_ids()
            grade = card.grade_of(jid) if present else None
            published = a.published.grades.get(jid) if a.published else None
            cells.append(Cell(grade, bool(grade) and card.provisional(jid), published, present))
        rows.append(Row(jid, titles[jid], cells))
    return Trend(points, rows, frameworks)


def trend_data(t: Trend) -> dict[str, Any]:
    """JSON-ready data (stable key order): what ``selfassess trend --format json`` prints."""
    return {
        "points": [
            {
                "file": p.name,
                "authority": p.authority,
                "period": p.period,
                "framework": p.framework,
                "framework_version": p.framework_version,
                "rated": p.rated,
                "total": p.total,
            }
            for p in t.points
        ],
        "judgements": [
            {
                "judgement": row.judgement,
                "title": row.title,
                "grades": [
                    {
                        "file": p.name,
                        "period": p.period,
                        "indicative": cell.grade,
                        "provisional": cell.provisional,
                        "published": cell.published,
                        "in_framework": cell.present,
                    }
                    for p, cell in zip(t.points, row.cells, strict=True)
                ],
            }
            for row in t.rows
        ],
    }
