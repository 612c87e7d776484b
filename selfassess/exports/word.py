"""The report as a Word document a director can take into a meeting.

A title page; the scorecard as a table with coloured cells that also carry letters; the
comparison with the published report (where the framework names an inspectorate, such as
Ofsted); a section per judgement; then the self-evaluation's three questions, as the framework
words them: what do we know, how do we know it (the evidence by type), what are our plans (the
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
from selfassess.model.dates import long_date
from selfassess.model.errors import SelfAssessError
from selfassess.model.framework import NOT_APPLICABLE, SELF_EVALUATION_QUESTIONS, Framework
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

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

QUESTION_KNOW, QUESTION_HOW, QUESTION_PLANS = SELF_EVALUATION_QUESTIONS
"""The self-evaluation's questions when a framework does not word its own (Ofsted's three)."""


def _question(framework: Framework, index: int) -> str:
    """The framework's wording of the self-evaluation's question ``index`` (0 to 2)."""
    return plain(framework.self_evaluation.questions[index], single_line=True)


FALLBACK_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# XML 1.0 cannot hold these even escaped; python-docx would refuse the text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str | None, *, single_line: bool = True) -> str:
    return _NOT_XML.sub("", plain(value or "", single_line=single_line))


def _clean_string(value: str) -> str:
    """A framework's or assessment's text as a document may hold it: no control or format
    characters (escape sequences, bidirectional overrides), and nothing XML cannot store.
    Text that was nothing else (a title of zero-width spaces) reads "(blank)"."""
    cleaned = _NOT_XML.sub("", plain(value))
    return cleaned if cleaned.strip() or not value.strip() else "(blank)"


def _has_bad(value: object) -> bool:
    if isinstance(value, str):
        return _clean_string(value) != value
    if isinstance(value, dict):
        return any(_has_bad(k) or _has_bad(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_bad(v) for v in value)
    return False


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return _clean_string(value)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def xml_safe(summary: Summary) -> Summary:
    """The summary with control and format characters removed from every text, the
    framework's labels and titles as well as the assessment's, and with them the characters
    Word cannot store.

    Almost always a no-op (it only checks). A file written with such characters as escapes
    (e.g. ``\\u0001`` or ``\\u202e`` in TOML) would otherwise stop the export, or carry a
    bidirectional override that shows a label backwards, into a document the council publishes.
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


def _xml(item: Any) -> Any:
    """The XML element behind a python-docx paragraph, run, table cell or row.

    python-docx has no public API for cell and run shading (the ratings' colours), the page
    number field or a table's repeated header row and unsplit rows, nor a public way to the
    element for all four, so this is the one place that reaches past its API. python-docx is
    pinned to the version it was written against (pyproject.toml), and
    tests/share/test_word_xml.py checks what each helper writes.
    """
    return item._element


def _shade(cell: _Cell, hex_fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = _xml(cell).get_or_add_tcPr()
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

    r_pr = _xml(run).get_or_add_rPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill.lstrip("#").upper())
    r_pr.append(shd)


def _rgb(hex_value: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_value.lstrip("#").upper())


def badge(paragraph: Paragraph, mark: c.Mark) -> None:
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


