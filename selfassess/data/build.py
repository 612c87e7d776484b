"""Build the published-figures dataset that ships in this package.

Run it from a folder of the raw files (DfE statistical releases and Ofsted's inspection outcomes,
as the DfE's "Children's social care: outcomes and enablers" dashboard stores them; see
docs/data.md)::

    python -m selfassess.data.build RAW_FOLDER [-o selfassess/data/published.json]

It needs nothing beyond the standard library and writes the same bytes every time from the same
files, so anyone can check the shipped dataset against the published sources. Suppressed or
not-applicable values (``c``, ``x``, ``z``, ``k``, ``u``, ``low``) stay missing, never zero.
Neighbours' medians are not stored: the loader works them out from the neighbours' own figures,
so they always follow the neighbour list shipped with them.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfassess.data.ods import read_sheet

FORMAT = 1
DEFAULT_OUTPUT = Path(__file__).with_name("published.json")
OUTCOMES_FILE = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
NEIGHBOURS_FILE = "sn_model_2025_wide.csv"
POPULATION_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"

ENGLAND = "england"
"""The key of England's figures (regions are keyed by their E12 code, authorities by old code)."""

NATIONAL_FRAMEWORK = {
    "outcome-1": "Outcome 1: children, young people and families stay together and get the help "
    "they need",
    "outcome-2": "Outcome 2: children and young people are supported by their family network",
    "outcome-3": "Outcome 3: children and young people are safe in and outside of their homes",
    "outcome-4": "Outcome 4: children in care and care leavers have stable, loving homes",
    "enabler-1": "Enabler 1: multi-agency working is prioritised and effective",
    "enabler-2": "Enabler 2: leaders drive conditions for effective practice",
    "enabler-3": "Enabler 3: the workforce is equipped and effective",
}
"""The Children's Social Care National Framework (December 2023), numbered as it numbers them
(the DfE dashboard's metadata swaps outcomes 2 and 3)."""

GRADES = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
}
"""Ofsted's wording → the grade ids of the bundled frameworks' default scale."""

JUDGEMENT_COLUMNS = {
    "Overall effectiveness": "overall",
    "The impact of leaders on social work practice with children and families": "leaders",
    "The experiences and progress of children who need help and protection": "help_and_protection",
    "The experiences and progress of children in care": "children_in_care",
    "The experiences and progress of care leavers": "care_leavers",
}
"""Ofsted's column headings → the judgement ids of the bundled frameworks."""

COMBINED = "children_in_care_and_care_leavers"
"""Before 2023 children in care and care leavers were one judgement (ILACS 2018's id)."""

INSPECTION_TYPES = {"ILACS Standard Inspection": "standard", "ILACS Short Inspection": "short"}


@dataclass(frozen=True)
class Spec:
    """Where one indicator's figures are in the raw files."""

    id: str
    label: str
    unit: str
    direction: str
    framework: str
    publication: str
    file: str
    column: str
    filters: tuple[tuple[str, str], ...] = ()
    note: str = ""


CIN_NOTE = (
    "Children in need at 31 March (b1, At31_episodes) per 10,000 children aged 0 to 17, "
    "using the ONS mid-year estimate of the year before (mid-2024 for 2025), as the DfE does "
    "for its own rates; worked out when the dataset is built, rounded to 1 decimal."
)


CIN_RATE = "cin_rate"

