"""The terminal report (``selfassess report``) as a reader sees it on an 80-column screen: the
scorecard's rows, grades beside Ofsted's, coverage, provisional marks, blind spots, the detail
per criterion, and text from files shown literally."""

from __future__ import annotations

import datetime
import io
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from selfassess.files.store import load_assessment, load_framework
from selfassess.model.assessment import (
    Action,
    AreaForImprovement,
    Assessment,
    CriterionRecord,
    Evidence,
    Published,
    new_assessment,
)
from selfassess.model.framework import NOT_APPLICABLE, Framework, framework_from_data
from selfassess.model.summary import summarise
from selfassess.views.report import render_report

ROOT = Path(__file__).parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny-framework.toml"
EXAMPLE = ROOT / "examples" / "peterborough-2018.toml"

BAR = re.compile(r"^[RAGB·–]+$")


def shown(renderable: RenderableType, width: int = 80, *, crop: bool = True) -> str:
    console = Console(file=io.StringIO(), width=width)
    console.print(renderable, crop=crop)
    return console.file.getvalue()  # type: ignore[attr-defined]


def scorecard(out: str) -> list[list[str]]:
    """The scorecard's rows, each cell's wrapped lines joined again."""
    lines = out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Scorecard")))
    rows: list[list[list[str]]] = []
    for line in lines[start + 1 :]:
        if line.startswith("╰"):
            break
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if BAR.match(cells[1]) or cells[1].startswith("derived"):  # a row starts with its bar
            rows.append([[] for _ in cells])
        if rows:
            for parts, cell in zip(rows[-1], cells, strict=True):
                if cell:
                    parts.append(cell)
    return [[" ".join(parts) for parts in row] for row in rows]


@pytest.fixture
def tiny() -> Framework:
    return load_framework(TINY)


def assessment(fw: Framework, **records: CriterionRecord) -> Assessment:
    a = new_assessment(fw, "Anytown")
    a.criteria.update({cid.replace("_", "-"): record for cid, record in records.items()})
    return a


def test_scorecard_rows_show_coverage_and_the_grade_beside_ofsteds(tiny: Framework) -> None:
    a = assessment(
        tiny,
        hp_front_door=CriterionRecord(rating="green"),
        hp_missing=CriterionRecord(rating="green"),
        hp_plans=CriterionRecord(rating="amber"),
        ld_qa=CriterionRecord(rating=NOT_APPLICABLE, na_reason="Commissioned"),
    )
    a.published = Published(grades={"help_and_protection": "requires_improvement"})
    rows = scorecard(shown(render_report(summarise(tiny, a))))
    assert rows == [
        [
            "Help and protection",
            "AAAGGGGGG··· A 1 G 2 3 of 4 rated",
            "Good (provisional)",
            "Requires improvement to be good",
            "one grade more generous than Ofsted",
        ],
        [
            "Impact of leaders",
            "––––––······ N/A 1 1 of 2 rated",
            "No grade yet",
            "—",
            "no published grade",
        ],
        [
            "Overall effectiveness",
            "derived from the others",
            "No grade yet",
            "—",
            "no published grade",
        ],
    ]


def test_a_fully_rated_judgement_is_not_provisional(tiny: Framework) -> None:
    a = assessment(
        tiny, **{cid.replace("-", "_"): CriterionRecord(rating="green") for cid in tiny.criteria}
    )
    a.published = Published(grades={"help_and_protection": "good", "leaders": "good"})
    out = shown(render_report(summarise(tiny, a)))
    assert "provisional" not in out
    assert [row[2:] for row in scorecard(out)[:2]] == [["Good", "Good", "same as Ofsted"]] * 2


def test_blind_spots_name_the_criterion_and_ofsteds_area(tiny: Framework) -> None:
    a = assessment(tiny, hp_missing=CriterionRecord(rating="green"))
    area = "Return interviews for children who go missing"
    a.published = Published(
        grades={"help_and_protection": "good"},
        areas_for_improvement=[AreaForImprovement(text=area, criteria=["hp-missing"])],
    )
    out = shown(render_report(summarise(tiny, a)))
    assert "Possible blind spots — Ofsted named these for improvement" in out
    assert f" G  Return interviews — {area}" in out
    areas = out[out.index("Areas for improvement in the published report:") :]
    assert f"  • {area}" in areas and "     G  Return interviews" in areas


def test_no_blind_spots_is_said_when_the_linked_criteria_are_not_rated_strong(
    tiny: Framework,
) -> None:
    a = assessment(tiny, hp_missing=CriterionRecord(rating="amber"))
    a.published = Published(
        areas_for_improvement=[
            AreaForImprovement(text="Return interviews", criteria=["hp-missing"])
        ]
    )
    out = shown(render_report(summarise(tiny, a)))
    assert "Possible blind spots" not in out
    assert "No blind spots: no criterion linked to Ofsted's areas for improvement" in out


