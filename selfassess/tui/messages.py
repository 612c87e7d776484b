"""What screens tell the app: events, in the past tense, that the app acts on.

Screens never reach into the app; they post one of these, which bubbles up to it.
"""

from __future__ import annotations

from textual.message import Message


class DraftChanged(Message):
    """Something in the open assessment changed (the title shows whether it is saved)."""


class ScorecardRequested(Message):
    """The user asked for the scorecard of the open assessment."""
