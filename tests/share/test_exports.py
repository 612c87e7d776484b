"""Every export parsed back: the same content as the report, user text literal, nothing external."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from share_helpers import INJECTED_EVIDENCE, TINY, write_assessment

from selfassess.commands import main
from selfassess.exports import export_report
from selfassess.exports.markdown import escape
from selfassess.files.store import load_assessment
from selfassess.model.errors import SelfAssessError
from selfassess.model.summary import Summary, summarise

LETTERS = {
    "hp-front-door": "G",
    "hp-missing": "G",
    "hp-plans": "A",
    "hp-assessments": "R",
    "ld-qa": "–",
    "ld-workforce": "B",
}
TITLES = {
    "hp-front-door": "Front door decisions",
    "hp-missing": "Return interviews",
    "hp-plans": "Plans",
    "hp-assessments": "Assessments",
    "ld-qa": "Quality assurance",
    "ld-workforce": "Workforce",
}


@pytest.fixture
def summary(sample: Path) -> Summary:
    loaded = load_assessment(sample)
    return summarise(loaded.framework, loaded.assessment)


# --- HTML -------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects tags, attributes, text, and each criterion row's badge letter and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self.badges: dict[str, list[str]] = {}
        self._row: str | None = None
        self._in_badge = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        found = dict(attrs)
        if tag == "tr" and (found.get("id") or "").startswith("c-"):
            self._row = (found["id"] or "")[2:]
            self.rows[self._row] = []
            self.badges[self._row] = []
        self._in_badge = tag == "span" and found.get("class") == "badge"

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None
        if tag == "span":
            self._in_badge = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._row is not None:
            self.rows[self._row].append(data)
            if self._in_badge:
                self.badges[self._row].append(data)


def _parse(raw: bytes) -> _Page:
    page = _Page()
    page.feed(raw.decode("utf-8"))
    page.close()
    return page


def test_html_is_self_contained_with_no_active_content(summary: Summary) -> None:
    raw = export_report(summary, "html")
    page = _parse(raw)
    assert raw.startswith(b"<!DOCTYPE html>")
    assert page.tags.count("style") == 1
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
        assert tag not in page.tags
    for name, value in page.attrs:
        assert not name.startswith("on")
        assert name not in ("src", "href", "action")
        assert "http:" not in value and "https:" not in value and "url(" not in value
    text = raw.decode("utf-8")
    assert "@import" not in text and "url(" not in text and "@font-face" not in text
    assert "@media print" in text
    assert "default-src 'none'" in text  # a CSP that forbids loading anything


def test_html_has_every_criterion_with_its_letter_and_evidence(summary: Summary) -> None:
    page = _parse(export_report(summary, "html"))
    assert set(page.rows) == set(LETTERS)
    for cid, letter in LETTERS.items():
        row = " ".join(page.rows[cid])
        assert TITLES[cid] in row
        assert page.badges[cid][0] == letter
    front = " ".join(page.rows["hp-front-door"])
    assert INJECTED_EVIDENCE in front  # shown literally, once parsed
    assert "High".lower() in front.lower() and "Re-audit contacts" in front
    assert "Marked for review" in " ".join(page.rows["hp-plans"])
    assert "Commissioned from a neighbour" in " ".join(page.rows["ld-qa"])


def test_html_escapes_user_text_and_strips_control_characters(summary: Summary) -> None:
    raw = export_report(summary, "html").decode("utf-8")
    assert "<script" not in raw
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in raw
    assert "<b>not bold</b>" not in raw and "&lt;b&gt;not bold&lt;/b&gt;" in raw
    assert "\x1b" not in raw and "Weekly MASH data[31m with escape" in raw


def test_html_shows_scorecard_bars_reasons_and_blind_spots(summary: Summary) -> None:
    raw = export_report(summary, "html").decode("utf-8")
    page = _parse(raw.encode())
    text = " ".join(page.text)
    assert raw.count('class="bar"') == 2  # one R/A/G bar per judgement (not overall)
    assert "R&nbsp;1" in raw and "G&nbsp;2" in raw and "A&nbsp;1" in raw
    assert "4 of 4 rated" in text and "2 of 2 rated" in text
    assert (
        "Possible blind spots" in text and "Return interviews for children who go missing" in text
    )
    assert "two grades more severe than Ofsted" in text
    assert "Rule:" in text and "How it is worked out: A heuristic, not Ofsted's rule." in text


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_escapes_markup_so_it_reads_literally(summary: Summary) -> None:
    text = export_report(summary, "markdown").decode("utf-8")
    assert "<script>" not in text and "<b>" not in text
    assert escape(INJECTED_EVIDENCE) in text
    unescaped = escape(INJECTED_EVIDENCE).replace("\\", "")
    assert unescaped == INJECTED_EVIDENCE
    assert "\n# not a heading" not in text and "\\# not a heading" in text
    assert "\x1b" not in text


def test_markdown_has_scorecard_and_every_criterion(summary: Summary) -> None:
    text = export_report(summary, "markdown").decode("utf-8")
    assert "| Judgement | Ratings | Self-assessed | Ofsted | Gap |" in text
    assert "| Help and protection | R 1, A 1, G 2, B 0 (4 of 4 rated) | Inadequate | Good |" in text
    for cid, title in TITLES.items():
        assert f"#### {LETTERS[cid]} · {title}" in text
    assert "**Rating:** Green, high confidence" in text
    assert "Re-audit contacts (In progress; Team manager; due 30 June 2024)" in text
    assert "**Possible blind spots:**" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("2024 Q1", "2024 Q1"),
        ("a | b", "a \\| b"),
        ("[link](http://x)", "\\[link\\](`http://x`)"),
        ("see www.example.org.", "see `www.example.org`."),
        ("sef.toml and e.g. 1.5", "sef.toml and e.g. 1.5"),
        ("&amp; stays", "\\&amp; stays"),
        ("Children & families", "Children & families"),
        ("line\nbreak", "line break"),
    ],
)
def test_markdown_escape(raw: str, escaped: str) -> None:
    assert escape(raw) == escaped


URLS = [
    "https://intranet.example.org/audits?id=4",
    "http://example.org/a_(b)",
    "www.example.org",
    "jo.bloggs@example.org",
    "mailto:qa@example.org",
    "peterborough.gov.uk/children",
]
"""Addresses as people type them; GitHub or a viewer with linkify would make each a link."""

LINKS_BODY = f"""
period = "Q1, see {URLS[5]}"
[criteria.hp-plans]
rating = "amber"
notes = "Minutes: {URLS[0]}\\n{URLS[2]} has the rest"
[[criteria.hp-plans.evidence]]
what = "Audit at {URLS[1]}"
where = "{URLS[2]}/audits"
owner = "{URLS[3]}"
[[criteria.hp-plans.actions]]
what = "Write to {URLS[4]}"
owner = "{URLS[3]}"
"""


@pytest.fixture
def with_links(tmp_path: Path) -> Summary:
    loaded = load_assessment(write_assessment(tmp_path, "links.toml", LINKS_BODY))
    return summarise(loaded.framework, loaded.assessment)


def test_markdown_never_makes_links_of_addresses_in_user_text(with_links: Summary) -> None:
    from markdown_it import MarkdownIt

    from selfassess.exports import export_actions
    from selfassess.model.actions import collect_actions

    actions = collect_actions(
        with_links.framework, with_links.assessment, datetime.date(2024, 1, 1)
    )
    for text in (
        export_report(with_links, "markdown").decode("utf-8"),
        export_actions(actions, "markdown").decode("utf-8"),
    ):
        page = MarkdownIt("gfm-like").render(text)  # GitHub's flavour, with linkify
        assert "<a " not in page and "href" not in page
    report = export_report(with_links, "markdown").decode("utf-8")
    for url in URLS:
        assert f"`{url.removesuffix(')')}`" in report  # still there to read and copy, as code


def test_html_never_makes_links_of_addresses_in_user_text(with_links: Summary) -> None:
    raw = export_report(with_links, "html")
    page = _parse(raw)
    assert "a" not in page.tags and "href" not in [name for name, _ in page.attrs]
    text = " ".join(page.text)
    for url in URLS:
        assert url in text
    assert b'name="format-detection"' in raw  # phones would link the numbers and addresses


# --- CSV --------------------------------------------------------------------------------------


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_one_row_per_criterion_with_counts_and_dates(summary: Summary) -> None:
    data = export_report(summary, "csv")
    assert b"\r" not in data and data.endswith(b"\n")
    assert data.startswith("\ufeff".encode())  # for Excel; see csv_export's docstring
    rows = _rows(data)
    assert [r["criterion_id"] for r in rows] == list(TITLES)
    by_id = {r["criterion_id"]: r for r in rows}
    front = by_id["hp-front-door"]
    assert (front["judgement_id"], front["criterion"], front["rating"], front["rating_letter"]) == (
        "help_and_protection",
        "Front door decisions",
        "Green",
        "G",
    )
    assert (front["confidence"], front["evidence_count"], front["latest_evidence_date"]) == (
        "High",
        "2",
        "2024-03-01",
    )
    assert (front["open_actions"], front["limiting"]) == ("1", "yes")
    plans = by_id["hp-plans"]
    assert (plans["open_actions"], plans["actions"], plans["review"]) == ("1", "2", "yes")
    assert by_id["hp-missing"]["latest_evidence_date"] == "2023-12-01"
    assert by_id["hp-assessments"]["evidence_count"] == "0"
    assert by_id["hp-assessments"]["latest_evidence_date"] == ""
    assert by_id["ld-qa"]["rating"] == "Not applicable"


@pytest.mark.parametrize(
    "typed",
    [
        "=1+1",
        "@SUM(A1)",
        "+44 1733",
        "-2+3",
        "\ufeff=HYPERLINK(0)",
        "\u2060=1+1",
        "＝1+1",  # full-width forms, which spreadsheets in some locales take as formulas
        "＋1",
        "－1",
        "＠SUM(A1)",
        " =1+1",
        "\t=1+1",
        "\r=1+1",
        "\u00a0@SUM(A1)",
    ],
)
def test_csv_never_writes_a_formula(typed: str) -> None:
    from selfassess.exports.csv_export import cell

    assert cell(typed).startswith("'")


def test_csv_keeps_ordinary_text_as_typed() -> None:
    from selfassess.exports.csv_export import cell

    assert cell("Plain") == "Plain"
    assert cell("Audit 2024 = 40 cases") == "Audit 2024 = 40 cases"


# --- Word -------------------------------------------------------------------------------------


def test_word_has_title_scorecard_three_questions_and_evidence(summary: Summary) -> None:
    import docx

    from selfassess.exports.word import QUESTION_HOW, QUESTION_KNOW, QUESTION_PLANS

    document = docx.Document(io.BytesIO(export_report(summary, "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Anytown" in paragraphs  # the title page
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in (
        "Scorecard",
        "Help and protection",
        "Impact of leaders",
        QUESTION_KNOW,
        QUESTION_HOW,
        QUESTION_PLANS,
    ):
        assert heading in headings
    assert (
        headings.index(QUESTION_KNOW)
        < headings.index(QUESTION_HOW)
        < headings.index(QUESTION_PLANS)
    )
    assert "Case audit (2)" in headings and "Performance data (1)" in headings

    scorecard = document.tables[0]
    header = [c.text for c in scorecard.rows[0].cells]
    assert header[:5] == ["Judgement", "R", "A", "G", "B"]
    hp = [c.text for c in scorecard.rows[1].cells]
    assert hp[0] == "Help and protection"
    assert hp[1:5] == ["1", "1", "2", "0"]
    assert "Inadequate" in hp[6] and "Good" in hp[7]
    assert any("Overall effectiveness" in c.text for c in scorecard.rows[3].cells)
    # python-docx has no public way to a cell's shading: read the table's XML (the body's
    # tables are document.tables, in order)
    grid = document.element.body.xpath("./w:tbl")[0]
    fills = grid.xpath("./w:tr[2]/w:tc[2]//w:shd/@w:fill")
    assert fills and fills[0] != "auto"  # red count cell is coloured

    # "How do we know it?" lists every piece of evidence, a table for each type
    evidence = {
        row.cells[0].text: [c.text for c in row.cells[1:]]
        for table in document.tables
        if table.rows[0].cells[0].text == "Evidence"
        for row in table.rows[1:]
    }
    assert evidence[INJECTED_EVIDENCE] == [
        "Front door decisions",
        "1\u00a0March 2024",
        "QA team; SharePoint | Audits",
    ]
    assert evidence["Return interview audit"][0] == "Return interviews"
    assert "Weekly MASH data[31m with escape" in evidence

    criteria_table = document.tables[1]
    letters = [row.cells[0].text for row in criteria_table.rows[1:]]
    assert letters == ["G", "G", "A", "R"]
    assert "Marked for review" in criteria_table.rows[3].cells[1].text

    plans = document.tables[-1]
    assert [c.text for c in plans.rows[0].cells] == [
        "Action",
        "Criterion",
        "Owner",
        "Due",
        "Status",
    ]
    actions = [row.cells[0].text for row in plans.rows[1:]]
    assert actions == [
        "Plan template",
        '=HYPERLINK("http://example.invalid")',
        "Re-audit contacts",
        "Recruit two team managers",
    ]
    assert document.core_properties.title == "Self-assessment: Anytown"


def test_word_export_is_byte_identical_each_time(summary: Summary) -> None:
    first = export_report(summary, "docx")
    second = export_report(summary, "docx")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2024-03-01T00:00:00Z" in core  # the assessment's latest date


# --- through the command line ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv", "docx", "json"])
def test_report_command_writes_every_format(tmp_path: Path, sample: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["report", str(sample), "--format", fmt, "-o", str(out)]) == 0
    data = out.read_bytes()
    if fmt == "json":
        parsed = json.loads(data)
        assert parsed["criteria"][0]["evidence"][0]["what"] == INJECTED_EVIDENCE
    elif fmt == "docx":
        assert zipfile.is_zipfile(out)
    else:
        text = data.decode("utf-8-sig")
        assert "Front door decisions" in text and "Workforce" in text


def test_report_command_to_stdout(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(sample), "--format", "markdown"]) == 0
    assert "# Self-assessment: Anytown" in capsys.readouterr().out


def test_unrated_assessment_exports(tmp_path: Path) -> None:
    blank = write_assessment(tmp_path, "blank.toml")
    loaded = load_assessment(blank)
    summary = summarise(loaded.framework, loaded.assessment)
    for fmt in ("markdown", "html", "csv", "docx"):
        assert export_report(summary, fmt)
    assert "No grade yet" in export_report(summary, "html").decode()


def test_unknown_format_is_a_user_error(summary: Summary) -> None:
    with pytest.raises(SelfAssessError, match="cannot export"):
        export_report(summary, "pdf")


def test_text_exports_do_not_import_docx_or_textual(sample: Path) -> None:
    code = (
        "import sys\n"
        "from selfassess.files.store import load_assessment\n"
        "from selfassess.model.summary import summarise\n"
        "from selfassess.exports import export_report\n"
        "import selfassess.commands, selfassess.model.diffing, selfassess.model.merging\n"
        "import selfassess.model.trend\n"
        f"loaded = load_assessment({str(sample)!r})\n"
        "s = summarise(loaded.framework, loaded.assessment)\n"
        "for fmt in ('markdown', 'html', 'csv'):\n"
        "    export_report(s, fmt)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('docx', 'textual', 'PIL')]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_word_survives_characters_xml_cannot_hold(tmp_path: Path) -> None:
    import docx

    framework = tmp_path / "fw.toml"
    framework.write_text(
        TINY.read_text(encoding="utf-8")
        .replace('title = "Plans"', 'title = "Plans\\u0001 and \\uFFFEreviews"')
        .replace(
            'short_title = "Help and protection"', 'short_title = "Help\\u0002 and protection"'
        )
        .replace('label = "Amber"', 'label = "Amb\\u0003er"'),
        encoding="utf-8",
    )
    body = (
        '[criteria.hp-plans]\nrating = "amber"\n'
        '[[criteria.hp-plans.evidence]]\nwhat = "Odd\\uFFFF text\\u0007"\n'
    )
    loaded = load_assessment(write_assessment(tmp_path, "odd.toml", body, framework=framework))
    summary = summarise(loaded.framework, loaded.assessment)
    document = docx.Document(io.BytesIO(export_report(summary, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Odd text" in cells
    assert any("Plans and reviews" in c for c in cells)
    assert "Help and protection" in text and "Amber" in text


def test_word_export_lists_every_one_of_many_items(tmp_path: Path) -> None:
    """Hundreds of pieces of evidence and actions on one criterion: every one is listed. (How
    long thousands take is measured in benchmarks/, not here.)"""
    import docx

    body = '[criteria.hp-plans]\nrating = "amber"\n' + "".join(
        f'[[criteria.hp-plans.evidence]]\nwhat = "Audit {n}"\ntype = "case_audit"\n'
        f'date = 2024-01-01\nowner = "QA"\n'
        for n in range(600)
    )
    body += "".join(f'[[criteria.hp-plans.actions]]\nwhat = "Action {n}"\n' for n in range(200))
    loaded = load_assessment(write_assessment(tmp_path, "big.toml", body))
    summary = summarise(loaded.framework, loaded.assessment)
    document = docx.Document(io.BytesIO(export_report(summary, "docx")))
    cells = {row.cells[0].text for table in document.tables for row in table.rows}
    assert {f"Audit {n}" for n in range(600)} <= cells
    assert {f"Action {n}" for n in range(200)} <= cells


# --- the authority's published figures (issue 14) ------------------------------------------------


def _linked_framework(folder: Path) -> Path:
    """The tiny framework with two criteria linked to published indicators (one title with
    markup in it, which must stay text in every export)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "linked.toml"
    path.write_text(
        TINY.read_text(encoding="utf-8")
        .replace(
            'keywords = ["front door"]',
            'keywords = ["front door"]\nindicators = ["rereferrals", "cin_rate"]',
        )
        .replace(
            'what_good_looks_like = "Plans are specific and child-focused."',
            'what_good_looks_like = "Plans are specific and child-focused."\n'
            'indicators = ["cpp_second_or_later", "rereferrals"]',
        )
        .replace('title = "Plans"', 'title = "Plans <b>& reviews</b>"'),
        encoding="utf-8",
    )
    return path


