"""Self-assessed grades beside published ones: signed gaps and possible blind spots."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.files.store import load_framework
from selfassess.model.assessment import (
    AreaForImprovement,
    CriterionRecord,
    Published,
    new_assessment,
)
from selfassess.model.comparison import compare, gap_text
from selfassess.model.framework import Framework
from selfassess.model.scoring import score

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(FIXTURES / "tiny-framework.toml")


def test_gap_is_signed_steps_from_published(fw: Framework) -> None:
    a = new_assessment(fw, "Anytown")
    for cid in fw.criteria:
        a.criteria[cid] = CriterionRecord(rating="green")
    a.published = Published(
        grades={"help_and_protection": "requires_improvement", "leaders": "outstanding"}
    )
    c = compare(fw, a, score(fw, a))
    gaps = {g.judgement: g for g in c.gaps}
    assert gaps["help_and_protection"].gap == 1
    assert gaps["help_and_protection"].text == "one grade more generous than Ofsted"
    assert gaps["leaders"].gap == -1
    assert gaps["leaders"].text == "one grade more severe than Ofsted"
    assert gaps["overall"].published is None
    assert gaps["overall"].text == "no published grade"


def test_gap_texts() -> None:
    assert gap_text(0, "good", "good", "Ofsted") == "same as Ofsted"
    assert gap_text(2, "good", "inadequate", "Ofsted") == "two grades more generous than Ofsted"
    assert gap_text(-1, "good", "outstanding") == "one grade more severe than the published grade"
    assert gap_text(None, None, "good") == "no indicative grade yet"


def test_blind_spots_are_green_criteria_named_for_improvement(fw: Framework) -> None:
    a = new_assessment(fw, "Anytown")
    a.criteria["hp-missing"] = CriterionRecord(rating="green")
    a.criteria["hp-plans"] = CriterionRecord(rating="amber")
    a.published = Published(
        areas_for_improvement=[
            AreaForImprovement(text="Return interviews", criteria=["hp-missing"]),
            AreaForImprovement(
                text="Plans and assessments", criteria=["hp-plans", "hp-assessments"]
            ),
        ]
    )
    c = compare(fw, a, score(fw, a))
    assert [(b.criterion, b.area) for b in c.blind_spots] == [("hp-missing", "Return interviews")]
    assert [k.criterion for k in c.known] == ["hp-plans"]
    assert [u.criterion for u in c.unrated] == ["hp-assessments"]
