"""A council's own framework is a file like any other: its labels reach spreadsheets and Word
documents only as plain text, and nothing in it can stop an export."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from selfassess.commands import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
FRAMEWORK = (FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8")

FORMULA = '=HYPERLINK("http://evil.example","Amber")'
UNSAFE = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\u202c", "\u2066", "\u2069", "\u200b")
HIDDEN = (
    "\\u009b2J \\u202eevil\\u202c \\u2066x\\u2069 \\u200b\\u001b]8;;https://evil.example/\\u0007"
)
"""In TOML's escapes, as a framework file holds them: CSI, bidi overrides, zero width, OSC 8."""


def _assessment(tmp_path: Path, framework_text: str) -> Path:
    from selfassess.files.store import load_assessment, save_assessment

    fw = tmp_path / "fw.toml"
    fw.write_text(framework_text, encoding="utf-8")
    path = tmp_path / "a.toml"
    assert main(["new", str(path), "--framework", str(fw), "--authority", "Peterborough"]) == 0
    loaded = load_assessment(path)
    for n, criterion in enumerate(loaded.framework.criteria):  # all rated: grades are shown
        record = loaded.assessment.editable_record(criterion)
        record.rating = "amber" if n == 0 else "green"
    save_assessment(loaded.assessment, path, loaded.framework)
    return path


def _hostile_labels() -> str:
    """Every label (rating levels, grades, themes), short title and the first titles hiding
    escapes and overrides; amber's label a spreadsheet formula."""
    text = FRAMEWORK.replace('label = "Amber"', f"label = '{FORMULA}'")
    text = text.replace('label = "', f'label = "{HIDDEN}').replace(
        'short_title = "', f'short_title = "{HIDDEN}'
    )
    return text.replace('title = "', f'title = "{HIDDEN}', 2)


def test_a_rating_label_is_never_a_formula_in_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment(tmp_path, _hostile_labels())
    capsys.readouterr()
    out = tmp_path / "report.csv"
    assert main(["report", str(path), "--format", "csv", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["rating"] == "'" + FORMULA  # shown as text, never run
    for char in UNSAFE:
        assert char not in text


@pytest.mark.parametrize("extra", [[], ["--sef"]], ids=["report", "self-evaluation"])
def test_framework_labels_reach_word_without_controls_or_bidi_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    path = _assessment(tmp_path, _hostile_labels())
    out = tmp_path / "report.docx"
    assert main(["report", str(path), "--format", "docx", *extra, "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        xml = "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith(".xml")
        )
    assert "Tiny test framework" in xml
    for char in UNSAFE:
        assert char not in xml, f"U+{ord(char):04X} reached the Word document"


def test_a_long_inspectorate_name_does_not_stop_the_word_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = "Joint Inspectorate of Children and Families Services " * 6
    path = _assessment(
        tmp_path, FRAMEWORK.replace('inspectorate = "Ofsted"', f'inspectorate = "{long_name}"')
    )
    capsys.readouterr()
    out = tmp_path / "report.docx"
    assert main(["report", str(path), "--format", "docx", "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    with zipfile.ZipFile(out) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "Joint Inspectorate" in core  # in the document's properties, shortened


def test_a_title_of_invisible_characters_does_not_stop_the_word_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _assessment(
        tmp_path, FRAMEWORK.replace('title = "Tiny test framework"', 'title = "\\u200b\\u2066"')
    )
    out = tmp_path / "report.docx"
    assert main(["report", str(path), "--format", "docx", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        assert "(blank)" in package.read("word/document.xml").decode("utf-8")
