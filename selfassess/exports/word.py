"""The report as a Word document a director can take into a meeting.

A title page; the scorecard as a table with coloured cells that also carry letters; the
comparison with Ofsted's report; a section per judgement; then the self-evaluation's three
questions: what do we know, how do we know it (the evidence by type), what are our plans (the
actions). python-docx is imported here only, when a Word document is asked for.

Two exports of the same assessment are byte-identical: the document's dates come from the
assessment (its latest date), and the package is rewritten with fixed timestamps.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from selfassess import __version__
from selfassess.exports import _common as c
from selfassess.model.actions import collect_actions
from selfassess.model.assessment import EVIDENCE_TYPES
from selfassess.model.comparison import linked_criteria
from selfassess.model.errors import SelfAssessError
from selfassess.model.framework import NOT_APPLICABLE, Framework
from selfassess.model.summary import Summary, report_data
from selfassess.views.render import plain

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

QUESTION_KNOW = "What do we know about the quality and impact of social work practice?"
QUESTION_HOW = "How do we know it?"
QUESTION_PLANS = "What are our plans?"

FALLBACK_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# XML 1.0 cannot hold these even escaped; python-docx would refuse the text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str | None, *, single_line: bool = True) -> str:
    return _NOT_XML.sub("", plain(value or "", single_line=single_line))


def _has_bad(value: object) -> bool:
    if isinstance(value, str):
        return _NOT_XML.search(value) is not None
    if isinstance(value, dict):
        return any(_has_bad(k) or _has_bad(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_bad(v) for v in value)
    return False


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def _xml_safe(summary: Summary) -> Summary:
    """The summary with characters Word cannot store removed from every text, framework's too.

    Almost always a no-op (it only checks); a framework or assessment written with such
    characters as escapes (e.g. ``\\u0001`` in TOML) would otherwise stop the export.
    """
    import msgspec

    from selfassess.model.assessment import Assessment
    from selfassess.model.summary import summarise

    fw_data = msgspec.to_builtins(summary.framework, builtin_types=(datetime.date,))
    a_data = msgspec.to_builtins(summary.assessment, builtin_types=(datetime.date,))
    if not (_has_bad(fw_data) or _has_bad(a_data)):
        return summary
    try:
        framework = msgspec.convert(_cleaned(fw_data), Framework)
        assessment = msgspec.convert(_cleaned(a_data), Assessment)
    except msgspec.ValidationError as exc:
        raise SelfAssessError(
            f"cannot write a Word document: some text holds only control characters ({exc})"
        ) from None
    return summarise(framework, assessment)


# --- low-level helpers (python-docx has no API for shading or fields) ---------------------------


def _shade(cell: _Cell, hex_fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):  # one fill per cell
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill.lstrip("#").upper())
    tc_pr.append(shd)


def _run_shade(run: Any, hex_fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = run._r.get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill.lstrip("#").upper())
    r_pr.append(shd)


def _rgb(hex_value: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_value.lstrip("#").upper())


def _badge(paragraph: Paragraph, mark: c.Mark) -> None:
    """A letter in a coloured block, inline: the rating reads without colour too."""
    run = paragraph.add_run(f"\u00a0{mark.letter}\u00a0")
    run.bold = True
    run.font.color.rgb = _rgb(mark.foreground)
    _run_shade(run, mark.background)


def _mark_cell(cell: _Cell, mark: c.Mark, text: str, *, bold: bool = True) -> None:
    """A table cell in the mark's colour holding ``text``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _shade(cell, mark.background)
    paragraph = cell.paragraphs[0]
    if len(text) <= 3:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.color.rgb = _rgb(mark.foreground)


