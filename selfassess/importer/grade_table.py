"""The table of judgement grades: its rows found by the page's structure, placed by meaning.

A row is a title followed by one of the grade phrases at the end of a line (a grade may wrap,
or land inside a wrapped title). Titles are recognised from the frameworks' published titles
and variants, or, when a report words one differently ("…of children care leavers"), by how
alike it is to them (``likeness``). The report's layout is the framework whose judgements the
rows are, each row clearly one judgement; an ambiguous row is refused, naming it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from selfassess.importer.text import NOT_ILACS, Pages, words_of
from selfassess.model.errors import InputError

if TYPE_CHECKING:
    from selfassess.model.framework import Framework


_GRADE_ALIASES: dict[tuple[str, ...], str] = {("requires", "improvement"): "requires_improvement"}
"""Short forms Ofsted also prints, beside the grade labels the frameworks hold."""


NEXT_SECTIONS = (
    ("summary", "for", "children"),
    ("information", "about", "this"),
    ("recommendations",),
    ("overall", "effectiveness"),
)


TITLE_LIKENESS = 0.75
"""How alike (0–1) a row's printed title and a judgement's title must be for the row to be that
judgement: "…of children care leavers" is 0.9 like "…of care leavers"; prose is far below."""


TITLE_MARGIN = 0.1
"""A row must be this much more like its judgement than like any other of the same layout;
closer than that, the row is ambiguous and the report is refused rather than guessed."""


_MAX_TITLE_WORDS = 24
"""A printed judgement title is at most this many words (the longest has 11)."""


def likeness(printed: Sequence[str], title: Sequence[str], weights: dict[str, float]) -> float:
    """How alike two titles are (1 = the same words): weighted overlap of their words.

    Words that appear in few titles weigh more, so a changed or extra common word matters
    little and a missing distinctive one ("leavers", "protection") a lot.
    """
    a, b = set(printed), set(title)
    if not a or not b:
        return 0.0

    def weight(words: set[str]) -> float:
        return sum(weights.get(w, 1.5) for w in words)

    return 2 * weight(a & b) / (weight(a) + weight(b))


@dataclass(slots=True)
class Vocabulary:
    """The titles and grade phrases to recognise, from the candidate frameworks."""

    frameworks: Sequence[Framework]
    titles: list[tuple[tuple[str, ...], str]]
    """(words, title as written), longest first so "children in care and care leavers" wins."""
    grades: list[tuple[tuple[str, ...], str]]
    """(words, grade id), longest first so "requires improvement to be good" wins."""
    weights: dict[str, float]
    """How much each word of the titles says about which judgement is meant: a word in every
    title ("the", "of") says little; "leavers" or "protection" a lot."""

    @classmethod
    def of(cls, frameworks: Sequence[Framework]) -> Vocabulary:
        titles: dict[tuple[str, ...], str] = {}
        grades: dict[tuple[str, ...], str] = dict(_GRADE_ALIASES)
        for fw in frameworks:
            for title in _published_titles(fw):
                words = tuple(words_of(title))
                if words:
                    titles.setdefault(words, title)
            for grade in fw.grades:
                words = tuple(words_of(grade.label))
                if words:
                    grades.setdefault(words, grade.id)
        counts: dict[str, int] = {}
        for words in titles:
            for word in set(words):
                counts[word] = counts.get(word, 0) + 1
        total = max(len(titles), 1)
        return cls(
            frameworks=frameworks,
            weights={w: 0.2 + math.log(total / n + 1) for w, n in counts.items()},
            titles=sorted(titles.items(), key=lambda item: (-len(item[0]), item[0])),
            grades=sorted(grades.items(), key=lambda item: (-len(item[0]), item[0])),
        )

    def is_heading(self, line: str) -> bool:
        """A judgement section heading (or its first wrapped line) that follows the list.

        Headings start with a capital; a wrapped line of an item that happens to begin "the
        impact of leaders…" is mid-sentence and does not.
        """
        words = words_of(line)
        if not words or not line[:1].isupper():
            return False
        for title, _ in self.titles:
            n = min(len(words), len(title))
            if n >= min(4, len(title)) and words[:n] == list(title[:n]):
                return True
        return any(tuple(words[: len(s)]) == s for s in NEXT_SECTIONS)


def _published_titles(fw: Framework) -> list[str]:
    titles = [t for j in fw.judgements for t in (j.title, *j.variants)]
    if fw.overall is not None:
        titles += [fw.overall.title, *fw.overall.variants]
    return titles


def _likeness_to(
    title_words: tuple[str, ...], titles: Sequence[str], weights: dict[str, float]
) -> float:
    return max((likeness(title_words, tuple(words_of(t)), weights) for t in titles), default=0.0)


def _judgement_for(
    fw: Framework, title_words: tuple[str, ...], weights: dict[str, float]
) -> tuple[str | None, str]:
    """The judgement (or overall) of ``fw`` this row title means: (id, "") or (None, why not).

    The row is that judgement when its title is at least ``TITLE_LIKENESS`` like one of the
    judgement's published titles and clearly (``TITLE_MARGIN``) more like it than any other.
    """
    candidates = [(j.id, [j.title, *j.variants]) for j in fw.judgements]
    if fw.overall is not None:
        candidates.append((fw.overall.id, [fw.overall.title, *fw.overall.variants]))
    scored = sorted(
        ((_likeness_to(title_words, titles, weights), jid) for jid, titles in candidates),
        reverse=True,
    )
    if not scored or scored[0][0] < TITLE_LIKENESS:
        return None, "is not like any of its judgements"
    if len(scored) > 1 and scored[0][0] - scored[1][0] < TITLE_MARGIN and scored[0][0] < 1:
        names = dict(candidates)
        return None, (f'could be either "{names[scored[0][1]][0]}" or "{names[scored[1][1]][0]}"')
    return scored[0][1], ""


@dataclass(slots=True)
class _Row:
    title: tuple[str, ...]
    grade: str | None = None


@dataclass(slots=True)
class _Word:
    text: str
    line: int
    """Index of the line on its page, so a table's end can be placed."""
    eol: bool
    """Last word of its line: grades sit at the end of a line, prose runs on."""


