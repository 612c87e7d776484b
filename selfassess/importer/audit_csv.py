"""Case audit results from a CSV file, read strictly: every row used, or a reason with its line.

One row per audited case and criterion (or theme): the audit date, an audit reference (never a
child's name), the criterion id or a theme of the framework, the grade, whether it was moderated
(and the grade after moderation), and the auditor's role. Column names are matched generously
("Audit date", "date_of_audit"…) and ``mapping`` names the rest. Files saved by Excel are read
as they come: UTF-8 with or without a byte order mark, UTF-16 ("Unicode text"), or Windows-1252
("CSV" on Windows); commas, semicolons or tabs.

Nothing identifying is kept: a column whose heading or cells look like names, dates of birth or
NHS numbers stops the import (model/privacy.py), and columns not listed here are never read
into the assessment.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.model.audits import Audit, GradeReader
from selfassess.model.errors import InputError, Problem
from selfassess.model.framework import Framework
from selfassess.model.privacy import identifying_column

FIELDS: dict[str, str] = {
    "date": "the audit date",
    "reference": "the audit reference",
    "criterion": "the criterion id",
    "theme": "the theme",
    "grade": "the grade",
    "moderated": "whether it was moderated",
    "moderated_grade": "the grade after moderation",
    "auditor_role": "the auditor's role",
}
"""The fields an audit row can hold, and how a message names each."""

REQUIRED = ("date", "reference", "grade")
"""Fields every file must have a column for (and a criterion or a theme column)."""

_HEADINGS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "audit date",
        "date of audit",
        "date audited",
        "audited on",
        "audit completed",
        "date completed",
        "completed date",
        "completed on",
        "date of review",
        "audit date completed",
    ),
    "reference": (
        "reference",
        "ref",
        "audit reference",
        "audit ref",
        "audit id",
        "audit no",
        "audit number",
        "audit",
        "case reference",
        "case ref",
        "sample reference",
        "sample ref",
        "anonymised reference",
        "anonymised id",
        "id",
    ),
    "criterion": (
        "criterion",
        "criterion id",
        "criteria",
        "criteria id",
        "criterion or theme",
        "theme or criterion",
        "criterion theme",
        "selfassess criterion",
    ),
    "theme": (
        "theme",
        "audit theme",
        "theme id",
        "focus",
        "audit focus",
        "area",
        "practice area",
        "topic",
        "audit topic",
        "standard",
        "domain",
    ),
    "grade": (
        "grade",
        "audit grade",
        "overall grade",
        "auditor grade",
        "grading",
        "judgement",
        "overall judgement",
        "rating",
        "outcome",
        "audit outcome",
        "quality grade",
        "original grade",
        "initial grade",
    ),
    "moderated": (
        "moderated",
        "moderation",
        "was moderated",
        "moderated y n",
        "is moderated",
        "moderation completed",
    ),
    "moderated_grade": (
        "moderated grade",
        "moderation grade",
        "grade after moderation",
        "moderator grade",
        "moderators grade",
        "moderator s grade",
        "agreed grade",
        "final grade",
        "moderated judgement",
        "moderation outcome",
    ),
    "auditor_role": (
        "auditor role",
        "auditors role",
        "auditor s role",
        "role",
        "auditor",
        "audited by",
        "auditor job title",
        "job title",
        "role of auditor",
    ),
}

_YES = {"yes", "y", "true", "1", "moderated", "done", "complete", "completed", "x", "✓", "✔"}
_NO = {"no", "n", "false", "0", "not moderated", "none", "-", "n a", "na"}

MAX_ROWS = 200_000
"""More rows than any council audits in years: a bigger file is not an audit file."""


def normal_heading(text: str) -> str:
    """A column heading as compared: lower case, words only ("Date_of_Audit" → "date of
    audit")."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text.strip().lstrip("\ufeff"))
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be used, and why."""

    line: int
    reason: str


@dataclass
class AuditRows:
    """What a CSV file held: the audits per criterion, and the rows that could not be used."""

    audits: dict[str, list[Audit]] = field(default_factory=dict)
    """Criterion id → audits read for it (a theme row is on each of its criteria)."""
    rows: int = 0
    """Rows of data read (blank lines not counted)."""
    used: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    """Field → the heading of the column it was read from."""
    ignored: list[str] = field(default_factory=list)
    """Headings of columns not read."""
    encoding: str = "UTF-8"


# --- reading the file -------------------------------------------------------------------------


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """The file's text and the name of its encoding, or a refusal naming what it is instead."""
    if raw.startswith(b"PK\x03\x04"):
        raise InputError.single(
            path,
            "is an Excel workbook or other zip file, not CSV. In Excel, use File > Save As > "
            '"CSV UTF-8 (Comma delimited)" and import that file',
        )
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError.single(
            path, 'is an old Excel (.xls) workbook, not CSV. Save it as "CSV UTF-8" first'
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise InputError.single(
                path, f"is not readable UTF-16 text (byte {exc.start + 1})"
            ) from None
    if b"\x00" in raw[:4096]:
        raise InputError.single(
            path,
            "holds binary data, not text: it is not a CSV file (save the spreadsheet as "
            '"CSV UTF-8")',
        )
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError.single(
            path,
            f"is not in a text encoding selfassess can read: the byte 0x{raw[exc.start]:02X} "
            'is neither UTF-8 nor Windows-1252. Save it from the spreadsheet as "CSV UTF-8"',
            f"line {line}",
        ) from None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def match_columns(
    headings: list[str], mapping: dict[str, str], path: str, line: int = 1
) -> tuple[dict[str, int], list[str]]:
    """Field → column index, and the headings not used; refuse missing or doubled columns."""
    columns: dict[str, int] = {}
    normal = [normal_heading(h) for h in headings]
    wanted = {normal_heading(k): v for k, v in mapping.items()}
    for given, field_name in mapping.items():
        if normal_heading(given) not in normal:
            raise InputError.single(
                path,
                f'has no column "{given}" (given with --map); its columns are: '
                + ", ".join(f'"{h}"' for h in headings),
                f"line {line}",
            )
        if field_name not in FIELDS and field_name != "ignore":
            raise InputError.single(
                None,
                f'--map "{given}={field_name}": "{field_name}" is not a field (use one of: '
                f"{', '.join(FIELDS)}, or ignore)",
            )
    for index, heading in enumerate(normal):
        target: str | None = wanted.get(heading)
        if target is None:
            target = next((f for f, names in _HEADINGS.items() if heading in names), None)
        if target is None or target == "ignore":
            continue
        if target in columns:
            first = headings[columns[target]]
            raise InputError.single(
                path,
                f'has two columns for {FIELDS[target]}: "{first}" and "{headings[index]}". '
                f'Say which to use with --map "{headings[index]}=ignore" (or the other)',
                f"line {line}",
            )
        columns[target] = index
    missing = [f for f in REQUIRED if f not in columns]
    if "criterion" not in columns and "theme" not in columns:
        missing.append("criterion")
    if missing:
        what = "; ".join(
            f'{FIELDS[f]} (looked for "{_HEADINGS[f][0].capitalize()}", '
            f'"{_HEADINGS[f][1].capitalize()}"…)'
            for f in missing
        )
        raise InputError.single(
            path,
            f"has no column for {what}. Its columns are: "
            + ", ".join(f'"{h}"' for h in headings)
            + f'. Name the right one with --map, e.g. --map "Your heading={missing[0]}"',
            f"line {line}",
        )
    unused = [h for i, h in enumerate(headings) if i not in columns.values()]
    return columns, unused


def read_date(text: str) -> datetime.date | None:
    """A date as spreadsheets write it in the UK: 2018-03-05, 05/03/2018, 5/3/18, 5 March 2018,
    05-Mar-2018; a time after it is ignored. None when it is not a date."""
    text = text.strip()
    text = re.sub(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$", "", text)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    for pattern in ("%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %y", "%d %B %y"):
        try:
            return datetime.datetime.strptime(text.replace(",", ""), pattern).date()
        except ValueError:
            continue
    return None


def _targets(framework: Framework) -> tuple[dict[str, str], dict[str, str]]:
    """Words → criterion id, and words → theme id, as a row may write them."""
    criteria: dict[str, str] = {}
    for cid, criterion in framework.criteria.items():
        criteria.setdefault(normal_heading(cid), cid)
        criteria.setdefault(normal_heading(criterion.title), cid)
    themes: dict[str, str] = {}
    for theme in framework.themes:
        themes.setdefault(normal_heading(theme.id), theme.id)
        themes.setdefault(normal_heading(theme.label), theme.id)
    return criteria, themes


def read_audits(
    path: str | Path,
    framework: Framework,
    *,
    today: datetime.date,
    mapping: dict[str, str] | None = None,
    raw: bytes | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AuditRows:
    """Read an audit CSV against ``framework``. Structural problems (encoding, columns,
    identifying columns) raise InputError; rows that cannot be used are listed in
    ``problems`` with their line numbers."""
    name = str(path)
    if raw is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError.single(name, f"could not be read: {exc.strerror or exc}") from None
    if Path(path).suffix.lower() == ".toml":  # the two files given the wrong way round
        raise InputError.single(
            name,
            "is a selfassess file (.toml), not a CSV of case audits: give the CSV first, then "
            "the assessment after --into, e.g. selfassess import-audits audits.csv --into "
            "our-sef.toml",
        )
    text, encoding = decode(raw, name)
    if not text.strip():
        raise InputError.single(name, "is empty: it has no heading row and no audits")
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    table: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            # blank lines, and lines whose first cell starts with "#" (the template's notes)
            if any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#"):
                table.append((line, row))
            line = reader.line_num + 1
            if len(table) > MAX_ROWS + 1:
                raise InputError.single(
                    name, f"has more than {MAX_ROWS:,} rows: it is not a file of case audits"
                )
    except csv.Error as exc:
        raise InputError.single(name, f"is not valid CSV ({exc})", f"line {line}") from None
    if not table:
        raise InputError.single(name, "is empty: it has no heading row and no audits")
    heading_line, headings = table[0]
    headings = [h.strip() for h in headings]
    columns, ignored = match_columns(headings, mapping or {}, name, heading_line)
    data = table[1:]

    for index, heading in enumerate(headings):
        found = identifying_column(
            heading, ((n, row[index]) for n, row in data if index < len(row))
        )
        if found is not None:
            kind, at, what = found
            where = "its heading" if at is None else f"line {at}: “{' '.join(what.split())}”"
            raise InputError.single(
                name,
                f'column "{heading}" looks like it holds {kind} ({where}). Audit files must '
                "not identify children: remove that column (or anonymise it) and import again. "
                "Nothing was imported",
                f"line {heading_line if at is None else at}",
            )

    result = AuditRows(
        columns={f: headings[i] for f, i in columns.items()}, ignored=ignored, encoding=encoding
    )
    grades = GradeReader(framework)
    criteria, themes = _targets(framework)
    by_theme: dict[str, list[str]] = {}
    for cid, criterion in framework.criteria.items():
        for theme in criterion.themes:
            by_theme.setdefault(theme, []).append(cid)
    seen: dict[tuple[object, ...], int] = {}
    width = len(headings)

    def cell(row: list[str], name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    for done, (n, row) in enumerate(data, start=1):
        if progress is not None and done % 500 == 0:
            progress(done, len(data))
        result.rows += 1
        reasons: list[str] = []
        if len(row) > width and any(c.strip() for c in row[width:]):
            reasons.append(f"has {len(row)} cells but the heading row has {width}")
        date_text = cell(row, "date")
        date = read_date(date_text) if date_text else None
        if not date_text:
            reasons.append("has no audit date")
        elif date is None:
            reasons.append(f'"{date_text}" is not a date (write 2018-03-05 or 05/03/2018)')
        elif date > today:
            reasons.append(f"is dated {date.day} {date:%B %Y}, in the future")
        reference = cell(row, "reference")
        if not reference:
            reasons.append("has no audit reference")
        grade_text = cell(row, "grade")
        grade = grades.read(grade_text) if grade_text else None
        if not grade_text:
            reasons.append("has no grade")
        elif grade is None:
            reasons.append(f'"{grade_text}" is not a grade (use {grades.examples()})')
        moderated_text = cell(row, "moderated")
        moderated = _yes_no(moderated_text)
        if moderated is None:
            reasons.append(f'"{moderated_text}" under moderated is not yes or no')
        moderated_grade_text = cell(row, "moderated_grade")
        moderated_grade = grades.read(moderated_grade_text) if moderated_grade_text else ""
        if moderated_grade is None:
            reasons.append(
                f'"{moderated_grade_text}" is not a grade after moderation (use '
                f"{grades.examples()})"
            )
        target_text = cell(row, "criterion") or cell(row, "theme")
        theme = ""
        targets: list[str] = []
        key = normal_heading(target_text)
        if not target_text:
            reasons.append("names no criterion or theme")
        elif key in criteria:
            targets = [criteria[key]]
        elif key in themes:
            theme = themes[key]
            targets = by_theme.get(theme, [])
            if not targets:
                reasons.append(f'theme "{target_text}" has no criteria in {framework.id}')
        else:
            reasons.append(
                f'"{target_text}" is neither a criterion id nor a theme of {framework.id}'
            )
        identity = (date, reference.casefold(), theme, tuple(targets))
        if not reasons:
            first = seen.get(identity)
            if first is not None:
                reasons.append(
                    f"repeats the audit on line {first} (same date, reference and criterion)"
                )
            else:
                seen[identity] = n
        if reasons:
            result.problems.append(RowProblem(n, "; ".join(reasons)))
            continue
        assert date is not None and grade is not None and moderated is not None
        audit = Audit(
            date=date,
            reference=reference,
            grade=grade,
            moderated=moderated or bool(moderated_grade),
            moderated_grade=moderated_grade or "",
            auditor_role=cell(row, "auditor_role"),
            theme=theme,
        )
        for cid in targets:
            result.audits.setdefault(cid, []).append(audit)
        result.used += 1
    if progress is not None:
        progress(len(data), len(data))
    return result


def _yes_no(text: str) -> bool | None:
    word = normal_heading(text)
    if not word:
        return False
    if word in _YES or text.strip() in _YES:
        return True
    if word in _NO or text.strip() in _NO:
        return False
    return None


def problems_error(path: str, rows: AuditRows) -> InputError:
    """The rows that cannot be used, as one error: each with its line."""
    return InputError(path, [Problem(f"line {p.line}", p.reason) for p in rows.problems])
