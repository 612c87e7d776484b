"""Made-up Ofsted-style reports for the importer tests: plain text, and PDFs written by hand.

The PDFs are built here rather than with a PDF library so that each trap of real reports can be
placed exactly: the order text is drawn in (a grade cell drawn before its title), bullets from a
symbol font that extract as private-use characters, running headers, page numbers and
footnotes. Every authority, inspector and sentence is invented.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

PUA_BULLET = "\uf0a7"
"""What a Wingdings bullet extracts as from Word-made PDFs."""
SQUARE_BULLET = "\u25fc"


@dataclass(frozen=True)
class Item:
    """One run of text on a page: where it starts, and whether it is in the symbol font."""

    x: float
    y: float
    text: str
    symbol: bool = False


def lines_to_items(lines: list[str], *, top: float = 800, step: float = 14) -> list[Item]:
    """Lay lines out down a page; a line starting with a bullet gets it drawn in the symbol font.

    A line given as a tuple (left, right) puts ``right`` on the same line further along, like a
    grade in the second column of the table.
    """
    items: list[Item] = []
    y = top
    for line in lines:
        if isinstance(line, tuple):
            left, right = line
            items.append(Item(72, y, left))
            items.append(Item(400, y, right))
        elif line[:1] in (PUA_BULLET, SQUARE_BULLET):
            items.append(Item(72, y, line[0], symbol=True))
            items.append(Item(90, y, line[1:].strip()))
        elif line:
            items.append(Item(72, y, line))
        y -= step
    return items


# --- a tiny PDF writer ------------------------------------------------------------------------

# Symbol-font codes and the characters their /ToUnicode map gives, as in Word's PDFs.
_SYMBOL_CODES = {PUA_BULLET: 0xA7, SQUARE_BULLET: 0x6E}


def _pdf_string(text: str) -> bytes:
    out = text.encode("cp1252")
    return b"(" + out.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(items: list[Item]) -> bytes:
    parts = []
    for item in items:
        if item.symbol:
            code = _SYMBOL_CODES[item.text]
            text = b"<%02X>" % code
            font = b"/F2"
        else:
            text = _pdf_string(item.text)
            font = b"/F1"
        parts.append(b"BT %s 11 Tf %.1f %.1f Td %s Tj ET" % (font, item.x, item.y, text))
    return b"\n".join(parts)


def make_pdf(pages: list[list[Item]]) -> bytes:
    """A valid PDF with one page per list of items (Helvetica, plus a symbol font for bullets)."""
    cmap_lines = "\n".join(
        f"<{code:02X}> <{ord(char):04X}>" for char, code in _SYMBOL_CODES.items()
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Bullets def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(_SYMBOL_CODES)} beginbfchar\n{cmap_lines}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    page_tree = add(b"")
    font1 = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    font2 = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats /ToUnicode %d 0 R >>" % to_unicode
    )
    kids = []
    for items in pages:
        stream = _content(items)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (page_tree, content, font1, font2)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def pdf_pages(data: bytes) -> Iterator[str]:
    """The page texts of a PDF, extracted as the importer does (one page at a time)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        yield page.extract_text()


def pdf_from_lines(pages: list[list[str]]) -> bytes:
    return make_pdf([lines_to_items(lines) for lines in pages])


# --- the sample reports -----------------------------------------------------------------------

LEADERS = "The impact of leaders on social work practice with children and families"
LEADERS_2026 = "The impact of leaders on practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
CARE_2018 = "The experiences and progress of children in care and care leavers"
CARE = "The experiences and progress of children in care"
LEAVERS = "The experiences and progress of care leavers"
RI = "Requires improvement to be good"


def report_2018_pages() -> list[list[str]]:
    """2018–2022 layout: titles and grades wrapped, PUA bullets, the list runs onto page 3."""
    page1 = [
        "1",
        "",
        "Anytown City Council",
        "",
        "Inspection of children’s social care services",
        "",
        "Inspection dates: 30 September 2019 to 11 October 2019",
        "",
        "Lead inspector:  Alex Example",
        "Her Majesty’s Inspector",
        "",
        "Judgement Grade",
        ("The impact of leaders on social work practice with children", ""),
        ("and families", "Inadequate"),
        "The experiences and progress of children who need help and",
        "protection",
        "Requires improvement",
        "to be good",
        "The experiences and progress of children in care and care",
        "leavers",
        "Good",
        ("Overall effectiveness", "Inadequate"),
        "",
        "Good progress has been made in some areas since the last visit, but leaders",
        "have not acted quickly enough where children are at risk.",
    ]
    page2 = [
        "2",
        "",
        "Outstanding work by some teams is not yet the norm across the service.",
        "",
        "What needs to improve",
        f"{PUA_BULLET} The timeliness of decisions at the front door when contacts raise",
        "concerns about risk.",
        "",
        f"{PUA_BULLET} Management oversight of multi-",
        "agency work with children at risk of exploitation.",
        "",
        f"{PUA_BULLET} The quality of assessments for disabled children.",
        "",
    ]
    page3 = [
        "3",
        "",
        f"{PUA_BULLET} Support for care leavers to find suitable accommodation.",
        "",
        "",
        "The experiences and progress of children who need help and",
        "protection: requires improvement to be good",
        "",
        "1. Children who need help are mostly seen quickly. Outstanding practice was",
        "seen in one team.",
    ]
    page4 = ["4", "", "2. More words that the importer never needs to read."]
    return [page1, page2, page3, page4]


