"""What every command shares: its shape, the consoles it prints to, and safe output.

A command is a module holding one ``COMMAND``: a name, a line of help, a function that adds its
arguments and a function that runs it and returns the exit code. ``selfassess.commands`` lists
them in one table. Modules import the heavy parts (Rich, the app) inside ``run``, so that
``selfassess report`` never imports Textual.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from selfassess.model.errors import InputError, Problem, SelfAssessError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from selfassess.files.store import Loaded

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_BAD_INPUT = 2

SHOWN_PROBLEMS = 50
"""Problems listed for one error before the rest are counted: a file with thousands of problems
is one that was not meant as a framework or assessment, and a screenful says so."""


@dataclass(frozen=True)
class Command:
    """One ``selfassess`` command."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Consoles], int]
    description: str = ""
    """Longer text for the command's own ``--help`` (the one-line help when empty)."""


class Consoles:
    """Standard output and standard error, as Rich consoles made on first use."""

    def __init__(self, out: Console | None = None, err: Console | None = None) -> None:
        self._out = out
        self._err = err

    @property
    def out(self) -> Console:
        if self._out is None:
            from rich.console import Console

            self._out = Console(emoji=False, highlight=False)
        return self._out

    @property
    def err(self) -> Console:
        if self._err is None:
            from rich.console import Console

            self._err = Console(stderr=True, emoji=False, highlight=False)
        return self._err


def print_error(err: Console, exc: SelfAssessError) -> None:
    """A user-level error: every problem on its own line, file and place first.

    Messages quote the file's own text (a misspelt key, a bad value), so control characters are
    removed: a hostile file must not be able to send escape sequences to the terminal.
    """
    from rich.text import Text

    from selfassess.views.render import plain

    lines = exc.summary().splitlines() if isinstance(exc, InputError) else [str(exc)]
    for line in lines[:SHOWN_PROBLEMS]:
        err.print(Text("Error: ", style="bold red") + Text(plain(line)), soft_wrap=True)
    if len(lines) > SHOWN_PROBLEMS:
        err.print(
            Text(
                f"… and {len(lines) - SHOWN_PROBLEMS} more problems (fix these first: later "
                "ones often follow from them; `selfassess validate` lists them by file)",
                style="dim",
            ),
            soft_wrap=True,
        )


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, but a usage error quoting what was typed ("unrecognized arguments:
    …") shows it without control characters: an argument is data like any other text."""

    def error(self, message: str) -> NoReturn:
        from selfassess.views.render import plain

        super().error(plain(message))


def add_text_or_json_arguments(parser: argparse.ArgumentParser) -> None:
    """``--format text|json`` and ``-o OUT``, as every command that shows or exports a view has."""
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) for the screen; json for other tools",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to this file instead of the screen"
    )


def iso_date(value: str) -> Any:
    """An argparse type for a date as people in England type it ("15 Jan 2027", 15/01/2027)
    or YYYY-MM-DD (see ``model.dates.parse_date``)."""
    from selfassess.model.dates import DATE_FORMS, DateError, parse_date

    try:
        day = parse_date(value)
    except DateError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(
            f'"{shown_argument(value)}" is not a date: type, for example, {DATE_FORMS}'
        )
    return day


