"""Published figures beside an assessment: the authority's code, the framework's links, the
report (text and JSON), ``validate`` and ``new --authority``, checked against the raw files."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import statistics
from pathlib import Path

import pytest
from figures_helpers import RATINGS, linked_framework_text, write_assessment
from rich.console import Console

from selfassess.commands import main
from selfassess.data.linked import (
    authority_names,
    disagreement,
    indicator_links,
    indicator_problems,
    linked_figures,
)
from selfassess.data.published import Figure, dataset
from selfassess.files.store import load_assessment, load_framework
from selfassess.model.errors import InputError
from selfassess.model.framework import Framework
from selfassess.views.figures import format_value, sparkline

RAW = Path(os.environ.get("SELFASSESS_RAW_DATA", "/work/shared/data/dfe"))
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason="the raw DfE files are not here")


def raw(name: str, **match: str) -> dict[str, str]:
    """The one row of a raw DfE file whose columns have the values given."""
    with (RAW / name).open(encoding="utf-8-sig", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle) if all(r[k] == v for k, v in match.items())]
    return row


def raw_neighbours_median(name: str, column: str, year: str) -> float:
    (model,) = [
        r
        for r in csv.DictReader((RAW / "sn_model_2025_wide.csv").open(encoding="utf-8-sig"))
        if r["old_la_code"] == "874"
    ]
    codes = {model[f"SN_{n}"] for n in range(1, 11)}
    with (RAW / name).open(encoding="utf-8-sig", newline="") as handle:
        values = [
            float(r[column])
            for r in csv.DictReader(handle)
            if r["old_la_code"] in codes
            and r["time_period"] == year
            and r["geographic_level"] == "Local authority"
        ]
    return statistics.median(values)


def framework_of(path: Path) -> Framework:
    return load_assessment(path).framework


# --- linking --------------------------------------------------------------------------------


def test_links_are_listed_in_the_frameworks_order(peterborough: Path) -> None:
    links = indicator_links(framework_of(peterborough))
    assert links == {
        "rereferrals": ["hp-front-door"],
        "cin_rate": ["hp-front-door"],
        "cpp_second_or_later": ["hp-plans"],
        "cpp_two_years_or_more": ["hp-plans"],
        "sw_caseload": ["ld-workforce"],
        "sw_agency": ["ld-workforce"],
    }


@needs_raw
def test_peterborough_figures_come_from_the_raw_files(peterborough: Path) -> None:
    loaded = load_assessment(peterborough)
    figures = linked_figures(loaded.framework, loaded.assessment)
    assert figures is not None
    assert figures.authority.code == "874"
    caseload = next(f for f in figures.figures if f.id == "sw_caseload")
    csww = "csww_indicators_2017_to_2025.csv"
    own = raw(csww, old_la_code="874", time_period="2025")
    england = raw(csww, geographic_level="National", time_period="2025")
    assert caseload.figure.value == float(own["caseload_fte"]) == 17.1
    assert caseload.figure.england == float(england["caseload_fte"])
    assert caseload.figure.neighbours_median == pytest.approx(
        raw_neighbours_median(csww, "caseload_fte", "2025")
    )
    assert caseload.criteria == ("ld-workforce",)
    first_year = dict(caseload.trend)[2017]
    assert first_year == float(raw(csww, old_la_code="874", time_period="2017")["caseload_fte"])


def test_no_authority_code_means_no_figures(no_code: Path) -> None:
    loaded = load_assessment(no_code)
    assert linked_figures(loaded.framework, loaded.assessment) is None


def test_a_code_for_another_council_is_refused(tmp_path: Path) -> None:
    path = write_assessment(tmp_path, authority="Luton Borough Council", code="874")
    loaded = load_assessment(path)
    with pytest.raises(InputError) as caught:
        linked_figures(loaded.framework, loaded.assessment, file=path)
    assert caught.value.summary().startswith(f"{path}: authority_code: is 874 (Peterborough)")


def test_authority_names_for_the_new_assessment_form() -> None:
    names = authority_names()
    assert ("Peterborough", "874") in names
    assert len(names) == 153
    assert [n for n, _ in names] == sorted((n for n, _ in names), key=str.casefold)


# --- the disagreement rule -------------------------------------------------------------------


def figure(direction: str, rank: int | None, ranked: int = 11) -> Figure:
    """Peterborough's caseload (lower is better) or its rate of children in need (context),
    placed ``rank`` of ``ranked``."""
    indicator = dataset().indicators["cin_rate" if direction == "neither" else "sw_caseload"]
    return Figure(indicator, 2025, 17.1, 15.2, 14.5, 13.8, rank, ranked if rank else 0)


@pytest.mark.parametrize(
    ("rating", "rank", "expected"),
    [
        ("blue", 10, "worst"),  # strong rating, worst quarter
        ("green", 11, "worst"),
        ("green", 8, None),  # 8th of 11 is not in the worst quarter
        ("amber", 11, None),  # not a strong rating
        ("red", 1, "best"),  # lowest rating, best quarter
        ("red", 2, "best"),
        ("red", 3, None),
        ("red", 11, None),  # agrees
        ("blue", 1, None),  # agrees
        (None, 11, None),  # not rated
    ],
)
def test_disagreement_is_a_question_for_strong_ratings_in_the_worst_quarter_and_red_in_the_best(
    peterborough: Path, rating: str | None, rank: int, expected: str | None
) -> None:
    question = disagreement(framework_of(peterborough), rating, figure("lower", rank))
    if expected is None:
        assert question is None
    else:
        assert question is not None
        assert f"among the {expected} quarter" in question
        assert question.endswith("?")  # a question to discuss, never a grade


def test_a_question_shows_the_frameworks_rating_label_without_escape_sequences(
    peterborough: Path,
) -> None:
    """The question quotes the framework's label for the rating: shown on a terminal and in
    the app, it must carry no escape sequence from the framework file."""
    import msgspec

    from selfassess.model.framework import framework_from_data

    data = msgspec.to_builtins(framework_of(peterborough), builtin_types=(datetime.date,))
    for level in data["rating_levels"]:
        level["label"] = "\x1b]52;c;eA==\x07\x1b[2J" + level["label"]
    question = disagreement(framework_from_data(data), "blue", figure("lower", 11))
    assert question is not None and question.startswith("Rated ]52;c;ea==[2jblue, but")
    assert "\x1b" not in question and "\x07" not in question


def test_context_figures_never_disagree(peterborough: Path) -> None:
    assert disagreement(framework_of(peterborough), "blue", figure("neither", None)) is None


# --- validating links ------------------------------------------------------------------------


def test_an_unknown_indicator_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "fw.toml"
    path.write_text(linked_framework_text({"hp-plans": ["cin_rate", "rereferral"]}), "utf-8")
    with pytest.raises(InputError) as caught:
        load_framework(path)
    message = caught.value.summary()
    assert message.startswith(f"{path}: judgements[0].criteria[2].indicators[1]: ")
    assert '"rereferral" is not a published indicator' in message
    assert "(criterion hp-plans)" in message
    assert 'did you mean "rereferrals"?' in message


def test_validate_checks_indicator_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fw.toml"
    path.write_text(linked_framework_text({"ld-workforce": ["sw_turnover", "sw_vacany"]}), "utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "judgements[1].criteria[1].indicators[1]" in err
    assert 'did you mean "sw_vacancy"?' in err
    (tmp_path / "ok.toml").write_text(linked_framework_text(), "utf-8")
    assert main(["validate", str(tmp_path / "ok.toml")]) == 0


def test_a_framework_with_no_links_is_not_checked_against_the_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfassess.data import linked
    from selfassess.files.store import bundled_framework

    assert indicator_problems(bundled_framework("ilacs-2023")) == []  # its links are all known
    unlinked = load_framework(Path(__file__).parent.parent / "fixtures" / "tiny-framework.toml")
    assert not any(c.indicators for c in unlinked.criteria.values())

    def unread() -> None:
        raise AssertionError("the dataset was read for a framework with no links")

    monkeypatch.setattr(linked, "dataset", unread)
    assert indicator_problems(unlinked) == []


def test_validate_names_the_authority_and_refuses_a_wrong_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_assessment(tmp_path, authority="Peterborough City Council", code="874")
    assert main(["validate", str(good)]) == 0
    assert "(874, Peterborough in the published figures)" in capsys.readouterr().out
    bad = write_assessment(tmp_path, authority="Peterborough", code="875")
    assert main(["validate", str(bad)]) == 2
    assert "authority_code" in capsys.readouterr().err


# --- the report -------------------------------------------------------------------------------


@needs_raw
def test_report_json_carries_the_authority_and_its_indicators(
    peterborough: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(peterborough), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["authority"] == {"code": "874", "name": "Peterborough", "region": "East of England"}
    ids = [i["id"] for i in data["indicators"]]
    assert ids == list(indicator_links(framework_of(peterborough)))
    rereferrals = data["indicators"][0]
    c1 = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
    assert rereferrals == {
        "id": "rereferrals",
        "label": "Re-referrals within 12 months",
        "period": "2025",
        "value": float(raw(c1, old_la_code="874", time_period="2025")["rereferral_percent"]),
        "england": float(
            raw(c1, geographic_level="National", time_period="2025")["rereferral_percent"]
        ),
        "region": float(
            raw(
                c1,
                geographic_level="Regional",
                region_name="East of England",
                time_period="2025",
            )["rereferral_percent"]
        ),
        "neighbours_median": pytest.approx(raw_neighbours_median(c1, "rereferral_percent", "2025")),
        "direction": "lower",
        "criteria": ["hp-front-door"],
    }
    plans = next(i for i in data["indicators"] if i["id"] == "cpp_two_years_or_more")
    assert plans["value"] is None  # suppressed in the raw file: missing, never 0


def test_report_json_without_a_code_is_as_before_with_no_indicators(
    no_code: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(no_code), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["authority"] == {"code": None, "name": "Peterborough", "region": None}
    assert data["indicators"] == []
    assert data["criteria"][0]["rating"] == "red"


@needs_raw
def test_report_text_shows_the_figures_their_sources_and_the_question(
    peterborough: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(peterborough), "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "Published figures: Peterborough (874), East of England" in out
    csww = "csww_indicators_2017_to_2025.csv"
    agency = raw(csww, old_la_code="874", time_period="2025")["agency_rate_fte"]
    assert f"{agency}%" in out
    assert "Average caseload per case-holding social worker" in out
    assert "10th of 11" in out and "worst quarter" in out
    assert "Questions to discuss" in out
    assert "Rated blue, but average caseload" in out
    assert "Source" in out and "DfE, Children's social work workforce 2025" in out
    assert "not published" in out  # the suppressed figure


def test_report_text_without_a_code_has_no_figures(
    no_code: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(no_code)]) == 0
    out = capsys.readouterr().out
    assert "Published figures" not in out
    assert "front door" in out.lower()  # the detail per criterion is there


def test_report_with_a_code_for_another_council_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_assessment(tmp_path, authority="Luton", code="874", ratings=RATINGS)
    assert main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert "authority_code" in err and "Luton" in err and "Traceback" not in err


def test_figures_fit_80_columns(peterborough: Path) -> None:
    from selfassess.views.figures import figures_block

    loaded = load_assessment(peterborough)
    figures = linked_figures(loaded.framework, loaded.assessment)
    assert figures is not None
    console = Console(file=io.StringIO(), width=80, record=True)
    ratings = {cid: loaded.assessment.rating(cid) for cid in loaded.framework.criteria}
    console.print(figures_block(loaded.framework, ratings, figures))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text  # nothing cut off


def test_sparkline_and_values() -> None:
    assert sparkline([1, 2, None, 8]) == "▁▂·█"
    assert sparkline([None, None]) == "··"
    assert sparkline([5, 5]) == "▅▅"
    assert format_value(None, "%") == "not published"
    assert format_value(19.95, "%") == "20.0%"  # as every export shows it: one decimal
    assert format_value(11.15, "%") == "11.2%" and format_value(11.14, "%") == "11.1%"
    assert format_value(18.0, "cases") == "18.0 cases" and format_value(18, "%") == "18%"
    assert format_value(1234.5, "per 10,000") == "1,234.5"
    assert format_value(17.1, "cases") == "17.1 cases"


# --- new ---------------------------------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> str:
    """A framework file whose criteria link published figures."""
    path = tmp_path / "linked-framework.toml"
    path.write_text(linked_framework_text(), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("options", "name"),
    [
        (["--authority", "Peterborough City Council"], "Peterborough"),
        (["--authority-code", "874"], "Peterborough"),
        (["--authority-code", "E06000031"], "Peterborough"),
        (["--authority", "Peterborough's Children's Services", "--authority-code", "874"], None),
    ],
)
def test_new_records_the_authority_and_its_code(
    tmp_path: Path, linked: str, options: list[str], name: str | None
) -> None:
    path = tmp_path / "sef.toml"
    assert main(["new", str(path), "--framework", linked, *options]) == 0
    assessment = load_assessment(path).assessment
    assert assessment.authority_code == "874"
    assert assessment.authority == (name or "Peterborough's Children's Services")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--authority", "Peterbrough"], '--authority: "Peterbrough" is not an English local '),
        (["--authority", "Peterbrough"], 'did you mean "Peterborough"?'),
        (["--authority", "Peterbrough"], "--no-figures"),
        (["--authority-code", "999"], '--authority-code: "999" is not the code'),
        (["--authority", "Luton", "--authority-code", "874"], "874 is Peterborough, but"),
        ([], "--authority: is needed"),
    ],
)
def test_new_refuses_an_unknown_authority_with_suggestions(
    tmp_path: Path,
    linked: str,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    expected: str,
) -> None:
    path = tmp_path / "sef.toml"
    assert main(["new", str(path), "--framework", linked, *options]) == 2
    assert expected in capsys.readouterr().err
    assert not path.exists()


def test_new_keeps_a_name_not_in_the_data_when_asked(tmp_path: Path, linked: str) -> None:
    path = tmp_path / "sef.toml"
    options = ["--authority", "Anytown Safeguarding Partnership", "--no-figures"]
    assert main(["new", str(path), "--framework", linked, *options]) == 0
    assessment = load_assessment(path).assessment
    assert (assessment.authority, assessment.authority_code) == (
        "Anytown Safeguarding Partnership",
        "",
    )
    assert "authority_code" not in path.read_text(encoding="utf-8")


def test_new_with_a_framework_linking_no_figures_keeps_an_unknown_name_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sef.toml"
    tiny = str(Path(__file__).parent.parent / "fixtures" / "tiny-framework.toml")
    assert main(["new", str(path), "--framework", tiny, "--authority", "Anytown"]) == 0
    assert "no published figures or neighbours' grades are linked" in capsys.readouterr().out
    assert load_assessment(path).assessment.authority_code == ""
    other = tmp_path / "other.toml"
    assert main(["new", str(other), "--framework", tiny, "--authority", "Peterborough"]) == 0
    assert load_assessment(other).assessment.authority_code == "874"


def test_an_older_file_without_a_code_still_loads_and_saves_unchanged(no_code: Path) -> None:
    from selfassess.files.store import dumps_assessment

    loaded = load_assessment(no_code)
    assert loaded.assessment.authority_code == ""
    assert "authority_code" not in dumps_assessment(loaded.assessment, loaded.framework)
