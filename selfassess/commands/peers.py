"""``selfassess peers FILE_OR_AUTHORITY``: the neighbours' Ofsted grades and the authority's own
inspection history."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.commands.common import (
    EXIT_OK,
    Command,
    Consoles,
    add_text_or_json_arguments,
    emit,
    show,
    to_json,
)

if TYPE_CHECKING:
    from selfassess.data.published import Authority, Dataset


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "target",
        metavar="FILE_OR_AUTHORITY",
        help='an assessment file, or an authority\'s name or code ("Peterborough", 874, E06000031)',
    )
    add_text_or_json_arguments(parser)


def find_authority(data: Dataset, target: str) -> tuple[Authority, list[str]]:
    """The authority an argument means, and the input files it came from (none for a name).

    An assessment file names its authority by ``authority_code`` where it has one, else by
    ``authority`` (``Dataset.for_assessment``); a place that is not found is an error naming the
    file and field.
    """
    path = Path(target)
    if path.is_file() or path.suffix.casefold() == ".toml":
        from selfassess.files.store import load_assessment

        assessment = load_assessment(path).assessment
        return data.for_assessment(assessment.authority, assessment.authority_code, file=path), [
            target
        ]
    return data.find(target), []


def run(args: argparse.Namespace, io: Consoles) -> int:
    from selfassess.data.published import dataset, peers_json

    data = dataset()
    authority, inputs = find_authority(data, args.target)
    if args.format == "json":
        emit(to_json(peers_json(data, authority)), args.output, inputs, io.out, io.err)
    else:
        from selfassess.views.peers import peers_view

        show(peers_view(data, authority), args.output, inputs, io.out, io.err)
    return EXIT_OK


COMMAND = Command(
    "peers",
    "Show the statistical neighbours' Ofsted grades and the authority's inspection history.",
    add_arguments,
    run,
    description="Show an authority's ten statistical neighbours (DfE's 2025 model) with their "
    "latest Ofsted ILACS grades and dates, the authority's own inspection history and the time "
    "since its last full inspection. Give an assessment file or an authority's name or code.",
)
