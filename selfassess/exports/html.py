"""The report (and the action list) as one self-contained, printable HTML page.

No scripts, no external fonts, styles or images: one inline stylesheet with a print section, and
a Content-Security-Policy that forbids loading anything. Ratings show by colour and by letter.
Every piece of text, the framework's included, is HTML-escaped after control characters are
removed, so evidence typed as ``<script>`` shows as those characters.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterable
from typing import Any

from selfassess import __version__
from selfassess.exports import _common as c
from selfassess.model.actions import ActionList
from selfassess.model.comparison import linked_criteria
from selfassess.model.dates import MONTHS, long_date
from selfassess.model.labels import (
    blind_spots_lead,
    comparison_title,
    limiting_key,
    no_blind_spots,
    published_column,
    self_assessment_note,
)
from selfassess.model.staleness import document_day
from selfassess.model.summary import Summary, report_data
from selfassess.views.render import plain

STYLE = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8; --soft: #f3f3f3; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); background: #fff; margin: 0 auto; max-width: 70rem; padding: 1.5rem;
       line-height: 1.4; overflow-wrap: break-word; }
td, th, dd, li { overflow-wrap: break-word; }
.detail td, .detail th { overflow-wrap: anywhere; }
table.figures td { white-space: nowrap; }
:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px;
                   padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
                   border: 0; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.muted, .key { color: var(--muted); }
.key { font-size: .9em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid var(--rule); }
th { background: var(--soft); font-weight: 600; }
tbody th { background: none; }
.detail tbody th { font-weight: normal; }
.badge { display: inline-block; min-width: 1.7em; padding: .05rem .3rem; border-radius: .25rem;
         font-weight: 700; text-align: center; }
table.scorecard th:nth-child(1) { width: 20%; }
table.scorecard th:nth-child(2) { width: 24%; }
table.scorecard th:nth-child(3), table.scorecard th:nth-child(4) { width: 19%; }
.bar { display: flex; width: 100%; min-width: 12rem; height: 1.5rem; border: 1px solid #888;
       border-radius: .25rem; overflow: hidden; font-size: .8em; font-weight: 700; }
.bar span { display: flex; align-items: center; justify-content: center; min-width: 2.4em;
            white-space: nowrap; overflow: hidden; }
.bar .none { background: #ededed; color: var(--muted); }
.overall td, .overall th { border-top: 2px solid var(--ink); font-weight: 600; }
.reasons ul, .detail ul { margin: .2rem 0 .4rem; padding-left: 1.2rem; }
.rule { font-style: italic; margin: .2rem 0; }
.callout { border-left: .35rem solid #d98a00; background: #fff6e5; padding: .5rem .8rem; }
.callout.ok { border-left-color: #2e7d32; background: #edf7ee; }
.detail tr > :first-child { width: 2.6rem; }
.detail tr > :nth-child(2) { width: 26%; }
.detail tr > :nth-child(4) { width: 26%; }
.detail .title { font-weight: 700; }
.review { font-weight: 700; }
.overdue td { background: #fdecea; }
.flag { font-weight: 700; color: #a50e0e; }
.stale { font-weight: 700; color: #8a4b00; }
p.notes { white-space: pre-wrap; margin: .3rem 0; }
footer { margin-top: 2rem; font-size: .8em; color: var(--muted); }
.date { white-space: nowrap; }
.figures-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
                gap: 1rem 2rem; }
figure.chart-figure { margin: 0; }
figure.chart-figure h3 { margin-top: .6rem; }
svg.chart { width: 100%; max-width: 26rem; height: auto; display: block; font-size: 13px;
            fill: var(--ink); }
svg.chart text { fill: var(--ink); }
.chart-key { list-style: none; padding: 0; margin: .2rem 0; font-size: .9em; }
.chart-key li { display: inline-block; margin-right: 1rem; }
.chart-key svg { vertical-align: middle; margin-right: .3rem; }
details { margin: .3rem 0 .6rem; }
summary { cursor: pointer; }
@media (max-width: 40rem) {
  body { padding: .75rem; }
  dl.meta { display: block; }
  dl.meta dd { margin: 0 0 .3rem; }
  .stack, .stack caption, .stack thead, .stack tbody, .stack tr, .stack th, .stack td {
    display: block; }
  .stack td, .stack th { overflow-wrap: anywhere; white-space: normal !important; }
  .stack thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden;
                    clip: rect(0 0 0 0); }
  .stack tr { border-bottom: 2px solid var(--rule); padding: .4rem 0; }
  .stack th, .stack td { border: 0; padding: .15rem 0; width: auto !important; }
  .stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  .bar { min-width: 0; }
}
@media (forced-colors: active) {
  .badge, .bar span { border: 1px solid CanvasText; }
}
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr, .judgement-reasons { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  section.detail-section { break-before: page; page-break-before: always; }
}
""".strip()

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'"


