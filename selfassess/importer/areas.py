"""The "What needs to improve" list: its items, and their national framework tags.

The list follows the summary and ends at the first judgement's own section; a report that is
outstanding in every judgement may have no list at all. Items are bulleted (with whatever glyph
the PDF gives) or plain sentences, wrapped over lines and pages, with a footnote possibly in
between. Tags such as "(outcome 3, national framework)" are taken out of the text into
``NationalFrameworkTag`` values.
"""

from __future__ import annotations

import re
from typing import Literal

from selfassess.importer.grade_table import Vocabulary
from selfassess.importer.text import (
    MAX_PAGES,
    NOT_ILACS,
    Pages,
    bullet_text,
    join_lines,
)
from selfassess.model.errors import InputError
from selfassess.model.linking import NationalFrameworkTag

_AFI_HEADING = re.compile(
    r"^what\s+needs\s+to\s+improve\b[^a-z0-9]*(?P<note>\d{1,2})?\s*[?:.]?\s*$", re.IGNORECASE
)


_NUMBERED_PARAGRAPH = re.compile(r"^\d{1,3}\.\s+\S")


_TAG = re.compile(r"\s*\([^()]*\bnational\s+framework\s*\)", re.IGNORECASE)


def read_areas(
    reader: Pages,
    vocabulary: Vocabulary,
    page: int,
    line: int,
    source: str,
    *,
    all_outstanding: bool,
) -> list[tuple[str, tuple[NationalFrameworkTag, ...]]]:
    """The items of "What needs to improve", read from after the table until the list ends."""
    found = _find_afi_heading(reader, vocabulary, page, line)
    if found is False and all_outstanding:
        return []  # outstanding in every judgement: nothing needs to improve
    if isinstance(found, bool):
        raise InputError.single(
            source or None,
            f'no "What needs to improve" list found in the first {min(reader.read, MAX_PAGES)} '
            f"page{'s' if reader.read != 1 else ''} — {NOT_ILACS}",
        )
    page, line, note = found
    items: list[list[str]] = []
    bulleted: bool | None = None
    blank_since_item = False
    while True:
        lines = reader.get(page)
        if lines is None:
            break
        ended = False
        for text in lines[line:]:
            if not text:
                blank_since_item = bool(items)
                continue
            if note and re.match(rf"{note}\s+\S", text) and items:
                break  # the heading's footnote at the foot of the page: skip to the next page
            bullet = bullet_text(text)
            if bulleted is None:
                bulleted = bullet is not None
            elif bullet is not None and not bulleted and _is_lead_in(items):
                items, bulleted = [], True  # "… should improve:" introduced the bullets
            if bullet is not None and bulleted:
                if bullet:
                    items.append([bullet])
                else:
                    items.append([])  # bullet glyph alone; its text is on the next line
                blank_since_item = False
                continue
            if (
                vocabulary.is_heading(text)
                or _NUMBERED_PARAGRAPH.match(text)
                or _AFI_HEADING.match(text)
            ):
                ended = True
                break
            if not items:
                items.append([text])
                continue
            previous = items[-1][-1] if items[-1] else ""
            sentence_over = previous.endswith((".", ")", ".)"))
            starts_upper = text[:1].isupper()
            if sentence_over and starts_upper and blank_since_item and bulleted:
                ended = True  # a new paragraph after the list
                break
            if not bulleted and sentence_over and starts_upper:
                items.append([text])  # no bullets at all: each item is a sentence on its own lines
                continue
            items[-1].append(text)
            blank_since_item = False
        if ended:
            break
        page, line = page + 1, 0
    areas = [_tidy_area(join_lines(item)) for item in items]
    areas = [area for area in areas if area[0]]
    if not areas:
        raise InputError.single(source or None, 'the "What needs to improve" list has no items')
    return areas


def _is_lead_in(items: list[list[str]]) -> bool:
    """The list so far is one line introducing bullets, such as "Leaders should improve:"."""
    return len(items) == 1 and bool(items[0]) and items[0][-1].endswith(":")


def _find_afi_heading(
    reader: Pages, vocabulary: Vocabulary, page: int, line: int
) -> tuple[int, int, str] | bool:
    """(page, line after the heading, footnote marker or "") of "What needs to improve".

    False when the first judgement's own section starts first (the list, when there is one,
    comes before it); True when the pages ran out.
    """
    while True:
        lines = reader.get(page)
        if lines is None:
            return True
        for i in range(line, len(lines)):
            match = _AFI_HEADING.match(lines[i])
            if match:
                return page, i + 1, match["note"] or ""
            if _is_section_heading(lines, i, vocabulary):
                return False
        page, line = page + 1, 0


def _is_section_heading(lines: list[str], i: int, vocabulary: Vocabulary) -> bool:
    """A judgement's section heading, which ends with its grade after a colon (maybe wrapped):
    "The experiences and progress of children who need help and / protection: outstanding"."""
    if not vocabulary.is_heading(lines[i]):
        return False
    text = " ".join(lines[i : i + 3])
    return (
        re.search(r":\s*(?:outstanding|good|requires\s+improvement|inadequate)\b", text, re.I)
        is not None
    )


_TAG_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _tags_in(tag: str) -> tuple[NationalFrameworkTag, ...] | None:
    """The tags in one bracket ("outcome 3, national framework"; "outcomes 1 and 4, …"), or
    None when its wording is not understood (then the bracket stays in the area's text)."""
    body = re.sub(r",?\s*national\s+framework\s*$", "", tag.strip("() "), flags=re.I)
    tags: list[NationalFrameworkTag] = []
    for part in re.split(r"\s*(?:,|;|\band\b)\s*", body, flags=re.I):
        match = re.fullmatch(
            r"(outcome|enabler|principle)s?\s+(\d{1,2}|[a-z]+)", part.strip(), re.I
        )
        if match is None:
            number = part.strip()
            if tags and (number.isdigit() or number.lower() in _TAG_NUMBER):  # "outcomes 1 and 4"
                value = int(number) if number.isdigit() else _TAG_NUMBER[number.lower()]
                tags.append(NationalFrameworkTag(tags[-1].kind, value))
                continue
            return None
        kind: Literal["outcome", "enabler", "principle"] = (
            "outcome"
            if match[1].lower() == "outcome"
            else "enabler"
            if match[1].lower() == "enabler"
            else "principle"
        )
        raw = match[2].lower()
        if not raw.isdigit() and raw not in _TAG_NUMBER:
            return None
        tags.append(NationalFrameworkTag(kind, int(raw) if raw.isdigit() else _TAG_NUMBER[raw]))
    return tuple(tags) or None


def _tidy_area(text: str) -> tuple[str, tuple[NationalFrameworkTag, ...]]:
    """An item without its national-framework tags such as "(outcome 1, national framework)",
    ending with a full stop, and the tags it had."""
    tags: list[NationalFrameworkTag] = []

    def take(match: re.Match[str]) -> str:
        found = _tags_in(match.group(0))
        if found is None:
            return match.group(0)
        tags.extend(found)
        return ""

    text = _TAG.sub(take, text)
    text = re.sub(r"\s+([.,;])", r"\1", text)
    text = re.sub(r"\.\.$", ".", text).strip()
    if text and not text.endswith((".", "?", "!")):
        text += "."  # some reports leave the full stop off items ended by a tag
    return text, tuple(tags)
