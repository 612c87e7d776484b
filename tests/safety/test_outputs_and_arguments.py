"""No command writes its output over one of its own inputs, impossible numbers given on the
command line are refused before anything starts, and a very long note is checked quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from selfassess.commands import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
FRAMEWORK = (FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8")
ASSESSMENT = (
    'format_version = 1\nframework = "tiny"\nframework_version = "1"\n'
    'framework_file = "fw.toml"\nauthority = "Anytown"\n\n'
    '[criteria.hp-front-door]\nrating = "green"\nnotes = "NOTES"\n'
)
ESCAPE = "\x1b]52;c;cm0gLXJmIH4=\x07"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "fw.toml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "a.toml").write_text(ASSESSMENT, encoding="utf-8")
    (tmp_path / "b.toml").write_text(ASSESSMENT, encoding="utf-8")
    return tmp_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


OVER_AN_INPUT = {
    "report": ["report", "a.toml", "-o", "a.toml"],
    "report-docx": ["report", "a.toml", "--format", "docx", "-o", "a.toml"],
    "report-over-its-framework": ["report", "a.toml", "--format", "markdown", "-o", "fw.toml"],
    "actions": ["actions", "a.toml", "-o", "a.toml"],
    "merge-force": ["merge", "a.toml", "b.toml", "-o", "a.toml", "--force"],
    "migrate": ["migrate", "a.toml", "-o", "a.toml", "--framework", "fw.toml"],
    # an assessment the command does not read, and the copy of one's previous version
    "import-report-csv": ["import-report", "report.txt", "--csv", "b.toml"],
    "actions-over-a-backup": ["actions", "a.toml", "-o", "a.toml.bak"],
    "report-over-a-backup": ["report", "a.toml", "--format", "csv", "-o", "b.toml.bak"],
}


@pytest.mark.parametrize("name", OVER_AN_INPUT)
def test_no_command_writes_over_an_input_an_assessment_or_its_backup(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(folder)
    (folder / "report.txt").write_text("Not an Ofsted report.\n", encoding="utf-8")
    for backup in ("a.toml.bak", "b.toml.bak"):
        (folder / backup).write_text(ASSESSMENT, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, shown = run(OVER_AN_INPUT[name], capsys)
    assert code == 2, shown
    assert "nothing was changed" in shown or "already exists" in shown, shown
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no .bak either


@pytest.mark.parametrize("port", ["99999", "65536", "0", "-1", "eighty", ESCAPE])
def test_serve_refuses_a_port_that_cannot_be(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, shown = run(["serve", "--port", port], capsys)
    assert code == 2 and "port" in shown
    assert "\x1b" not in shown and "\x07" not in shown


@pytest.mark.parametrize("width", ["-5", "0"])
def test_report_refuses_a_width_below_one(
    folder: Path, width: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, shown = run(["report", str(folder / "a.toml"), "--width", width], capsys)
    assert code == 2 and "too small" in shown


def test_a_note_of_megabytes_is_validated_quickly(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once 10 s for a 50 MB note (files over 20 MB are now refused unread); the privacy
    check looks at the start of a very long text only."""
    sentence = "The front door team reviewed referrals with partners in March. "
    note = "Child John Smith was seen. " + sentence * (8_000_000 // len(sentence))
    path = folder / "a.toml"
    path.write_text(ASSESSMENT.replace('"NOTES"', f'"{note}"'), encoding="utf-8")
    started = time.perf_counter()
    code, shown = run(["validate", str(path)], capsys)
    seconds = time.perf_counter() - started
    assert code == 0, shown[:500]
    assert "John Smith" in shown  # the privacy guard still warns
    assert seconds < 10, f"8 MB of notes took {seconds:.1f} s to validate"
