"""The shipped dataset: Peterborough's figures, neighbours and grades as the raw files give them.

Checks against the raw DfE and Ofsted files run when they are present (../shared/data/dfe, or
the folder in SELFASSESS_RAW_DATA); the rest check the shipped dataset on its own.
"""

from __future__ import annotations

import csv
import datetime
import os
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from selfassess.data.published import Dataset, dataset, name_key, time_since
from selfassess.model.errors import InputError

RAW = Path(os.environ.get("SELFASSESS_RAW_DATA", "/work/shared/data/dfe"))
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason="the raw DfE files are not here")
SUPPRESSED = {"c", "x", "z", "k", "u", "low"}


def raw_rows(name: str) -> list[dict[str, str]]:
    with (RAW / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_value(name: str, code: str, year: int, column: str, **filters: str) -> str:
    (row,) = [
        r
        for r in raw_rows(name)
        if r["old_la_code"] == code
        and r["time_period"] == str(year)
        and r["geographic_level"] == "Local authority"
        and all(r[k] == v for k, v in filters.items())
    ]
    return row[column]


@pytest.mark.parametrize(
    "query",
    [
        "Peterborough",
        "Peterborough City Council",
        "City of Peterborough",
        "  peterborough  ",
        "874",
        "E06000031",
    ],
)
def test_peterborough_is_found_by_any_usual_name_or_code(query: str) -> None:
    found = dataset().find(query)
    assert (found.code, found.new_code, found.name) == ("874", "E06000031", "Peterborough")
    assert found.region == "East of England"


def test_other_councils_names_as_people_write_them() -> None:
    data = dataset()
    assert data.find("Bristol City Council").code == "801"
    assert data.find("Durham County Council").name == "County Durham"
    assert data.find("Royal Borough of Kensington and Chelsea").code == "207"
    assert data.find("City of London").code == "201"
    # A current council is preferred to a former one of the same name.
    assert data.find("Dorset").current
    with pytest.raises(InputError):
        data.find("London")  # a region, not the City of London


def test_unknown_place_is_an_error_with_the_nearest_names() -> None:
    with pytest.raises(InputError) as caught:
        dataset().find("Peterbrough Council", file="sef.toml", place="authority")
    message = caught.value.summary()
    assert message.startswith("sef.toml: authority: ")
    assert '"Peterbrough Council" is not an English local authority' in message
    assert 'did you mean "Peterborough"' in message
    with pytest.raises(InputError, match='did you mean "Peterborough"'):
        dataset().find("Peterborough City Council Children's Services")
    with pytest.raises(InputError, match="not the code of an English local authority"):
        dataset().find("999")


def test_name_key_ignores_council_words() -> None:
    assert name_key("Kingston upon Hull, City of") == "kingston upon hull"
    assert name_key("London Borough of Hackney") == "hackney"


def test_peterborough_inspection_history() -> None:
    data = dataset()
    history = data.inspections(data.find("874"))
    assert [(i.inspection_start, i.publication_date, i.type) for i in history] == [
        (datetime.date(2018, 6, 25), datetime.date(2018, 8, 6), "standard"),
        (datetime.date(2023, 11, 27), datetime.date(2024, 1, 30), "standard"),
    ]
    assert history[0].judgements == {
        "overall": "good",
        "leaders": "good",
        "help_and_protection": "good",
        "children_in_care_and_care_leavers": "good",
    }
    assert history[1].judgements == {
        "overall": "inadequate",
        "leaders": "requires_improvement",
        "help_and_protection": "requires_improvement",
        "children_in_care": "requires_improvement",
        "care_leavers": "inadequate",
    }


def test_grades_and_judgements_use_the_bundled_frameworks_ids() -> None:
    from selfassess.files.store import bundled_frameworks

    frameworks = bundled_frameworks().values()
    grade_ids = {g.id for f in frameworks for g in f.grades}
    judgement_ids = {j.id for f in frameworks for j in f.judgements} | {"overall"}
    data = dataset()
    for authority in data.authorities.values():
        for inspection in data.inspections(authority):
            assert set(inspection.judgements) <= judgement_ids
            assert set(inspection.judgements.values()) <= grade_ids


def test_every_indicator_says_what_it_is_and_where_it_is_from() -> None:
    data = dataset()
    assert len(data.indicators) >= 15
    for indicator in data.indicators.values():
        assert indicator.label and indicator.unit and indicator.source.startswith("DfE, ")
        assert indicator.direction in ("higher", "lower", "neither")
        assert indicator.national_framework_label.startswith(("Outcome", "Enabler"))
    assert data.indicators["cla_rate"].direction == "neither"
    assert data.indicators["cin_rate"].direction == "neither"
    assert "safe" in data.indicators["cpp_second_or_later"].national_framework_label
    assert "workforce" in data.indicators["sw_turnover"].national_framework_label


def test_the_national_framework_reads_the_same_in_the_data_the_model_and_the_build() -> None:
    """Three copies, on purpose: the build script needs only the standard library and the
    model never reads the dataset; so they are compared here."""
    from selfassess.data.build import NATIONAL_FRAMEWORK as BUILT
    from selfassess.model.framework import NATIONAL_FRAMEWORK

    assert dataset().national_framework == NATIONAL_FRAMEWORK == BUILT


def test_a_suppressed_figure_is_missing_not_zero() -> None:
    data = dataset()
    durations = data.series("874", "cpp_two_years_or_more")
    assert durations[2015] is None  # "c" in the file
    assert durations[2018] == 0  # a published nought stays a nought


@needs_raw
def test_every_suppressed_value_in_the_raw_files_is_missing() -> None:
    data = dataset()
    for indicator in data.indicators.values():
        if indicator.id == "cin_rate":
            continue
        file, column, filters = _where(indicator.id)
        for row in raw_rows(file):
            if row["geographic_level"] != "Local authority" or any(
                row[k] != v for k, v in filters.items()
            ):
                continue
            if row[column].strip() in SUPPRESSED and row["old_la_code"] in data.authorities:
                series = data.series(row["old_la_code"], indicator.id)
                assert series[int(row["time_period"])] is None, (indicator.id, row)


def _where(indicator_id: str) -> tuple[str, str, dict[str, str]]:
    from selfassess.data.build import SPECS

    (spec,) = [s for s in SPECS if s.id == indicator_id]
    return spec.file, spec.column, dict(spec.filters)


@needs_raw
def test_peterborough_figures_match_the_raw_files() -> None:
    data = dataset()
    rereferral = raw_value(
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "874",
        2025,
        "rereferral_percent",
    )
    assert data.value("874", "rereferrals", 2025) == float(rereferral)
    leavers = raw_value(
        "la_care_leavers_activity.csv",
        "874",
        2025,
        "care_leaver_percent",
        care_leaver_age="19 to 21 years",
        breakdown="Total in education, employment or training",
    )
    assert data.value("874", "care_leavers_eet_19_21", 2025) == float(leavers)
    turnover = raw_value("csww_indicators_2017_to_2025.csv", "874", 2017, "turnover_rate_fte")
    assert data.value("874", "sw_turnover", 2017) == float(turnover)


@needs_raw
def test_children_in_need_rate_is_worked_out_from_the_count_and_population() -> None:
    count = raw_value("b1_children_in_need_2013_to_2025.csv", "874", 2025, "At31_episodes")
    population = raw_value(
        "ons_mid-year_population_estimates_2012_to_2024.csv", "874", 2024, "population_estimate"
    )
    expected = round(int(count) / int(population) * 10_000, 1)
    assert dataset().value("874", "cin_rate", 2025) == expected


@needs_raw
def test_england_region_and_neighbours_median_come_from_the_raw_files() -> None:
    data = dataset()
    peterborough = data.find("874")
    figure = data.figure(peterborough, "rereferrals")
    assert figure.year == 2025
    rows = raw_rows("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv")
    latest = [r for r in rows if r["time_period"] == "2025"]
    (england,) = [r for r in latest if r["geographic_level"] == "National"]
    (region,) = [r for r in latest if r["region_name"] == "East of England" and not r["la_name"]]
    assert figure.england == float(england["rereferral_percent"])
    assert figure.region == float(region["rereferral_percent"])
    codes = {n.code for n in peterborough.neighbours}
    neighbours = [float(r["rereferral_percent"]) for r in latest if r["old_la_code"] in codes]
    assert figure.neighbours_median == pytest.approx(statistics.median(neighbours))


@needs_raw
def test_peterborough_neighbours_match_the_2025_model() -> None:
    (row,) = [r for r in raw_rows("sn_model_2025_wide.csv") if r["old_la_code"] == "874"]
    expected = [(row[f"SN_{n}"], row[f"SN_{n}P"].strip()) for n in range(1, 11)]
    authority = dataset().find("874")
    assert [(n.code, n.closeness) for n in authority.neighbours] == expected
    assert all(c in ("Very close", "Close", "Somewhat close") for _, c in expected)


@needs_raw
def test_peterborough_history_matches_ofsteds_spreadsheet() -> None:
    """Read straight from the .ods: the rows naming E06000031, their dates and grade words."""
    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    with zipfile.ZipFile(RAW / "LA_Inspection_Outcomes_as_at_31_March_2025.ods") as ods:
        root = ET.fromstring(ods.read("content.xml"))
    (sheet,) = [
        t for t in root.iter(f"{table}table") if t.get(f"{table}name") == "ILACS_inspection_history"
    ]
    found = []
    for row in sheet.iter(f"{table}table-row"):
        texts = ["".join(c.itertext()) for c in row]
        if "E06000031" in texts:
            dates = [
                c.get(f"{office}date-value", "")[:10] for c in row if c.get(f"{office}date-value")
            ]
            found.append((dates, [t for t in texts if t in WORDS]))
    data = dataset()
    history = data.inspections(data.find("874"))
    assert len(found) == len(history) == 2
    for (dates, words), inspection in zip(found, history, strict=True):
        assert dates == [
            inspection.inspection_start.isoformat(),
            inspection.publication_date.isoformat(),
        ]
        order = ["overall", "leaders", "help_and_protection", "children_in_care", "care_leavers"]
        judgements = dict(inspection.judgements)
        if "children_in_care_and_care_leavers" in judgements:
            judgements["children_in_care"] = judgements.pop("children_in_care_and_care_leavers")
        assert [WORDS[w] for w in words] == [judgements[j] for j in order if j in judgements]


WORDS = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
}


