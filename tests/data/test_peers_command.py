"""``selfassess peers``: neighbours' grades and the authority's history, on screen and as JSON."""

from __future__ import annotations

import datetime
import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from selfassess.commands import main
from selfassess.data.published import dataset
from selfassess.views.peers import peers_view

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "peterborough-2018.toml"
FIXTURES = Path(__file__).parent.parent / "fixtures"


def assessment(tmp_path: Path, authority: str, extra: str = "") -> Path:
    rel = os.path.relpath(FIXTURES / "tiny-framework.toml", tmp_path)
    path = tmp_path / "sef.toml"
    path.write_text(
        f'format_version = 1\nframework = "tiny"\nframework_version = "1"\n'
        f'framework_file = "{rel}"\nauthority = "{authority}"\n{extra}',
        encoding="utf-8",
    )
    return path


def test_json_has_the_authority_its_history_and_its_neighbours(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["peers", "Peterborough City Council", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["authority", "history", "neighbours"]
    assert data["authority"] == {"code": "874", "name": "Peterborough", "region": "East of England"}
    assert [h["inspection_start"] for h in data["history"]] == ["2018-06-25", "2023-11-27"]
    assert data["history"][1]["judgements"]["overall"] == "inadequate"
    assert len(data["neighbours"]) == 10
    first = data["neighbours"][0]
    assert list(first) == ["code", "name", "closeness", "inspection_start", "judgements"]
    assert (first["code"], first["name"], first["closeness"]) == ("331", "Coventry", "Very close")
    assert first["inspection_start"] == "2022-06-20"
    assert first["judgements"]["overall"] == "good"


def test_an_assessment_without_a_code_is_found_by_its_authority(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["peers", str(EXAMPLE), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["authority"]["code"] == "874"


def test_an_assessment_of_an_unknown_place_names_the_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = assessment(tmp_path, "Anytown")
    assert main(["peers", str(path)]) == 2
    err = capsys.readouterr().err
    assert "sef.toml" in err and "authority" in err
    assert '"Anytown" is not an English local authority' in err


def test_unknown_authority_exits_2_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["peers", "Peterbrough"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert 'did you mean "Peterborough"' in captured.err
    assert main(["peers", "12345"]) == 2
    assert "codes look like 874 or E06000031" in capsys.readouterr().err


def test_screen_shows_the_last_inspection_and_every_neighbour_in_80_columns() -> None:
    data = dataset()
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(peers_view(data, data.find("874"), datetime.date(2026, 12, 1)))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Last full inspection: standard inspection starting 27 November 2023, 3 years ago" in (
        " ".join(text.split())
    )
    for neighbour, closeness in data.neighbours(data.find("874")):
        assert neighbour.name in text
        assert closeness.lower() in text
    assert "Requires improvement to be" in text
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "as at 31 March 2025" in text


def test_text_can_be_written_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "peers.txt"
    assert main(["peers", "874", "-o", str(out)]) == 0
    assert "Statistical neighbours" in out.read_text(encoding="utf-8")
