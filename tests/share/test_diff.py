"""`selfassess diff`: ratings, evidence, actions and grades, also across framework versions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from share_helpers import TINY_V2, Result, write_assessment

from selfassess.files.store import load_assessment
from selfassess.model.diffing import CHANGED, CLEARED, DECLINED, IMPROVED, NEWLY_RATED, diff

OLD = """
period = "2024 Q1"
[published.grades]
help_and_protection = "good"

[criteria.hp-front-door]
rating = "amber"
confidence = "medium"
[[criteria.hp-front-door.evidence]]
what = "Audit of contacts"
type = "case_audit"
date = 2024-01-10
[[criteria.hp-front-door.evidence]]
what = "Old survey"
type = "feedback"
[[criteria.hp-front-door.actions]]
what = "Re-audit contacts"
status = "in_progress"
due = 2024-03-31
[[criteria.hp-front-door.actions]]
what = "Dropped action"

[criteria.hp-missing]
rating = "green"
[criteria.hp-plans]
rating = "green"
[criteria.hp-assessments]
rating = "red"
[criteria.ld-qa]
rating = "green"
"""

NEW = """
period = "2024 Q2"
[published.grades]
help_and_protection = "requires_improvement"
leaders = "good"

[criteria.hp-front-door]
rating = "green"
confidence = "high"
notes = "Much better."
[[criteria.hp-front-door.evidence]]
what = "Audit of contacts"
type = "case_audit"
date = 2024-01-10
[[criteria.hp-front-door.evidence]]
what = "MASH data, March"
type = "performance_data"
[[criteria.hp-front-door.actions]]
what = "Re-audit contacts"
status = "done"
due = 2024-03-31
[[criteria.hp-front-door.actions]]
what = "New action"

