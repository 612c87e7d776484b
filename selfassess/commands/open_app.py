"""``selfassess [FILE]`` / ``selfassess open [FILE]``: the app in the terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from selfassess.commands.common import Command, Consoles


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="the assessment file (.toml)")


def run(args: argparse.Namespace, io: Consoles) -> int:
    from selfassess.tui.app import run_tui

    return run_tui(Path(args.file) if args.file else None)


COMMAND = Command(
    "open", "Open the app, on an assessment file if you give one.", add_arguments, run
)
