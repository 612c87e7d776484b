"""Layouts seen in 2022–2026 reports, built as PDFs: rows worded differently, names that wrap,
trusts, reports with nothing to improve, and national framework tags."""

from __future__ import annotations

import pytest
from report_samples import pdf_from_lines, pdf_pages, report_2023_pages, report_2026_pages

from selfassess.importer.authorities import authority_name, same_authority
from selfassess.importer.reports import parse_report
from selfassess.model.errors import InputError
from selfassess.model.linking import NationalFrameworkTag


def _read(pages: list[list[str]], layouts):
    return parse_report(pdf_pages(pdf_from_lines(pages)), layouts, "sample.pdf")


def _refusal(pages: list[list[str]], layouts) -> str:
    with pytest.raises(InputError) as info:
        _read(pages, layouts)
    return info.value.problems[0].message


def _replace(page: list, old: list[str], new: list[str]) -> list:
    at = page.index(old[0])
    assert page[at : at + len(old)] == old
    return page[:at] + new + page[at + len(old) :]


def test_care_leavers_row_worded_differently_is_read(layouts) -> None:
    pages = report_2023_pages()
    pages[0] = _replace(
        pages[0],
        ["The experiences and progress of care", "leavers"],
        ["The experiences and progress of", "children care leavers"],
    )
    report = _read(pages, layouts)
    assert report.framework == "layout-2023"
    assert report.judgements["care_leavers"] == "inadequate"
    assert report.judgements["children_in_care"] == "outstanding"


def test_a_row_that_could_be_two_judgements_is_refused_by_name(layouts) -> None:
    pages = report_2023_pages()
    pages[0] = _replace(
        pages[0],
        ["The experiences and progress of care", "leavers"],
        ["The experiences and progress of", "children in care leavers"],
    )
    message = _refusal(pages, layouts)
    assert "could not be placed" in message
    assert '"The experiences and progress of children in care leavers"' in message


def test_a_row_like_no_judgement_is_refused(layouts) -> None:
    pages = report_2026_pages()
    pages[0] = _replace(
        pages[0],
        ["The experiences and progress of care", "leavers"],
        ["The experiences of young people", "moving to adulthood"],
    )
    assert "match the layout of no known framework" in _refusal(pages, layouts)


def _all_outstanding_without_list() -> list[list[str]]:
    pages = report_2026_pages()
    pages[0] = ["Outstanding" if line == "Good" else line for line in pages[0]]
    pages[1] = [line for line in pages[1] if "improve" not in line and "Return home" not in line]
    return pages


def test_outstanding_report_without_a_list_has_nothing_to_improve(layouts) -> None:
    report = _read(_all_outstanding_without_list(), layouts)
    assert set(report.judgements.values()) == {"outstanding"}
    assert report.areas_for_improvement == ()
    assert report.pages_read == 2


def test_a_missing_list_is_refused_when_something_is_not_outstanding(layouts) -> None:
    pages = _all_outstanding_without_list()
    pages[0][pages[0].index("Outstanding")] = "Good"
    assert 'no "What needs to improve" list' in _refusal(pages, layouts)


@pytest.mark.parametrize(
    ("lines", "printed", "authority"),
    [
        (
            ["Inspection of Westvale Metropolitan", "Borough Council children’s services"],
            "Westvale Metropolitan Borough Council",
            "Westvale",
        ),
        (
            ["Inspection of Westvale Children and", "Families Trust"],
            "Westvale Children and Families Trust",
            "Westvale",
        ),
        (
            ["Inspection of London Borough of", "Westvale local authority children’s", "services"],
            "London Borough of Westvale",
            "Westvale",
        ),
    ],
)
def test_authority_names_wrapped_boroughs_and_trusts(layouts, lines, printed, authority) -> None:
    pages = report_2026_pages()
    pages[0] = lines + pages[0][2:]
    report = _read(pages, layouts)
    assert (report.local_authority, report.authority) == (printed, authority)
    assert report.to_json()["authority"] == authority


def test_national_framework_tags_are_structured_and_out_of_the_text(layouts) -> None:
    report = _read(report_2023_pages(), layouts)
    assert report.national_framework == (
        (NationalFrameworkTag("outcome", 4),),
        (NationalFrameworkTag("enabler", 3),),
        (NationalFrameworkTag("outcome", 4),),  # "(Outcome four, National Framework)"
    )
    assert not any("framework" in area.lower() for area in report.areas_for_improvement)
    assert report.to_json()["national_framework_tags"][1] == [{"kind": "enabler", "number": 3}]


def test_tag_lists_and_unknown_tags() -> None:
    from selfassess.importer.areas import _tidy_area

    assert _tidy_area("Supervision (outcomes 1 and 3, national framework)") == (
        "Supervision.",
        (NationalFrameworkTag("outcome", 1), NationalFrameworkTag("outcome", 3)),
    )
    # wording not understood: kept in the text rather than lost
    assert _tidy_area("Supervision (see annex, national framework).")[1] == ()
    assert "annex" in _tidy_area("Supervision (see annex, national framework).")[0]


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("London Borough of Sutton", "Sutton"),
        ("City of Bradford Metropolitan District Council", "Bradford"),
        ("Leeds City", "Leeds"),
        ("Peterborough City Council", "Peterborough"),
        ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"),
        ("Herefordshire, County of", "Herefordshire"),
        ("Herefordshire Council", "Herefordshire"),
        ("City of London", "City of London"),
        ("Durham County Council", "Durham"),
        ("Kingston upon Hull City Council", "Kingston upon Hull"),
        ("Doncaster Children’s Services Trust", "Doncaster"),
    ],
)
def test_authority_name(printed: str, name: str) -> None:
    assert authority_name(printed) == name


def test_same_authority_across_forms() -> None:
    assert same_authority("Bristol, City of", "Bristol City Council")
    assert not same_authority("North Somerset", "Somerset")
