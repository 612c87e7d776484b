"""Fixtures for the importer tests: the three test layouts and sample report files."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.files.store import load_framework
from selfassess.model.framework import Framework

IMPORTER_FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def layouts() -> list[Framework]:
    """Test frameworks with the 2018, 2023 and April 2026 layouts (in that order)."""
    return [
        load_framework(IMPORTER_FIXTURES / f"layout-{year}.toml") for year in (2018, 2023, 2026)
    ]


@pytest.fixture
def importer_fixtures() -> Path:
    return IMPORTER_FIXTURES
