"""Fixtures for the published figures' tests: the tiny test framework with criteria linked to
published indicators, and assessments of Peterborough (874) made against it."""

from __future__ import annotations

from pathlib import Path

import pytest
from figures_helpers import RATINGS, write_assessment


@pytest.fixture
def peterborough(tmp_path: Path) -> Path:
    """An assessment of Peterborough with its code, two criteria rated."""
    return write_assessment(tmp_path, authority="Peterborough", code="874", ratings=RATINGS)


@pytest.fixture
def no_code(tmp_path: Path) -> Path:
    """The same assessment with no authority code: no figures, as before."""
    return write_assessment(tmp_path, authority="Peterborough", ratings=RATINGS)


@pytest.fixture(autouse=True)
def colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR would turn the snapshot monochrome."""
    monkeypatch.delenv("NO_COLOR", raising=False)
