"""The frameworks to choose from when starting an assessment: title, dates, size and any
caveat."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from selfassess.model.dates import long_date
from selfassess.model.framework import Framework
from selfassess.views.render import plain


@dataclass(frozen=True, slots=True)
class FrameworkChoice:
    """A framework the user can start an assessment against, and where it comes from."""

    framework: Framework
    file: Path | None = None
    """The framework's own file when it is not bundled with selfassess (then the assessment
    records where it is)."""


def _long_date(value: datetime.date) -> str:
    return long_date(value)  # month names from our own table, not the system's locale


def dates_text(framework: Framework) -> str:
    """When a framework applies, in words, e.g. "from 1 April 2026" or "1 January 2018 to …"."""
    start = _long_date(framework.applies_from)
    if framework.applies_until is None:
        return f"In use from {start}"
    return f"In use from {start} to {_long_date(framework.applies_until)}"


def current_choice(choices: list[FrameworkChoice], today: datetime.date) -> int:
    """The framework in force today (else the newest): the one most users want."""
    for index, choice in enumerate(choices):
        fw = choice.framework
        if fw.applies_from <= today and (fw.applies_until is None or today <= fw.applies_until):
            return index
    newest = max(range(len(choices)), key=lambda i: choices[i].framework.applies_from, default=0)
    return newest


class FrameworkList(OptionList):
    """One option per framework: its title, then when it applies and how many criteria, then
    its caveat if it has one."""

    def __init__(
        self, choices: list[FrameworkChoice], *, today: datetime.date, id: str | None = None
    ) -> None:
        super().__init__(*(self._option(c) for c in choices), id=id)
        self.choices = choices
        self._start = current_choice(choices, today) if choices else None

    @staticmethod
    def _option(choice: FrameworkChoice) -> Option:
        fw = choice.framework
        text = Text(plain(fw.title, single_line=True), style="bold")
        details = f"{dates_text(fw)} · {len(fw.criteria)} criteria"
        text.append(f"\n{details}", style="dim")
        if fw.caveat.strip():
            text.append(f"\nNote: {plain(fw.caveat, single_line=True)}", style="not bold italic")
        return Option(text)

    def on_mount(self) -> None:
        if self._start is not None:
            self.highlighted = self._start

    @property
    def chosen(self) -> FrameworkChoice | None:
        if self.highlighted is None or not self.choices:
            return None
        return self.choices[self.highlighted]
