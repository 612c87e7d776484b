"""Changing an open assessment: the rules hold however the change is asked for."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from selfassess.files.store import load_framework
from selfassess.model.assessment import Action, CriterionRecord, Evidence, new_assessment
from selfassess.model.editing import Draft, EditError, next_confidence, parse_date

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def draft(tmp_path: Path) -> Draft:
    framework = load_framework(FIXTURES / "tiny-framework.toml")
    return Draft(tmp_path / "a.toml", framework, new_assessment(framework, "Anytown"))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2024-03-31", datetime.date(2024, 3, 31)),
        (" 2024-3-5 ", datetime.date(2024, 3, 5)),
        ("31/03/2024", datetime.date(2024, 3, 31)),
        ("5.3.2024", datetime.date(2024, 3, 5)),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_people_type(typed: str, expected: datetime.date | None) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("2024-02-30", "not a real date"),
        ("31/13/2024", "not a real date"),
        ("March 2024", "for example"),
        ("24-03-31", "for example"),
    ],
)
def test_dates_that_are_wrong_say_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(EditError, match=says):
        parse_date(typed)


def test_confidence_cycles_through_every_level() -> None:
    assert [next_confidence(c) for c in (None, "low", "medium", "high")] == [
        "low",
        "medium",
        "high",
        None,
    ]


def test_modified_compares_with_what_was_saved(draft: Draft) -> None:
    assert not draft.modified
    draft.set_rating("ld-qa", "red")
    assert draft.modified
    draft.set_rating("ld-qa", None)
    assert not draft.modified  # undone by hand
    assert "ld-qa" not in draft.assessment.criteria  # no empty record left behind
    draft.set_rating("ld-qa", "green")
    draft.add_evidence("ld-qa", Evidence(what="Audit"))
    draft.mark_saved()
    assert not draft.modified
    draft.replace_evidence("ld-qa", 0, Evidence(what="Audit, Q2"))  # the copy is not shared
    assert draft.modified
    draft.replace_evidence("ld-qa", 0, Evidence(what="Audit"))
    assert not draft.modified


def test_not_applicable_needs_a_reason_and_keeps_it_only_while_so(draft: Draft) -> None:
    with pytest.raises(EditError, match="Say why"):
        draft.set_rating("hp-plans", "not_applicable", "   ")
    assert "hp-plans" not in draft.assessment.criteria
    draft.set_rating("hp-plans", "not_applicable", "  No   plans  yet ")
    assert draft.record("hp-plans") == CriterionRecord(
        rating="not_applicable", na_reason="No plans yet"
    )
    draft.set_rating("hp-plans", "amber")
    assert draft.record("hp-plans").na_reason == ""


def test_unknown_ratings_and_criteria_are_refused(draft: Draft) -> None:
    with pytest.raises(EditError, match='did you mean "green"'):
        draft.set_rating("ld-qa", "gren")
    with pytest.raises(EditError, match="not a criterion"):
        draft.set_rating("nope", "green")


def test_evidence_and_actions(draft: Draft) -> None:
    first = Evidence(what="Audit", type="case_audit")
    assert draft.add_evidence("ld-qa", first) == 0
    assert draft.add_evidence("ld-qa", Evidence(what="Data")) == 1
    draft.replace_evidence("ld-qa", 1, Evidence(what="Data, Q2"))
    assert [e.what for e in draft.record("ld-qa").evidence] == ["Audit", "Data, Q2"]
    assert draft.delete_evidence("ld-qa", 0) == first
    draft.delete_evidence("ld-qa", 0)
    assert "ld-qa" not in draft.assessment.criteria

    draft.add_action("ld-qa", Action(what="Re-audit"))
    draft.replace_action("ld-qa", 0, Action(what="Re-audit", status="done"))
    assert draft.record("ld-qa").actions[0].status == "done"
    draft.delete_action("ld-qa", 0)
    assert not draft.modified


def test_notes_normalise_line_endings_and_report_a_change(draft: Draft) -> None:
    assert draft.set_notes("ld-qa", "one\r\ntwo\rthree")
    assert draft.record("ld-qa").notes == "one\ntwo\nthree"
    assert not draft.set_notes("ld-qa", "one\ntwo\nthree")
    assert draft.set_notes("ld-qa", "")
    assert "ld-qa" not in draft.assessment.criteria


def test_published_grades(draft: Draft) -> None:
    draft.set_published_grade("overall", "good")
    draft.set_published_grade("help_and_protection", "requires_improvement")
    assert draft.assessment.published is not None
    # kept in the framework's order, overall last, whatever order they were set in
    assert list(draft.assessment.published.grades) == ["help_and_protection", "overall"]
    assert draft.published_grade("overall") == "good"
    draft.set_published_grade("overall", None)
    draft.set_published_grade("help_and_protection", None)
    assert draft.assessment.published is None  # no empty section written
    assert not draft.modified
    with pytest.raises(EditError):
        draft.set_published_grade("overall", "brilliant")
    with pytest.raises(EditError):
        draft.set_published_grade("nowhere", "good")


def test_progress_counts_not_applicable_as_a_decision(draft: Draft) -> None:
    assert draft.progress("help_and_protection") == (0, 4)
    draft.set_rating("hp-plans", "not_applicable", "none")
    draft.set_rating("hp-missing", "green")
    assert draft.progress("help_and_protection") == (2, 4)


def test_confidence_and_review(draft: Draft) -> None:
    assert draft.cycle_confidence("ld-qa") == "low"
    draft.set_confidence("ld-qa", None)
    assert "ld-qa" not in draft.assessment.criteria
    with pytest.raises(EditError):
        draft.set_confidence("ld-qa", "certain")
    draft.set_review("ld-qa", True)
    assert draft.record("ld-qa").review
