"""Parsing report text: each trap of real reports has a sample that fails without its handling."""

from __future__ import annotations

import datetime

import pytest
from report_samples import (
    CARE,
    HELP,
    LEADERS,
    LEAVERS,
    PUA_BULLET,
    SEED_TEXT,
    SIF_TEXT,
    SQUARE_BULLET,
    grade_first_pdf,
    pdf_from_lines,
    pdf_pages,
    report_2018_pages,
    report_2023_pages,
    report_2026_pages,
)

from selfassess.importer.reports import NOT_ILACS, parse_report
from selfassess.model.errors import InputError


def _parse(pages, layouts, source="sample"):
    return parse_report(pages, layouts, source)


def _text_pages(pages: list[list[str]]) -> list[str]:
    """The sample pages as plain text (tuples of table cells joined by a space)."""
    return ["\n".join(" ".join(x) if isinstance(x, tuple) else x for x in page) for page in pages]


# --- the three layouts, as PDFs ---------------------------------------------------------------


def test_2018_layout_with_wrapped_titles_and_grades(layouts) -> None:
    report = _parse(pdf_pages(pdf_from_lines(report_2018_pages())), layouts)
    assert report.framework == "layout-2018"
    assert report.local_authority == "Anytown City Council"
    assert report.inspection_start == datetime.date(2019, 9, 30)
    assert report.inspection_end == datetime.date(2019, 10, 11)
    assert report.lead_inspector == "Alex Example"  # the role is on the next line
    assert report.judgements == {
        "leaders": "inadequate",
        "help_and_protection": "requires_improvement",  # "Requires improvement" / "to be good"
        "children_in_care_and_care_leavers": "good",
        "overall": "inadequate",
    }


def test_2018_list_private_use_bullets_page_numbers_and_hyphen_breaks(layouts) -> None:
    report = _parse(pdf_pages(pdf_from_lines(report_2018_pages())), layouts)
    assert report.areas_for_improvement == (
        "The timeliness of decisions at the front door when contacts raise concerns about risk.",
        # "multi-" at the end of a line joins "agency" without a space
        "Management oversight of multi-agency work with children at risk of exploitation.",
        # the page number "3" at the top of the next page is not part of this item
        "The quality of assessments for disabled children.",
        "Support for care leavers to find suitable accommodation.",
    )


def test_2023_layout_five_rows_and_outstanding_in_prose(layouts) -> None:
    report = _parse(pdf_pages(pdf_from_lines(report_2023_pages())), layouts)
    assert report.framework == "layout-2023"
    assert (
        report.local_authority == "Northshire"
    )  # from "Inspection of Northshire local / authority…"
    assert (report.inspection_start, report.inspection_end) == (
        datetime.date(2023, 11, 13),
        datetime.date(2023, 11, 24),
    )
    assert report.lead_inspector == "Sam Sample"
    assert report.judgements == {
        "leaders": "requires_improvement",
        "help_and_protection": "good",
        "children_in_care": "outstanding",
        "care_leavers": "inadequate",
        "overall": "inadequate",
    }
    assert list(report.judgements) == [
        "leaders",
        "help_and_protection",
        "children_in_care",
        "care_leavers",
        "overall",
    ]


def test_2023_list_footnote_running_header_and_national_framework_tags(layouts) -> None:
    report = _parse(pdf_pages(pdf_from_lines(report_2023_pages())), layouts)
    assert report.areas_for_improvement == (
        "The help given to care leavers to understand their entitlements.",
        "The consistency of supervision for social workers in the safeguarding teams.",
        # split by the page-2 footnote and the page-3 running header and page number
        "Sufficiency of local homes for children in care, so that fewer children live far from "
        "home.",
    )


def test_2026_layout_has_no_overall_and_the_leaders_variant(layouts) -> None:
    report = _parse(pdf_pages(pdf_from_lines(report_2026_pages())), layouts)
    assert report.framework == "layout-2026"
    assert report.local_authority == "Westvale"
    # "Outstanding leadership…" follows the last row: prose, not a fifth grade
    assert report.judgements == {
        "leaders": "good",
        "help_and_protection": "good",
        "children_in_care": "good",
        "care_leavers": "good",
    }
    assert (
        report.titles["leaders"] == "The impact of leaders on practice with children and families"
    )
    assert report.areas_for_improvement == ("Return home interviews for children who go missing.",)


