"""The command line: exit codes, messages on stderr, JSON for other tools, no Textual on report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfassess.commands import main

FIXTURES = Path(__file__).parent.parent / "fixtures"


def make_assessment(tmp_path: Path, body: str = "") -> Path:
    rel = os.path.relpath(FIXTURES / "tiny-framework.toml", tmp_path)
    path = tmp_path / "a.toml"
    path.write_text(
        f'format_version = 1\nframework = "tiny"\nframework_version = "1"\n'
        f'framework_file = "{rel}"\nauthority = "Anytown"\n{body}',
        encoding="utf-8",
    )
    return path


RATED = """
[published.grades]
help_and_protection = "good"
leaders = "good"
overall = "requires_improvement"

[[published.areas_for_improvement]]
text = "Return interviews"
criteria = ["hp-missing"]

[criteria.hp-front-door]
rating = "green"
[[criteria.hp-front-door.evidence]]
what = "[bold red]Audit[/] of contacts"
type = "case_audit"
[criteria.hp-missing]
rating = "green"
[criteria.hp-plans]
rating = "green"
[criteria.hp-assessments]
rating = "amber"
[criteria.ld-qa]
rating = "green"
[criteria.ld-workforce]
rating = "green"
"""


def test_version_and_help_on_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["report"], ["validate"], ["new"], ["frameworks"], ["open"]):
        assert main([*command, "--version"]) == 0
        assert "selfassess 0." in capsys.readouterr().out
        assert main([*command, "--help"]) == 0
        assert "usage" in capsys.readouterr().out.lower()


def test_report_json_has_the_documented_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_assessment(tmp_path, RATED)
    assert main(["report", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {row["judgement"]: row for row in data["scorecard"]}
    assert list(rows) == ["help_and_protection", "leaders", "overall"]
    hp = rows["help_and_protection"]
    assert (hp["indicative"], hp["published"], hp["rated"], hp["total"]) == ("good", "good", 4, 4)
    assert rows["overall"]["indicative"] == "good"
    assert rows["overall"]["published"] == "requires_improvement"
    assert rows["overall"]["gap"] == 1
    assert [b["criterion"] for b in data["blind_spots"]] == ["hp-missing"]
    assert data["criteria"][0]["evidence"][0]["what"] == "[bold red]Audit[/] of contacts"


def test_report_text_shows_scorecard_and_literal_user_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_assessment(tmp_path, RATED)
    assert main(["report", str(path), "--width", "160"]) == 0
    out = capsys.readouterr().out
    assert "Scorecard" in out
    assert "Help and protection" in out
    assert "one grade more generous than Ofsted" in out
    assert "Possible blind spots" in out
    assert "[bold red]Audit[/] of contacts" in out


def test_report_to_file(tmp_path: Path) -> None:
    path = make_assessment(tmp_path, RATED)
    out = tmp_path / "report.txt"
    assert main(["report", str(path), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Scorecard" in text and "\x1b" not in text and text.endswith("\n")


def test_bad_input_is_exit_2_with_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_assessment(tmp_path, '[criteria.hp-plans]\nrating = "purple"\n')
    assert main(["report", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{path}: criteria.hp-plans.rating:" in captured.err.replace("\n", "")
    assert "Traceback" not in captured.err


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report"]) == 2
    assert main(["report", "x.toml", "--format", "pdf"]) == 2
    assert "usage" in capsys.readouterr().err.lower()


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("sef.docx", b"PK\x03\x04\x14\x00\x06\x00", "is a Word or Excel document"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3", "is a PDF"),
        ("audits.csv", b"Audit date,Case,Grade\n2026-01-05,C1,Good\n", "is a CSV file"),
    ],
)
def test_a_file_of_another_kind_is_named_as_such(
    name: str, content: bytes, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err.replace("\n", " ")
    assert f"{name}: {said}" in err
    assert "not a selfassess file" in err and "TOML" not in err
    assert path.read_bytes() == content


@pytest.mark.parametrize(("typed", "meant"), [("reprot", "report"), ("Actoins", "actions")])
def test_a_mistyped_command_is_named_with_the_likely_one(
    typed: str,
    meant: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([typed, "our-sef.toml"]) == 2
    err = capsys.readouterr().err
    assert f'"{typed}" is not a command. Did you mean "{meant}"?' in err
    assert list(tmp_path.iterdir()) == []  # and no app, no new file


def test_a_file_named_like_a_command_is_still_taken_as_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `selfassess FILE` opens or creates an assessment: a name with a dot, or one that exists,
    # goes to the app (here refused only for the extra word, before the app starts).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reprot").write_text("", encoding="utf-8")
    for typed in ("reprot.toml", "reprot"):
        assert main([typed, "extra"]) == 2
        err = capsys.readouterr().err
        assert "unrecognized arguments: extra" in err
        assert "is not a command" not in err


def test_validate_lists_every_problem_of_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = make_assessment(tmp_path, RATED)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        good.read_text()
        .replace('rating = "amber"', 'rating = "ambre"')
        .replace('type = "case_audit"', 'type = "audit"'),
        encoding="utf-8",
    )
    frameworks = sorted((FIXTURES / "bad-frameworks").glob("*.toml"))[:2]
    code = main(
        [
            "validate",
            str(good),
            str(bad),
            str(FIXTURES / "tiny-framework.toml"),
            *map(str, frameworks),
        ]
    )
    captured = capsys.readouterr()
    assert code == 2
    assert "a valid assessment of Anytown against tiny: 6 of 6 criteria rated" in captured.out
    assert "a valid framework: Tiny test framework" in captured.out
    err = captured.err.replace("\n", " ")
    assert "criteria.hp-assessments.rating" in err and 'did you mean "amber"' in err
    assert "criteria.hp-front-door.evidence[0].type" in err
    assert err.count("✗") == 3


def test_validate_all_good_is_exit_0(tmp_path: Path) -> None:
    assert main(["validate", str(make_assessment(tmp_path, RATED))]) == 0


def test_new_creates_a_blank_assessment_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sef.toml"
    framework = str(FIXTURES / "tiny-framework.toml")
    assert (
        main(["new", str(path), "--framework", framework, "--authority", "  Anytown   Council "])
        == 0
    )
    text = path.read_text(encoding="utf-8")
    assert 'authority = "Anytown Council"' in text
    assert "framework_file = " in text
    assert main(["validate", str(path)]) == 0
    path.write_text(text + "# my edits\n", encoding="utf-8")
    assert main(["new", str(path), "--framework", framework, "--authority", "X"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8").endswith("# my edits\n")


def test_new_with_unknown_framework(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["new", str(tmp_path / "x.toml"), "--framework", "ilacs-2081", "--authority", "X"])
        == 2
    )
    assert "There is no bundled framework" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()


def test_report_path_does_not_import_textual(tmp_path: Path) -> None:
    path = make_assessment(tmp_path, RATED)
    code = (
        "import sys\n"
        "from selfassess.commands import main\n"
        f"rc = main(['report', {str(path)!r}])\n"
        "assert rc == 0, rc\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print('TEXTUAL' if bad else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("CLEAN")


def _imported_after(package: str) -> set[str]:
    """Every top-level library a fresh interpreter has loaded after importing each module of
    ``package``."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"import {package} as pkg\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_the_model_never_imports_rich_or_textual() -> None:
    loaded = _imported_after("selfassess.model")
    assert "rich" not in loaded and "textual" not in loaded


@pytest.mark.parametrize(
    "package",
    ["selfassess.files", "selfassess.views", "selfassess.exports", "selfassess.importer"],
)
def test_outside_the_app_nothing_imports_textual(package: str) -> None:
    assert "textual" not in _imported_after(package)


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "selfassess", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "selfassess" in result.stdout


def test_report_takes_its_format_from_the_output_file_name(tmp_path: Path) -> None:
    path = make_assessment(tmp_path, RATED)
    out = tmp_path / "report.html"
    assert main(["report", str(path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_report_is_never_written_over_another_assessment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_assessment(tmp_path, RATED)
    other = tmp_path / "other.toml"
    other.write_bytes(path.read_bytes())
    before = other.read_bytes()
    assert main(["report", str(path), "--format", "csv", "-o", str(other)]) == 2
    assert "a report is never written over one" in capsys.readouterr().err
    assert other.read_bytes() == before
