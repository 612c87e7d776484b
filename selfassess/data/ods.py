"""Read one sheet of an OpenDocument spreadsheet (.ods) with the standard library.

Used only when the dataset is built: Ofsted publishes its inspection outcomes as .ods, and a
build that anyone can re-run should not need a spreadsheet library for one table.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

MAX_COLUMNS = 200
"""Cells kept per row: spreadsheets pad every row with thousands of repeated empty cells."""


def read_sheet(path: str | Path, sheet: str) -> list[list[str]]:
    """The rows of ``sheet`` as text, dates as ISO dates (``2023-11-27``); empty rows left out.

    A cell repeated with ``table:number-columns-repeated`` is repeated here too, so every value
    stays under its own column heading.
    """
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("content.xml"))
    for table in root.iter(f"{_TABLE}table"):
        if table.get(f"{_TABLE}name") == sheet:
            return _rows(table)
    raise KeyError(sheet)


def _rows(table: ET.Element) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.iter(f"{_TABLE}table-row"):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                continue
            repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
            value = _value(cell)
            cells.extend([value] * min(repeat, MAX_COLUMNS - len(cells)))
            if len(cells) >= MAX_COLUMNS:
                break
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def _value(cell: ET.Element) -> str:
    date = cell.get(f"{_OFFICE}date-value")
    if date:
        return date[:10]
    paragraphs = cell.findall(f"{_TEXT}p")
    return "\n".join("".join(p.itertext()) for p in paragraphs).strip()