def find_table(
    reader: Pages, vocabulary: Vocabulary, pages: int
) -> tuple[list[_Row], int, int] | None:
    """The rows of the judgement table, from the first page that has one (of ``pages``)."""
    for page in range(pages):
        lines = reader.get(page)
        if lines is None:
            return None
        # Cells can come out glued together ("GoodThe impact…", "familiesInadequate").
        words = [
            _Word(w, i, k == len(ws) - 1)
            for i, line in enumerate(lines)
            for ws in [words_of(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", line))]
            for k, w in enumerate(ws)
        ]
        start = _table_start(words, vocabulary)
        if start is None:
            continue
        rows, end = _read_rows(words, start, vocabulary)
        if rows:
            end_line = words[end - 1].line + 1 if end > 0 else 0
            return rows, page, end_line
    return None


def _table_start(words: list[_Word], vocabulary: Vocabulary) -> int | None:
    """After the "Judgement Grade" header; failing that, at the first full judgement title."""
    texts = [w.text for w in words]
    for i in range(len(texts) - 1):
        if texts[i] in ("judgement", "judgements") and texts[i + 1] in ("grade", "grades"):
            return i + 2
    for i in range(len(words)):
        if _title_at(words, i, vocabulary) is not None:
            return i
    return None


def _grade_at(words: list[_Word], i: int, vocabulary: Vocabulary) -> tuple[str, int] | None:
    """The grade phrase starting at word ``i``: (grade id, index after it)."""
    for phrase, grade_id in vocabulary.grades:
        end = i + len(phrase)
        if end <= len(words) and all(words[i + k].text == phrase[k] for k in range(len(phrase))):
            return grade_id, end
    return None


def _title_at(
    words: list[_Word], i: int, vocabulary: Vocabulary
) -> tuple[tuple[str, ...], int, list[str]] | None:
    """The judgement title starting at word ``i``: (title, index after it, grades inside it).

    A grade cell can land in the middle of a wrapped title's lines; such a grade is skipped
    over and returned with the title it interrupted.
    """
    for title, _ in vocabulary.titles:
        j, k, inner = i, 0, []
        while k < len(title) and j < len(words):
            if words[j].text == title[k]:
                j, k = j + 1, k + 1
                continue
            grade = _grade_at(words, j, vocabulary) if k > 0 else None
            if grade is None or not words[grade[1] - 1].eol:
                break
            inner.append(grade[0])
            j = grade[1]
        # A title ends its line or runs into its grade: "…children in care" followed by
        # "leavers" is the start of a longer title worded differently, not this one.
        if k == len(title) and (words[j - 1].eol or _grade_at(words, j, vocabulary) is not None):
            return title, j, inner
    return _worded_title_at(words, i, vocabulary)


def _worded_title_at(
    words: list[_Word], i: int, vocabulary: Vocabulary
) -> tuple[tuple[str, ...], int, list[str]] | None:
    """A row title worded differently from every known title ("…of children care leavers").

    Taken by the structure of the table: the words from the start of a line up to a grade
    phrase that ends a line, as long as they read like some judgement title
    (``TITLE_LIKENESS``). The row is placed on a judgement later, by ``match_layout``.
    """
    if (i > 0 and not words[i - 1].eol) or _grade_at(words, i, vocabulary) is not None:
        return None  # a title starts a line, and not with a grade
    for j in range(i + 1, min(i + _MAX_TITLE_WORDS, len(words)) + 1):
        grade = _grade_at(words, j, vocabulary) if j < len(words) else None
        if grade is None or not words[grade[1] - 1].eol:
            continue
        printed = tuple(w.text for w in words[i:j])
        best = max(
            (likeness(printed, t, vocabulary.weights) for t, _ in vocabulary.titles), default=0.0
        )
        if best >= TITLE_LIKENESS:
            return printed, j, []
        return None
    return None


def _read_rows(words: list[_Word], start: int, vocabulary: Vocabulary) -> tuple[list[_Row], int]:
    """Titles and grades from ``start`` until the words are neither: (rows, index of the end).

    Grades follow their titles (or, in some PDFs, all come first); which it is comes from the
    first item. A grade counts only at the end of a line or just before a title, so prose such
    as "Outstanding leadership has…" after the table is never taken for a grade.
    """
    tokens: list[tuple[str, Any, int]] = []  # ("title", _Row, end) or ("grade", id, end)
    i = start
    while i < len(words):
        title = _title_at(words, i, vocabulary)
        if title is not None:
            words_, end, inner = title
            if len(inner) > 1:
                break
            tokens.append(("title", _Row(words_, inner[0] if inner else None), end))
            i = end
            continue
        grade = _grade_at(words, i, vocabulary)
        if grade is not None and (
            words[grade[1] - 1].eol or _title_at(words, grade[1], vocabulary) is not None
        ):
            tokens.append(("grade", grade[0], grade[1]))
            i = grade[1]
            continue
        break

    rows: list[_Row] = []
    end = start
    grade_first = bool(tokens) and tokens[0][0] == "grade"
    pending: str | None = None
    for kind, value, token_end in tokens:
        if kind == "title":
            row: _Row = value
            if grade_first and pending is not None:
                if row.grade is not None:
                    break
                row.grade, pending = pending, None
            rows.append(row)
        elif grade_first:
            if pending is not None:
                break
            pending = value
        else:
            if not rows or rows[-1].grade is not None:
                break  # a grade with no title waiting for it: the table has ended
            rows[-1].grade = value
        end = token_end
    return rows, end


def match_layout(
    rows: list[_Row], vocabulary: Vocabulary, source: str
) -> tuple[Framework, dict[str, str], dict[str, str]]:
    """The first framework whose published judgements are the table's rows, row by row."""
    printed = {
        row.title: title for row in rows for words, title in vocabulary.titles if words == row.title
    }

    def shown(row: _Row) -> str:
        return printed.get(row.title) or " ".join(row.title).capitalize()

    for row in rows:
        if row.grade is None:
            raise InputError.single(
                source or None, f'the grade for "{shown(row)}" could not be read'
            )
    unplaced: list[str] = []
    for fw in vocabulary.frameworks:
        placed = [_judgement_for(fw, row.title, vocabulary.weights) for row in rows]
        ids = [jid for jid, _ in placed]
        if len(rows) == len(fw.published_judgement_ids()) and not unplaced:
            unplaced = [
                f'"{shown(row)}" {why}'
                for row, (jid, why) in zip(rows, placed, strict=True)
                if jid is None
            ]
        if None in ids or len(set(ids)) != len(ids):
            continue
        if set(ids) != set(fw.published_judgement_ids()):
            continue
        grades = {jid: row.grade for jid, row in zip(ids, rows, strict=True) if jid is not None}
        order = fw.published_judgement_ids()
        judgements = {jid: grade for jid in order if (grade := grades[jid]) is not None}
        titles = {jid: shown(row) for jid, row in zip(ids, rows, strict=True) if jid is not None}
        return fw, judgements, titles
    if unplaced:
        raise InputError.single(
            source or None,
            "a row of the table of judgement grades could not be placed on a judgement: "
            + "; ".join(unplaced)
            + ". Nothing was guessed",
        )
    found = "; ".join(f'"{shown(row)}"' for row in rows)
    known = ", ".join(fw.id for fw in vocabulary.frameworks)
    raise InputError.single(
        source or None,
        f"the table of judgement grades has {len(rows)} row{'s' if len(rows) != 1 else ''} "
        f"({found}), which match the layout of no known framework ({known}) — {NOT_ILACS}",
    )
