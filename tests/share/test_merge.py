"""`selfassess merge`: nothing dropped, conflicts listed and kept at the lower rating for review."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from share_helpers import SAMPLE, TINY, TINY_V2, Result, write_assessment

from selfassess.files.store import load_assessment
from selfassess.model.errors import SelfAssessError
from selfassess.model.merging import merge

A = """
period = "2024 Q1"
assessors = ["Head of QA"]
[criteria.hp-front-door]
rating = "green"
confidence = "high"
notes = "Front door is strong."
[[criteria.hp-front-door.evidence]]
what = "Audit of contacts"
type = "case_audit"
date = 2024-01-10
[[criteria.hp-front-door.actions]]
what = "Re-audit contacts"
status = "in_progress"

[criteria.hp-missing]
rating = "green"

[criteria.ld-qa]
rating = "not_applicable"
na_reason = "Commissioned"
"""

B = """
period = "2024 Q1"
assessors = ["Head of Service", "Head of QA"]
[criteria.hp-front-door]
rating = "amber"
confidence = "medium"
notes = "Thresholds are inconsistent."
[[criteria.hp-front-door.evidence]]
what = "Audit of contacts"
type = "case_audit"
date = 2024-01-10
[[criteria.hp-front-door.evidence]]
what = "MASH data"
type = "performance_data"
[[criteria.hp-front-door.actions]]
what = "Re-audit contacts"
status = "done"

[criteria.hp-plans]
rating = "red"

