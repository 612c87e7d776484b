"""Linking areas for improvement to criteria: keywords, ranking, limits, determinism."""

from __future__ import annotations

import subprocess
import sys

import msgspec

from selfassess.model.framework import Criterion, Framework
from selfassess.model.linking import MAX_LINKS, link_area


def _with_keywords(framework: Framework, keywords: dict[str, list[str]]) -> Framework:
    """A copy of ``framework`` with other keywords on some criteria."""
    judgements = [
        msgspec.structs.replace(
            j,
            criteria=[
                msgspec.structs.replace(c, keywords=keywords.get(c.id, c.keywords))
                for c in j.criteria
            ],
        )
        for j in framework.judgements
    ]
    return msgspec.structs.replace(framework, judgements=judgements)


def test_links_by_keyword(layouts) -> None:
    fw = layouts[1]
    assert link_area(fw, "The consistency of management oversight.") == ["ld-oversight"]
    assert link_area(fw, "Decisions at the front door when contacts are made.") == ["hp-front-door"]


def test_no_keyword_no_link(layouts) -> None:
    assert link_area(layouts[1], "The weather in spring.") == []
    assert link_area(layouts[1], "") == []


def test_returned_in_framework_order_not_score_order(layouts) -> None:
    fw = layouts[1]
    # Exploitation (help and protection) scores higher than oversight (leaders), but leaders
    # come first in the framework.
    ids = link_area(
        fw, "Management oversight of work with children at risk of exploitation who go missing."
    )
    assert ids == ["ld-oversight", "hp-exploitation"]


def test_at_most_a_few(layouts) -> None:
    text = (
        "Supervision, caseloads, placements, thresholds, chronologies, exploitation, "
        "permanence, pathway plans and the local offer."
    )
    ids = link_area(layouts[1], text)
    assert len(ids) == MAX_LINKS
    order = list(layouts[1].criteria)
    assert ids == sorted(ids, key=order.index)


def test_deterministic(layouts) -> None:
    text = "Supervision and caseloads, thresholds and consent, pathway plans."
    assert len({tuple(link_area(layouts[1], text)) for _ in range(20)}) == 1


def test_short_keywords_match_whole_words_long_ones_as_stems(layouts) -> None:
    fw = _with_keywords(layouts[1], {"cic-health": ["pep"], "hp-assessments": ["chronolog"]})
    assert link_area(fw, "How people are helped.") == []  # "pep" is not "people"
    assert link_area(fw, "The quality of PEPs.") == ["cic-health"]
    assert link_area(fw, "The use of chronologies.") == ["hp-assessments"]


def test_phrases_match_across_hyphens_and_apostrophes(layouts) -> None:
    fw = _with_keywords(
        layouts[1],
        {"cl-offer": ["care leavers' offer"], "hp-front-door": ["multi-agency safeguarding hub"]},
    )
    assert link_area(fw, "The care leavers’ offer.") == ["cl-offer"]
    assert link_area(fw, "The multi agency safeguarding hub.") == ["hp-front-door"]


def test_spelling_variants_of_one_phrase_count_once(layouts) -> None:
    fw = _with_keywords(
        layouts[1],
        {
            "hp-exploitation": ["16- and 17-year-old", "16 and 17 year old", "homeless"],
            "cl-pathway": ["private fostering", "privately fostered"],
        },
    )
    ids = link_area(fw, "Plans for privately fostered children and homeless 16- and 17-year-olds.")
    assert ids == ["hp-exploitation", "cl-pathway"]


def test_incidental_matches_are_left_out(layouts) -> None:
    fw = _with_keywords(layouts[1], {"ld-sufficiency": ["response"]})
    text = "Return interviews for children who go missing, and the response to exploitation."
    assert link_area(fw, text) == ["hp-exploitation"]


def test_title_and_theme_words_break_ties(layouts) -> None:
    tied = ["ld-oversight", "ld-workforce", "hp-front-door", "hp-assessments"]
    fw = _with_keywords(layouts[1], {cid: ["timeliness"] for cid in tied})
    # All four have the keyword; only three are kept, and ties go to framework order …
    assert link_area(fw, "The timeliness of work.") == tied[:3]
    # … unless a word of a criterion's title is in the text ("Assessments") …
    assert link_area(fw, "The timeliness of assessments.") == [
        "ld-oversight",
        "ld-workforce",
        "hp-assessments",
    ]
    # … or words of its title and themes ("Front door").
    assert "hp-front-door" in link_area(
        fw, "The timeliness of the work at the door, the front door."
    )


def test_every_criterion_id_is_real(layouts) -> None:
    fw = layouts[0]
    for text in ("Supervision.", "Chronologies and missing children.", "Placements and homes."):
        for cid in link_area(fw, text):
            assert isinstance(fw.criteria[cid], Criterion)


def test_core_modules_import_neither_textual_nor_pypdf() -> None:
    code = (
        "import sys\n"
        "import selfassess.importer.files, selfassess.importer.batch, selfassess.model.linking\n"
        "import selfassess.commands.import_report\n"
        "bad = [m for m in ('textual', 'pypdf') if m in sys.modules]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_national_framework_tags_favour_criteria_linked_to_them(layouts) -> None:
    from selfassess.model.linking import NationalFrameworkTag

    fw = _with_keywords(
        layouts[1],
        {
            "ld-oversight": ["management oversight", "supervision", "reflective"],
            "hp-front-door": ["contacts"],
        },
    )
    text = "Management oversight, supervision and reflective practice, including on contacts."
    assert link_area(fw, text) == ["ld-oversight"]  # contacts alone is incidental
    enabler = NationalFrameworkTag("enabler", 2)
    links = {"hp-front-door": [enabler]}
    assert link_area(fw, text, tags=[enabler], criterion_tags=links) == [
        "ld-oversight",
        "hp-front-door",
    ]
    # a tag alone never links: the outcome or enabler spans many criteria
    assert link_area(fw, "Nothing the keywords know.", [enabler], links) == []
