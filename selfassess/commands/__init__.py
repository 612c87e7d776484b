"""The ``selfassess`` command line: one module per command, listed once in ``COMMANDS``.

Exit codes: 0 success; 1 a batch where some inputs were refused; 2 bad input or usage, with a
message naming the file and the place on stderr, never a traceback. Each command module imports
what it needs inside ``run``, so ``selfassess report`` never loads the app.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from selfassess import __version__
from selfassess.commands import (
    actions,
    audit_template,
    diff,
    frameworks,
    import_audits,
    import_report,
    merge,
    migrate,
    new,
    open_app,
    peers,
    report,
    serve,
    trend,
    validate,
)
from selfassess.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    ArgumentParser,
    Command,
    Consoles,
    print_error,
)
from selfassess.model.errors import SelfAssessError

COMMANDS: tuple[Command, ...] = (
    open_app.COMMAND,
    serve.COMMAND,
    frameworks.COMMAND,
    new.COMMAND,
    validate.COMMAND,
    report.COMMAND,
    migrate.COMMAND,
    import_report.COMMAND,
    import_audits.COMMAND,
    audit_template.COMMAND,
    actions.COMMAND,
    diff.COMMAND,
    merge.COMMAND,
    trend.COMMAND,
    peers.COMMAND,
)

DESCRIPTION = """\
Self-assess your children's services against an inspection framework (Ofsted's ILACS comes
bundled).

Run `selfassess` on its own to open the app, or `selfassess FILE` to open an
assessment file in it. The other commands work without the app.
"""

EPILOG = """\
Examples:
  selfassess examples/peterborough-2018.toml
  selfassess report examples/peterborough-2018.toml
  selfassess new our-sef.toml --framework ilacs-2026 --authority "Peterborough"
"""


def reflowed(text: str) -> str:
    """A description's paragraphs filled to the terminal's width, so that a narrow terminal never
    cuts a word in two; a paragraph with indented lines (examples) is kept as written."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size().columns, 100) - 2)
    paragraphs = []
    for paragraph in text.strip("\n").split("\n\n"):
        if any(line.startswith(" ") for line in paragraph.splitlines()):
            paragraphs.append(paragraph)
        else:
            paragraphs.append(
                textwrap.fill(
                    " ".join(paragraph.split()),
                    width,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return "\n\n".join(paragraphs) + "\n"


def _mistyped_command(word: str, names: set[str]) -> str | None:
    """The command ``word`` was probably meant to be ("reprot" → "report"), unless it could be
    a file: ``selfassess FILE`` opens (or creates) an assessment, so anything with a dot or a
    folder in it, or that exists, is taken as one."""
    import difflib
    import os

    if "." in word or "/" in word or "\\" in word or os.path.exists(word):
        return None
    close = difflib.get_close_matches(word.lower(), sorted(names), n=1, cutoff=0.75)
    return close[0] if close else None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    from rich_argparse import RawDescriptionRichHelpFormatter

    parser = ArgumentParser(
        prog="selfassess",
        description=reflowed(DESCRIPTION),
        epilog=EPILOG,
        formatter_class=RawDescriptionRichHelpFormatter,
    )
    version = f"selfassess {__version__}"
    parser.add_argument("--version", action="version", version=version)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in COMMANDS:
        sub = subparsers.add_parser(
            command.name,
            help=command.help,
            description=reflowed(command.description or command.help),
            formatter_class=RawDescriptionRichHelpFormatter,
        )
        sub.add_argument("--version", action="version", version=version)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command line (``sys.argv`` by default) and return its exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    names = {command.name for command in COMMANDS}
    # `selfassess` and `selfassess FILE` open the app; everything else is a command.
    if not words or (words[0] not in names and not words[0].startswith("-")):
        mistyped = _mistyped_command(words[0], names) if words else None
        if mistyped is not None:
            from selfassess.views.render import plain

            print(
                f'selfassess: "{plain(words[0], single_line=True)}" is not a command. Did you '
                f'mean "{mistyped}"? (To open an assessment, give its file name, ending '
                ".toml.) See selfassess --help for every command.",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        words = ["open", *words]
    try:
        args = build_parser().parse_args(words)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help and --version exit 0
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    io = Consoles()
    try:
        code: int = args.run(args, io)
    except SelfAssessError as exc:
        print_error(io.err, exc)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        io.err.print("Stopped.")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return code


def run() -> NoReturn:
    """The ``selfassess`` command (and ``python -m selfassess``)."""
    sys.exit(main())
