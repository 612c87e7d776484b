"""Reading Ofsted ILACS inspection reports (PDF or plain text) into what they state.

A report gives the local authority, the inspection dates, the lead inspector, a table of
judgement grades and a "What needs to improve" list. The judgements are recognised by the
published titles (and variants) held in the frameworks, and the report's layout is the framework
whose set of titles matches the table, so a new framework version needs a TOML edit, not code.

Parsing is pure (``parse_report`` takes page texts); ``read_report`` reads a file and hands the
parser its pages one at a time, so only the first few pages of a PDF are ever extracted. Nothing
that cannot be read is guessed: every failure is an ``InputError`` naming the file and what was
missing.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfassess.model.errors import InputError

if TYPE_CHECKING:
    from selfassess.model.framework import Framework

MAX_PAGES = 6
"""The header, table and list are on the first two or three pages; a report that has not shown
them by this page is not one we can read."""

NOT_ILACS = "is this an Ofsted ILACS report?"

_GRADE_ALIASES = {("requires", "improvement"): "requires_improvement"}
"""Short forms Ofsted also prints, beside the grade labels the frameworks hold."""

_BULLETS = frozenset("•◦‣⁃∙·●○■□▪▫◼◻◾◽►▶▸➢➤✓✔*-–—")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = re.compile(
    rf"inspection\s+dates?\s*:?\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:\s+(?P<m1>{_MONTH})\.?)?(?:\s+(?P<y1>\d{{4}}))?"
    rf"\s*(?:to|until|-|–|—)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?\s+(?P<y2>\d{{4}})",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^lead\s+inspectors?\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_INSPECTOR_ROLE = re.compile(
    r"[,;]?\s*(?:(?:his|her)\s+majesty['’]s\s+inspector|hmi|ofsted\s+inspector|social\s+care\s+"
    r"regulatory\s+inspector)s?\b.*$",
    re.IGNORECASE,
)
_AFI_HEADING = re.compile(
    r"^what\s+needs\s+to\s+improve\b[^a-z0-9]*(?P<note>\d{1,2})?\s*[?:.]?\s*$", re.IGNORECASE
)
_NUMBERED_PARAGRAPH = re.compile(r"^\d{1,3}\.\s+\S")
_TAG = re.compile(r"\s*\([^()]*\bnational\s+framework\s*\)", re.IGNORECASE)
_RUNNING_DATES = re.compile(
    rf"^\d{{1,2}}(?:\s+(?:{_MONTH}))?(?:\s+\d{{4}})?\s*(?:to|-|–)\s*\d{{1,2}}\s+(?:{_MONTH})"
    rf"\s+\d{{4}}\s+\d{{1,3}}$",
    re.IGNORECASE,
)
_NEXT_SECTIONS = (
    ("summary", "for", "children"),
    ("information", "about", "this"),
    ("recommendations",),
    ("overall", "effectiveness"),
)

# Other Ofsted documents people may try, recognised so the message can say what they are.
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

    def to_json(self) -> dict[str, Any]:
        """The JSON object ``import-report --json`` prints for this report."""
        return {
            "local_authority": self.local_authority,
            "inspection_start": self.inspection_start.isoformat(),
            "inspection_end": self.inspection_end.isoformat(),
            "lead_inspector": self.lead_inspector,
            "framework": self.framework,
            "judgements": dict(self.judgements),
            "areas_for_improvement": list(self.areas_for_improvement),
            "source": self.source,
        }


# --- words and lines --------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Compatibility forms (ligatures, superscripts, odd spaces) folded; whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zs") else c for c in text)
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> list[str]:
    """Lower-case words for matching: punctuation, apostrophes and spelling variants folded."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)
    return ["judgement" if w == "judgment" else w for w in words]


def _bullet_text(line: str) -> str | None:
    """The text after a bullet glyph, or None if the line does not start with one.

    PDFs made from Word give bullets as Symbol/Wingdings glyphs that arrive as private-use
    characters (U+F0A7, U+F06E …) or as other symbols; all of them count.
    """
    first = line[0]
    if (
        first in _BULLETS
        or 0xE000 <= ord(first) <= 0xF8FF
        or unicodedata.category(first) in ("So", "Co", "Cn")
    ):
        if first in "-*–—" and len(line) > 1 and not line[1].isspace():
            return None  # "-based", "*note": not a bullet
        return line[1:].strip()
    return None


