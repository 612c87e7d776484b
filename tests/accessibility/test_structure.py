"""Structure every reader relies on, checked without a browser: the HTML's language, headings,
tables and chart alternatives; Markdown's headings and tables; CSV's column names."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
from html.parser import HTMLParser

import pytest
from a11y_helpers import contrast, example_summary, full_summary
from hypothesis import given
from hypothesis import strategies as st

from selfassess.exports import export_actions, export_report
from selfassess.exports._common import text_on
from selfassess.model.actions import collect_actions
from selfassess.model.summary import Summary


def _summaries() -> dict[str, Summary]:
    return {"example": example_summary(), "full": full_summary()}


class _Outline(HTMLParser):
    """Headings, tables (caption, header cells) and pictures of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.headings: list[tuple[int, str]] = []
        self.tables: list[dict[str, object]] = []
        self.svgs: list[dict[str, str]] = []
        self.landmarks: list[str] = []
        self._heading: list[str] | None = None
        self._stack: list[dict[str, object]] = []
        self._section = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        if tag in ("main", "header", "footer"):
            self.landmarks.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag]
        if tag == "table":
            table: dict[str, object] = {"caption": False, "th": [], "thead": False}
            self.tables.append(table)
            self._stack.append(table)
        if tag == "caption" and self._stack:
            self._stack[-1]["caption"] = True
        if tag == "thead" and self._stack:
            self._stack[-1]["thead"] = True
        if tag == "th" and self._stack:
            ths = self._stack[-1]["th"]
            assert isinstance(ths, list)
            ths.append(found.get("scope", ""))
        if tag == "svg":
            self.svgs.append(found)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            self.headings.append((int(tag[1]), "".join(self._heading[1:]).strip()))
            self._heading = None
        if tag == "table" and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def _outline(raw: bytes) -> _Outline:
    outline = _Outline()
    outline.feed(raw.decode("utf-8"))
    return outline


def _in_order(levels: list[int]) -> bool:
    return levels[:1] == [1] and all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize("name", ["example", "full"])
def test_html_report_structure(name: str) -> None:
    summary = _summaries()[name]
    actions = collect_actions(summary.framework, summary.assessment, datetime.date(2026, 6, 1))
    for raw in (export_report(summary, "html"), export_actions(actions, "html")):
        page = _outline(raw)
        assert page.lang == "en-GB"
        levels = [level for level, _ in page.headings]
        assert levels.count(1) == 1 and _in_order(levels), page.headings
        assert page.landmarks.count("main") == 1
        for table in page.tables:
            assert table["caption"] and table["thead"], table
            assert all(scope in ("col", "row") for scope in table["th"]), table  # type: ignore[attr-defined]
        for svg in page.svgs:
            if svg.get("aria-hidden") == "true":
                continue  # a line sample beside words that say the same
            assert svg.get("role") == "img" and svg.get("aria-label"), svg
        text = raw.decode("utf-8")
        assert ":focus-visible" in text


def test_html_charts_have_a_text_alternative_and_a_table_of_their_figures() -> None:
    raw = export_report(full_summary(), "html").decode("utf-8")
    charts = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]+)"', raw)
    assert len(charts) == 15
    assert all(label.startswith("Line chart of ") for label in charts)
    assert raw.count("<summary>The figures by year</summary>") == 15
    assert "Cambridgeshire" in charts[0] and "neighbours&#x27; median" in charts[0]


@given(st.from_regex(r"#[0-9a-f]{6}", fullmatch=True))
def test_text_on_any_badge_colour_has_a_contrast_of_at_least_4_5(colour: str) -> None:
    assert contrast(text_on(colour), colour) >= 4.5


HEADING = re.compile(r"^(#{1,6}) ")


@pytest.mark.parametrize("name", ["example", "full"])
def test_markdown_headings_in_order_and_tables_with_header_rows(name: str) -> None:
    summary = _summaries()[name]
    actions = collect_actions(summary.framework, summary.assessment, datetime.date(2026, 6, 1))
    for text in (
        export_report(summary, "markdown").decode("utf-8"),
        export_actions(actions, "markdown").decode("utf-8"),
    ):
        lines = text.splitlines()
        levels = [len(m.group(1)) for line in lines if (m := HEADING.match(line))]
        assert levels.count(1) == 1 and _in_order(levels)
        for n, line in enumerate(lines):
            starts_table = line.startswith("|") and (n == 0 or not lines[n - 1].startswith("|"))
            if starts_table:
                assert re.fullmatch(r"\|( --- \|)+", lines[n + 1]), (line, lines[n + 1])
                assert lines[n - 1] == ""  # a table begins after a blank line


@pytest.mark.parametrize("name", ["example", "full"])
def test_csv_columns_are_named_plainly(name: str) -> None:
    summary = _summaries()[name]
    actions = collect_actions(summary.framework, summary.assessment, datetime.date(2026, 6, 1))
    for data in (export_report(summary, "csv"), export_actions(actions, "csv")):
        header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert len(set(header)) == len(header)
        for name_ in header:
            # whole lower-case words, joined by underscores: no codes or abbreviations
            assert re.fullmatch(r"[a-z]+(_[a-z]+)*", name_), name_