def _page_field(paragraph: Paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _widths(table: Any, widths: list[Any], rows: list[tuple[_Cell, ...]] | None = None) -> None:
    """Fixed column widths (Word reads the cells, LibreOffice the grid: set both).

    ``rows`` are the table's cells, row by row, when the caller has them already.
    """
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cells in rows if rows is not None else (row.cells for row in table.rows):
        for cell, width in zip(cells, widths, strict=False):
            cell.width = width


def _header_row(table: Any, titles: list[str]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    row = table.rows[0]
    tr_pr = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the header on each page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, title in zip(row.cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
        _shade(cell, "#E7E6E6")


def _table(doc: Document, titles: list[str], count: int) -> tuple[Table, list[tuple[_Cell, ...]]]:
    """A grid with a header row and ``count`` empty rows, and its cells row by row.

    The rows are made with the table, not added one by one, and no row looks up a style by
    name: an assessment may hold thousands of pieces of evidence or actions.
    """
    table = doc.add_table(rows=count + 1, cols=len(titles))
    table.style = "Table Grid"
    _header_row(table, titles)
    return table, [row.cells for row in table.rows]


def _keep_rows_together(table: Any) -> None:
    from docx.oxml import OxmlElement

    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _bullet(doc: Document | _Cell, text: str = "", style: str = "List Bullet") -> Paragraph:
    paragraph = doc.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def _day(iso: str) -> str:
    """ "2018-09-30" → "30 Sep 2018": short enough for a narrow column, and unambiguous."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day}\u00a0{day:%b}\u00a0{day.year}"  # no-break spaces: one line in a cell


def _spaced(paragraph: Paragraph) -> Paragraph:
    from docx.shared import Pt

    paragraph.paragraph_format.space_before = Pt(6)
    return paragraph


def _muted(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.color.rgb = _rgb("#595959")


# --- the document -----------------------------------------------------------------------------


def _document_date(summary: Summary) -> datetime.datetime:
    """The latest date in the assessment: a stable 'created' date for the document."""
    a = summary.assessment
    dates: list[datetime.date] = []
    for record in a.criteria.values():
        dates += [e.date for e in record.evidence if e.date]
    if a.published is not None:
        dates += [d for d in (a.published.published, a.published.inspection_end) if d]
    if not dates:
        return FALLBACK_DATE
    day = max(dates)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def render_report(summary: Summary) -> bytes:
    """The report as .docx bytes."""
    import docx
    from docx.shared import Cm, Pt

    summary = _xml_safe(summary)
    data = report_data(summary)
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    doc.styles["Table Grid"].font.size = Pt(9)  # tables hold more; 9 pt keeps columns readable

    title = f"Self-assessment: {_text(data['authority'])}"
    _properties(doc, summary, data, title)
    _footer(doc, data)
    _title_page(doc, summary, data)
    _scorecard(doc, summary, data)
    _areas(doc, summary, data)
    _judgements(doc, summary, data)
    _know(doc, summary, data)
    _how(doc, summary, data)
    _plans(doc, summary)

    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_timestamps(buffer.getvalue())


def _properties(doc: Document, summary: Summary, data: dict[str, Any], title: str) -> None:
    props = doc.core_properties
    when = _document_date(summary)
    props.title = _prop(title)
    props.subject = _prop(summary.framework.title)
    props.author = _prop(", ".join(data["assessors"])) or "selfassess"
    props.last_modified_by = f"selfassess {__version__}"
    props.comments = "Indicative grades are a self-assessment, not Ofsted's judgement."
    props.keywords = "ILACS; self-assessment; self-evaluation"
    props.category = _prop(data["period"])
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


def _prop(value: str) -> str:
    """Document properties hold at most 255 characters (python-docx refuses more)."""
    text = _text(value)
    return text if len(text) <= 255 else text[:254] + "…"


def _fixed_timestamps(package: bytes) -> bytes:
    """Rewrite the zip with one fixed time on every member, so output depends on input only."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue  # the template's picture of a blank page: misleading in file browsers
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, _without_thumbnail(info.filename, source.read(info)))
    return out.getvalue()


def _without_thumbnail(name: str, blob: bytes) -> bytes:
    if name == "_rels/.rels":
        return re.sub(rb"<Relationship [^>]*thumbnail\.jpeg\"/>", b"", blob)
    if name == "[Content_Types].xml":
        return re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", blob)
    return blob


def _footer(doc: Document, data: dict[str, Any]) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    label = f"{_text(data['authority'])} — self-assessment"
    if data["period"]:
        label += f", {_text(data['period'])}"
    _muted(paragraph, f"{label} — page ")
    _page_field(paragraph)


def _title_page(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    from docx.shared import Pt

    for _ in range(5):
        doc.add_paragraph()
    doc.add_paragraph(_text(data["authority"]), style="Title")
    subtitle = doc.add_paragraph(
        "Self-assessment of children's social care services", style="Subtitle"
    )
    subtitle.runs[0].font.size = Pt(16)
    doc.add_paragraph()
    for label, value in c.header_lines(data):
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    doc.add_paragraph()
    # The headline on the title page: each judgement's indicative grade.
    fw = summary.framework
    labels = c.judgement_labels(fw)
    for row in data["scorecard"]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{labels.get(row['judgement'], row['title'])}: ").bold = True
        if row["indicative"]:
            _badge(paragraph, c.grade_mark(fw, row["indicative"]))
            paragraph.add_run(" ")
        paragraph.add_run(c.grade_words(fw, row["indicative"], row["provisional"]))
    doc.add_paragraph()
    note = doc.add_paragraph()
    _muted(
        note,
        f"Prepared with selfassess {__version__}. Indicative grades are a "
        "self-assessment against the framework's criteria, not Ofsted's judgement.",
    )
    doc.add_page_break()


def _scorecard(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    from docx.shared import Cm, Pt

    fw = summary.framework
    labels = c.judgement_labels(fw)
    doc.add_heading("Scorecard", level=1)
    levels = fw.rating_levels
    titles = [
        "Judgement",
        *[level.letter for level in levels],
        "Rated",
        "Self-assessed",
        "Ofsted",
        "Gap",
    ]
    table = doc.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    _header_row(table, titles)
    for cell, level in zip(table.rows[0].cells[1:], levels, strict=False):
        mark = c.rating_mark(fw, level.id)
        cell.paragraphs[0].runs[0].font.color.rgb = _rgb(mark.foreground)
        _shade(cell, mark.background)
    for row in data["scorecard"]:
        cells = table.add_row().cells
        label = labels.get(row["judgement"], row["title"])
        cells[0].paragraphs[0].add_run(label).bold = bool(row.get("derived"))
        if row.get("derived"):
            merged = cells[1].merge(cells[len(levels) + 1])
            _muted(merged.paragraphs[0], "derived from the others")
        else:
            for n, level in enumerate(levels, start=1):
                count = row["counts"].get(level.id, 0)
                if count:
                    _mark_cell(cells[n], c.rating_mark(fw, level.id), str(count))
                else:
                    _muted(cells[n].paragraphs[0], "0")
            cells[len(levels) + 1].paragraphs[0].add_run(f"{row['rated']}/{row['total']}")
        _grade_cell(cells[len(levels) + 2], summary, row["indicative"], row["provisional"])
        _grade_cell(cells[len(levels) + 3], summary, row["published"], False, empty="—")
        cells[len(levels) + 4].paragraphs[0].add_run(row["gap_text"])
    fixed = 3.6 + 1.4 + 2.9 + 2.9 + 3.0
    level_width = max(0.8, (17.0 - fixed) / max(1, len(levels)))
    _widths(table, [Cm(3.6), *[Cm(level_width)] * len(levels), Cm(1.4), Cm(2.9), Cm(2.9), Cm(3.0)])
    key = doc.add_paragraph()
    key.paragraph_format.space_before = Pt(6)
    _muted(
        key,
        f"Rating letters: {c.scale_key(fw)}. Rated: criteria rated (or judged not "
        "applicable) of all criteria in the judgement.",
    )

    doc.add_heading("Why these grades", level=2)
    for row in data["scorecard"]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{labels.get(row['judgement'], row['title'])}: ").bold = True
        paragraph.add_run(c.grade_words(fw, row["indicative"], row["provisional"]))
        if not row.get("derived"):
            _muted(paragraph, f" — {c.rated_words(row)}; {c.counts_words(fw, row)}")
            rule = doc.add_paragraph()
            rule.add_run(f"Rule: {_text(row['rule'])}").italic = True
        for reason in row["reasons"]:
            _bullet(doc, _text(reason))
        if row.get("basis"):
            basis = doc.add_paragraph()
            basis.add_run(f"How it is worked out: {_text(row['basis'])}").italic = True


def _grade_cell(
    cell: _Cell, summary: Summary, grade: str | None, provisional: bool, empty: str = "No grade yet"
) -> None:
    if grade is None:
        _muted(cell.paragraphs[0], empty)
        return
    mark = c.grade_mark(summary.framework, grade)
    _mark_cell(cell, mark, f"{mark.letter}  {c.grade_words(summary.framework, grade, provisional)}")


def _areas(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    report = data["published_report"]
    if report is None or not report["areas_for_improvement"]:
        return
    fw = summary.framework
    doc.add_heading("Compared with Ofsted's report", level=1)
    if data["blind_spots"]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{c.BLIND_SPOTS_TITLE}: ").bold = True
        paragraph.add_run(c.BLIND_SPOTS_LEAD)
        for item in data["blind_spots"]:
            bullet = _bullet(doc)
            _badge(bullet, c.rating_mark(fw, item["rating"]))
            bullet.add_run(f" {_text(item['title'])}").bold = True
            bullet.add_run(f" — {_text(item['area'])}")
    else:
        doc.add_paragraph(c.NO_BLIND_SPOTS)
    doc.add_heading("Areas for improvement in the published report", level=2)
    for area in report["areas_for_improvement"]:
        _bullet(doc, _text(area["text"]))
        for item in linked_criteria(fw, summary.assessment, area["text"], area["criteria"]):
            mark = c.rating_mark(fw, item.rating)
            sub = _bullet(doc, style="List Bullet 2")
            _badge(sub, mark)
            sub.add_run(f" {_text(item.title)} ")
            _muted(sub, f"({mark.label.lower()})")


def _grades_line(doc: Document, fw: Framework, row: dict[str, Any]) -> None:
    """One scorecard row's grades on a line: ours (with its mark), then Ofsted's and the gap."""
    paragraph = doc.add_paragraph()
    paragraph.add_run("Self-assessed: ").bold = True
    if row["indicative"]:
        _badge(paragraph, c.grade_mark(fw, row["indicative"]))
        paragraph.add_run(" ")
    paragraph.add_run(c.grade_words(fw, row["indicative"], row["provisional"]))
    if row["published"]:
        paragraph.add_run("    Ofsted: ").bold = True
        paragraph.add_run(f"{c.grade_words(fw, row['published'])} ({row['gap_text']})")


def _judgements(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    from docx.shared import Cm

    fw = summary.framework
    rows = {row["judgement"]: row for row in data["scorecard"]}
    grouped = c.criteria_by_judgement(data)
    for judgement in fw.judgements:
        row = rows[judgement.id]
        doc.add_page_break()
        doc.add_heading(judgement.label, level=1)
        if judgement.label != judgement.title:
            _muted(doc.add_paragraph(), _text(judgement.title))
        _grades_line(doc, fw, row)
        _muted(doc.add_paragraph(), f"{c.rated_words(row)}: {c.counts_words(fw, row)}")
        for reason in row["reasons"]:
            _bullet(doc, _text(reason))

        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        _header_row(table, ["", "Criterion", "Confidence", "Evidence", "Actions"])
        for criterion in grouped.get(judgement.id, []):
            cells = table.add_row().cells
            mark = c.rating_mark(fw, criterion["rating"])
            _mark_cell(cells[0], mark, mark.letter)
            name = cells[1].paragraphs[0]
            name.add_run(_text(criterion["title"])).bold = True
            if criterion["limiting"]:
                name.add_run(f" {c.LIMITING_MARK}")
            detail = cells[1].add_paragraph()
            _muted(detail, mark.label)
            if criterion["na_reason"]:
                _muted(
                    cells[1].add_paragraph(), f"Why not applicable: {_text(criterion['na_reason'])}"
                )
            if criterion["review"]:
                cells[1].add_paragraph().add_run("Marked for review").bold = True
            cells[2].paragraphs[0].add_run(c.confidence_words(criterion["confidence"]) or "—")
            evidence = criterion["evidence"]
            dates = sorted(e["date"] for e in evidence if e["date"])
            text = f"{len(evidence)} item{'s' if len(evidence) != 1 else ''}"
            if dates:
                text += f", latest {_day(dates[-1])}"
            cells[3].paragraphs[0].add_run(text if evidence else "None recorded")
            actions = criterion["actions"]
            open_count = sum(1 for x in actions if x["status"] != "done")
            cells[4].paragraphs[0].add_run(
                f"{open_count} open of {len(actions)}" if actions else "None"
            )
        _widths(table, [Cm(1.0), Cm(7.6), Cm(2.4), Cm(3.4), Cm(2.6)])
        _keep_rows_together(table)
        _muted(
            _spaced(doc.add_paragraph()),
            f"{c.LIMITING_KEY}. The evidence is listed under "
            f"“{QUESTION_HOW}” and the actions under “{QUESTION_PLANS}”.",
        )
    overall = next((row for row in data["scorecard"] if row.get("derived")), None)
    if overall is not None:
        doc.add_heading(fw.published_label(overall["judgement"]), level=1)
        _grades_line(doc, fw, overall)
        for reason in overall["reasons"]:
            _bullet(doc, _text(reason))
        if overall.get("basis"):
            basis = f"How it is worked out: {_text(overall['basis'])}"
            doc.add_paragraph().add_run(basis).italic = True


def _know(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    """What we know: per judgement, strengths and areas to develop, with the notes."""
    fw = summary.framework
    strong = set(fw.strong_ratings())
    order = {level.id: i for i, level in enumerate(fw.rating_levels)}
    grouped = c.criteria_by_judgement(data)
    rows = {row["judgement"]: row for row in data["scorecard"]}
    doc.add_page_break()
    doc.add_heading(QUESTION_KNOW, level=1)
    for judgement in fw.judgements:
        row = rows[judgement.id]
        doc.add_heading(
            f"{judgement.label}: {c.grade_words(fw, row['indicative'], row['provisional'])}",
            level=2,
        )
        criteria = grouped.get(judgement.id, [])
        rated = [x for x in criteria if x["rating"] in order]
        strengths = [x for x in rated if x["rating"] in strong]
        develop = sorted(
            (x for x in rated if x["rating"] not in strong), key=lambda x: order[x["rating"]]
        )
        na = [x for x in criteria if x["rating"] == NOT_APPLICABLE]
        unrated = [x for x in criteria if x["rating"] is None]
        for heading, items in (("Strengths", strengths), ("Areas to develop", develop)):
            if not items:
                continue
            doc.add_heading(heading, level=3)
            for x in items:
                bullet = _bullet(doc)
                _badge(bullet, c.rating_mark(fw, x["rating"]))
                bullet.add_run(f" {_text(x['title'])}").bold = True
                if x["confidence"]:
                    _muted(bullet, f" ({c.confidence_words(x['confidence']).lower()} confidence)")
                notes = _text(x["notes"], single_line=False).strip()
                if notes:
                    for line in (ln for ln in notes.splitlines() if ln.strip()):
                        doc.add_paragraph(line.strip(), style="List Continue")
        if na:
            paragraph = doc.add_paragraph()
            paragraph.add_run("Not applicable: ").bold = True
            paragraph.add_run(
                "; ".join(f"{_text(x['title'])} ({_text(x['na_reason'])})" for x in na)
            )
        if unrated:
            paragraph = doc.add_paragraph()
            paragraph.add_run("Not yet rated: ").bold = True
            paragraph.add_run("; ".join(_text(x["title"]) for x in unrated))


def _how(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    """How we know it: every piece of evidence, a table for each type."""
    from docx.shared import Cm

    by_type: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for criterion in data["criteria"]:
        for e in criterion["evidence"]:
            by_type.setdefault(e["type"], []).append((criterion, e))
    doc.add_page_break()
    doc.add_heading(QUESTION_HOW, level=1)
    if not by_type:
        _muted(doc.add_paragraph(), "No evidence is recorded yet.")
        return
    count = sum(len(v) for v in by_type.values())
    _muted(
        doc.add_paragraph(),
        f"{count} piece{'s' if count != 1 else ''} of evidence, grouped by type.",
    )
    for kind in [*EVIDENCE_TYPES, *sorted(set(by_type) - set(EVIDENCE_TYPES))]:
        items = by_type.get(kind)
        if not items:
            continue
        doc.add_heading(f"{EVIDENCE_TYPES.get(kind, kind)} ({len(items)})", level=2)
        titles = ["Evidence", "Criterion", "Date", "Owner and where kept"]
        table, rows = _table(doc, titles, len(items))
        for cells, (criterion, e) in zip(rows[1:], items, strict=True):
            cells[0].paragraphs[0].add_run(_text(e["what"]))
            cells[1].paragraphs[0].add_run(_text(criterion["title"]))
            cells[2].paragraphs[0].add_run(_day(e["date"]) if e["date"] else "—")
            kept = [_text(e[key]) for key in ("owner", "where") if e[key]]
            cells[3].paragraphs[0].add_run("; ".join(kept) or "—")
        _widths(table, [Cm(7.0), Cm(4.4), Cm(2.3), Cm(3.3)], rows)
        _keep_rows_together(table)


def _plans(doc: Document, summary: Summary) -> None:
    """What our plans are: every action, soonest due first."""
    from docx.shared import Cm

    # No "overdue" here: a report must read the same whenever it is exported.
    actions = collect_actions(summary.framework, summary.assessment, datetime.date.min)
    doc.add_page_break()
    doc.add_heading(QUESTION_PLANS, level=1)
    if not actions.items:
        _muted(doc.add_paragraph(), "No actions are recorded yet.")
        return
    _muted(
        doc.add_paragraph(),
        f"{len(actions.items)} action{'s' if len(actions.items) != 1 else ''}"
        f", {actions.open} not done, soonest due first.",
    )
    titles = ["Action", "Criterion", "Owner", "Due", "Status"]
    table, rows = _table(doc, titles, len(actions.items))
    for cells, item in zip(rows[1:], actions.items, strict=True):
        cells[0].paragraphs[0].add_run(_text(item.what))
        cells[1].paragraphs[0].add_run(_text(item.criterion_title))
        cells[2].paragraphs[0].add_run(_text(item.owner))
        cells[3].paragraphs[0].add_run(_day(item.due.isoformat()) if item.due else "—")
        cells[4].paragraphs[0].add_run(item.status_label)
    _widths(table, [Cm(5.4), Cm(3.6), Cm(3.2), Cm(2.4), Cm(2.4)], rows)
    _keep_rows_together(table)
