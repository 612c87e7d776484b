"""The diff, merge, trend and actions views on an 80-column screen: what changed, what a merge
kept, grades over time and overdue actions, with text from the files shown literally."""

from __future__ import annotations

import datetime
import io
import tomllib
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from selfassess.files.store import load_framework
from selfassess.model.actions import collect_actions
from selfassess.model.assessment import (
    Action,
    Assessment,
    CriterionRecord,
    Evidence,
    new_assessment,
)
from selfassess.model.diffing import diff
from selfassess.model.framework import Framework, framework_from_data
from selfassess.model.merging import merge
from selfassess.model.trend import trend
from selfassess.views.actions import actions_table
from selfassess.views.diff import diff_view
from selfassess.views.merge import merge_view
from selfassess.views.trend import trend_view

TINY = Path(__file__).parents[1] / "fixtures" / "tiny-framework.toml"


def shown(renderable: RenderableType, width: int = 80) -> str:
    """What the screen shows; every line must fit it without being cut."""
    console = Console(file=io.StringIO(), width=width)
    console.print(renderable, crop=False)
    out: str = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(cell_len(line) for line in out.splitlines()) <= width
    return out


@pytest.fixture
def fw() -> Framework:
    return load_framework(TINY)


def assessment(fw: Framework, period: str, **records: CriterionRecord) -> Assessment:
    a = new_assessment(fw, "Anytown")
    a.period = period
    a.criteria.update({cid.replace("_", "-"): record for cid, record in records.items()})
    return a


def q1_q2(fw: Framework) -> tuple[Assessment, Assessment]:
    q1 = assessment(
        fw,
        "2024 Q1",
        hp_front_door=CriterionRecord(rating="amber"),
        hp_plans=CriterionRecord(rating="green"),
    )
    q2 = assessment(
        fw,
        "2024 Q2",
        hp_front_door=CriterionRecord(
            rating="green", evidence=[Evidence(what="[bold]MASH[/] data", type="case_audit")]
        ),
        hp_plans=CriterionRecord(
            rating="red",
            actions=[
                Action(what="Plan template", owner="[i]TM[/i]", due=datetime.date(2024, 1, 31))
            ],
        ),
    )
    return q1, q2


def test_diff_lists_each_change_with_its_direction(fw: Framework) -> None:
    q1, q2 = q1_q2(fw)
    out = shown(diff_view(diff((fw, q1), (fw, q2), ("q1.toml", "q2.toml")), fw, fw))
    assert "Changes from q1.toml (2024 Q1, tiny 1) to q2.toml (2024 Q2, tiny 1)" in out
    assert "Ratings declined (1)\n  ▼  G  →  R  Plans  Help and protection" in out
    assert "Ratings improved (1)\n  ▲  A  →  G  Front door decisions  Help and protection" in out
    assert "+ evidence added: [bold]MASH[/] data  (Case audit)" in out


def test_merge_shows_each_conflict_and_what_the_merged_file_keeps(fw: Framework) -> None:
    q1, q2 = q1_q2(fw)
    out = shown(merge_view(merge(fw, [("a.toml", q1), ("b.toml", q2)]), fw, Path("sef.toml")))
    assert out.startswith("Merged 2 files into sef.toml: 2 of 6 criteria have a record.")
    assert "2 conflicts on 2 criteria: the lower rating" in out
    lines = out.splitlines()
    row = next(n for n, line in enumerate(lines) if "Front door decisions" in line)
    assert lines[row].split()[3:] == [
        "rating",
        "a.toml:",
        "Amber",
        "amber",
        "(the",
        "lower),",
        "for",
        "review",
    ]
    assert lines[row + 1].split() == ["b.toml:", "Green"]


def test_trend_shows_each_judgement_over_time_with_arrows(fw: Framework) -> None:
    q1, q2 = q1_q2(fw)
    out = shown(trend_view(trend([("q1.toml", fw, q1), ("q2.toml", fw, q2)])))
    assert "Indicative grades over time: Anytown" in out
    row = next(line for line in out.splitlines() if "Help and protection" in line)
    assert [cell.strip() for cell in row.strip("│").split("│")] == [
        "Help and protection",
        "RI*",
        "I* ▼",
    ]
    assert "* provisional: too few criteria rated" in out


def test_actions_say_overdue_in_words(fw: Framework) -> None:
    _, q2 = q1_q2(fw)
    out = shown(actions_table(collect_actions(fw, q2, datetime.date(2024, 3, 1))))
    assert "1 action, 1 open, 1 overdue (as of 1 March 2024)" in out
    row = next(line for line in out.splitlines() if "Plan template" in line)
    assert row.split() == [
        "31",
        "January",
        "2024",
        "OVERDUE",
        "Plan",
        "template",
        "[i]TM[/i]",
        "Plans",
    ]


def test_titles_from_a_councils_framework_are_literal_in_every_view() -> None:
    data: dict[str, Any] = tomllib.loads(TINY.read_text(encoding="utf-8"))
    data["judgements"][0]["short_title"] = "[red]Help[/] \x1b[7;35mand protection"
    data["judgements"][0]["criteria"][2]["title"] = "[blink]Plans[/]\x07"
    data["grades"] = [
        {"id": "outstanding", "label": "[b]Outstanding[/b]", "short": "O"},
        {"id": "good", "label": "Good", "short": "G"},
        {"id": "requires_improvement", "label": "RI \x1b[2J", "short": "[i]RI[/i]"},
        {"id": "inadequate", "label": "Inadequate", "short": "I"},
    ]
    fw = framework_from_data(data)
    q1, q2 = q1_q2(fw)
    views = [
        diff_view(diff((fw, q1), (fw, q2)), fw, fw),
        merge_view(merge(fw, [("a.toml", q1), ("b.toml", q2)]), fw, Path("sef.toml")),
        trend_view(trend([("q1.toml", fw, q1), ("q2.toml", fw, q2)])),
        actions_table(collect_actions(fw, q2, datetime.date(2024, 3, 1))),
    ]
    for view, expected in zip(
        views,
        ["[red]Help[/] [7;35mand protection", "[blink]Plans[/]", "[i]RI[/i]*", "[blink]Plans[/]"],
        strict=True,
    ):
        console = Console(file=io.StringIO(), width=120, force_terminal=True)
        console.print(view)
        ansi = console.file.getvalue()  # type: ignore[attr-defined]
        assert "\x1b[7;35m" not in ansi and "\x1b[2J" not in ansi and "\x07" not in ansi
        assert expected in shown(view, 120)
