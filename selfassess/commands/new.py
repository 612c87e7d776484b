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
        "--authority",
        metavar="NAME",
        help='your local authority\'s name, e.g. "Peterborough": found in the published figures, '
        "which are then shown beside your ratings",
    )
    parser.add_argument(
        "--authority-code",
        metavar="CODE",
        help="or its DfE code (874) or ONS code (E06000031)",
    )
    parser.add_argument(
        "--no-figures",
        action="store_true",
        help="keep --authority as written and link no published figures (for an assessment of "
        "a partnership, or of a service the published figures do not cover)",
    )
    parser.add_argument("--period", metavar="TEXT", help='the period assessed, e.g. "2026-27 Q1"')
    parser.add_argument(
        "--assessor",
        action="append",
        metavar="NAME",
        help="someone taking part (repeat for several)",
    )


def resolve_authority(
    name: str | None, code: str | None, *, no_figures: bool, required: bool = True
) -> tuple[str, str, str]:
    """The authority's name and DfE code to record, from ``--authority`` and
    ``--authority-code``, and a note for the user (or "").

    A name is looked up in the published figures and recorded as the DfE spells it, with its
    code. A name that is not found is an error with the nearest names when the framework links
    published figures (``required``), unless ``--no-figures`` keeps it as written; for a
    framework that links none it is kept as written, with a note. A code that is not found, or
    that names another council than the name does, is always an error.
    """
    name = " ".join((name or "").split())
    code = (code or "").strip()
    if no_figures:
        if code:
            raise InputError.single(
                "--no-figures", "and --authority-code cannot be used together: choose one"
            )
        if not name:
            raise InputError.single("--authority", "is needed: the name of what you assess")
        return name, "", ""
    if not name and not code:
        raise InputError.single(
            "--authority",
            'is needed: your local authority\'s name (e.g. --authority "Peterborough") or its '
            "code (--authority-code 874)",
        )
    from selfassess.data.published import dataset

    data = dataset()
    if not code:
        try:
            found = data.find(name)
        except InputError as exc:
            message = exc.problems[0].message
            if required:
                raise InputError.single(
                    "--authority",
                    f"{message}. If you assess something else, such as a partnership, add "
                    "--no-figures to keep the name as written.",
                ) from None
            return name, "", f"{message}: no published figures or neighbours' grades are linked."
        return found.name, found.code, ""
    found = data.find(code, file="--authority-code")
    if name:
        try:
            named = data.find(name)
        except InputError:
            return name, found.code, ""  # the council's own wording ("Children's Services")
        if named.code != found.code:
            raise InputError.single(
                "--authority-code",
                f"{code} is {found.name}, but --authority names {named.name} ({named.code}): "
                "correct one of them",
            )
    return found.name, found.code, ""


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
    try:
        framework, framework_path = resolve_framework(args.framework)
    except InputError as exc:
        if exc.file is not None:  # a framework file that could not be used
            raise
        # Not a bundled id: a council's own framework file works as well.
        raise InputError.single(
            "--framework",
            f"{exc.summary()} Or give the path to a framework file of your own, e.g. "
            "--framework ./our-framework.toml (see docs/frameworks.md for how to write one).",
        ) from None
    framework_file = ""
    if framework_path:
        framework_file = relative_path(framework_path, path.resolve().parent)
    from selfassess.data.linked import indicator_links

    authority, authority_code, note = resolve_authority(
        args.authority,
        args.authority_code,
        no_figures=args.no_figures,
        required=bool(indicator_links(framework)),
    )
    assessment = new_assessment(
        framework,
        authority,
        authority_code=authority_code,
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
                f"Created {path} — {len(framework.criteria)} criteria to rate ({framework.title})."
            )
        ),
        soft_wrap=True,
    )
    if note:
        io.out.print(Text(plain(note), style="dim"), soft_wrap=True)
    if authority_code:
        io.out.print(
            Text(plain(f"Published figures shown for: {authority} ({authority_code}).")),
            soft_wrap=True,
        )
    io.out.print(Text(plain(f"Open it with: selfassess {path}"), style="dim"), soft_wrap=True)
    return EXIT_OK


COMMAND = Command("new", "Create a new, blank assessment file.", add_arguments, run)