def test_standing_among_neighbours_names_the_best_and_worst_quarters() -> None:
    def area(code: str, neighbours: list[str]) -> dict[str, object]:
        return {
            "code": code,
            "new_code": f"E0600000{code[-1]}",
            "name": f"Place {code}",
            "region": "R",
            "current": True,
            "neighbours": [{"code": n, "closeness": "Close"} for n in neighbours],
        }

    codes = [f"10{i}" for i in range(8)]
    data = Dataset(
        {
            "about": "",
            "inspections_source": "",
            "regions": {"R": "Region"},
            "national_framework": {"outcome-1": "Outcome 1: x"},
            "authorities": [area(c, [n for n in codes if n != c]) for c in codes],
            "indicators": [
                {
                    "id": "rr",
                    "label": "Re-referrals",
                    "unit": "%",
                    "direction": "lower",
                    "national_framework": "outcome-1",
                    "source": "DfE, test",
                    "first_year": 2024,
                    "last_year": 2025,
                    "note": "",
                }
            ],
            "values": {c: {"rr": [None, 10 + i]} for i, c in enumerate(codes)}
            | {"100": {"rr": [None, None]}},
            "inspections": {},
        }
    )
    best = data.figure(data.authorities["101"], "rr")
    assert (best.year, best.value, best.rank, best.ranked, best.quarter) == (
        2025,
        11,
        1,
        7,
        "best",
    )
    assert data.figure(data.authorities["107"], "rr").quarter == "worst"
    assert data.figure(data.authorities["104"], "rr").quarter is None
    missing = data.figure(data.authorities["100"], "rr")
    assert missing.value is None and missing.rank is None and missing.quarter is None
    assert missing.neighbours_median == 14


