"""`selfassess actions`: every action, soonest due first, overdue ones flagged, in every format."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from share_helpers import Result, write_assessment

from selfassess.files.store import load_assessment
from selfassess.model.actions import actions_data, collect_actions

TODAY = datetime.date(2024, 3, 1)


def test_sorted_by_due_date_undated_last_and_overdue_flagged(sample: Path) -> None:
    loaded = load_assessment(sample)
    actions = collect_actions(loaded.framework, loaded.assessment, TODAY)
    got = [(a.what, a.due, a.status, a.overdue) for a in actions.items]
    assert got == [
        ("Plan template", datetime.date(2023, 11, 30), "done", False),  # done: never overdue
        ('=HYPERLINK("http://example.invalid")', datetime.date(2024, 1, 31), "not_started", True),
        ("Re-audit contacts", datetime.date(2024, 6, 30), "in_progress", False),
        ("Recruit two team managers", None, "not_started", False),
    ]
    assert (actions.open, actions.overdue) == (3, 1)
    assert actions.items[1].criterion_title == "Plans"
    assert actions.items[1].judgement == "help_and_protection"


def test_due_today_is_not_overdue(sample: Path) -> None:
    loaded = load_assessment(sample)
    actions = collect_actions(loaded.framework, loaded.assessment, datetime.date(2024, 1, 31))
    assert actions.overdue == 0
    later = collect_actions(loaded.framework, loaded.assessment, datetime.date(2024, 7, 1))
    assert later.overdue == 2


def test_same_date_keeps_framework_order(tmp_path: Path) -> None:
    body = "".join(
        f'[[criteria.{cid}.actions]]\nwhat = "{what}"\ndue = 2024-05-01\n'
        for cid, what in [("ld-qa", "third"), ("hp-front-door", "first"), ("hp-plans", "second")]
    )
    loaded = load_assessment(write_assessment(tmp_path, "a.toml", body))
    items = collect_actions(loaded.framework, loaded.assessment, TODAY).items
    assert [a.what for a in items] == ["first", "second", "third"]


def test_text_output_flags_overdue_in_words(sample: Path, share: Callable[..., Result]) -> None:
    result = share(["actions", str(sample), "--today", "2024-03-01"])
    assert result.code == 0, result.err
    assert "OVERDUE" in result.out
    assert "4 actions, 3 open, 1 overdue" in result.out
    assert result.out.index("Plan template") < result.out.index("Re-audit contacts")
    assert result.out.index("Re-audit contacts") < result.out.index("Recruit two team managers")
    # printed as typed (the column may fold it after the address)
    assert '=HYPERLINK("http://example.invalid' in result.out


def test_json_output(sample: Path, share: Callable[..., Result]) -> None:
    result = share(["actions", str(sample), "--today", "2024-03-01", "--format", "json"])
    data = json.loads(result.out)
    assert (data["today"], data["total"], data["overdue"]) == ("2024-03-01", 4, 1)
    assert [a["overdue"] for a in data["actions"]] == [False, True, False, False]
    assert data["actions"][3]["due"] is None
    loaded = load_assessment(sample)
    assert data.pop("stale_evidence")["stale_before"] == "2023-03-01"  # see tests/audits
    assert data == actions_data(collect_actions(loaded.framework, loaded.assessment, TODAY))


def test_csv_output(sample: Path, share: Callable[..., Result]) -> None:
    result = share(["actions", str(sample), "--today", "2024-03-01", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.out.lstrip("\ufeff"))))
    assert [r["overdue"] for r in rows] == ["no", "yes", "no", "no"]
    assert rows[1]["action"] == '\'=HYPERLINK("http://example.invalid")'  # never a formula
    assert rows[3]["due"] == ""
    assert rows[2]["status"] == "In progress"


def test_markdown_and_html_output(sample: Path, share: Callable[..., Result]) -> None:
    md = share(["actions", str(sample), "--today", "2024-03-01", "--format", "markdown"]).out
    assert "**OVERDUE** (Not started)" in md
    assert "| Due | Status | Action | Owner | Criterion |" in md

    html = share(["actions", str(sample), "--today", "2024-03-01", "--format", "html"]).out
    texts: list[str] = []
    tags: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            tags.append(tag)

        def handle_data(self, data: str) -> None:
            texts.append(data)

    Parser().feed(html)
    assert "script" not in tags and "link" not in tags
    assert "Overdue" in texts and "Recruit two team managers" in texts
    assert html.count('class="overdue"') == 1


def test_output_file_and_refusing_to_overwrite_the_assessment(
    tmp_path: Path, sample: Path, share: Callable[..., Result]
) -> None:
    out = tmp_path / "actions.html"
    result = share(["actions", str(sample), "--format", "html", "-o", str(out)])
    assert result.code == 0 and result.out == ""
    assert "Wrote" in result.err and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    before = sample.read_bytes()
    result = share(["actions", str(sample), "--format", "csv", "-o", str(sample)])
    assert result.code == 2 and "is one of the files this command reads" in result.err
    assert sample.read_bytes() == before

    text_out = tmp_path / "actions.txt"
    assert share(["actions", str(sample), "-o", str(text_out), "--today", "2024-03-01"]).code == 0
    assert "OVERDUE" in text_out.read_text(encoding="utf-8")


def test_no_actions(tmp_path: Path, share: Callable[..., Result]) -> None:
    path = write_assessment(tmp_path, "blank.toml")
    assert "No actions recorded" in share(["actions", str(path)]).out


def test_bad_today_and_bad_file_are_exit_2(
    tmp_path: Path, sample: Path, share: Callable[..., Result]
) -> None:
    assert share(["actions", str(sample), "--today", "1 March"]).code == 2
    bad = write_assessment(tmp_path, "bad.toml", '[criteria.hp-plans]\nrating = "purple"\n')
    result = share(["actions", str(bad)])
    assert result.code == 2 and "criteria.hp-plans.rating" in result.err
