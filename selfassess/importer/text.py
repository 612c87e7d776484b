"""The text of a report's pages as clean lines and words, read one page at a time.

Shared by the readers of the header, the grade table and the "What needs to improve" list:
running headers, footers and page numbers are removed, compatibility characters folded, and
only as many pages are extracted as the readers ask for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

MAX_PAGES = 6
"""The header, table and list are on the first two or three pages; a report that has not shown
them by this page is not one we can read."""


NOT_ILACS = "is this an Ofsted ILACS report?"


_BULLETS = frozenset("•◦‣⁃∙·●○■□▪▫◼◻◾◽►▶▸➢➤✓✔*-–—")


MONTHS = {
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


MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))


_RUNNING_DATES = re.compile(
    rf"^\d{{1,2}}(?:\s+(?:{MONTH_PATTERN}))?(?:\s+\d{{4}})?\s*(?:to|-|–)\s*\d{{1,2}}\s+(?:{MONTH_PATTERN})"
    rf"\s+\d{{4}}\s+\d{{1,3}}$",
    re.IGNORECASE,
)


def clean_text(text: str) -> str:
    """Compatibility forms (ligatures, superscripts, odd spaces) folded; whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zs") else c for c in text)
    return re.sub(r"\s+", " ", text).strip()


def words_of(text: str) -> list[str]:
    """Lower-case words for matching: punctuation, apostrophes and spelling variants folded."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)
    return ["judgement" if w == "judgment" else w for w in words]


def bullet_text(line: str) -> str | None:
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


def join_lines(lines: Sequence[str]) -> str:
    """Wrapped lines as one string; a word broken at a hyphen ("multi-" / "agency") stays whole."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif re.search(r"[A-Za-z]-$", text) and line[:1].isalpha():
            text += line
        else:
            text += " " + line
    return clean_text(text)


class Pages:
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
    lines = [
        clean_text(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
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
    words = words_of(line)
    if words[:2] == ["inspection", "of"] and ("services" in words or "council" in words):
        return True
    return bool(_RUNNING_DATES.match(line))
