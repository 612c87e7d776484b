"""``selfassess validate FILE...``: check framework and assessment files, listing every problem."""

from __future__ import annotations

import argparse

from selfassess.commands.common import EXIT_BAD_INPUT, EXIT_OK, Command, Consoles
from selfassess.model.errors import InputError

SHOWN_PER_FILE = 50
"""Problems listed for one file before the rest are counted: a file with thousands of problems
is one that was not meant as a framework or assessment, and a screenful says so."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="assessment or framework files (.toml) to check"
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    from rich.text import Text

    from selfassess.data.linked import check_indicator_links, find_authority
    from selfassess.files.store import load_assessment, read_toml
    from selfassess.model.framework import framework_from_data
    from selfassess.model.privacy import PrivacyWarning, scan_assessment
    from selfassess.views.render import plain

    failed = 0
    warnings: list[tuple[str, PrivacyWarning]] = []
    for name in args.files:
        shown = plain(name, single_line=True)
        try:
            data = read_toml(name)
            if "judgements" in data and "framework" not in data:
                framework = framework_from_data(data, name)
                check_indicator_links(framework, name)
                message = (
                    f"a valid framework: {framework.title}, {len(framework.judgements)} "
                    f"judgements, {len(framework.criteria)} criteria"
                )
            else:
                loaded = load_assessment(name)
                authority = find_authority(loaded.assessment, name)
                warnings.extend((shown, w) for w in scan_assessment(loaded.assessment))
                rated = sum(1 for cid in loaded.framework.criteria if loaded.assessment.rating(cid))
                of = loaded.assessment.authority
                if authority is not None:
                    of = f"{of} ({authority.code}, {authority.name} in the published figures)"
                message = (
                    f"a valid assessment of {of} against "
                    f"{loaded.framework.id}: {rated} of {len(loaded.framework.criteria)} "
                    "criteria rated"
                )
        except InputError as exc:
            failed += 1
            count = len(exc.problems)
            io.err.print(
                Text(f"✗ {shown}: {count} problem{'s' if count != 1 else ''}", style="bold red"),
                soft_wrap=True,
            )
            for problem in exc.problems[:SHOWN_PER_FILE]:
                io.err.print(Text(plain(f"  {shown}: {problem.describe()}")), soft_wrap=True)
            if count > SHOWN_PER_FILE:
                io.err.print(
                    Text(
                        f"  … and {count - SHOWN_PER_FILE} more problems in {shown} "
                        "(fix these first: later ones often follow from them)",
                        style="dim",
                    ),
                    soft_wrap=True,
                )
            continue
        io.out.print(
            Text("✓ ", style="bold green") + Text(plain(f"{shown}: {message}")), soft_wrap=True
        )
    for shown, warning in warnings:
        io.err.print(
            Text("Privacy: ", style="bold yellow") + Text(plain(f"{shown}: {warning.describe()}")),
            soft_wrap=True,
        )
    if warnings:
        io.err.print(Text("These are warnings only: nothing was changed.", style="dim"))
    return EXIT_BAD_INPUT if failed else EXIT_OK


COMMAND = Command(
    "validate", "Check framework or assessment files and list every problem.", add_arguments, run
)
