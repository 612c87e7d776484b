"""The bundled ILACS frameworks and the Peterborough 2018 worked example."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from selfassess.files.store import (
    bundled_framework_files,
    bundled_frameworks,
    load_assessment,
    load_framework,
)
from selfassess.model.comparison import compare
from selfassess.model.framework import Framework
from selfassess.model.scoring import score

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "peterborough-2018.toml"

FRAMEWORK_IDS = ["ilacs-2018", "ilacs-2023", "ilacs-2026"]

JUDGEMENTS = {
    "ilacs-2018": ["leaders", "help_and_protection", "children_in_care_and_care_leavers"],
    "ilacs-2023": ["leaders", "help_and_protection", "children_in_care", "care_leavers"],
    "ilacs-2026": ["leaders", "help_and_protection", "children_in_care", "care_leavers"],
}

TITLES = {
    "leaders": "The impact of leaders on social work practice with children and families",
    "help_and_protection": "The experiences and progress of children who need help and protection",
    "children_in_care_and_care_leavers": (
        "The experiences and progress of children in care and care leavers"
    ),
    "children_in_care": "The experiences and progress of children in care",
    "care_leavers": "The experiences and progress of care leavers",
}

PREFIXES = {
    "leaders": ("ld-",),
    "help_and_protection": ("hp-",),
    "children_in_care_and_care_leavers": ("cc-", "cl-"),
    "children_in_care": ("cc-",),
    "care_leavers": ("cl-",),
}

CRITERION_ID = re.compile(r"^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def frameworks() -> dict[str, Framework]:
    return bundled_frameworks()


@pytest.fixture(scope="module")
def example():
    return load_assessment(EXAMPLE)


# --- the frameworks ---------------------------------------------------------------------------


def test_every_bundled_file_loads_and_is_named_by_its_id():
    files = bundled_framework_files()
    assert sorted(p.stem for p in files) == FRAMEWORK_IDS
    for path in files:
        assert load_framework(path).id == path.stem


def test_bundled_frameworks_by_id(frameworks):
    assert sorted(frameworks) == FRAMEWORK_IDS


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_judgement_ids_and_titles(frameworks, fid):
    fw = frameworks[fid]
    assert [j.id for j in fw.judgements] == JUDGEMENTS[fid]
    for judgement in fw.judgements:
        assert judgement.title == TITLES[judgement.id]
        assert judgement.short_title


@pytest.mark.parametrize("fid", ["ilacs-2018", "ilacs-2023"])
def test_overall_effectiveness_until_2026(frameworks, fid):
    fw = frameworks[fid]
    assert fw.overall is not None
    assert fw.overall.id == "overall"
    assert fw.overall.title == "Overall effectiveness"
    assert "heuristic" in fw.overall.basis and "not Ofsted's own rule" in fw.overall.basis
    first, last = fw.overall.rules
    assert first.grade == "inadequate" and first.is_ == ["inadequate"]
    assert first.when_any_of == [j for j in JUDGEMENTS[fid] if j != "leaders"]
    assert last.follow == "leaders"
    assert fw.published_judgement_ids() == [*JUDGEMENTS[fid], "overall"]


def test_no_overall_effectiveness_from_april_2026(frameworks):
    fw = frameworks["ilacs-2026"]
    assert fw.overall is None
    assert fw.published_judgement_ids() == JUDGEMENTS["ilacs-2026"]


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_leaders_variants_include_the_wording_without_social_work(frameworks, fid):
    leaders = frameworks[fid].judgement_by_id["leaders"]
    assert "The impact of leaders on practice with children and families" in leaders.variants


def test_periods_follow_on(frameworks):
    f18, f23, f26 = (frameworks[f] for f in FRAMEWORK_IDS)
    assert str(f18.applies_from) == "2018-01-01" and str(f18.applies_until) == "2022-12-31"
    assert str(f23.applies_from) == "2023-01-01" and str(f23.applies_until) == "2026-03-31"
    assert str(f26.applies_from) == "2026-04-01" and f26.applies_until is None
    # each period ends the day before the next begins: no gap, no overlap
    day = datetime.timedelta(days=1)
    assert f18.applies_until + day == f23.applies_from
    assert f23.applies_until + day == f26.applies_from


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_grade_scale_is_ofsteds(frameworks, fid):
    assert [g.id for g in frameworks[fid].grades] == [
        "outstanding",
        "good",
        "requires_improvement",
        "inadequate",
    ]


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_rating_scale_has_four_levels_with_letters(frameworks, fid):
    fw = frameworks[fid]
    assert [lv.id for lv in fw.rating_levels] == ["red", "amber", "green", "blue"]
    assert [lv.letter for lv in fw.rating_levels] == ["R", "A", "G", "B"]
    assert all(lv.meaning for lv in fw.rating_levels)
    assert fw.strong_ratings() == ["green", "blue"]


def test_criteria_counts(frameworks):
    assert len(frameworks["ilacs-2018"].criteria) == 61
    assert len(frameworks["ilacs-2023"].criteria) == len(frameworks["ilacs-2026"].criteria) == 66


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_every_judgement_has_a_few_limiting_criteria(frameworks, fid):
    for judgement in frameworks[fid].judgements:
        limiting = [c.id for c in judgement.criteria if c.limiting]
        assert 1 <= len(limiting) <= 4, (judgement.id, limiting)


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_every_criterion_is_complete(frameworks, fid):
    for judgement in frameworks[fid].judgements:
        for c in judgement.criteria:
            assert CRITERION_ID.match(c.id), c.id
            assert c.id.startswith(PREFIXES[judgement.id]), c.id
            assert 3 <= len(c.prompts) <= 5, c.id
            assert 3 <= len(c.evidence_examples) <= 5, c.id
            assert c.themes, c.id
            assert c.keywords, c.id
            assert all(k == k.lower() and k.strip() == k for k in c.keywords), c.id


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_every_theme_is_used(frameworks, fid):
    fw = frameworks[fid]
    used = {t for c in fw.criteria.values() for t in c.themes}
    assert {t.id for t in fw.themes} == used


def test_criterion_ids_persist_across_versions(frameworks):
    f18, f23, f26 = (set(frameworks[f].criteria) for f in FRAMEWORK_IDS)
    assert f18 <= f23
    assert f23 == f26


def test_care_leaver_criteria_move_to_their_own_judgement_in_2023(frameworks):
    f18, f23 = frameworks["ilacs-2018"], frameworks["ilacs-2023"]
    cl_2018 = {c for c in f18.criteria if c.startswith("cl-")}
    cl_2023 = {c.id for c in f23.judgement_by_id["care_leavers"].criteria}
    assert cl_2018 < cl_2023
    assert 8 <= len(cl_2023) <= 12
    assert not any(c.id.startswith("cl-") for c in f23.judgement_by_id["children_in_care"].criteria)


# --- the worked example -------------------------------------------------------------------------


def test_example_is_against_ilacs_2018(example):
    assert example.framework.id == "ilacs-2018"
    assert example.assessment.framework_version == example.framework.version
    assert example.assessment.authority == "Peterborough City Council"


def test_example_rates_every_criterion(example):
    fw, assessment = example.framework, example.assessment
    assert set(assessment.criteria) == set(fw.criteria)
    for cid in fw.criteria:
        record = assessment.record(cid)
        assert record.rating in {"red", "amber", "green"}, cid
        assert record.confidence, cid
        assert 1 <= len(record.evidence) <= 3, cid
        assert record.notes, cid


def test_example_published_outcome(example):
    published = example.assessment.published
    assert published is not None
    assert published.grades == {
        "leaders": "good",
        "help_and_protection": "good",
        "children_in_care_and_care_leavers": "good",
        "overall": "good",
    }
    assert str(published.inspection_start) == "2018-06-25"
    assert str(published.inspection_end) == "2018-07-06"


# Ofsted's "What needs to improve" in the Peterborough report of 2018, word for word.
OFSTED_AREAS_2018 = [
    "Assessments of children who are missing or who are at risk from child sexual exploitation.",
    "The use of chronologies in underpinning children's assessments.",
    "The number of return interviews that are successfully completed with children who have been "
    "missing from care.",
    "The quality of information provided to care leavers about their rights and entitlements, "
    "including how to access their health histories.",
    "Consistency of management oversight, including recording of casework supervision across all "
    "social work teams.",
]


def test_example_areas_for_improvement_are_ofsteds_words(example):
    areas = example.assessment.published.areas_for_improvement
    assert [a.text for a in areas] == OFSTED_AREAS_2018


def test_example_areas_for_improvement_link_to_criteria(example):
    fw, assessment = example.framework, example.assessment
    areas = assessment.published.areas_for_improvement
    assert len(areas) == 5
    for area in areas:
        assert area.criteria, area.text
        assert all(cid in fw.criteria for cid in area.criteria)
        # each area is found by the keywords of at least one criterion it links to
        text = area.text.lower()
        assert any(k in text for cid in area.criteria for k in fw.criteria[cid].keywords), area.text
        # the authority knew, except for one blind spot: chronologies, which it rated green
        expected = "green" if area.criteria == ["hp-chronologies"] else "amber"
        assert all(assessment.rating(cid) == expected for cid in area.criteria), area.text


def test_example_scores_good_everywhere(example):
    card = score(example.framework, example.assessment)
    for jid in example.framework.published_judgement_ids():
        assert card.grade_of(jid) == "good", jid
        assert card.provisional(jid) is False, jid


def test_example_matches_published_grades_with_one_blind_spot(example):
    fw, assessment = example.framework, example.assessment
    comparison = compare(fw, assessment, score(fw, assessment))
    assert [g.judgement for g in comparison.gaps] == fw.published_judgement_ids()
    assert all(g.gap == 0 for g in comparison.gaps)
    assert [b.criterion for b in comparison.blind_spots] == ["hp-chronologies"]
    assert comparison.unrated == []
    linked = {cid for area in assessment.published.areas_for_improvement for cid in area.criteria}
    assert {k.criterion for k in comparison.known} == linked - {"hp-chronologies"}
