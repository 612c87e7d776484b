"""The report (and the action list) as one self-contained, printable HTML page.

No scripts, no external fonts, styles or images: one inline stylesheet with a print section, and
a Content-Security-Policy that forbids loading anything. Ratings show by colour and by letter.
Every piece of text, the framework's included, is HTML-escaped after control characters are
removed, so evidence typed as ``<script>`` shows as those characters.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from selfassess import __version__
from selfassess.exports import _common as c
from selfassess.model.actions import ActionList
from selfassess.model.comparison import linked_criteria
from selfassess.model.summary import Summary, report_data
from selfassess.views.render import plain

STYLE = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #c8c8c8; --soft: #f3f3f3; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 70rem; padding: 1.5rem; line-height: 1.4; }
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
.badge { display: inline-block; min-width: 1.7em; padding: .05rem .3rem; border-radius: .25rem;
         font-weight: 700; text-align: center; }
table.scorecard th:nth-child(1) { width: 20%; }
table.scorecard th:nth-child(2) { width: 24%; }
table.scorecard th:nth-child(3), table.scorecard th:nth-child(4) { width: 19%; }
.bar { display: flex; width: 100%; min-width: 12rem; height: 1.5rem; border: 1px solid #888;
       border-radius: .25rem; overflow: hidden; font-size: .8em; font-weight: 700; }
.bar span { display: flex; align-items: center; justify-content: center; min-width: 2.4em;
            white-space: nowrap; overflow: hidden; }
.bar .none { background: repeating-linear-gradient(135deg, #fff 0 4px, #e4e4e4 4px 8px);
             color: var(--muted); }
.overall td { border-top: 2px solid var(--ink); font-weight: 600; }
.reasons ul, .detail ul { margin: .2rem 0 .4rem; padding-left: 1.2rem; }
.rule { font-style: italic; margin: .2rem 0; }
.callout { border-left: .35rem solid #d98a00; background: #fff6e5; padding: .5rem .8rem; }
.callout.ok { border-left-color: #2e7d32; background: #edf7ee; }
.detail td:first-child { width: 2.6rem; }
.detail td:nth-child(2) { width: 26%; }
.detail .title { font-weight: 700; }
.review { font-weight: 700; }
.overdue td { background: #fdecea; }
.flag { font-weight: 700; color: #a50e0e; }
p.notes { white-space: pre-wrap; margin: .3rem 0; }
footer { margin-top: 2rem; font-size: .8em; color: var(--muted); }
.date { white-space: nowrap; }
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


_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _dates(escaped: str) -> str:
    """Keep ISO dates on one line in already-escaped text (they break at the hyphens)."""
    return _ISO_DATE.sub(r'<span class="date">\1</span>', escaped)


def _details(text: str) -> str:
    """The details after an evidence item or action, in brackets, dates kept whole."""
    return f'<span class="muted">({_dates(esc1(text))})</span>'


def badge(mark: c.Mark, title: str | None = None) -> str:
    """A coloured block holding a letter; the title (tooltip) gives the words."""
    return (
        f'<span class="badge" style="background:{mark.background};color:{mark.foreground}" '
        f'title="{esc1(title or mark.label)}">{esc1(mark.letter)}</span>'
    )


def grade_html(summary: Summary, grade: str | None, provisional: bool = False) -> str:
    fw = summary.framework
    if grade is None:
        return '<span class="muted">No grade yet</span>'
    mark = c.grade_mark(fw, grade)
    words = esc1(c.grade_words(fw, grade, provisional))
    return f'<span class="grade">{badge(mark)} {words}</span>'


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


def render_report(summary: Summary) -> bytes:
    """The whole report as one HTML page (UTF-8 bytes)."""
    data = report_data(summary)
    title = f"Self-assessment: {esc1(data['authority'])}"
    body = [f"<header>\n<h1>{title}</h1>", '<dl class="meta">']
    for label, value in c.header_lines(data):
        body.append(f"<dt>{esc1(label)}</dt><dd>{esc1(value)}</dd>")
    body += ["</dl>", "</header>"]
    body += _scorecard(summary, data)
    body += _reasons(summary, data)
    body += _areas(summary, data)
    body += _detail(summary, data)
    body.append(
        f"<footer>Made with selfassess {html.escape(__version__)}. "
        "Indicative grades are a self-assessment, not Ofsted's judgement.</footer>"
    )
    return _page(title, body)


def _scorecard(summary: Summary, data: dict[str, Any]) -> list[str]:
    fw = summary.framework
    labels = c.judgement_labels(fw)
    out = [
        '<section id="scorecard">',
        "<h2>Scorecard</h2>",
        '<table class="scorecard">',
        "<thead><tr><th>Judgement</th><th>Ratings</th><th>Self-assessed</th>"
        "<th>Ofsted</th><th>Gap</th></tr></thead>",
        "<tbody>",
    ]
    for row in data["scorecard"]:
        label = esc1(labels.get(row["judgement"], row["title"]))
        if row.get("derived"):
            ratings = '<span class="muted"><em>derived from the others</em></span>'
            out.append('<tr class="overall">')
        else:
            ratings = bar_html(summary, row)
            out.append("<tr>")
        published = (
            grade_html(summary, row["published"])
            if row["published"]
            else ('<span class="muted">—</span>')
        )
        out.append(
            f"<td>{label}</td><td>{ratings}</td>"
            f"<td>{grade_html(summary, row['indicative'], row['provisional'])}</td>"
            f"<td>{published}</td><td>{esc1(row['gap_text'])}</td></tr>"
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
    out = ['<section id="ofsted">', "<h2>Compared with Ofsted's report</h2>"]
    if data["blind_spots"]:
        out.append(
            f'<div class="callout"><p><strong>{c.BLIND_SPOTS_TITLE}</strong> — '
            f"{esc1(c.BLIND_SPOTS_LEAD)}</p><ul>"
        )
        for item in data["blind_spots"]:
            mark = c.rating_mark(fw, item["rating"])
            out.append(
                f"<li>{badge(mark)} <strong>{esc1(item['title'])}</strong> — "
                f"{esc1(item['area'])}</li>"
            )
        out.append("</ul></div>")
    else:
        out.append(f'<div class="callout ok"><p>{esc1(c.NO_BLIND_SPOTS)}</p></div>')
    out.append("<h3>Areas for improvement in the published report</h3><ul>")
    for area in report["areas_for_improvement"]:
        out.append(f"<li>{esc1(area['text'])}")
        linked = []
        for item in linked_criteria(fw, summary.assessment, area["text"], area["criteria"]):
            mark = c.rating_mark(fw, item.rating)
            linked.append(
                f"<li>{badge(mark)} {esc1(item.title)} "
                f'<span class="muted">({esc1(mark.label.lower())})</span></li>'
            )
        if linked:
            out.append("<ul>" + "".join(linked) + "</ul>")
        out.append("</li>")
    out += ["</ul>", "</section>"]
    return out


def _detail(summary: Summary, data: dict[str, Any]) -> list[str]:
    fw = summary.framework
    grouped = c.criteria_by_judgement(data)
    out = [
        '<section id="detail" class="detail-section detail">',
        "<h2>Detail by criterion</h2>",
        f'<p class="key">{esc1(c.LIMITING_KEY)}. Rating letters: {esc1(c.scale_key(fw))}.</p>',
    ]
    for judgement in fw.judgements:
        out.append(f'<h3 id="j-{esc1(judgement.id)}">{esc1(judgement.title)}</h3>')
        out += [
            "<table>",
            "<thead><tr><th></th><th>Criterion</th><th>Evidence and notes</th>"
            "<th>Actions</th></tr></thead>",
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
        name += f' <span title="limiting criterion">{c.LIMITING_MARK}</span>'
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
                f"<li>{esc1(e['what'])} {_details(c.evidence_details(e))}</li>"
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
        f'<tr id="c-{esc1(criterion["id"])}"><td>{badge(mark)}</td><td>{name}</td>'
        f"<td>{evidence}</td><td>{actions}</td></tr>"
    )


def render_actions(actions: ActionList) -> bytes:
    """The action list as one HTML page; overdue rows are tinted and say "Overdue"."""
    title = f"Actions: {esc1(actions.authority)}"
    body = [f"<header>\n<h1>{title}</h1>", '<dl class="meta">']
    if actions.period:
        body.append(f"<dt>Period</dt><dd>{esc1(actions.period)}</dd>")
    body += [
        f"<dt>As of</dt><dd>{actions.today.isoformat()}</dd>",
        f"<dt>Actions</dt><dd>{len(actions.items)} ({actions.open} open, "
        f"{actions.overdue} overdue)</dd>",
        "</dl>",
        "</header>",
    ]
    if not actions.items:
        body.append("<p>No actions recorded.</p>")
        return _page(title, body)
    body += [
        "<table>",
        "<thead><tr><th>Due</th><th>Status</th><th>Action</th><th>Owner</th>"
        "<th>Criterion</th></tr></thead>",
        "<tbody>",
    ]
    for item in actions.items:
        status = esc1(item.status_label)
        if item.overdue:
            status = f'<span class="flag">Overdue</span> ({status})'
        due = item.due.isoformat() if item.due else '<span class="muted">no date</span>'
        row_class = ' class="overdue"' if item.overdue else ""
        body.append(
            f"<tr{row_class}><td>{due}</td>"
            f"<td>{status}</td><td>{esc1(item.what)}</td><td>{esc1(item.owner)}</td>"
            f"<td>{esc1(item.criterion_title)}</td></tr>"
        )
    body += ["</tbody>", "</table>"]
    return _page(title, body)
