"""The Word exports (the report and the self-evaluation) read by assistive technology: checked in
their XML, and opened by LibreOffice to see that every page is drawn."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from a11y_helpers import example_summary, full_summary, word_problems

from selfassess.exports import export_report
from selfassess.model.summary import Summary


def _documents() -> dict[str, tuple[Summary, str]]:
    return {"example": (example_summary(), "report"), "full": (full_summary(), "report")}


def _render(summary: Summary, kind: str) -> bytes:
    if kind == "report":
        return export_report(summary, "docx")
    sef = pytest.importorskip("selfassess.exports.sef")
    return bytes(sef.render_sef(summary))


@pytest.mark.parametrize("kind", ["report", "sef"])
@pytest.mark.parametrize("name", ["example", "full"])
def test_word_document_is_accessible(name: str, kind: str) -> None:
    summary = example_summary() if name == "example" else full_summary()
    problems = word_problems(_render(summary, kind))
    assert problems == [], "\n".join(problems[:30])


def test_every_chart_is_a_picture_with_a_description_and_its_figures_in_words() -> None:
    import docx

    package = export_report(full_summary(), "docx")
    document = docx.Document(io.BytesIO(package))
    descriptions = document.element.body.xpath(".//wp:docPr/@descr")
    assert len(descriptions) == 15  # every indicator the full assessment links
    assert all(d.startswith("Line chart of ") for d in descriptions)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Solid line with dots: Cambridgeshire." in text  # the key, in words
    assert "Cambridgeshire by year: 2013: " in text
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(pictures) == 15 and all(n.endswith(".png") for n in pictures)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_draws_every_page(tmp_path: Path) -> None:
    """LibreOffice opens the document and lays it out; its text keeps the headings in order."""
    source = tmp_path / "full.docx"
    source.write_bytes(export_report(full_summary(), "docx"))
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "full.pdf"
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) > 10
    text = "\n".join(page.extract_text() for page in reader.pages)
    from selfassess.exports.word import QUESTION_HOW, QUESTION_KNOW, QUESTION_PLANS

    # the start of each heading: a long one may wrap onto a second line
    order = ["Scorecard", QUESTION_KNOW[:18], QUESTION_HOW[:18], "Published figures"]
    order.append(QUESTION_PLANS[:18])
    at = 0
    for heading in order:  # each found after the one before
        at = text.find(heading, at)
        assert at != -1, f"{heading!r} is not after the headings before it"
