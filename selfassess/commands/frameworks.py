"""``selfassess frameworks``: the frameworks that come with selfassess."""

from __future__ import annotations

import argparse

from selfassess.commands.common import EXIT_OK, Command, Consoles, to_json
from selfassess.model.labels import plain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")


def run(args: argparse.Namespace, io: Consoles) -> int:
    from rich.table import Table
    from rich.text import Text

    from selfassess.files.store import bundled_frameworks
    from selfassess.model.dates import month_year

    frameworks = bundled_frameworks()
    if args.json:
        rows = [
            {
                "id": f.id,
                "version": f.version,
                "title": f.title,
                "caveat": f.caveat.strip(),
                "applies_from": f.applies_from.isoformat(),
                "applies_until": f.applies_until.isoformat() if f.applies_until else None,
                "judgements": f.published_judgement_ids(),
                "criteria": len(f.criteria),
            }
            for f in frameworks.values()
        ]
        io.out.file.write(to_json(rows))
        return EXIT_OK
    table = Table(title="Bundled frameworks", title_justify="left")
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Title")
    table.add_column("For inspections", no_wrap=True)
    table.add_column("Judgements")
    table.add_column("Criteria", justify="right")
    for f in frameworks.values():
        # Two short lines, so that the titles are not cut short in an 80-column terminal
        start = month_year(f.applies_from)
        until = f"{start} to\n{month_year(f.applies_until)}" if f.applies_until else f"from {start}"
        judgements = [f.judgement_label(j) for j in f.published_judgement_ids()]
        title = Text(plain(f.title))
        if f.caveat.strip():  # in full below the table, where it has the width to be read
            title.append("\n(see the note below)", style="italic")
        table.add_row(
            Text(plain(f.id)),
            title,
            until,
            Text("\n".join(judgements)),
            str(len(f.criteria)),
        )
    io.out.print(table)
    for f in frameworks.values():
        if f.caveat.strip():
            note = plain(f.caveat, single_line=True)
            io.out.print(Text.assemble((f"Note on {plain(f.id)}: ", "bold"), note))
    io.out.print("Start one with: selfassess new FILE --framework ID --authority NAME", style="dim")
    return EXIT_OK


COMMAND = Command(
    "frameworks", "List the frameworks that come with selfassess.", add_arguments, run
)