def _join_lines(lines: Sequence[str]) -> str:
    """Wrapped lines as one string; a word broken at a hyphen ("multi-" / "agency") stays whole."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif re.search(r"[A-Za-z]-$", text) and line[:1].isalpha():
            text += line
        else:
            text += " " + line
    return _clean(text)


@dataclass(slots=True)
class _Vocabulary:
    """The titles and grade phrases to recognise, from the candidate frameworks."""

    frameworks: Sequence[Framework]
    titles: list[tuple[tuple[str, ...], str]]
    """(words, title as written), longest first so "children in care and care leavers" wins."""
    grades: list[tuple[tuple[str, ...], str]]
    """(words, grade id), longest first so "requires improvement to be good" wins."""

    @classmethod
    def of(cls, frameworks: Sequence[Framework]) -> _Vocabulary:
        titles: dict[tuple[str, ...], str] = {}
        grades: dict[tuple[str, ...], str] = dict(_GRADE_ALIASES)
        for fw in frameworks:
            for title in _published_titles(fw):
                words = tuple(_words(title))
                if words:
                    titles.setdefault(words, title)
            for grade in fw.grades:
                words = tuple(_words(grade.label))
                if words:
                    grades.setdefault(words, grade.id)
        return cls(
            frameworks=frameworks,
            titles=sorted(titles.items(), key=lambda item: (-len(item[0]), item[0])),
            grades=sorted(grades.items(), key=lambda item: (-len(item[0]), item[0])),
        )

    def is_heading(self, line: str) -> bool:
        """A judgement section heading (or its first wrapped line) that follows the list.

        Headings start with a capital; a wrapped line of an item that happens to begin "the
        impact of leaders…" is mid-sentence and does not.
        """
        words = _words(line)
        if not words or not line[:1].isupper():
            return False
        for title, _ in self.titles:
            n = min(len(words), len(title))
            if n >= min(4, len(title)) and words[:n] == list(title[:n]):
                return True
        return any(tuple(words[: len(s)]) == s for s in _NEXT_SECTIONS)


def _published_titles(fw: Framework) -> list[str]:
    titles = [t for j in fw.judgements for t in (j.title, *j.variants)]
    if fw.overall is not None:
        titles += [fw.overall.title, *fw.overall.variants]
    return titles


def _judgement_for(fw: Framework, title_words: tuple[str, ...]) -> str | None:
    """The id of the judgement (or overall) of ``fw`` that prints this title, if any."""
    for judgement in fw.judgements:
        if any(tuple(_words(t)) == title_words for t in (judgement.title, *judgement.variants)):
            return judgement.id
    overall = fw.overall
    if overall and any(tuple(_words(t)) == title_words for t in (overall.title, *overall.variants)):
        return overall.id
    return None


# --- pages ------------------------------------------------------------------------------------


class _Pages:
    """Page texts pulled one at a time, with running headers, footers and page numbers removed."""

    def __init__(self, pages: Iterable[str]) -> None:
        self._source: Iterator[str] = iter(pages)
        self.lines: list[list[str]] = []
        self.ended = False

    @property
    def read(self) -> int:
        return len(self.lines)

    def get(self, index: int) -> list[str] | None:
        """The lines of page ``index`` (0-based), extracting pages up to it; None past the end."""
        while len(self.lines) <= index and not self.ended:
            if len(self.lines) >= MAX_PAGES:
                return None
            try:
                text = next(self._source)
            except StopIteration:
                self.ended = True
                break
            self.lines.append(_page_lines(text, first=not self.lines))
        return self.lines[index] if index < len(self.lines) else None


def _page_lines(text: str, *, first: bool) -> list[str]:
    """The cleaned lines of one page (blank ones as ""), without page numbers and headers."""
    lines = [_clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [
        line
        for line in lines
        if not re.fullmatch(r"(?:page\s+)?\d{1,3}(?:\s+of\s+\d+)?", line, re.IGNORECASE)
    ]
    if not first:
        # The running header of the 2023+ layout, "Inspection of X local authority children's
        # services" and "<dates> <page number>", is whatever such lines open the page.
        for i, line in enumerate(lines):
            if line and not _is_running_header(line):
                break
            lines[i] = ""
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _is_running_header(line: str) -> bool:
    words = _words(line)
    if words[:2] == ["inspection", "of"] and ("services" in words or "council" in words):
        return True
    return bool(_RUNNING_DATES.match(line))


# --- the parser -------------------------------------------------------------------------------


def parse_report(
    pages: Iterable[str], frameworks: Sequence[Framework], source: str = ""
) -> ImportedReport:
    """Read a report from the text of its pages, taken one at a time and only as far as needed.

    ``frameworks`` are the candidate layouts (the bundled frameworks, usually). Raise
    ``InputError`` naming ``source`` and what is missing when the report cannot be read.
    """
    vocabulary = _Vocabulary.of(frameworks)
    reader = _Pages(pages)
    first = reader.get(0)
    if first is None or not any(first):
        raise InputError.single(source or None, "has no text to read (is it a scanned image?)")

    other = _other_document(first)
    # A table can start on page 2 or 3 after a cover; an older or other kind of report is
    # known from its first page, so its other pages are not read.
    table = _find_table(reader, vocabulary, pages=1 if other else 3)
    if table is None:
        message = other or f"no table of judgement grades found — {NOT_ILACS}"
        raise InputError.single(source or None, message)
    rows, table_page, table_end_line = table
    framework, judgements, titles = _match_layout(rows, vocabulary, source)

    header = first[:table_end_line] if table_page == 0 else first
    local_authority = _local_authority(header)
    if not local_authority:
        raise InputError.single(
            source or None, "no local authority name found above the inspection dates"
        )
    start, end = _inspection_dates(header, source)
    lead = _lead_inspector(header)
    areas = _areas_for_improvement(reader, vocabulary, table_page, table_end_line, source)

    return ImportedReport(
        source=source,
        local_authority=local_authority,
        inspection_start=start,
        inspection_end=end,
        lead_inspector=lead,
        framework=framework.id,
        judgements=judgements,
        areas_for_improvement=tuple(areas),
        pages_read=reader.read,
        titles=titles,
    )


def _other_document(first_page: list[str]) -> str | None:
    """What is wrong, if the first page shows an Ofsted document that is not an ILACS report."""
    text = " ".join(_words(" ".join(first_page)))
    if any(marker in text for marker in _SIF_MARKERS):
        return (
            "is a report under Ofsted's older single inspection framework (SIF, 2013–2018), "
            "not an ILACS report; selfassess imports ILACS reports (inspections from 2018) only"
        )
    for marker, what in _OTHER_DOCUMENTS:
        if marker in text:
            return f"looks like {what}; selfassess imports full ILACS inspection reports only"
    return None


@dataclass(slots=True)
class _Row:
    title: tuple[str, ...]
    grade: str | None = None


@dataclass(slots=True)
class _Word:
    text: str
    line: int
    """Index of the line on its page, so a table's end can be placed."""
    eol: bool
    """Last word of its line: grades sit at the end of a line, prose runs on."""


