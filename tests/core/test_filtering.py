"""Which criteria a filter keeps: words, ratings, limiting and theme together."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.files.store import load_framework
from selfassess.model.assessment import CriterionRecord, Evidence, new_assessment
from selfassess.model.filtering import NOT_RATED, CriterionFilter
from selfassess.model.framework import Framework

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def framework() -> Framework:
    return load_framework(FIXTURES / "tiny-framework.toml")


@pytest.fixture
def assessment(framework: Framework):
    a = new_assessment(framework, "Anytown")
    a.criteria["hp-front-door"] = CriterionRecord(rating="red")
    a.criteria["hp-missing"] = CriterionRecord(
        rating="green", evidence=[Evidence(what="Return interview audit", where="QA drive")]
    )
    a.criteria["hp-plans"] = CriterionRecord(rating="not_applicable", na_reason="None yet")
    a.criteria["ld-qa"] = CriterionRecord(notes="Audits are thorough")
    return a


def kept(framework, assessment, **options) -> list[str]:
    return CriterionFilter(**options).matching(framework, assessment)


def test_no_filter_keeps_everything(framework, assessment) -> None:
    assert not CriterionFilter().active
    assert kept(framework, assessment) == list(framework.criteria)


def test_ratings_any_of(framework, assessment) -> None:
    assert kept(framework, assessment, ratings=frozenset({"red"})) == ["hp-front-door"]
    assert kept(framework, assessment, ratings=frozenset({NOT_RATED})) == [
        "hp-assessments",
        "ld-qa",  # notes but no rating: still not rated
        "ld-workforce",
    ]
    assert kept(framework, assessment, ratings=frozenset({"red", "not_applicable"})) == [
        "hp-front-door",
        "hp-plans",
    ]


def test_limiting_and_theme(framework, assessment) -> None:
    assert kept(framework, assessment, limiting=True) == ["hp-front-door"]
    assert kept(framework, assessment, theme="missing") == ["hp-missing"]
    assert kept(framework, assessment, theme="missing", limiting=True) == []


def test_words_are_searched_everywhere_and_all_must_match(framework, assessment) -> None:
    assert kept(framework, assessment, text="FRONT door") == ["hp-front-door"]
    assert kept(framework, assessment, text="qa drive") == ["hp-missing"]  # evidence
    assert kept(framework, assessment, text="thorough") == ["ld-qa"]  # notes
    assert kept(framework, assessment, text="none yet") == ["hp-plans"]  # the reason
    assert kept(framework, assessment, text="front missing") == []


def test_description(framework) -> None:
    described = CriterionFilter(
        text=" plans  ", ratings=frozenset({NOT_RATED, "red"}), limiting=True, theme="missing"
    ).describe(framework)
    assert (
        described
        == 'red or not rated · limiting only · theme: Missing children · containing "plans"'
    )
    assert CriterionFilter().describe(framework) == "everything"