def test_grade_drawn_before_title_and_cells_glued(layouts) -> None:
    # pypdf gives "GoodThe impact of leaders…": the grade first, with no space.
    report = _parse(pdf_pages(grade_first_pdf()), layouts)
    assert report.judgements == {
        "leaders": "good",
        "help_and_protection": "outstanding",
        "children_in_care_and_care_leavers": "requires_improvement",
        "overall": "good",
    }
    assert report.local_authority == "Eastmoor Borough Council"


def test_grade_first_on_lines_of_their_own(layouts) -> None:
    text = "\n".join(
        [
            "Eastmoor Borough Council",
            "Inspection of local authority children's services",
            "Inspection dates: 2 to 13 March 2020",
            "Lead inspector: Pat Invented",
            "Judgement Grade",
            "Inadequate",
            "The impact of leaders on social work practice with children",
            "and families",
            "Requires improvement",
            "to be good",
            "The experiences and progress of children who",
            "need help and protection",
            "Good",
            "The experiences and progress of children in care and care leavers",
            "Inadequate",
            "Overall effectiveness",
            "Good help is not yet available to every family.",
            "What needs to improve",
            "- Leadership.",
            "",
            "The experiences and progress of children who need help and protection: requires",
        ]
    )
    report = _parse([text], layouts)
    assert report.judgements == {
        "leaders": "inadequate",
        "help_and_protection": "requires_improvement",
        "children_in_care_and_care_leavers": "good",
        "overall": "inadequate",
    }


def test_grade_in_the_middle_of_a_wrapped_title(layouts) -> None:
    text = "\n".join(
        [
            "Eastmoor Borough Council",
            "Inspection of children's social care services",
            "Inspection dates: 2 March 2020 to 13 March 2020",
            "Judgement Grade",
            "The impact of leaders on social work practice with",
            "Good",
            "children and families",
            "The experiences and progress of children who need help and",
            "Good",
            "protection",
            "The experiences and progress of children in care and care",
            "Inadequate",
            "leavers",
            "Overall effectiveness Inadequate",
            "What needs to improve",
            "- Leadership.",
        ]
    )
    report = _parse([text], layouts)
    assert report.judgements["children_in_care_and_care_leavers"] == "inadequate"
    assert report.judgements["leaders"] == "good"
    assert report.lead_inspector == ""


# --- plain text -------------------------------------------------------------------------------


def test_plain_text_with_tabs_and_dash_bullets(layouts) -> None:
    report = _parse([SEED_TEXT], layouts)
    assert report.framework == "layout-2018"
    assert report.local_authority == "Anytown City Council"
    assert set(report.judgements.values()) == {"good"}
    assert report.areas_for_improvement == (
        "Chronologies that help workers understand a family's history.",
        "The number of return interviews completed with children who have been missing.",
    )


def test_plain_text_of_the_pdf_samples_gives_the_same(layouts) -> None:
    for pages in (report_2018_pages(), report_2023_pages(), report_2026_pages()):
        from_pdf = _parse(pdf_pages(pdf_from_lines(pages)), layouts)
        from_text = _parse(_text_pages(pages), layouts)
        assert from_text.to_json() == from_pdf.to_json()


def test_list_without_bullets_splits_at_sentences(layouts) -> None:
    text = SEED_TEXT.replace("- Chronologies", "Chronologies").replace("- The number", "The number")
    report = _parse([text], layouts)
    assert len(report.areas_for_improvement) == 2


def test_bullet_glyph_alone_on_its_line(layouts) -> None:
    text = SEED_TEXT.replace("- Chronologies", f"{PUA_BULLET}\nChronologies")
    report = _parse([text], layouts)
    assert report.areas_for_improvement[0].startswith("Chronologies that help")


