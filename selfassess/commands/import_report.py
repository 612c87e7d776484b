"""The ``import-report`` command: read Ofsted ILACS reports and print or attach what they state.

A thin shell over ``importer`` (reading, batches) and ``linking`` (areas for improvement →
criteria): it parses arguments, prints, and turns errors into ``FILE: message`` lines on stderr.
In a batch (several files, or a folder), a refused report never stops the others: each gets one
line (or JSON line, or CSV row), a progress bar runs on stderr, and a summary closes it. Exit
code 0 when every report was read, 1 when some were refused, 2 when none could be used.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_SOME_FAILED,
    Command,
    Consoles,
    hold,
    to_json,
)
from selfassess.model.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from selfassess.files.store import Loaded
    from selfassess.importer.batch import Outcome
    from selfassess.importer.reports import ImportedReport
    from selfassess.model.framework import Framework


PROGRESS_FROM = 4
"""Show a progress bar (on a terminal) from this many reports."""

HELP = "Read Ofsted ILACS inspection reports (PDF or text) and print or attach their grades."
DESCRIPTION = """\
Read Ofsted reports on local authority children's services (ILACS, 2018 onwards), as PDF or
plain text, and print what each states: the authority, the inspection dates, the lead
inspector, the layout of its judgements, each grade, and the "What needs to improve" items
with their national framework tags. Nothing is guessed: a report that cannot be read is named
with what was missing.

Give files, or folders (their .pdf and .txt files are read). With several reports, each gets
one line, and a summary counts those read and those refused, by reason. --json prints one JSON
object per report; --csv writes one row per report to a file (refused ones with the reason).
Exit code: 0 all read, 1 some refused, 2 none could be used.

