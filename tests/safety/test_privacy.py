"""The privacy guard warns about identifying details — and never blocks or edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.files.store import load_framework
from selfassess.model.assessment import CriterionRecord, Evidence, new_assessment
from selfassess.model.privacy import scan_assessment, scan_text

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Child John Smith was seen weekly", "a person's full name"),
        ("mother Jane O'Neill attended", "a person's full name"),
        ("young person called Amy Brown", "a person's full name"),
        ("DOB 12/03/2015", "a date of birth"),
        ("date of birth: 2015-03-12", "a date of birth"),
        ("NHS no 943 476 5919", "an NHS number"),
        ("ring 07700 900123", "a phone number"),
        ("from jo.bloggs@example.org", "an email address"),
        ("case no. 123456", "a case or ID number"),
        ("LCS ID 88812", "a case or ID number"),
        ("NI AB 12 34 56 C", "a National Insurance number"),
        ("lives at PE1 1XX", "a postcode"),
    ],
)
def test_identifying_details_are_found(text: str, kind: str) -> None:
    assert kind in [k for k, _ in scan_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Audit of 40 contacts, March 2018",
        "Child Protection Plan reviews were timely",
        "the child was seen by the team",
        "Young Person Hub feedback survey, 32 responses",
        "Performance data 2023-24: 1234567890 contacts",  # fails the NHS check digit
        "Mother and baby unit visits",
    ],
)
def test_ordinary_evidence_is_not_flagged(text: str) -> None:
    assert list(scan_text(text)) == []


def test_validate_warns_but_passes_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from selfassess.files.store import save_assessment

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
    assert path.read_bytes() == before