def test_list_ends_at_a_numbered_paragraph(layouts) -> None:
    text = SEED_TEXT.replace(
        "\nThe experiences and progress of children who need help and protection: Good\n", ""
    )
    report = _parse([text], layouts)
    assert len(report.areas_for_improvement) == 2
    assert not report.areas_for_improvement[-1].endswith("early.")


def test_list_ends_at_a_new_paragraph_after_a_blank_line(layouts) -> None:
    text = SEED_TEXT.replace(
        "The experiences and progress of children who need help and protection: Good\n\n1. ",
        "Inspectors spoke with many children.\n",
    )
    report = _parse([text], layouts)
    assert report.areas_for_improvement[-1].endswith("have been missing.")


def test_tags_in_several_forms_are_removed(layouts) -> None:
    text = SEED_TEXT.replace(
        "family's history.", "family's history. (Outcome two and enabler 1, National Framework)"
    ).replace("been missing.", "been missing (principle 3, national framework).")
    report = _parse([text], layouts)
    assert report.areas_for_improvement == (
        "Chronologies that help workers understand a family's history.",
        "The number of return interviews completed with children who have been missing.",
    )


def test_page_breaks_in_text_are_form_feeds(layouts) -> None:
    report = _parse(
        SEED_TEXT.replace("What needs to improve", "\fWhat needs to improve").split("\f"), layouts
    )
    assert report.pages_read == 2


def test_dates_across_a_year_end(layouts) -> None:
    text = SEED_TEXT.replace("25 June 2018 to 6 July 2018", "26 November to 7 December 2018")
    report = _parse([text], layouts)
    assert report.inspection_start == datetime.date(2018, 11, 26)
    text = SEED_TEXT.replace("25 June 2018 to 6 July 2018", "17 December 2018 – 11 January 2019")
    report = _parse([text], layouts)
    assert report.inspection_start == datetime.date(2018, 12, 17)
    text = SEED_TEXT.replace("25 June 2018 to 6 July 2018", "17 December to 11 January 2019")
    assert _parse([text], layouts).inspection_start == datetime.date(2018, 12, 17)


# --- reading only what is needed --------------------------------------------------------------


def test_stops_extracting_once_the_list_has_ended(layouts) -> None:
    taken: list[int] = []

    def pages(texts):
        for n, text in enumerate(texts, start=1):
            taken.append(n)
            yield text

    report = _parse(pages(_text_pages(report_2018_pages())), layouts)
    assert report.pages_read == 3 and taken == [1, 2, 3]  # the list runs onto page 3; 4 unread
    taken.clear()
    report = _parse(pages(_text_pages(report_2026_pages())), layouts)
    assert report.pages_read == 2 and taken == [1, 2]


# --- refusing rather than guessing ------------------------------------------------------------


def _error(pages, layouts) -> str:
    with pytest.raises(InputError) as info:
        parse_report(pages, layouts, "r.pdf")
    assert info.value.file == "r.pdf"
    return info.value.problems[0].message


def test_sif_report_is_refused_as_not_ilacs(layouts) -> None:
    message = _error([SIF_TEXT], layouts)
    assert "single inspection framework" in message and "not an ILACS report" in message


def test_other_document_has_no_table(layouts) -> None:
    message = _error(["Some council\nMinutes of the meeting held on 3 May\nItem 1"], layouts)
    assert message == f"no table of judgement grades found — {NOT_ILACS}"


def test_monitoring_visit_letter_is_named(layouts) -> None:
    message = _error(["Dear Director\nMonitoring visit to Anytown children's services\n"], layouts)
    assert "monitoring visit letter" in message


def test_a_missing_grade_is_never_guessed_from_prose(layouts) -> None:
    pages = report_2026_pages()
    pages[0] = [line for i, line in enumerate(pages[0]) if i != 16]  # the care leavers' "Good"
    assert pages[0][16].startswith("Outstanding leadership")
    message = _error(_text_pages(pages), layouts)
    assert message == f'the grade for "{LEAVERS}" could not be read'