With --into, the grades and areas for improvement of one report are attached to an assessment
file (its framework must have the report's judgements), each area linked to the criteria it
concerns.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "reports",
        nargs="+",
        metavar="REPORT",
        help="a report file (.pdf or .txt), or a folder of them",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "--json", action="store_true", help="print one JSON object per report, one per line"
    )
    output.add_argument(
        "--csv", metavar="OUT", help="write one row per report (read or refused) to this CSV file"
    )
    parser.add_argument(
        "--into",
        metavar="ASSESSMENT",
        help="attach the report's grades and areas for improvement to this assessment",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    """Read every report given; print each (or attach one); return the exit code.

    With --into, the assessment is held (as the app holds a file it has open) from before it
    is read until it is saved: a file someone has open in the app is refused, since their next
    save would undo the import, and the app will not open it for editing meanwhile.
    """
    into: str | None = getattr(args, "into", None)
    if not into or not Path(into).exists():
        return _run(args, io)
    from selfassess.files import locking

    target = Path(into)
    try:
        hold(target)
    except InputError as exc:
        _input_error(io.err, exc)
        return EXIT_BAD_INPUT
    try:
        return _run(args, io)
    finally:
        locking.release(target)


def _run(args: argparse.Namespace, io: Consoles) -> int:
    out, err = io.out, io.err
    from selfassess.files.store import bundled_frameworks
    from selfassess.importer.batch import report_files

    names: list[str] = list(args.reports)
    reports = report_files(names)
    into: str | None = getattr(args, "into", None)
    csv_out: str | None = getattr(args, "csv", None)
    batch = len(reports) != 1 or any(Path(name).is_dir() for name in names)
    if into and (len(reports) != 1 or csv_out):
        what = "--csv" if csv_out else f"{len(reports)} given"
        _error(err, "import-report", f"--into takes one report at a time ({what})")
        return EXIT_BAD_INPUT
    if not reports:
        _error(err, "import-report", "no .pdf or .txt files found in " + ", ".join(names))
        return EXIT_BAD_INPUT

    loaded: Loaded | None = None
    try:
        frameworks = list(bundled_frameworks().values())
        if into:
            from selfassess.files.store import load_assessment

            loaded = load_assessment(into)
            # The assessment's own framework first: a council's own framework may print its
            # judgements differently, and a bundled one of the same id is replaced by it.
            frameworks = [loaded.framework, *(f for f in frameworks if f.id != loaded.framework.id)]
        if csv_out:
            from selfassess.commands.common import check_report_output

            csv_target = check_report_output(csv_out, [*names, *reports])
    except InputError as exc:
        _input_error(err, exc)
        return EXIT_BAD_INPUT

    outcomes = _read_all(reports, frameworks, err)
    by_id = {f.id: f for f in frameworks}
    attach_failed = False
    for outcome in outcomes:
        report = outcome.report
        if report is None:
            if outcome.error is not None and not csv_out:
                _input_error(err, outcome.error)
            continue
        if args.json:
            out.print(
                to_json(report.to_json(), indent=None).rstrip("\n"),
                markup=False,
                highlight=False,
                emoji=False,
                soft_wrap=True,
            )
        elif loaded is not None:
            status = _attach(report, by_id[report.framework], loaded, out, err)
            attach_failed = status != EXIT_OK
        elif csv_out:
            pass
        elif batch:
            out.print(_one_line(report), soft_wrap=True)
        else:
            from selfassess.views.imported_report import render_imported_report

            out.print(render_imported_report(report, by_id[report.framework]))

    if csv_out:
        from selfassess.commands.common import write_output

        try:
            write_output(csv_target, _csv_bytes(outcomes), err)
        except InputError as exc:
            _input_error(err, exc)
            return EXIT_BAD_INPUT

    from selfassess.importer.batch import BatchSummary

    summary = BatchSummary.of(outcomes)
    if batch or csv_out:
        from selfassess.views.imported_report import render_batch_summary

        err.print(render_batch_summary(summary.read, summary.refused))
    if summary.read == 0 or attach_failed:
        return EXIT_BAD_INPUT
    return EXIT_SOME_FAILED if summary.refused else EXIT_OK


def _read_all(reports: list[str], frameworks: list[Framework], err: Console) -> list[Outcome]:
    """Read each report in turn, keeping refusals in their place; a progress bar for many."""
    from selfassess.importer.batch import read_reports

    if len(reports) < PROGRESS_FROM or not err.is_terminal:
        return list(read_reports(reports, frameworks))

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from selfassess.views.render import plain

    outcomes: list[Outcome] = []
    with Progress(
        TextColumn("Reading reports"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}", markup=False),
        console=err,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task("", total=len(reports))

        def started(name: str) -> None:
            progress.update(task, description=plain(Path(name).name, single_line=True))

        for outcome in read_reports(reports, frameworks, started):
            outcomes.append(outcome)
            progress.advance(task)
    return outcomes


def _csv_bytes(outcomes: list[Outcome]) -> bytes:
    import csv
    import io

    from selfassess.exports.csv_export import BOM, cell
    from selfassess.importer.batch import outcome_table

    columns, rows = outcome_table(outcomes)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


# --- printing ---------------------------------------------------------------------------------


def _error(err: Console, file: str, message: str) -> None:
    from rich.text import Text

    from selfassess.views.render import plain

    # messages quote the input's own text: no control characters reach the terminal
    err.print(Text(plain(f"{file}: "), style="bold red") + Text(plain(message)), soft_wrap=True)


def _input_error(err: Console, exc: InputError) -> None:
    for problem in exc.problems:
        _error(err, exc.file or "import-report", problem.describe())


def _one_line(report: ImportedReport) -> Text:
    """A report in a batch: file, authority, dates, layout, grades, number of areas."""
    from rich.text import Text

    from selfassess.model.dates import date_range
    from selfassess.views.render import plain

    grades = ", ".join(f"{jid} {grade}" for jid, grade in report.judgements.items())
    text = Text(plain(f"{report.source}:", single_line=True), style="bold")
    text.append(" ")
    text.append(
        plain(
            f"{report.authority}, {date_range(report.inspection_start, report.inspection_end)}, "
            f"{report.framework}: {grades}; {len(report.areas_for_improvement)} to improve",
            single_line=True,
        )
    )
    return text


# --- attaching --------------------------------------------------------------------------------


def _attach(
    report: ImportedReport, layout: Framework, loaded: Loaded, out: Console, err: Console
) -> int:
    """Put the report's grades and areas on the assessment and save it (atomically)."""
    from rich.text import Text

    from selfassess.files.store import save_assessment
    from selfassess.model.assessment import AreaForImprovement, Published
    from selfassess.model.dates import date_range
    from selfassess.model.linking import link_area
    from selfassess.views.imported_report import count, describe_layout, describe_tags
    from selfassess.views.render import plain

    framework, assessment = loaded.framework, loaded.assessment
    expected = framework.published_judgement_ids()
    if set(report.judgements) != set(expected):
        _error(
            err,
            report.source,
            f"has the {layout.id} layout ({describe_layout(layout)}: "
            f"{', '.join(report.judgements)}), but {loaded.path} is an assessment against "
            f"{framework.id} ({describe_layout(framework)}: {', '.join(expected)}); "
            "nothing was changed",
        )
        return EXIT_BAD_INPUT

    # The area's national framework tags help choose among criteria whose words it uses. The
    # criteria's own national framework links are passed here once frameworks record them.
    areas = [
        AreaForImprovement(
            text=text, criteria=link_area(framework, text, tags=report.tags_of(index))
        )
        for index, text in enumerate(report.areas_for_improvement)
    ]
    previous = assessment.published
    replaced = previous is not None and bool(previous.grades)
    same_inspection = previous is not None and (
        (previous.inspection_start, previous.inspection_end)
        == (report.inspection_start, report.inspection_end)
    )
    assessment.published = Published(
        grades={jid: report.judgements[jid] for jid in expected},
        # The report does not print its publication date; keep one recorded for this inspection.
        published=previous.published if previous is not None and same_inspection else None,
        source=Path(report.source).name,
        inspection_start=report.inspection_start,
        inspection_end=report.inspection_end,
        lead_inspector=report.lead_inspector,
        areas_for_improvement=areas,
    )
    try:
        saved = save_assessment(assessment, loaded.path, framework)
    except OSError as exc:
        _error(err, str(loaded.path), f"could not be saved: {exc.strerror or exc}")
        return EXIT_BAD_INPUT

    if not _same_authority(report.local_authority, assessment.authority):
        err.print(
            Text("Note: ", style="bold yellow")
            + Text(
                plain(
                    f'{report.source} is about "{report.local_authority}", but {loaded.path} is '
                    f'for "{assessment.authority}"; check this is the right report.'
                )
            ),
            soft_wrap=True,
        )
    verb = "Replaced the published grades in" if replaced else "Attached to"
    dates = date_range(report.inspection_start, report.inspection_end)
    out.print(
        Text(plain(f"{verb} {loaded.path}: "), style="bold")
        + Text(
            plain(
                f"{count(len(expected), 'grade')} and {count(len(areas), 'area')} for "
                f"improvement from {Path(report.source).name} ({report.local_authority}, {dates})."
            )
        ),
        soft_wrap=True,
    )
    if saved.backup is not None and replaced:
        out.print(
            Text(plain(f"The previous version is kept as {saved.backup}."), style="dim"),
            soft_wrap=True,
        )
    elif saved.backup_problem:
        err.print(
            Text("Note: ", style="bold yellow") + Text(plain(f"{saved.backup_problem}.")),
            soft_wrap=True,
        )
    for jid in expected:
        out.print(
            Text(f"  {plain(framework.judgement_label(jid), single_line=True)}: ")
            + Text(plain(framework.grade_label(report.judgements[jid]), single_line=True)),
            soft_wrap=True,
        )
    out.print(Text("Areas for improvement, linked to criteria:"))
    for n, area in enumerate(areas, start=1):
        out.print(Text(f"{n:>3}. ") + Text(plain(area.text)), soft_wrap=True)
        if report.tags_of(n - 1):
            out.print(Text("       " + describe_tags(report.tags_of(n - 1)), style="dim"))
        if area.criteria:
            for cid in area.criteria:
                out.print(
                    Text(f"       → {cid} ", style="cyan")
                    + Text(plain(framework.criteria[cid].title, single_line=True), style="dim"),
                    soft_wrap=True,
                )
        else:
            out.print(Text("       → no criterion matched; link it by hand", style="yellow"))
    return EXIT_OK


def _same_authority(a: str, b: str) -> bool:
    """Loosely the same council: "Peterborough" and "Peterborough City Council" are."""
    from selfassess.importer.authorities import same_authority
    from selfassess.model.linking import words

    if same_authority(a, b):
        return True
    noise = {
        "council",
        "city",
        "county",
        "borough",
        "metropolitan",
        "district",
        "london",
        "of",
        "the",
        "royal",
        "and",
    }
    wa, wb = set(words(a)) - noise, set(words(b)) - noise
    return not wa or not wb or wa <= wb or wb <= wa


COMMAND = Command("import-report", HELP, add_arguments, run, description=DESCRIPTION)
