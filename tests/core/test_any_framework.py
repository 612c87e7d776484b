"""A council's own framework (its own three-level scale, red/amber/green only, no inspectorate,
no overall judgement, assessing a partnership) gets its own words everywhere: nothing shown or
exported speaks of Ofsted, ILACS or a local authority, and reasons read well for any label."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from selfassess.commands import main
from selfassess.exports import REPORT_FORMATS, export_report
from selfassess.files.store import load_framework
from selfassess.model.assessment import (
    AreaForImprovement,
    CriterionRecord,
    Published,
    new_assessment,
)
from selfassess.model.framework import Framework, framework_from_data
from selfassess.model.labels import limiting_key, strong_words
from selfassess.model.summary import Summary, report_data, summarise
from selfassess.views.report import render_report

FIXTURES = Path(__file__).parent.parent / "fixtures"
PARTNERSHIP = FIXTURES / "partnership-framework.toml"
FOREIGN = re.compile(r"ofsted|ilacs|local authorit", re.IGNORECASE)


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(PARTNERSHIP)


def _summary(fw: Framework, ratings: dict[str, str]) -> Summary:
    a = new_assessment(fw, "Anytown Safeguarding Partnership", period="2025-26")
    for cid, rating in ratings.items():
        a.criteria[cid] = CriterionRecord(rating=rating)
    # Published grades and areas in the file must not bring a comparison back: the framework
    # names no inspectorate to have published them.
    a.published = Published(
        grades={"identification": "effective"},
        areas_for_improvement=[
            AreaForImprovement(text="Mapping of places", criteria=["id-mapping"])
        ],
    )
    return summarise(fw, a)


MIXED = {"id-screening": "green", "id-mapping": "green", "rs-disruption": "amber"}


def _text(summary: Summary) -> str:
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(render_report(summary))
    return out.getvalue()


def test_the_framework_names_no_inspectorate(fw: Framework) -> None:
    assert not fw.compares_published
    assert fw.published_grades == ""
    assert fw.subject == "partnership"
    assert strong_words(fw) == "green"
    assert limiting_key(fw) == (
        "◆ = limiting criterion (rated red, it makes the judgement 'Not yet effective')"
    )


def test_terminal_report_has_none_of_ilacs_words(fw: Framework) -> None:
    text = _text(_summary(fw, MIXED))
    assert FOREIGN.search(text) is None, FOREIGN.search(text)
    assert "Gap" not in text and "Compared with" not in text and "blind spot" not in text
    assert "red caps" not in text
    assert "Not not" not in text and "Not yet effective" in text
    assert "National Framework: Enabler 1: multi-agency working" in text


def test_json_report_has_none_of_ilacs_words(fw: Framework) -> None:
    data = report_data(_summary(fw, MIXED))
    text = json.dumps(data)
    assert FOREIGN.search(text) is None, FOREIGN.search(text)
    assert data["framework"]["inspectorate"] == ""
    assert data["framework"]["subject"] == "partnership"


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_exports_have_none_of_ilacs_words(fw: Framework, fmt: str) -> None:
    raw = export_report(_summary(fw, MIXED), fmt)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(raw)) as docx:
            parts = [n for n in docx.namelist() if n.endswith(".xml")]
            text = "\n".join(docx.read(n).decode("utf-8") for n in parts)
    else:
        text = raw.decode("utf-8-sig")
    found = FOREIGN.search(text)
    assert found is None, text[max(0, found.start() - 200) : found.end() + 200]


def test_the_self_evaluation_has_none_of_ilacs_words_or_a_councils_signatories(
    fw: Framework,
) -> None:
    from selfassess.exports.sef import render_sef

    raw = render_sef(_summary(fw, MIXED))
    with zipfile.ZipFile(io.BytesIO(raw)) as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    found = FOREIGN.search(text)
    assert found is None, text[max(0, found.start() - 200) : found.end() + 200]
    assert "inspectorate" not in text
    assert "children's social care" not in text
    assert "Director of Children" not in text


def test_cli_report_text_and_json(
    fw: Framework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "partnership.toml"
    code = main(
        [
            "new",
            str(path),
            "--framework",
            str(PARTNERSHIP),
            "--authority",
            "Anytown Partnership",
            "--no-figures",
        ]
    )
    assert code == 0
    capsys.readouterr()
    for args in (["report", str(path)], ["report", str(path), "--format", "json"]):
        assert main(args) == 0
        out = capsys.readouterr().out
        assert FOREIGN.search(out) is None, FOREIGN.search(out)


# --- reasons read well whatever the labels -------------------------------------------------


def test_reasons_never_say_not_not(fw: Framework) -> None:
    summary = _summary(fw, MIXED)
    reasons = [r for s in summary.scorecard.judgements for r in s.reasons]
    assert reasons
    assert not any("Not not" in r or "not not" in r for r in reasons)
    response = summary.scorecard.judgements[1]  # one amber: partly effective by default
    assert response.grade == "partly_effective"
    assert response.reasons[:2] == [
        "Above 'Not yet effective', because no limiting criterion is rated red and no rated "
        "criterion is red (it would take at least 50%).",
        "Short of 'Effective', because no rated criterion is green (it would take at least 75%).",
    ]
    assert response.rule == "Partly effective when the ratings meet none of the other grades' rules"


def test_rule_names_only_what_held(fw: Framework) -> None:
    """A rule of "any" conditions that held by its share must not claim a limiting red."""
    summary = _summary(fw, {"id-screening": "green", "id-mapping": "red", "rs-leaders": "red"})
    identification, response = summary.scorecard.judgements
    assert identification.grade == "not_yet_effective"
    assert identification.rule == "Not yet effective when at least 50% of rated criteria are red"
    assert "limiting" not in identification.rule
    assert identification.reasons == [
        "50% of rated criteria are red (50% or more means 'Not yet effective'): "
        "Mapping of places and peers."
    ]
    assert response.rule == "Not yet effective when at least 50% of rated criteria are red"


def test_limiting_red_is_named_when_it_holds(fw: Framework) -> None:
    summary = _summary(fw, {"id-screening": "red", "id-mapping": "green"})
    identification = summary.scorecard.judgements[0]
    assert identification.rule.startswith(
        "Not yet effective when a limiting criterion is rated red"
    )
    assert identification.reasons[0] == "1 limiting criterion is rated red: Shared screening."


# --- validation ------------------------------------------------------------------------------


def _data(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "id": "x",
        "version": "1",
        "title": "X",
        "applies_from": "2024-01-01",
        "scoring": {"rules": [{"grade": "good"}]},
        "judgements": [
            {
                "id": "j",
                "title": "J",
                "criteria": [{"id": "c", "title": "C", "what_good_looks_like": "W"}],
            }
        ],
    }
    data.update(extra)
    return data


def _problems(data: dict[str, object]) -> list[str]:
    from selfassess.model.errors import InputError

    with pytest.raises(InputError) as caught:
        framework_from_data(data, "own.toml")
    return [p.describe() for p in caught.value.problems]


def _criterion(**fields: object) -> list[dict[str, object]]:
    criterion = {"id": "c", "title": "C", "what_good_looks_like": "W", **fields}
    return [{"id": "j", "title": "J", "criteria": [criterion]}]


def test_national_framework_links_are_checked() -> None:
    problems = _problems(_data(judgements=_criterion(national_framework=["outcome-5", "enabler1"])))
    assert problems[0].startswith('judgements[0].criteria[0].national_framework[0]: "outcome-5"')
    assert 'use "outcome-1" to "outcome-4"' in problems[0]
    assert '(did you mean "enabler-1"?)' in problems[1]
    dup = _problems(_data(judgements=_criterion(national_framework=["outcome-1", "outcome-1"])))
    assert dup == [
        'judgements[0].criteria[0].national_framework[1]: national framework link "outcome-1" '
        "is used twice (first at judgements[0].criteria[0].national_framework[0])"
    ]


def test_indicators_are_checked_for_form_only() -> None:
    fw = framework_from_data(_data(judgements=_criterion(indicators=["anything_at_all"])))
    assert fw.criteria["c"].indicators == ["anything_at_all"]
    problems = _problems(_data(judgements=_criterion(indicators=["cin_rate", "cin_rate", " "])))
    assert any("used twice" in p for p in problems)
    assert any(p.startswith("judgements[0].criteria[0].indicators[2]: is empty") for p in problems)


@pytest.mark.parametrize(
    ("level", "place", "clash"),
    [
        ({"key": "n"}, "rating_levels[0].key", "mark a criterion not applicable"),
        ({"key": "q"}, "rating_levels[0].key", "quit"),
        ({"key": "?"}, "rating_levels[0].key", "open help"),
        ({"letter": "N"}, "rating_levels[0].letter", "mark a criterion not applicable"),
        ({"key": "S"}, "rating_levels[0].key", "open the scorecard"),
    ],
)
def test_a_rating_key_the_app_uses_is_refused(
    level: dict[str, str], place: str, clash: str
) -> None:
    levels = [
        {"id": "not_yet", "label": "Not yet", "letter": "Y", **level},
        {"id": "yes", "label": "Yes", "letter": "E", "key": "k"},
    ]
    problems = _problems(_data(rating_levels=levels))
    assert len(problems) == 1
    assert problems[0].startswith(f"{place}: ")
    assert clash in problems[0]
    assert ', e.g. key = "' in problems[0]


@pytest.mark.parametrize(
    ("level", "place"),
    [
        ({"key": "ctrl+s"}, "rating_levels[0].key"),  # would rate instead of saving
        ({"key": "ctrl+q"}, "rating_levels[0].key"),
        ({"key": "r,q"}, "rating_levels[0].key"),  # would take the quit key too
        ({"key": " "}, "rating_levels[0].key"),
        ({"letter": "+"}, "rating_levels[0].letter"),
    ],
)
def test_a_rating_key_must_be_one_key_on_its_own(level: dict[str, str], place: str) -> None:
    levels = [
        {"id": "not_yet", "label": "Not yet", "letter": "Y", **level},
        {"id": "yes", "label": "Yes", "letter": "E", "key": "k"},
    ]
    problems = _problems(_data(rating_levels=levels))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{place}: ")
    assert "without Ctrl, Alt or Shift" in problems[0]


def test_older_frameworks_load_without_the_new_fields() -> None:
    fw = framework_from_data(_data())
    assert fw.inspectorate == "" and fw.subject == "local authority" and fw.service == ""
    assert fw.criteria["c"].national_framework == [] and fw.criteria["c"].indicators == []


def test_published_grades_are_named_after_the_inspectorate() -> None:
    fw = framework_from_data(_data(inspectorate="Ofsted"))
    assert fw.compares_published and fw.published_grades == "Ofsted's grades"
    own = framework_from_data(_data(inspectorate="CQC", published_label="the CQC's ratings"))
    assert own.published_grades == "the CQC's ratings"


# --- linking imported areas by the National Framework ----------------------------------------


def test_linking_prefers_criteria_with_the_areas_national_framework_tag(fw: Framework) -> None:
    from selfassess.model.linking import NationalFrameworkTag, framework_tags, link_area

    assert framework_tags(fw)["id-screening"] == (
        NationalFrameworkTag("enabler", 1),
        NationalFrameworkTag("outcome", 3),
    )
    text = "Mapping of places and peer groups where children are at risk; disruption."
    assert link_area(fw, text) == ["id-mapping", "rs-disruption"]
    # The area is tagged outcome 3: the criterion serving outcome 3 is preferred, and the one
    # that only shares a word falls away.
    assert link_area(fw, text, tags=[NationalFrameworkTag("outcome", 3)]) == ["id-mapping"]
    # a tag alone never links
    assert link_area(fw, "Nothing known here.", tags=[NationalFrameworkTag("outcome", 3)]) == []


def test_national_framework_words_match_the_published_dataset() -> None:
    from selfassess.model.framework import NATIONAL_FRAMEWORK

    raw = json.loads(
        (Path(__file__).parents[2] / "selfassess" / "data" / "published.json").read_text("utf-8")
    )
    assert raw["national_framework"] == NATIONAL_FRAMEWORK


def test_ilacs_inadequate_by_share_does_not_claim_a_limiting_red() -> None:
    tiny = load_framework(FIXTURES / "tiny-framework.toml")
    a = new_assessment(tiny, "Anytown")
    for cid, rating in {"hp-front-door": "green", "hp-missing": "red", "hp-plans": "red"}.items():
        a.criteria[cid] = CriterionRecord(rating=rating)
    hp = summarise(tiny, a).scorecard.judgements[0]
    assert hp.grade == "inadequate"
    assert hp.rule == "Inadequate when at least 25% of rated criteria are red"
    assert not any("limiting" in r for r in hp.reasons)
    assert hp.reasons[0] == (
        "67% of rated criteria are red (25% or more means 'Inadequate'): Return interviews, Plans."
    )
