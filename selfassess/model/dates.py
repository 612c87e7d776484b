"""Dates as people in England read them ("1 December 2026"), written the same on every system.

``strftime("%-d")`` is glibc's and fails on Windows, where most council staff work, so day
numbers are formatted by hand; month names come from this table, not the system's locale.
"""

from __future__ import annotations

import datetime

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
