"""``selfassess merge A B... -o OUT``: combine several contributors' assessments.

OUT is written atomically (never half-written), and not while someone has it open in the app
or another merge is writing it: the merge holds OUT's lock while it works, as the app does.
Writers that take no lock (another program, a file copied over OUT) are not seen; if one
finishes after the merge, its file is the one that remains, whole.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from selfassess.commands.common import (
    EXIT_OK,
    Command,
    Consoles,
    check_output,
    describe_os_error,
    display_names,
    load_all,
)
from selfassess.model.errors import InputError, SelfAssessError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="the assessment files (two or more)"
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the merged file to write"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUT if it exists (the old version is kept as OUT.bak)",
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    from selfassess.files import locking
    from selfassess.files.store import held_by_other

    if len(args.files) < 2:
        raise SelfAssessError("merge needs at least two assessment files")
    target = check_output(args.output, args.files)
    if target.exists() and not args.force:
        raise InputError.single(
            target,
            "already exists; add --force to replace it (the old version is kept as a .bak file)",
        )
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
            target, f"is in use: {holder}. Nothing was written; try again once it is closed."
        )
    try:
        return _merge(args, io, target)
    finally:
        locking.release(target)


def _merge(args: argparse.Namespace, io: Consoles, target: Path) -> int:
    from rich.text import Text

    from selfassess.files.store import (
        framework_file_path,
        load_assessment,
        relative_path,
        save_assessment,
    )
    from selfassess.model.merging import merge
    from selfassess.views.merge import merge_view
    from selfassess.views.render import plain

    loaded = load_all(args.files, io.err, "Reading")
    names = display_names(args.files)
    first = loaded[0]
    versions = {(x.framework.id, x.framework.version) for x in loaded}
    if len(versions) > 1:
        listed = "; ".join(
            f"{n}: {x.framework.id} {x.framework.version}"
            for n, x in zip(names, loaded, strict=True)
        )
        raise SelfAssessError(
            f"cannot merge files made against different frameworks ({listed}). "
            "Merge files made against the same framework version only."
        )
    result = merge(first.framework, [(n, x.assessment) for n, x in zip(names, loaded, strict=True)])
    merged = result.assessment
    if first.assessment.framework_file:
        framework_path = framework_file_path(first.path, first.assessment.framework_file).resolve()
        merged.framework_file = relative_path(framework_path, target.resolve().parent)
    try:
        saved = save_assessment(merged, target, first.framework)
    except OSError as exc:
        raise InputError.single(target, f"could not be written: {describe_os_error(exc)}") from None
    load_assessment(target)  # what was written must read back: fail loudly now, not next quarter
    io.out.print(merge_view(result, first.framework, target))
    if saved.backup_problem:
        io.err.print(
            Text("Note: ", style="bold yellow") + Text(plain(f"{target}: {saved.backup_problem}")),
            soft_wrap=True,
        )
    return EXIT_OK


COMMAND = Command(
    "merge",
    "Combine several contributors' assessments into one file.",
    add_arguments,
    run,
    description="Combine assessments made by several people against the same framework. "
    "Evidence, actions and notes from every file are kept (identical ones once). "
    "Where files disagree on a rating or confidence, the merged file keeps the lower "
    "one and marks the criterion for review; every conflict is listed.",
)
