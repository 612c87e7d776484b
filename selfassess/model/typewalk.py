"""Walk plain data against msgspec type information, collecting every problem with its place.

Only used once msgspec has said the data is wrong, so its imports stay off the start-up path.
"""

from __future__ import annotations

import datetime
from typing import Any

import msgspec.inspect as mi

from selfassess.model.errors import Problem
from selfassess.model.validation import join, suggest

_KIND_NAMES: dict[type, str] = {
    mi.StrType: "text",
    mi.IntType: "a whole number",
    mi.FloatType: "a number",
    mi.BoolType: "true or false",
    mi.ListType: "a list",
    mi.DictType: "a table",
    mi.StructType: "a table",
    mi.DateType: "a date (like 2024-03-31)",
    mi.NoneType: "nothing",
    mi.LiteralType: "one of the allowed values",
}


def find_problems(data: Any, type_: type) -> list[Problem]:
    problems: list[Problem] = []
    _walk(data, mi.type_info(type_), "", problems)
    return problems


def describe_value(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _expected(info: mi.Type) -> str:
    if isinstance(info, mi.UnionType):
        names = [_expected(t) for t in info.types if not isinstance(t, mi.NoneType)]
        return " or ".join(dict.fromkeys(names))
    if isinstance(info, mi.LiteralType):
        return "one of " + ", ".join(f'"{v}"' for v in info.values)
    return _KIND_NAMES.get(type(info), "a different kind of value")


def _matches(value: Any, info: mi.Type) -> bool:
    """Whether ``value`` is of the right basic kind for ``info`` (no recursion)."""
    if isinstance(info, mi.AnyType):
        return True
    if isinstance(info, mi.UnionType):
        return any(_matches(value, t) for t in info.types)
    if isinstance(info, mi.NoneType):
        return value is None
    if isinstance(info, mi.BoolType):
        return isinstance(value, bool)
    if isinstance(info, mi.IntType):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(info, mi.FloatType):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(info, mi.StrType):
        return isinstance(value, str)
    if isinstance(info, mi.DateType):
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if isinstance(info, mi.LiteralType):
        return value in info.values
    if isinstance(info, mi.ListType):
        return isinstance(value, list)
    if isinstance(info, mi.DictType | mi.StructType):
        return isinstance(value, dict)
    return True


def _wrong_kind(value: Any, info: mi.Type, place: str) -> Problem:
    options = info.types if isinstance(info, mi.UnionType) else (info,)
    allowed = [str(v) for t in options if isinstance(t, mi.LiteralType) for v in t.values]
    hint = suggest(value, allowed) if allowed and isinstance(value, str) else ""
    return Problem(place, f"expected {_expected(info)}, found {describe_value(value)}{hint}")


def _walk(value: Any, info: mi.Type, place: str, problems: list[Problem]) -> None:
    if isinstance(info, mi.UnionType):
        for option in info.types:
            if _matches(value, option):
                _walk(value, option, place, problems)
                return
        problems.append(_wrong_kind(value, info, place))
        return
    if not _matches(value, info):
        problems.append(_wrong_kind(value, info, place))
        return
    if isinstance(info, mi.StrType):
        if info.min_length and len(value) < info.min_length:
            problems.append(Problem(place, "must not be empty"))
    elif isinstance(info, mi.ListType):
        for index, item in enumerate(value):
            _walk(item, info.item_type, join(place, index), problems)
    elif isinstance(info, mi.DictType):
        for key, item in value.items():
            _walk(item, info.value_type, join(place, key), problems)
    elif isinstance(info, mi.StructType):
        known = [f.encode_name for f in info.fields]
        for key in value:
            if key not in known:
                problems.append(
                    Problem(join(place, key), "is not a known setting here" + suggest(key, known))
                )
        for field in info.fields:
            if field.encode_name in value:
                _walk(
                    value[field.encode_name], field.type, join(place, field.encode_name), problems
                )
            elif field.required:
                problems.append(Problem(join(place, field.encode_name), "is missing"))
    elif isinstance(info, mi.FloatType | mi.IntType):
        # Written as "not (in range)" so that nan, which compares false both ways, is refused.
        if info.ge is not None and not value >= info.ge:
            problems.append(Problem(place, f"must be at least {info.ge}"))
        elif info.le is not None and not value <= info.le:
            problems.append(Problem(place, f"must be at most {info.le}"))
