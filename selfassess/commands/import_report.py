"""The ``import-report`` command: read Ofsted ILACS reports and print or attach what they state.

A thin shell over ``importer`` (reading) and ``linking`` (areas for improvement → criteria):
it parses arguments, prints, and turns errors into ``FILE: message`` lines on stderr with exit
code 2. In a batch, one bad file does not stop the others.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.commands.common import EXIT_BAD_INPUT, EXIT_OK, Command, Consoles
from selfassess.model.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from selfassess.files.store import Loaded
    from selfassess.importer.reports import ImportedReport
    from selfassess.model.framework import Framework


PROGRESS_FROM = 4
"""Show a progress bar (on a terminal) from this many reports."""

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

HELP = "Read Ofsted ILACS inspection reports (PDF or text) and print or attach their grades."
DESCRIPTION = """\
Read Ofsted reports on local authority children's services (ILACS, 2018 onwards), as PDF or
plain text, and print what each states: the authority, the inspection dates, the lead
inspector, the layout of its judgements, each grade, and the "What needs to improve" items.
Nothing is guessed: a report that cannot be read is named with what was missing.

With --into, the grades and areas for improvement are attached to an assessment file (its
framework must have the report's judgements), each area linked to the criteria it concerns.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("reports", nargs="+", metavar="REPORT", help="a report file (.pdf or .txt)")
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per report, one per line"
    )
    parser.add_argument(
        "--into",
        metavar="ASSESSMENT",
        help="attach the report's grades and areas for improvement to this assessment",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    """Read every report given; print each (or attach one); return the exit code."""
    out, err = io.out, io.err
    from selfassess.files.store import bundled_frameworks

    reports: list[str] = list(args.reports)
    into: str | None = getattr(args, "into", None)
    if into and len(reports) != 1:
        _error(err, "import-report", f"--into takes one report at a time ({len(reports)} given)")
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
    except InputError as exc:
        _input_error(err, exc)
        return EXIT_BAD_INPUT

    results = _read_all(reports, frameworks, err)
    by_id = {f.id: f for f in frameworks}
    failed = False
    for report in results:
        if isinstance(report, InputError):
            _input_error(err, report)
            failed = True
            continue
        if args.json:
            out.print(
                json.dumps(report.to_json(), ensure_ascii=False),
                markup=False,
                highlight=False,
                emoji=False,
                soft_wrap=True,
            )
        elif not loaded:
            out.print(render_report(report, by_id[report.framework]))
        if loaded is not None:
            status = _attach(
                report, by_id[report.framework], loaded, out if not args.json else err, err
            )
            failed = failed or status != EXIT_OK
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _read_all(
    reports: list[str], frameworks: list[Framework], err: Console
) -> list[ImportedReport | InputError]:
    """Read each report in turn, keeping errors in their place; a progress bar for many."""
    from selfassess.importer.reports import read_report

    def read(path: str) -> ImportedReport | InputError:
        try:
            return read_report(path, frameworks)
        except InputError as exc:
            return exc

    if len(reports) < PROGRESS_FROM or not err.is_terminal:
        return [read(path) for path in reports]

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    results: list[ImportedReport | InputError] = []
    with Progress(
        TextColumn("Reading reports"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task("", total=len(reports))
        for path in reports:
            progress.update(task, description=Path(path).name)
            results.append(read(path))
            progress.advance(task)
    return results


# --- printing ---------------------------------------------------------------------------------


def _error(err: Console, file: str, message: str) -> None:
    from rich.text import Text

    from selfassess.views.render import plain

    # messages quote the input's own text: no control characters reach the terminal
    err.print(Text(plain(f"{file}: "), style="bold red") + Text(plain(message)), soft_wrap=True)


def _input_error(err: Console, exc: InputError) -> None:
    for problem in exc.problems:
        _error(err, exc.file or "import-report", problem.describe())


def _count(n: int, noun: str) -> str:
    word = _NUMBERS[n] if n < len(_NUMBERS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


def describe_layout(framework: Framework) -> str:
    """E.g. "three judgements plus overall effectiveness" or "four judgements, no overall"."""
    judgements = _count(len(framework.judgements), "judgement")
    if framework.overall is not None:
        return f"{judgements} plus {framework.overall.title.lower()}"
    return f"{judgements}, no overall effectiveness"


def _period(framework: Framework) -> str:
    """The inspections a framework is for, e.g. "January 2018 to December 2022"."""
    from selfassess.model.dates import month_year

    start = month_year(framework.applies_from)
    if framework.applies_until is None:
        return f"from {start}"
    return f"{start} to {month_year(framework.applies_until)}"


def _dates(report: ImportedReport) -> str:
    from selfassess.model.dates import date_range

    return date_range(report.inspection_start, report.inspection_end)


def render_report(report: ImportedReport, framework: Framework) -> RenderableType:
    """What one report states, for the screen."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    lines: list[RenderableType] = [
        Text(report.source, style="dim"),
        Text(report.local_authority, style="bold"),
        Text(
            f"Inspected {_dates(report)}"
            + (f" · lead inspector {report.lead_inspector}" if report.lead_inspector else "")
        ),
        Text(f"Layout: {_period(framework)} — {describe_layout(framework)} ({framework.id})"),
    ]
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2, 0, 0))
    table.add_column("Judgement")
    table.add_column("Grade", no_wrap=True)
    for jid, grade_id in report.judgements.items():
        grade = framework.grade_by_id.get(grade_id)
        label = Text(framework.grade_label(grade_id), style=grade.colour if grade else "")
        table.add_row(Text(report.titles.get(jid) or framework.published_title(jid)), label)
    lines += [
        Text(""),
        table,
        Text(""),
        Text(f"What needs to improve ({len(report.areas_for_improvement)})", style="bold"),
    ]
    areas = Table.grid(padding=(0, 1, 0, 0))
    areas.add_column(justify="right", no_wrap=True)
    areas.add_column()
    for n, area in enumerate(report.areas_for_improvement, start=1):
        areas.add_row(f"{n}.", Text(area))
    lines += [areas, Text("")]
    return Group(*lines)


# --- attaching --------------------------------------------------------------------------------


def _attach(
    report: ImportedReport, layout: Framework, loaded: Loaded, out: Console, err: Console
) -> int:
    """Put the report's grades and areas on the assessment and save it (atomically)."""
    from rich.text import Text

    from selfassess.files.store import save_assessment
    from selfassess.model.assessment import AreaForImprovement, Published
    from selfassess.model.linking import link_area

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

    areas = [
        AreaForImprovement(text=text, criteria=link_area(framework, text))
        for text in report.areas_for_improvement
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
        save_assessment(assessment, loaded.path, framework)
    except OSError as exc:
        _error(err, str(loaded.path), f"could not be saved: {exc.strerror or exc}")
        return EXIT_BAD_INPUT

    if not _same_authority(report.local_authority, assessment.authority):
        err.print(
            Text("Note: ", style="bold yellow")
            + Text(
                f'{report.source} is about "{report.local_authority}", but {loaded.path} is for '
                f'"{assessment.authority}"; check this is the right report.'
            ),
            soft_wrap=True,
        )
    verb = "Replaced the published grades in" if replaced else "Attached to"
    out.print(
        Text(f"{verb} {loaded.path}: ", style="bold")
        + Text(
            f"{_count(len(expected), 'grade')} and {_count(len(areas), 'area')} for improvement "
            f"from {Path(report.source).name} ({report.local_authority}, {_dates(report)})."
        ),
        soft_wrap=True,
    )
    if replaced:
        out.print(
            Text(f"The previous version is kept as {loaded.path}.bak.", style="dim"),
            soft_wrap=True,
        )
    for jid in expected:
        out.print(
            Text(f"  {framework.published_label(jid)}: ")
            + Text(framework.grade_label(report.judgements[jid])),
            soft_wrap=True,
        )
    out.print(Text("Areas for improvement, linked to criteria:"))
    for n, area in enumerate(areas, start=1):
        out.print(Text(f"{n:>3}. ") + Text(area.text), soft_wrap=True)
        if area.criteria:
            for cid in area.criteria:
                out.print(
                    Text(f"       → {cid} ", style="cyan")
                    + Text(framework.criteria[cid].title, style="dim"),
                    soft_wrap=True,
                )
        else:
            out.print(Text("       → no criterion matched; link it by hand", style="yellow"))
    return EXIT_OK


def _same_authority(a: str, b: str) -> bool:
    """Loosely the same council: "Peterborough" and "Peterborough City Council" are."""
    from selfassess.model.linking import words

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