def _find_table(
    reader: _Pages, vocabulary: _Vocabulary, pages: int
) -> tuple[list[_Row], int, int] | None:
    """The rows of the judgement table, from the first page that has one (of ``pages``)."""
    for page in range(pages):
        lines = reader.get(page)
        if lines is None:
            return None
        # Cells can come out glued together ("GoodThe impact…", "familiesInadequate").
        words = [
            _Word(w, i, k == len(ws) - 1)
            for i, line in enumerate(lines)
            for ws in [_words(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", line))]
            for k, w in enumerate(ws)
        ]
        start = _table_start(words, vocabulary)
        if start is None:
            continue
        rows, end = _read_rows(words, start, vocabulary)
        if rows:
            end_line = words[end - 1].line + 1 if end > 0 else 0
            return rows, page, end_line
    return None


def _table_start(words: list[_Word], vocabulary: _Vocabulary) -> int | None:
    """After the "Judgement Grade" header; failing that, at the first full judgement title."""
    texts = [w.text for w in words]
    for i in range(len(texts) - 1):
        if texts[i] in ("judgement", "judgements") and texts[i + 1] in ("grade", "grades"):
            return i + 2
    for i in range(len(words)):
        if _title_at(words, i, vocabulary) is not None:
            return i
    return None


def _grade_at(words: list[_Word], i: int, vocabulary: _Vocabulary) -> tuple[str, int] | None:
    """The grade phrase starting at word ``i``: (grade id, index after it)."""
    for phrase, grade_id in vocabulary.grades:
        end = i + len(phrase)
        if end <= len(words) and all(words[i + k].text == phrase[k] for k in range(len(phrase))):
            return grade_id, end
    return None


def _title_at(
    words: list[_Word], i: int, vocabulary: _Vocabulary
) -> tuple[tuple[str, ...], int, list[str]] | None:
    """The judgement title starting at word ``i``: (title, index after it, grades inside it).

    A grade cell can land in the middle of a wrapped title's lines; such a grade is skipped
    over and returned with the title it interrupted.
    """
    for title, _ in vocabulary.titles:
        j, k, inner = i, 0, []
        while k < len(title) and j < len(words):
            if words[j].text == title[k]:
                j, k = j + 1, k + 1
                continue
            grade = _grade_at(words, j, vocabulary) if k > 0 else None
            if grade is None or not words[grade[1] - 1].eol:
                break
            inner.append(grade[0])
            j = grade[1]
        if k == len(title):
            return title, j, inner
    return None


def _read_rows(words: list[_Word], start: int, vocabulary: _Vocabulary) -> tuple[list[_Row], int]:
    """Titles and grades from ``start`` until the words are neither: (rows, index of the end).

    Grades follow their titles (or, in some PDFs, all come first); which it is comes from the
    first item. A grade counts only at the end of a line or just before a title, so prose such
    as "Outstanding leadership has…" after the table is never taken for a grade.
    """
    tokens: list[tuple[str, Any, int]] = []  # ("title", _Row, end) or ("grade", id, end)
    i = start
    while i < len(words):
        title = _title_at(words, i, vocabulary)
        if title is not None:
            words_, end, inner = title
            if len(inner) > 1:
                break
            tokens.append(("title", _Row(words_, inner[0] if inner else None), end))
            i = end
            continue
        grade = _grade_at(words, i, vocabulary)
        if grade is not None and (
            words[grade[1] - 1].eol or _title_at(words, grade[1], vocabulary) is not None
        ):
            tokens.append(("grade", grade[0], grade[1]))
            i = grade[1]
            continue
        break

    rows: list[_Row] = []
    end = start
    grade_first = bool(tokens) and tokens[0][0] == "grade"
    pending: str | None = None
    for kind, value, token_end in tokens:
        if kind == "title":
            row: _Row = value
            if grade_first and pending is not None:
                if row.grade is not None:
                    break
                row.grade, pending = pending, None
            rows.append(row)
        elif grade_first:
            if pending is not None:
                break
            pending = value
        else:
            if not rows or rows[-1].grade is not None:
                break  # a grade with no title waiting for it: the table has ended
            rows[-1].grade = value
        end = token_end
    return rows, end


def _match_layout(
    rows: list[_Row], vocabulary: _Vocabulary, source: str
) -> tuple[Framework, dict[str, str], dict[str, str]]:
    """The first framework whose published judgements are exactly the table's rows."""
    printed = {
        row.title: title for row in rows for words, title in vocabulary.titles if words == row.title
    }
    for row in rows:
        if row.grade is None:
            raise InputError.single(
                source or None,
                f'the grade for "{printed.get(row.title, " ".join(row.title))}" could not be read',
            )
    for fw in vocabulary.frameworks:
        ids = [_judgement_for(fw, row.title) for row in rows]
        if None in ids or len(set(ids)) != len(ids):
            continue
        if set(ids) != set(fw.published_judgement_ids()):
            continue
        grades = {jid: row.grade for jid, row in zip(ids, rows, strict=True)}
        order = fw.published_judgement_ids()
        judgements = {jid: grades[jid] for jid in order if grades[jid] is not None}
        titles = {jid: printed.get(row.title, "") for jid, row in zip(ids, rows, strict=True)}
        return fw, judgements, titles
    found = "; ".join(f'"{printed.get(row.title, " ".join(row.title))}"' for row in rows)
    known = ", ".join(fw.id for fw in vocabulary.frameworks)
    raise InputError.single(
        source or None,
        f"the table of judgement grades has {len(rows)} row{'s' if len(rows) != 1 else ''} "
        f"({found}), which match the layout of no known framework ({known}) — {NOT_ILACS}",
    )


def _local_authority(header: list[str]) -> str:
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
    text = _clean(" ".join(lines))
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
    return ""


def _inspection_dates(header: list[str], source: str) -> tuple[datetime.date, datetime.date]:
    text = _clean(" ".join(header))
    match = _DATES.search(text)
    if match is None:
        raise InputError.single(
            source or None, 'no inspection dates found (the "Inspection dates: …" line)'
        )
    try:
        m2 = _MONTHS[match["m2"].lower()]
        m1 = _MONTHS[match["m1"].lower()] if match["m1"] else m2
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


def _lead_inspector(header: list[str]) -> str:
    """The lead inspector's name, without the role ("His Majesty's Inspector")."""
    for i, line in enumerate(header):
        match = _LEAD.match(line)
        if match is None:
            continue
        rest = match["rest"].strip() or (header[i + 1] if i + 1 < len(header) else "")
        name = _INSPECTOR_ROLE.sub("", rest).strip(" ,;")
        return name.split(",")[0].strip()
    return ""


def _areas_for_improvement(
    reader: _Pages, vocabulary: _Vocabulary, page: int, line: int, source: str
) -> list[str]:
    """The items of "What needs to improve", read from after the table until the list ends."""
    found = _find_afi_heading(reader, page, line)
    if found is None:
        raise InputError.single(
            source or None,
            f'no "What needs to improve" list found in the first {min(reader.read, MAX_PAGES)} '
            f"page{'s' if reader.read != 1 else ''} — {NOT_ILACS}",
        )
    page, line, note = found
    items: list[list[str]] = []
    bulleted: bool | None = None
    blank_since_item = False
    while True:
        lines = reader.get(page)
        if lines is None:
            break
        ended = False
        for text in lines[line:]:
            if not text:
                blank_since_item = bool(items)
                continue
            if note and re.match(rf"{note}\s+\S", text) and items:
                break  # the heading's footnote at the foot of the page: skip to the next page
            bullet = _bullet_text(text)
            if bulleted is None:
                bulleted = bullet is not None
            elif bullet is not None and not bulleted and _is_lead_in(items):
                items, bulleted = [], True  # "… should improve:" introduced the bullets
            if bullet is not None and bulleted:
                if bullet:
                    items.append([bullet])
                else:
                    items.append([])  # bullet glyph alone; its text is on the next line
                blank_since_item = False
                continue
            if (
                vocabulary.is_heading(text)
                or _NUMBERED_PARAGRAPH.match(text)
                or _AFI_HEADING.match(text)
            ):
                ended = True
                break
            if not items:
                items.append([text])
                continue
            previous = items[-1][-1] if items[-1] else ""
            sentence_over = previous.endswith((".", ")", ".)"))
            starts_upper = text[:1].isupper()
            if sentence_over and starts_upper and blank_since_item and bulleted:
                ended = True  # a new paragraph after the list
                break
            if not bulleted and sentence_over and starts_upper:
                items.append([text])  # no bullets at all: each item is a sentence on its own lines
                continue
            items[-1].append(text)
            blank_since_item = False
        if ended:
            break
        page, line = page + 1, 0
    areas = [_tidy_area(_join_lines(item)) for item in items]
    areas = [area for area in areas if area]
    if not areas:
        raise InputError.single(source or None, 'the "What needs to improve" list has no items')
    return areas


def _is_lead_in(items: list[list[str]]) -> bool:
    """The list so far is one line introducing bullets, such as "Leaders should improve:"."""
    return len(items) == 1 and bool(items[0]) and items[0][-1].endswith(":")


def _find_afi_heading(reader: _Pages, page: int, line: int) -> tuple[int, int, str] | None:
    """(page, line after the heading, footnote marker or "") of "What needs to improve"."""
    while True:
        lines = reader.get(page)
        if lines is None:
            return None
        for i in range(line, len(lines)):
            match = _AFI_HEADING.match(lines[i])
            if match:
                return page, i + 1, match["note"] or ""
        page, line = page + 1, 0


def _tidy_area(text: str) -> str:
    """An item without national-framework tags such as "(outcome 1, national framework)"."""
    text = _TAG.sub("", text)
    text = re.sub(r"\s+([.,;])", r"\1", text)
    return re.sub(r"\.\.$", ".", text).strip()


# --- files ------------------------------------------------------------------------------------


def read_report(path: str | Path, frameworks: Sequence[Framework]) -> ImportedReport:
    """Read a report file (PDF or plain text) and parse it; raise InputError naming the file."""
    name = os.fspath(path)  # as given, so messages and "source" name the file as the user did
    path = Path(path)
    raw = _read_bytes(path, name)
    if b"%PDF-" in raw[:1024]:  # the header may follow a little junk, as readers allow
        pages, total = _pdf_pages(raw, name)
        report = parse_report(pages, frameworks, name)
        return _with_pages(report, total)
    if path.suffix.lower() == ".pdf":
        raise InputError.single(name, "is not a PDF (it does not start with %PDF); is it damaged?")
    if raw[:4] == b"PK\x03\x04":
        raise InputError.single(
            name, "is a Word document or zip file, not a PDF or text; save the report as PDF"
        )
    text = _decode_text(raw, name)
    # pdftotext and similar tools mark page breaks with form feeds.
    report = parse_report(text.split("\f"), frameworks, name)
    return _with_pages(report, None)


def _with_pages(report: ImportedReport, total: int | None) -> ImportedReport:
    from dataclasses import replace

    return replace(report, pages_total=total)


def _read_bytes(path: Path, name: str) -> bytes:
    from selfassess.files.store import read_input

    return read_input(path, name, kind="report file", too_large="an inspection report")


def _decode_text(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError.single(
            name, "is neither a PDF nor a text file (it looks like binary data)"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # text saved on Windows
    except UnicodeDecodeError:
        raise InputError.single(
            name, "is not readable text (neither UTF-8 nor Windows-1252)"
        ) from None


def _pdf_pages(raw: bytes, name: str) -> tuple[Iterator[str], int]:
    """A lazy iterator over the text of each page, and the number of pages.

    pypdf is imported here, not at the top, so that commands that never read a PDF stay quick.
    """
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    quiet = _QuietPypdf()
    with quiet:
        try:
            reader = pypdf.PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                try:
                    decrypted = reader.decrypt("")
                except DependencyError:
                    raise InputError.single(
                        name,
                        "is an encrypted PDF whose encryption needs the 'cryptography' "
                        "package; install it or save an unprotected copy",
                    ) from None
                if not decrypted:
                    raise InputError.single(
                        name,
                        "is a password-protected PDF; save an unprotected copy and import that",
                    )
            total = len(reader.pages)
        except InputError:
            raise
        except (PdfReadError, FileNotDecryptedError) as exc:
            raise InputError.single(
                name, f"could not be read as a PDF: it may be damaged or incomplete ({exc})"
            ) from None
        except Exception as exc:  # pypdf raises many kinds of error on malformed files
            raise InputError.single(
                name,
                "could not be read as a PDF: it may be damaged or incomplete "
                f"({type(exc).__name__})",
            ) from None
    if total == 0:
        raise InputError.single(name, "is a PDF with no pages")

    def pages() -> Iterator[str]:
        for index in range(total):
            with quiet:
                try:
                    text = reader.pages[index].extract_text()
                except Exception as exc:  # as above: malformed content streams
                    raise InputError.single(
                        name,
                        f"page {index + 1} could not be read: the PDF may be damaged "
                        f"({type(exc).__name__})",
                    ) from None
            yield text or ""

    return pages(), total


class _QuietPypdf:
    """Silence pypdf's logged warnings about harmless quirks while it reads (restored after)."""

    def __enter__(self) -> None:
        self._logger = logging.getLogger("pypdf")
        self._level = self._logger.level
        self._logger.setLevel(logging.ERROR + 10)

    def __exit__(self, *exc: object) -> None:
        self._logger.setLevel(self._level)
