"""``selfassess actions FILE``: every action, soonest due first, overdue ones flagged."""

from __future__ import annotations

import argparse

from selfassess.commands.common import EXIT_OK, Command, Consoles, emit, iso_date, show, to_json

FORMATS = ("text", "json", "csv", "markdown", "html")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the assessment file")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default) for the screen; json for other tools; csv, markdown or html to share",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file instead of the screen"
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="count as overdue what is due before this date, and evidence as stale from it "
        "(default: today)",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    import datetime

    from selfassess.files.store import load_assessment
    from selfassess.model.actions import actions_data, collect_actions
    from selfassess.model.staleness import find_stale, staleness_data

    loaded = load_assessment(args.file)
    today = args.today or datetime.date.today()
    actions = collect_actions(loaded.framework, loaded.assessment, today)
    stale = find_stale(loaded.framework, loaded.assessment, today)
    inputs = [args.file]
    if args.format == "json":
        data = {**actions_data(actions), "stale_evidence": staleness_data(stale)}
        emit(to_json(data), args.output, inputs, io.out, io.err)
    elif args.format == "text":
        from rich.console import Group
        from rich.text import Text

        from selfassess.views.actions import actions_table
        from selfassess.views.staleness import stale_list

        view = Group(actions_table(actions), Text(""), stale_list(stale))
        show(view, args.output, inputs, io.out, io.err)
    else:
        from selfassess.exports import export_actions

        emit(export_actions(actions, args.format), args.output, inputs, io.out, io.err)
    return EXIT_OK


COMMAND = Command(
    "actions",
    "List every action: owner, due date, status; overdue ones flagged.",
    add_arguments,
    run,
    description="List every action of an assessment, soonest due first (undated last). An "
    "action due before today and not done is flagged as overdue.",
)
