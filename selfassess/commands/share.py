"""The sharing commands: ``actions``, ``diff``, ``merge`` and ``trend``.

A thin shell like ``cli.py``: it parses arguments, calls the pure core (``actions``,
``diffing``, ``merging``, ``trend``) and prints. User errors are raised as SelfAssessError
(InputError for files), which ``cli.main`` prints and turns into exit code 2. Progress over
several files goes to stderr; results go to stdout or to ``-o``.
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import selfassess
from selfassess.model.errors import InputError, Problem, SelfAssessError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from selfassess.model.actions import ActionList
    from selfassess.model.diffing import CriterionChange, Diff
    from selfassess.model.framework import Framework
    from selfassess.model.merging import MergeResult
    from selfassess.files.store import Loaded
    from selfassess.model.trend import Trend

ACTION_FORMATS = ("text", "json", "csv", "markdown", "html")
DIFF_FORMATS = ("text", "json")
TREND_FORMATS = ("text", "json")

EXIT_OK = 0


# --- parsers ----------------------------------------------------------------------------------


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a date: use YYYY-MM-DD') from None


def add_parsers(
    subparsers: Any, formatter_class: type[argparse.HelpFormatter] | None = None
) -> None:
    """Register ``actions``, ``diff``, ``merge`` and ``trend`` on the main parser's subparsers.

    ``formatter_class`` is the help formatter to use (e.g. rich_argparse's, which the main
    parser only loads when help is asked for); plain argparse help by default.
    """
    formatter = formatter_class or argparse.RawDescriptionHelpFormatter

    def command(name: str, help_: str, description: str = "") -> argparse.ArgumentParser:
        p = subparsers.add_parser(
            name, help=help_, description=description or help_, formatter_class=formatter
        )
        p.add_argument(
            "--version", action="version", version=f"selfassess {selfassess.__version__}"
        )
        return p

    p = command(
        "actions",
        "List every action: owner, due date, status; overdue ones flagged.",
        "List every action of an assessment, soonest due first (undated last). An "
        "action due before today and not done is flagged as overdue.",
    )
    p.add_argument("file", metavar="FILE", help="the assessment file")
    p.add_argument(
        "--format",
        choices=ACTION_FORMATS,
        default="text",
        help="text (default) for the screen; json for other tools; csv, markdown or html to share",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of the screen")
    p.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="count as overdue what is due before this date (default: today)",
    )
    p.set_defaults(func=run_actions)

    p = command(
        "diff",
        "Show what changed between two assessments.",
        "Show what changed from OLD to NEW: ratings improved or declined, criteria newly "
        "rated or cleared, evidence and actions added or removed, and grade changes. "
        "Works across framework versions for criteria whose ids persist.",
    )
    p.add_argument("old", metavar="OLD", help="the earlier assessment file")
    p.add_argument("new", metavar="NEW", help="the later assessment file")
    p.add_argument(
        "--format",
        choices=DIFF_FORMATS,
        default="text",
        help="text (default) for the screen; json for other tools",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of the screen")
    p.set_defaults(func=run_diff)

    p = command(
        "merge",
        "Combine several contributors' assessments into one file.",
        "Combine assessments made by several people against the same framework. "
        "Evidence, actions and notes from every file are kept (identical ones once). "
        "Where files disagree on a rating or confidence, the merged file keeps the lower "
        "one and marks the criterion for review; every conflict is listed.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="the assessment files (two or more)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the merged file to write")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace OUT if it exists (the old version is kept as OUT.bak)",
    )
    p.set_defaults(func=run_merge)

    p = command(
        "trend",
        "Show each judgement's indicative grade across assessments over time.",
        "Show each judgement's indicative grade across several assessment files, in order "
        "of their period, then of the order given.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="the assessment files")
    p.add_argument(
        "--format",
        choices=TREND_FORMATS,
        default="text",
        help="text (default) for the screen; json for other tools",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of the screen")
    p.set_defaults(func=run_trend)


# --- shared -----------------------------------------------------------------------------------


def _load_all(paths: Sequence[str], err: Console, verb: str) -> list[Loaded]:
    """Load every file, with progress on stderr; report every bad file at once."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from selfassess.files.store import load_assessment

    loaded: list[Loaded] = []
    failures: list[InputError] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, console=err, transient=True, disable=len(paths) < 2 or not err.is_terminal
    ) as progress:
        task = progress.add_task(verb, total=len(paths))
        for path in paths:
            progress.update(task, description=f"{verb} {Path(path).name}")
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


def _names(paths: Sequence[str]) -> list[str]:
    """File names to show: the base name, or the path where base names repeat."""
    bases = [Path(p).name for p in paths]
    return [b if bases.count(b) == 1 else str(p) for b, p in zip(bases, paths, strict=True)]


