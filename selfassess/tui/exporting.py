"""Reports from the app: the formats offered, their file names, and where a saved one goes.

The app delivers a report with Textual's ``deliver_binary``: in a browser (``selfassess
serve``) that is a download; in a terminal the file is saved in the downloads folder.
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
    """Where a report goes when the app runs in a terminal (made if missing)."""
    from platformdirs import user_downloads_path

    folder = user_downloads_path()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_name(folder: Path, name: str) -> str:
    """``name``, or ``stem-2.suffix`` and so on, so that an earlier report is never replaced."""
    candidate = Path(name)
    number = 1
    while (folder / candidate).exists():
        number += 1
        candidate = Path(f"{Path(name).stem}-{number}{Path(name).suffix}")
    return candidate.name


def save_in_downloads(data: bytes, name: str) -> Path:
    """Write a report in the downloads folder under a free name; returns where it went.

    Used in a terminal instead of ``App.deliver_binary``: Textual 8.2 saves a ``BytesIO`` there
    in text mode, and the save fails.
    """
    folder = downloads_folder()
    path = folder / free_name(folder, name)
    path.write_bytes(data)
    return path
