"""The privacy guard warns about identifying details — and never blocks or edits.

It is tested both ways: realistic sentences a worker might type must be caught, and the
ordinary language of children's services — every text of the bundled frameworks and of the
worked example — must raise nothing, or people learn to ignore the warning.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.files.store import load_assessment, load_framework, save_assessment
from selfassess.model.assessment import Action, CriterionRecord, Evidence, new_assessment
from selfassess.model.privacy import in_words, scan_assessment, scan_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "peterborough-2018.toml"
FRAMEWORKS = sorted((ROOT / "frameworks").glob("*.toml"))

NAME = "a person's name"
DOB = "a date of birth"
CASE = "a case or ID number"
NI = "a National Insurance number"
PHONE = "a phone number"
POSTCODE = "a postcode"

# (what a worker might type, the kind of detail, the words the warning quotes)
IDENTIFYING = [
    ("Child John Smith was seen weekly", NAME, "Child John Smith"),
    ("mother Jane O'Neill attended", NAME, "mother Jane O'Neill"),
    ("young person called Amy Brown", NAME, "person called Amy Brown"),
    ("the file for Jayden Smith, aged 7", NAME, "Jayden Smith"),
    ("Mohammed Ali was placed out of area in May", NAME, "Mohammed Ali"),
    ("Jakub Nowak's school reported no concerns", NAME, "Jakub Nowak's"),
    ("Audit of the plan for her brother, Tyler Brown", NAME, "brother, Tyler Brown"),
    ("Smith's mother did not attend the conference", NAME, "Smith's mother"),
    ("Jayden's plan was reviewed late", NAME, "Jayden's"),
    ("Mrs Smith's views were recorded", NAME, "Mrs Smith's"),
    ("Kayden, aged 4, was seen alone", NAME, "Kayden, aged 4"),
    ("Ava (6) was not seen for 8 weeks", NAME, "Ava (6)"),
    ("Case file: Smith, Jayden", NAME, "Smith, Jayden"),
    ("the Smith family moved to the area", NAME, "the Smith family"),
    ("DOB 12/03/2015", DOB, "DOB 12/03/2015"),
    ("date of birth: 2015-03-12", DOB, "date of birth: 2015-03-12"),
    ("date of birth March 3rd, 2015", DOB, "date of birth March 3rd, 2015"),
    ("born on 3rd of March 2015", DOB, "born on 3rd of March 2015"),
    ("NHS no 943 476 5919", "an NHS number", "943 476 5919"),
    ("ring 07700 900123", PHONE, "07700 900123"),
    ("the office is on 01733 864000", PHONE, "01733 864000"),
    ("call (020) 7946 0000", PHONE, "(020) 7946 0000"),
    ("her mobile is +44 7700 900123", PHONE, "+44 7700 900123"),
    ("+44 (0)1733 864000", PHONE, "+44 (0)1733 864000"),
    ("from jo.bloggs@example.org", "an email address", "jo.bloggs@example.org"),
    ("case no. 123456", CASE, "case no. 123456"),
    ("LCS ID 88812", CASE, "LCS ID 88812"),
    ("see CP-2023-0456 for the strategy discussion", CASE, "CP-2023-0456"),
    ("NI AB 12 34 56 C", NI, "AB 12 34 56 C"),
    ("ni number ab123456c", NI, "ab123456c"),
    ("lives at PE1 1XX", POSTCODE, "PE1 1XX"),
    ("moved to pe1 1xx last year", POSTCODE, "pe1 1xx"),
]


@pytest.mark.parametrize(("text", "kind", "found"), IDENTIFYING)
def test_identifying_details_are_found(text: str, kind: str, found: str) -> None:
    assert (kind, found) in scan_text(text)


def test_every_finding_in_a_text_is_listed_in_order() -> None:
    text = (
        "Jayden Smith (DOB 03/03/2015) lives at pe1 1xx; mum on 01733 864000, "
        "ref CP-2023-0456; sister Chloe was not seen"
    )
    assert scan_text(text) == [
        (NAME, "Jayden Smith"),
        (DOB, "DOB 03/03/2015"),
        (POSTCODE, "pe1 1xx"),
        (PHONE, "01733 864000"),
        (CASE, "CP-2023-0456"),
        (NAME, "sister Chloe"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Audit of 40 contacts, March 2018",
        "Child Protection Plan reviews were timely",
        "the child was seen by the team",
        "Young Person Hub feedback survey, 32 responses",
        "Performance data 2023-24: 1234567890 contacts",  # fails the NHS check digit
        "Mother and baby unit visits",
        "Family Group Conference referrals rose to 45",
        "Early Help Strategy 2023-2026, Amber Rating",
        "Parent Carer Forum minutes, April 2024",
        "St Mary's School attendance audit",
        "Faith Groups Forum and Grant Funding bid",
        "Y10 5th form leavers, KS2 3rd cohort",
        "Annual report ref 2023, 2023-24 figures",
        "Signs of Safety training for 120 staff",
        "Ofsted's letter and the Council's plan",
    ],
)
def test_ordinary_evidence_is_not_flagged(text: str) -> None:
    assert scan_text(text) == []


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_no_false_alarms_on_the_bundled_frameworks_or_the_worked_example() -> None:
    texts = [s for path in FRAMEWORKS for s in _strings(tomllib.loads(path.read_text("utf-8")))]
    assert len(FRAMEWORKS) >= 3 and len(texts) > 3000  # titles, descriptions, questions, examples
    alarms = [(text, found) for text in texts for found in scan_text(text)]
    assert alarms == []
    example = load_assessment(EXAMPLE).assessment
    assert scan_assessment(example) == []


def test_owners_of_evidence_and_actions_are_checked() -> None:
    fw = load_framework(FIXTURES / "tiny-framework.toml")
    a = new_assessment(fw, "Anytown")
    a.criteria["hp-plans"] = CriterionRecord(
        rating="amber",
        evidence=[Evidence(what="Plan audit", owner="Kelly O'Neill, mum")],
        actions=[Action(what="Review the plan", owner="Head of Service")],
    )
    a.criteria["hp-missing"] = CriterionRecord(
        actions=[Action(what="Return interviews", owner="foster carer Mr Hughes")]
    )
    warnings = [(w.place, w.found) for w in scan_assessment(a)]
    assert warnings == [
        ("criteria.hp-plans.evidence[0].owner", "Kelly O'Neill"),
        ("criteria.hp-missing.actions[0].owner", "carer Mr Hughes"),
    ]


def test_validate_warns_but_passes_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fw = load_framework(FIXTURES / "tiny-framework.toml")
    a = new_assessment(
        fw, "Anytown", framework_file=os.path.relpath(FIXTURES / "tiny-framework.toml", tmp_path)
    )
    a.criteria["hp-plans"] = CriterionRecord(
        rating="amber", evidence=[Evidence(what="Case of child Tom Jones, DOB 01/02/2014")]
    )
    path = tmp_path / "a.toml"
    save_assessment(a, path, fw)
    before = path.read_bytes()
    assert [w.place for w in scan_assessment(a)] == ["criteria.hp-plans.evidence[0].what"] * 2
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "criteria.hp-plans.evidence[0].what" in err and "date of birth" in err
    assert "Tom Jones" in err
    assert path.read_bytes() == before


def test_a_warning_names_every_finding() -> None:
    found = scan_text("Jayden Smith, DOB 03/03/2015, mum on 01733 864000")
    assert in_words(found) == (
        "a person's name (“Jayden Smith”), a date of birth (“DOB 03/03/2015”) "
        "and a phone number (“01733 864000”)"
    )
    assert in_words(found, limit=1) == "a person's name (“Jayden Smith”) and 2 more"


# --- huge and hostile text: the scan stays quick ------------------------------------------------


def _seconds(text: str) -> tuple[float, list[tuple[str, str]]]:
    import time

    scan_text("warm up: the list of first names is read once")
    started = time.perf_counter()
    found = scan_text(text)
    return time.perf_counter() - started, found


def test_a_pasted_document_of_megabytes_is_scanned_quickly_from_its_start() -> None:
    from selfassess.model.privacy import SCANNED_CHARACTERS

    filler = "The front door team reviewed 40 referrals in March with partners. "
    text = "Child John Smith was seen weekly. " + filler * (5_000_000 // len(filler))
    seconds, found = _seconds(text)
    assert seconds < 2, f"5 MB took {seconds:.1f} s"  # ~0.1 s on a quiet machine
    assert (NAME, "Child John Smith") in found
    # What lies beyond the scanned part is not looked at: the start of a document is.
    late = filler * (SCANNED_CHARACTERS // len(filler) + 10) + "Child John Smith was seen."
    assert scan_text(late) == []


@pytest.mark.parametrize("unit", ["x-", "a@", "A.b", "Aa ", "A-", "O'", "born ", "case 1", " "])
def test_long_runs_that_could_make_a_pattern_backtrack_are_quick(unit: str) -> None:
    """Runs such as "x-x-x-..." once made the scan take half a minute for 20 KB."""
    seconds, _ = _seconds(unit * (200_000 // len(unit)))
    assert seconds < 2, f"{unit!r} × many took {seconds:.1f} s"


def test_the_bounded_patterns_still_find_ordinary_details() -> None:
    text = (
        "Spoke to jayden.smith+care@example-council.gov.uk and the brother, Tyler Brown, "
        "and the step-mother's partner, Kelly Brown."
    )
    found = scan_text(text)
    assert ("an email address", "jayden.smith+care@example-council.gov.uk") in found
    assert any(kind == NAME and "Tyler Brown" in what for kind, what in found)
