"""What changed between two assessments, for the terminal."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfassess.model.assessment import ACTION_STATUSES, CONFIDENCE_LEVELS, EVIDENCE_TYPES
from selfassess.model.dates import long_date
from selfassess.model.diffing import DIRECTIONS, CriterionChange, Diff, Side
from selfassess.model.framework import Framework
from selfassess.views.render import grade_text, plain, rating_badge
from selfassess.views.render import user_line as _t

_ARROWS = {
    "improved": ("▲", "green"),
    "declined": ("▼", "red"),
    "newly rated": ("+", "cyan"),
    "cleared": ("−", "yellow"),
    "changed": ("~", "yellow"),
}


def _grade(fw: Framework, grade: str | None, provisional: bool = False) -> Text:
    """A grade in its colour, or a dash where there is none."""
    return grade_text(fw, grade, provisional=provisional) if grade else Text("—", style="dim")


def _grade_change(
    old_fw: Framework,
    new_fw: Framework,
    old: str | None,
    new: str | None,
    direction: str | None,
    old_prov: bool = False,
    new_prov: bool = False,
) -> Text:
    """A grade's change in words: "unchanged", or old → new with the direction."""
    if direction is None and old_prov == new_prov:
        text = _grade(new_fw, new, new_prov)
        text.append("  unchanged", style="dim")
        return text
    text = _grade(old_fw, old, old_prov)
    text.append(" → ")
    text.append_text(_grade(new_fw, new, new_prov))
    if direction:
        arrow, style = _ARROWS[direction]
        text.append(f"  {arrow} {direction}", style=style)
    return text


def _side_text(side: Side) -> Text:
    """A file's name, with its period and framework."""
    text = Text()
    text.append_text(_t(side.name, "bold"))
    details = [x for x in (side.period, f"{side.framework} {side.framework_version}") if x]
    text.append(" ")
    text.append_text(_t(f"({', '.join(details)})"))
    return text


def diff_view(d: Diff, old_fw: Framework, new_fw: Framework) -> RenderableType:
    """What changed, for the terminal: grades first, then criteria by kind of change."""
    parts: list[RenderableType] = []
    heading = Text("Changes from ", style="bold")
    heading.append_text(_side_text(d.old))
    heading.append(" to ", style="bold")
    heading.append_text(_side_text(d.new))
    parts.append(heading)
    if d.old.authority != d.new.authority:
        parts.append(
            Text("Note: the two files are for different authorities: ", style="yellow")
            + _t(d.old.authority)
            + Text(" and ")
            + _t(d.new.authority)
        )
    if d.empty:
        parts.append(Text("No changes.", style="green"))
        return Group(*parts)

    grades = Table(
        box=box.SIMPLE_HEAD,
        title="Grades",
        title_justify="left",
        title_style="bold",
        pad_edge=False,
    )
    grades.add_column("Judgement", ratio=2)
    grades.add_column("Self-assessed (indicative)", ratio=3)
    # Published grades only where a framework names who publishes them (e.g. Ofsted).
    who = plain(new_fw.inspectorate or old_fw.inspectorate, single_line=True)
    if who:
        grades.add_column(f"{who} (published)", ratio=3)
    for g in d.grades:
        grades.add_row(
            _t(g.title),
            _grade_change(
                old_fw,
                new_fw,
                g.old_indicative,
                g.new_indicative,
                g.indicative_direction,
                g.old_provisional,
                g.new_provisional,
            ),
            *(
                [
                    _grade_change(
                        old_fw, new_fw, g.old_published, g.new_published, g.published_direction
                    )
                ]
                if who
                else []
            ),
        )
    parts.append(grades)

    titles = {
        "declined": "Ratings declined",
        "improved": "Ratings improved",
        "newly rated": "Newly rated",
        "cleared": "Ratings cleared (now not rated)",
        "changed": "Ratings changed (to or from not applicable)",
    }
    for direction in DIRECTIONS:
        changes = d.by_direction(direction)
        if not changes:
            continue
        arrow, style = _ARROWS[direction]
        parts.append(Text(f"\n{titles[direction]} ({len(changes)})", style=f"bold {style}"))
        for c in changes:
            line = Text(f"  {arrow} ", style=style)
            line.append_text(rating_badge(old_fw, c.old_rating))
            line.append(" → ")
            line.append_text(rating_badge(new_fw, c.new_rating))
            line.append(" ")
            line.append_text(_t(c.title, "bold"))
            line.append("  ")
            line.append_text(_t(new_fw.judgement_by_id[c.judgement].label, "dim"))
            parts.append(line)

    detail = [c for c in d.criteria if _has_detail(c)]
    if detail:
        parts.append(Text("\nEvidence, case audits, actions and notes", style="bold"))
    for c in detail:
        parts.append(_t(c.title, "bold"))
        parts.extend(_detail_lines(c))

    for label, items, fw in (
        ("Only in the old file's framework", d.only_old, old_fw),
        ("Only in the new file's framework", d.only_new, new_fw),
    ):
        if not items:
            continue
        parts.append(Text(f"\n{label} ({len(items)}) — not compared", style="bold"))
        for s in items:
            line = Text("  ")
            line.append_text(rating_badge(fw, s.rating))
            line.append(" ")
            line.append_text(_t(s.title))
            line.append(f"  {s.criterion}", style="dim")
            if s.recorded:
                line.append("  (has a record)", style="yellow")
            parts.append(line)
    return Group(*parts)


