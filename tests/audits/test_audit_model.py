"""Audits in the model: grades as people write them, merging, summaries, the audits' questions."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.files.store import bundled_framework, load_assessment
from selfassess.model.assessment import Assessment, CriterionRecord, decode_assessment
from selfassess.model.audits import (
    Audit,
    GradeReader,
    audit_questions,
    merge_audits,
    summarise_audits,
)
from selfassess.model.merging import merge

FW = bundled_framework("ilacs-2018")
READER = GradeReader(FW)

SPELLINGS = {
    "outstanding": ["Outstanding", "O", "1", "outstanding", "Grade 1", "1 - Outstanding"],
    "good": ["Good", "G", "2", "good", "GOOD", "2 - Good", "Good (2)", "grade 2"],
    "requires_improvement": [
        "Requires improvement",
        "Requires Improvement to be Good",
        "RI",
        "R.I.",
        "3",
        "requires-improvement",
        "RI - requires improvement",
        "requires improvement to be good",
    ],
    "inadequate": ["Inadequate", "I", "4", "inadequate", "4: Inadequate"],
}


@settings(deadline=None)
@given(
    st.sampled_from([(g, s) for g, forms in SPELLINGS.items() for s in forms]),
    st.sampled_from(["", " ", "  ", "\t"]),
    st.sampled_from(["", " ", "\u00a0"]),
    st.sampled_from([str, str.upper, str.lower, str.title]),
)
def test_usual_spellings_of_every_grade_are_read(
    pair: tuple[str, str], before: str, after: str, case: object
) -> None:
    grade, written = pair
    assert callable(case)
    assert READER.read(before + case(written) + after) == grade


@pytest.mark.parametrize("text", ["", "Excellent", "5", "0", "Good / RI", "2 - Inadequate", "n/a"])
def test_what_is_not_a_grade_is_refused(text: str) -> None:
    assert READER.read(text) is None


def audit(day: int, ref: str, grade: str = "good", **kw: object) -> Audit:
    return Audit(date=datetime.date(2018, 3, day), reference=ref, grade=grade, **kw)  # type: ignore[arg-type]


def test_merge_is_idempotent_and_adds_new_audits_in_order() -> None:
    first = [audit(5, "QA-2"), audit(1, "QA-1")]
    merged, count = merge_audits([], first)
    assert [a.reference for a in merged] == ["QA-1", "QA-2"]
    assert (count.added, count.updated, count.unchanged) == (2, 0, 0)
    again, count = merge_audits(merged, first)
    assert again == merged and (count.added, count.unchanged) == (0, 2)
    more, count = merge_audits(again, [audit(9, "QA-3"), audit(1, "QA-1", "inadequate")])
    assert [a.reference for a in more] == ["QA-1", "QA-2", "QA-3"]
    assert more[0].grade == "inadequate"  # a corrected file replaces the audit it corrects
    assert (count.added, count.updated) == (1, 1)


def test_summary_counts_final_grades_dates_and_moderation() -> None:
    audits = [
        audit(1, "A", "good", moderated=True, moderated_grade="requires_improvement"),
        audit(2, "B", "requires_improvement", moderated=True, moderated_grade="good"),
        audit(3, "C", "inadequate", moderated=True),
        audit(4, "D", "outstanding"),
        audit(4, "D", "outstanding"),  # the same audit on another criterion (a theme) counts once
    ]
    s = summarise_audits(FW, audits)
    assert s.cases == 4
    assert s.grades == {"outstanding": 1, "good": 1, "requires_improvement": 1, "inadequate": 1}
    assert (s.first, s.last) == (datetime.date(2018, 3, 1), datetime.date(2018, 3, 4))
    assert (s.moderated, s.changed_by_moderation) == (3, 2)
    assert (s.raised_by_moderation, s.lowered_by_moderation) == (1, 1)


def test_questions_go_both_ways_and_need_enough_audits() -> None:
    low = [audit(n, f"L{n}", "requires_improvement") for n in range(1, 6)]
    high = [audit(n, f"H{n}", "good") for n in range(1, 6)]
    records = {"hp-neglect": low, "cl-eet": high, "hp-front-door": low[:4]}
    ratings: dict[str, str | None] = {
        "hp-neglect": "green",
        "cl-eet": "amber",
        "hp-front-door": "green",
    }
    questions = audit_questions(FW, records, ratings)
    assert [(q.criterion_id, q.kind) for q in questions] == [
        ("hp-neglect", "rated_above_audits"),
        ("cl-eet", "rated_below_audits"),
    ]
    assert questions[0].text.endswith("?")  # a question, not a verdict
    assert "5 of 5 audits were graded below good" in questions[0].text


def test_older_files_load_and_audits_round_trip(tmp_path: object) -> None:
    loaded = load_assessment("examples/peterborough-2018.toml")
    assert loaded.assessment.stale_after_months == 12
    assert all(not r.audits for r in loaded.assessment.criteria.values())
    data = {
        "framework": "ilacs-2018",
        "framework_version": "1.0",
        "authority": "X",
        "stale_after_months": 6,
        "criteria": {
            "hp-neglect": {
                "rating": "green",
                "audits": [
                    {"date": datetime.date(2018, 1, 2), "reference": "QA-1", "grade": "good"}
                ],
            }
        },
    }
    a, problems = decode_assessment(data)
    assert a is not None and not problems
    assert a.stale_after_months == 6 and a.record("hp-neglect").audits[0].reference == "QA-1"


def test_merging_assessments_keeps_every_audit_once() -> None:
    def one(audits: list[Audit]) -> Assessment:
        return Assessment(
            framework="ilacs-2018",
            framework_version="1.0",
            authority="X",
            criteria={"hp-neglect": CriterionRecord(rating="green", audits=audits)},
        )

    result = merge(FW, [("a", one([audit(1, "A"), audit(2, "B")])), ("b", one([audit(2, "B")]))])
    assert [a.reference for a in result.assessment.record("hp-neglect").audits] == ["A", "B"]


def test_audit_grades_and_themes_are_checked_and_references_scanned() -> None:
    from selfassess.model.assessment import check_assessment
    from selfassess.model.privacy import scan_assessment

    a = Assessment(
        framework="ilacs-2018",
        framework_version="1.0",
        authority="X",
        criteria={
            "hp-neglect": CriterionRecord(
                audits=[
                    audit(1, "Jayden Smith", "gud", theme="nope"),
                ]
            )
        },
    )
    problems = [p.describe() for p in check_assessment(a, FW)]
    assert any(
        p.startswith('criteria.hp-neglect.audits[0].grade: "gud" is not a grade') for p in problems
    )
    assert any("audits[0].theme" in p for p in problems)
    assert [w.place for w in scan_assessment(a)] == ["criteria.hp-neglect.audits[0].reference"]


def test_an_audit_reference_is_an_id_by_design_and_not_warned_of() -> None:
    from selfassess.model.privacy import scan_assessment

    a = Assessment(
        framework="ilacs-2018",
        framework_version="1.0",
        authority="X",
        criteria={"hp-neglect": CriterionRecord(audits=[audit(1, "QA-1803-062", "good")])},
    )
    assert scan_assessment(a) == []
