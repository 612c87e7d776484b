"""What every export shares: labels, letters and colours of ratings and grades, as plain strings.

Exports build on ``summary.report_data`` (the one source of report content) and this module, so
a Markdown, HTML, CSV or Word report says the same things in the same words. Colours are Rich
colour names in the framework; here they become hex for HTML and Word.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from rich.color import Color, ColorParseError

from selfassess.model.assessment import ACTION_STATUSES, CONFIDENCE_LEVELS, EVIDENCE_TYPES
from selfassess.model.dates import long_date
from selfassess.model.framework import NOT_APPLICABLE, Framework
from selfassess.views.render import (
    NOT_APPLICABLE_LETTER,
    NOT_RATED_LETTER,
    plain,
    rating_label,
    rating_letter,
)

GREY = "#6b6b6b"
LIGHT_GREY = "#d9d9d9"


LIMITING_MARK = "◆"
LIMITING_KEY = "◆ = limiting criterion"
"""The bare key; ``labels.limiting_key(framework)`` says what a limiting criterion does."""


def one_line(text: str | None) -> str:
    """User text on one line with control characters removed."""
    return plain(text or "", single_line=True)


def hex_colour(name: str, default: str = GREY) -> str:
    """A Rich colour name (or hex) as ``#rrggbb``."""
    try:
        return Color.parse(name).get_truecolor().hex
    except ColorParseError:
        return default


