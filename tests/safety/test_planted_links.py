"""A link planted where selfassess keeps a side file (the backup, the lock, the recovery copy) is
replaced, never written through: on a shared drive it could point at someone's own files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from selfassess.files import locking
from selfassess.files.store import load_assessment, save_assessment

EXAMPLE = Path(__file__).parents[2] / "examples" / "peterborough-2018.toml"


@pytest.fixture
def assessment(tmp_path: Path) -> Path:
    path = tmp_path / "sef.toml"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.mark.parametrize("side", [".bak"])
def test_a_link_in_place_of_the_backup_is_replaced(assessment: Path, side: str) -> None:
    victim = assessment.parent / "victim.txt"
    victim.write_text("someone's own file\n", encoding="utf-8")
    planted = assessment.with_name(assessment.name + side)
    planted.symlink_to(victim)
    loaded = load_assessment(assessment)
    save_assessment(loaded.assessment, loaded.path, loaded.framework)
    assert victim.read_text(encoding="utf-8") == "someone's own file\n"
    assert not planted.is_symlink() and planted.read_bytes() == EXAMPLE.read_bytes()


def test_a_link_in_place_of_the_recovery_copy_is_replaced(assessment: Path) -> None:
    victim = assessment.parent / "victim.txt"
    victim.write_text("someone's own file\n", encoding="utf-8")
    planted = locking.recovery_path(assessment)
    planted.symlink_to(victim)
    locking.write_recovery(assessment, "draft\n")
    assert victim.read_text(encoding="utf-8") == "someone's own file\n"
    assert not planted.is_symlink()


def test_the_assessment_itself_is_still_saved_through_its_link(assessment: Path) -> None:
    link = assessment.with_name("link.toml")
    link.symlink_to(assessment.name)
    loaded = load_assessment(link)
    loaded.assessment.period = "2026-27 Q3"
    save_assessment(loaded.assessment, loaded.path, loaded.framework)
    assert link.is_symlink()
    assert "2026-27 Q3" in assessment.read_text(encoding="utf-8")
