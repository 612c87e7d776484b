"""Reports from the app: the formats offered, their file names, and where a saved one goes.

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
FORMAT_BY_ID = {f.id: f for f in REPORT_FORMATS}


def build_report(draft: Draft, fmt: str) -> bytes:
    """The report on the assessment as it is now in the app (saved or not), in ``fmt``."""
    from selfassess.exports import export_report
    from selfassess.model.summary import summarise

    return export_report(summarise(draft.framework, draft.assessment), fmt)


def report_filename(path: Path, fmt: str) -> str:
    """``our-sef.toml`` → ``our-sef-report.docx``."""
    return f"{path.stem}-report{FORMAT_BY_ID[fmt].suffix}"


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
