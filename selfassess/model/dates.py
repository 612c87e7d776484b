"""Dates as people in England read them ("1 December 2026"), written the same on every system.

``strftime("%-d")`` is glibc's and fails on Windows, where most council staff work, so day
numbers are formatted by hand; month names come from this table, not the system's locale.
"""

from __future__ import annotations

import datetime
import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: datetime.date) -> str:
    """E.g. "1 December 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date_time(moment: datetime.datetime) -> str:
    """E.g. "1 December 2026 at 14:05"."""
    return f"{long_date(moment)} at {moment.hour:02d}:{moment.minute:02d}"


def month_year(day: datetime.date) -> str:
    """E.g. "December 2026"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def date_range(start: datetime.date, end: datetime.date) -> str:
    """Two dates with what they share said once: "3 to 14 March 2025", "24 February to 7 March
    2025", "8 December 2025 to 9 January 2026"."""
    if start.year != end.year:
        return f"{long_date(start)} to {long_date(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]} to {long_date(end)}"
    if start.day != end.day:
        return f"{start.day} to {long_date(end)}"
    return long_date(end)


_MONTH_NUMBERS = {name.casefold(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS.update({name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)})
_MONTH_NUMBERS["sept"] = 9
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")

DATE_FORMS = "15 January 2027, 15 Jan 2027, 15/01/2027 or 2027-01-15"
"""The ways a date may be typed, as said to the user."""


class DateError(ValueError):
    """Text that is not a date; the message says what to type instead."""


def parse_date(text: str) -> datetime.date | None:
    """A date as people in England type it; blank is no date.

    Accepts "15 January 2027", "15 Jan 2027" (also "15th Jan. 2027"), "15/01/2027" (day first,
    also with dots or hyphens) and "2027-01-15". Raises ``DateError`` saying what to type.
    """
    text = " ".join(text.split())
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _WORDS.fullmatch(text):
        number = _MONTH_NUMBERS.get(match.group(2).casefold())
        if number is None:
            raise DateError(
                f'"{text}": "{match.group(2)}" is not a month. Type, for example, {DATE_FORMS}.'
            )
        day, month, year = int(match.group(1)), number, int(match.group(3))
    else:
        raise DateError(f'"{text}" is not a date. Type, for example, {DATE_FORMS}.')
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateError(f'"{text}" is not a real date (check the day and the month).') from None
