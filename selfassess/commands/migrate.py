"""``selfassess migrate OLD -o NEW``: carry an assessment over to a newer framework."""

from __future__ import annotations

import argparse
from pathlib import Path

import msgspec

from selfassess.commands.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    Command,
    Consoles,
    check_output,
    describe_os_error,
)
from selfassess.model.errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the assessment to carry over (never changed)")
    parser.add_argument(
        "-o", "--output", required=True, metavar="NEW", help="the new file to write"
    )
    parser.add_argument(
        "--framework",
        metavar="ID",
        help="the framework to move to (default: the current version of its own)",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    from rich.text import Text

    from selfassess.files.store import read_toml, relative_path, resolve_framework, save_assessment
    from selfassess.model.assessment import decode_assessment
    from selfassess.model.migration import migrate
    from selfassess.views.render import plain

    source, output = Path(args.file), Path(args.output)
    if output.exists() and not output.is_dir():
        check_output(output, [source])  # names the clash when NEW is the file itself
        raise InputError.single(
            output,
            "already exists; choose a new file name for the migrated "
            "assessment (the original is never changed)",
        )
    check_output(output, [source], replace=False)
    assessment, problems = decode_assessment(read_toml(source), str(source))
    if assessment is None:
        raise InputError(source, problems)
    target, target_path = resolve_framework(args.framework or assessment.framework)
    framework_file = relative_path(target_path, output.resolve().parent) if target_path else ""
    migrated, report = migrate(assessment, target)
    if not report.kept:
        # Writing a file with nothing in it would look like success: say so, and stop.
        recorded = any(not r.is_empty() for r in assessment.criteria.values())
        if recorded:
            why = (
                f"none of the criteria rated or noted in {source} is a criterion of "
                f"{target.id} {target.version}"
            )
        else:
            why = f"{source} has no ratings, evidence, notes or actions yet"
        io.err.print(
            Text(
                plain(
                    f"Nothing was carried over: {why}. No file was written; {source} is unchanged."
                ),
                style="bold yellow",
            ),
            soft_wrap=True,
        )
        for line in report.dropped:
            io.err.print(Text(plain(f"  • {line}")), soft_wrap=True)
        if not recorded:
            io.err.print(
                Text(
                    plain(f"To start afresh: selfassess new --framework {target.id} FILE ..."),
                    style="dim",
                ),
                soft_wrap=True,
            )
        return EXIT_SOME_FAILED
    migrated = msgspec.structs.replace(migrated, framework_file=framework_file)
    try:
        save_assessment(migrated, output, target)
    except OSError as exc:
        raise InputError.single(output, f"could not be written: {describe_os_error(exc)}") from None
    kept = len(report.kept)
    io.out.print(
        Text(
            plain(
                f"Wrote {output}: {kept} {'criterion' if kept == 1 else 'criteria'} carried "
                f"over to {target.id} {target.version}."
            )
        ),
        soft_wrap=True,
    )
    if report.dropped:
        io.out.print(
            Text(
                plain(
                    f"Could not be carried over ({len(report.dropped)}); they remain in {source}:"
                ),
                style="bold yellow",
            ),
            soft_wrap=True,
        )
        for line in report.dropped:
            io.out.print(Text(plain(f"  • {line}")), soft_wrap=True)
    return EXIT_OK


DESCRIPTION = """\
Carry an assessment over to a newer framework (writes a new file).

Everything recorded against a criterion that the new framework still has is carried over; what
cannot be is listed. The original file is never changed.

Exit status: 0 when the new file was written; 1 when nothing could be carried over (no
criterion rated or noted in the file is in the new framework, or nothing is recorded yet), and
then no file is written; 2 when a file cannot be read or the new file cannot be written.
"""

COMMAND = Command(
    "migrate",
    "Carry an assessment over to a newer framework (writes a new file).",
    add_arguments,
    run,
    DESCRIPTION,
)