def esc(text: str | None) -> str:
    """User text for HTML: control characters removed, then escaped (quotes too)."""
    return html.escape(plain(text or ""), quote=True)


def esc1(text: str | None) -> str:
    """As ``esc``, on one line."""
    return html.escape(c.one_line(text), quote=True)


_DATE = re.compile(rf"\b(\d{{1,2}} (?:{'|'.join(MONTHS)}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")


def _dates(escaped: str) -> str:
    """Keep dates ("28 March 2018") on one line in already-escaped text."""
    return _DATE.sub(r'<span class="date">\1</span>', escaped)


_STALE_MARK_HTML = f'<span aria-hidden="true">{c.STALE_MARK} </span>'
_STALE_HTML = f'<span class="stale"><span aria-hidden="true">{c.STALE_MARK} </span>stale</span>'
"""Stale evidence, marked: the clock is seen, a screen reader hears "stale"."""


def _details(text: str) -> str:
    """The details after an evidence item or action, in brackets, dates kept whole."""
    return f'<span class="muted">({_dates(esc1(text))})</span>'


def badge(mark: c.Mark, title: str | None = None, *, words_follow: bool = False) -> str:
    """A coloured block holding a letter; the title (tooltip) gives the words.

    A screen reader hears the words, not only the letter: after the block, hidden from sight,
    unless ``words_follow`` (the words are on the page next to it, so the block is skipped).
    """
    hidden = ' aria-hidden="true"' if words_follow else ""
    block = (
        f'<span class="badge" style="background:{mark.background};color:{mark.foreground}" '
        f'title="{esc1(title or mark.label)}"{hidden}>{esc1(mark.letter)}</span>'
    )
    if words_follow:
        return block
    return f'{block}<span class="visually-hidden"> {esc1(title or mark.label)}</span>'


def grade_html(summary: Summary, grade: str | None, provisional: bool = False) -> str:
    fw = summary.framework
    if grade is None:
        return '<span class="muted">No grade yet</span>'
    mark = c.grade_mark(fw, grade)
    words = esc1(c.grade_words(fw, grade, provisional))
    return f'<span class="grade">{badge(mark, words_follow=True)} {words}</span>'


def bar_html(summary: Summary, row: dict[str, Any]) -> str:
    """The judgement's criteria as a bar: one segment per rating, each with letter and count."""
    segments = [(mark, n) for mark, n in c.bar_segments(summary.framework, row) if n]
    words = c.counts_words(summary.framework, row)
    spans = []
    for mark, n in segments:
        label = f"{mark.label}: {n}"
        if mark.label in ("Not rated", "Not applicable"):
            spans.append(
                f'<span class="none" style="flex:{n} 0 0" title="{esc1(label)}">'
                f"{esc1(mark.letter)}&nbsp;{n}</span>"
            )
        else:
            spans.append(
                f'<span style="flex:{n} 0 0;background:{mark.background};'
                f'color:{mark.foreground}" title="{esc1(label)}">'
                f"{esc1(mark.letter)}&nbsp;{n}</span>"
            )
    return (
        f'<div class="bar" role="img" aria-label="{esc1(words)}">{"".join(spans)}</div>'
        f'<div class="muted">{esc1(c.rated_words(row))}</div>'
    )


