"""The report (and the action list) as Markdown: readable as plain text and in a viewer.

User text is escaped so that nothing typed into an assessment becomes Markdown or HTML: every
character that can start markup gets a backslash, and a line that could start a heading, list
or quote is escaped at its start. Web and email addresses go in code spans (`www.example.org`):
GitHub, and viewers with "linkify", make bare addresses into links, but never inside code.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from selfassess.exports import _common as c
from selfassess.model.actions import ActionList
from selfassess.model.comparison import linked_criteria
from selfassess.model.dates import long_date
from selfassess.model.labels import (
    blind_spots_lead,
    comparison_title,
    limiting_key,
    no_blind_spots,
    published_column,
)
from selfassess.model.staleness import document_day
from selfassess.model.summary import Summary, report_data
from selfassess.views.render import plain

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([-+=#]|\d+)([.)]?)")


_URL_END = r"[^\s<>`|]*[^\s<>`|.,:;!?'\")\]*_~]"
_LINKABLE = re.compile(
    # what GitHub's autolinks and markdown-it's linkify take for a link
    rf"\b(?:https?|ftps?|mailto|xmpp|file|tel|sms|irc|news):{_URL_END}"
    rf"|(?<![\w.])(?:www\d{{0,3}}\.|//[^\W_]){_URL_END}"
    r"|[\w.+-]+@[^\W_][\w-]*(?:\.[\w-]+)+"
    r"|(?<![\w.@])(?:[^\W_](?:[\w-]*[^\W_])?\.)+"
    r"(?:[a-z]{2}|com|edu|gov|int|mil|net|org|pro|xxx|aero|asia|coop|info|museum|name|shop|рф)\b"
    rf"(?:[/?#:]{_URL_END})?",
    re.IGNORECASE,
)
"""An address a Markdown viewer would turn into a link: with a scheme, www., an email, a domain."""


def escape(text: str | None) -> str:
    """One line of user text, safe in Markdown (inline and in table cells)."""
    cleaned = c.one_line(text)
    parts: list[str] = []
    done = 0
    for match in _LINKABLE.finditer(cleaned):
        # no backtick or | can be in it (see _URL_END), so one backtick each side is a code span
        parts += [_escape_inline(cleaned[done : match.start()]), f"`{match[0]}`"]
        done = match.end()
    parts.append(_escape_inline(cleaned[done:]))
    return _LINE_START.sub(_escape_line_start, "".join(parts), count=1)


def _escape_inline(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def _escape_line_start(m: re.Match[str]) -> str:
    """Escape what would start a heading or list: a leading dash, or the dot of "1."."""
    indent, lead, punct = m.groups()
    if lead.isdigit():
        return indent + lead + ("\\" + punct if punct else "")
    return indent + "\\" + lead + punct


def escape_block(text: str | None) -> str:
    """Multi-line user text: each line escaped, kept as hard line breaks in one paragraph."""
    lines = [ln for ln in (plain(text or "").splitlines()) if ln.strip()]
    return "  \n".join(escape(line) for line in lines)


def render_report(summary: Summary, today: datetime.date | None = None) -> str:
    """The whole report as Markdown; evidence is stale or not as of ``document_day``."""
    fw = summary.framework
    data = report_data(summary, document_day(summary.assessment, today))
    labels = c.judgement_labels(fw)
    out: list[str] = [f"# Self-assessment: {escape(data['authority'])}", ""]
    for label, value in c.header_lines(data):
        out.append(f"- **{escape(label)}:** {escape(value)}")
    out += ["", f"Rating letters: {escape(c.scale_key(fw))}.", ""]

    # The published grades' columns only where the framework names an inspectorate.
    compared = fw.compares_published
    headers = ["Judgement", "Ratings", "Self-assessed"]
    headers += [escape(published_column(fw)), "Gap"] if compared else []
    out += [
        "## Scorecard",
        "",
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join("---" for _ in headers) + " |",
    ]
    for row in data["scorecard"]:
        label = escape(labels.get(row["judgement"], row["title"]))
        if row.get("derived"):
            label, ratings = f"**{label}**", "derived from the others"
        else:
            ratings = f"{c.counts_words(fw, row)} ({c.rated_words(row)})"
            if stale := c.resting_words(data["stale_evidence"], row["judgement"]):
                ratings += f"; {c.STALE_MARK} {stale}"
        published = c.grade_words(fw, row["published"]) if row["published"] else "—"
        out.append(
            "| "
            + " | ".join(
                (
                    label,
                    escape(ratings),
                    escape(c.grade_words(fw, row["indicative"], row["provisional"])),
                    *((escape(published), escape(row["gap_text"])) if compared else ()),
                )
            )
            + " |"
        )
    out.append("")

    out += ["## Why these grades", ""]
    for row in data["scorecard"]:
        label = labels.get(row["judgement"], row["title"])
        out.append(
            f"### {escape(label)}: "
            f"{escape(c.grade_words(fw, row['indicative'], row['provisional']))}"
        )
        out.append("")
        if not row.get("derived"):
            out += [
                f"{escape(c.rated_words(row))}: {escape(c.counts_words(fw, row))}.",
                "",
                f"*Rule:* {escape(row['rule'])}",
                "",
            ]
        out += [f"- {escape(reason)}" for reason in row["reasons"]]
        out.append("")
        if row.get("basis"):
            out += [f"*How it is worked out:* {escape(row['basis'])}", ""]

    out += _areas(summary, data)
    out += _stale(summary, data)
    out += _figures(summary)
    out += ["## Detail by criterion", "", f"{escape(limiting_key(fw))}.", ""]
    grouped = c.criteria_by_judgement(data)
    for judgement in fw.judgements:
        out += [f"### {escape(judgement.title)}", ""]
        for criterion in grouped.get(judgement.id, []):
            out += _criterion(summary, criterion)
    return "\n".join(out).rstrip("\n") + "\n"


def _areas(summary: Summary, data: dict[str, Any]) -> list[str]:
    report = data["published_report"]
    if report is None or not report["areas_for_improvement"]:
        return []
    fw = summary.framework
    out = [f"## {escape(comparison_title(fw))}", ""]
    if data["blind_spots"]:
        out += [f"**{c.BLIND_SPOTS_TITLE}:** {escape(blind_spots_lead(fw))}", ""]
        for item in data["blind_spots"]:
            mark = c.rating_mark(fw, item["rating"])
            out.append(
                f"- **{escape(mark.letter)}** {escape(item['title'])} — {escape(item['area'])}"
            )
    else:
        out.append(escape(no_blind_spots(fw)))
    out += ["", "**Areas for improvement in the published report:**", ""]
    for area in report["areas_for_improvement"]:
        out.append(f"- {escape(area['text'])}")
        for item in linked_criteria(fw, summary.assessment, area["text"], area["criteria"]):
            mark = c.rating_mark(fw, item.rating)
            out.append(
                f"    - **{escape(mark.letter)}** {escape(item.title)} "
                f"({escape(mark.label.lower())})"
            )
    out.append("")
    return out


def _stale(summary: Summary, data: dict[str, Any]) -> list[str]:
    """The stale evidence, oldest first, with its owner (nothing when none is stale)."""
    stale = data["stale_evidence"]
    if not stale["items"]:
        return []
    out = [
        f"## {c.STALE_TITLE}",
        "",
        escape(c.stale_lead(stale)),
        "",
        escape(c.stale_summary(stale)),
        "",
        "| Dated | Evidence | Owner | Criterion |",
        "| --- | --- | --- | --- |",
    ]
    for row in c.stale_rows(summary.framework, stale):
        owner = escape(row.owner) if row.owner else "*no owner recorded*"
        cells = (
            escape(row.dated),
            f"{c.STALE_MARK} {escape(row.what)}",
            owner,
            escape(row.criterion),
        )
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    return out


def _figures(summary: Summary) -> list[str]:
    """The authority's published figures as a table (the charts are in HTML and Word)."""
    from selfassess.exports import figures as f

    found = f.published_figures(summary)
    if found is None:
        return []
    region = escape(found.region) or "Region"
    out = [
        "## Published figures",
        "",
        escape(f.header(found)),
        "",
        f"| Indicator | Year | {escape(found.authority)} | Neighbours' median | {region} "
        "| England | Place among neighbours |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for ind in found.indicators:
        cells = [
            f"{escape(ind.label)} ({escape(f.unit_words(ind))}; {escape(f.direction_words(ind))})",
            str(ind.year),
            # numbers written here (digits, "%", ","): nothing in them is Markdown
            *(
                f.number(value, ind.unit)
                for value in (ind.value, ind.neighbours_median, ind.region, ind.england)
            ),
            escape(f.place_words(ind)),
        ]
        out.append("| " + " | ".join(cells) + " |")
    sources = sorted({ind.source for ind in found.indicators})
    out += ["", f"Sources: {escape('; '.join(sources))}. {escape(f.SOURCE_NOTE)}", ""]
    return out


def _criterion(summary: Summary, criterion: dict[str, Any]) -> list[str]:
    fw = summary.framework
    mark = c.rating_mark(fw, criterion["rating"])
    limiting = f" {c.LIMITING_MARK}" if criterion["limiting"] else ""
    out = [f"#### {escape(mark.letter)} · {escape(criterion['title'])}{limiting}", ""]
    rating = f"**Rating:** {escape(mark.label)}"
    if criterion["confidence"]:
        rating += f", {escape(c.confidence_words(criterion['confidence']).lower())} confidence"
    if criterion["review"]:
        rating += " — *marked for review*"
    out.append(rating)
    if criterion["na_reason"]:
        out += ["", f"**Why not applicable:** {escape(criterion['na_reason'])}"]
    out.append("")
    if criterion["evidence"]:
        out += ["**Evidence:**", ""]
        for e in criterion["evidence"]:
            out.append(f"- {escape(e['what'])} ({escape(c.evidence_details(e))})")
    else:
        out.append("*No evidence recorded.*")
    out.append("")
    if criterion["notes"].strip():
        out += ["**Notes:**  ", escape_block(criterion["notes"]), ""]
    if criterion["actions"]:
        out += ["**Actions:**", ""]
        for x in criterion["actions"]:
            out.append(f"- {escape(x['what'])} ({escape(c.action_details(x))})")
        out.append("")
    return out


def render_actions(actions: ActionList) -> str:
    """The action list as a Markdown table, overdue ones flagged in words."""
    title = f"# Actions: {escape(actions.authority)}"
    out = [title, ""]
    if actions.period:
        out.append(f"- **Period:** {escape(actions.period)}")
    out += [
        f"- **As of:** {long_date(actions.today)}",
        f"- **Actions:** {len(actions.items)} ({actions.open} open, {actions.overdue} overdue)",
        "",
    ]
    if not actions.items:
        return "\n".join([*out, "No actions recorded."]) + "\n"
    out += ["| Due | Status | Action | Owner | Criterion |", "| --- | --- | --- | --- | --- |"]
    for item in actions.items:
        due = long_date(item.due) if item.due else "no date"
        status = escape(item.status_label)
        if item.overdue:
            status = f"**OVERDUE** ({status})"
        out.append(
            "| "
            + " | ".join(
                (due, status, escape(item.what), escape(item.owner), escape(item.criterion_title))
            )
            + " |"
        )
    return "\n".join(out) + "\n"