def _luminance(hex_value: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_value[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG contrast)."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


@dataclass(frozen=True, slots=True)
class Mark:
    """A rating or grade as shown: letter, words and colours."""

    letter: str
    label: str
    background: str
    foreground: str


def rating_mark(framework: Framework, rating: str | None) -> Mark:
    level = framework.level_by_id.get(rating or "")
    background = hex_colour(level.colour) if level else (LIGHT_GREY)
    return Mark(
        rating_letter(framework, rating),
        rating_label(framework, rating),
        background,
        text_on(background),
    )


def grade_mark(framework: Framework, grade: str | None) -> Mark:
    if grade is None:
        return Mark("", "No grade yet", LIGHT_GREY, "#000000")
    found = framework.grade_by_id.get(grade)
    # The framework's own colour, as the terminal shows it (render.grade_text).
    colour = found.colour if found and found.colour != "default" else "grey50"
    background = hex_colour(colour)
    # Without a short form, the label's initials ("Not yet secure": "NYS"), never the id
    label = framework.grade_label(grade)
    short = (found.short if found else "") or "".join(w[0] for w in label.split()).upper() or grade
    return Mark(short, framework.grade_label(grade), background, text_on(background))


def grade_words(framework: Framework, grade: str | None, provisional: bool = False) -> str:
    if grade is None:
        return "No grade yet"
    return framework.grade_label(grade) + (" (provisional)" if provisional else "")


def bar_segments(framework: Framework, row: dict[str, Any]) -> list[tuple[Mark, int]]:
    """A judgement's criteria by rating, lowest first, then not applicable and not rated."""
    segments = [
        (rating_mark(framework, level.id), row["counts"].get(level.id, 0))
        for level in framework.rating_levels
    ]
    segments.append((rating_mark(framework, NOT_APPLICABLE), row["not_applicable"]))
    segments.append((rating_mark(framework, None), row["total"] - row["rated"]))
    return segments


def counts_words(framework: Framework, row: dict[str, Any]) -> str:
    """E.g. "R 0, A 1, G 3, B 0, not rated 2"."""
    parts = [
        f"{level.letter} {row['counts'].get(level.id, 0)}" for level in framework.rating_levels
    ]
    if row["not_applicable"]:
        parts.append(f"not applicable {row['not_applicable']}")
    not_rated = row["total"] - row["rated"]
    if not_rated:
        parts.append(f"not rated {not_rated}")
    return ", ".join(parts)


def rated_words(row: dict[str, Any]) -> str:
    return f"{row['rated']} of {row['total']} rated"


def scale_key(framework: Framework) -> str:
    """The letters used, e.g. "R = Red, A = Amber, G = Green, – = not applicable, · = not rated"."""
    parts = [f"{level.letter} = {level.label}" for level in framework.rating_levels]
    if framework.allow_not_applicable:
        parts.append(f"{NOT_APPLICABLE_LETTER} = not applicable")
    parts.append(f"{NOT_RATED_LETTER} = not rated")
    return ", ".join(parts)


def confidence_words(confidence: str | None) -> str:
    return CONFIDENCE_LEVELS.get(confidence or "", "")


def evidence_details(evidence: dict[str, Any], *, with_type: bool = True) -> str:
    """E.g. "Case audit; 28 March 2018; ◷ stale; Head of QA; QA SharePoint"."""
    details = [EVIDENCE_TYPES.get(evidence["type"], evidence["type"])] if with_type else []
    if evidence["date"]:
        details.append(date_words(evidence["date"]))
    if evidence.get("stale"):
        details.append(STALE_WORDS)
    if evidence["owner"]:
        details.append(one_line(evidence["owner"]))
    if evidence["where"]:
        details.append(one_line(evidence["where"]))
    return "; ".join(details)


def action_details(action: dict[str, Any]) -> str:
    """E.g. "In progress; Front door team manager; due 30 September 2018"."""
    details = [ACTION_STATUSES.get(action["status"], action["status"])]
    if action["owner"]:
        details.append(one_line(action["owner"]))
    if action["due"]:
        details.append(f"due {date_words(action['due'])}")
    return "; ".join(details)


def date_words(value: str | None) -> str:
    """An ISO date as "25 June 2018"."""
    if not value:
        return ""
    return long_date(datetime.date.fromisoformat(value))


def header_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs under the title: framework, period, assessors, the published report
    (e.g. Ofsted's; none when the framework names no inspectorate)."""
    fw = data["framework"]
    framework = f"{one_line(fw['title'])} ({one_line(fw['id'])} {one_line(fw['version'])})"
    if fw["assessed_against_version"] != fw["version"]:
        framework += f" — made against version {one_line(fw['assessed_against_version'])}"
    lines = [("Framework", framework)]
    if fw.get("caveat"):
        lines.append(("Note", one_line(fw["caveat"])))
    if data["period"]:
        lines.append(("Period", one_line(data["period"])))
    if data["assessors"]:
        lines.append(("Assessors", one_line(", ".join(data["assessors"]))))
    if data.get("review_date"):
        lines.append(("Review date", date_words(data["review_date"])))
    report = data["published_report"]
    if report is not None and (
        report["source"] or report["published"] or report["inspection_start"]
    ):
        text = one_line(report["source"]) or "published grades entered by hand"
        if report["inspection_start"] and report["inspection_end"]:
            text += (
                f", inspected {date_words(report['inspection_start'])} to "
                f"{date_words(report['inspection_end'])}"
            )
        if report["published"]:
            text += f", published {date_words(report['published'])}"
        if report["lead_inspector"]:
            text += f", lead inspector {one_line(report['lead_inspector'])}"
        inspectorate = one_line(fw.get("inspectorate", ""))
        lines.append((f"{inspectorate} report" if inspectorate else "Published report", text))
    return lines


def judgement_labels(framework: Framework) -> dict[str, str]:
    """Judgement id → the short label used in tables (overall included)."""
    return {jid: framework.judgement_label(jid) for jid in framework.published_judgement_ids()}


def criteria_by_judgement(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for criterion in data["criteria"]:
        grouped.setdefault(criterion["judgement"], []).append(criterion)
    return grouped


BLIND_SPOTS_TITLE = "Possible blind spots"
# The words around blind spots depend on the framework: model.labels.blind_spots_lead and
# no_blind_spots.


STALE_MARK = "◷"
"""Shown beside stale evidence, with the word "stale" (as the terminal report and the app)."""
STALE_WORDS = f"{STALE_MARK} stale"
STALE_TITLE = "Evidence to refresh"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def stale_lead(stale: dict[str, Any]) -> str:
    """E.g. "Evidence dated before 1 December 2025 (older than 12 months) is stale, as of
    1 December 2026."."""
    return (
        f"Evidence dated before {date_words(stale['stale_before'])} (older than "
        f"{_plural(stale['stale_after_months'], 'month')}) is stale, as of "
        f"{date_words(stale['as_of'])}."
    )


def stale_summary(stale: dict[str, Any]) -> str:
    """E.g. "4 stale items; 2 rated criteria rest on stale evidence only. Refresh these before
    an inspection."."""
    items = len(stale["items"])
    resting = sum(len(ids) for ids in stale["resting_on_stale"].values())
    return (
        f"{_plural(items, 'stale item')}; {resting} rated "
        f"criteri{'on rests' if resting == 1 else 'a rest'} on stale evidence only. "
        "Refresh these before an inspection."
    )


def resting_words(stale: dict[str, Any] | None, judgement_id: str) -> str:
    """E.g. "3 rest on stale evidence" for a scorecard row ("" when none do; shown after
    ``STALE_MARK``)."""
    if stale is None:
        return ""
    n = len(stale["resting_on_stale"].get(judgement_id, []))
    if not n:
        return ""
    return f"{n} rest{'s' if n == 1 else ''} on stale evidence"


@dataclass(frozen=True, slots=True)
class StaleRow:
    """One line of the evidence to refresh, as words."""

    dated: str
    what: str
    owner: str
    """"" when no owner is recorded."""
    criterion: str


def stale_rows(framework: Framework, stale: dict[str, Any]) -> list[StaleRow]:
    """The stale evidence, oldest first, with who holds it (for audits: who audited most)."""
    rows = []
    for item in stale["items"]:
        owner = one_line(item["owner"])
        if item.get("audits") and owner:
            owner = f"auditors: {owner}"
        criterion = framework.criteria.get(item["criterion"])
        rows.append(
            StaleRow(
                date_words(item["date"]),
                one_line(item["what"]),
                owner,
                one_line(criterion.title if criterion else item["criterion"]),
            )
        )
    return rows