SPECS: tuple[Spec, ...] = (
    Spec(
        CIN_RATE,
        "Children in need per 10,000 children",
        "per 10,000",
        "neither",
        "outcome-1",
        "Children in need",
        "b1_children_in_need_2013_to_2025.csv",
        "At31_episodes",
        note=CIN_NOTE,
    ),
    Spec(
        "rereferrals",
        "Re-referrals within 12 months",
        "%",
        "lower",
        "outcome-1",
        "Children in need",
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "rereferral_percent",
        note="Referrals in the year that came within 12 months of a previous referral.",
    ),
    Spec(
        "cpp_second_or_later",
        "Child protection plans starting that were a second or later plan",
        "%",
        "lower",
        "outcome-3",
        "Children in need",
        "d3_cpps_subsequent_plan_2013_to_2025.csv",
        "CPP_subsequent_percent",
    ),
    Spec(
        "cpp_two_years_or_more",
        "Child protection plans open at 31 March lasting 2 years or more",
        "%",
        "lower",
        "outcome-3",
        "Children in need",
        "d5_cpps_at31march_by_duration_2013_to_2025.csv",
        "2_years_or_more_percent",
    ),
    Spec(
        "cla_rate",
        "Children looked after at 31 March per 10,000 children",
        "per 10,000",
        "neither",
        "outcome-1",
        "Children looked after in England including adoptions",
        "cla_number_and_rate_per_10k_children.csv",
        "rate_per_10000",
        (("population_type", "Children looked after on 31 March each year"),),
        note="Context, not a score: a low or high rate is neither good nor bad in itself.",
    ),
    Spec(
        "cla_three_placements",
        "Children looked after with 3 or more placements in the year",
        "%",
        "lower",
        "outcome-4",
        "Children looked after in England including adoptions",
        "la_cla_placement_stability.csv",
        "children_percent",
        (
            ("cla_group", "CLA on 31 March"),
            ("placement_stability", "With 3 or more placements during the year"),
        ),
    ),
    Spec(
        "cla_long_term_stability",
        "Long-term stability: same carer for at least 2 years",
        "%",
        "higher",
        "outcome-4",
        "Children looked after in England including adoptions",
        "la_cla_placement_stability.csv",
        "children_percent",
        (
            (
                "cla_group",
                "Children looked after continuously for at least 2.5 years on 31 March aged "
                "under 16 years",
            ),
            ("placement_stability", "Living with the same carer for at least 2 years"),
        ),
        note="Children under 16 looked after for at least 2.5 years who have lived with the "
        "same carer for at least 2 years.",
    ),
    Spec(
        "care_leavers_eet_17_18",
        "Care leavers aged 17 to 18 in education, employment or training",
        "%",
        "higher",
        "outcome-4",
        "Children looked after in England including adoptions",
        "la_care_leavers_activity.csv",
        "care_leaver_percent",
        (
            ("care_leaver_age", "17 to 18 years"),
            ("breakdown", "Total in education, employment or training"),
        ),
    ),
    Spec(
        "care_leavers_eet_19_21",
        "Care leavers aged 19 to 21 in education, employment or training",
        "%",
        "higher",
        "outcome-4",
        "Children looked after in England including adoptions",
        "la_care_leavers_activity.csv",
        "care_leaver_percent",
        (
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Total in education, employment or training"),
        ),
    ),
    Spec(
        "care_leavers_accommodation_17_18",
        "Care leavers aged 17 to 18 in suitable accommodation",
        "%",
        "higher",
        "outcome-4",
        "Children looked after in England including adoptions",
        "la_care_leavers_accommodation_suitability.csv",
        "care_leaver_percent",
        (
            ("care_leaver_age", "17 to 18 years"),
            ("breakdown", "Accommodation considered suitable"),
        ),
    ),
    Spec(
        "care_leavers_accommodation_19_21",
        "Care leavers aged 19 to 21 in suitable accommodation",
        "%",
        "higher",
        "outcome-4",
        "Children looked after in England including adoptions",
        "la_care_leavers_accommodation_suitability.csv",
        "care_leaver_percent",
        (
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Accommodation considered suitable"),
        ),
    ),
    Spec(
        "sw_turnover",
        "Children and family social worker turnover rate (FTE)",
        "%",
        "lower",
        "enabler-3",
        "Children's social work workforce",
        "csww_indicators_2017_to_2025.csv",
        "turnover_rate_fte",
    ),
    Spec(
        "sw_agency",
        "Agency social worker rate (FTE)",
        "%",
        "lower",
        "enabler-3",
        "Children's social work workforce",
        "csww_indicators_2017_to_2025.csv",
        "agency_rate_fte",
    ),
    Spec(
        "sw_vacancy",
        "Social worker vacancy rate (FTE)",
        "%",
        "lower",
        "enabler-3",
        "Children's social work workforce",
        "csww_indicators_2017_to_2025.csv",
        "vacancy_rate_fte",
    ),
    Spec(
        "sw_caseload",
        "Average caseload per case-holding social worker (FTE)",
        "cases",
        "lower",
        "enabler-3",
        "Children's social work workforce",
        "csww_indicators_2017_to_2025.csv",
        "caseload_fte",
    ),
)

Number = int | float
Table = dict[str, dict[int, Number | None]]
"""Area key → year → value."""


class BuildError(Exception):
    """A raw file is missing or not what the build expects."""


def read_csv(folder: Path, name: str) -> Iterator[dict[str, str]]:
    """Rows of a raw CSV file (``utf-8-sig``: some files start with a byte-order mark)."""
    path = folder / name
    if not path.is_file():
        raise BuildError(f"{path}: missing")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def number(text: str | None) -> Number | None:
    """A figure, or None for a blank or a suppression letter (c, x, z, k, u, low…)."""
    text = (text or "").strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d*\.\d+", text):
        return float(text)
    return None


