"""The parts of the Word export that python-docx has no API for (exports/word.py ``_xml``):
the ratings' coloured cells and letters, the page number, and table rows that repeat on each
page or are never split. python-docx is pinned to the version these were written against; this
checks, through the document's own XML, that each still lands where Word reads it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from selfassess.exports import export_report
from selfassess.files.store import load_assessment
from selfassess.model.summary import summarise

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(raw: bytes, part: str) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        return ElementTree.fromstring(package.read(part))


@pytest.fixture
def exported(sample: Path) -> bytes:
    loaded = load_assessment(sample)
    return export_report(summarise(loaded.framework, loaded.assessment), "docx")


def test_rated_cells_and_letters_are_shaded(exported: bytes) -> None:
    body = _xml(exported, "word/document.xml")
    cells = [shd for tcpr in body.iter(f"{W}tcPr") for shd in tcpr.findall(f"{W}shd")]
    letters = [shd for rpr in body.iter(f"{W}rPr") for shd in rpr.findall(f"{W}shd")]
    assert letters  # the coloured letter beside a rating in running text
    cell_fills = {shd.get(f"{W}fill") for shd in cells}
    assert "E7E6E6" in cell_fills  # the header rows' grey
    assert len(cell_fills) > 2  # and the ratings' colours
    for tcpr in body.iter(f"{W}tcPr"):
        assert len(tcpr.findall(f"{W}shd")) <= 1  # one fill per cell


def test_header_rows_repeat_and_rows_do_not_split(exported: bytes) -> None:
    body = _xml(exported, "word/document.xml")
    tables = list(body.iter(f"{W}tbl"))
    assert tables
    for table in tables:
        first = table.find(f"{W}tr")
        assert first is not None
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert any(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in body.iter(f"{W}tr"))


def test_the_footer_numbers_the_pages(exported: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(exported)) as package:
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
    fields = [
        field.get(f"{W}instr")
        for name in footers
        for field in _xml(exported, name).iter(f"{W}fldSimple")
    ]
    assert "PAGE" in fields


def test_python_docx_is_the_version_the_export_was_written_against() -> None:
    from importlib.metadata import version

    assert version("python-docx") == "1.2.0", (
        "exports/word.py reaches past python-docx's API in _xml: check the tests above pass "
        "and a document opens in Word, then move the pin in pyproject.toml"
    )