def test_a_row_missing_from_the_table(layouts) -> None:
    text = SEED_TEXT.replace(f"{CARE} and care leavers\tGood\n", "")
    message = _error([text], layouts)
    assert "3 rows" in message and "no known framework" in message and NOT_ILACS in message
    assert f'"{LEADERS}"' in message and f'"{HELP}"' in message


def test_2023_table_without_overall_is_not_2026_when_the_leaders_title_differs(layouts) -> None:
    # Only 2026 lists the shorter leaders title, but layout is decided by the set of judgements.
    pages = report_2023_pages()
    pages[0] = [line for line in pages[0] if line != ("Overall effectiveness", "Inadequate")]
    report = _parse(_text_pages(pages), layouts)
    assert report.framework == "layout-2026"


def test_no_dates(layouts) -> None:
    message = _error(
        [SEED_TEXT.replace("Inspection dates: 25 June 2018 to 6 July 2018", "")], layouts
    )
    assert message.startswith("no inspection dates found")


def test_dates_that_end_before_they_start(layouts) -> None:
    message = _error(
        [SEED_TEXT.replace("25 June 2018 to 6 July 2018", "6 July 2018 to 25 June 2018")], layouts
    )
    assert "end before they start" in message


def test_impossible_date(layouts) -> None:
    message = _error([SEED_TEXT.replace("25 June 2018", "31 June 2018")], layouts)
    assert "not real dates" in message


def test_no_local_authority(layouts) -> None:
    text = SEED_TEXT.replace(
        "Anytown City Council\n\nInspection of children's social care services\n", ""
    )
    assert _error([text], layouts).startswith("no local authority name found")


def test_no_list(layouts) -> None:
    text = SEED_TEXT.replace("What needs to improve", "What went well")
    assert _error([text], layouts).startswith('no "What needs to improve" list found')


def test_empty_list(layouts) -> None:
    text = SEED_TEXT.split("What needs to improve")[0] + (
        "What needs to improve\n\nThe experiences and progress of children who need help and "
        "protection: Good\n"
    )
    assert _error([text], layouts) == 'the "What needs to improve" list has no items'


def test_no_text(layouts) -> None:
    assert "has no text" in _error(["", ""], layouts)
    assert "has no text" in _error([], layouts)


def test_square_and_private_use_bullets_are_both_bullets(layouts) -> None:
    text = SEED_TEXT.replace("- Chronologies", f"{SQUARE_BULLET} Chronologies").replace(
        "- The number", "\uf06e The number"
    )
    assert len(_parse([text], layouts).areas_for_improvement) == 2


def test_a_row_with_two_grades_is_refused(layouts) -> None:
    text = SEED_TEXT.replace(
        "children and families\tGood\n", "children and families\tGood\nInadequate\n"
    )
    assert "no known framework" in _error([text], layouts)


def test_sif_report_is_refused_from_its_first_page(layouts) -> None:
    taken: list[str] = []

    def pages():
        for text in (SIF_TEXT, "Executive summary", "Contents"):
            taken.append(text)
            yield text

    with pytest.raises(InputError):
        parse_report(pages(), layouts, "sif.pdf")
    assert taken == [SIF_TEXT]


def test_ilacs_report_mentioning_the_lscb_is_still_ilacs(layouts) -> None:
    text = SEED_TEXT.replace(
        "Services for children in Anytown are good.",
        "The local safeguarding children board and leaders of children looked after and "
        "achieving permanence work together.",
    )
    assert _parse([text], layouts).framework == "layout-2018"


def test_an_item_wrapping_onto_words_of_a_title_is_not_cut(layouts) -> None:
    text = SEED_TEXT.replace(
        "- Chronologies that help workers understand a family's history.",
        "- How well leaders track\nthe impact of leaders on practice with children and families.",
    )
    assert _parse([text], layouts).areas_for_improvement[0] == (
        "How well leaders track the impact of leaders on practice with children and families."
    )


def test_a_line_introducing_the_bullets_is_not_an_item(layouts) -> None:
    text = SEED_TEXT.replace(
        "What needs to improve\n", "What needs to improve\n\nLeaders should improve:\n"
    )
    assert _parse([text], layouts).areas_for_improvement[0].startswith("Chronologies")