def _check_output(output: str, inputs: Sequence[str]) -> Path:
    """Refuse to write a report over one of the assessment files it was made from."""
    target = Path(output)
    if target.is_dir():
        raise InputError.single(target, "is a folder; give a file name to write")
    for name in inputs:
        try:
            if target.exists() and target.samefile(name):
                raise InputError.single(
                    target, "is one of the assessment files read; choose another file to write"
                )
        except OSError:
            continue
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise InputError.single(
            target, f"cannot be written: the folder {target.parent} does not exist"
        )
    return target


def _emit(
    data: str | bytes, args: argparse.Namespace, inputs: Sequence[str], out: Console, err: Console
) -> None:
    """Write to ``-o`` (atomically) or to stdout, unchanged (no markup, no wrapping)."""
    from selfassess.files.store import write_bytes_atomic

    if getattr(args, "output", None):
        target = _check_output(args.output, inputs)
        write_bytes_atomic(
            target, data if isinstance(data, bytes) else data.encode("utf-8"), backup=False
        )
        err.print(f"Wrote {target}", highlight=False)
        return
    out.file.write(data.decode("utf-8") if isinstance(data, bytes) else data)
    out.file.flush()


def _show(
    renderable: RenderableType,
    args: argparse.Namespace,
    inputs: Sequence[str],
    out: Console,
    err: Console,
) -> None:
    """A Rich renderable to the terminal, or as plain text to ``-o``."""
    if getattr(args, "output", None):
        import io

        from rich.console import Console

        console = Console(record=True, width=120, file=io.StringIO())
        console.print(renderable)
        _emit(console.export_text(), args, inputs, out, err)
        return
    out.print(renderable)


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _t(value: str | None, style: str = "") -> Text:
    """User text as literal, single-line Text (never parsed as markup)."""
    from rich.text import Text

    from selfassess.views.render import plain

    return Text(plain(value or "", single_line=True), style=style)


# --- actions ----------------------------------------------------------------------------------


