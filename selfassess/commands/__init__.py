"""The ``selfassess`` command: a thin shell over the core that parses arguments and prints.

Exit codes: 0 success, 2 bad input or usage (with a message naming the file and the place on
stderr, never a traceback). Modules are imported inside each command so that, for example,
``selfassess report`` never imports Textual.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from selfassess import __version__
from selfassess.model.errors import InputError, SelfAssessError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_BAD_INPUT = 2

COMMANDS = (
    "open",
    "frameworks",
    "new",
    "validate",
    "report",
    "migrate",
    "import-report",
    "actions",
    "diff",
    "merge",
    "trend",
    "serve",
)
SHARE_COMMANDS = ("actions", "diff", "merge", "trend")
"""Commands defined in ``cli_share``."""
LASTING_COMMANDS = ("open", "serve", "import-report")
"""Commands that run on (the app, the web server) or read many large files: they collect
garbage as usual (see ``main``)."""

DESCRIPTION = """\
Self-assess your children's services against Ofsted's ILACS framework.

Run [bold]selfassess[/] on its own to open the app, or [bold]selfassess FILE[/] to open an
assessment file in it. The other commands work without the app.
"""


class _Consoles:
    """Standard output and standard error consoles, made on first use."""

    def __init__(self) -> None:
        self._out: Console | None = None
        self._err: Console | None = None

    @property
    def out(self) -> Console:
        if self._out is None:
            from rich.console import Console

            self._out = Console(emoji=False)
        return self._out

    @property
    def err(self) -> Console:
        if self._err is None:
            from rich.console import Console

            self._err = Console(stderr=True, emoji=False)
        return self._err


def print_error(err: Console, exc: SelfAssessError) -> None:
    """A user-level error: every problem on its own line, file and place first.

    Messages quote the file's own text (a misspelt key, a bad value), so control characters are
    removed: a hostile file must not be able to send escape sequences to the terminal.
    """
    from rich.text import Text

    from selfassess.views.render import plain

    if isinstance(exc, InputError):
        for line in exc.summary().splitlines():
            err.print(Text("Error: ", style="bold red") + Text(plain(line)), soft_wrap=True)
    else:
        err.print(Text("Error: ", style="bold red") + Text(plain(str(exc))), soft_wrap=True)


# --- commands ---------------------------------------------------------------------------------


def cmd_frameworks(args: argparse.Namespace, io: _Consoles) -> int:
    from rich.table import Table
    from rich.text import Text

    from selfassess.files.store import bundled_frameworks

    frameworks = bundled_frameworks()
    if args.json:
        import json

        rows = [
            {
                "id": f.id,
                "version": f.version,
                "title": f.title,
                "applies_from": f.applies_from.isoformat(),
                "applies_until": f.applies_until.isoformat() if f.applies_until else None,
                "judgements": f.published_judgement_ids(),
                "criteria": len(f.criteria),
            }
            for f in frameworks.values()
        ]
        io.out.print_json(json.dumps(rows))
        return EXIT_OK
    table = Table(title="Bundled frameworks", title_justify="left")
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Title")
    table.add_column("For inspections", no_wrap=True)
    table.add_column("Judgements")
    table.add_column("Criteria", justify="right")
    for f in frameworks.values():
        until = f"{f.applies_until:%b %Y}" if f.applies_until else "now"
        judgements = [f.published_label(j) for j in f.published_judgement_ids()]
        table.add_row(
            f.id,
            Text(f.title),
            f"{f.applies_from:%b %Y} – {until}",
            Text("\n".join(judgements)),
            str(len(f.criteria)),
        )
    io.out.print(table)
    io.out.print("Start one with: selfassess new FILE --framework ID --authority NAME", style="dim")
    return EXIT_OK


def cmd_new(args: argparse.Namespace, io: _Consoles) -> int:
    from selfassess.model.assessment import new_assessment
    from selfassess.files.store import relative_path, resolve_framework, save_assessment

    path = Path(args.file)
    if path.exists():
        raise InputError.single(
            path,
            "already exists; selfassess never overwrites a file with a new "
            "assessment. Choose another name, or open it with: "
            f"selfassess {path}",
        )
    if not path.parent.is_dir():
        raise InputError.single(path, f"cannot be created: the folder {path.parent} does not exist")
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
    save_assessment(assessment, path, framework)
    io.out.print(
        f"Created {path} — {len(framework.criteria)} criteria of {framework.title} to rate."
    )
    io.out.print(f"Open it with: selfassess {path}", style="dim")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, io: _Consoles) -> int:
    from rich.text import Text

    from selfassess.model.framework import framework_from_data
    from selfassess.model.privacy import scan_assessment
    from selfassess.views.render import plain
    from selfassess.files.store import load_assessment, read_toml

    failed = 0
    warnings = []
    for name in args.files:
        try:
            data = read_toml(name)
            if "judgements" in data and "framework" not in data:
                framework = framework_from_data(data, name)
                message = (
                    f"a valid framework: {framework.title}, {len(framework.judgements)} "
                    f"judgements, {len(framework.criteria)} criteria"
                )
            else:
                loaded = load_assessment(name)
                warnings.extend((name, w) for w in scan_assessment(loaded.assessment))
                rated = sum(1 for cid in loaded.framework.criteria if loaded.assessment.rating(cid))
                message = (
                    f"a valid assessment of {loaded.assessment.authority} against "
                    f"{loaded.framework.id}: {rated} of {len(loaded.framework.criteria)} "
                    "criteria rated"
                )
        except InputError as exc:
            failed += 1
            count = len(exc.problems)
            io.err.print(
                Text(f"✗ {name}: {count} problem{'s' if count != 1 else ''}", style="bold red")
            )
            for problem in exc.problems:
                io.err.print(Text(plain(f"  {name}: {problem.describe()}")), soft_wrap=True)
            continue
        io.out.print(
            Text("✓ ", style="bold green") + Text(plain(f"{name}: {message}")), soft_wrap=True
        )
    for name, warning in warnings:
        io.err.print(
            Text("Privacy: ", style="bold yellow") + Text(plain(f"{name}: {warning.describe()}")),
            soft_wrap=True,
        )
    if warnings:
        io.err.print(Text("These are warnings only: nothing was changed.", style="dim"))
    return EXIT_BAD_INPUT if failed else EXIT_OK


REPORT_FORMATS = ("text", "json", "markdown", "html", "csv", "docx")


def cmd_report(args: argparse.Namespace, io: _Consoles) -> int:
    from selfassess.files.store import load_assessment, write_bytes_atomic
    from selfassess.model.summary import summarise

    loaded = load_assessment(args.file)
    summary = summarise(loaded.framework, loaded.assessment)
    if args.format == "text":
        from selfassess.views.report import render_report

        renderable = render_report(summary, detail=not args.scorecard_only)
        if not args.output:
            if args.width:
                io.out.width = args.width
            # Every part of the report fits a width of 2 or more (the scorecard crops itself),
            # and cropping each line again costs a twentieth of the report's time.
            io.out.print(renderable, crop=io.out.width < 2)
            return EXIT_OK
        import io as _io

        from rich.console import Console

        console = Console(record=True, width=args.width or 120, file=_io.StringIO())
        console.print(renderable)
        data = console.export_text().encode("utf-8")
    elif args.format == "json":
        import json

        from selfassess.model.summary import report_data

        data = (json.dumps(report_data(summary), indent=2, ensure_ascii=False) + "\n").encode()
    else:
        from selfassess.exports import export_report

        if args.format == "docx" and not args.output:
            raise SelfAssessError("a Word document needs a file name: add -o report.docx")
        data = export_report(summary, args.format)
    if args.output:
        write_bytes_atomic(Path(args.output), data, backup=False)
        io.err.print(f"Wrote {args.output}")
    else:
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else sys.stdout.write(
            data.decode("utf-8")
        )
        sys.stdout.flush()
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace, io: _Consoles) -> int:
    from rich.text import Text

    from selfassess.model.assessment import decode_assessment
    from selfassess.model.migration import migrate
    from selfassess.files.store import read_toml, relative_path, resolve_framework, save_assessment

    source, output = Path(args.file), Path(args.output)
    if output.exists():
        raise InputError.single(
            output,
            "already exists; choose a new file name for the migrated "
            "assessment (the original is never changed)",
        )
    assessment, problems = decode_assessment(read_toml(source), str(source))
    if assessment is None:
        raise InputError(source, problems)
    target, target_path = resolve_framework(args.framework or assessment.framework)
    framework_file = relative_path(target_path, output.resolve().parent) if target_path else ""
    migrated, report = migrate(assessment, target)
    migrated = _replace(migrated, framework_file=framework_file)
    save_assessment(migrated, output, target)
    kept = len(report.kept)
    io.out.print(
        f"Wrote {output}: {kept} {'criterion' if kept == 1 else 'criteria'} carried over to "
        f"{target.id} {target.version}.",
        soft_wrap=True,
    )
    if report.dropped:
        io.out.print(
            Text(
                f"Could not be carried over ({len(report.dropped)}); they remain in {source}:",
                style="bold yellow",
            ),
            soft_wrap=True,
        )
        for line in report.dropped:
            io.out.print(Text(f"  • {line}"), soft_wrap=True)
    return EXIT_OK


def _replace(struct, **changes):
    import msgspec

    return msgspec.structs.replace(struct, **changes)


def cmd_open(args: argparse.Namespace, io: _Consoles) -> int:
    from selfassess.tui.app import run_tui

    return run_tui(Path(args.file) if args.file else None)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def cmd_serve(args: argparse.Namespace, io: _Consoles) -> int:
    from rich.text import Text

    path = Path(args.file).resolve() if args.file else None
    if path is not None and not path.is_file():
        io.err.print(Text(f"Error: {args.file}: no such file", style="bold red"), soft_wrap=True)
        return EXIT_BAD_INPUT
    if args.host not in LOOPBACK:
        io.err.print(
            Text(
                f"Warning: serving on {args.host}: anyone who can reach port {args.port} on this "
                "computer can open and change the assessment. There is no password.",
                style="bold yellow",
            ),
            soft_wrap=True,
        )
    from selfassess.serve.server import SelfAssessServer

    server = SelfAssessServer(path, host=args.host, port=args.port)
    try:
        server.serve()
    except OSError as exc:
        io.err.print(
            Text(
                f"Error: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}. "
                "Try another port with --port."
            ),
            style="bold red",
            soft_wrap=True,
        )
        return EXIT_BAD_INPUT
    return EXIT_OK


# --- parser -----------------------------------------------------------------------------------


class _PlainFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, reading the terminal's width itself.

    argparse makes a formatter for every option it is given (to check it) and the standard one
    imports ``shutil`` for the width each time: a few ms of every command's start-up, for a
    width that is only used if the command line is wrong.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """The columns ``shutil.get_terminal_size()`` gives: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser(*, rich_help: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; ``rich_help`` only matters when help is shown (it costs start-up).

    ``only``: build just this command's parser, for when the command is known. Building them
    all (and importing the modules that define some) is a large share of a command's start-up.
    """
    formatter: type[argparse.HelpFormatter] = _PlainFormatter
    if rich_help:
        from rich_argparse import RawDescriptionRichHelpFormatter

        formatter = RawDescriptionRichHelpFormatter
    parser = argparse.ArgumentParser(
        prog="selfassess",
        description=DESCRIPTION,
        formatter_class=formatter,
        epilog="Examples:\n  selfassess examples/peterborough-2018.toml\n"
        "  selfassess report examples/peterborough-2018.toml\n"
        '  selfassess new our-sef.toml --framework ilacs-2026 --authority "Anytown Council"',
    )
    parser.add_argument("--version", action="version", version=f"selfassess {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def wanted(name: str) -> bool:
        return only is None or name == only

    def command(
        name: str, help_: str, func: Callable[[argparse.Namespace, _Consoles], int]
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, formatter_class=formatter)
        p.add_argument("--version", action="version", version=f"selfassess {__version__}")
        p.set_defaults(func=func)
        return p

    if wanted("open"):
        p = command("open", "Open the app, on an assessment file if you give one.", cmd_open)
        p.add_argument("file", nargs="?", metavar="FILE", help="the assessment file (.toml)")

    if wanted("serve"):
        p = command(
            "serve",
            "Open the app in a web browser: for colleagues who don't use terminals.",
            cmd_serve,
        )
        p.add_argument("file", nargs="?", metavar="FILE", help="the assessment file (.toml)")
        p.add_argument("--port", type=int, default=8000, metavar="N", help="port (default 8000)")
        p.add_argument(
            "--host",
            default="127.0.0.1",
            metavar="ADDRESS",
            help="address to listen on (default 127.0.0.1: this computer only)",
        )

    if wanted("frameworks"):
        p = command("frameworks", "List the frameworks that come with selfassess.", cmd_frameworks)
        p.add_argument("--json", action="store_true", help="print JSON for other tools")

    if wanted("new"):
        p = command("new", "Create a new, blank assessment file.", cmd_new)
        p.add_argument("file", metavar="FILE", help="the file to create, e.g. our-sef-2026.toml")
        p.add_argument(
            "--framework",
            required=True,
            metavar="ID",
            help="a bundled framework id (see `selfassess frameworks`) or a framework file",
        )
        p.add_argument(
            "--authority", required=True, metavar="NAME", help="your local authority's name"
        )
        p.add_argument("--period", metavar="TEXT", help='the period assessed, e.g. "2026-27 Q1"')
        p.add_argument(
            "--assessor",
            action="append",
            metavar="NAME",
            help="someone taking part (repeat for several)",
        )

    if wanted("validate"):
        p = command(
            "validate", "Check framework or assessment files and list every problem.", cmd_validate
        )
        p.add_argument("files", nargs="+", metavar="FILE")

    if wanted("migrate"):
        p = command(
            "migrate",
            "Carry an assessment over to a newer framework (writes a new file).",
            cmd_migrate,
        )
        p.add_argument("file", metavar="FILE", help="the assessment to carry over (never changed)")
        p.add_argument("-o", "--output", required=True, metavar="NEW", help="the new file to write")
        p.add_argument(
            "--framework",
            metavar="ID",
            help="the framework to move to (default: the current version of its own)",
        )

    if wanted("report"):
        p = command("report", "Print the scorecard and the detail per criterion.", cmd_report)
        p.add_argument("file", metavar="FILE", help="the assessment file")
        p.add_argument(
            "--format",
            choices=REPORT_FORMATS,
            default="text",
            help="text (default) for the screen; json for other tools; markdown, html, csv "
            "or docx (Word, needs -o) to share",
        )
        p.add_argument(
            "-o", "--output", metavar="OUT", help="write to this file instead of the screen"
        )
        p.add_argument(
            "--scorecard-only", action="store_true", help="leave out the detail per criterion"
        )
        p.add_argument("--width", type=int, metavar="N", help="page width in characters")

    if wanted("import-report"):
        from selfassess.commands import import_report as cli_import

        cli_import.add_parser(sub)
    if any(wanted(name) for name in SHARE_COMMANDS):
        from selfassess.commands import share as cli_share

        cli_share.add_parsers(sub, formatter_class=formatter)
    for name in ("import-report", *SHARE_COMMANDS):
        choice = sub.choices.get(name)
        if choice is None:
            continue
        choice.formatter_class = formatter
        if not any("--version" in a.option_strings for a in choice._actions):
            choice.add_argument("--version", action="version", version=f"selfassess {__version__}")
        choice.set_defaults(func=_adapt(choice.get_default("func")))
    return parser


def _adapt(func: Callable[..., int]) -> Callable[[argparse.Namespace, _Consoles], int]:
    """Commands written as ``run(args, out, err)`` take the shared consoles."""

    def run(args: argparse.Namespace, io: _Consoles) -> int:
        return func(args, io.out, io.err)

    return run


def run() -> NoReturn:
    """The ``selfassess`` command (and ``python -m selfassess``): ``main``, then the process
    ends."""
    sys.exit(main(process_ends=True))


def main(argv: Sequence[str] | None = None, *, process_ends: bool = False) -> int:
    """Run a command line (``sys.argv`` by default); returns the exit code.

    Most commands are over in a moment and make few reference cycles, so the cyclic garbage
    collector, which walks everything imported each time it runs, is paused for them (it was
    a twentieth of ``selfassess report``'s time); reference counting still frees what they
    drop. Those in ``LASTING_COMMANDS`` collect as usual. It is left paused if the process
    ends next: turned back on, it would walk everything once more on the way out.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv, collecting)
    finally:
        if collecting and not process_ends:
            gc.enable()


def _run(argv: Sequence[str] | None, collecting: bool) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `selfassess` and `selfassess FILE` open the app; everything else is a command.
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        args_list = ["open", *args_list]
    io = _Consoles()
    parser = build_parser(
        rich_help=any(a in ("-h", "--help") for a in args_list),
        only=args_list[0] if args_list[0] in COMMANDS else None,  # else options: build all
    )
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version exit 0
        return int(exc.code or 0)
    if collecting and args.command in LASTING_COMMANDS:
        gc.enable()
    try:
        return args.func(args, io)
    except SelfAssessError as exc:
        print_error(io.err, exc)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        io.err.print("Stopped.")
        return 130
    except BrokenPipeError:
        return EXIT_OK
