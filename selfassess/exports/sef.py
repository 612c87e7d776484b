"""The annual self-evaluation as a Word document, in the inspectorate's three-question shape.

Judgement by judgement: what we know about the quality and impact of practice (our ratings and
the reasons for them, in prose a director can sign), how we know it (case audits with their
sample sizes, the evidence by type, published figures where the dataset has them), and our
plans for the next 12 months (the open actions, with owners and dates). The questions come from
the framework (``[self_evaluation] questions``; Ofsted's three by default).

Like the report, two exports of the same assessment are byte-identical: the document is dated
by the latest date the assessment records (evidence, audits, the inspection), and evidence is
called stale as of that date. Built with python-docx's built-in heading styles, in order, with
the document's title and language set and table header rows repeated on each page.
"""

from __future__ import annotations

import datetime
import io
from typing import TYPE_CHECKING, Any

from selfassess import __version__
from selfassess.exports import _common as c
from selfassess.exports.word import (
    add_table,
    badge,
    clean_text,
    drop_unused_table_styles,
    fixed_timestamps,
    keep_rows_together,
    make_accessible,
    muted,
    page_field,
    property_text,
    set_widths,
    spaced,
    xml_safe,
)
from selfassess.model.actions import collect_actions
from selfassess.model.assessment import EVIDENCE_TYPES, Assessment, Evidence
from selfassess.model.audits import (
    Audit,
    AuditQuestion,
    AuditSummary,
    audit_questions,
    good_or_better,
    summarise_audits,
)
from selfassess.model.dates import date_range, long_date
from selfassess.model.errors import InputError
from selfassess.model.framework import NOT_APPLICABLE, Framework, Judgement
from selfassess.model.staleness import is_stale, latest_date, stale_before
from selfassess.model.summary import Summary

if TYPE_CHECKING:
    from docx.document import Document

    from selfassess.exports.figures import IndicatorFigures, PublishedFigures

LANGUAGE = "en-GB"


def as_of(assessment: Assessment) -> datetime.date | None:
    """The latest date the assessment records: the day the self-evaluation speaks for."""
    return latest_date(assessment)


def render_sef(summary: Summary, today: datetime.date | None = None) -> bytes:
    """The self-evaluation as .docx bytes, as at ``today`` when given (``report --today``),
    else the latest date the assessment records (as every shared export)."""
    import docx
    from docx.shared import Cm, Pt

    summary = xml_safe(summary)
    doc = docx.Document()
    drop_unused_table_styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    doc.styles["Table Grid"].font.size = Pt(9.5)
    _set_language(doc)
    make_accessible(doc)  # dark heading styles, themeFontLang en-GB (issue 20)

    writer = _Writer(doc, summary, today)
    writer.properties()
    writer.footer()
    writer.title_page()
    for judgement in summary.framework.judgements:
        writer.judgement(judgement)
    writer.sign_off()
    for table in doc.tables:  # table text set close; the body keeps its spacing
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(2)
                    paragraph.paragraph_format.line_spacing = 1.0

    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_timestamps(buffer.getvalue())


