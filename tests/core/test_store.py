"""Saving is deterministic and atomic, and a saved assessment loads back exactly."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from selfassess.files.store import (
    dumps_assessment,
    load_assessment,
    load_framework,
    save_assessment,
)
from selfassess.model.assessment import (
    Action,
    AreaForImprovement,
    CriterionRecord,
    Evidence,
    Published,
    new_assessment,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def sample(tmp_path: Path):
    fw = load_framework(FIXTURES / "tiny-framework.toml")
    a = new_assessment(
        fw,
        "Anytown",
        period="2024 Q1",
        assessors=["QA lead", "Head of service"],
        framework_file=os.path.relpath(FIXTURES / "tiny-framework.toml", tmp_path),
    )
    a.criteria["ld-qa"] = CriterionRecord(
        rating="amber",
        confidence="medium",
        notes="Line one\nLine two [bold]not markup[/]",
        evidence=[
            Evidence(
                what="Audit",
                type="case_audit",
                where="QA drive",
                owner="QA lead",
                date=datetime.date(2024, 1, 5),
            )
        ],
        actions=[
            Action(
                what="Refresh audits",
                owner="QA lead",
                due=datetime.date(2024, 4, 1),
                status="in_progress",
            )
        ],
    )
    a.criteria["hp-front-door"] = CriterionRecord(rating="green")
    a.criteria["hp-plans"] = CriterionRecord(rating="not_applicable", na_reason="No plans yet")
    a.published = Published(
        grades={"overall": "good", "leaders": "good"},
        source="x.pdf",
        areas_for_improvement=[AreaForImprovement(text="QA", criteria=["ld-qa"])],
    )
    return fw, a


def test_round_trip_is_exact(tmp_path: Path) -> None:
    fw, a = sample(tmp_path)
    path = tmp_path / "a.toml"
    save_assessment(a, path, fw)
    loaded = load_assessment(path)
    assert loaded.assessment == a


def test_output_is_deterministic_and_in_framework_order(tmp_path: Path) -> None:
    fw, a = sample(tmp_path)
    text = dumps_assessment(a, fw)
    assert text.endswith("\n")
    # criteria in the framework's order, whatever order they were recorded in
    assert (
        text.index("[criteria.hp-front-door]")
        < text.index("[criteria.hp-plans]")
        < text.index("[criteria.ld-qa]")
    )
    # published grades in the framework's judgement order
    assert text.index('leaders = "good"') < text.index('overall = "good"')
    a.criteria = dict(reversed(list(a.criteria.items())))
    assert dumps_assessment(a, fw) == text
    assert text.startswith('format_version = 1\nframework = "tiny"\n')


def test_save_keeps_a_backup_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    fw, a = sample(tmp_path)
    path = tmp_path / "a.toml"
    save_assessment(a, path, fw)
    first = path.read_text(encoding="utf-8")
    a.criteria["ld-workforce"] = CriterionRecord(rating="red")
    save_assessment(a, path, fw)
    assert (tmp_path / "a.toml.bak").read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "a.toml.bak"]


def test_new_files_are_private(tmp_path: Path) -> None:
    fw, a = sample(tmp_path)
    path = tmp_path / "a.toml"
    save_assessment(a, path, fw)
    assert path.stat().st_mode & 0o777 == 0o600


def test_empty_records_are_not_written(tmp_path: Path) -> None:
    fw, a = sample(tmp_path)
    a.criteria["hp-missing"] = CriterionRecord()
    assert "hp-missing" not in dumps_assessment(a, fw)


def test_saving_keeps_the_note_at_the_top_of_the_file(tmp_path: Path) -> None:
    fw, a = sample(tmp_path)
    path = tmp_path / "a.toml"
    save_assessment(a, path, fw)
    body = path.read_text(encoding="utf-8")
    note = "# Anytown's self-evaluation, kept by the QA team.\n#\n# Ask Sam before changing.\n"
    path.write_text(note + "\n" + body.replace("period =", "# not kept\nperiod ="), "utf-8")
    a.criteria["hp-front-door"].rating = "amber"
    save_assessment(a, path, fw)
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith(note + "\n")
    assert "# not kept" not in saved  # comments among the settings are not kept
    assert load_assessment(path).assessment == a
    save_assessment(a, path, fw)  # saving again changes nothing
    assert path.read_text(encoding="utf-8") == saved
    # a file without a note gets none
    plain = tmp_path / "b.toml"
    save_assessment(a, plain, fw)
    assert plain.read_text(encoding="utf-8") == dumps_assessment(a, fw)