def _linked(folder: Path, authority: str, body: str = "") -> Summary:
    path = write_assessment(
        folder, "linked-a.toml", body, framework=_linked_framework(folder), authority=authority
    )
    loaded = load_assessment(path)
    return summarise(loaded.framework, loaded.assessment)


def test_exports_carry_the_authoritys_published_figures(tmp_path: Path) -> None:
    import docx

    from selfassess.data.published import dataset
    from selfassess.exports.figures import number

    summary = _linked(tmp_path, "Peterborough City Council")
    data = dataset()
    peterborough = data.find("874")
    expected = {}
    for indicator_id in ("rereferrals", "cin_rate", "cpp_second_or_later"):
        figure = data.figure(peterborough, indicator_id)
        unit = figure.indicator.unit
        expected[indicator_id] = [
            number(v, unit)
            for v in (figure.value, figure.neighbours_median, figure.region, figure.england)
        ]
    assert number(data.figure(peterborough, "rereferrals").value, "%").endswith("%")

    # HTML: a table of the latest figures, and a chart of each with its text alternative
    raw = export_report(summary, "html").decode("utf-8")
    page = _parse(raw.encode())
    text = " ".join(page.text)
    assert "Published figures" in text and "Peterborough (874, East of England)" in text
    for values in expected.values():
        for value in values:
            assert value in text
    assert raw.count('<svg class="chart"') == 3  # each indicator once, though linked twice
    assert 'role="img" aria-label="Line chart of re-referrals within 12 months' in raw
    assert "Plans &lt;b&gt;&amp; reviews&lt;/b&gt;" in raw and "<b>&" not in raw
    assert "For: Front door decisions; Plans &lt;b&gt;" in raw  # the criteria that link it

    # Word: the same table under "How do we know it?", a described chart for each
    document = docx.Document(io.BytesIO(export_report(summary, "docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Indicator")
    assert [c.text for c in table.rows[0].cells][2:6] == [
        "Peterborough",
        "Neighbours' median",
        "East of England",
        "England",
    ]
    rows = {row.cells[0].text.split(" (")[0]: [c.text for c in row.cells] for row in table.rows}
    assert rows["Re-referrals within 12 months"][2:6] == expected["rereferrals"]
    assert len(document.element.body.xpath(".//wp:docPr[@descr]")) == 3

    # Markdown: the figures as a table
    markdown = export_report(summary, "markdown").decode("utf-8")
    assert "## Published figures" in markdown
    line = next(x for x in markdown.splitlines() if x.startswith("| Re-referrals"))
    assert " | ".join(expected["rereferrals"]) in line


def test_no_figures_and_no_error_for_an_authority_the_data_does_not_know(tmp_path: Path) -> None:
    summary = _linked(tmp_path, "Anytown")
    for fmt in ("html", "markdown", "docx", "csv"):
        data = export_report(summary, fmt)
        if fmt != "docx":
            assert b"Published figures" not in data
    import docx

    document = docx.Document(io.BytesIO(export_report(summary, "docx")))
    assert "Published figures" not in [p.text for p in document.paragraphs]
    assert not document.element.body.xpath(".//wp:docPr")


def test_no_figures_when_the_framework_links_none(summary: Summary) -> None:
    from selfassess.exports.figures import published_figures

    assert published_figures(summary) is None
    assert b"Published figures" not in export_report(summary, "html")


def test_a_missing_figure_is_said_to_be_missing_never_zero() -> None:
    from selfassess.exports.figures import NOT_PUBLISHED, number

    assert number(None, "%") == NOT_PUBLISHED
    assert number(0, "%") == "0%" and number(12.34, "%") == "12.3%" and number(414.6, "") == "414.6"


def test_charts_escape_their_text_and_draw_gaps_for_missing_years() -> None:
    from selfassess.exports import charts
    from selfassess.exports.figures import IndicatorFigures, YearFigures

    series = tuple(
        YearFigures(2020 + n, v, 10.0, 12.0) for n, v in enumerate([5.0, None, 7.0, 8.0])
    )
    indicator = IndicatorFigures(
        id="x",
        label="X",
        unit="%",
        direction="lower",
        source="S",
        year=2023,
        value=8.0,
        england=12.0,
        region=None,
        neighbours_median=10.0,
        rank=1,
        ranked=4,
        criteria=("A",),
        series=series,
    )
    svg = charts.svg(indicator, 'Chart of "<script>" & more', "chart-x")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&quot;" in svg
    # the authority's line breaks at the missing year: two pieces
    assert len(charts.runs(indicator, charts.scale(indicator), "value")) == 2  # type: ignore[arg-type]
    png = charts.png(indicator)
    assert png.startswith(b"\x89PNG") and png == charts.png(indicator)  # the same each time


def test_figures_follow_the_authority_code_and_never_show_another_councils(
    tmp_path: Path,
) -> None:
    from selfassess.exports.figures import published_figures
    from selfassess.model.errors import InputError

    # a name the data does not know, with a code: the code's figures
    coded = _linked(tmp_path / "a", "Children's Services", 'authority_code = "874"\n')
    found = published_figures(coded)
    assert found is not None and found.authority == "Peterborough"
    # a code and a name for different councils: an error, not one council's figures for another
    clash = _linked(tmp_path / "b", "Cambridgeshire", 'authority_code = "874"\n')
    with pytest.raises(InputError, match="authority_code"):
        export_report(clash, "html")