def page_field(paragraph: Paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    _xml(paragraph).append(field)


def set_widths(table: Any, widths: list[Any], rows: list[tuple[_Cell, ...]] | None = None) -> None:
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
    tr_pr = _xml(row).get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the header on each page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, title in zip(row.cells, titles, strict=True):
        cell.paragraphs[0].add_run(title).bold = True
        _shade(cell, "#E7E6E6")


def add_table(
    doc: Document, titles: list[str], count: int
) -> tuple[Table, list[tuple[_Cell, ...]]]:
    """A grid with a header row (repeated on each page) and ``count`` empty rows, and its
    cells row by row: the table every export and the SEF document use.

    The rows are made with the table, not added one by one, and no row looks up a style by
    name: an assessment may hold thousands of pieces of evidence or actions.
    """
    table = doc.add_table(rows=count + 1, cols=len(titles))
    table.style = "Table Grid"
    _header_row(table, titles)
    return table, [row.cells for row in table.rows]


def keep_rows_together(table: Any) -> None:
    from docx.oxml import OxmlElement

    for row in table.rows:
        _xml(row).get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _bullet(doc: Document | _Cell, text: str = "", style: Any = "List Bullet") -> Paragraph:
    """A bulleted paragraph; ``style`` a name or, in a loop, the style object (from
    ``doc.styles[name]``), which saves python-docx finding the style by name each time."""
    paragraph = doc.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def _day(iso: str) -> str:
    """ "2018-09-30" → "30 September 2018", the day and month kept on one line in a cell."""
    return long_date(datetime.date.fromisoformat(iso)).replace(" ", "\u00a0", 1)


def spaced(paragraph: Paragraph) -> Paragraph:
    from docx.shared import Pt

    paragraph.paragraph_format.space_before = Pt(6)
    return paragraph


def muted(paragraph: Paragraph, text: str) -> None:
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


def render_report(summary: Summary, today: datetime.date | None = None) -> bytes:
    """The report as .docx bytes; evidence is stale or not as of ``document_day``."""
    import docx
    from docx.shared import Cm, Pt

    summary = xml_safe(summary)
    data = report_data(summary, document_day(summary.assessment, today))
    doc = docx.Document()
    drop_unused_table_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    doc.styles["Table Grid"].font.size = Pt(9)  # tables hold more; 9 pt keeps columns readable

    title = f"Self-assessment: {clean_text(data['authority'])}"
    make_accessible(doc)
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
    return fixed_timestamps(buffer.getvalue())


def _properties(doc: Document, summary: Summary, data: dict[str, Any], title: str) -> None:
    props = doc.core_properties
    when = _document_date(summary)
    props.title = property_text(title)
    props.language = LANGUAGE
    props.subject = property_text(summary.framework.title)
    props.author = property_text(", ".join(data["assessors"])) or "selfassess"
    props.last_modified_by = f"selfassess {__version__}"
    fw = summary.framework
    props.comments = property_text(self_assessment_note(fw))
    keywords = [fw.inspectorate, fw.id, "self-assessment", "self-evaluation"]
    props.keywords = property_text("; ".join(k for k in keywords if k.strip()))
    props.category = property_text(data["period"])
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


LANGUAGE = "en-GB"

HEADING_COLOURS = {
    "Title": "#17365D",
    "Subtitle": "#1F3864",
    "Heading 1": "#1F3864",
    "Heading 2": "#1F3864",
    "Heading 3": "#1F3864",
    "Heading 4": "#1F3864",
    "Caption": "#1F3864",
}
"""Darker than the template's blue (#4F81BD, 4.2:1 on white): every heading is at least
4.5:1, as WCAG asks of text that is not large."""


KEPT_TABLE_STYLES = ("Normal Table", "Table Grid")


def drop_unused_table_styles(doc: Document) -> None:
    """Remove the template's table styles other than the two used (python-docx's template
    carries about a hundred; Word still offers its built-in ones). Every styled paragraph
    makes python-docx look through all the styles for the default, so this makes a report
    of 20,000 pieces of evidence quicker to write, and the file smaller."""
    from docx.enum.style import WD_STYLE_TYPE

    for style in list(doc.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEPT_TABLE_STYLES:
            style.delete()


def make_accessible(doc: Document) -> None:
    """Language (en-GB) in the styles' defaults and settings, so screen readers and spelling
    use British English, and heading styles dark enough to read (``HEADING_COLOURS``).

    Also called by the SEF document. The title goes in the core properties (``title``).
    """
    from docx.oxml.ns import qn

    # the template's own elements are changed in place (Word refuses settings out of order)
    for lang in doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        lang.set(qn("w:val"), LANGUAGE)
    for lang in doc.settings.element.findall(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)
    doc.core_properties.language = LANGUAGE
    for name, colour in HEADING_COLOURS.items():
        try:
            style = doc.styles[name]
        except KeyError:
            continue
        style.font.color.rgb = _rgb(colour)


def add_picture(doc: Document, png: bytes, alt: str, width: Any) -> None:
    """A picture in a paragraph of its own, with ``alt`` as its alternative text (what
    Word calls the description, read out by screen readers)."""
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(png), width=width)
    described = doc.element.body.xpath(".//wp:docPr")[-1]
    described.set("descr", clean_text(alt))


def property_text(value: str) -> str:
    """Document properties hold at most 255 characters (python-docx refuses more)."""
    text = clean_text(value)
    return text if len(text) <= 255 else text[:254] + "…"


def fixed_timestamps(package: bytes) -> bytes:
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
    label = f"{clean_text(data['authority'])} — self-assessment"
    if data["period"]:
        label += f", {clean_text(data['period'])}"
    muted(paragraph, f"{label} — page ")
    page_field(paragraph)


def _title_page(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    from docx.shared import Pt

    for _ in range(5):
        doc.add_paragraph()
    doc.add_paragraph(clean_text(data["authority"]), style="Title")
    service = plain(summary.framework.service, single_line=True)
    subtitle = doc.add_paragraph(
        f"Self-assessment of {service}" if service else "Self-assessment", style="Subtitle"
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
            badge(paragraph, c.grade_mark(fw, row["indicative"]))
            paragraph.add_run(" ")
        paragraph.add_run(c.grade_words(fw, row["indicative"], row["provisional"]))
    doc.add_paragraph()
    note = doc.add_paragraph()
    muted(note, f"Prepared with selfassess {__version__}. {self_assessment_note(fw)}")
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
        # The published grades' columns only where the framework names an inspectorate.
        *([published_column(fw), "Gap"] if fw.compares_published else []),
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
            muted(merged.paragraphs[0], "derived from the others")
        else:
            for n, level in enumerate(levels, start=1):
                count = row["counts"].get(level.id, 0)
                if count:
                    _mark_cell(cells[n], c.rating_mark(fw, level.id), str(count))
                else:
                    muted(cells[n].paragraphs[0], "0")
            cells[len(levels) + 1].paragraphs[0].add_run(f"{row['rated']}/{row['total']}")
        _grade_cell(cells[len(levels) + 2], summary, row["indicative"], row["provisional"])
        if fw.compares_published:
            _grade_cell(cells[len(levels) + 3], summary, row["published"], False, empty="—")
            cells[len(levels) + 4].paragraphs[0].add_run(row["gap_text"])
    published_widths = [2.9, 3.0] if fw.compares_published else []
    fixed = 3.6 + 1.4 + 2.9 + sum(published_widths)
    level_width = max(0.8, (17.0 - fixed) / max(1, len(levels)))
    widths = [3.6, *[level_width] * len(levels), 1.4, 2.9, *published_widths]
    set_widths(table, [Cm(w) for w in widths])
    key = doc.add_paragraph()
    key.paragraph_format.space_before = Pt(6)
    muted(
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
            muted(paragraph, f" — {c.rated_words(row)}; {c.counts_words(fw, row)}")
            rule = doc.add_paragraph()
            rule.add_run(f"Rule: {clean_text(row['rule'])}").italic = True
        for reason in row["reasons"]:
            _bullet(doc, clean_text(reason))
        if row.get("basis"):
            basis = doc.add_paragraph()
            basis.add_run(f"How it is worked out: {clean_text(row['basis'])}").italic = True


def _grade_cell(
    cell: _Cell, summary: Summary, grade: str | None, provisional: bool, empty: str = "No grade yet"
) -> None:
    if grade is None:
        muted(cell.paragraphs[0], empty)
        return
    mark = c.grade_mark(summary.framework, grade)
    _mark_cell(cell, mark, f"{mark.letter}  {c.grade_words(summary.framework, grade, provisional)}")


def _areas(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    report = data["published_report"]
    if report is None or not report["areas_for_improvement"]:
        return
    fw = summary.framework
    doc.add_heading(comparison_title(fw), level=1)
    if data["blind_spots"]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{c.BLIND_SPOTS_TITLE}: ").bold = True
        paragraph.add_run(blind_spots_lead(fw))
        for item in data["blind_spots"]:
            bullet = _bullet(doc)
            badge(bullet, c.rating_mark(fw, item["rating"]))
            bullet.add_run(f" {clean_text(item['title'])}").bold = True
            bullet.add_run(f" — {clean_text(item['area'])}")
    else:
        doc.add_paragraph(no_blind_spots(fw))
    doc.add_heading("Areas for improvement in the published report", level=2)
    for area in report["areas_for_improvement"]:
        _bullet(doc, clean_text(area["text"]))
        for item in linked_criteria(fw, summary.assessment, area["text"], area["criteria"]):
            mark = c.rating_mark(fw, item.rating)
            sub = _bullet(doc, style="List Bullet 2")
            badge(sub, mark)
            sub.add_run(f" {clean_text(item.title)} ")
            muted(sub, f"({mark.label.lower()})")


def _grades_line(doc: Document, fw: Framework, row: dict[str, Any]) -> None:
    """One scorecard row's grades on a line: ours (with its mark), then the published one (e.g.
    Ofsted's) and the gap."""
    paragraph = doc.add_paragraph()
    paragraph.add_run("Self-assessed: ").bold = True
    if row["indicative"]:
        badge(paragraph, c.grade_mark(fw, row["indicative"]))
        paragraph.add_run(" ")
    paragraph.add_run(c.grade_words(fw, row["indicative"], row["provisional"]))
    if row["published"]:
        paragraph.add_run(f"    {published_column(fw)}: ").bold = True
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
            muted(doc.add_paragraph(), clean_text(judgement.title))
        _grades_line(doc, fw, row)
        muted(doc.add_paragraph(), f"{c.rated_words(row)}: {c.counts_words(fw, row)}")
        if resting := c.resting_words(data["stale_evidence"], judgement.id):
            _stale_run(doc.add_paragraph(), f"{c.STALE_MARK} {resting}")
        for reason in row["reasons"]:
            _bullet(doc, clean_text(reason))

        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        _header_row(table, ["", "Criterion", "Confidence", "Evidence", "Actions"])
        for criterion in grouped.get(judgement.id, []):
            cells = table.add_row().cells
            mark = c.rating_mark(fw, criterion["rating"])
            _mark_cell(cells[0], mark, mark.letter)
            name = cells[1].paragraphs[0]
            name.add_run(clean_text(criterion["title"])).bold = True
            if criterion["limiting"]:
                name.add_run(f" {c.LIMITING_MARK}")
            detail = cells[1].add_paragraph()
            muted(detail, mark.label)
            if criterion["na_reason"]:
                reason = clean_text(criterion["na_reason"])
                muted(cells[1].add_paragraph(), f"Why not applicable: {reason}")
            if criterion["review"]:
                cells[1].add_paragraph().add_run("Marked for review").bold = True
            cells[2].paragraphs[0].add_run(c.confidence_words(criterion["confidence"]) or "—")
            evidence = criterion["evidence"]
            dates = sorted(e["date"] for e in evidence if e["date"])
            text = f"{len(evidence)} item{'s' if len(evidence) != 1 else ''}"
            if dates:
                text += f", latest {_day(dates[-1])}"
            cells[3].paragraphs[0].add_run(text if evidence else "None recorded")
            stale = sum(1 for e in evidence if e.get("stale"))
            if stale:
                _stale_run(cells[3].paragraphs[0], f"; {c.STALE_MARK} {stale} stale")
            actions = criterion["actions"]
            open_count = sum(1 for x in actions if x["status"] != "done")
            cells[4].paragraphs[0].add_run(
                f"{open_count} open of {len(actions)}" if actions else "None"
            )
        set_widths(table, [Cm(1.0), Cm(7.6), Cm(2.4), Cm(3.4), Cm(2.6)])
        keep_rows_together(table)
        muted(
            spaced(doc.add_paragraph()),
            f"{limiting_key(fw)}. The evidence is listed under "
            f"“{_question(fw, 1)}” and the actions under “{_question(fw, 2)}”.",
        )
    overall = next((row for row in data["scorecard"] if row.get("derived")), None)
    if overall is not None:
        doc.add_heading(fw.judgement_label(overall["judgement"]), level=1)
        _grades_line(doc, fw, overall)
        for reason in overall["reasons"]:
            _bullet(doc, clean_text(reason))
        if overall.get("basis"):
            basis = f"How it is worked out: {clean_text(overall['basis'])}"
            doc.add_paragraph().add_run(basis).italic = True


def _know(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    """What we know: per judgement, strengths and areas to develop, with the notes."""
    fw = summary.framework
    strong = set(fw.strong_ratings())
    order = {level.id: i for i, level in enumerate(fw.rating_levels)}
    grouped = c.criteria_by_judgement(data)
    rows = {row["judgement"]: row for row in data["scorecard"]}
    doc.add_page_break()
    doc.add_heading(_question(fw, 0), level=1)
    # looked up once: thousands of criteria may each add a bullet and lines of notes
    bullet_style, notes_style = doc.styles["List Bullet"], doc.styles["List Continue"]
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
                bullet = _bullet(doc, style=bullet_style)
                badge(bullet, c.rating_mark(fw, x["rating"]))
                bullet.add_run(f" {clean_text(x['title'])}").bold = True
                if x["confidence"]:
                    muted(bullet, f" ({c.confidence_words(x['confidence']).lower()} confidence)")
                notes = clean_text(x["notes"], single_line=False).strip()
                lines = [ln.strip() for ln in notes.splitlines() if ln.strip()]
                if lines:  # one paragraph under the bullet, its lines kept (as in the report)
                    paragraph = doc.add_paragraph(style=notes_style)
                    for n, line in enumerate(lines):
                        run = paragraph.add_run(line)
                        if n < len(lines) - 1:
                            run.add_break()
        if na:
            paragraph = doc.add_paragraph()
            paragraph.add_run("Not applicable: ").bold = True
            paragraph.add_run(
                "; ".join(f"{clean_text(x['title'])} ({clean_text(x['na_reason'])})" for x in na)
            )
        if unrated:
            paragraph = doc.add_paragraph()
            paragraph.add_run("Not yet rated: ").bold = True
            paragraph.add_run("; ".join(clean_text(x["title"]) for x in unrated))


def _how(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    """How we know it: every piece of evidence, a table for each type."""
    from docx.shared import Cm

    by_type: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for criterion in data["criteria"]:
        for e in criterion["evidence"]:
            by_type.setdefault(e["type"], []).append((criterion, e))
    doc.add_page_break()
    doc.add_heading(_question(summary.framework, 1), level=1)
    add_figures(doc, summary, level=2)
    if not by_type:
        muted(doc.add_paragraph(), "No evidence is recorded yet.")
        return
    _stale(doc, summary, data)
    count = sum(len(v) for v in by_type.values())
    muted(
        spaced(doc.add_paragraph()),
        f"{count} piece{'s' if count != 1 else ''} of evidence, grouped by type.",
    )
    for kind in [*EVIDENCE_TYPES, *sorted(set(by_type) - set(EVIDENCE_TYPES))]:
        items = by_type.get(kind)
        if not items:
            continue
        doc.add_heading(f"{EVIDENCE_TYPES.get(kind, kind)} ({len(items)})", level=2)
        titles = ["Evidence", "Criterion", "Date", "Owner and where kept"]
        table, rows = add_table(doc, titles, len(items))
        for cells, (criterion, e) in zip(rows[1:], items, strict=True):
            cells[0].paragraphs[0].add_run(clean_text(e["what"]))
            cells[1].paragraphs[0].add_run(clean_text(criterion["title"]))
            cells[2].paragraphs[0].add_run(_day(e["date"]) if e["date"] else "—")
            if e.get("stale"):
                _stale_run(cells[2].paragraphs[0], f" {c.STALE_WORDS}")
            kept = [clean_text(e[key]) for key in ("owner", "where") if e[key]]
            cells[3].paragraphs[0].add_run("; ".join(kept) or "—")
        set_widths(table, [Cm(6.2), Cm(4.2), Cm(3.3), Cm(3.3)], rows)
        keep_rows_together(table)


STALE_COLOUR = "#8a4b00"
"""Stale evidence's words: dark amber, 6.8:1 on white."""


def _stale_run(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.bold = True
    run.font.color.rgb = _rgb(STALE_COLOUR)


def _stale(doc: Document, summary: Summary, data: dict[str, Any]) -> None:
    """The stale evidence to refresh, oldest first, with its owner (nothing when none)."""
    from docx.shared import Cm

    stale = data["stale_evidence"]
    if not stale["items"]:
        return
    doc.add_heading(c.STALE_TITLE, level=2)
    doc.add_paragraph(c.stale_lead(stale))
    doc.add_paragraph(c.stale_summary(stale))
    found = c.stale_rows(summary.framework, stale)
    table, rows = add_table(doc, ["Dated", "Evidence", "Owner", "Criterion"], len(found))
    for cells, row in zip(rows[1:], found, strict=True):
        cells[0].paragraphs[0].add_run(row.dated.replace(" ", "\u00a0", 1))
        _stale_run(cells[1].paragraphs[0], f"{c.STALE_MARK} ")
        cells[1].paragraphs[0].add_run(row.what)
        if row.owner:
            cells[2].paragraphs[0].add_run(row.owner)
        else:
            muted(cells[2].paragraphs[0], "no owner recorded")
        cells[3].paragraphs[0].add_run(row.criterion)
    set_widths(table, [Cm(3.3), Cm(6.2), Cm(3.3), Cm(4.2)], rows)
    keep_rows_together(table)


def add_figures(doc: Document, summary: Summary, level: int = 2) -> None:
    """The authority's published figures, if the framework links any and the dataset knows
    the authority: a heading at ``level``, a table of the latest figures, then a chart of each
    indicator (a picture with alternative text; its key and scale in words, and its figures
    year by year). Nothing at all otherwise."""
    from docx.shared import Cm

    from selfassess.exports import charts
    from selfassess.exports import figures as f

    found = f.published_figures(summary)
    if found is None:
        return
    doc.add_heading("Published figures", level=level)
    doc.add_paragraph(f.header(found))
    titles = [
        "Indicator",
        "Year",
        found.authority,
        "Neighbours' median",
        found.region or "Region",
        "England",
        "Place among neighbours",
    ]
    table, rows = add_table(doc, titles, len(found.indicators))
    for cells, ind in zip(rows[1:], found.indicators, strict=True):
        cells[0].paragraphs[0].add_run(ind.label)
        muted(cells[0].paragraphs[0], f" ({f.unit_words(ind)}; {f.direction_words(ind)})")
        cells[1].paragraphs[0].add_run(str(ind.year))
        for cell, value in zip(
            cells[2:6], (ind.value, ind.neighbours_median, ind.region, ind.england), strict=True
        ):
            cell.paragraphs[0].add_run(f.number(value, ind.unit))
        cells[6].paragraphs[0].add_run(f.place_words(ind))
    # wide enough for "2025", "England" and most authorities' names on one line in bold 9 pt
    set_widths(table, [Cm(3.5), Cm(1.3), Cm(2.8), Cm(2.7), Cm(2.0), Cm(1.9), Cm(2.8)], rows)
    keep_rows_together(table)
    sources = sorted({ind.source for ind in found.indicators})
    muted(spaced(doc.add_paragraph()), f"Sources: {'; '.join(sources)}. {f.SOURCE_NOTE}")
    for ind in found.indicators:
        doc.add_heading(ind.label, level=level + 1)
        add_picture(doc, charts.png(ind), f.chart_description(found, ind), Cm(12))
        muted(doc.add_paragraph(), f"{charts.key_words(found.authority)} {charts.scale_words(ind)}")
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{found.authority} by year: ").bold = True
        paragraph.add_run(f.series_words(found, ind) + ".")
        muted(
            doc.add_paragraph(),
            f"{f.unit_words(ind).capitalize()}; {f.direction_words(ind)}. "
            f"For: {'; '.join(ind.criteria)}. Source: {ind.source}.",
        )


def _plans(doc: Document, summary: Summary) -> None:
    """What our plans are: every action, soonest due first."""
    from docx.shared import Cm

    # No "overdue" here: a report must read the same whenever it is exported.
    actions = collect_actions(summary.framework, summary.assessment, datetime.date.min)
    doc.add_page_break()
    doc.add_heading(_question(summary.framework, 2), level=1)
    if not actions.items:
        muted(doc.add_paragraph(), "No actions are recorded yet.")
        return
    muted(
        doc.add_paragraph(),
        f"{len(actions.items)} action{'s' if len(actions.items) != 1 else ''}"
        f", {actions.open} not done, soonest due first.",
    )
    titles = ["Action", "Criterion", "Owner", "Due", "Status"]
    table, rows = add_table(doc, titles, len(actions.items))
    for cells, item in zip(rows[1:], actions.items, strict=True):
        cells[0].paragraphs[0].add_run(clean_text(item.what))
        cells[1].paragraphs[0].add_run(clean_text(item.criterion_title))
        cells[2].paragraphs[0].add_run(clean_text(item.owner))
        cells[3].paragraphs[0].add_run(_day(item.due.isoformat()) if item.due else "—")
        cells[4].paragraphs[0].add_run(item.status_label)
    set_widths(table, [Cm(4.5), Cm(3.6), Cm(3.2), Cm(3.3), Cm(2.4)], rows)
    keep_rows_together(table)