def _set_language(doc: Document) -> None:
    """UK English for the whole document, so spelling and screen readers use it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    r_pr = run_defaults.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        run_defaults.append(r_pr)
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    r_pr.append(lang)


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _words_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


class _Writer:
    """Writes the document's parts; holds what every part needs."""

    def __init__(self, doc: Document, summary: Summary, today: datetime.date | None = None) -> None:
        self.doc = doc
        self.summary = summary
        self.fw: Framework = summary.framework
        self.a: Assessment = summary.assessment
        self.day = today or as_of(self.a)
        self.cutoff = stale_before(self.a, self.day) if self.day else None
        self.questions = list(self.fw.self_evaluation.questions)
        self.scores = {s.judgement: s for s in summary.scorecard.judgements}
        self.published = self._published_grades()
        self.figures = self._figures()
        ratings = {cid: r.rating for cid, r in self.a.criteria.items()}
        records = {cid: r.audits for cid, r in self.a.criteria.items() if r.audits}
        self.audit_questions = audit_questions(self.fw, records, ratings)

    # --- document parts -------------------------------------------------------------------

    def properties(self) -> None:
        props = self.doc.core_properties
        when = (
            datetime.datetime(self.day.year, self.day.month, self.day.day, tzinfo=datetime.UTC)
            if self.day
            else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
        )
        props.title = property_text(f"Self-evaluation: {self.a.authority}")
        props.subject = property_text(f"Annual self-evaluation against {self.fw.title}")
        props.author = property_text(", ".join(self.a.assessors)) or "selfassess"
        props.last_modified_by = f"selfassess {__version__}"
        props.language = LANGUAGE
        props.keywords = "self-evaluation; self-assessment"
        props.category = property_text(self.a.period)
        props.revision = 1
        props.created = props.modified = props.last_printed = when

    def footer(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        paragraph = section.footer.paragraphs[0]
        label = f"{clean_text(self.a.authority)} — self-evaluation"
        if self.a.period:
            label += f", {clean_text(self.a.period)}"
        muted(paragraph, f"{label} — page ")
        page_field(paragraph)

    def title_page(self) -> None:
        from docx.shared import Cm, Pt

        doc, fw = self.doc, self.fw
        for _ in range(4):
            doc.add_paragraph()
        doc.add_paragraph(clean_text(self.a.authority), style="Title")
        service = clean_text(fw.service)
        subtitle = doc.add_paragraph(
            f"Annual self-evaluation of {service}" if service else "Annual self-evaluation",
            style="Subtitle",
        )
        subtitle.runs[0].font.size = Pt(16)
        lines = []
        if self.a.period:
            lines.append(("Period", clean_text(self.a.period)))
        if self.day:
            lines.append(("As at", long_date(self.day)))
        framework = f"{clean_text(fw.title)} ({clean_text(fw.id)} {clean_text(fw.version)})"
        lines.append(("Framework", framework))
        if self.a.assessors:
            lines.append(("Prepared by", clean_text(", ".join(self.a.assessors))))
        if self.a.review_date:
            lines.append(("Review date", long_date(self.a.review_date)))
        for label, value in lines:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)

        doc.add_heading("Our judgements at a glance", level=1)
        titles = ["Judgement", "Our self-evaluation"]
        inspectorate = self._inspectorate()
        if self.published:
            titles.append(f"{inspectorate}'s last grade" if inspectorate else "Last grade")
        overall = self.summary.scorecard.overall
        table, rows = add_table(doc, titles, len(fw.judgements) + (overall is not None))
        if overall is not None:
            cells = rows[-1]
            cells[0].paragraphs[0].add_run(clean_text(overall.title)).bold = True
            if overall.grade:
                badge(cells[1].paragraphs[0], c.grade_mark(fw, overall.grade))
                cells[1].paragraphs[0].add_run(" ")
            cells[1].paragraphs[0].add_run(c.grade_words(fw, overall.grade, overall.provisional))
            if self.published:
                cells[2].paragraphs[0].add_run(
                    c.grade_words(fw, self.published.get(overall.judgement)) or "—"
                )
        for cells, judgement in zip(rows[1:], fw.judgements, strict=False):
            score = self.scores[judgement.id]
            cells[0].paragraphs[0].add_run(clean_text(judgement.label))
            grade_paragraph = cells[1].paragraphs[0]
            if score.grade:
                badge(grade_paragraph, c.grade_mark(fw, score.grade))
                grade_paragraph.add_run(" ")
            grade_paragraph.add_run(c.grade_words(fw, score.grade, score.provisional))
            if self.published:
                cells[2].paragraphs[0].add_run(
                    c.grade_words(fw, self.published.get(judgement.id)) or "—"
                )
        widths = [Cm(7.6), Cm(5.0), Cm(4.0)][: len(titles)]
        set_widths(table, widths, rows)
        note = doc.add_paragraph()
        note.paragraph_format.space_before = Pt(8)
        muted(
            note,
            "Our self-evaluation grades come from rating each criterion of the framework "
            "against what good looks like; " + self._not_theirs() + " "
            "Each judgement below answers three questions: "
            + "; ".join(f"“{clean_text(q)}”" for q in self.questions)
            + ".",
        )
        if self.cutoff is not None:
            muted(
                doc.add_paragraph(),
                f"Evidence and audits dated before {long_date(self.cutoff)} (more than "
                f"{_plural(self.a.stale_after_months, 'month')} before this self-evaluation) "
                "are marked as older evidence, to be refreshed.",
            )
        muted(doc.add_paragraph(), f"Prepared with selfassess {__version__}.")

    def judgement(self, judgement: Judgement) -> None:
        doc = self.doc
        doc.add_page_break()
        doc.add_heading(clean_text(judgement.title), level=1)
        criteria = judgement.criteria
        ids = [x.id for x in criteria]
        doc.add_heading(clean_text(self.questions[0]), level=2)
        self.what_we_know(judgement)
        doc.add_heading(clean_text(self.questions[1]), level=2)
        self.how_we_know(judgement, ids)
        doc.add_heading(clean_text(self.questions[2]), level=2)
        self.plans(ids)

    # --- what we know ---------------------------------------------------------------------

    def what_we_know(self, judgement: Judgement) -> None:
        doc, fw = self.doc, self.fw
        score = self.scores[judgement.id]
        grade = c.grade_words(fw, score.grade).lower() if score.grade else ""
        paragraph = doc.add_paragraph()
        if grade:
            paragraph.add_run(f"We judge {_lower_first(clean_text(judgement.title))} to be ")
            paragraph.add_run(grade).bold = True
            paragraph.add_run(".")
        else:
            paragraph.add_run(
                f"We have not yet rated enough of {_lower_first(clean_text(judgement.title))} to "
                "reach a judgement."
            )
        rated = [x for x in judgement.criteria if self.a.rating(x.id) not in (None, NOT_APPLICABLE)]
        counts = [
            f"{_plural(score.counts.get(level.id, 0), 'area')} as {level.label.lower()}"
            for level in reversed(fw.rating_levels)
            if score.counts.get(level.id, 0)
        ]
        if rated:
            paragraph.add_run(
                f" Of the {_plural(len(judgement.criteria), 'area')} of practice we looked at, "
                f"we rate {_words_list(counts)}."
            )
        if score.provisional and score.grade:
            paragraph.add_run(
                f" This judgement is provisional: {score.rated} of {score.total} areas are "
                "rated so far."
            )
        published = self.published.get(judgement.id)
        p = self.a.published
        start = p.inspection_start if p is not None else None
        if published and p is not None and start is not None:
            end = p.inspection_end or start
            paragraph.add_run(
                f" At its inspection of {date_range(start, end)}, "
                f"{self._inspectorate() or 'the inspectorate'} judged this "
                f"{c.grade_words(fw, published).lower()}."
            )
        strong = set(fw.strong_ratings())
        order = {level.id: i for i, level in enumerate(fw.rating_levels)}
        strengths = [x for x in rated if self.a.rating(x.id) in strong]
        develop = sorted(
            (x for x in rated if self.a.rating(x.id) not in strong),
            key=lambda x: order.get(self.a.rating(x.id) or "", 0),
        )
        for heading, items in (
            ("Our strengths", strengths),
            ("Where we need to improve", develop),
        ):
            if not items:
                continue
            self.doc.add_heading(heading, level=3)
            for criterion in items:
                self._criterion_prose(criterion.id)
        questions = [q for q in self.audit_questions if q.criterion_id in judgement_ids(judgement)]
        if questions:
            self.doc.add_heading("Questions our audits raise", level=3)
            self._questions(questions)
        na = [x for x in judgement.criteria if self.a.rating(x.id) == NOT_APPLICABLE]
        unrated = [x for x in judgement.criteria if self.a.rating(x.id) is None]
        if na:
            text = "; ".join(
                f"{clean_text(x.title)} ({clean_text(self.a.record(x.id).na_reason)})" for x in na
            )
            p2 = doc.add_paragraph()
            p2.add_run("Not applicable to us: ").bold = True
            p2.add_run(text)
        if unrated:
            p3 = doc.add_paragraph()
            p3.add_run("Not yet evaluated: ").bold = True
            p3.add_run("; ".join(clean_text(x.title) for x in unrated))

    def _criterion_prose(self, criterion_id: str) -> None:
        fw = self.fw
        record = self.a.record(criterion_id)
        criterion = fw.criteria[criterion_id]
        paragraph = self.doc.add_paragraph()
        badge(paragraph, c.rating_mark(fw, record.rating))
        paragraph.add_run(f" {clean_text(criterion.title)}. ").bold = True
        notes = " ".join(
            line.strip()
            for line in clean_text(record.notes, single_line=False).splitlines()
            if line.strip()
        )
        level = fw.level_by_id.get(record.rating or "")
        if notes:
            paragraph.add_run(notes)
        elif level is not None and level.meaning:
            paragraph.add_run(clean_text(level.meaning))
        extra = []
        if record.confidence:
            extra.append(f"{c.confidence_words(record.confidence).lower()} confidence")
        if record.audits:
            s = summarise_audits(fw, record.audits)
            good = sum(s.grades.get(g, 0) for g in good_or_better(fw))
            extra.append(
                f"{_plural(s.cases, 'case')} audited, {_percent(good, s.cases)} good or better"
            )
        if self._rests_on_older(criterion_id):
            extra.append("all its evidence is older than the limit")
        if extra:
            muted(paragraph, f" ({'; '.join(extra)})")

    def _questions(self, questions: list[AuditQuestion]) -> None:
        for q in questions:
            paragraph = self.doc.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{clean_text(q.title)}: ").bold = True
            paragraph.add_run(clean_text(q.text))

    # --- how we know it -------------------------------------------------------------------

    def how_we_know(self, judgement: Judgement, ids: list[str]) -> None:
        audited = [cid for cid in ids if self.a.record(cid).audits]
        evidence = [(cid, e) for cid in ids for e in self.a.record(cid).evidence]
        figures = self._figures_for(judgement)
        if not (audited or evidence or figures):
            muted(self.doc.add_paragraph(), "No evidence is recorded yet for this judgement.")
            return
        if audited:
            self.doc.add_heading("Case audits", level=3)
            self._audits(audited)
        if evidence:
            self.doc.add_heading("Other evidence", level=3)
            self._evidence(evidence)
        if figures is not None and figures[1]:
            self.doc.add_heading("Published figures", level=3)
            self._figures_table(*figures)

    def _audits(self, ids: list[str]) -> None:
        from docx.shared import Cm

        fw = self.fw
        everything: list[Audit] = [a for cid in ids for a in self.a.record(cid).audits]
        total = summarise_audits(fw, everything)
        good = sum(total.grades.get(g, 0) for g in good_or_better(fw))
        paragraph = self.doc.add_paragraph()
        span = (
            f" from {date_range(total.first, total.last)}"
            if total.first and total.last and total.first != total.last
            else ""
        )
        paragraph.add_run(
            f"We audited {_plural(total.cases, 'case')} against this judgement{span}: "
            f"{_grade_list(fw, total)}. {_percent(good, total.cases)} were good or better. "
            f"{_moderation_sentence(total)}"
        )
        if self.cutoff is not None:
            old = sum(1 for a in {x.key(): x for x in everything}.values() if a.date < self.cutoff)
            if old:
                paragraph.add_run(
                    f" {_plural(old, 'audit')} {'is' if old == 1 else 'are'} older than "
                    f"{_plural(self.a.stale_after_months, 'month')}."
                )
        grades = list(total.grades)
        titles = [
            "Area of practice",
            "Cases",
            *[c.grade_mark(fw, g).letter for g in grades],
            "Good or better",
        ]
        table, rows = add_table(self.doc, titles, len(ids))
        for cells, cid in zip(rows[1:], ids, strict=True):
            s = summarise_audits(fw, self.a.record(cid).audits)
            cells[0].paragraphs[0].add_run(clean_text(fw.criteria[cid].title))
            cells[1].paragraphs[0].add_run(str(s.cases))
            for n, g in enumerate(grades, start=2):
                cells[n].paragraphs[0].add_run(str(s.grades.get(g, 0)))
            good_here = sum(s.grades.get(g, 0) for g in good_or_better(fw))
            cells[-1].paragraphs[0].add_run(_percent(good_here, s.cases))
        level_width = 1.1
        first = 16.6 - 1.6 - 2.4 - level_width * len(grades)
        set_widths(table, [Cm(first), Cm(1.6), *[Cm(level_width)] * len(grades), Cm(2.4)], rows)
        keep_rows_together(table)
        key = "; ".join(
            f"{c.grade_mark(fw, g).letter} = {fw.grade_label(g).lower()}" for g in grades
        )
        muted(
            spaced(self.doc.add_paragraph()),
            f"Grades after moderation. {key}. A theme's audit counts once in the total.",
        )

    def _evidence(self, items: list[tuple[str, Evidence]]) -> None:
        from docx.shared import Cm

        order = {kind: n for n, kind in enumerate(EVIDENCE_TYPES)}
        items = sorted(items, key=lambda item: (order.get(item[1].type, 99), item[1].date or _MAX))
        titles = ["Evidence", "Type", "Dated", "Owner"]
        table, rows = add_table(self.doc, titles, len(items))
        older = 0
        for cells, (_cid, e) in zip(rows[1:], items, strict=True):
            cells[0].paragraphs[0].add_run(clean_text(e.what))
            if e.where:
                muted(cells[0].add_paragraph(), clean_text(e.where))
            cells[1].paragraphs[0].add_run(EVIDENCE_TYPES.get(e.type, e.type))
            cells[2].paragraphs[0].add_run(long_date(e.date) if e.date else "—")
            if self.cutoff is not None and is_stale(e.date, self.cutoff):
                older += 1
                cells[2].add_paragraph().add_run("older evidence").italic = True
            cells[3].paragraphs[0].add_run(clean_text(e.owner) or "—")
        set_widths(table, [Cm(6.4), Cm(3.2), Cm(2.9), Cm(4.1)], rows)
        keep_rows_together(table)
        if older:
            muted(
                spaced(self.doc.add_paragraph()),
                f"{_plural(older, 'item')} marked “older evidence” "
                f"{'is' if older == 1 else 'are'} more than "
                f"{_plural(self.a.stale_after_months, 'month')} old: refresh before inspection.",
            )

    def _figures_table(self, figures: PublishedFigures, shown: list[IndicatorFigures]) -> None:
        from docx.shared import Cm

        from selfassess.exports.figures import SOURCE_NOTE, number

        dated = [(ind, _year_for(ind, self.day)) for ind in shown]
        later = [ind for ind, figures_then in dated if figures_then is None]
        if later:  # a figure from after the document's date would read as the situation then
            names = _words_list([clean_text(ind.label) for ind in later])
            muted(
                self.doc.add_paragraph(),
                f"Not shown: {names} — no figures were published for "
                f"{self.day.year if self.day else 'that time'} or earlier.",
            )
        kept = [(ind, figures_then) for ind, figures_then in dated if figures_then is not None]
        if not kept:
            return
        titles = ["Indicator", "Year", "Us", "Neighbours", "England"]
        table, rows = add_table(self.doc, titles, len(kept))
        for cells, (ind, (year, value, median, england)) in zip(rows[1:], kept, strict=True):
            cells[0].paragraphs[0].add_run(clean_text(ind.label))
            cells[1].paragraphs[0].add_run(str(year))
            cells[2].paragraphs[0].add_run(number(value, ind.unit))
            cells[3].paragraphs[0].add_run(number(median, ind.unit))
            cells[4].paragraphs[0].add_run(number(england, ind.unit))
        set_widths(table, [Cm(8.0), Cm(1.6), Cm(2.3), Cm(2.4), Cm(2.3)], rows)
        keep_rows_together(table)
        muted(
            spaced(self.doc.add_paragraph()),
            f"{clean_text(figures.authority)} ({clean_text(figures.code)}); neighbours: the "
            f"median of our statistical neighbours. {SOURCE_NOTE}",
        )

    # --- plans ----------------------------------------------------------------------------

    def plans(self, ids: list[str]) -> None:
        from docx.shared import Cm

        wanted = set(ids)
        everything = collect_actions(self.fw, self.a, datetime.date.min)
        items = [x for x in everything.items if x.criterion in wanted]
        open_items = [x for x in items if not x.done]
        done = len(items) - len(open_items)
        if not open_items:
            muted(
                self.doc.add_paragraph(),
                "No open actions are recorded for this judgement"
                + (f" ({_plural(done, 'action')} done)." if done else "."),
            )
            return
        lead = self.doc.add_paragraph()
        lead.add_run(
            f"Over the next 12 months we will carry out {_plural(len(open_items), 'action')}"
            + (f" (a further {done} {'is' if done == 1 else 'are'} done)" if done else "")
            + ":"
        )
        titles = ["What we will do", "Area of practice", "Lead", "By", "Status"]
        table, rows = add_table(self.doc, titles, len(open_items))
        for cells, item in zip(rows[1:], open_items, strict=True):
            cells[0].paragraphs[0].add_run(clean_text(item.what))
            cells[1].paragraphs[0].add_run(clean_text(item.criterion_title))
            cells[2].paragraphs[0].add_run(clean_text(item.owner) or "—")
            cells[3].paragraphs[0].add_run(long_date(item.due) if item.due else "—")
            cells[4].paragraphs[0].add_run(item.status_label)
        set_widths(table, [Cm(5.4), Cm(3.3), Cm(3.0), Cm(2.9), Cm(2.0)], rows)
        keep_rows_together(table)

    def sign_off(self) -> None:
        from docx.shared import Cm

        doc = self.doc
        doc.add_page_break()
        doc.add_heading("Agreement", level=1)
        doc.add_paragraph(
            "This self-evaluation sets out what we know about the quality and impact of our "
            "practice, how we know it, and what we will do next. It was agreed by:"
        )
        table, rows = add_table(doc, ["Role", "Name", "Signature", "Date"], 3)
        for cells, role in zip(rows[1:], self._signatories(), strict=True):
            cells[0].paragraphs[0].add_run(role)
            for cell in cells[1:]:
                cell.paragraphs[0].add_run("\u00a0")
        for row in table.rows[1:]:
            row.height = Cm(1.2)
        set_widths(table, [Cm(5.4), Cm(4.2), Cm(4.4), Cm(2.6)], rows)

    # --- helpers --------------------------------------------------------------------------

    def _not_theirs(self) -> str:
        """Whose judgement the grades are not: the framework's inspectorate's, where it names
        one (a council's own framework may name none)."""
        inspectorate = clean_text(self._inspectorate())
        if inspectorate:
            return f"they are our judgement, not {inspectorate}'s."
        return "they are our judgement, not an inspection's."

    def _signatories(self) -> tuple[str, str, str]:
        """The roles that usually sign a council's self-evaluation; left for the signatories
        to write in when the framework assesses something else (a partnership, say)."""
        if self.fw.subject.strip().lower() == "local authority":
            return (
                "Director of Children's Services",
                "Lead Member for Children",
                "Chief Executive",
            )
        return ("", "", "")

    def _inspectorate(self) -> str:
        return self.fw.inspectorate

    def _published_grades(self) -> dict[str, str]:
        p = self.a.published
        if p is None or not p.grades:
            return {}
        if hasattr(self.fw, "compares_published") and not self.fw.compares_published:
            return {}
        return dict(p.grades)

    def _figures(self) -> PublishedFigures | None:
        try:
            from selfassess.exports.figures import published_figures

            return published_figures(self.summary)
        except (InputError, OSError, ValueError):  # figures are extra: never stop a SEF
            return None

    def _figures_for(
        self, judgement: Judgement
    ) -> tuple[PublishedFigures, list[IndicatorFigures]] | None:
        if self.figures is None:
            return None
        titles = {x.title for x in judgement.criteria}
        shown = [i for i in self.figures.indicators if titles.intersection(i.criteria)]
        return self.figures, shown

    def _rests_on_older(self, criterion_id: str) -> bool:
        if self.cutoff is None:
            return False
        record = self.a.record(criterion_id)
        dates: list[datetime.date | None] = [e.date for e in record.evidence]
        dates += [a.date for a in record.audits]
        return bool(dates) and all(is_stale(d, self.cutoff) for d in dates)


