"""Scoring rules: order, limiting caps, shares over rated criteria only, coverage, overall."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.files.store import load_framework
from selfassess.model.assessment import Assessment, CriterionRecord, new_assessment
from selfassess.model.framework import Framework
from selfassess.model.scoring import score

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(FIXTURES / "tiny-framework.toml")


def rated(fw: Framework, ratings: dict[str, str], **na: str) -> Assessment:
    a = new_assessment(fw, "Anytown")
    for cid, rating in ratings.items():
        a.criteria[cid] = CriterionRecord(
            rating=rating, na_reason=na.get(cid.replace("-", "_"), "")
        )
    return a


def hp(fw: Framework, a: Assessment):
    return score(fw, a).judgements[0]


def test_nothing_rated_gives_no_grade(fw: Framework) -> None:
    s = hp(fw, new_assessment(fw, "Anytown"))
    assert s.grade is None
    assert s.rated == 0 and s.total == 4
    assert "No criterion is rated" in s.reasons[0]


def test_not_rated_never_counts_as_green(fw: Framework) -> None:
    # One green and three unrated: green-or-better is 100% of RATED, but coverage is 25%.
    s = hp(fw, rated(fw, {"hp-plans": "green"}))
    assert s.grade == "good"
    assert s.provisional
    assert s.counts["green"] == 1
    assert s.rated == 1 and s.not_rated == 3
    assert any("only 1 of 4" in r for r in s.reasons)


def test_red_limiting_criterion_caps_the_judgement(fw: Framework) -> None:
    s = hp(
        fw,
        rated(
            fw,
            {
                "hp-front-door": "red",
                "hp-missing": "blue",
                "hp-plans": "blue",
                "hp-assessments": "blue",
            },
        ),
    )
    assert s.grade == "inadequate"
    assert s.drivers == ["hp-front-door"]
    assert any("Front door decisions" in r for r in s.reasons)


def test_red_share_at_the_threshold_is_inadequate(fw: Framework) -> None:
    s = hp(
        fw,
        rated(
            fw,
            {
                "hp-missing": "red",
                "hp-front-door": "green",
                "hp-plans": "green",
                "hp-assessments": "green",
            },
        ),
    )
    assert s.grade == "inadequate"  # 1 red of 4 rated is 25%, the threshold
    assert s.drivers == ["hp-missing"]
    assert any("Return interviews" in r and "25%" in r for r in s.reasons)


def test_one_red_below_the_share_gives_requires_improvement(fw: Framework) -> None:
    # 1 red of 4 rated (25%) with the inadequate share raised to 50%: requires improvement.
    import msgspec

    rule = fw.scoring.rules[0]
    looser = msgspec.structs.replace(
        rule,
        conditions=[
            rule.conditions[0],
            msgspec.structs.replace(rule.conditions[1], share_at_least=0.5),
        ],
    )
    fw2 = msgspec.structs.replace(
        fw, scoring=msgspec.structs.replace(fw.scoring, rules=[looser, *fw.scoring.rules[1:]])
    )
    s = hp(
        fw2,
        rated(
            fw,
            {
                "hp-missing": "red",
                "hp-front-door": "green",
                "hp-plans": "green",
                "hp-assessments": "green",
            },
        ),
    )
    assert s.grade == "requires_improvement"
    assert s.drivers == ["hp-missing"]


def test_requires_improvement_when_too_little_is_green(fw: Framework) -> None:
    s = hp(
        fw,
        rated(
            fw,
            {
                "hp-missing": "amber",
                "hp-front-door": "green",
                "hp-plans": "amber",
                "hp-assessments": "amber",
            },
        ),
    )
    assert s.grade == "requires_improvement"
    assert set(s.drivers) == {"hp-missing", "hp-plans", "hp-assessments"}
    assert not s.provisional


def test_outstanding_needs_blue_and_no_amber_on_limiting(fw: Framework) -> None:
    all_blue = {
        "hp-front-door": "blue",
        "hp-missing": "blue",
        "hp-plans": "green",
        "hp-assessments": "green",
    }
    assert hp(fw, rated(fw, all_blue)).grade == "outstanding"
    amber_limiting = all_blue | {"hp-front-door": "amber"}
    # 75% green-or-better is below the 90% outstanding needs, and amber on a limiting criterion
    assert hp(fw, rated(fw, amber_limiting)).grade == "good"
    no_blue = dict.fromkeys(all_blue, "green")
    s = hp(fw, rated(fw, no_blue))
    assert s.grade == "good"
    assert any("Short of 'Outstanding'" in r and "blue" in r for r in s.reasons)


def test_not_applicable_leaves_the_denominator(fw: Framework) -> None:
    a = rated(
        fw,
        {
            "hp-front-door": "green",
            "hp-missing": "green",
            "hp-plans": "green",
            "hp-assessments": "not_applicable",
        },
    )
    s = hp(fw, a)
    assert s.not_applicable == 1
    assert s.rated == 4  # a decision was made on all four
    assert s.counts["green"] == 3
    assert not s.provisional
    assert s.grade == "good"


def test_overall_follows_leaders_unless_practice_is_inadequate(fw: Framework) -> None:
    good = {
        "hp-front-door": "green",
        "hp-missing": "green",
        "hp-plans": "green",
        "hp-assessments": "green",
        "ld-qa": "green",
        "ld-workforce": "green",
    }
    card = score(fw, rated(fw, good))
    assert card.overall is not None
    assert card.overall.grade == "good"
    assert not card.overall.provisional
    card = score(fw, rated(fw, good | {"hp-front-door": "red"}))
    assert card.overall.grade == "inadequate"
    assert "Help and protection" in card.overall.reasons[0]
    card = score(fw, rated(fw, good | {"ld-qa": "amber", "ld-workforce": "amber"}))
    assert card.overall.grade == "requires_improvement"


def test_overall_needs_the_followed_judgement(fw: Framework) -> None:
    card = score(fw, rated(fw, {"hp-front-door": "green"}))
    assert card.overall.grade is None
    assert "Impact of leaders" in card.overall.reasons[0]


def test_rules_come_from_data(fw: Framework) -> None:
    import msgspec

    stricter = msgspec.structs.replace(
        fw.scoring,
        provisional_below=0.1,
        rules=[
            msgspec.structs.replace(
                fw.scoring.rules[0],
                conditions=[
                    msgspec.structs.replace(fw.scoring.rules[0].conditions[1], share_at_least=0.2)
                ],
            ),
            *fw.scoring.rules[1:],
        ],
    )
    fw2 = msgspec.structs.replace(fw, scoring=stricter)
    a = rated(
        fw,
        {
            "hp-missing": "red",
            "hp-front-door": "green",
            "hp-plans": "green",
            "hp-assessments": "green",
            "ld-qa": "green",
        },
    )
    a.criteria["hp-missing"] = CriterionRecord(rating="amber")
    assert hp(fw2, a).grade == "good"
    a.criteria["hp-missing"] = CriterionRecord(rating="red")
    assert hp(fw2, a).grade == "inadequate"