def positive_int(value: str) -> int:
    """An argparse type for a whole number of 1 or more (a width, a count)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{shown_argument(value)}" is not a whole number'
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is too small: give 1 or more")
    return number


def shown_argument(value: str) -> str:
    """An argument quoted in a usage error (which argparse prints as it is): no escapes."""
    from selfassess.views.render import plain

    return plain(value, single_line=True)


# --- reading ----------------------------------------------------------------------------------


def load_all(paths: Sequence[str], err: Console, verb: str) -> list[Loaded]:
    """Load every file, with progress on stderr; report every bad file at once."""
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from selfassess.files.store import load_assessment
    from selfassess.views.render import plain

    loaded: list[Loaded] = []
    failures: list[InputError] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, console=err, transient=True, disable=len(paths) < 2 or not err.is_terminal
    ) as progress:
        task = progress.add_task(verb, total=len(paths))
        for path in paths:
            shown = escape(plain(Path(path).name, single_line=True))
            progress.update(task, description=f"{verb} {shown}")
            try:
                loaded.append(load_assessment(path))
            except InputError as exc:
                failures.append(exc)
            progress.advance(task)
    if len(failures) == 1:
        raise failures[0]
    if failures:
        raise InputError(None, [Problem("", exc.summary()) for exc in failures])
    return loaded


def display_names(paths: Sequence[str]) -> list[str]:
    """File names to show: the base name, or the path where base names repeat."""
    bases = [Path(p).name for p in paths]
    return [b if bases.count(b) == 1 else str(p) for b, p in zip(bases, paths, strict=True)]


# --- writing ----------------------------------------------------------------------------------


def check_output(output: str | Path, inputs: Sequence[str | Path], *, replace: bool = True) -> Path:
    """The file a command may write to, or a clear refusal.

    No command writes over one of its own inputs (a report written over the assessment it was
    made from loses the assessment), into a folder that is missing, or onto a folder.
    ``replace=False`` refuses an existing file too.
    """
    target = Path(output)
    if _is_device_path(target):
        raise InputError.single(
            target,
            "is not an ordinary file (a device, or the screen); give a file name to write, "
            "or leave out -o to print to the screen",
        )
    if target.is_dir():
        raise InputError.single(target, "is a folder; give a file name to write")
    if target.exists() or target.is_symlink():
        for name in inputs:
            try:
                same = target.samefile(name)
            except OSError:
                same = os.path.abspath(target) == os.path.abspath(name)
            if same:
                raise InputError.single(
                    target,
                    "is one of the files this command reads; choose another file to write "
                    "(nothing was changed)",
                )
        if not target.is_file():
            raise InputError.single(
                target,
                "is not an ordinary file (a device, pipe or the screen); give a file name to "
                "write, or leave out -o to print to the screen",
            )
        if not replace:
            raise InputError.single(target, "already exists; choose a new file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError.single(target, f"cannot be written: the folder {folder} does not exist")
    return target


def check_report_output(output: str | Path, inputs: Sequence[str | Path]) -> Path:
    """Where a report (text, JSON, a document) may go: as ``check_output``, and never over an
    existing TOML file, which is an assessment or a framework, not an old report, nor over
    the copy of an assessment's previous version kept beside it (``FILE.toml.bak``)."""
    target = check_output(output, inputs)
    if not target.exists():
        return target
    name = target.name.lower()
    if name.endswith(".toml"):
        raise InputError.single(
            target,
            "is an existing TOML file (an assessment or a framework); a report is never written "
            "over one. Choose another file name, such as report.txt (nothing was changed)",
        )
    if name.endswith(".toml.bak"):
        raise InputError.single(
            target,
            "is the copy of an assessment's previous version, kept when it was saved; a report "
            "is never written over it. Choose another file name, such as report.txt (nothing "
            "was changed)",
        )
    return target


def _is_device_path(target: Path) -> bool:
    """Whether ``target`` names a device or a process's open file (/dev/stdout, /proc/…/fd/1).

    Such a name can lead to an ordinary file (standard output redirected to one), but writing
    there by renaming a new file into place would replace that file, not add to it.
    """
    if os.name != "posix":
        return False
    places = {os.path.abspath(target), os.path.realpath(target)}
    return any(place.startswith(("/dev/", "/proc/")) for place in places)


def write_output(target: Path, data: bytes, err: Console) -> None:
    """Write a command's output file atomically; a failure is a plain message, not a traceback."""
    from selfassess.files.store import write_bytes_atomic

    try:
        write_bytes_atomic(target, data, backup=False)
    except OSError as exc:
        raise InputError.single(target, f"could not be written: {describe_os_error(exc)}") from None
    from rich.text import Text

    from selfassess.views.render import plain

    err.print(Text(plain(f"Wrote {target}")), soft_wrap=True)


