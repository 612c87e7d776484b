"""A framework's caveat (ilacs-2026: not yet checked against Ofsted's 2026 criteria): one
short line, checked, and shown by ``selfassess frameworks``; none for ilacs-2023."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from selfassess.commands import main
from selfassess.files.store import bundled_frameworks
from selfassess.model.framework import CAVEAT_MAX, check_framework

CAVEAT = "Not yet checked against Ofsted's 2026 evaluation criteria"


def test_only_ilacs_2026_has_a_caveat() -> None:
    frameworks = bundled_frameworks()
    assert CAVEAT in frameworks["ilacs-2026"].caveat
    assert frameworks["ilacs-2023"].caveat == ""


def test_a_caveat_is_one_short_line() -> None:
    base = bundled_frameworks()["ilacs-2023"]
    two_lines = msgspec.structs.replace(base, caveat="One.\nTwo.")
    assert [p.place for p in check_framework(two_lines)] == ["caveat"]
    too_long = msgspec.structs.replace(base, caveat="x" * (CAVEAT_MAX + 1))
    assert any("at most" in p.message for p in check_framework(too_long))
    assert check_framework(msgspec.structs.replace(base, caveat="Draft.")) == []


def test_frameworks_command_shows_the_caveat(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frameworks"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"Note on ilacs-2026: {CAVEAT}" in out
    assert out.count("Note on") == 1  # ilacs-2026 only
    assert main(["frameworks", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert CAVEAT in rows["ilacs-2026"]["caveat"]
    assert rows["ilacs-2023"]["caveat"] == ""


@pytest.mark.parametrize(("framework", "shown"), [("ilacs-2026", True), ("ilacs-2023", False)])
def test_reports_carry_the_caveat(
    framework: str, shown: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ours.toml"
    assert main(["new", str(path), "--framework", framework, "--authority", "Peterborough"]) == 0
    assert main(["report", str(path), "--width", "200"]) == 0
    assert main(["report", str(path), "-o", str(tmp_path / "ours.md")]) == 0
    screen = capsys.readouterr().out
    markdown = (tmp_path / "ours.md").read_text(encoding="utf-8")
    assert (CAVEAT in screen) is shown
    assert (CAVEAT in markdown) is shown
