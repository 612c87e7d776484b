"""``selfassess new FILE``: a new, blank assessment file."""

from __future__ import annotations

import argparse
from pathlib import Path

from selfassess.commands.common import EXIT_OK, Command, Consoles, check_output, describe_os_error
from selfassess.model.errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to create, e.g. our-sef-2026.toml")
    parser.add_argument(
        "--framework",
        required=True,
        metavar="ID",
        help="a bundled framework id (see `selfassess frameworks`) or a framework file",
    )
    parser.add_argument(
        "--authority", required=True, metavar="NAME", help="your local authority's name"
    )
    parser.add_argument("--period", metavar="TEXT", help='the period assessed, e.g. "2026-27 Q1"')
    parser.add_argument(
        "--assessor",
        action="append",
        metavar="NAME",
        help="someone taking part (repeat for several)",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    from rich.text import Text

    from selfassess.files.store import relative_path, resolve_framework, save_assessment
    from selfassess.model.assessment import new_assessment
    from selfassess.views.render import plain

    path = Path(args.file)
    if path.exists() or path.is_symlink():
        raise InputError.single(
            path,
            "already exists; selfassess never overwrites a file with a new "
            "assessment. Choose another name, or open it with: "
            f"selfassess {path}",
        )
    check_output(path, [], replace=False)
    framework, framework_path = resolve_framework(args.framework)
    framework_file = ""
    if framework_path:
        framework_file = relative_path(framework_path, path.resolve().parent)
    authority = " ".join(args.authority.split())
    if not authority:
        raise InputError.single(None, "the authority's name (--authority) must not be empty")
    assessment = new_assessment(
        framework,
        authority,
        period=args.period or "",
        assessors=args.assessor or [],
        framework_file=framework_file,
    )
    try:
        save_assessment(assessment, path, framework)
    except OSError as exc:
        raise InputError.single(path, f"could not be created: {describe_os_error(exc)}") from None
    io.out.print(
        Text(
            plain(
                f"Created {path} — {len(framework.criteria)} criteria of {framework.title} to rate."
            )
        ),
        soft_wrap=True,
    )
    io.out.print(Text(plain(f"Open it with: selfassess {path}"), style="dim"), soft_wrap=True)
    return EXIT_OK


COMMAND = Command("new", "Create a new, blank assessment file.", add_arguments, run)