def _page(title: str, body: Iterable[str]) -> bytes:
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Text is never a link: stop phones' browsers making numbers and addresses into links.
        '<meta name="format-detection" content="telephone=no, date=no, email=no, address=no">\n'
        f'<meta name="generator" content="selfassess {html.escape(__version__)}">\n'
        f"<title>{title}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
    )
    return (head + "\n".join(body) + "\n</body>\n</html>\n").encode("utf-8")


def render_report(summary: Summary, today: datetime.date | None = None) -> bytes:
    """The whole report as one HTML page (UTF-8 bytes); evidence is stale or not as of
    ``document_day``."""
    data = report_data(summary, document_day(summary.assessment, today))
    title = f"Self-assessment: {esc1(data['authority'])}"
    body = [f"<header>\n<h1>{title}</h1>", '<dl class="meta">']
    for label, value in c.header_lines(data):
        body.append(f"<dt>{esc1(label)}</dt><dd>{esc1(value)}</dd>")
    body += ["</dl>", "</header>", "<main>"]
    body += _scorecard(summary, data)
    body += _reasons(summary, data)
    body += _areas(summary, data)
    body += _stale(summary, data)
    body += _figures(summary)
    body += _detail(summary, data)
    body.append("</main>")
    body.append(
        f"<footer>Made with selfassess {html.escape(__version__)}. "
        f"{esc1(self_assessment_note(summary.framework))}</footer>"
    )
    return _page(title, body)


def _scorecard(summary: Summary, data: dict[str, Any]) -> list[str]:
    fw = summary.framework
    labels = c.judgement_labels(fw)
    # The published grades' columns only where the framework names an inspectorate.
    compared = fw.compares_published
    who = esc1(published_column(fw))
    out = [
        '<section id="scorecard">',
        "<h2>Scorecard</h2>",
        '<table class="scorecard stack">',
        '<caption class="visually-hidden">Ratings and grades for each judgement</caption>',
        '<thead><tr><th scope="col">Judgement</th><th scope="col">Ratings</th>'
        '<th scope="col">Self-assessed</th>'
        + (f'<th scope="col">{who}</th><th scope="col">Gap</th>' if compared else "")
        + "</tr></thead>",
        "<tbody>",
    ]
    for row in data["scorecard"]:
        label = esc1(labels.get(row["judgement"], row["title"]))
        if row.get("derived"):
            ratings = '<span class="muted"><em>derived from the others</em></span>'
            out.append('<tr class="overall">')
        else:
            ratings = bar_html(summary, row)
            if stale := c.resting_words(data["stale_evidence"], row["judgement"]):
                ratings += f'<div class="stale">{_STALE_MARK_HTML}{esc1(stale)}</div>'
            out.append("<tr>")
        published = (
            grade_html(summary, row["published"])
            if row["published"]
            else ('<span class="muted">—</span>')
        )
        out.append(
            f'<th scope="row">{label}</th><td data-label="Ratings">{ratings}</td>'
            f'<td data-label="Self-assessed">'
            f"{grade_html(summary, row['indicative'], row['provisional'])}</td>"
            + (
                f'<td data-label="{who}">{published}</td>'
                f'<td data-label="Gap">{esc1(row["gap_text"])}</td>'
                if compared
                else ""
            )
            + "</tr>"
        )
    out += [
        "</tbody>",
        "</table>",
        f'<p class="key">Rating letters: {esc1(c.scale_key(fw))}.</p>',
        "</section>",
    ]
    return out


def _reasons(summary: Summary, data: dict[str, Any]) -> list[str]:
    fw = summary.framework
    labels = c.judgement_labels(fw)
    out = ['<section id="reasons" class="reasons">', "<h2>Why these grades</h2>"]
    for row in data["scorecard"]:
        label = esc1(labels.get(row["judgement"], row["title"]))
        out.append('<div class="judgement-reasons">')
        out.append(
            f"<h3>{label}: {grade_html(summary, row['indicative'], row['provisional'])}</h3>"
        )
        if not row.get("derived"):
            out.append(
                f'<p class="muted">{esc1(c.rated_words(row))}: {esc1(c.counts_words(fw, row))}</p>'
            )
            out.append(f'<p class="rule">Rule: {esc1(row["rule"])}</p>')
        out.append("<ul>" + "".join(f"<li>{esc1(r)}</li>" for r in row["reasons"]) + "</ul>")
        if row.get("basis"):
            out.append(f'<p class="rule muted">How it is worked out: {esc1(row["basis"])}</p>')
        out.append("</div>")
    out.append("</section>")
    return out


