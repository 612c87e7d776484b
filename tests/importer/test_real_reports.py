"""Opt-in: the real Ofsted reports in the shared reference folder come out exactly as stated.

The reports are not part of the project (they are not on users' machines, and CI may not have
them), so this module is skipped when the folder is absent. Set SELFASSESS_REPORTS to a folder
holding the reports and their expected.toml to run it elsewhere.
"""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

import pytest

from selfassess.files.store import bundled_frameworks
from selfassess.importer.authorities import authority_name
from selfassess.importer.files import read_report
from selfassess.model.errors import InputError


def _folder() -> Path | None:
    candidates = [
        os.environ.get("SELFASSESS_REPORTS", ""),
        Path(__file__).resolve().parents[3] / "shared" / "reference" / "reports",
        "/work/shared/reference/reports",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "expected.toml").is_file():
            return Path(candidate)
    return None


FOLDER = _folder()
pytestmark = pytest.mark.skipif(FOLDER is None, reason="the reference reports are not here")
EXPECTED = tomllib.loads((FOLDER / "expected.toml").read_text("utf-8")) if FOLDER else {}
ILACS = sorted(name for name, spec in EXPECTED.items() if spec.get("framework") != "sif")
FRAMEWORK_BY_KEYS = {
    frozenset(fw.published_judgement_ids()): fw.id for fw in bundled_frameworks().values()
}


@pytest.mark.parametrize("name", ILACS)
def test_ilacs_report_matches_expected(name: str) -> None:
    spec = EXPECTED[name]
    started = time.perf_counter()
    report = read_report(FOLDER / f"{name}.pdf", list(bundled_frameworks().values()))
    elapsed = time.perf_counter() - started
    # expected.toml gives some names as printed ("Doncaster Metropolitan Borough Council") and
    # some as the open data has them ("Sutton" for "London Borough of Sutton"): the same authority.
    assert report.authority == authority_name(spec["local_authority"])
    assert (
        spec["local_authority"] in report.local_authority
        or (report.local_authority in spec["local_authority"])
        or report.authority == spec["local_authority"]
    )
    assert report.inspection_start == spec["inspection_start"]
    assert report.inspection_end == spec["inspection_end"]
    assert report.lead_inspector == spec["lead_inspector"]
    assert report.judgements == spec["judgements"]
    assert report.framework == FRAMEWORK_BY_KEYS[frozenset(spec["judgements"])]
    assert len(report.areas_for_improvement) == spec["areas_for_improvement"]
    tags = [str(tag) for tags in report.national_framework for tag in tags]
    if "national_framework_tags" in spec:
        assert tags == spec["national_framework_tags"]
    for area in report.areas_for_improvement:
        assert area[0].isupper() and area.endswith("."), area
        assert "national framework" not in area.lower()
        assert "  " not in area and not any(0xE000 <= ord(c) <= 0xF8FF for c in area)
    assert report.pages_read <= 3 < (report.pages_total or 0)
    assert elapsed < 5


@pytest.mark.parametrize("name", [n for n, s in EXPECTED.items() if s.get("framework") == "sif"])
def test_sif_report_is_refused(name: str) -> None:
    with pytest.raises(InputError) as info:
        read_report(FOLDER / f"{name}.pdf", list(bundled_frameworks().values()))
    assert "not an ILACS report" in str(info.value)


def test_batch_over_the_folder_reads_all_but_the_sif_report(tmp_path: Path) -> None:
    import csv
    import io

    from rich.console import Console

    from selfassess.commands import build_parser
    from selfassess.commands.common import Consoles

    assert FOLDER is not None
    target = tmp_path / "outcomes.csv"
    args = build_parser().parse_args(["import-report", str(FOLDER), "--csv", str(target)])
    out = Console(file=io.StringIO(), width=100, color_system=None)
    err = Console(file=io.StringIO(), width=100, color_system=None)
    code = args.run(args, Consoles(out, err))
    sif = [n for n, s in EXPECTED.items() if s.get("framework") == "sif"]
    assert code == 1
    rows = list(csv.DictReader(target.read_text("utf-8-sig").splitlines()))
    assert len(rows) == len(EXPECTED)
    refused = sorted(Path(row["source"]).stem for row in rows if row["status"] == "refused")
    assert refused == sorted(sif)
    summary = err.file.getvalue()  # type: ignore[attr-defined]
    assert f"{len(ILACS)} read, {len(sif)} refused" in summary
    assert "older single inspection framework (SIF) report" in summary
