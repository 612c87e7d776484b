"""The dataset build: reproducible from the raw files, and the shipped file is what it makes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfassess.data import build

RAW = Path(os.environ.get("SELFASSESS_RAW_DATA", "/work/shared/data/dfe"))
SHIPPED = Path(build.__file__).with_name("published.json")
pytestmark = pytest.mark.skipif(not RAW.is_dir(), reason="the raw DfE files are not here")


def test_building_twice_gives_the_same_bytes_as_the_shipped_dataset(tmp_path: Path) -> None:
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert build.main([str(RAW), "-o", str(first)]) == 0
    assert build.main([str(RAW), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == SHIPPED.read_bytes(), "rebuild the shipped dataset"
    assert first.read_bytes().endswith(b"\n")
    assert len(first.read_bytes()) < 2_000_000


def test_a_missing_raw_file_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build.main([str(tmp_path), "-o", str(tmp_path / "out.json")]) == 2
    assert "missing" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()
