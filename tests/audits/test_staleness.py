"""Stale evidence: the limit, what counts, and where it is shown (report, actions)."""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from selfassess.commands import main
from selfassess.files.store import load_assessment
from selfassess.model.assessment import Assessment, CriterionRecord, Evidence
from selfassess.model.audits import Audit
from selfassess.model.staleness import find_stale, months_before
from selfassess.model.summary import summarise
from selfassess.views.report import render_report
from selfassess.views.staleness import stale_list

EXAMPLE = Path(__file__).parents[2] / "examples" / "peterborough-2018.toml"
D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 12, 1), 12, D(2025, 12, 1)),
        (D(2026, 3, 31), 1, D(2026, 2, 28)),
        (D(2024, 3, 31), 1, D(2024, 2, 29)),
        (D(2026, 1, 15), 13, D(2024, 12, 15)),
    ],
)
def test_months_before(day: datetime.date, months: int, expected: datetime.date) -> None:
    assert months_before(day, months) == expected


def make(records: dict[str, CriterionRecord], months: int = 12) -> Assessment:
    return Assessment(
        framework="ilacs-2018",
        framework_version="1.0",
        authority="Anytown",
        stale_after_months=months,
        criteria=records,
    )


def test_only_stale_evidence_counts_as_rated_but_rests_on_stale() -> None:
    fw = load_assessment(EXAMPLE).framework
    old, new = D(2017, 1, 1), D(2018, 6, 1)
    a = make(
        {
            "hp-neglect": CriterionRecord(
                rating="green",
                evidence=[Evidence(what="Neglect audit", date=old, owner="Head of QA")],
                audits=[Audit(date=old, reference="QA-1", grade="good")],
            ),
            "hp-front-door": CriterionRecord(
                rating="green",
                evidence=[Evidence(what="Old", date=old), Evidence(what="New", date=new)],
            ),
            "hp-early-help": CriterionRecord(rating="green", evidence=[Evidence(what="Undated")]),
        }
    )
    staleness = find_stale(fw, a, D(2018, 7, 1))
    assert staleness.cutoff == D(2017, 7, 1)
    assert staleness.resting == {"help_and_protection": ["hp-neglect"]}
    assert [(i.criterion_id, i.what, i.owner) for i in staleness.items] == [
        ("hp-front-door", "Old", ""),
        ("hp-neglect", "Neglect audit", "Head of QA"),
        ("hp-neglect", "Case audits: 1 of 1 older than 12 months", ""),
    ]
    assert summarise(fw, a).scorecard.judgements[1].rated == 3  # still counts as rated
    # a longer limit makes the same evidence fresh
    assert not find_stale(fw, make(a.criteria, months=24), D(2018, 7, 1)).items


def text_of(renderable: object) -> str:
    console = Console(file=io.StringIO(), width=220, record=True)
    console.print(renderable)
    return " ".join(console.export_text().split())


def test_report_flags_stale_evidence_with_owner_and_in_the_coverage_line() -> None:
    loaded = load_assessment(EXAMPLE)
    text = text_of(
        render_report(summarise(loaded.framework, loaded.assessment), today=D(2019, 6, 1))
    )
    assert "Evidence to refresh" in text
    assert "Evidence dated before 1 June 2018 (older than 12 months) is stale" in text
    # each owner's stale items under their name, oldest first, with the criterion they support
    unboxed = " ".join(text.replace("│", " ").split())
    assert (
        "Director of Children's Services — 5 items, oldest 7 March 2018 "
        "◷ 7 March 2018 Investment decisions for children's services "
        "(Political and corporate support) ◷ 26 March 2018 Evaluation plan"
    ) in unboxed
    stale_box = unboxed.split("Evidence to refresh")[1]
    owners = re.findall(r"[.)] ([^—◷.()]+?) — \d+ items?, oldest", stale_box)
    assert owners[:2] == [
        "Director of Children's Services",
        "Fostering and Adoption Partnership Manager",
    ]
    assert "rest on stale evidence" in text  # the scorecard's coverage line
    assert "(Other; 7 March 2018; ◷ stale; Director of Children's Services" in text  # the detail
    fresh = render_report(summarise(loaded.framework, loaded.assessment), today=D(2018, 7, 1))
    assert "Evidence to refresh" not in text_of(fresh)


def test_stale_list_groups_by_owner_alphabetically_with_nobody_last() -> None:
    fw = load_assessment(EXAMPLE).framework
    old = D(2017, 1, 1)
    a = make(
        {
            "hp-front-door": CriterionRecord(
                rating="green",
                evidence=[
                    Evidence(what="Unowned audit", date=old),
                    Evidence(what="Front door data", date=D(2017, 3, 1), owner="team manager"),
                    Evidence(
                        what="Older front door data", date=D(2016, 5, 1), owner="team manager"
                    ),
                ],
            ),
            "hp-neglect": CriterionRecord(
                rating="red",
                evidence=[Evidence(what="Neglect audit", date=old, owner="Head of QA")],
                audits=[Audit(date=old, reference="QA-1", grade="good", auditor_role="Ann")],
            ),
        }
    )
    text = " ".join(text_of(stale_list(find_stale(fw, a, D(2018, 7, 1)))).split())
    headings = re.findall(r"[.)] ([^—◷().]+?) — (\d+ items?), oldest ([\w ]+?) ◷", text)
    assert headings == [
        ("Auditors: Ann", "1 item", "1 January 2017"),
        ("Head of QA", "1 item", "1 January 2017"),
        ("team manager", "2 items", "1 May 2016"),
        ("No owner recorded", "1 item", "1 January 2017"),
    ]
    assert (
        "◷ 1 May 2016 Older front door data" in text.split("team manager")[1].split("◷ 1 March")[0]
    )


def test_actions_lists_stale_evidence_with_its_owner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    shutil.copy(EXAMPLE, path)
    assert main(["actions", str(path), "--today", "2019-06-01"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Stale evidence" in out and "Refresh these before an inspection" in out
    assert main(["actions", str(path), "--today", "2019-06-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    stale = data["stale_evidence"]
    assert stale["stale_before"] == "2018-06-01"
    assert {"criterion", "what", "date", "owner"} <= set(stale["items"][0])
