"""What a merge did, for the terminal: files read, conflicts and what was kept."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from selfassess.model.assessment import CONFIDENCE_LEVELS
from selfassess.model.framework import Framework
from selfassess.model.merging import MergeResult
from selfassess.views.render import rating_label
from selfassess.views.render import user_line as _t


def merge_view(result: MergeResult, framework: Framework, target: Path) -> RenderableType:
    """What merge did: files read, conflicts (and what was kept), other disagreements."""
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