def test_detail_lists_each_criterion_under_its_judgement(tiny: Framework) -> None:
    a = assessment(
        tiny,
        hp_front_door=CriterionRecord(
            rating="green",
            confidence="high",
            evidence=[
                Evidence(
                    what="MASH audit",
                    type="case_audit",
                    date=datetime.date(2024, 3, 1),
                    owner="QA team",
                )
            ],
            notes="Strong front door.\n",
            actions=[Action(what="Re-audit", owner="TM", due=datetime.date(2024, 6, 30))],
        ),
        hp_plans=CriterionRecord(rating="amber", review=True),
        ld_qa=CriterionRecord(rating=NOT_APPLICABLE, na_reason="Commissioned"),
    )
    # as of a day when the evidence is fresh: stale evidence is marked (tests/audits)
    out = shown(render_report(summarise(tiny, a), today=datetime.date(2024, 6, 1)))
    detail = [line.rstrip() for line in out[out.index("◆ = limiting criterion") :].splitlines()]
    assert detail[1].startswith("The experiences and progress of children who need help and")
    assert detail[1].endswith("─") and len(detail[1]) == 80
    assert detail[2:10] == [
        " G  Front door decisions ◆  Green, high confidence",
        "    • MASH audit (Case audit; 1 March 2024; QA team)",
        "    Notes: Strong front door.",
        "    → Action: Re-audit (Not started; TM; due 30 June 2024)",
        " ·  Return interviews  Not rated",
        " A  Plans  Amber  needs review",
        "    No evidence recorded",
        " ·  Assessments  Not rated",
    ]
    assert detail[10].startswith("The impact of leaders on social work practice")
    assert detail[11:13] == [
        " –  Quality assurance  Not applicable",
        "    Why not applicable: Commissioned",
    ]


def test_long_detail_wraps_under_its_indent(tiny: Framework) -> None:
    notes = "Supervision is regular for most social workers, who describe it as reflective. " * 3
    a = assessment(tiny, hp_plans=CriterionRecord(rating="amber", notes=notes))
    out = shown(render_report(summarise(tiny, a)))
    lines = [line.rstrip() for line in out[out.index(" A  Plans") :].splitlines()[2:6]]
    assert lines[0].startswith("    Notes: Supervision is regular")
    assert all(line.startswith("    ") and len(line) <= 80 for line in lines)
    assert " ".join(line.strip() for line in lines).startswith(f"Notes: {notes.strip()}"[:200])


def test_scorecard_only_leaves_out_the_detail(tiny: Framework) -> None:
    out = shown(render_report(summarise(tiny, assessment(tiny)), detail=False))
    assert "Scorecard" in out and "Why these grades" in out
    assert "Detail by criterion" not in out and "Front door decisions" not in out


def hostile_framework() -> Framework:
    data: dict[str, Any] = tomllib.loads(TINY.read_text(encoding="utf-8"))
    data["title"] = "[italic]Tiny[/] \x1b]8;;https://e.invalid\x07framework"
    data["judgements"][0]["title"] = "[bold red]Help[/] \x1b[2Jand protection"
    data["judgements"][0]["short_title"] = "[bold red]Help[/] \x1b[7;35mand protection"
    data["judgements"][0]["criteria"][0]["title"] = "[reverse]Front door[/] \x1b[5m"
    data["overall"]["title"] = "[blink]Overall[/blink] effectiveness"
    return framework_from_data(data)


def test_titles_from_a_councils_framework_are_shown_literally() -> None:
    fw = hostile_framework()
    a = assessment(fw, hp_front_door=CriterionRecord(rating="red"))
    a.published = Published(grades={"help_and_protection": "good"})
    report = render_report(summarise(fw, a))
    out = shown(report, 120)
    for literal in (
        "[italic]Tiny[/] ]8;;https://e.invalidframework",
        "[bold red]Help[/] [2Jand protection",  # the full title, over the detail
        "[bold red]Help[/] [7;35mand protection",  # the short title, in the scorecard
        "[reverse]Front door[/]",
        "[blink]Overall[/blink] effectiveness",
    ):
        assert literal in out, literal
    console = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="truecolor")
    console.print(report)
    ansi = console.file.getvalue()  # type: ignore[attr-defined]
    for sequence in ("\x1b[2J", "\x1b[7;35m", "\x1b[5m", "\x1b]8;"):
        assert sequence not in ansi, repr(sequence)
    assert "\x1b[" in ansi  # the report's own colours are still there


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_the_example_fits_the_screen(width: int) -> None:
    loaded = load_assessment(EXAMPLE)
    out = shown(render_report(summarise(loaded.framework, loaded.assessment)), width, crop=False)
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_the_example_at_80_columns() -> None:
    loaded = load_assessment(EXAMPLE)
    summary = summarise(loaded.framework, loaded.assessment)
    out = shown(render_report(summary, today=datetime.date(2018, 7, 1)))  # evidence still fresh
    assert out.startswith("╭─ selfassess report ─")
    assert "│ Peterborough City Council" in out
    assert [row[0] for row in scorecard(out)] == [
        "Impact of leaders",
        "Help and protection",
        "Children in care and care leavers",
        "Overall effectiveness",
    ]
    assert all(row[2:4] == ["Good", "Good"] for row in scorecard(out))
    # the example's one blind spot: rated green, then named by Ofsted
    assert "Possible blind spots" in out and "Use of chronologies" in out
    criteria = [line for line in out.splitlines() if re.match(r" [RAGB·–]  \S", line)]
    assert len(criteria) == len(loaded.framework.criteria) == 61