_MAX = datetime.date.max


def judgement_ids(judgement: Judgement) -> set[str]:
    return {x.id for x in judgement.criteria}


def _lower_first(text: str) -> str:
    """ "Impact of leaders" → "the impact of leaders" reads in a sentence."""
    if not text:
        return text
    first = text.split()[0]
    lowered = text[0].lower() + text[1:] if not first.isupper() else text
    return lowered if lowered.startswith("the ") else f"the {lowered}"


def _moderation_sentence(summary: AuditSummary) -> str:
    """E.g. "A second auditor moderated 4 of them, changing 1 grade (1 raised, none lowered)."."""
    if not summary.moderated:
        return "None were moderated."
    text = f"A second auditor moderated {summary.moderated} of them"
    changed = summary.changed_by_moderation
    if not changed:
        return text + " and agreed every grade."
    raised, lowered = summary.raised_by_moderation, summary.lowered_by_moderation
    return (
        f"{text}, changing {_plural(changed, 'grade')} "
        f"({raised or 'none'} raised, {lowered or 'none'} lowered)."
    )


def _grade_list(fw: Framework, summary: AuditSummary) -> str:
    return _words_list([f"{n} {fw.grade_label(g).lower()}" for g, n in summary.grades.items() if n])


def _year_for(ind: IndicatorFigures, day: datetime.date | None) -> tuple[Any, ...] | None:
    """The figures for the latest year at or before the self-evaluation's date (the latest of
    all with no date); None when every figure is later, as it would misstate the picture then."""
    if day is None:
        return ind.year, ind.value, ind.neighbours_median, ind.england
    fitting = [
        y
        for y in ind.series
        if y.year <= day.year and (y.value, y.neighbours_median, y.england) != (None, None, None)
    ]
    if not fitting:
        return None
    y = fitting[-1]
    return y.year, y.value, y.neighbours_median, y.england
