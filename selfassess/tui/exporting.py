"""Reports from the app: the formats offered, their file names, and where a saved one goes.

Besides the report in four formats, the app exports the annual self-evaluation (the Word
document ``selfassess report FILE --format docx --sef`` writes).

The app delivers a report with Textual's ``deliver_binary``: in a browser (``selfassess
serve``) that is a download; in a terminal the user is asked which folder to save it in
(the one used last time is offered), and it is written readable by them only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfassess.model.editing import Draft


@dataclass(frozen=True)
class ReportFormat:
    """A format the report can be exported in."""

    id: str
    """As ``selfassess.exports.export_report`` names it."""
    label: str
    suffix: str
    mime_type: str
    file_tail: str = "report"
    """What the file name adds to the assessment's: ``our-sef-report.docx``."""


REPORT_FORMATS = (
    ReportFormat(
        "docx",
        "Word",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ReportFormat("html", "HTML", ".html", "text/html"),
    ReportFormat("markdown", "Markdown", ".md", "text/markdown"),
    ReportFormat("csv", "CSV", ".csv", "text/csv"),
)
SELF_EVALUATION = ReportFormat(
    "sef",
    "Self-evaluation (Word)",
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    file_tail="self-evaluation",
)
"""The annual self-evaluation document (``selfassess.exports.sef``)."""
FORMAT_BY_ID = {f.id: f for f in (*REPORT_FORMATS, SELF_EVALUATION)}


def build_report(draft: Draft, fmt: str) -> bytes:
    """The report on the assessment as it is now in the app (saved or not), in ``fmt``;
    ``sef`` is the self-evaluation document."""
    from selfassess.model.summary import summarise

    summary = summarise(draft.framework, draft.assessment)
    if fmt == SELF_EVALUATION.id:
        from selfassess.exports.sef import render_sef

        return render_sef(summary)
    from selfassess.exports import export_report

    return export_report(summary, fmt)


def report_filename(path: Path, fmt: str) -> str:
    """``our-sef.toml`` → ``our-sef-report.docx`` (``our-sef-self-evaluation.docx``)."""
    chosen = FORMAT_BY_ID[fmt]
    return f"{path.stem}-{chosen.file_tail}{chosen.suffix}"


def downloads_folder() -> Path:
    """The user's downloads folder: where a report goes unless they choose another."""
    from platformdirs import user_downloads_path

    return user_downloads_path()


def suggested_folder() -> Path:
    """The folder offered for a report: the one used last time, else the downloads folder."""
    from selfassess.files.user_state import export_folder

    return export_folder() or downloads_folder()


def save_report(data: bytes, folder: Path, name: str) -> Path:
    """Write a report in ``folder`` under a free name, readable by the user only (like every
    file selfassess writes: a report names the authority's weaknesses); returns where it went.

    The folder is remembered for next time. Used in a terminal instead of
    ``App.deliver_binary``: Textual 8.2 saves a ``BytesIO`` there in text mode, and the save
    fails. Raises ``OSError`` if it cannot be written.
    """
    from selfassess.files.store import free_name, write_bytes_atomic
    from selfassess.files.user_state import remember_export_folder

    path = free_name(folder / name)
    write_bytes_atomic(path, data, backup=False)
    remember_export_folder(folder)
    return path
