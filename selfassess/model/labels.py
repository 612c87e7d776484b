"""Words and letters for display without a display library: rating labels and letters, and
users' text made safe to show (control and invisible characters removed).

The model uses them for its own messages (diffs, merge conflicts); the views, exports and the
app use them for theirs.
"""

from __future__ import annotations

import re
from functools import cache

from selfassess.model.framework import NATIONAL_FRAMEWORK, NOT_APPLICABLE, Framework

NOT_RATED_LETTER = "·"
NOT_APPLICABLE_LETTER = "–"


@cache
def _control() -> re.Pattern[str]:
    """Characters a terminal does not show as text: control characters (Unicode Cc, which
    start ANSI and OSC escape sequences), format characters (Cf: bidirectional overrides,
    zero-width spaces and joiners, U+061C, U+FEFF, U+2060, the invisible tag characters) and
    line and paragraph separators (Zl, Zp). Tab and newline are not in it.

    Every format character goes, the zero-width joiner and non-joiner too: they make emoji
    sequences and some scripts' letter shapes, but terminals measure such sequences
    differently from Rich, which breaks the alignment of tables, and they can hide text. The
    price is a joined emoji shown as its parts. Written out (Unicode 15) rather than built
    from ``unicodedata`` at run time, which takes a noticeable pause; a test checks it
    against ``unicodedata``. Compiled when first needed: most commands never show user text.
    """
    return re.compile(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891"
        "\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
        "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
        "\U000e0001\U000e0020-\U000e007f]"
    )


def plain(text: str, *, single_line: bool = False) -> str:
    """User text made safe to show: control and invisible format characters (ANSI/OSC escapes
    too) removed, line and paragraph separators made newlines, tabs made spaces.

    Markup is not interpreted as long as the result goes into Rich's ``Text(...)`` or is
    escaped; this only removes what could move the cursor, change colours or hide text in a
    terminal.
    """
    if text.isprintable():  # the usual case: nothing to remove (no tabs or newlines)
        cleaned = text
    else:
        cleaned = text.replace("\r\n", "\n").replace("\t", "    ")
        if not cleaned.replace("\n", "").isprintable():  # else only newlines: nothing to remove
            cleaned = cleaned.replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
            cleaned = _control().sub("", cleaned)
    if single_line:
        cleaned = " ".join(cleaned.split())
    return cleaned


def shorten(text: str, limit: int = 400) -> str:
    """Text cut to ``limit`` characters with an ellipsis, for one row of a list (a megabyte
    pasted into a field must not make the screen wrap it into thousands of lines)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def rating_label(framework: Framework, rating: str | None) -> str:
    """A rating in words: its level's label, "Not rated" or "Not applicable"."""
    if rating is None:
        return "Not rated"
    if rating == NOT_APPLICABLE:
        return "Not applicable"
    level = framework.level_by_id.get(rating)
    return level.label if level else rating


def rating_letter(framework: Framework, rating: str | None) -> str:
    """A rating as one letter, so that it reads without colour ("?" for one not in the scale)."""
    if rating is None:
        return NOT_RATED_LETTER
    if rating == NOT_APPLICABLE:
        return NOT_APPLICABLE_LETTER
    level = framework.level_by_id.get(rating)
    return level.letter if level else "?"


# --- words that depend on the framework: a framework may be for any inspection, or none ---


def inspectorate(framework: Framework) -> str:
    """Who publishes the grades compared with, e.g. "Ofsted" ("" for none)."""
    return plain(framework.inspectorate, single_line=True)


def published_column(framework: Framework) -> str:
    """The heading of the published grades' column, e.g. "Ofsted" ("" with no inspectorate:
    then no such column is shown)."""
    return inspectorate(framework)


def published_report_label(framework: Framework) -> str:
    """How the published report is named beside its file, e.g. "Ofsted report"."""
    name = inspectorate(framework)
    return f"{name} report" if name else "Published report"


def comparison_title(framework: Framework) -> str:
    """The heading of the comparison with the published report, e.g. "Compared with Ofsted's
    report"."""
    name = inspectorate(framework)
    return f"Compared with {name}'s report" if name else "Compared with the published report"


def strong_words(framework: Framework) -> str:
    """The ratings that count as strong, in words, e.g. "green or blue"."""
    labels = [
        plain(framework.level_by_id[r].label, single_line=True).lower()
        for r in framework.strong_ratings()
        if r in framework.level_by_id
    ]
    return " or ".join(labels)


def blind_spots_lead(framework: Framework) -> str:
    """The line above possible blind spots."""
    name = inspectorate(framework) or "The inspectors"
    return f"{name} named these for improvement, but we rated them {strong_words(framework)}:"


def no_blind_spots(framework: Framework) -> str:
    """What is said when no linked criterion is rated strong."""
    name = inspectorate(framework)
    whose = f"{name}'s" if name else "the published"
    return (
        f"No blind spots: no criterion linked to {whose} areas for improvement is rated "
        f"{strong_words(framework)}."
    )


def grade_phrase(framework: Framework, grade_id: str) -> str:
    """A grade's label quoted for use inside a sentence, e.g. "'Not yet effective'"."""
    return f"'{plain(framework.grade_label(grade_id), single_line=True)}'"


def limiting_meaning(framework: Framework) -> str:
    """What a limiting criterion does, from the scoring rules, e.g. "rated red, it makes the
    judgement 'Inadequate'" ("" when no rule treats limiting criteria apart)."""
    parts: list[str] = []
    for rule in framework.scoring.rules:
        for cond in rule.conditions:
            if not cond.limiting_only or cond.at_least is None:
                continue
            ratings = " or ".join(
                plain(framework.level_by_id[r].label, single_line=True).lower()
                for r in cond.ratings
                if r in framework.level_by_id
            )
            lowest = framework.grades[-1].id == rule.grade
            limit = "" if lowest else "no better than "
            # a rule may need more than one limiting criterion so rated (the bundled ILACS
            # frameworks need two for inadequate): the key must not say that one is enough
            more = cond.at_least - 1
            others = (
                ""
                if more < 1
                else " together with another limiting criterion"
                if more == 1
                else f" together with {more} other limiting criteria"
            )
            part = f"rated {ratings}{others}, it makes the judgement {limit}"
            part += grade_phrase(framework, rule.grade)
            if part not in parts:
                parts.append(part)
    return "; ".join(parts)


def limiting_key(framework: Framework) -> str:
    """The key to the limiting mark, e.g. "◆ = limiting criterion (rated red, it makes the
    judgement 'Inadequate')"."""
    meaning = limiting_meaning(framework)
    return f"◆ = limiting criterion ({meaning})" if meaning else "◆ = limiting criterion"


def subject_words(framework: Framework) -> str:
    """What is assessed, e.g. "local authority" or "partnership"."""
    return plain(framework.subject, single_line=True) or "organisation"


def national_framework_labels(ids: list[str]) -> list[str]:
    """The National Framework outcomes and enablers, in words, for the ids given."""
    return [NATIONAL_FRAMEWORK.get(i, i) for i in ids]


def self_assessment_note(framework: Framework) -> str:
    """The reminder that grades here are not the inspectorate's, e.g. "Indicative grades are a
    self-assessment, not Ofsted's judgement."."""
    name = inspectorate(framework)
    whose = f"{name}'s judgement" if name else "an inspection judgement"
    return f"Indicative grades are a self-assessment, not {whose}."
