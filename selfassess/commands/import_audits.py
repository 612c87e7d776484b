"""``selfassess import-audits AUDITS.csv --into FILE``: case audit results as evidence.

A thin shell over ``importer.audit_csv`` (reading the CSV strictly) and ``model.audits``
(merging, summaries). The assessment is written only when every row could be used (or
``--skip-bad-rows`` says to leave the others out), atomically, with the previous version kept
as FILE.bak and the file held (as the app holds it) while it is written. Importing the same file
again changes nothing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from selfassess.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_SOME_FAILED,
    Command,
    Consoles,
    describe_os_error,
    hold,
    iso_date,
)
from selfassess.model.errors import InputError, SelfAssessError

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

    from rich.console import Console

    from selfassess.files.store import Loaded
    from selfassess.importer.audit_csv import AuditRows
    from selfassess.model.audits import MergeCount

PROGRESS_FROM = 2000
"""Rows from which a progress bar shows on stderr (on a terminal)."""

HELP = "Read case audit results (CSV) into an assessment as evidence."
DESCRIPTION = """\
Read a CSV file of case audit results into an assessment: one row per audited case and
criterion (or theme), with the audit date, an audit reference (never a child's name), the
criterion id or a theme of the framework, the grade (outstanding, good, requires improvement,
inadequate, or O/G/RI/I, or 1-4), whether it was moderated, the grade after moderation, and the
auditor's role. Each criterion then holds an audit summary. A row naming a theme is recorded on
every criterion of that theme.

Column names are matched generously ("Audit date", "date_of_audit"…); name others with --map.
`selfassess audit-template` writes a template. Every row must be usable: otherwise each one that
is not is listed with its line and why, and nothing is changed (--skip-bad-rows imports the
rest). A column that looks like names, dates of birth or NHS numbers stops the import.
Importing the same file again changes nothing; a newer file adds its audits.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("audits", metavar="AUDITS.csv", help="the audit results, as CSV")
    parser.add_argument(
        "--into",
        metavar="ASSESSMENT",
        required=True,
        help="the assessment file to add the audits to",
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"COLUMN=FIELD"',
        help="read a column as a field (date, reference, criterion, theme, grade, moderated, "
        "moderated_grade, auditor_role), or ignore it (COLUMN=ignore); repeat as needed",
    )
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the rows that can be used and list the others (exit code 1)",
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="refuse audits dated after this day (default: today)",
    )


def parse_map(items: list[str]) -> dict[str, str]:
    """``["Date done=date"]`` → ``{"Date done": "date"}``; a malformed item is a usage error."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, target = item.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise SelfAssessError(
                f'--map "{item}" is not COLUMN=FIELD (e.g. --map "Date of audit=date")'
            )
        mapping[column.strip()] = target.strip().lower().replace("-", "_").replace(" ", "_")
    return mapping


def run(args: argparse.Namespace, io: Consoles) -> int:
    from pathlib import Path

    from selfassess.files import locking

    mapping = parse_map(args.map)
    target = Path(args.into)
    if target.exists():
        hold(target)
    try:
        return _import(args, io, target, mapping)
    finally:
        locking.release(target)


def _import(args: argparse.Namespace, io: Consoles, target: Path, mapping: dict[str, str]) -> int:
    import datetime

    from rich.text import Text

    from selfassess.files.store import load_assessment, save_assessment
    from selfassess.importer.audit_csv import problems_error
    from selfassess.model.audits import MergeCount, merge_audits
    from selfassess.views.render import plain

    loaded = load_assessment(target)
    today = args.today or datetime.date.today()
    rows = _read(args.audits, loaded, today, mapping, io.err)
    if rows.problems and not args.skip_bad_rows:
        from selfassess.commands.common import print_error

        print_error(io.err, problems_error(args.audits, rows))
        io.err.print(
            Text(
                plain(
                    f"{len(rows.problems)} of {rows.rows} rows cannot be used; nothing was "
                    f"changed in {target}. Correct them and import again, or add "
                    "--skip-bad-rows to import the rest."
                )
            ),
            soft_wrap=True,
        )
        return EXIT_BAD_INPUT
    if rows.used == 0:
        raise InputError.single(args.audits, "has no audits that can be used; nothing was changed")

    assessment = loaded.assessment
    total = MergeCount()
    for cid, audits in rows.audits.items():
        record = assessment.editable_record(cid)
        record.audits, count = merge_audits(record.audits, audits)
        total += count
    out = io.out
    rows_words = "1 audit row" if rows.used == 1 else f"{rows.used} audit rows"
    if total.added or total.updated:
        try:
            saved = save_assessment(assessment, loaded.path, loaded.framework)
        except OSError as exc:
            raise InputError.single(
                loaded.path, f"could not be saved: {describe_os_error(exc)}"
            ) from None
        load_assessment(loaded.path)  # what was written must read back
        out.print(
            Text(plain(f"Imported {rows_words} into {loaded.path}"), style="bold")
            + Text(plain(f" ({_counts(total)})."), style=""),
            soft_wrap=True,
        )
        if saved.backup is not None:
            out.print(Text(plain(f"The previous version is kept as {saved.backup}."), style="dim"))
    else:
        out.print(
            Text(
                plain(
                    f"Nothing to change: the audit row is already in {loaded.path}."
                    if rows.used == 1
                    else f"Nothing to change: all {rows_words} are already in {loaded.path}."
                )
            ),
            soft_wrap=True,
        )
    if rows.encoding != "UTF-8":
        out.print(Text(f"Read as {rows.encoding} text.", style="dim"))
    if rows.ignored:
        ignored = ", ".join(f'"{h}"' for h in rows.ignored)
        out.print(Text(plain(f"Columns not read: {ignored}."), style="dim"), soft_wrap=True)
    from selfassess.views.audits import audit_import_table, questions_block

    out.print(audit_import_table(loaded.framework, assessment, list(rows.audits)))
    questions = questions_block(loaded.framework, assessment)
    if questions is not None:
        out.print(questions)
    if rows.problems:
        from selfassess.commands.common import print_error

        print_error(io.err, problems_error(args.audits, rows))
        io.err.print(
            Text(plain(f"{len(rows.problems)} of {rows.rows} rows were left out (above).")),
            soft_wrap=True,
        )
        return EXIT_SOME_FAILED
    return EXIT_OK


def _counts(count: MergeCount) -> str:
    parts = [f"{count.added} added"]
    if count.updated:
        parts.append(f"{count.updated} corrected")
    if count.unchanged:
        parts.append(f"{count.unchanged} already there")
    return ", ".join(parts) + "; a theme's audit counts once per criterion"


def _read(
    path: str,
    loaded: Loaded,
    today: datetime.date,
    mapping: dict[str, str],
    err: Console,
) -> AuditRows:
    """Read the CSV, with a progress bar on stderr for a big file on a terminal."""
    from pathlib import Path

    from selfassess.importer.audit_csv import read_audits

    if not Path(path).exists():
        raise InputError.single(path, "does not exist")
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError.single(path, f"could not be read: {describe_os_error(exc)}") from None
    if raw.count(b"\n") < PROGRESS_FROM or not err.is_terminal:
        return read_audits(path, loaded.framework, today=today, mapping=mapping, raw=raw)

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("Reading audits"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return read_audits(
            path, loaded.framework, today=today, mapping=mapping, raw=raw, progress=advance
        )


COMMAND = Command("import-audits", HELP, add_arguments, run, description=DESCRIPTION)