def describe_os_error(exc: OSError) -> str:
    """An operating-system error in words a user can act on."""
    import errno

    reasons = {
        errno.EACCES: "permission denied (the folder or file is read-only, or belongs to "
        "someone else)",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk or folder is read-only",
        errno.EISDIR: "a folder is in the way",
        errno.ENOENT: "the folder does not exist",
        errno.EFBIG: "the file would be larger than this system allows",
        errno.EDQUOT: "the disk quota is used up",
    }
    return reasons.get(exc.errno or 0) or (exc.strerror or str(exc))


def hold(target: Path, *, nothing: str = "Nothing was changed") -> None:
    """Hold ``target``'s lock, as the app holds a file it has open, or raise InputError saying
    who has it open (``nothing``: what was not done, for that message). Release it with
    ``locking.release`` once the file is written."""
    from selfassess.files import locking
    from selfassess.files.store import held_by_other

    holder = held_by_other(target)
    if holder is None:
        try:
            if locking.acquire(target) is not None:
                holder = held_by_other(target) or "someone else is writing it"
        except OSError as exc:
            raise InputError.single(
                target, f"could not be written: {describe_os_error(exc)}"
            ) from None
    if holder is not None:
        raise InputError.single(
            target, f"is in use: {holder}. {nothing}; try again once it is closed."
        )


def emit(
    data: str | bytes,
    output: str | None,
    inputs: Sequence[str | Path],
    out: Console,
    err: Console,
) -> None:
    """Write to ``-o`` (atomically, never over an input) or to standard output: unchanged into a
    pipe or file, without escape sequences on a terminal (see ``for_terminal``)."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    if output and output != "-":
        write_output(check_report_output(output, inputs), raw, err)
        return
    text = raw.decode("utf-8", errors="replace")
    out.file.write(for_terminal(text) if out.is_terminal else text)
    out.file.flush()


def show(
    renderable: RenderableType,
    output: str | None,
    inputs: Sequence[str | Path],
    out: Console,
    err: Console,
    *,
    width: int = 120,
) -> None:
    """A Rich renderable to the terminal, or as plain text to ``-o`` (``-o -``: the screen)."""
    if output and output != "-":
        import io

        from rich.console import Console

        console = Console(record=True, width=width, file=io.StringIO())
        console.print(renderable)
        emit(console.export_text(), output, inputs, out, err)
        return
    out.print(renderable)


def to_json(data: object, *, indent: int | None = 2) -> str:
    """JSON as every command writes it: indented, UTF-8 text kept as is, a trailing newline.

    Characters a terminal would act on or that hide or reorder text (control characters such
    as DEL and the C1 set, whose U+009B starts an escape sequence on many terminals; bidi
    overrides; zero-width characters; line separators) are written as JSON escapes
    (``\\u009b``): the JSON reads back to exactly the same text, and printed on a terminal it
    is shown, not obeyed. ``json.dumps`` escapes only U+0000 to U+001F itself.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return json_safe(text) + "\n"


def json_safe(text: str) -> str:
    """JSON text with every character a terminal would act on, or that is invisible, written
    as a JSON escape (see ``to_json``); everything else as it was."""
    if text.replace("\n", "").isprintable():  # the usual case: nothing to escape
        return text
    import re
    import unicodedata

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char.isprintable() or unicodedata.category(char) == "Zs":  # letters, spaces
            return char
        code = ord(char)
        if code > 0xFFFF:  # as a surrogate pair, the way JSON writes such characters
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return re.sub("[^\n\x20-\x7e]", escape, text)


def for_terminal(text: str) -> str:
    """Text (a Markdown or CSV export, say) made safe to print on a terminal: escape sequences,
    control characters and invisible or reordering characters removed; lines kept."""
    from selfassess.model.labels import plain

    return plain(text)
