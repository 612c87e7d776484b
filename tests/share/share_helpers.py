"""Helpers for the sharing tests: small assessment files; share commands run as the CLI would."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from selfassess.commands import build_parser
from selfassess.commands.common import Consoles, print_error
from selfassess.model.errors import SelfAssessError

FIXTURES = Path(__file__).parent.parent / "fixtures"
SHARE_FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny-framework.toml"
TINY_V2 = SHARE_FIXTURES / "tiny-framework-v2.toml"

INJECTED_EVIDENCE = "[bold red]Audit[/] of <script>alert('x')</script> contacts & *stars*"
"""Markup of every kind typed as evidence: it must appear literally in every format."""

SAMPLE = f"""
period = "2024 Q1"
assessors = ["Head of QA", "Principal Social Worker"]

[published]
source = "anytown-2023.pdf"
inspection_start = 2023-05-01
inspection_end = 2023-05-12

[published.grades]
help_and_protection = "good"
leaders = "good"
overall = "requires_improvement"

[[published.areas_for_improvement]]
text = "Return interviews for children who go missing"
criteria = ["hp-missing"]

[criteria.hp-front-door]
rating = "green"
confidence = "high"
notes = "Strong front door.\\n# not a heading\\n<b>not bold</b>"
[[criteria.hp-front-door.evidence]]
what = {INJECTED_EVIDENCE!r}
type = "case_audit"
date = 2024-03-01
owner = "QA team"
where = "SharePoint | Audits"
[[criteria.hp-front-door.evidence]]
what = "Weekly MASH data\\u001b[31m with escape"
type = "performance_data"
date = 2024-02-01
[[criteria.hp-front-door.actions]]
what = "Re-audit contacts"
owner = "Team manager"
due = 2024-06-30
status = "in_progress"

[criteria.hp-missing]
rating = "green"
confidence = "medium"
[[criteria.hp-missing.evidence]]
what = "Return interview audit"
type = "case_audit"
date = 2023-12-01

[criteria.hp-plans]
rating = "amber"
review = true
[[criteria.hp-plans.actions]]
what = "=HYPERLINK(\\"http://example.invalid\\")"
due = 2024-01-31
[[criteria.hp-plans.actions]]
what = "Plan template"
status = "done"
due = 2023-11-30

[criteria.hp-assessments]
rating = "red"

[criteria.ld-qa]
rating = "not_applicable"
na_reason = "Commissioned from a neighbour"

[criteria.ld-workforce]
rating = "blue"
[[criteria.ld-workforce.actions]]
what = "Recruit two team managers"
owner = "HR"
"""
"""A full assessment of the tiny framework: every rating, N/A, evidence, actions, review."""


def write_assessment(
    folder: Path,
    name: str,
    body: str = "",
    *,
    framework: Path = TINY,
    version: str = "1",
    authority: str = "Anytown",
) -> Path:
    """An assessment file in ``folder`` referring to a test framework by relative path."""
    folder.mkdir(parents=True, exist_ok=True)
    rel = os.path.relpath(framework, folder)
    path = folder / name
    path.write_text(
        f'format_version = 1\nframework = "tiny"\nframework_version = "{version}"\n'
        f'framework_file = "{rel}"\nauthority = "{authority}"\n{body}',
        encoding="utf-8",
    )
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_share(argv: list[str]) -> Result:
    """Run a share command as ``cli.main`` would: SelfAssessError → message on stderr, exit 2."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return Result(int(exc.code or 0), "", "")
    out_buf, err_buf = io.StringIO(), io.StringIO()
    out = Console(file=out_buf, width=120)
    err = Console(file=err_buf, width=200)
    try:
        code = args.run(args, Consoles(out, err))
    except SelfAssessError as exc:
        print_error(err, exc)
        code = 2
    return Result(code, out_buf.getvalue(), err_buf.getvalue())