[criteria.hp-missing]
rating = "amber"
[criteria.hp-plans]
rating = "green"
[criteria.ld-qa]
rating = "not_applicable"
na_reason = "Commissioned"
[criteria.ld-workforce]
rating = "green"
"""


def _pair(tmp_path: Path, old: str = OLD, new: str = NEW, **kw: object):
    a = load_assessment(write_assessment(tmp_path, "old.toml", old))
    b = load_assessment(write_assessment(tmp_path, "new.toml", new, **kw))  # type: ignore[arg-type]
    return a, b


def test_rating_changes_by_the_scales_order(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    d = diff((a.framework, a.assessment), (b.framework, b.assessment))
    directions = {c.criterion: c.direction for c in d.criteria}
    assert directions == {
        "hp-front-door": IMPROVED,
        "hp-missing": DECLINED,
        "hp-assessments": CLEARED,
        "ld-qa": CHANGED,  # to not applicable: no direction
        "ld-workforce": NEWLY_RATED,
    }
    assert "hp-plans" not in directions  # unchanged criteria are not listed


def test_evidence_and_actions_added_removed_and_status_changed(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    d = diff((a.framework, a.assessment), (b.framework, b.assessment))
    front = next(c for c in d.criteria if c.criterion == "hp-front-door")
    assert [e.what for e in front.evidence_added] == ["MASH data, March"]
    assert [e.what for e in front.evidence_removed] == ["Old survey"]
    assert [x.what for x in front.actions_added] == ["New action"]
    assert [x.what for x in front.actions_removed] == ["Dropped action"]
    [changed] = front.actions_changed
    assert (changed.old.status, changed.new.status, changed.changes()) == (
        "in_progress",
        "done",
        ["status"],
    )
    assert front.confidence_changed and front.notes_changed


def test_grade_changes_indicative_and_published(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    d = diff((a.framework, a.assessment), (b.framework, b.assessment))
    grades = {g.judgement: g for g in d.grades}
    hp = grades["help_and_protection"]
    assert (hp.old_indicative, hp.new_indicative) == ("inadequate", "good")
    assert hp.indicative_direction == IMPROVED
    assert (hp.old_provisional, hp.new_provisional) == (False, True)  # 3 of 4 rated
    assert (hp.old_published, hp.new_published, hp.published_direction) == (
        "good",
        "requires_improvement",
        DECLINED,
    )
    assert grades["leaders"].published_direction == NEWLY_RATED
    assert list(grades) == ["help_and_protection", "leaders", "overall"]


def test_identical_files_have_no_changes(tmp_path: Path, share: Callable[..., Result]) -> None:
    a, _ = _pair(tmp_path)
    d = diff((a.framework, a.assessment), (a.framework, a.assessment))
    assert d.empty and d.criteria == []
    result = share(["diff", str(a.path), str(a.path)])
    assert result.code == 0 and "No changes." in result.out


def test_across_framework_versions_lists_one_sided_criteria(tmp_path: Path) -> None:
    new_body = NEW.replace("[criteria.hp-plans]", "[criteria.hp-voice]")
    a, b = _pair(tmp_path, new=new_body, framework=TINY_V2, version="2")
    d = diff((a.framework, a.assessment), (b.framework, b.assessment))
    assert [(s.criterion, s.rating, s.recorded) for s in d.only_old] == [
        ("hp-plans", "green", True)
    ]
    assert [(s.criterion, s.rating) for s in d.only_new] == [("hp-voice", "green")]
    assert {c.criterion for c in d.criteria} == {
        "hp-front-door",
        "hp-missing",
        "hp-assessments",
        "ld-qa",
        "ld-workforce",
    }
    overall = next(g for g in d.grades if g.judgement == "overall")  # v2 has no overall
    assert overall.new_indicative is None and overall.indicative_direction == CLEARED


def test_text_output(tmp_path: Path, share: Callable[..., Result]) -> None:
    a, b = _pair(tmp_path)
    result = share(["diff", str(a.path), str(b.path)])
    assert result.code == 0, result.err
    out = result.out
    assert "Changes from old.toml (2024 Q1, tiny 1) to new.toml (2024 Q2, tiny 1)" in out
    for heading in (
        "Ratings declined (1)",
        "Ratings improved (1)",
        "Newly rated (1)",
        "Ratings cleared (now not rated) (1)",
    ):
        assert heading in out
    assert "evidence added: MASH data, March" in out
    assert "evidence removed: Old survey" in out
    assert "action: Re-audit contacts  (In progress → Done)" in out
    assert "Inadequate → Good (provisional)  ▲ improved" in out


def test_json_output(tmp_path: Path, share: Callable[..., Result]) -> None:
    new_body = NEW.replace("[criteria.hp-plans]", "[criteria.hp-voice]")
    a, b = _pair(tmp_path, new=new_body, framework=TINY_V2, version="2")
    result = share(["diff", str(a.path), str(b.path), "--format", "json"])
    data = json.loads(result.out)
    assert data["changed"] is True
    assert (data["old"]["framework_version"], data["new"]["framework_version"]) == ("1", "2")
    by_id = {c["id"]: c for c in data["criteria"]}
    assert by_id["hp-missing"]["rating"] == {
        "old": "green",
        "new": "amber",
        "change": "declined",
        "old_label": "Green",
        "new_label": "Amber",
    }
    assert by_id["hp-front-door"]["actions_changed"][0]["changes"] == ["status"]
    assert [s["id"] for s in data["only_in_old"]] == ["hp-plans"]
    assert [s["id"] for s in data["only_in_new"]] == ["hp-voice"]


def test_user_text_in_diff_is_literal(tmp_path: Path, share: Callable[..., Result]) -> None:
    old = write_assessment(tmp_path, "old.toml")
    new = write_assessment(
        tmp_path,
        "new.toml",
        '[[criteria.hp-plans.evidence]]\nwhat = "[bold red]x[/] \\u001b[2J"\n',
    )
    result = share(["diff", str(old), str(new)])
    assert "[bold red]x[/]" in result.out and "\x1b" not in result.out


def test_missing_file_is_exit_2(tmp_path: Path, share: Callable[..., Result]) -> None:
    old = write_assessment(tmp_path, "old.toml")
    result = share(["diff", str(old), str(tmp_path / "nope.toml")])
    assert result.code == 2 and "does not exist" in result.err


def _audits(rows: list[tuple[str, str, str]]) -> str:
    return "".join(
        f'[[criteria.hp-plans.audits]]\ndate = {day}\nreference = "{ref}"\ngrade = "{grade}"\n'
        for day, ref, grade in rows
    )


def test_case_audits_added_removed_and_regraded(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    kept = [("2024-01-05", "QA-001", "good"), ("2024-01-06", "QA-002", "requires_improvement")]
    gone = [("2024-01-07", "QA-003", "inadequate")]
    added = [(f"2024-04-{n:02d}", f"QA-1{n:02d}", "good") for n in range(1, 13)]
    regraded = [("2024-01-06", "QA-002", "good")]
    old = OLD.replace('[criteria.hp-plans]\nrating = "green"\n', "") + (
        '[criteria.hp-plans]\nrating = "green"\n' + _audits(kept + gone)
    )
    new = NEW.replace('[criteria.hp-plans]\nrating = "green"\n', "") + (
        '[criteria.hp-plans]\nrating = "green"\n' + _audits(kept[:1] + regraded + added)
    )
    a, b = _pair(tmp_path, old=old, new=new)
    d = diff((a.framework, a.assessment), (b.framework, b.assessment))
    plans = next(c for c in d.criteria if c.criterion == "hp-plans")  # listed: audits changed
    assert plans.direction is None
    assert [x.reference for x in plans.audits_added] == [r for _, r, _ in added]
    assert [x.reference for x in plans.audits_removed] == ["QA-003"]
    [change] = plans.audits_changed
    assert (change.old.grade, change.new.grade) == ("requires_improvement", "good")

    text = share(["diff", str(a.path), str(b.path)])
    assert text.code == 0, text.err
    assert "case audits: 12 added, 1 removed, 1 changed" in text.out

    data = json.loads(share(["diff", str(a.path), str(b.path), "--format", "json"]).out)
    by_id = {c["id"]: c for c in data["criteria"]}
    assert len(by_id["hp-plans"]["audits_added"]) == 12
    assert by_id["hp-plans"]["audits_added"][0] == {
        "date": "2024-04-01",
        "reference": "QA-101",
        "grade": "good",
        "moderated": False,
        "moderated_grade": None,
        "auditor_role": "",
        "theme": None,
    }
    assert [x["reference"] for x in by_id["hp-plans"]["audits_removed"]] == ["QA-003"]
    assert by_id["hp-plans"]["audits_changed"][0]["new"]["grade"] == "good"
    assert by_id["hp-front-door"]["audits_added"] == []  # no audits: empty lists, not missing


def test_same_audits_in_both_are_no_change(tmp_path: Path) -> None:
    rows = _audits([("2024-01-05", "QA-001", "good")])
    body = '[criteria.hp-plans]\nrating = "green"\n' + rows
    a, b = _pair(tmp_path, old=body, new=body)
    assert diff((a.framework, a.assessment), (b.framework, b.assessment)).empty