def area_key(row: dict[str, str]) -> str | None:
    """England, a region's E12 code, or an authority's old code; None for rows we do not keep
    (joint figures of two authorities, "314 / 318"; Inner and Outer London)."""
    level = row["geographic_level"]
    if level == "National":
        return ENGLAND
    if level == "Regional":
        code = row["region_code"].strip()
        return code if code.startswith("E12") else None
    if level == "Local authority":
        code = row["old_la_code"].strip()
        return code if code.isdigit() else None
    return None


def read_indicator(folder: Path, spec: Spec) -> Table:
    table: Table = {}
    for row in read_csv(folder, spec.file):
        if any(row.get(column, "").strip() != value for column, value in spec.filters):
            continue
        key = area_key(row)
        if key is None:
            continue
        if spec.column not in row:
            raise BuildError(f"{folder / spec.file}: no column {spec.column}")
        table.setdefault(key, {})[int(row["time_period"])] = number(row[spec.column])
    if not table:
        raise BuildError(f"{folder / spec.file}: no rows for {spec.id}")
    return table


def cin_rate(folder: Path, spec: Spec) -> Table:
    """Children in need per 10,000 from the count and the previous year's population."""
    counts = read_indicator(folder, spec)
    population: dict[tuple[str, int], Number | None] = {}
    for row in read_csv(folder, POPULATION_FILE):
        key = area_key(row)
        if key is not None:
            population[key, int(row["time_period"])] = number(row["population_estimate"])
    table: Table = {}
    for key, years in counts.items():
        for year, count in years.items():
            people = population.get((key, year - 1))
            rate = round(count / people * 10_000, 1) if count is not None and people else None
            table.setdefault(key, {})[year] = rate
    return table


READERS: dict[str, Callable[[Path, Spec], Table]] = {CIN_RATE: cin_rate}


def authorities(folder: Path) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    """Every authority (current ones from the 2025 neighbour model, former ones from the
    figures) with its codes, region and neighbours; the region names by code; and every E0…
    code an authority has had → its old code."""
    latest: dict[str, tuple[int, str, str]] = {}
    all_new_codes: dict[str, str] = {}
    regions_by_la: dict[str, str] = {}
    regions: dict[str, str] = {}
    for row in read_csv(folder, "b1_children_in_need_2013_to_2025.csv"):
        key = area_key(row)
        if key is None:
            continue
        if row["geographic_level"] == "Regional":
            regions[key] = row["region_name"].strip()
        if row["geographic_level"] != "Local authority":
            continue
        year = int(row["time_period"])
        new_code = row["new_la_code"].strip()
        all_new_codes[new_code] = key
        regions_by_la[key] = row["region_code"].strip()
        if key not in latest or year > latest[key][0]:
            latest[key] = (year, new_code, row["la_name"].strip())
    region_codes = {name: code for code, name in regions.items()}
    found: list[dict[str, Any]] = []
    current: set[str] = set()
    for row in read_csv(folder, NEIGHBOURS_FILE):
        code = row["old_la_code"].strip()
        if code not in latest:
            raise BuildError(f"{folder / NEIGHBOURS_FILE}: authority {code} has no figures")
        region = row["region_name"].strip()
        if region not in region_codes:
            raise BuildError(f"{folder / NEIGHBOURS_FILE}: unknown region {region!r}")
        neighbours = [
            {"code": row[f"SN_{n}"].strip(), "closeness": row[f"SN_{n}P"].strip()}
            for n in range(1, 11)
            if row.get(f"SN_{n}", "").strip()
        ]
        current.add(code)
        found.append(
            {
                "code": code,
                "new_code": latest[code][1],
                "name": row["la_name"].strip(),
                "region": region_codes[region],
                "current": True,
                "neighbours": neighbours,
            }
        )
    for code, (_, new_code, name) in sorted(latest.items()):
        if code not in current:
            region = regions_by_la[code]
            found.append(
                {
                    "code": code,
                    "new_code": new_code,
                    "name": name,
                    # Inner and Outer London (E13…) are parts of the London region.
                    "region": region_codes["London"] if region.startswith("E13") else region,
                    "current": False,
                    "neighbours": [],
                }
            )
    known = {a["code"] for a in found}
    for a in found:
        for n in a["neighbours"]:
            if n["code"] not in known:
                raise BuildError(f"{folder / NEIGHBOURS_FILE}: unknown neighbour {n['code']}")
    found.sort(key=lambda a: (a["name"].casefold(), a["code"]))
    new_to_old = dict(all_new_codes)
    new_to_old.update({a["new_code"]: a["code"] for a in found})
    return found, regions, new_to_old


