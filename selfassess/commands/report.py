"""``selfassess report FILE``: the scorecard and the detail, for the screen, a file or a tool."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from selfassess.commands.common import (
    EXIT_OK,
    Command,
    Consoles,
    check_report_output,
    iso_date,
    positive_int,
    to_json,
    write_output,
)
from selfassess.model.errors import SelfAssessError

FORMATS = ("text", "json", "markdown", "html", "csv", "docx")
ALIASES = {"md": "markdown", "word": "docx", "htm": "html"}
"""Other names people type for a format (the file endings they know)."""


def format_name(text: str) -> str:
    """``--format``'s value: a format, or another name for one ("md" for markdown)."""
    lowered = text.strip().lower()
    return ALIASES.get(lowered, lowered)


SUFFIXES = {
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".json": "json",
}


def format_for(output: str | None) -> str:
    """The format a file name asks for by its ending (report.docx: Word); text otherwise."""
    if not output:
        return "text"
    return SUFFIXES.get(Path(output).suffix.lower(), "text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the assessment file")
    parser.add_argument(
        "--format",
        type=format_name,
        choices=FORMATS,
        help="text for the screen; json for other tools; markdown, html, csv or docx (Word, "
        "needs -o) to share. Default: from the -o file's ending (.docx, .html, .md, .csv, "
        ".json), else text",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file instead of the screen"
    )
    parser.add_argument(
        "--scorecard-only", action="store_true", help="leave out the detail per criterion"
    )
    parser.add_argument("--width", type=positive_int, metavar="N", help="page width in characters")
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="DATE",
        help="count evidence as stale from this day (e.g. 31/10/2026 or 2026-10-31). Default: "
        "on the screen (text), today; in files (json, markdown, html, docx, --sef), the latest "
        "date the assessment records, so two exports of the same file are identical",
    )
    parser.add_argument(
        "--sef",
        action="store_true",
        help="with --format docx: write the annual self-evaluation (the framework's three "
        "questions, judgement by judgement) instead of the report",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    from selfassess.files.store import framework_file_path, load_assessment
    from selfassess.model.summary import summarise

    if args.output == "-":
        args.output = None
    if args.format is None:
        args.format = format_for(args.output)
    if getattr(args, "sef", False) and args.format != "docx":
        raise SelfAssessError("--sef writes a Word document: add --format docx -o sef.docx")
    if args.format == "docx" and not args.output:
        raise SelfAssessError("a Word document needs a file name: add -o report.docx")
    target = check_report_output(args.output, [args.file]) if args.output else None
    loaded = load_assessment(args.file)
    if target is not None and loaded.assessment.framework_file:
        framework_path = framework_file_path(loaded.path, loaded.assessment.framework_file)
        target = check_report_output(target, [args.file, framework_path])
    summary = summarise(loaded.framework, loaded.assessment)
    today = getattr(args, "today", None)
    figures = None
    if loaded.assessment.authority_code.strip() and args.format in ("text", "json"):
        from selfassess.data.linked import linked_figures

        figures = linked_figures(loaded.framework, loaded.assessment, file=loaded.path)
    if args.format == "text":
        from selfassess.views.report import render_report

        block = None
        if figures is not None:
            from selfassess.views.figures import figures_block

            ratings = {cid: loaded.assessment.rating(cid) for cid in loaded.framework.criteria}
            block = figures_block(loaded.framework, ratings, figures)
        renderable = render_report(
            summary, detail=not args.scorecard_only, today=today, figures=block
        )
        if target is None:
            if args.width:
                io.out.width = args.width
            io.out.print(renderable)
            return EXIT_OK
        import io as _io

        from rich.console import Console

        console = Console(record=True, width=args.width or 120, file=_io.StringIO())
        console.print(renderable)
        data = console.export_text().encode("utf-8")
    elif args.format == "json":
        from selfassess.data.linked import report_json
        from selfassess.model.staleness import document_day
        from selfassess.model.summary import report_data

        payload = report_data(summary, document_day(loaded.assessment, today))
        payload.update(report_json(figures, loaded.assessment))
        data = to_json(payload).encode("utf-8")
    elif getattr(args, "sef", False):
        from selfassess.exports.sef import render_sef

        data = render_sef(summary, today)
    else:
        from selfassess.exports import export_report

        data = export_report(summary, args.format, today)
    if target is not None:
        write_output(target, data, io.err)
    else:
        stdout = sys.stdout
        if hasattr(stdout, "buffer"):
            stdout.buffer.write(data)
        else:
            stdout.write(data.decode("utf-8"))
        stdout.flush()
    return EXIT_OK


COMMAND = Command("report", "Print the scorecard and the detail per criterion.", add_arguments, run)
