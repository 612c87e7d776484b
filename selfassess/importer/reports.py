"""Reading Ofsted ILACS inspection reports into what they state.

A report gives the local authority, the inspection dates, the lead inspector, a table of
judgement grades and a "What needs to improve" list. The judgements are recognised from the
published titles (and variants) held in the frameworks, and the report's layout is the framework
whose judgements match the table, so a new framework version needs a TOML edit, not code.

Parsing is pure (``parse_report`` takes page texts, one at a time and only as far as needed);
``files.read_report`` reads a file. Nothing that cannot be read is guessed: every failure is an
``InputError`` naming the file and what was missing. The parts of a report are read by
``header``, ``grade_table`` and ``areas``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from selfassess.importer.areas import read_areas
from selfassess.importer.authorities import authority_name
from selfassess.importer.grade_table import Vocabulary, find_table, match_layout
from selfassess.importer.header import (
    other_document,
    read_inspection_dates,
    read_lead_inspector,
    read_local_authority,
)
from selfassess.importer.text import NOT_ILACS, Pages
from selfassess.model.errors import InputError
from selfassess.model.linking import NationalFrameworkTag

if TYPE_CHECKING:
    from selfassess.model.framework import Framework

__all__ = ["NOT_ILACS", "ImportedReport", "parse_report"]


@dataclass(frozen=True, slots=True)
class ImportedReport:
    """What one Ofsted ILACS report states, and the framework whose layout it matches."""

    source: str
    local_authority: str
    inspection_start: datetime.date
    inspection_end: datetime.date
    lead_inspector: str
    framework: str
    """The id of the framework whose judgements match the report's table of grades."""
    judgements: dict[str, str]
    """Judgement id → grade id, in the framework's order (overall last, where there is one)."""
    areas_for_improvement: tuple[str, ...]
    pages_read: int = 0
    pages_total: int | None = None
    """Pages in the file (None for text, which has no pages)."""
    titles: dict[str, str] = field(default_factory=dict)
    """Judgement id → the title as the report prints it (for display)."""
    national_framework: tuple[tuple[NationalFrameworkTag, ...], ...] = ()
    """The national framework tags of each area for improvement, in the same order (an area
    without tags has none); the tags are not kept in the areas' text."""

    @property
    def authority(self) -> str:
        """The authority's name as the DfE's open data writes it ("Sutton")."""
        return authority_name(self.local_authority)

    def tags_of(self, index: int) -> tuple[NationalFrameworkTag, ...]:
        """The national framework tags of area ``index`` (none if it has none)."""
        return self.national_framework[index] if index < len(self.national_framework) else ()

    def to_json(self) -> dict[str, Any]:
        """The JSON object ``import-report --json`` prints for this report."""
        return {
            "local_authority": self.local_authority,
            "inspection_start": self.inspection_start.isoformat(),
            "inspection_end": self.inspection_end.isoformat(),
            "lead_inspector": self.lead_inspector,
            "framework": self.framework,
            "judgements": dict(self.judgements),
            "authority": self.authority,
            "areas_for_improvement": list(self.areas_for_improvement),
            "national_framework_tags": [
                [tag.to_json() for tag in self.tags_of(i)]
                for i in range(len(self.areas_for_improvement))
            ],
            "source": self.source,
        }


def parse_report(
    pages: Iterable[str], frameworks: Sequence[Framework], source: str = ""
) -> ImportedReport:
    """Read a report from the text of its pages, taken one at a time and only as far as needed.

    ``frameworks`` are the candidate layouts (the bundled frameworks, usually). Raise
    ``InputError`` naming ``source`` and what is missing when the report cannot be read.
    """
    vocabulary = Vocabulary.of(frameworks)
    reader = Pages(pages)
    first = reader.get(0)
    if first is None or not any(first):
        raise InputError.single(source or None, "has no text to read (is it a scanned image?)")

    other = other_document(first)
    # A table can start on page 2 or 3 after a cover; an older or other kind of report is
    # known from its first page, so its other pages are not read.
    table = find_table(reader, vocabulary, pages=1 if other else 3)
    if table is None:
        message = other or f"no table of judgement grades found — {NOT_ILACS}"
        raise InputError.single(source or None, message)
    rows, table_page, table_end_line = table
    try:
        framework, judgements, titles = match_layout(rows, vocabulary, source)
    except InputError:
        if other:
            raise InputError.single(source or None, other) from None
        raise

    header = first[:table_end_line] if table_page == 0 else first
    local_authority = read_local_authority(header)
    if not local_authority:
        raise InputError.single(
            source or None, "no local authority name found above the inspection dates"
        )
    start, end = read_inspection_dates(header, source)
    lead = read_lead_inspector(header)
    areas = read_areas(
        reader,
        vocabulary,
        table_page,
        table_end_line,
        source,
        all_outstanding=all(g == "outstanding" for g in judgements.values()),
    )

    return ImportedReport(
        source=source,
        local_authority=local_authority,
        inspection_start=start,
        inspection_end=end,
        lead_inspector=lead,
        framework=framework.id,
        judgements=judgements,
        areas_for_improvement=tuple(text for text, _ in areas),
        national_framework=tuple(tags for _, tags in areas),
        pages_read=reader.read,
        titles=titles,
    )
