"""Shared fixtures: paths to the small test frameworks and assessments."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def tiny_framework_path() -> Path:
    return FIXTURES / "tiny-framework.toml"
