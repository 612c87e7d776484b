"""``selfassess trend FILE...``: each judgement's indicative grade over time."""

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
    parser.add_argument("files", nargs="+", metavar="FILE", help="the assessment files")
    add_text_or_json_arguments(parser)


def run(args: argparse.Namespace, io: Consoles) -> int:
    from selfassess.model.trend import trend, trend_data

    loaded = load_all(args.files, io.err, "Scoring")
    names = display_names(args.files)
    t = trend([(n, x.framework, x.assessment) for n, x in zip(names, loaded, strict=True)])
    if args.format == "json":
        emit(to_json(trend_data(t)), args.output, args.files, io.out, io.err)
    else:
        from selfassess.views.trend import trend_view

        show(trend_view(t), args.output, args.files, io.out, io.err)
    return EXIT_OK


COMMAND = Command(
    "trend",
    "Show each judgement's indicative grade across assessments over time.",
    add_arguments,
    run,
    description="Show each judgement's indicative grade across several assessment files, in "
    "order of their period, then of the order given.",
)
