"""``selfassess migrate`` that carries nothing over says so, writes nothing and exits 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.commands import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
TINY = FIXTURES / "tiny-framework.toml"
PARTNERSHIP = FIXTURES / "partnership-framework.toml"


def _new(tmp_path: Path, body: str = "") -> Path:
    path = tmp_path / "old.toml"
    assert (
        main(["new", str(path), "--framework", str(TINY), "--authority", "Anytown", "--no-figures"])
        == 0
    )
    if body:
        with path.open("a", encoding="utf-8") as f:
            f.write(body)
    return path


def test_nothing_recorded_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _new(tmp_path)
    capsys.readouterr()
    new = tmp_path / "new.toml"
    assert main(["migrate", str(old), "-o", str(new), "--framework", str(TINY)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was carried over" in err and "no ratings, evidence, notes or actions" in err
    assert "No file was written" in err
    assert not new.exists()


def test_no_criterion_in_common(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _new(tmp_path, '\n[criteria.hp-plans]\nrating = "amber"\n')
    before = old.read_bytes()
    capsys.readouterr()
    new = tmp_path / "new.toml"
    assert main(["migrate", str(old), "-o", str(new), "--framework", str(PARTNERSHIP)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was carried over" in err and "partnership-theme 1" in err
    assert "hp-plans" in err  # what could not be carried over is listed
    assert not new.exists()
    assert old.read_bytes() == before


def test_help_documents_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--help"]) == 0
    assert "1 when nothing could be carried over" in " ".join(capsys.readouterr().out.split())
