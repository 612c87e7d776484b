"""The bundled ILACS frameworks' content: what limiting criteria cap, the criteria added for gaps
that recur in Ofsted's reports, and every criterion's National Framework and indicator links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfassess.files.store import bundled_frameworks
from selfassess.model.assessment import Assessment, CriterionRecord, new_assessment
from selfassess.model.framework import NATIONAL_FRAMEWORK, Framework
from selfassess.model.labels import limiting_key
from selfassess.model.linking import link_area
from selfassess.model.scoring import Scorecard, score

FRAMEWORKS = bundled_frameworks()
FRAMEWORK_IDS = ["ilacs-2018", "ilacs-2023", "ilacs-2026"]
PUBLISHED = Path(__file__).resolve().parents[2] / "selfassess" / "data" / "published.json"
INDICATOR_IDS = [i["id"] for i in json.loads(PUBLISHED.read_text(encoding="utf-8"))["indicators"]]

LIMITING = [
    (fid, c.id) for fid in FRAMEWORK_IDS for c in FRAMEWORKS[fid].criteria.values() if c.limiting
]


def rated(fw: Framework, ratings: dict[str, str], default: str = "green") -> Assessment:
    """Every criterion rated ``default`` except those in ``ratings``."""
    assessment = new_assessment(fw, "Anytown")
    for cid in fw.criteria:
        assessment.criteria[cid] = CriterionRecord(rating=ratings.get(cid, default))
    return assessment


def card(fid: str, ratings: dict[str, str], default: str = "green") -> Scorecard:
    fw = FRAMEWORKS[fid]
    return score(fw, rated(fw, ratings, default))


# --- what a limiting criterion caps ------------------------------------------------------------


def test_the_limiting_criteria_are_the_agreed_few() -> None:
    expected = {
        "ld-management-oversight",
        "ld-self-knowledge",
        "hp-front-door",
        "hp-strategy-s47",
        "hp-missing-exploitation",
        "cc-entry-to-care",
        "cc-safety",
        "cl-accommodation",
        "cl-vulnerable-groups",
    }
    for fid in FRAMEWORK_IDS:
        assert {cid for f, cid in LIMITING if f == fid} == expected, fid
    assert ("ilacs-2023", "ld-workforce") not in LIMITING


@pytest.mark.parametrize(("fid", "cid"), LIMITING, ids=[f"{f}:{c}" for f, c in LIMITING])
def test_one_limiting_red_among_greens_requires_improvement(fid: str, cid: str) -> None:
    fw = FRAMEWORKS[fid]
    scorecard = card(fid, {cid: "red"})
    jid = fw.judgement_of[cid].id
    judgement = next(s for s in scorecard.judgements if s.judgement == jid)
    assert judgement.grade == "requires_improvement", judgement.reasons
    assert not judgement.provisional
    assert cid in judgement.drivers
    assert any(fw.criteria[cid].title in reason for reason in judgement.reasons)
    for other in fw.judgements:
        if other.id != jid:
            assert scorecard.grade_of(other.id) == "good", other.id
    if fw.overall is not None:
        # the heuristic follows leaders unless a practice judgement is inadequate
        expected = "requires_improvement" if jid == "leaders" else "good"
        assert scorecard.grade_of(fw.overall.id) == expected


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_two_limiting_reds_in_a_judgement_are_inadequate(fid: str) -> None:
    fw = FRAMEWORKS[fid]
    for judgement in fw.judgements:
        limiting = [c.id for c in judgement.criteria if c.limiting]
        assert len(limiting) >= 2, judgement.id
        scorecard = card(fid, dict.fromkeys(limiting[:2], "red"))
        assert scorecard.grade_of(judgement.id) == "inadequate", judgement.id
        if fw.overall is not None:
            assert scorecard.grade_of(fw.overall.id) == "inadequate", judgement.id


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_a_quarter_red_is_inadequate_without_any_limiting_red(fid: str) -> None:
    fw = FRAMEWORKS[fid]
    for judgement in fw.judgements:
        others = [c.id for c in judgement.criteria if not c.limiting]
        quarter = -(-len(judgement.criteria) // 4)  # rounded up
        scorecard = card(fid, dict.fromkeys(others[:quarter], "red"))
        assert scorecard.grade_of(judgement.id) == "inadequate", judgement.id
        scorecard = card(fid, dict.fromkeys(others[: quarter - 1], "red"))
        assert scorecard.grade_of(judgement.id) == "requires_improvement", judgement.id


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_one_red_that_is_not_limiting_also_requires_improvement(fid: str) -> None:
    scorecard = card(fid, {"ld-workforce": "red"})
    assert scorecard.grade_of("leaders") == "requires_improvement"


@pytest.mark.parametrize(("fid", "cid"), LIMITING, ids=[f"{f}:{c}" for f, c in LIMITING])
def test_a_limiting_amber_among_blues_rules_out_outstanding(fid: str, cid: str) -> None:
    fw = FRAMEWORKS[fid]
    jid = fw.judgement_of[cid].id
    assert card(fid, {}, default="blue").grade_of(jid) == "outstanding"
    assert card(fid, {cid: "amber"}, default="blue").grade_of(jid) == "good"


# --- gaps that recur in reports -----------------------------------------------------------------

NEW_IN_EVERY_FRAMEWORK = {
    "hp-lado": "help_and_protection",
    "hp-young-carers": "help_and_protection",
    "ld-sufficiency": "leaders",
    "cc-permanence-planning": "children_in_care",
    "cc-unregistered-homes": "children_in_care",
}


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_criteria_for_recurring_gaps(fid: str) -> None:
    fw = FRAMEWORKS[fid]
    for cid, jid in NEW_IN_EVERY_FRAMEWORK.items():
        if fid == "ilacs-2018" and jid == "children_in_care":
            jid = "children_in_care_and_care_leavers"
        assert fw.judgement_of[cid].id == jid, cid
    care_leavers = "children_in_care_and_care_leavers" if fid == "ilacs-2018" else "care_leavers"
    assert fw.judgement_of["cl-vulnerable-groups"].id == care_leavers
    if fid != "ilacs-2018":  # a named focus of the care leavers judgement from 2023
        assert fw.judgement_of["cl-relationships"].id == "care_leavers"


def test_new_criteria_read_the_same_in_2023_and_2026() -> None:
    f23, f26 = FRAMEWORKS["ilacs-2023"], FRAMEWORKS["ilacs-2026"]
    for cid in [*NEW_IN_EVERY_FRAMEWORK, "cl-relationships", "cl-vulnerable-groups"]:
        assert f23.criteria[cid] == f26.criteria[cid], cid
    assert (
        FRAMEWORKS["ilacs-2018"].criteria["cl-vulnerable-groups"]
        == f23.criteria["cl-vulnerable-groups"]
    )


# Areas for improvement in the style of Ofsted's reports (written for these tests).
AREAS = [
    ("The timeliness of the designated officer's response to allegations.", "hp-lado"),
    ("Identifying young carers and assessing their needs.", "hp-young-carers"),
    ("The sufficiency of local homes for children in care.", "ld-sufficiency"),
    ("Permanence planning, so that children do not wait for decisions.", "cc-permanence-planning"),
    ("Oversight of children living in unregistered children's homes.", "cc-unregistered-homes"),
    ("Children deprived of their liberty by a court order.", "cc-unregistered-homes"),
    ("Support for care leavers who are parents or in custody.", "cl-vulnerable-groups"),
]


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
@pytest.mark.parametrize(("text", "cid"), AREAS)
def test_new_criteria_are_found_by_report_wording(fid: str, text: str, cid: str) -> None:
    assert cid in link_area(FRAMEWORKS[fid], text)


@pytest.mark.parametrize("fid", ["ilacs-2023", "ilacs-2026"])
def test_care_leavers_relationships_are_found_by_report_wording(fid: str) -> None:
    text = "Care leavers' access to social and leisure opportunities, so they are less isolated."
    assert link_area(FRAMEWORKS[fid], text) == ["cl-relationships"]


# --- dates and the 2026 caveat ---------------------------------------------------------------


def test_2026_says_plainly_it_is_the_2023_content_not_yet_checked() -> None:
    description = FRAMEWORKS["ilacs-2026"].description
    assert "criteria are those of ilacs-2023" in description
    assert "not yet been checked against Ofsted's evaluation criteria for 2026" in description


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_words_for_an_ofsted_inspection(fid: str) -> None:
    fw = FRAMEWORKS[fid]
    assert fw.inspectorate == "Ofsted"
    assert fw.published_grades == "Ofsted's grades"
    assert fw.service == "children's social care services"
    assert fw.subject == "local authority"


# --- links to the National Framework and to published indicators ------------------------------


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_every_criterion_serves_the_national_framework(fid: str) -> None:
    order = list(NATIONAL_FRAMEWORK)
    for cid, criterion in FRAMEWORKS[fid].criteria.items():
        assert criterion.national_framework, cid
        assert set(criterion.national_framework) <= set(order), cid
        # listed in the National Framework's own order: outcomes, then enablers
        assert criterion.national_framework == sorted(criterion.national_framework, key=order.index)


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_every_outcome_and_enabler_is_served(fid: str) -> None:
    served = {link for c in FRAMEWORKS[fid].criteria.values() for link in c.national_framework}
    assert served == set(NATIONAL_FRAMEWORK)


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_every_published_indicator_is_linked(fid: str) -> None:
    linked = [i for c in FRAMEWORKS[fid].criteria.values() for i in c.indicators]
    assert set(linked) == set(INDICATOR_IDS)


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_indicators_link_where_the_figure_bears_on_the_criterion(fid: str) -> None:
    links = {cid: c.indicators for cid, c in FRAMEWORKS[fid].criteria.items() if c.indicators}
    # the judgement a figure belongs to: workforce figures to leaders, care leavers' to care leavers
    for cid, indicators in links.items():
        for indicator in indicators:
            if indicator.startswith("sw_"):
                assert cid == "ld-workforce"
            if indicator.startswith("care_leavers_"):
                assert cid.startswith("cl-")
            if indicator.startswith(("cpp_", "rereferrals", "cin_")):
                assert cid.startswith("hp-")
    # and none links a figure to a criterion it says nothing about
    assert not FRAMEWORKS[fid].criteria["ld-diversity"].indicators
    assert not FRAMEWORKS[fid].criteria["hp-lado"].indicators


def test_links_are_the_same_in_every_framework() -> None:
    f18, f23, f26 = (FRAMEWORKS[f] for f in FRAMEWORK_IDS)
    for cid, criterion in f18.criteria.items():
        for other in (f23, f26):
            assert other.criteria[cid].national_framework == criterion.national_framework, cid
            assert other.criteria[cid].indicators == criterion.indicators, cid


@pytest.mark.parametrize("fid", FRAMEWORK_IDS)
def test_the_limiting_key_says_one_red_is_not_enough(fid: str) -> None:
    assert limiting_key(FRAMEWORKS[fid]) == (
        "◆ = limiting criterion (rated red together with another limiting criterion, it makes "
        "the judgement 'Inadequate')"
    )
