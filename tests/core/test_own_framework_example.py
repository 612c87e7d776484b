"""The documented example of a council's own framework: docs/frameworks.md shows it whole, and
it validates, scores in its own grades and says nothing of an inspectorate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.files.store import load_framework
from selfassess.model.assessment import CriterionRecord, new_assessment
from selfassess.model.labels import limiting_key
from selfassess.model.scoring import score

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "own-framework.toml"
DOCS = ROOT / "docs" / "frameworks.md"


def test_the_docs_show_the_example_file_whole() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert EXAMPLE.read_text(encoding="utf-8") in blocks


def test_the_example_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    assert "a valid framework" in capsys.readouterr().out


def test_the_example_is_a_partnership_theme_with_its_own_scale() -> None:
    fw = load_framework(EXAMPLE)
    assert fw.inspectorate == "" and not fw.compares_published and fw.published_grades == ""
    assert fw.overall is None
    assert fw.subject == "partnership"
    assert [g.label for g in fw.grades] == ["Secure", "Developing", "Not yet secure"]
    assert [lv.id for lv in fw.rating_levels] == ["red", "amber", "green"]
    assert not fw.allow_not_applicable
    assert all(c.national_framework for c in fw.criteria.values())
    assert limiting_key(fw) == (
        "◆ = limiting criterion (rated red, it makes the judgement 'Not yet secure')"
    )


def test_the_example_scores_in_its_own_grades() -> None:
    fw = load_framework(EXAMPLE)
    assessment = new_assessment(fw, "Anytown safeguarding partners")
    ratings = {
        "in-shared-decisions": "green",
        "in-early-identification": "amber",
        "hw-lead-practitioner": "green",
        "hw-family-network": "green",
    }
    for cid, rating in ratings.items():
        assessment.criteria[cid] = CriterionRecord(rating=rating)
    card = score(fw, assessment)
    assert card.grade_of("identifying_need") == "developing"
    assert card.grade_of("help_that_works") == "secure"
    assessment.criteria["in-shared-decisions"] = CriterionRecord(rating="red")
    assert score(fw, assessment).grade_of("identifying_need") == "not_secure"


def test_the_example_speaks_no_ilacs() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    for word in ("Ofsted", "ILACS", "local authority", "Inadequate"):
        assert word not in body


def test_a_grade_without_a_short_form_is_badged_with_its_initials_not_its_id() -> None:
    from selfassess.exports._common import grade_mark

    fw = load_framework(EXAMPLE)
    assert [grade_mark(fw, g).letter for g in ("secure", "developing", "not_secure")] == [
        "S",
        "D",
        "NYS",
    ]
