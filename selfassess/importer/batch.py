"""Reading many reports at once: the files to read, each one's outcome, and a summary.

A refused report never stops a batch: each file's outcome is either what it states or the
reason it was refused, and the reasons are grouped by kind so that a folder of hundreds of
reports ends with a short account ("12 refused: 7 older single inspection framework
reports, 5 monitoring or other visit letters").
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.importer.files import read_report
from selfassess.importer.reports import ImportedReport
from selfassess.model.errors import InputError, Problem

if TYPE_CHECKING:
    from selfassess.model.framework import Framework

REPORT_SUFFIXES = (".pdf", ".txt")
"""The files taken from a folder; files named one by one are read whatever their name."""

REFUSAL_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("older single inspection framework (SIF) report", ("single inspection framework",)),
    ("visit letter or other document without grades", ("looks like a", "letter")),
    ("password-protected PDF", ("password-protected", "encrypted pdf")),
    ("scanned report with no text", ("no text to read",)),
    (
        "not a report file (missing, too large, damaged, or not PDF or text)",
        (
            "does not exist",
            "is too large",
            "is not an ordinary",
            "is a folder",
            "cannot be read",
            "could not be read as a pdf",
            "is not a pdf",
            "is empty",
            "not a pdf or text",
            "neither a pdf nor",
            "not readable text",
            "could not be read: the pdf",
            "with no pages",
        ),
    ),
    ("a row of the grade table could not be placed", ("could not be placed",)),
    ("grade table not found or not a known layout", ("table of judgement grades", "grade for")),
    ('no "What needs to improve" list', ("what needs to improve",)),
    ("authority, dates or inspector not found", ("local authority name", "inspection dates")),
)
"""Kinds of refusal for the closing summary, each known by words of its message (first match)."""

OTHER_REFUSAL = "other reasons"


def refusal_kind(error: InputError) -> str:
    """The kind of refusal an error is, for grouping in a summary."""
    text = str(error).casefold()
    for kind, markers in REFUSAL_KINDS:
        if any(marker in text for marker in markers):
            return kind
    return OTHER_REFUSAL


def report_files(names: Iterable[str]) -> list[str]:
    """The files to read: each name given, with a folder replaced by its report files.

    A folder gives its ``.pdf`` and ``.txt`` files (not those of folders inside it), in name
    order; anything else named is read as given, so a missing file is reported, not skipped.
    """
    files: list[str] = []
    for name in names:
        folder = Path(name)
        if folder.is_dir():
            found = [
                entry
                for entry in os.scandir(folder)
                if entry.name.lower().endswith(REPORT_SUFFIXES) and not entry.name.startswith(".")
            ]
            files += [os.path.join(name, entry.name) for entry in sorted(found, key=_name_key)]
        else:
            files.append(name)
    return files


def _name_key(entry: os.DirEntry[str]) -> tuple[str, str]:
    return entry.name.casefold(), entry.name


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file of a batch: what it states, or why it was refused."""

    source: str
    report: ImportedReport | None = None
    error: InputError | None = None

    @property
    def kind(self) -> str:
        """ "read", or the kind of refusal."""
        return "read" if self.error is None else refusal_kind(self.error)


PARALLEL_FROM = 8
"""Batches of at least this many reports are shared among the computer's processors: each
report is read on its own, and extracting a PDF's text is the slow part."""


