"""Typed decoding of TOML data into msgspec structs, collecting every problem with its place.

msgspec converts valid data in one fast C pass but stops at the first problem. Users fixing a
hand-edited file want the whole list, so when conversion fails we walk the data against the
structs' type information and report every unknown key (with a "did you mean"), missing key and
wrong type, each with its place (``judgements[1].criteria[4].rating``).
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from selfassess.model.errors import Problem

T = TypeVar("T")


def join(place: str, key: str | int) -> str:
    """Extend a place with a key or list index."""
    if isinstance(key, int):
        return f"{place}[{key}]"
    if not key.replace("_", "").replace("-", "").isalnum():
        key = f'"{key}"'
    return f"{place}.{key}" if place else key


def convert(data: Any, type_: type[T]) -> tuple[T | None, list[Problem]]:
    """Convert plain data to ``type_``; on failure return every problem found."""
    try:
        return msgspec.convert(data, type_), []
    except msgspec.ValidationError as exc:
        from selfassess.model.typewalk import find_problems  # only needed when something is wrong

        problems = find_problems(data, type_)
        if not problems:  # a rule the walker does not model; keep msgspec's own message
            problems.append(Problem("", str(exc)))
        return None, problems


def suggest(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """Return ' (did you mean "x"?)' for the closest choice, or ''."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f' (did you mean "{close[0]}"?)' if close else ""
