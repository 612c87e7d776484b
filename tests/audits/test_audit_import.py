"""import-audits: generous columns, located refusals (exit 2, file untouched), idempotency,
privacy, encodings, and the 300-row sample imported into the Peterborough example."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_audits import write as write_sample

from selfassess.commands import main
from selfassess.commands.audit_template import template_text
from selfassess.files.store import bundled_framework, load_assessment
from selfassess.importer.audit_csv import read_audits
from selfassess.model.errors import InputError

EXAMPLE = Path(__file__).parents[2] / "examples" / "peterborough-2018.toml"
FW = bundled_framework("ilacs-2018")
TODAY = datetime.date(2018, 7, 1)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "our-sef.toml"
    shutil.copy(EXAMPLE, target)
    return target


def write(tmp_path: Path, text: str, name: str = "audits.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


HEADER = "Audit date,Audit reference,Criterion,Grade,Moderated,Moderated grade,Auditor role\n"


def run(*args: str | Path) -> int:
    return main([str(a) for a in args])


# --- columns, spellings -----------------------------------------------------------------------

HEADINGS = {
    "date": ["Audit date", "date_of_audit", "Date", "DateOfAudit", "AUDIT DATE", "Date audited"],
    "reference": ["Audit reference", "Audit ref", "audit_id", "Ref", "Reference"],
    "criterion": ["Criterion", "criterion_id", "Theme", "Practice area", "Audit theme"],
    "grade": ["Grade", "Overall grade", "audit_grade", "Judgement", "Outcome"],
    "role": ["Auditor role", "auditor_role", "Role", "Audited by"],
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.fixed_dictionaries({k: st.sampled_from(v) for k, v in HEADINGS.items()}),
    order=st.permutations(list(HEADINGS)),
    delimiter=st.sampled_from([",", ";", "\t"]),
    grade=st.sampled_from(["Good", "G", "2", "good", "2 - Good"]),
    date=st.sampled_from(["05/03/2018", "2018-03-05", "5 March 2018", "05-Mar-2018", "5/3/18"]),
)
def test_columns_are_matched_generously(
    tmp_path: Path,
    names: dict[str, str],
    order: list[str],
    delimiter: str,
    grade: str,
    date: str,
) -> None:
    values = {
        "date": date,
        "reference": "QA-1",
        "criterion": "hp-neglect",
        "grade": grade,
        "role": "Team Manager",
    }
    text = delimiter.join(names[k] for k in order) + "\n"
    text += delimiter.join(values[k] for k in order) + "\n"
    rows = read_audits(write(tmp_path, text), FW, today=TODAY)
    assert not rows.problems
    (audit,) = rows.audits["hp-neglect"]
    assert (audit.date, audit.grade, audit.auditor_role) == (
        datetime.date(2018, 3, 5),
        "good",
        "Team Manager",
    )


def test_map_names_a_column_and_ignores_another(tmp_path: Path) -> None:
    text = "When,Case sample,Area,Score,Grade\n05/03/2018,QA-1,hp-neglect,RI,not this\n"
    path = write(tmp_path, text)
    mapping = {"When": "date", "Case sample": "reference", "Score": "grade", "Grade": "ignore"}
    rows = read_audits(path, FW, today=TODAY, mapping=mapping)
    assert rows.audits["hp-neglect"][0].grade == "requires_improvement"


def test_a_theme_counts_for_each_of_its_criteria(tmp_path: Path) -> None:
    text = HEADER + "05/03/2018,QA-1,Missing children,Good,,,\n"
    rows = read_audits(write(tmp_path, text), FW, today=TODAY)
    assert set(rows.audits) == {
        "hp-missing-exploitation",
        "hp-exploitation-assessment",
        "cc-missing-return",
    }
    assert all(a[0].theme == "missing" for a in rows.audits.values())


# --- located refusals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("05/03/2018,QA-1,hp-neglect,Excellent,,,\n", 'line 2: "Excellent" is not a grade'),
        ("05/03/2030,QA-1,hp-neglect,Good,,,\n", "line 2: is dated 5 March 2030, in the future"),
        ("31/02/2018,QA-1,hp-neglect,Good,,,\n", 'line 2: "31/02/2018" is not a date'),
        ("05/03/2018,,hp-neglect,Good,,,\n", "line 2: has no audit reference"),
        ("05/03/2018,QA-1,hp-nothing,Good,,,\n", '"hp-nothing" is neither a criterion id'),
        ("05/03/2018,QA-1,hp-neglect,Good,maybe,,\n", '"maybe" under moderated is not yes'),
        (
            "05/03/2018,QA-1,hp-neglect,Good,,,\n\n05/03/2018,qa-1,hp-neglect,RI,,,\n",
            "line 4: repeats the audit on line 2",
        ),
    ],
)
def test_rows_that_cannot_be_used_are_listed_and_nothing_changes(
    example: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    body: str,
    expected: str,
) -> None:
    before = example.read_bytes()
    good = "01/03/2018,QA-0,hp-front-door,Good,,,\n"
    path = write(tmp_path, HEADER + body + good)
    assert run("import-audits", path, "--into", example, "--today", "2018-07-01") == 2
    err = capsys.readouterr().err
    assert expected in " ".join(err.split())
    assert str(path) in err and "nothing was changed" in err
    assert example.read_bytes() == before
    assert not Path(f"{example}.bak").exists()


def test_skip_bad_rows_imports_the_rest_with_exit_1(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path, HEADER + "05/03/2018,QA-1,hp-neglect,Good,,,\n05/03/2018,QA-2,x,Good,,,\n"
    )
    assert run("import-audits", path, "--into", example, "--skip-bad-rows") == 1
    assert "line 3" in capsys.readouterr().err
    assert len(load_assessment(example).assessment.record("hp-neglect").audits) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Audit date,Grade,Criterion\n05/03/2018,Good,hp-neglect\n",
            "no column for the audit reference",
        ),
        ("", "is empty"),
        ("Audit date,Ref,Grade\n05/03/2018,QA-1,Good\n", "no column for the criterion id"),
    ],
)
def test_missing_columns_are_named(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    before = example.read_bytes()
    assert run("import-audits", write(tmp_path, text), "--into", example) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert expected in err and "Traceback" not in err
    assert example.read_bytes() == before


def test_a_workbook_or_binary_file_is_refused(example: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "audits.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(InputError, match="Excel workbook"):
        read_audits(xlsx, FW, today=TODAY)
    assert run("import-audits", xlsx, "--into", example) == 2


def test_the_files_given_the_wrong_way_round_are_said_so(example: Path, tmp_path: Path) -> None:
    other = tmp_path / "b.toml"
    shutil.copy(example, other)
    before = other.read_bytes()
    with pytest.raises(InputError, match="give the CSV first"):
        read_audits(example, FW, today=TODAY)
    assert run("import-audits", example, "--into", other) == 2
    assert other.read_bytes() == before


def test_excel_encodings_are_read(tmp_path: Path) -> None:
    row = "05/03/2018,QA-1,hp-neglect,Good,,,Responsable d’équipe\n"
    for encoding, name in (
        ("utf-8-sig", "UTF-8"),
        ("cp1252", "Windows-1252"),
        ("utf-16", "UTF-16"),
    ):
        rows = read_audits(write(tmp_path, HEADER + row, encoding=encoding), FW, today=TODAY)
        assert rows.encoding == name
        assert rows.audits["hp-neglect"][0].auditor_role == "Responsable d’équipe"


# --- privacy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra_heading", "extra_value", "expected"),
    [
        ("Child name", "Anything", 'column "Child name" looks like it holds a person\'s name'),
        ("DOB", "01/02/2012", 'column "DOB" looks like it holds a date of birth'),
        ("NHS number", "x", 'column "NHS number" looks like it holds an NHS number'),
        ("Notes", "Seen with Jayden Smith", "line 2: “Jayden Smith”"),
        ("Notes", "943 476 5919", "an NHS number (line 2"),
    ],
)
def test_identifying_columns_stop_the_import(
    example: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra_heading: str,
    extra_value: str,
    expected: str,
) -> None:
    before = example.read_bytes()
    text = (
        HEADER.strip() + f",{extra_heading}\n05/03/2018,QA-1,hp-neglect,Good,,,TM,{extra_value}\n"
    )
    assert run("import-audits", write(tmp_path, text), "--into", example) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert expected in err and "Nothing was imported" in err
    assert example.read_bytes() == before


def test_a_reference_that_is_a_name_is_refused(tmp_path: Path) -> None:
    text = HEADER + "05/03/2018,Kelly Brown,hp-neglect,Good,,,\n"
    with pytest.raises(InputError, match="Audit reference"):
        read_audits(write(tmp_path, text), FW, today=TODAY)


# --- the sample, idempotency ------------------------------------------------------------------


def test_the_300_row_sample_imports_into_the_example_idempotently(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = write_sample(tmp_path / "peterborough-audits.csv")
    assert run("import-audits", sample, "--into", example, "--today", "2018-07-01") == 0
    out = capsys.readouterr().out
    assert "Imported 300 audit rows" in out and '"Comments"' in out
    saved = example.read_bytes()
    loaded = load_assessment(example)
    audits = [a for r in loaded.assessment.criteria.values() for a in r.audits]
    assert len({a.key() for a in audits}) == 300
    assert b"Comments" not in saved and b"views clearly recorded" not in saved
    assert saved.startswith(b"# Worked example")  # the file's own comments are kept

    mtime = example.stat().st_mtime_ns
    assert run("import-audits", sample, "--into", example, "--today", "2018-07-01") == 0
    assert "Nothing to change" in capsys.readouterr().out
    assert example.read_bytes() == saved and example.stat().st_mtime_ns == mtime

    newer = write(tmp_path, HEADER + "02/07/2018,QA-1807-001,hp-neglect,Good,Yes,RI,TM\n")
    assert run("import-audits", newer, "--into", example, "--today", "2018-07-03") == 0
    assert len(load_assessment(example).assessment.record("hp-neglect").audits) == 23


def test_the_sample_is_the_same_every_time(tmp_path: Path) -> None:
    a = write_sample(tmp_path / "a.csv").read_bytes()
    b = write_sample(tmp_path / "b.csv").read_bytes()
    assert a == b and a.count(b"\r\n") == 301


def test_a_file_held_in_the_app_is_not_written(example: Path, tmp_path: Path) -> None:
    from selfassess.files import locking

    lock = locking.lock_path(example)
    lock.write_text(
        '{"host": "another-host", "pid": 1, "user": "Ann", "since": "2018-07-01T09:00:00"}\n',
        encoding="utf-8",
    )
    before = example.read_bytes()
    path = write(tmp_path, HEADER + "05/03/2018,QA-1,hp-neglect,Good,,,\n")
    assert run("import-audits", path, "--into", example) == 2
    assert example.read_bytes() == before


def test_the_template_documents_the_format_and_imports_once_filled(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("audit-template", "-o", tmp_path / "t.csv") == 0
    text = (tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    assert text == template_text()
    assert "NEVER a child's name" in text and "RI" in text
    filled = write(tmp_path, text + "05/03/2018,QA-1,hp-neglect,RI,Yes,Good,Team Manager\r\n")
    assert run("import-audits", filled, "--into", example, "--today", "2018-07-01") == 0
    (audit,) = load_assessment(example).assessment.record("hp-neglect").audits
    assert (audit.grade, audit.moderated_grade, audit.moderated) == (
        "requires_improvement",
        "good",
        True,
    )


def test_the_template_never_replaces_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = write(tmp_path, HEADER + "05/03/2018,QA-1,hp-neglect,Good,,,\n")
    before = filled.read_bytes()
    assert run("audit-template", "-o", filled) == 2
    assert filled.read_bytes() == before
    assert "already exists" in capsys.readouterr().err


def test_the_shipped_example_is_the_generators_output(tmp_path: Path) -> None:
    shipped = EXAMPLE.with_name("peterborough-2018-audits.csv").read_bytes()
    assert shipped == write_sample(tmp_path / "a.csv").read_bytes()
