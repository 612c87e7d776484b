"""``selfassess serve [FILE]``: the app in a web browser, for colleagues who don't use terminals."""

from __future__ import annotations

import argparse
import ipaddress
import re
from pathlib import Path

from selfassess.commands.common import EXIT_BAD_INPUT, EXIT_OK, Command, Consoles, shown_argument

LOOPBACK = ("127.0.0.1", "localhost", "::1")
_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\Z")


def host_address(value: str) -> str:
    """An argparse type: an address to listen on, as an IP address or a computer's name
    (letters, digits, hyphens and underscores in dot-separated parts, as names on a network
    are), in lower case."""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    name = (value[:-1] if value.endswith(".") else value).lower()  # "LOCALHOST." is localhost
    if 0 < len(name) <= 253 and all(_LABEL.match(label) for label in name.split(".")):
        return name
    raise argparse.ArgumentTypeError(
        f'"{shown_argument(value)}" is not an address: give this computer\'s name or an IP '
        "address, such as 127.0.0.1 (this computer only) or 0.0.0.0 (every network it is on)"
    )


def port_number(value: str) -> int:
    """An argparse type: a TCP port a server can listen on."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{shown_argument(value)}" is not a port number'
        ) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number: use 1 to 65535")
    return port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="the assessment file (.toml)")
    parser.add_argument(
        "--port", type=port_number, default=8000, metavar="N", help="port (default 8000)"
    )
    parser.add_argument(
        "--host",
        type=host_address,
        default="127.0.0.1",
        metavar="ADDRESS",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    from rich.text import Text

    from selfassess.commands.common import describe_os_error

    path = Path(args.file).resolve() if args.file else None
    if path is None and args.host not in LOOPBACK:
        # Without a file the page starts where the app does, able to open any file this
        # computer's account can: only for the person at this computer.
        io.err.print(
            Text(
                f"Error: to serve on {args.host}, name the assessment file (for example "
                f"selfassess serve our-sef.toml --host {args.host}): colleagues then reach "
                "that file and nothing else.",
                style="bold red",
            ),
            soft_wrap=True,
        )
        return EXIT_BAD_INPUT
    if path is not None:
        from selfassess.files.store import load_assessment

        # A file the app cannot open is said here, with its place, not in a browser later.
        load_assessment(args.file)
    if args.host not in LOOPBACK:
        io.err.print(
            Text(
                f"Warning: serving on {args.host}: anyone who can reach port {args.port} on this "
                "computer and has the address printed below (with its key) can open and change "
                "the assessment; the connection is not encrypted.",
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
                f"Error: cannot serve on {args.host}:{args.port}: {describe_os_error(exc)}. "
                "Try another port with --port.",
                style="bold red",
            ),
            soft_wrap=True,
        )
        return EXIT_BAD_INPUT
    return EXIT_OK


COMMAND = Command(
    "serve",
    "Open the app in a web browser: for colleagues who don't use terminals.",
    add_arguments,
    run,
)
