"""``selfassess diff OLD NEW``: what changed between two assessments."""

from __future__ import annotations

import argparse

from selfassess.commands.common import (
    EXIT_OK,
    Command,
    Consoles,
    add_text_or_json_arguments,
    display_names,
    emit,
    load_all,
    show,
    to_json,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier assessment file")
    parser.add_argument("new", metavar="NEW", help="the later assessment file")
    add_text_or_json_arguments(parser)


def run(args: argparse.Namespace, io: Consoles) -> int:
    from selfassess.model.diffing import diff, diff_data

    inputs = [args.old, args.new]
    old, new = load_all(inputs, io.err, "Reading")
    names = display_names(inputs)
    d = diff((old.framework, old.assessment), (new.framework, new.assessment), (names[0], names[1]))
    if args.format == "json":
        emit(
            to_json(diff_data(d, old.framework, new.framework)), args.output, inputs, io.out, io.err
        )
    else:
        from selfassess.views.diff import diff_view

        show(diff_view(d, old.framework, new.framework), args.output, inputs, io.out, io.err)
    return EXIT_OK


COMMAND = Command(
    "diff",
    "Show what changed between two assessments.",
    add_arguments,
    run,
    description="Show what changed from OLD to NEW: ratings improved or declined, criteria newly "
    "rated or cleared, evidence and actions added or removed, and grade changes. "
    "Works across framework versions for criteria whose ids persist.",
)