[criteria.ld-qa]
rating = "green"
"""


def _load(tmp_path: Path, *bodies: str) -> list:
    return [
        load_assessment(write_assessment(tmp_path, f"{chr(97 + n)}.toml", body))
        for n, body in enumerate(bodies)
    ]


def test_conflicts_keep_the_lower_rating_and_mark_for_review(tmp_path: Path) -> None:
    a, b = _load(tmp_path, A, B)
    result = merge(a.framework, [("a.toml", a.assessment), ("b.toml", b.assessment)])
    merged = result.assessment
    front = merged.criteria["hp-front-door"]
    assert (front.rating, front.confidence, front.review) == ("amber", "medium", True)
    conflicts = {(c.criterion, c.field): c for c in result.conflicts}
    assert conflicts["hp-front-door", "rating"].values == [("a.toml", "green"), ("b.toml", "amber")]
    assert "amber (the lower)" in conflicts["hp-front-door", "rating"].kept
    assert ("hp-front-door", "confidence") in conflicts
    assert ("hp-front-door", "action") in conflicts
    # a rated; b did not say: no conflict, a's rating kept, not for review
    assert (merged.criteria["hp-missing"].rating, merged.criteria["hp-missing"].review) == (
        "green",
        False,
    )
    assert merged.criteria["hp-plans"].rating == "red"


def test_evidence_actions_and_notes_from_both_sides_are_kept(tmp_path: Path) -> None:
    a, b = _load(tmp_path, A, B)
    merged = merge(a.framework, [("a.toml", a.assessment), ("b.toml", b.assessment)]).assessment
    front = merged.criteria["hp-front-door"]
    assert [e.what for e in front.evidence] == ["Audit of contacts", "MASH data"]  # deduplicated
    assert [(x.what, x.status) for x in front.actions] == [
        ("Re-audit contacts", "in_progress"),
        ("Re-audit contacts", "done"),
    ]
    assert front.notes == (
        "[a.toml] Front door is strong.\n\n[b.toml] Thresholds are inconsistent."
    )
    assert merged.assessors == ["Head of QA", "Head of Service"]


def test_not_applicable_overruled_keeps_its_reason_in_the_notes(tmp_path: Path) -> None:
    a, b = _load(tmp_path, A, B)
    result = merge(a.framework, [("a.toml", a.assessment), ("b.toml", b.assessment)])
    qa = result.assessment.criteria["ld-qa"]
    assert (qa.rating, qa.na_reason, qa.review) == ("green", "", True)
    assert qa.notes == "Not applicable because: Commissioned"


def test_merging_a_file_with_itself_changes_nothing(tmp_path: Path) -> None:
    [a] = _load(tmp_path, SAMPLE)
    result = merge(a.framework, [("x.toml", a.assessment), ("y.toml", a.assessment)])
    assert result.conflicts == [] and result.warnings == []
    assert result.assessment == a.assessment


def test_different_frameworks_or_authorities_are_refused(tmp_path: Path) -> None:
    [a] = _load(tmp_path, A)
    v2 = load_assessment(write_assessment(tmp_path, "v2.toml", framework=TINY_V2, version="2"))
    with pytest.raises(SelfAssessError, match="different frameworks"):
        merge(a.framework, [("a.toml", a.assessment), ("v2.toml", v2.assessment)])
    other = load_assessment(write_assessment(tmp_path, "o.toml", authority="Othertown"))
    with pytest.raises(SelfAssessError, match="different authorities"):
        merge(a.framework, [("a.toml", a.assessment), ("o.toml", other.assessment)])


def test_one_authority_under_two_names_merges_by_its_code(tmp_path: Path) -> None:
    import msgspec

    [a] = _load(tmp_path, A)
    short = msgspec.structs.replace(a.assessment, authority="Peterborough", authority_code="874")
    full = msgspec.structs.replace(short, authority="Peterborough City Council")
    merge(a.framework, [("a.toml", short), ("b.toml", full)])  # not refused
    other = msgspec.structs.replace(full, authority_code="873")
    with pytest.raises(SelfAssessError, match="different authorities"):
        merge(a.framework, [("a.toml", short), ("c.toml", other)])


def test_published_and_period_disagreements_are_reported(tmp_path: Path) -> None:
    a, b = _load(
        tmp_path,
        'period = "2024 Q1"\n[published.grades]\nleaders = "good"\n',
        'period = "2024 Q2"\n[published.grades]\nleaders = "inadequate"\n'
        'help_and_protection = "good"\n'
        '[[published.areas_for_improvement]]\ntext = "Plans"\ncriteria = ["hp-plans"]\n',
    )
    result = merge(a.framework, [("a.toml", a.assessment), ("b.toml", b.assessment)])
    published = result.assessment.published
    assert published is not None
    assert published.grades == {"leaders": "good", "help_and_protection": "good"}
    assert [x.text for x in published.areas_for_improvement] == ["Plans"]
    assert any("different periods" in w for w in result.warnings)
    assert any('b.toml says "inadequate"' in w for w in result.warnings)


def test_command_writes_a_valid_file_and_lists_conflicts(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    a = write_assessment(tmp_path / "in", "a.toml", A)
    b = write_assessment(tmp_path / "in", "b.toml", B)
    out = tmp_path / "out" / "merged.toml"
    out.parent.mkdir()
    result = share(["merge", str(a), str(b), "-o", str(out)])
    assert result.code == 0, result.err
    assert "Merged 2 files" in result.out
    assert "4 conflicts on 2 criteria" in result.out
    assert "Front door decisions" in result.out and "amber (the lower)" in result.out
    loaded = load_assessment(out)  # readable, and its framework path works from its own folder
    assert loaded.assessment.framework_file == os.path.relpath(TINY, out.parent)
    assert loaded.assessment.criteria["hp-front-door"].review is True
    assert "review = true" in out.read_text(encoding="utf-8")


def test_command_refuses_to_overwrite_without_force(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    a = write_assessment(tmp_path, "a.toml", A)
    b = write_assessment(tmp_path, "b.toml", B)
    out = tmp_path / "merged.toml"
    out.write_text("keep me\n", encoding="utf-8")
    result = share(["merge", str(a), str(b), "-o", str(out)])
    assert result.code == 2 and "already exists; add --force" in result.err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result = share(["merge", str(a), str(b), "-o", str(out), "--force"])
    assert result.code == 0, result.err
    assert (tmp_path / "merged.toml.bak").read_text(encoding="utf-8") == "keep me\n"


def test_command_refuses_different_frameworks_with_exit_2(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    a = write_assessment(tmp_path, "a.toml", A)
    v2 = write_assessment(tmp_path, "v2.toml", framework=TINY_V2, version="2")
    out = tmp_path / "merged.toml"
    result = share(["merge", str(a), str(v2), "-o", str(out)])
    assert result.code == 2
    assert (
        "different frameworks" in result.err and "tiny 1" in result.err and "tiny 2" in result.err
    )
    assert not out.exists()


def test_command_needs_two_files_and_reports_every_bad_file(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    a = write_assessment(tmp_path, "a.toml", A)
    assert share(["merge", str(a), "-o", str(tmp_path / "m.toml")]).code == 2
    bad1 = write_assessment(tmp_path, "bad1.toml", '[criteria.hp-plans]\nrating = "purple"\n')
    bad2 = write_assessment(tmp_path, "bad2.toml", '[criteria.nope]\nrating = "red"\n')
    result = share(["merge", str(bad1), str(bad2), "-o", str(tmp_path / "m.toml")])
    assert result.code == 2
    assert "bad1.toml" in result.err and "bad2.toml" in result.err
    assert not (tmp_path / "m.toml").exists()