def _areas(summary: Summary, data: dict[str, Any]) -> list[str]:
    report = data["published_report"]
    if report is None or not report["areas_for_improvement"]:
        return []
    fw = summary.framework
    out = ['<section id="ofsted">', f"<h2>{esc1(comparison_title(fw))}</h2>"]
    if data["blind_spots"]:
        out.append(
            f'<div class="callout"><p><strong>{c.BLIND_SPOTS_TITLE}</strong> — '
            f"{esc1(blind_spots_lead(fw))}</p><ul>"
        )
        for item in data["blind_spots"]:
            mark = c.rating_mark(fw, item["rating"])
            out.append(
                f"<li>{badge(mark)} <strong>{esc1(item['title'])}</strong> — "
                f"{esc1(item['area'])}</li>"
            )
        out.append("</ul></div>")
    else:
        out.append(f'<div class="callout ok"><p>{esc1(no_blind_spots(fw))}</p></div>')
    out.append("<h3>Areas for improvement in the published report</h3><ul>")
    for area in report["areas_for_improvement"]:
        out.append(f"<li>{esc1(area['text'])}")
        linked = []
        for item in linked_criteria(fw, summary.assessment, area["text"], area["criteria"]):
            mark = c.rating_mark(fw, item.rating)
            linked.append(
                f"<li>{badge(mark, words_follow=True)} {esc1(item.title)} "
                f'<span class="muted">({esc1(mark.label.lower())})</span></li>'
            )
        if linked:
            out.append("<ul>" + "".join(linked) + "</ul>")
        out.append("</li>")
    out += ["</ul>", "</section>"]
    return out


