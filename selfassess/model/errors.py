"""Domain errors that carry the file and the place of each problem, for people to read."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path


class Problem(NamedTuple):
    """One thing wrong with an input file, located as precisely as we can."""

    place: str
    """Where in the file, e.g. ``judgements[1].criteria[4].rating`` (empty: the whole file)."""
    message: str

    def describe(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class SelfAssessError(Exception):
    """Base class for errors a user can act on (shown without a traceback)."""


class InputError(SelfAssessError):
    """A file could not be used; lists every problem found in it."""

    def __init__(self, file: str | Path | None, problems: list[Problem]) -> None:
        self.file = str(file) if file is not None else None
        self.problems = problems
        super().__init__(self.summary())

    def summary(self) -> str:
        lines = []
        prefix = f"{self.file}: " if self.file else ""
        for problem in self.problems:
            lines.append(prefix + problem.describe())
        return "\n".join(lines)

    @classmethod
    def single(cls, file: str | Path | None, message: str, place: str = "") -> InputError:
        return cls(file, [Problem(place, message)])