def _has_detail(c: CriterionChange) -> bool:
    return bool(
        c.evidence_added
        or c.evidence_removed
        or c.actions_added
        or c.actions_removed
        or c.actions_changed
        or c.audits_added
        or c.audits_removed
        or c.audits_changed
        or c.notes_changed
        or c.confidence_changed
        or c.na_reason_changed
        or c.review_changed
    )


def _audit_counts(c: CriterionChange) -> str:
    """Case audits in counts, e.g. "12 added, 1 regraded" (they are many, and anonymous)."""
    counts = []
    for n, what in (
        (len(c.audits_added), "added"),
        (len(c.audits_removed), "removed"),
        (len(c.audits_changed), "changed"),
    ):
        if n:
            counts.append(f"{n} {what}")
    return ", ".join(counts)


def _detail_lines(c: CriterionChange) -> list[Text]:
    """One line per change to a criterion's confidence, evidence, actions, notes or review,
    and one for its case audits."""
    lines: list[Text] = []

    def line(mark: str, style: str, label: str, text: str, extra: str = "") -> None:
        out = Text(f"  {mark} ", style=style)
        out.append(label, style="dim")
        out.append_text(_t(text))
        if extra:
            out.append("  ")
            out.append_text(_t(f"({extra})", "dim"))
        lines.append(out)

    if c.confidence_changed:
        old = CONFIDENCE_LEVELS.get(c.old_confidence or "", "not set")
        new = CONFIDENCE_LEVELS.get(c.new_confidence or "", "not set")
        line("~", "yellow", "confidence: ", f"{old.lower()} → {new.lower()}")
    for e in c.evidence_added:
        line("+", "green", "evidence added: ", e.what, EVIDENCE_TYPES.get(e.type, e.type))
    for e in c.evidence_removed:
        line("−", "red", "evidence removed: ", e.what, EVIDENCE_TYPES.get(e.type, e.type))
    for x in c.actions_added:
        line("+", "green", "action added: ", x.what, ACTION_STATUSES.get(x.status, x.status))
    for x in c.actions_removed:
        line("−", "red", "action removed: ", x.what, ACTION_STATUSES.get(x.status, x.status))
    for change in c.actions_changed:
        bits = []
        if "status" in change.changes():
            bits.append(
                f"{ACTION_STATUSES[change.old.status]} → {ACTION_STATUSES[change.new.status]}"
            )
        if "due" in change.changes():
            old_due = long_date(change.old.due) if change.old.due else "no date"
            new_due = long_date(change.new.due) if change.new.due else "no date"
            bits.append(f"due {old_due} → {new_due}")
        if "owner" in change.changes():
            bits.append(f"owner {change.old.owner or 'none'} → {change.new.owner or 'none'}")
        line("~", "yellow", "action: ", change.new.what, "; ".join(bits))
    audits = _audit_counts(c)
    if audits:
        line("~", "yellow", "case audits: ", audits)
    if c.notes_changed:
        line("~", "yellow", "", "notes changed")
    if c.na_reason_changed:
        line("~", "yellow", "", "reason for not applicable changed")
    if c.review_changed:
        line(
            "~",
            "yellow",
            "",
            "now marked for review" if c.review else "no longer marked for review",
        )
    return lines
