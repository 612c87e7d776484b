"""Words and letters for display without a display library: rating labels and letters, and
users' text made safe to show (control and invisible characters removed).

The model uses them for its own messages (diffs, merge conflicts); the views, exports and the
app use them for theirs.
"""

from __future__ import annotations

import re
from functools import cache

from selfassess.model.framework import NOT_APPLICABLE, Framework

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