def report_2023_pages() -> list[list[str]]:
    """2023 layout: five rows, running headers, square bullets, footnote, national tags."""
    header = [
        "Inspection of Northshire local authority children’s services",
        "13 to 24 November 2023 {n}",
    ]
    page1 = [
        "Inspection of Northshire local",
        "authority children’s services",
        "Inspection dates: 13 to 24 November 2023",
        "Lead inspector: Sam Sample, His Majesty’s Inspector",
        "Judgement Grade",
        "The impact of leaders on social work",
        "practice with children and families",
        RI,
        "The experiences and progress of",
        "children who need help and protection",
        "Good",
        "The experiences and progress of",
        "children in care",
        "Outstanding",
        "The experiences and progress of care",
        "leavers",
        "Inadequate",
        ("Overall effectiveness", "Inadequate"),
        "Outstanding support for children in care sits beside serious weaknesses for",
        "young people leaving care.",
    ]
    page2 = [
        header[0],
        header[1].format(n=2),
        "What needs to improve?1",
        f"{SQUARE_BULLET} The help given to care leavers to understand their entitlements.",
        "(outcome 4, national framework)",
        f"{SQUARE_BULLET} The consistency of supervision for social workers in the",
        "safeguarding teams. (enabler 3, national framework)",
        f"{SQUARE_BULLET} Sufficiency of local homes for children in care, so",
        "1 The areas for improvement are cross-referenced with the national framework.",
    ]
    page3 = [
        header[0],
        header[1].format(n=3),
        "that fewer children live far from home. (Outcome four, National Framework)",
        "The experiences and progress of children who need help and",
        "protection: good",
        "1. A paragraph the importer stops before.",
    ]
    page4 = [header[0], header[1].format(n=4), "9. More text."]
    return [page1, page2, page3, page4]


def report_2026_pages() -> list[list[str]]:
    """April 2026 layout: four rows, no overall, the leaders variant, "Outstanding" in prose."""
    page1 = [
        "Inspection of Westvale local authority",
        "children’s services",
        "Inspection dates: 4 to 15 May 2026",
        "Lead inspector: Jo Placeholder, His Majesty’s Inspector",
        "Judgement Grade",
        "The impact of leaders on practice with",
        "children and families",
        "Good",
        "The experiences and progress of",
        "children who need help and protection",
        "Good",
        "The experiences and progress of",
        "children in care",
        "Good",
        "The experiences and progress of care",
        "leavers",
        "Good",
        "Outstanding leadership of the early help service has made a difference for",
        "families, and the rest of the service is good.",
    ]
    page2 = [
        "Inspection of Westvale local authority children’s services",
        "4 to 15 May 2026 2",
        "What needs to improve?",
        f"{SQUARE_BULLET} Return home interviews for children who go missing.",
        "The experiences and progress of children who need help and",
        "protection: good",
    ]
    return [page1, page2, ["3", "Nothing needed here."]]


def grade_first_pdf() -> bytes:
    """A table whose grade cells are drawn before their (two-line) titles, as some PDFs do."""
    lines = [
        "Eastmoor Borough Council",
        "Inspection of local authority children’s services",
        "Inspection dates: 2 March 2020 to 13 March 2020",
        "Lead inspector: Pat Invented",
        "Judgement Grade",
    ]
    items = lines_to_items(lines)
    y = 800 - 14 * len(lines)
    rows = [
        (["The impact of leaders on social work practice with children", "and families"], "Good"),
        (
            ["The experiences and progress of children who need help and", "protection"],
            "Outstanding",
        ),
        (["The experiences and progress of children in care and care", "leavers"], RI),
        (["Overall effectiveness"], "Good"),
    ]
    for title_lines, grade in rows:
        # The grade, vertically centred on the row, comes first in the content stream.
        items.append(Item(400, y - 7 * (len(title_lines) - 1), grade))
        for title_line in title_lines:
            items.append(Item(72, y, title_line))
            y -= 14
        y -= 6
    after = lines_to_items(
        [
            "Children in Eastmoor get a good service.",
            "",
            "What needs to improve",
            f"{PUA_BULLET} The quality of child protection plans.",
            "",
            "The experiences and progress of children who need help and protection: outstanding",
        ],
        top=y - 14,
    )
    return make_pdf([items + after])


SEED_TEXT = """\
Anytown City Council

Inspection of children's social care services

Inspection dates: 25 June 2018 to 6 July 2018

Lead inspector: Alex Example, Her Majesty's Inspector

Judgement\tGrade
The impact of leaders on social work practice with children and families\tGood
The experiences and progress of children who need help and protection\tGood
The experiences and progress of children in care and care leavers\tGood
Overall effectiveness\tGood

Services for children in Anytown are good.

What needs to improve

- Chronologies that help workers understand a family's history.
- The number of return interviews completed with children who have been missing.

The experiences and progress of children who need help and protection: Good

1. Children are helped early.
"""

SIF_TEXT = """\
Exampleton Borough Council
Inspection of services for children in need of help and protection, children looked after and
care leavers
and
Review of the effectiveness of the Local Safeguarding Children Board
Inspection date: 3 April – 25 April 2017
Children's services in Exampleton require improvement to be good
1. Children who need help and protection Requires improvement
2. Children looked after and achieving permanence Requires improvement
3. Leadership, management and governance Requires improvement
"""