def read_reports(
    files: Sequence[str],
    frameworks: Sequence[Framework],
    done: Callable[[str], None] | None = None,
    *,
    workers: int | None = None,
) -> Iterator[Outcome]:
    """Read each file, yielding the outcomes in the files' order; ``done`` is told each name
    as its outcome is ready. ``workers`` processes share a large batch (default: one per
    processor, at most 8); 1 reads everything here, one file after another."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    if workers > 1 and len(files) >= PARALLEL_FROM:
        yield from _read_in_pool(files, frameworks, done, workers)
        return
    for name in files:
        outcome = _outcome(name, _read_one(name, frameworks))
        if done is not None:
            done(name)
        yield outcome


_Result = ImportedReport | tuple[str | None, list[Problem]]
"""What a worker sends back: the report, or the refusal's file and problems (an InputError
itself does not survive the trip between processes)."""


def _read_one(name: str, frameworks: Sequence[Framework]) -> _Result:
    try:
        return read_report(name, frameworks)
    except InputError as exc:
        return exc.file, exc.problems


def _outcome(name: str, result: _Result) -> Outcome:
    if isinstance(result, ImportedReport):
        return Outcome(name, report=result)
    return Outcome(name, error=InputError(result[0], result[1]))


_worker_frameworks: list[Framework] = []


def _start_worker(frameworks: list[Framework]) -> None:
    _worker_frameworks[:] = frameworks


def _read_in_worker(name: str) -> _Result:
    return _read_one(name, _worker_frameworks)


def _read_in_pool(
    files: Sequence[str],
    frameworks: Sequence[Framework],
    done: Callable[[str], None] | None,
    workers: int,
) -> Iterator[Outcome]:
    """The batch shared among ``workers`` processes; if they cannot be started or one is lost
    (a computer short of memory), the rest are read here, one after another."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    finished = 0
    try:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(list(frameworks),)
        ) as pool:
            results = pool.map(_read_in_worker, files, chunksize=2)
            for name, result in zip(files, results, strict=True):
                if done is not None:
                    done(name)
                finished += 1
                yield _outcome(name, result)
    except (OSError, BrokenProcessPool):
        yield from read_reports(files[finished:], frameworks, done, workers=1)


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """How a batch went: how many were read, and the refusals counted by kind."""

    read: int
    refused: dict[str, int]

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> BatchSummary:
        kinds = Counter(outcome.kind for outcome in outcomes)
        read = kinds.pop("read", 0)
        return cls(read=read, refused=dict(kinds.most_common()))

    @property
    def total(self) -> int:
        return self.read + sum(self.refused.values())


TABLE_COLUMNS = (
    "source",
    "status",
    "authority",
    "local_authority",
    "inspection_start",
    "inspection_end",
    "lead_inspector",
    "framework",
    "leaders",
    "help_and_protection",
    "children_in_care_and_care_leavers",
    "children_in_care",
    "care_leavers",
    "overall",
    "areas_for_improvement",
    "national_framework_tags",
    "reason",
)
"""One row per report (``import-report --csv``). Grades are under the bundled frameworks'
judgement ids; a layout with other judgements (an assessment's own framework) adds its ids
before the last three columns."""


def outcome_table(outcomes: Sequence[Outcome]) -> tuple[list[str], list[list[str]]]:
    """The batch as a table of text: (column names, one row per report)."""
    extra = [
        jid
        for outcome in outcomes
        if outcome.report is not None
        for jid in outcome.report.judgements
        if jid not in TABLE_COLUMNS
    ]
    columns = [*TABLE_COLUMNS[:-3], *dict.fromkeys(extra), *TABLE_COLUMNS[-3:]]
    rows: list[list[str]] = []
    for outcome in outcomes:
        row = dict.fromkeys(columns, "")
        row["source"] = outcome.source
        report = outcome.report
        if report is None:
            problems = outcome.error.problems if outcome.error is not None else []
            row["status"] = "refused"
            row["reason"] = "; ".join(problem.describe() for problem in problems)
        else:
            row |= {
                "status": "read",
                "authority": report.authority,
                "local_authority": report.local_authority,
                "inspection_start": report.inspection_start.isoformat(),
                "inspection_end": report.inspection_end.isoformat(),
                "lead_inspector": report.lead_inspector,
                "framework": report.framework,
                "areas_for_improvement": str(len(report.areas_for_improvement)),
                "national_framework_tags": "; ".join(
                    str(tag) for tags in report.national_framework for tag in tags
                ),
            }
            row |= report.judgements
        rows.append([row[column] for column in columns])
    return columns, rows
