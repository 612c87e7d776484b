"""The self-evaluation document (report --format docx --sef), read back with python-docx."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import msgspec
import pytest
from docx.oxml.ns import qn
from sample_audits import write as write_sample

from selfassess.commands import main
from selfassess.exports.sef import render_sef
from selfassess.files.store import load_assessment
from selfassess.model.framework import SELF_EVALUATION_QUESTIONS, SelfEvaluation
from selfassess.model.summary import summarise

EXAMPLE = Path(__file__).parents[2] / "examples" / "peterborough-2018.toml"


@pytest.fixture(scope="module")
def with_audits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sef")
    path = folder / "our-sef.toml"
    shutil.copy(EXAMPLE, path)
    sample = write_sample(folder / "audits.csv")
    assert main(["import-audits", str(sample), "--into", str(path), "--today", "2018-07-01"]) == 0
    return path


@pytest.fixture(scope="module")
def document(with_audits: Path) -> docx.document.Document:
    out = with_audits.with_name("sef.docx")
    assert main(["report", str(with_audits), "--format", "docx", "--sef", "-o", str(out)]) == 0
    return docx.Document(str(out))


def paragraphs(doc: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]


def test_three_questions_judgement_by_judgement_in_heading_order(
    document: docx.document.Document,
) -> None:
    headings = [(s, t) for s, t in paragraphs(document) if s.startswith("Heading")]
    levels = [int(s.split()[-1]) for s, _ in headings]
    assert all(b - a <= 1 for a, b in zip([1, *levels], levels, strict=False))  # none skipped
    judgements = [t for s, t in headings if s == "Heading 1"]
    assert judgements[0] == "Our judgements at a glance"
    assert judgements[1:4] == [  # the framework's judgements, in its order
        "The impact of leaders on social work practice with children and families",
        "The experiences and progress of children who need help and protection",
        "The experiences and progress of children in care and care leavers",
    ]
    for question in SELF_EVALUATION_QUESTIONS:
        assert sum(1 for s, t in headings if s == "Heading 2" and t == question) == 3


def test_properties_language_and_repeating_header_rows(document: docx.document.Document) -> None:
    assert document.core_properties.title == "Self-evaluation: Peterborough City Council"
    assert document.core_properties.language == "en-GB"
    styles = document.styles.element
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    tables = document.element.body.xpath("./w:tbl")  # document.tables' XML, in order
    assert len(tables) == len(document.tables)
    for table in tables:
        header = table.find(qn("w:tr"))
        assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None


def test_what_we_know_is_prose_a_director_can_sign(document: docx.document.Document) -> None:
    text = "\n".join(t for _, t in paragraphs(document))
    assert (
        "We judge the experiences and progress of children who need help and protection to be "
        "good." in text
    )
    assert "At its inspection of 25 June to 6 July 2018, Ofsted judged this good." in text
    assert "Our strengths" in text and "Where we need to improve" in text
    # the audits' question, asked as a question
    assert "Response to neglect: Rated Green, but" in text
    assert "do the rating and the audits tell the same story?" in text
    assert "This self-evaluation sets out what we know" in text


def test_how_we_know_has_audit_sample_sizes_and_typed_evidence(
    document: docx.document.Document,
) -> None:
    text = "\n".join(t for _, t in paragraphs(document))
    assert "We audited " in text and " cases against this judgement from " in text
    assert "were good or better" in text and "A second auditor moderated" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Response to neglect" in cells
    assert "Case audit" in cells and "Performance data" in cells


def test_plans_have_owners_and_uk_dates(document: docx.document.Document) -> None:
    plans = [t for t in document.tables if t.rows[0].cells[0].text == "What we will do"]
    assert len(plans) == 3
    rows = [[c.text for c in row.cells] for t in plans for row in t.rows[1:]]
    assert any(r[2] == "Head of Quality Assurance" and r[3] == "1 September 2018" for r in rows)


def test_questions_come_from_the_framework_and_output_is_deterministic() -> None:
    loaded = load_assessment(EXAMPLE)
    asked = ["What is working?", "What tells us so?", "What next?"]
    fw = msgspec.structs.replace(loaded.framework, self_evaluation=SelfEvaluation(questions=asked))
    data = render_sef(summarise(fw, loaded.assessment))
    assert data == render_sef(summarise(fw, loaded.assessment))
    doc = docx.Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style and p.style.name == "Heading 2"]
    assert headings[:3] == asked


def test_sef_needs_word_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--sef", "-o", str(tmp_path / "x.html")]) == 2
    assert "--sef writes a Word document" in capsys.readouterr().err


def test_published_figures_are_shown_where_the_framework_links_them() -> None:
    import datetime

    from selfassess.model.framework import framework_from_data

    loaded = load_assessment(EXAMPLE)
    data = msgspec.to_builtins(loaded.framework, builtin_types=(datetime.date,))
    data["judgements"][1]["criteria"][1]["indicators"] = ["rereferrals"]
    fw = framework_from_data(data)
    doc = docx.Document(io.BytesIO(render_sef(summarise(fw, loaded.assessment))))
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Indicator"]
    rows = [[c.text for c in r.cells] for t in tables for r in t.rows[1:]]
    row = next(r for r in rows if r[0] == "Re-referrals within 12 months")
    assert int(row[1]) <= 2018  # the year the self-evaluation speaks for, not a later one
    assert any("Open Government Licence" in p.text for p in doc.paragraphs)


def test_no_figure_from_after_the_documents_date_is_shown(
    document: docx.document.Document,
) -> None:
    """The example speaks for 2018; figures first published later are named as missing, never
    put in the table as though they were the picture then."""
    as_at = next(p.text for p in document.paragraphs if p.text.startswith("As at"))
    assert as_at.endswith("2018")
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Indicator"]
    years = [int(r.cells[1].text) for t in tables for r in t.rows[1:]]
    assert years and max(years) <= 2018
    missing = [p.text for p in document.paragraphs if p.text.startswith("Not shown: ")]
    assert any("Children looked after at 31 March per 10,000 children" in m for m in missing)
    assert all(m.endswith("no figures were published for 2018 or earlier.") for m in missing)
