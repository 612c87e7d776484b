"""Dates as people in England type and read them (``selfassess.model.dates``)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfassess.model.dates import MONTHS, DateError, long_date, parse_date

days = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2199, 12, 31))


@given(days)
def test_every_usual_form_reads_back_as_the_same_day(day: datetime.date) -> None:
    month = MONTHS[day.month - 1]
    for typed in (
        long_date(day),  # 15 January 2027
        f"{day.day} {month[:3]} {day.year}",  # 15 Jan 2027
        f"{day.day:02d}/{day.month:02d}/{day.year}",  # 15/01/2027
        f"{day.day}/{day.month}/{day.year}",  # 15/1/2027
        day.isoformat(),  # 2027-01-15
        f"  {day.day}  {month.upper()}   {day.year} ",  # spaces and capitals do not matter
    ):
        assert parse_date(typed) == day, typed


@given(days)
def test_a_day_that_does_not_exist_is_refused_in_words(day: datetime.date) -> None:
    if day.day <= 28:
        return
    with pytest.raises(DateError, match="not a real date"):
        parse_date(f"{day.day + 3}/{day.month}/{day.year}")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15 Jan 2027", datetime.date(2027, 1, 15)),
        ("15 January 2027", datetime.date(2027, 1, 15)),
        ("15th Sept 2027", datetime.date(2027, 9, 15)),
        ("1 Dec. 2026", datetime.date(2026, 12, 1)),
        ("15/01/2027", datetime.date(2027, 1, 15)),
        ("15.01.2027", datetime.date(2027, 1, 15)),
        ("2027-01-15", datetime.date(2027, 1, 15)),
        ("", None),
    ],
)
def test_examples(typed: str, expected: datetime.date | None) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("15 Jab 2027", '"Jab" is not a month'),
        ("January 2027", "for example, 15 January 2027"),
        ("31/02/2027", "not a real date"),
        ("01/15/2027", "not a real date"),  # month first is not how it is written here
        ("27-01-15", "for example"),
    ],
)
def test_wrong_dates_say_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse_date(typed)