def run_actions(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``selfassess actions FILE``."""
    from selfassess.model.actions import actions_data, collect_actions
    from selfassess.files.store import load_assessment

    loaded = load_assessment(args.file)
    today = args.today or datetime.date.today()
    actions = collect_actions(loaded.framework, loaded.assessment, today)
    if args.format == "json":
        _emit(_json(actions_data(actions)), args, [args.file], out, err)
    elif args.format == "text":
        _show(actions_table(actions), args, [args.file], out, err)
    else:
        from selfassess.exports import export_actions

        _emit(export_actions(actions, args.format), args, [args.file], out, err)
    return EXIT_OK


def actions_table(actions: ActionList) -> RenderableType:
    """The action list as a Rich table; overdue ones say OVERDUE (not colour alone)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = Text("Actions: ", style="bold") + _t(actions.authority, "bold")
    if actions.period:
        title += Text(" — ") + _t(actions.period)
    summary = Text(
        f"{len(actions.items)} action{'s' if len(actions.items) != 1 else ''}, "
        f"{actions.open} open, "
    )
    summary.append(f"{actions.overdue} overdue", style="bold red" if actions.overdue else "")
    summary.append(f" (as of {actions.today.isoformat()})", style="dim")
    if not actions.items:
        return Group(title, summary, Text("No actions recorded.", style="dim italic"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Action", ratio=3, overflow="fold")
    table.add_column("Owner", ratio=2, overflow="fold")
    table.add_column("Criterion", ratio=2, overflow="fold")
    for item in actions.items:
        due = Text(item.due.isoformat() if item.due else "no date", style="" if item.due else "dim")
        if item.overdue:
            status = Text("OVERDUE", style="bold white on red3")
            status.append(f"\n{item.status_label}", style="red")
        else:
            status = Text(item.status_label, style="green" if item.done else "")
        table.add_row(
            due,
            status,
            _t(item.what, "dim" if item.done else ""),
            _t(item.owner),
            _t(item.criterion_title),
        )
    return Group(title, summary, table)


# --- diff -------------------------------------------------------------------------------------


def run_diff(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``selfassess diff OLD NEW``."""
    from selfassess.model.diffing import diff, diff_data

    old, new = _load_all([args.old, args.new], err, "Reading")
    names = _names([args.old, args.new])
    d = diff((old.framework, old.assessment), (new.framework, new.assessment), (names[0], names[1]))
    if args.format == "json":
        _emit(
            _json(diff_data(d, old.framework, new.framework)), args, [args.old, args.new], out, err
        )
    else:
        _show(diff_view(d, old.framework, new.framework), args, [args.old, args.new], out, err)
    return EXIT_OK


_ARROWS = {
    "improved": ("▲", "green"),
    "declined": ("▼", "red"),
    "newly rated": ("+", "cyan"),
    "cleared": ("−", "yellow"),
    "changed": ("~", "yellow"),
}


def _grade(fw: Framework, grade: str | None, provisional: bool = False) -> Text:
    from rich.text import Text

    from selfassess.views.render import grade_text

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


def _side_text(side: Any) -> Text:
    from rich.text import Text

    text = Text()
    text.append_text(_t(side.name, "bold"))
    details = [x for x in (side.period, f"{side.framework} {side.framework_version}") if x]
    text.append(" ")
    text.append_text(_t(f"({', '.join(details)})"))
    return text


def diff_view(d: Diff, old_fw: Framework, new_fw: Framework) -> RenderableType:
    """What changed, for the terminal: grades first, then criteria by kind of change."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from selfassess.model.diffing import DIRECTIONS
    from selfassess.views.render import rating_badge

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
    grades.add_column("Ofsted (published)", ratio=3)
    for g in d.grades:
        grades.add_row(
            Text(g.title),
            _grade_change(
                old_fw,
                new_fw,
                g.old_indicative,
                g.new_indicative,
                g.indicative_direction,
                g.old_provisional,
                g.new_provisional,
            ),
            _grade_change(old_fw, new_fw, g.old_published, g.new_published, g.published_direction),
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
            line.append(f"  {new_fw.judgement_by_id[c.judgement].label}", style="dim")
            parts.append(line)

    detail = [c for c in d.criteria if _has_detail(c)]
    if detail:
        parts.append(Text("\nEvidence, actions and notes", style="bold"))
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
        or c.notes_changed
        or c.confidence_changed
        or c.na_reason_changed
        or c.review_changed
    )


def _detail_lines(c: CriterionChange) -> list[Text]:
    from rich.text import Text

    from selfassess.model.assessment import ACTION_STATUSES, CONFIDENCE_LEVELS, EVIDENCE_TYPES

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
            old_due = change.old.due.isoformat() if change.old.due else "no date"
            new_due = change.new.due.isoformat() if change.new.due else "no date"
            bits.append(f"due {old_due} → {new_due}")
        if "owner" in change.changes():
            bits.append(f"owner {change.old.owner or 'none'} → {change.new.owner or 'none'}")
        line("~", "yellow", "action: ", change.new.what, "; ".join(bits))
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


# --- merge ------------------------------------------------------------------------------------


def run_merge(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``selfassess merge A B ... -o OUT``."""
    from selfassess.model.merging import merge
    from selfassess.files.store import load_assessment, relative_path, save_assessment

    if len(args.files) < 2:
        raise SelfAssessError("merge needs at least two assessment files")
    target = Path(args.output)
    if target.exists() and not args.force:
        raise InputError.single(
            target,
            "already exists; add --force to replace it (the old version is kept as a .bak file)",
        )
    if target.is_dir():
        raise InputError.single(target, "is a folder; give a file name to write")
    if not (target.parent if str(target.parent) else Path(".")).is_dir():
        raise InputError.single(
            target, f"cannot be created: the folder {target.parent} does not exist"
        )
    loaded = _load_all(args.files, err, "Reading")
    names = _names(args.files)
    first = loaded[0]
    differing = [
        (n, x)
        for n, x in zip(names, loaded, strict=True)
        if (x.framework.id, x.framework.version) != (first.framework.id, first.framework.version)
    ]
    if differing:
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
        framework_path = (first.path.parent / first.assessment.framework_file).resolve()
        merged.framework_file = relative_path(framework_path, target.resolve().parent)
    save_assessment(merged, target, first.framework)
    load_assessment(target)  # what was written must read back: fail loudly now, not next quarter
    out.print(merge_view(result, first.framework, target))
    return EXIT_OK


def merge_view(result: MergeResult, framework: Framework, target: Path) -> RenderableType:
    """What merge did: files read, conflicts (and what was kept), other disagreements."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from selfassess.model.assessment import CONFIDENCE_LEVELS
    from selfassess.views.render import rating_label

    parts: list[RenderableType] = []
    recorded = sum(1 for r in result.assessment.criteria.values() if not r.is_empty())
    head = Text(f"Merged {len(result.contributed)} files into ", style="bold")
    head.append_text(_t(str(target), "bold"))
    head.append(f": {recorded} of {len(framework.criteria)} criteria have a record.")
    parts.append(head)
    for name, count in result.contributed:
        line = Text("  ")
        line.append_text(_t(name))
        line.append(f": {count} criteri{'on' if count == 1 else 'a'}", style="dim")
        parts.append(line)
    if not result.conflicts:
        parts.append(
            Text("No conflicts: the files agree on every rating and confidence.", style="green")
        )
    else:
        reviews = len({c.criterion for c in result.conflicts})
        parts.append(
            Text(
                f"{len(result.conflicts)} conflict{'s' if len(result.conflicts) != 1 else ''}"
                f" on {reviews} criteri{'on' if reviews == 1 else 'a'}: the lower "
                "rating or confidence is kept and the criterion is marked for review "
                "(review = true).",
                style="bold yellow",
            )
        )
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Criterion", ratio=2, overflow="fold")
        table.add_column("What", no_wrap=True)
        table.add_column("Files say", ratio=3)
        table.add_column("Merged file keeps", ratio=2)
        for c in result.conflicts:
            says = Text()
            for n, (name, value) in enumerate(c.values):
                if n:
                    says.append("\n")
                says.append_text(_t(name, "bold"))
                if c.field == "rating":
                    words = rating_label(framework, value)
                elif c.field == "confidence":
                    words = CONFIDENCE_LEVELS.get(value or "", value or "")
                else:
                    words = value or ""
                says.append(": ")
                says.append_text(_t(words))
            table.add_row(_t(c.title), Text(c.field), says, _t(c.kept))
        parts.append(table)
    for warning in result.warnings:
        parts.append(Text("Note: ", style="bold yellow") + _t(warning))
    parts.append(
        Text(
            "Evidence, actions and notes from every file are kept; identical items "
            "once, differing notes each labelled with its file.",
            style="dim",
        )
    )
    return Group(*parts)


# --- trend ------------------------------------------------------------------------------------


def run_trend(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``selfassess trend FILE...``."""
    from selfassess.model.trend import trend, trend_data

    loaded = _load_all(args.files, err, "Scoring")
    names = _names(args.files)
    t = trend([(n, x.framework, x.assessment) for n, x in zip(names, loaded, strict=True)])
    if args.format == "json":
        _emit(_json(trend_data(t)), args, args.files, out, err)
    else:
        _show(trend_view(t), args, args.files, out, err)
    return EXIT_OK


def trend_view(t: Trend) -> RenderableType:
    """Judgements down, assessments across; short grades in colour, arrows for changes."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from selfassess.views.render import grade_text

    several = len(t.authorities) > 1
    title = Text("Indicative grades over time: ", style="bold")
    title.append_text(_t(", ".join(t.authorities), "bold"))
    table = Table(box=box.ROUNDED)
    table.add_column("Judgement", ratio=2, min_width=14)
    for p in t.points:
        header = _t(p.period or "(no period)", "bold")
        header.append("\n")
        header.append_text(_t(p.name, "dim"))
        if several:
            header.append("\n")
            header.append_text(_t(p.authority, "dim"))
        header.append(f"\n{p.rated} of {p.total} rated", style="dim")
        table.add_column(header, ratio=1, min_width=8)
    provisional_seen = False
    for row in t.rows:
        cells: list[Text] = []
        previous: tuple[Framework, str] | None = None
        for p, cell in zip(t.points, row.cells, strict=True):
            fw = t.frameworks[p.name]
            if not cell.present:
                cells.append(Text("n/a", style="dim"))
                continue
            text = grade_text(fw, cell.grade, short=True) if cell.grade else Text("—", "dim")
            if cell.provisional:
                text.append("*", style="italic")
                provisional_seen = True
            if cell.grade and previous is not None and previous[1] in fw.grade_by_id:
                change = fw.grade_rank(cell.grade) - fw.grade_rank(previous[1])
                if change:
                    text.append(
                        " ▲" if change > 0 else " ▼", style="green" if change > 0 else "red"
                    )
            if cell.grade:
                previous = (fw, cell.grade)
            cells.append(text)
        table.add_row(Text(row.title), *cells)
    parts: list[RenderableType] = [title, table]
    legend = _grade_legend(t)
    if legend:
        parts.append(Text(legend, style="dim"))
    if provisional_seen:
        parts.append(
            Text("* provisional: too few criteria rated for a firm indicative grade.", style="dim")
        )
    if several:
        parts.append(Text("Note: these files are for more than one authority.", style="yellow"))
    return Group(*parts)


def _grade_legend(t: Trend) -> str:
    seen: dict[str, str] = {}
    for fw in t.frameworks.values():
        for g in fw.grades:
            if g.short and g.short not in seen:
                seen[g.short] = g.label
    return ", ".join(f"{short} = {label}" for short, label in seen.items())
