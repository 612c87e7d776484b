"""Case audits for the terminal and the app: a grade bar, a one-line summary, a table, questions.

The bar draws the grade distribution in the grades' colours; the counts are always written
beside it, so it reads without colour too.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfassess.model.assessment import Assessment
from selfassess.model.audits import (
    AuditQuestion,
    AuditSummary,
    audit_questions,
    moderation_words,
    summarise_audits,
)
from selfassess.model.dates import date_range
from selfassess.model.framework import Framework
from selfassess.views.render import apportion, plain, rating_badge

GRADE_COLOURS = {
    "outstanding": "dodger_blue2",
    "good": "green4",
    "requires_improvement": "dark_orange",
    "inadequate": "red3",
}


def grade_colour(framework: Framework, grade_id: str) -> str:
    grade = framework.grade_by_id.get(grade_id)
    return GRADE_COLOURS.get(grade_id, grade.colour if grade else "grey50")


def grade_short(framework: Framework, grade_id: str) -> str:
    grade = framework.grade_by_id.get(grade_id)
    if grade is None:
        return plain(grade_id, single_line=True)
    return plain(grade.short or grade.label, single_line=True)


def grade_bar(framework: Framework, summary: AuditSummary, width: int = 16) -> Text:
    """A bar of the audits by grade, best first, each grade's share of ``width`` cells."""
    grades = list(summary.grades.items())
    cells = apportion([n for _, n in grades], width)
    bar = Text()
    for (grade, _), size in zip(grades, cells, strict=True):
        if size:
            bar.append("█" * size, style=grade_colour(framework, grade))
    return bar


def grade_counts(framework: Framework, summary: AuditSummary) -> Text:
    """E.g. "O 2 · G 9 · RI 4 · I 1"."""
    text = Text()
    for n, (grade, count) in enumerate(summary.grades.items()):
        if n:
            text.append(" · ", style="dim")
        text.append(grade_short(framework, grade), style=f"bold {grade_colour(framework, grade)}")
        text.append(f" {count}")
    return text


def summary_line(framework: Framework, summary: AuditSummary) -> Text:
    """E.g. "14 cases, 3 August 2017 to 20 June 2018; 3 moderated; …"."""
    text = Text(f"{summary.cases} case{'s' if summary.cases != 1 else ''}")
    if summary.first and summary.last:
        text.append(f", {date_range(summary.first, summary.last)}")
    text.append(f"; {moderation_words(summary)}", style="dim")
    return text


def audit_block(framework: Framework, summary: AuditSummary, width: int = 16) -> Text:
    """The summary of a criterion's audits on two lines: bar and counts, then cases and dates."""
    text = grade_bar(framework, summary, width)
    text.append(" ")
    text.append_text(grade_counts(framework, summary))
    text.append("\n")
    text.append_text(summary_line(framework, summary))
    return text


def audit_import_table(
    framework: Framework, assessment: Assessment, criterion_ids: Iterable[str]
) -> RenderableType:
    """What each criterion's audits now say, after an import, in framework order."""
    wanted = set(criterion_ids)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Criterion", overflow="fold", ratio=3)
    table.add_column("Rating", no_wrap=True)
    table.add_column("Audits", no_wrap=True)
    table.add_column("Grades", no_wrap=True)
    for cid in framework.criteria:
        if cid not in wanted:
            continue
        record = assessment.record(cid)
        summary = summarise_audits(framework, record.audits)
        bar = grade_bar(framework, summary, 10)
        bar.append(" ")
        bar.append_text(grade_counts(framework, summary))
        table.add_row(
            Text(plain(framework.criteria[cid].title, single_line=True)),
            rating_badge(framework, record.rating),
            Text(str(summary.cases)),
            bar,
        )
    return table


def questions_block(framework: Framework, assessment: Assessment) -> RenderableType | None:
    """Ratings that the audits question (a question, not a verdict), or None when none do."""
    questions = find_questions(framework, assessment)
    if not questions:
        return None
    parts: list[RenderableType] = [
        Text(
            "Questions from the case audits — the rating and the audits seem to differ. "
            "Audits sample cases; check which tells the truer story:",
            style="bold yellow",
        )
    ]
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for q in questions:
        text = Text(plain(q.title, single_line=True), style="bold")
        text.append(f" — {plain(q.text, single_line=True)}")
        grid.add_row(Text("  ?", style="bold yellow"), rating_badge(framework, q.rating), text)
    parts.append(grid)
    return Group(*parts)


def find_questions(framework: Framework, assessment: Assessment) -> list[AuditQuestion]:
    """``audit_questions`` for an assessment."""
    records = {cid: r.audits for cid, r in assessment.criteria.items() if r.audits}
    ratings = {cid: r.rating for cid, r in assessment.criteria.items()}
    return audit_questions(framework, records, ratings)
