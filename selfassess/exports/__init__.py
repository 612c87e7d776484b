"""Reports to share with people who never open a terminal: Markdown, HTML, CSV and Word.

Every format carries the content of ``summary.report_data`` (the terminal report's content);
each lives in its own module, imported only when asked for (python-docx only for Word).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from selfassess.model.errors import SelfAssessError

if TYPE_CHECKING:
    from selfassess.model.actions import ActionList
    from selfassess.model.summary import Summary

REPORT_FORMATS = ("markdown", "html", "csv", "docx")
"""Formats ``export_report`` writes (text and JSON are the CLI's own)."""

ACTION_FORMATS = ("markdown", "html", "csv")
"""Formats ``export_actions`` writes."""


def export_report(summary: Summary, fmt: str, today: datetime.date | None = None) -> bytes:
    """The report in ``fmt`` (markdown, html, csv or docx), as bytes ready to write.

    Evidence is stale or not as of ``today`` when given, else as of the latest date the
    assessment records (``model.staleness.document_day``), so two exports of the same file
    are identical; the document says which day it counts from.
    """
    if fmt == "markdown":
        from selfassess.exports import markdown

        return markdown.render_report(summary, today).encode("utf-8")
    if fmt == "html":
        from selfassess.exports import html

        return html.render_report(summary, today)
    if fmt == "csv":
        from selfassess.exports import csv_export

        return csv_export.render_report(summary, today)
    if fmt == "docx":
        from selfassess.exports import word

        return word.render_report(summary, today)
    raise SelfAssessError(
        f'cannot export a report as "{fmt}" (use one of: {", ".join(REPORT_FORMATS)})'
    )


def export_actions(actions: ActionList, fmt: str) -> bytes:
    """The action list in ``fmt`` (markdown, html or csv), as bytes ready to write."""
    if fmt == "markdown":
        from selfassess.exports import markdown

        return markdown.render_actions(actions).encode("utf-8")
    if fmt == "html":
        from selfassess.exports import html

        return html.render_actions(actions)
    if fmt == "csv":
        from selfassess.exports import csv_export

        return csv_export.render_actions(actions)
    raise SelfAssessError(
        f'cannot export actions as "{fmt}" (use one of: {", ".join(ACTION_FORMATS)})'
    )