def inspections(
    folder: Path, new_to_old: dict[str, str], names: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """Every ILACS inspection per authority (old code), oldest first."""
    path = folder / OUTCOMES_FILE
    if not path.is_file():
        raise BuildError(f"{path}: missing")
    rows = read_sheet(path, "ILACS_inspection_history")
    header_at = next((i for i, r in enumerate(rows) if "Local authority area code" in r), None)
    if header_at is None:
        raise BuildError(f"{path}: no heading row in ILACS_inspection_history")
    header = rows[header_at]
    col = {name: header.index(name) for name in header}
    by_code: dict[str, list[dict[str, Any]]] = {}
    for number_, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        row = row + [""] * (len(header) - len(row))
        new_code = row[col["Local authority area code"]].strip()
        name = row[col["Local authority name"]].strip()
        code = new_to_old.get(new_code) or names.get(name.casefold())
        if code is None:
            raise BuildError(f"{path}: row {number_}: unknown authority {new_code} {name}")
        kind = row[col["Inspection type"]].strip()
        if kind not in INSPECTION_TYPES:
            raise BuildError(f"{path}: row {number_}: unknown inspection type {kind!r}")
        start = row[col["Inspection date"]]
        judgements: dict[str, str] = {}
        for heading, judgement in JUDGEMENT_COLUMNS.items():
            text = row[col[heading]].strip()
            if not text:
                continue
            if text not in GRADES:
                raise BuildError(f"{path}: row {number_}: unknown grade {text!r}")
            judgements[judgement] = GRADES[text]
        if "care_leavers" not in judgements and "children_in_care" in judgements:
            judgements[COMBINED] = judgements.pop("children_in_care")
        by_code.setdefault(code, []).append(
            {
                "inspection_start": start,
                "publication_date": row[col["Publication date"]],
                "type": INSPECTION_TYPES[kind],
                "judgements": dict(sorted(judgements.items())),
            }
        )
    for history in by_code.values():
        history.sort(key=lambda i: (i["inspection_start"], i["publication_date"]))
    return dict(sorted(by_code.items()))


def build(folder: Path) -> dict[str, Any]:
    """The dataset, as plain data ready for JSON."""
    found, regions, new_to_old = authorities(folder)
    keep = {ENGLAND, *regions, *(a["code"] for a in found)}
    values: dict[str, dict[str, list[Number | None]]] = {}
    indicators: list[dict[str, Any]] = []
    for spec in SPECS:
        table = READERS.get(spec.id, read_indicator)(folder, spec)
        years = sorted({y for k, ys in table.items() if k in keep for y, v in ys.items()})
        first, last = years[0], years[-1]
        span = list(range(first, last + 1))
        for key, by_year in sorted(table.items()):
            if key not in keep:
                continue
            series = [by_year.get(y) for y in span]
            if any(v is not None for v in series):
                values.setdefault(key, {})[spec.id] = series
        indicators.append(
            {
                "id": spec.id,
                "label": spec.label,
                "unit": spec.unit,
                "direction": spec.direction,
                "national_framework": spec.framework,
                "source": f"DfE, {spec.publication} {last}",
                "source_file": spec.file,
                "first_year": first,
                "last_year": last,
                "note": spec.note,
            }
        )
    names = {a["name"].casefold(): a["code"] for a in found if a["current"]}
    return {
        "format": FORMAT,
        "about": "Official statistics from the Department for Education and Ofsted's "
        "inspection outcomes, Crown copyright, Open Government Licence v3.0. Built by "
        "python -m selfassess.data.build from the files the DfE's 'Children's social care: "
        "outcomes and enablers' dashboard stores (see docs/data.md).",
        "inspections_source": "Ofsted, Local authority inspection outcomes as at 31 March 2025",
        "national_framework": NATIONAL_FRAMEWORK,
        "regions": dict(sorted(regions.items())),
        "authorities": found,
        "indicators": indicators,
        "values": dict(sorted(values.items())),
        "inspections": inspections(folder, new_to_old, names),
    }


def dumps(data: dict[str, Any]) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8, one value a line (so a rebuild's changes read
    well in a diff), a trailing newline."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n").encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m selfassess.data.build",
        description="Build selfassess's published-figures dataset from the raw DfE and Ofsted "
        "files.",
    )
    parser.add_argument("folder", type=Path, metavar="RAW_FOLDER", help="the raw files")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"where to write the dataset (default: {DEFAULT_OUTPUT})",
    )
    args = parser.parse_args(argv)
    try:
        data = build(args.folder)
    except BuildError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    raw = dumps(data)
    args.output.write_bytes(raw)
    print(f"Wrote {args.output} ({len(raw):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
