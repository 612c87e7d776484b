"""Fixtures for the sharing tests (helpers live in share_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from share_helpers import SAMPLE, Result, run_share, write_assessment


@pytest.fixture
def share() -> Callable[[list[str]], Result]:
    return run_share


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_assessment(tmp_path, "sample.toml", SAMPLE)