def _stale(summary: Summary, data: dict[str, Any]) -> list[str]:
    """The stale evidence, oldest first, with its owner (nothing when none is stale)."""
    stale = data["stale_evidence"]
    if not stale["items"]:
        return []
    out = [
        '<section id="stale">',
        f"<h2>{esc1(c.STALE_TITLE)}</h2>",
        f"<p>{_dates(esc1(c.stale_lead(stale)))}</p>",
        f"<p>{esc1(c.stale_summary(stale))}</p>",
        '<table class="stack">',
        '<caption class="visually-hidden">Stale evidence, oldest first</caption>',
        '<thead><tr><th scope="col">Dated</th><th scope="col">Evidence</th>'
        '<th scope="col">Owner</th><th scope="col">Criterion</th></tr></thead>',
        "<tbody>",
    ]
    for row in c.stale_rows(summary.framework, stale):
        owner = esc1(row.owner) if row.owner else '<em class="muted">no owner recorded</em>'
        out.append(
            f'<tr><td data-label="Dated"><span class="date">{esc1(row.dated)}</span></td>'
            f'<th scope="row"><span class="stale">{_STALE_MARK_HTML}</span>{esc1(row.what)}</th>'
            f'<td data-label="Owner">{owner}</td>'
            f'<td data-label="Criterion">{esc1(row.criterion)}</td></tr>'
        )
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _figures(summary: Summary) -> list[str]:
    """The authority's published figures: a table of the latest, then a chart of each."""
    from selfassess.exports import charts
    from selfassess.exports import figures as f

    found = f.published_figures(summary)
    if found is None:
        return []
    name = esc1(found.authority)
    out = [
        '<section id="figures">',
        "<h2>Published figures</h2>",
        f"<p>{esc1(f.header(found))}</p>",
        '<table class="figures stack">',
        "<caption>Latest published figures</caption>",
        '<thead><tr><th scope="col">Indicator</th><th scope="col">Year</th>'
        f'<th scope="col">{name}</th><th scope="col">Neighbours\' median</th>'
        f'<th scope="col">{esc1(found.region) or "Region"}</th><th scope="col">England</th>'
        '<th scope="col">Place among neighbours</th></tr></thead>',
        "<tbody>",
    ]
    for ind in found.indicators:
        out.append(
            f'<tr><th scope="row">{esc1(ind.label)} <span class="muted">'
            f"({esc1(f.unit_words(ind))}; {esc1(f.direction_words(ind))})</span></th>"
            f'<td data-label="Year">{ind.year}</td>'
            f'<td data-label="{name}">{esc1(f.number(ind.value, ind.unit))}</td>'
            f'<td data-label="Neighbours\' median">'
            f"{esc1(f.number(ind.neighbours_median, ind.unit))}</td>"
            f'<td data-label="{esc1(found.region) or "Region"}">'
            f"{esc1(f.number(ind.region, ind.unit))}</td>"
            f'<td data-label="England">{esc1(f.number(ind.england, ind.unit))}</td>'
            f'<td data-label="Place among neighbours">{esc1(f.place_words(ind))}</td></tr>'
        )
    sources = sorted({ind.source for ind in found.indicators})
    out += [
        "</tbody>",
        "</table>",
        f'<p class="key">Sources: {esc1("; ".join(sources))}. {esc1(f.SOURCE_NOTE)}</p>',
        '<div class="figures-grid">',
    ]
    key = (
        '<ul class="chart-key">'
        f"<li>{charts.legend_sample('value')}{name}</li>"
        f"<li>{charts.legend_sample('neighbours_median')}Neighbours' median</li>"
        f"<li>{charts.legend_sample('england')}England</li></ul>"
    )
    for ind in found.indicators:
        label = esc1(ind.label)
        out += [
            '<figure class="chart-figure">',
            f"<h3>{label}</h3>",
            charts.svg(ind, c.one_line(f.chart_description(found, ind)), f"chart-{ind.id}"),
            key,
            f"<details><summary>The figures by year</summary>"
            f'<table class="stack"><caption class="visually-hidden">{label} by year</caption>'
            f'<thead><tr><th scope="col">Year</th><th scope="col">{name}</th>'
            f'<th scope="col">Neighbours\' median</th><th scope="col">England</th></tr></thead>'
            "<tbody>"
            + "".join(
                f'<tr><th scope="row">{y.year}</th>'
                f'<td data-label="{name}">{esc1(f.number(y.value, ind.unit))}</td>'
                f'<td data-label="Neighbours\' median">'
                f"{esc1(f.number(y.neighbours_median, ind.unit))}</td>"
                f'<td data-label="England">{esc1(f.number(y.england, ind.unit))}</td></tr>'
                for y in ind.series
            )
            + "</tbody></table></details>",
            f'<figcaption class="muted">{esc1(f.unit_words(ind).capitalize())}; '
            f"{esc1(f.direction_words(ind))}. For: {esc1('; '.join(ind.criteria))}. "
            f"Source: {esc1(ind.source)}.</figcaption>",
            "</figure>",
        ]
    out += ["</div>", "</section>"]
    return out


def _detail(summary: Summary, data: dict[str, Any]) -> list[str]:
    fw = summary.framework
    grouped = c.criteria_by_judgement(data)
    out = [
        '<section id="detail" class="detail-section detail">',
        "<h2>Detail by criterion</h2>",
        f'<p class="key">{esc1(limiting_key(fw))}. Rating letters: {esc1(c.scale_key(fw))}.</p>',
    ]
    for judgement in fw.judgements:
        out.append(f'<h3 id="j-{esc1(judgement.id)}">{esc1(judgement.title)}</h3>')
        out += [
            '<table class="stack">',
            f'<caption class="visually-hidden">Criteria of {esc1(judgement.title)}</caption>',
            '<thead><tr><th scope="col">Rating</th><th scope="col">Criterion</th>'
            '<th scope="col">Evidence and notes</th><th scope="col">Actions</th></tr></thead>',
            "<tbody>",
        ]
        for criterion in grouped.get(judgement.id, []):
            out.append(_criterion_row(summary, criterion))
        out += ["</tbody>", "</table>"]
    out.append("</section>")
    return out


