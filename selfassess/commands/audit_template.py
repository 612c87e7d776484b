"""``selfassess audit-template [-o FILE]``: a CSV template for ``import-audits``, explained.

The template's notes are lines whose first cell starts with "#": a spreadsheet shows them, and
``import-audits`` skips them, so the file can be filled in and imported as it is.
"""

from __future__ import annotations

import argparse

from selfassess.commands.common import EXIT_OK, Command, Consoles, check_output, emit

HEADINGS = (
    "Audit date",
    "Audit reference",
    "Criterion or theme",
    "Grade",
    "Moderated",
    "Moderated grade",
    "Auditor role",
)

NOTES = (
    "# Case audit results for selfassess import-audits: one row per audited case and criterion "
    "(or theme).",
    "# Lines starting with # are notes: import-audits skips them. Delete them or leave them.",
    "# Audit date: when the audit was completed, e.g. 05/03/2026 or 2026-03-05 (not in the "
    "future).",
    "# Audit reference: your audit's own reference, e.g. QA-2603-014. NEVER a child's name, "
    "date of birth or NHS number: a column that looks like one stops the import.",
    "# Criterion or theme: a criterion id of the assessment's framework (e.g. hp-front-door) "
    "or one of its themes (e.g. Neglect); a theme counts for every criterion of that theme.",
    "# Grade: Outstanding, Good, Requires improvement (to be good), Inadequate; or O, G, RI, I; "
    "or 1, 2, 3, 4.",
    "# Moderated: Yes or No (blank means No). Moderated grade: the grade after moderation, if a "
    "moderator recorded one.",
    "# Auditor role: a role, not a name (e.g. Team Manager, Principal Social Worker).",
    "# Other columns may stay (they are not read), and other headings are recognised too "
    '("Date of audit", "Ref", "Theme"…); use --map "Your heading=date" for any that are not.',
    "# Examples (skipped like the notes; copy them without the # to use them):",
    "# 05/03/2026,QA-2603-001,hp-front-door,Good,Yes,Good,Team Manager",
    "# 12/03/2026,QA-2603-002,Neglect,RI,No,,Service Manager",
    "# 19/03/2026,QA-2603-003,cc-placement-stability,2,Yes,3,Principal Social Worker",
)


def template_text() -> str:
    """The template: the notes, then the heading row (CRLF ends, as Excel writes CSV)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for note in NOTES:
        buffer.write(_note(note) + "\r\n")
    writer.writerow(HEADINGS)
    return buffer.getvalue()


def _note(text: str) -> str:
    """A note as one cell, quoted when it holds a comma (the examples are left as rows)."""
    if text.startswith("# 0") or text.startswith("# 1"):
        return text
    return '"' + text.replace('"', '""') + '"' if ("," in text or '"' in text) else text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the template to this file (e.g. audits.csv)"
    )


def run(args: argparse.Namespace, io: Consoles) -> int:
    text = template_text()
    if args.output and args.output != "-":
        # An existing file may be a template already filled in with audit results: never replace it
        check_output(args.output, [], replace=False)
        text = "\ufeff" + text  # a byte order mark, so Excel on Windows reads it as UTF-8
    emit(text.encode("utf-8"), args.output, [], io.out, io.err)
    return EXIT_OK


COMMAND = Command(
    "audit-template",
    "Write a CSV template for case audit results (for import-audits).",
    add_arguments,
    run,
    description="Write a CSV template for the case audit results that `selfassess "
    "import-audits` reads, with notes on every column. Without -o it is printed.",
)
