"""Dates as people read them in every report, and stale evidence flagged wherever it shows
(issues 15 and 18): JSON, Markdown, HTML and Word, as of the day each says."""

from __future__ import annotations

import datetime
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import docx
from share_helpers import SAMPLE, TINY, Result, write_assessment

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LATER = "2025-06-01"
"""A day when the sample's evidence (dated December 2023 to March 2024) is stale."""


def _sample(tmp_path: Path, extra: str = "") -> Path:
    return write_assessment(tmp_path, "sample.toml", extra + SAMPLE)


def _report(share: Callable[..., Result], path: Path, fmt: str, *more: str) -> str:
    """``report`` in a file format (written to a file: these go to stdout's bytes)."""
    out = path.with_name(f"out-{fmt}-{len(more)}.{ {'markdown': 'md'}.get(fmt, fmt) }")
    result = share(["report", str(path), "--format", fmt, "-o", str(out), *more])
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8")


def test_json_marks_stale_evidence_as_of_the_latest_date_the_file_records(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    path = _sample(tmp_path)
    data = json.loads(_report(share, path, "json"))
    stale = data["stale_evidence"]
    # not today: the latest date in the file, so the same file gives the same JSON every day
    assert stale["as_of"] == "2024-03-01"
    assert stale["stale_before"] == "2023-03-01" and stale["items"] == []
    evidence = [e for c in data["criteria"] for e in c["evidence"]]
    assert evidence and all(e["stale"] is False for e in evidence)

    later = json.loads(_report(share, path, "json", "--today", LATER))
    assert later["stale_evidence"]["as_of"] == LATER
    items = later["stale_evidence"]["items"]
    assert [i["what"] for i in items][:1] == ["Return interview audit"]  # oldest first
    assert {"criterion", "what", "date", "owner"} <= set(items[0])
    assert all(e["stale"] for c in later["criteria"] for e in c["evidence"])
    assert later["stale_evidence"]["resting_on_stale"]["help_and_protection"] == [
        "hp-front-door",
        "hp-missing",
    ]


def test_markdown_and_html_list_evidence_to_refresh_with_owners_and_mark_it(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    path = _sample(tmp_path)
    md = _report(share, path, "markdown", "--today", LATER)
    assert "## Evidence to refresh" in md
    assert (
        "Evidence dated before 1 June 2024 (older than 12 months) is stale, as of 1 June 2025."
        in md
    )
    assert "| 1 March 2024 | ◷ \\[bold red\\]Audit\\[/\\] of" in md  # dated, marked, escaped
    assert "| QA team | Front door decisions |" in md  # its owner and criterion
    assert "*no owner recorded*" in md
    assert (
        "(Case audit; 1 March 2024; ◷ stale; QA team; SharePoint | Audits)".replace("|", "\\|")
        in md
    )
    assert "◷ 2 rest on stale evidence" in md  # the scorecard's coverage line

    page = _report(share, path, "html", "--today", LATER)
    assert '<section id="stale">' in page and "<h2>Evidence to refresh</h2>" in page
    assert '<span class="stale"><span aria-hidden="true">◷ </span>stale</span>' in page
    assert '<td data-label="Owner">QA team</td>' in page

    # as of the file's own latest date nothing is stale yet: no section, no marks
    fresh = _report(share, path, "markdown")
    assert "Evidence to refresh" not in fresh and "◷" not in fresh


def test_word_lists_evidence_to_refresh_and_marks_it(tmp_path: Path) -> None:
    from selfassess.exports import word
    from selfassess.files.store import load_assessment
    from selfassess.model.summary import summarise

    loaded = load_assessment(_sample(tmp_path))
    summary = summarise(loaded.framework, loaded.assessment)
    document = docx.Document(io.BytesIO(word.render_report(summary, datetime.date(2025, 6, 1))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Evidence to refresh" in headings
    assert any(p.text.startswith("Evidence dated before 1 June 2024") for p in document.paragraphs)
    refresh = next(t for t in document.tables if t.rows[0].cells[0].text == "Dated")
    rows = [[c.text for c in row.cells] for row in refresh.rows[1:]]
    assert rows[0] == [  # oldest first, the day and month kept together
        "1\u00a0December 2023",
        "◷ Return interview audit",
        "no owner recorded",
        "Return interviews",
    ]
    assert rows[-1][2:] == ["QA team", "Front door decisions"]  # who holds it
    evidence = next(t for t in document.tables if t.rows[0].cells[0].text == "Evidence")
    assert all("◷ stale" in row.cells[2].text for row in evidence.rows[1:])
    # fresh as of the file's own date: nothing flagged
    plain = docx.Document(io.BytesIO(word.render_report(summary)))
    assert not any(p.text == "Evidence to refresh" for p in plain.paragraphs)


def test_shared_action_lists_and_reports_write_long_dates_not_iso(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    path = _sample(tmp_path)
    for fmt in ("markdown", "html"):
        out = share(["actions", str(path), "--today", "2024-03-01", "--format", fmt]).out
        visible = re.sub(r"<[^>]*>", "", out) if fmt == "html" else out
        assert not ISO.search(visible), (fmt, ISO.findall(visible))
        assert "1 March 2024" in visible and "30 June 2024" in visible
    md = _report(share, path, "markdown")
    assert not ISO.search(md), ISO.findall(md)
    assert "due 30 June 2024" in md
    csv_text = share(["actions", str(path), "--today", "2024-03-01", "--format", "csv"]).out
    assert "2024-06-30" in csv_text  # CSV is data: ISO stays


def test_report_header_shows_the_review_date(tmp_path: Path, share: Callable[..., Result]) -> None:
    path = _sample(tmp_path, "review_date = 2026-10-31\n")
    text = share(["report", str(path), "--scorecard-only"]).out
    assert "Review date: 31 October 2026" in text
    md = _report(share, path, "markdown")
    assert "- **Review date:** 31 October 2026" in md
    data = json.loads(_report(share, path, "json"))
    assert data["review_date"] == "2026-10-31"


def test_merge_follows_a_framework_path_written_with_backslashes(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    """A file made on Windows names its framework "..\\fixtures\\tiny.toml": merge must find
    it as opening does (files.store.framework_file_path), not as a file name with backslashes."""
    folder = tmp_path / "in"
    framework = folder / "frameworks" / "tiny.toml"
    framework.parent.mkdir(parents=True)
    framework.write_bytes(TINY.read_bytes())
    files = []
    for name in ("a.toml", "b.toml"):
        path = write_assessment(
            folder, name, '[criteria.hp-plans]\nrating = "amber"\n', framework=framework
        )
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"frameworks/tiny.toml"', '"frameworks\\\\tiny.toml"'))
        files.append(str(path))
    out = tmp_path / "out" / "merged.toml"
    out.parent.mkdir()
    result = share(["merge", *files, "-o", str(out)])
    assert result.code == 0, result.err
    assert f'framework_file = "{os.path.relpath(framework, out.parent)}"' in out.read_text(
        encoding="utf-8"
    )


def test_today_is_typed_as_people_in_england_type_dates(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    path = _sample(tmp_path)
    data = json.loads(_report(share, path, "json", "--today", "1 June 2025"))
    assert data["stale_evidence"]["as_of"] == LATER
    result = share(["actions", str(path), "--today", "01/06/2025"])
    assert result.code == 0 and "as of 1 June 2025" in result.out


def test_the_self_evaluation_is_as_at_the_day_given_and_shows_the_review_date(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    path = _sample(tmp_path, "review_date = 2026-10-31\n")
    out = tmp_path / "sef.docx"
    args = ["report", str(path), "--format", "docx", "--sef", "-o", str(out)]
    assert share([*args, "--today", "2025-06-01"]).code == 0
    lines = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "As at: 1 June 2025" in lines and "Review date: 31 October 2026" in lines
    assert share(args).code == 0  # by default, the latest date the file records
    assert "As at: 1 March 2024" in [p.text for p in docx.Document(str(out)).paragraphs]


def test_csv_counts_stale_evidence_per_criterion_as_of_the_day_it_says(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    import csv

    path = _sample(tmp_path)

    def counts(*more: str) -> dict[str, str]:
        text = _report(share, path, "csv", *more).lstrip("\ufeff")
        return {
            r["criterion_id"]: r["stale_evidence_count"] for r in csv.DictReader(io.StringIO(text))
        }

    fresh = counts()  # as of the latest date the file records: nothing is a year old
    assert set(fresh.values()) == {"0"}
    later = counts("--today", LATER)
    assert later["hp-front-door"] == "2" and later["hp-missing"] == "1"
    assert later["hp-assessments"] == "0"  # no evidence at all is not stale evidence