def _criterion_row(summary: Summary, criterion: dict[str, Any]) -> str:
    fw = summary.framework
    mark = c.rating_mark(fw, criterion["rating"])
    name = f'<div class="title">{esc1(criterion["title"])}'
    if criterion["limiting"]:
        # the mark is seen; a screen reader hears the words (not "black diamond")
        name += (
            f' <span title="limiting criterion" aria-hidden="true">{c.LIMITING_MARK}</span>'
            '<span class="visually-hidden"> (limiting criterion)</span>'
        )
    name += "</div>"
    rating = esc1(mark.label)
    if criterion["confidence"]:
        rating += f", {esc1(c.confidence_words(criterion['confidence']).lower())} confidence"
    name += f'<div class="muted">{rating}</div>'
    if criterion["na_reason"]:
        name += f'<div class="muted">Why not applicable: {esc1(criterion["na_reason"])}</div>'
    if criterion["review"]:
        name += '<div class="review">Marked for review</div>'
    if criterion["evidence"]:
        evidence = (
            "<ul>"
            + "".join(
                f"<li>{esc1(e['what'])} {_details(c.evidence_details({**e, 'stale': False}))}"
                + (f" {_STALE_HTML}" if e.get("stale") else "")
                + "</li>"
                for e in criterion["evidence"]
            )
            + "</ul>"
        )
    else:
        evidence = '<p class="muted"><em>No evidence recorded</em></p>'
    if criterion["notes"].strip():
        evidence += (
            f'<p class="notes"><strong>Notes:</strong> {esc(criterion["notes"].strip())}</p>'
        )
    actions = ""
    if criterion["actions"]:
        actions = (
            "<ul>"
            + "".join(
                f"<li>{esc1(x['what'])} {_details(c.action_details(x))}</li>"
                for x in criterion["actions"]
            )
            + "</ul>"
        )
    return (
        f'<tr id="c-{esc1(criterion["id"])}"><td>{badge(mark)}</td>'
        f'<th scope="row">{name}</th>'
        f'<td data-label="Evidence and notes">{evidence}</td>'
        f'<td data-label="Actions">{actions or "None"}</td></tr>'
    )


def render_actions(actions: ActionList) -> bytes:
    """The action list as one HTML page; overdue rows are tinted and say "Overdue"."""
    title = f"Actions: {esc1(actions.authority)}"
    body = [f"<header>\n<h1>{title}</h1>", '<dl class="meta">']
    if actions.period:
        body.append(f"<dt>Period</dt><dd>{esc1(actions.period)}</dd>")
    body += [
        f"<dt>As of</dt><dd>{long_date(actions.today)}</dd>",
        f"<dt>Actions</dt><dd>{len(actions.items)} ({actions.open} open, "
        f"{actions.overdue} overdue)</dd>",
        "</dl>",
        "</header>",
        "<main>",
    ]
    if not actions.items:
        body += ["<p>No actions recorded.</p>", "</main>"]
        return _page(title, body)
    body += [
        '<table class="stack">',
        "<caption>Actions, soonest due first</caption>",
        '<thead><tr><th scope="col">Due</th><th scope="col">Status</th>'
        '<th scope="col">Action</th><th scope="col">Owner</th>'
        '<th scope="col">Criterion</th></tr></thead>',
        "<tbody>",
    ]
    for item in actions.items:
        status = esc1(item.status_label)
        if item.overdue:
            status = f'<span class="flag">Overdue</span> ({status})'
        due = (
            f'<span class="date">{long_date(item.due)}</span>'
            if item.due
            else '<span class="muted">no date</span>'
        )
        row_class = ' class="overdue"' if item.overdue else ""
        body.append(
            f'<tr{row_class}><td data-label="Due">{due}</td>'
            f'<td data-label="Status">{status}</td>'
            f'<th scope="row">{esc1(item.what)}</th>'
            f'<td data-label="Owner">{esc1(item.owner)}</td>'
            f'<td data-label="Criterion">{esc1(item.criterion_title)}</td></tr>'
        )
    body += ["</tbody>", "</table>", "</main>"]
    return _page(title, body)
