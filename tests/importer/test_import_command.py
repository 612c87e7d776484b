"""The import-report command: printing, JSON, batches with bad files, and --into round trips."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from report_samples import (
    SEED_TEXT,
    SIF_TEXT,
    grade_first_pdf,
    pdf_from_lines,
    report_2018_pages,
    report_2023_pages,
    report_2026_pages,
)
from rich.console import Console

from selfassess.commands import build_parser
from selfassess.commands.common import Consoles
from selfassess.files.store import load_assessment

JSON_KEYS = [
    "local_authority",
    "inspection_start",
    "inspection_end",
    "lead_inspector",
    "framework",
    "judgements",
    "authority",
    "areas_for_improvement",
    "national_framework_tags",
    "source",
]


def run(*argv: str, terminal: bool = False) -> tuple[int, str, str]:
    args = build_parser().parse_args(["import-report", *argv])
    out = Console(file=io.StringIO(), width=100, color_system=None)
    err = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=terminal)
    code = args.run(args, Consoles(out, err))
    return code, out.file.getvalue(), err.file.getvalue()


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, Path]:
    files = {
        "2018": ("anytown.pdf", pdf_from_lines(report_2018_pages())),
        "2023": ("northshire.pdf", pdf_from_lines(report_2023_pages())),
        "2026": ("westvale.pdf", pdf_from_lines(report_2026_pages())),
        "grade-first": ("eastmoor.pdf", grade_first_pdf()),
        "text": ("seed.txt", SEED_TEXT.encode()),
        "sif": ("exampleton-sif.txt", SIF_TEXT.encode()),
    }
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = tmp_path / name
        paths[key].write_bytes(data)
    return paths


# --- printing ---------------------------------------------------------------------------------


def test_prints_what_the_report_states(reports) -> None:
    code, out, err = run(str(reports["2023"]))
    assert code == 0 and err == ""
    assert "Northshire" in out
    assert "13 to 24 November 2023" in out and "Sam Sample" in out
    assert "four judgements plus overall effectiveness (ilacs-2023)" in out
    assert "Requires improvement to be good" in out and "Inadequate" in out
    assert "What needs to improve (3)" in out
    assert "1. The help given to care leavers to understand their entitlements." in out


def test_json_shape(reports) -> None:
    code, out, _ = run("--json", str(reports["2026"]))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert list(data) == JSON_KEYS
    assert data == {
        "local_authority": "Westvale",
        "inspection_start": "2026-05-04",
        "inspection_end": "2026-05-15",
        "lead_inspector": "Jo Placeholder",
        "framework": "ilacs-2026",
        "judgements": {
            "leaders": "good",
            "help_and_protection": "good",
            "children_in_care": "good",
            "care_leavers": "good",
        },
        "authority": "Westvale",
        "areas_for_improvement": ["Return home interviews for children who go missing."],
        "national_framework_tags": [[]],
        "source": str(reports["2026"]),
    }


def test_json_one_line_per_report_with_bundled_framework_ids(reports) -> None:
    keys = ["2018", "2023", "2026", "grade-first", "text"]
    code, out, err = run("--json", *(str(reports[k]) for k in keys))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["framework"] for r in rows] == [
        "ilacs-2018",
        "ilacs-2023",
        "ilacs-2026",
        "ilacs-2018",
        "ilacs-2018",
    ]
    assert [r["source"] for r in rows] == [str(reports[k]) for k in keys]
    assert rows[1]["judgements"]["care_leavers"] == "inadequate"
    assert list(rows[1]["judgements"]) == [
        "leaders",
        "help_and_protection",
        "children_in_care",
        "care_leavers",
        "overall",
    ]


def test_batch_goes_on_past_bad_files(reports, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.pdf"
    code, out, err = run(
        "--json",
        str(reports["2018"]),
        str(empty),
        str(reports["sif"]),
        str(missing),
        str(reports["2026"]),
    )
    assert code == 1  # some refused
    assert [json.loads(line)["local_authority"] for line in out.splitlines()] == [
        "Anytown City Council",
        "Westvale",
    ]
    lines = err.splitlines()
    assert lines[0] == f"{empty}: is empty"
    assert lines[1].startswith(
        f"{reports['sif']}: is a report under Ofsted's older single inspection framework"
    )
    assert "not an ILACS report" in lines[1]
    assert lines[2] == f"{missing}: does not exist"
    assert lines[3] == "five reports: 2 read, 3 refused:"
    assert "older single inspection framework (SIF) report" in err
    assert "Traceback" not in err


def test_a_folder_is_read_file_by_file_with_a_summary(reports, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(reports["text"].read_bytes())
    (folder / "b.txt").write_bytes(reports["sif"].read_bytes())
    (folder / "notes.docx").write_bytes(b"ignored: not a report file name")
    code, out, err = run(str(folder))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{folder / 'a.txt'}: ")
    assert len(out.splitlines()) == 1  # one line per report read
    assert err.splitlines()[0].startswith(f"{folder / 'b.txt'}: is a report under")
    assert "two reports: 1 read, 1 refused:" in err


def test_none_usable_exits_two(reports, tmp_path: Path) -> None:
    code, _, err = run(str(reports["sif"]), str(tmp_path / "missing.pdf"))
    assert code == 2 and "0 read, 2 refused" in err


def test_csv_one_row_per_report_refused_ones_with_the_reason(reports, tmp_path: Path) -> None:
    import csv

    target = tmp_path / "out.csv"
    code, out, err = run("--csv", str(target), str(reports["2023"]), str(reports["sif"]))
    assert code == 1 and out == ""
    rows = list(csv.DictReader(target.read_text("utf-8-sig").splitlines()))
    assert [row["status"] for row in rows] == ["read", "refused"]
    assert rows[0]["care_leavers"] == "inadequate" and rows[0]["overall"] != ""
    assert "single inspection framework" in rows[1]["reason"]
    assert "1 read, 1 refused" in err


def test_only_good_files_exit_zero(reports) -> None:
    assert run(str(reports["2018"]), str(reports["text"]))[0] == 0


def test_no_table_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Agenda\nItem 1: apologies\n", encoding="utf-8")
    code, out, err = run(str(path))
    assert code == 2 and out == ""
    assert err.strip() == (
        f"{path}: no table of judgement grades found — is this an Ofsted ILACS report?"
    )


def test_progress_bar_for_many_reports_keeps_output_whole(reports) -> None:
    paths = [str(reports[k]) for k in ("2018", "2023", "2026", "text", "grade-first")]
    code, out, _ = run("--json", *paths, terminal=True)
    assert code == 0
    assert len([json.loads(line) for line in out.splitlines()]) == 5


# --- --into -----------------------------------------------------------------------------------


@pytest.fixture
def assessment(tmp_path: Path, importer_fixtures: Path) -> Path:
    folder = tmp_path / "sef"
    folder.mkdir()
    shutil.copy(importer_fixtures / "layout-2023.toml", folder)
    shutil.copy(importer_fixtures / "assessment-2023.toml", folder / "sef.toml")
    return folder / "sef.toml"


def test_into_attaches_grades_and_linked_areas(reports, assessment: Path) -> None:
    before = load_assessment(assessment).assessment
    code, out, err = run(str(reports["2023"]), "--into", str(assessment))
    assert code == 0, err
    loaded = load_assessment(assessment)  # the saved file loads back and checks
    published = loaded.assessment.published
    assert published is not None
    assert published.grades == {
        "leaders": "requires_improvement",
        "help_and_protection": "good",
        "children_in_care": "outstanding",
        "care_leavers": "inadequate",
        "overall": "inadequate",
    }
    assert published.source == "northshire.pdf"
    assert str(published.inspection_start) == "2023-11-13"
    assert str(published.inspection_end) == "2023-11-24"
    assert published.lead_inspector == "Sam Sample"
    assert [(a.text, a.criteria) for a in published.areas_for_improvement] == [
        ("The help given to care leavers to understand their entitlements.", ["cl-offer"]),
        (
            "The consistency of supervision for social workers in the safeguarding teams.",
            ["ld-oversight"],
        ),
        (
            "Sufficiency of local homes for children in care, so that fewer children live far "
            "from home.",
            ["ld-sufficiency"],
        ),
    ]
    assert loaded.assessment.criteria == before.criteria  # ratings untouched
    assert (assessment.parent / "sef.toml.bak").exists()
    assert "Attached to" in out and "5 grades" not in out and "five grades" in out
    assert "→ cl-offer" in out and "The local offer for care leavers" in out


def test_into_again_replaces_and_says_so(reports, assessment: Path) -> None:
    assert run(str(reports["2023"]), "--into", str(assessment))[0] == 0
    code, out, _ = run(str(reports["2023"]), "--into", str(assessment))
    assert code == 0 and "Replaced the published grades" in out and "sef.toml.bak" in out


def test_into_keeps_the_publication_date_of_the_same_inspection(reports, assessment) -> None:
    text = assessment.read_text(encoding="utf-8")
    assessment.write_text(
        text + "\n[published]\npublished = 2024-01-19\ninspection_start = 2023-11-13\n"
        'inspection_end = 2023-11-24\n\n[published.grades]\noverall = "good"\n',
        encoding="utf-8",
    )
    assert run(str(reports["2023"]), "--into", str(assessment))[0] == 0
    published = load_assessment(assessment).assessment.published
    assert str(published.published) == "2024-01-19" and published.grades["overall"] == "inadequate"
    # A report of another inspection does not inherit that date.
    other = reports["2023"].with_name("later.txt")
    pages = report_2023_pages()
    later = "\n".join(x if isinstance(x, str) else " ".join(x) for x in pages[0] + pages[1])
    other.write_text(later.replace("13 to 24 November 2023", "8 to 19 January 2024"), "utf-8")
    assert run(str(other), "--into", str(assessment))[0] == 0
    assert load_assessment(assessment).assessment.published.published is None


def test_into_refuses_a_report_of_another_layout(reports, assessment: Path) -> None:
    before = assessment.read_bytes()
    code, out, err = run(str(reports["2026"]), "--into", str(assessment))
    assert code == 2 and out == ""
    assert err.startswith(
        f"{reports['2026']}: has the ilacs-2026 layout (four judgements, no overall effectiveness"
    )
    assert "is an assessment against layout-2023 (four judgements plus overall effectiveness" in err
    assert "nothing was changed" in err
    assert assessment.read_bytes() == before


def test_into_2023_report_into_bundled_2018_assessment(reports, tmp_path: Path) -> None:
    from selfassess.files.store import bundled_framework, save_assessment
    from selfassess.model.assessment import new_assessment

    path = tmp_path / "old.toml"
    framework = bundled_framework("ilacs-2018")
    save_assessment(new_assessment(framework, "Northshire"), path, framework)
    code, _, err = run(str(reports["2023"]), "--into", str(path))
    assert code == 2
    assert "has the ilacs-2023 layout" in err and "against ilacs-2018" in err


def test_into_bundled_framework_links_areas(reports, tmp_path: Path) -> None:
    from selfassess.files.store import bundled_framework, save_assessment
    from selfassess.model.assessment import new_assessment

    path = tmp_path / "ours.toml"
    framework = bundled_framework("ilacs-2018")
    save_assessment(new_assessment(framework, "Anytown City Council"), path, framework)
    code, _, err = run(str(reports["2018"]), "--into", str(path))
    assert code == 0 and err == ""
    published = load_assessment(path).assessment.published
    assert published.grades["overall"] == "inadequate"
    for area in published.areas_for_improvement:
        assert area.criteria, area.text
        assert all(cid in framework.criteria for cid in area.criteria)


def test_into_notes_a_different_authority(reports, assessment: Path) -> None:
    text = assessment.read_text(encoding="utf-8").replace("Northshire Council", "Southby")
    assessment.write_text(text, encoding="utf-8")
    code, _, err = run(str(reports["2023"]), "--into", str(assessment))
    assert code == 0
    assert 'is about "Northshire"' in err and '"Southby"' in err


def test_into_takes_one_report(reports, assessment: Path) -> None:
    code, _, err = run(str(reports["2023"]), str(reports["2023"]), "--into", str(assessment))
    assert code == 2 and "--into takes one report at a time (2 given)" in err


def test_into_a_bad_assessment(reports, tmp_path: Path) -> None:
    code, _, err = run(str(reports["2023"]), "--into", str(tmp_path / "none.toml"))
    assert code == 2 and err.strip() == f"{tmp_path / 'none.toml'}: does not exist"


def test_into_with_an_unreadable_report(assessment: Path, tmp_path: Path) -> None:
    before = assessment.read_bytes()
    code, _, err = run(str(tmp_path / "gone.pdf"), "--into", str(assessment))
    assert code == 2 and "does not exist" in err
    assert assessment.read_bytes() == before


def test_wired_into_the_main_command(reports, capsys) -> None:
    from selfassess.commands import main

    assert main(["import-report", "--json", str(reports["text"])]) == 0
    assert json.loads(capsys.readouterr().out)["framework"] == "ilacs-2018"


def test_source_and_messages_use_the_path_as_given(reports, monkeypatch) -> None:
    monkeypatch.chdir(reports["text"].parent)
    code, out, err = run("--json", "./seed.txt", "./nothing.pdf")
    assert code == 1
    assert json.loads(out)["source"] == "./seed.txt"
    assert err.splitlines()[0] == "./nothing.pdf: does not exist"


def test_printed_report_shows_national_framework_tags(reports) -> None:
    code, out, _ = run(str(reports["2023"]))
    assert code == 0
    assert "National framework: outcome 4" in out and "National framework: enabler 3" in out
    assert "(outcome 4, national framework)" not in out


def test_outstanding_report_without_list_prints_that_it_has_none(tmp_path: Path) -> None:
    from report_samples import report_2026_pages

    pages = report_2026_pages()
    pages[0] = ["Outstanding" if line == "Good" else line for line in pages[0]]
    pages[1] = [line for line in pages[1] if "improve" not in line and "Return home" not in line]
    path = tmp_path / "westvale.pdf"
    path.write_bytes(pdf_from_lines(pages))
    code, out, _ = run(str(path))
    assert code == 0 and "The report lists no areas for improvement." in out


def test_into_refuses_a_file_someone_has_open_in_the_app(
    reports, assessment: Path, held_by_colleague
) -> None:
    from selfassess.files import locking

    held_by_colleague(assessment)
    before = assessment.read_bytes()
    code, _, err = run(str(reports["2023"]), "--into", str(assessment))
    assert code == 2
    assert f"{assessment}: is in use: alex on" in err and "Nothing was changed" in err
    assert assessment.read_bytes() == before
    assert not (assessment.parent / "sef.toml.bak").exists()
    holder = locking.read_holder(assessment)
    assert holder is not None and holder.user == "alex"  # still theirs


def test_into_holds_the_file_while_it_works_and_lets_go_after(reports, assessment: Path) -> None:
    from selfassess.files import locking

    assert run(str(reports["2023"]), "--into", str(assessment))[0] == 0
    assert locking.read_holder(assessment) is None


def test_into_claims_a_backup_only_when_one_was_kept(reports, assessment: Path) -> None:
    assert run(str(reports["2023"]), "--into", str(assessment))[0] == 0
    backup = assessment.parent / "sef.toml.bak"
    backup.unlink()
    backup.mkdir()  # a folder in the way: no backup can be kept
    code, out, err = run(str(reports["2023"]), "--into", str(assessment))
    assert code == 0 and "Replaced the published grades" in out
    assert "kept as" not in out
    assert "could not be kept" in err and "sef.toml.bak is in the way" in err
    assert backup.is_dir()


def test_into_shows_the_frameworks_words_without_escape_sequences(
    reports, assessment: Path
) -> None:
    """Judgement, grade and criterion titles come from a framework file: printed, they carry
    no escape sequences to the terminal."""
    layout = assessment.parent / "layout-2023.toml"
    text = layout.read_text(encoding="utf-8")
    for key in ("title", "short_title", "label"):
        text = text.replace(f'\n{key} = "', f'\n{key} = "\\u001b]52;c;eA==\\u0007\\u001b[2J')
    layout.write_text(text, encoding="utf-8")
    code, out, err = run(str(reports["2023"]), "--into", str(assessment))
    assert code == 0, err
    assert "→ cl-offer" in out
    assert "\x1b" not in out + err and "\x07" not in out + err
