"""The report (and the action list) as CSV: one row per criterion (or per action).

UTF-8 with a byte-order mark, because the people who open these files mostly double-click them
into Excel, which reads UTF-8 without one as a legacy code page ("Childrenâ€™s"); Python reads it
with ``encoding="utf-8-sig"``. Lines end with "\\n". A cell that a spreadsheet would run as a
formula (starting ``=``, ``+``, ``-``, ``@``, or their full-width forms ``＝ ＋ － ＠`` that some
spreadsheets take as the same, even after spaces or invisible characters) is prefixed with an
apostrophe.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable

from selfassess.exports import _common as c
from selfassess.model.actions import ActionList
from selfassess.model.staleness import document_day
from selfassess.model.summary import Summary, report_data

BOM = "\ufeff"

REPORT_COLUMNS = (
    "judgement_id",
    "judgement",
    "criterion_id",
    "criterion",
    "limiting",
    "rating",
    "rating_letter",
    "confidence",
    "evidence_count",
    "latest_evidence_date",
    "stale_evidence_count",
    "open_actions",
    "actions",
    "review",
)
"""Column names of ``selfassess report --format csv`` (other tools may rely on them).

``stale_evidence_count``: how many of the criterion's evidence items are older than the
assessment's limit, counted from the same day as every other export (``document_day``)."""

ACTION_COLUMNS = (
    "due",
    "status",
    "overdue",
    "action",
    "owner",
    "criterion_id",
    "criterion",
    "judgement_id",
)

_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(text: str | None) -> str:
    """User text for a spreadsheet cell: one line, and never a formula."""
    value = c.one_line(text)
    start = next((ch for ch in value if not _blank(ch)), "")
    return "'" + value if start.startswith(_FORMULA_START) else value


def _blank(ch: str) -> bool:
    """Spaces and invisible characters, which a spreadsheet may skip before a formula."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _write(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def render_report(summary: Summary, today: datetime.date | None = None) -> bytes:
    """One row per criterion, in the framework's order; evidence is stale or not as of
    ``document_day`` (as in every other export)."""
    fw = summary.framework
    data = report_data(summary, document_day(summary.assessment, today))
    labels = c.judgement_labels(fw)
    rows = []
    for criterion in data["criteria"]:
        mark = c.rating_mark(fw, criterion["rating"])
        dates = [datetime.date.fromisoformat(e["date"]) for e in criterion["evidence"] if e["date"]]
        open_actions = sum(1 for x in criterion["actions"] if x["status"] != "done")
        rows.append(
            (
                cell(criterion["judgement"]),
                cell(labels.get(criterion["judgement"], criterion["judgement"])),
                cell(criterion["id"]),
                cell(criterion["title"]),
                _yes(criterion["limiting"]),
                cell(mark.label),  # the framework's words: a file, like the rest
                cell(mark.letter),
                c.confidence_words(criterion["confidence"]),
                len(criterion["evidence"]),
                max(dates).isoformat() if dates else "",
                sum(1 for e in criterion["evidence"] if e["stale"]),
                open_actions,
                len(criterion["actions"]),
                _yes(criterion["review"]),
            )
        )
    return _write(REPORT_COLUMNS, rows)


def render_actions(actions: ActionList) -> bytes:
    """One row per action, soonest due first."""
    rows = [
        (
            item.due.isoformat() if item.due else "",
            cell(item.status_label),
            _yes(item.overdue),
            cell(item.what),
            cell(item.owner),
            cell(item.criterion),
            cell(item.criterion_title),
            cell(item.judgement),
        )
        for item in actions.items
    ]
    return _write(ACTION_COLUMNS, rows)