def test_time_since_in_words() -> None:
    day = datetime.date(2023, 11, 27)
    assert time_since(day, datetime.date(2026, 12, 1)) == "3 years"
    assert time_since(day, datetime.date(2025, 4, 26)) == "1 year and 4 months"
    assert time_since(day, datetime.date(2023, 12, 12)) == "2 weeks"


def test_the_data_layer_draws_nothing() -> None:
    code = (
        "import sys, selfassess.data.published, selfassess.data.build\n"
        "selfassess.data.published.dataset()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_assessment_is_matched_by_code_then_name_and_never_to_another_council() -> None:
    data = dataset()
    assert data.for_assessment("Peterborough City Council").code == "874"
    assert data.for_assessment("Children's Services", "874").code == "874"
    assert data.for_assessment("Peterborough", "E06000031").code == "874"
    with pytest.raises(InputError) as caught:
        data.for_assessment("Luton Borough Council", "874", file="sef.toml")
    message = caught.value.summary()
    assert message.startswith("sef.toml: authority_code: is 874 (Peterborough)")
    assert "Luton" in message


def test_report_json_gives_each_linked_indicator_latest_figure() -> None:
    from selfassess.data.published import indicators_json

    data = dataset()
    shown = indicators_json(
        data, data.find("874"), {"rereferrals": ["hp-front-door"], "no-such-figure": ["x"]}
    )
    assert shown == [
        {
            "id": "rereferrals",
            "label": "Re-referrals within 12 months",
            "period": "2025",
            "value": 19.8,
            "england": 22.6,
            "region": data.value("E12000006", "rereferrals", 2025),
            "neighbours_median": data.neighbours_median(data.find("874"), "rereferrals", 2025),
            "direction": "lower",
            "criteria": ["hp-front-door"],
        }
    ]
