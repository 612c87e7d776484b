"""The header of a report: the authority, the inspection dates and the lead inspector; and
the other kinds of Ofsted document, recognised from their first page so they can be named."""

from __future__ import annotations

import datetime
import re

from selfassess.importer.text import MONTH_PATTERN, MONTHS, clean_text, words_of
from selfassess.model.errors import InputError

_DATES = re.compile(
    rf"inspection\s+dates?\s*:?\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:\s+(?P<m1>{MONTH_PATTERN})\.?)?(?:\s+(?P<y1>\d{{4}}))?"
    rf"\s*(?:to|until|-|–|—)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTH_PATTERN})\.?\s+(?P<y2>\d{{4}})",
    re.IGNORECASE,
)


_LEAD = re.compile(r"^lead\s+inspectors?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)


_INSPECTOR_ROLE = re.compile(
    r"[,;]?\s*(?:(?:his|her)\s+majesty['’]s\s+inspector|hmi|ofsted\s+inspector|social\s+care\s+"
    r"regulatory\s+inspector)s?\b.*$",
    re.IGNORECASE,
)


_SIF_MARKERS = (
    "children looked after and achieving permanence",
    "local safeguarding children board",
    "inspection of services for children in need of help and protection",
    "single inspection framework",
)


_OTHER_DOCUMENTS = (
    ("monitoring visit", "a monitoring visit letter, which has no judgement grades"),
    ("focused visit", "a focused visit letter, which has no judgement grades"),
    (
        "joint targeted area inspection",
        "a joint targeted area inspection letter, which has no judgement grades",
    ),
)


def other_document(first_page: list[str]) -> str | None:
    """What is wrong, if the first page shows an Ofsted document that is not an ILACS report."""
    text = " ".join(words_of(" ".join(first_page)))
    if any(marker in text for marker in _SIF_MARKERS):
        return (
            "is a report under Ofsted's older single inspection framework (SIF, 2013–2018), "
            "not an ILACS report; selfassess imports ILACS reports (inspections from 2018) only"
        )
    for marker, what in _OTHER_DOCUMENTS:
        if marker in text:
            return f"looks like {what}; selfassess imports full ILACS inspection reports only"
    return None


def read_local_authority(header: list[str]) -> str:
    """The authority's name from the lines above the inspection dates.

    Two forms: "Peterborough City Council" above "Inspection of children's social care
    services" (2018–2022), and "Inspection of Peterborough local authority children's services".
    """
    lines: list[str] = []
    for line in header:
        if re.match(r"inspection\s+dates?\b", line, re.IGNORECASE) or _LEAD.match(line):
            break
        if line:
            lines.append(line)
    text = clean_text(" ".join(lines))
    apostrophe = r"(?:['’]s|s['’]?)"
    match = re.search(
        rf"inspection\s+of\s+(?P<name>.+?)\s+local\s+authority\s+children{apostrophe}\s+services",
        text,
        re.IGNORECASE,
    )
    if match:
        return match.group("name").strip(" ,")
    match = re.search(r"^(?P<name>.+?)\s+inspection\s+of\b", text, re.IGNORECASE)
    if match:
        return match.group("name").strip(" ,")
    # "Inspection of Doncaster Metropolitan Borough Council children's services", and services
    # run by a trust: "Inspection of Bradford Children and Families Trust".
    match = re.search(
        rf"^inspection\s+of\s+(?P<name>.+?)(?:\s+children{apostrophe}\s+(?:social\s+care\s+)?"
        r"services)?$",
        text,
        re.IGNORECASE,
    )
    if match:
        return match.group("name").strip(" ,")
    return ""


def read_inspection_dates(header: list[str], source: str) -> tuple[datetime.date, datetime.date]:
    text = clean_text(" ".join(header))
    match = _DATES.search(text)
    if match is None:
        raise InputError.single(
            source or None, 'no inspection dates found (the "Inspection dates: …" line)'
        )
    try:
        m2 = MONTHS[match["m2"].lower()]
        m1 = MONTHS[match["m1"].lower()] if match["m1"] else m2
        y2 = int(match["y2"])
        y1 = int(match["y1"]) if match["y1"] else (y2 - 1 if m1 > m2 else y2)
        start = datetime.date(y1, m1, int(match["d1"]))
        end = datetime.date(y2, m2, int(match["d2"]))
    except ValueError:
        raise InputError.single(
            source or None, f'the inspection dates "{match.group(0)}" are not real dates'
        ) from None
    if start > end:
        raise InputError.single(
            source or None, f'the inspection dates "{match.group(0)}" end before they start'
        )
    return start, end


def read_lead_inspector(header: list[str]) -> str:
    """The lead inspector's name, without the role ("His Majesty's Inspector")."""
    for i, line in enumerate(header):
        match = _LEAD.match(line)
        if match is None:
            continue
        rest = match["rest"].strip() or (header[i + 1] if i + 1 < len(header) else "")
        name = _INSPECTOR_ROLE.sub("", rest).strip(" ,;")
        return name.split(",")[0].strip()
    return ""
