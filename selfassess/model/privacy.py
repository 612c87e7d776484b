"""A privacy guard: warnings when evidence or notes look like they identify a child or family.

Self-assessments are shared widely, so evidence should describe audits and data, not people.
This only warns — it never blocks and never edits — and it errs towards warning: a false alarm
costs a glance, a missed NHS number costs far more. It must still stay quiet on the ordinary
language of children's services ("Child Protection Plan", "Early Help", "Young Person Hub"),
or people learn to ignore it: the bundled frameworks and the worked example raise nothing.

First names come from Faker's name lists (taken from national statistics of given names in the
UK, Ireland, the US and other countries) rather than a list kept here, so names children are
given today are known without us maintaining them.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from selfassess.model.assessment import Assessment
from selfassess.model.validation import join

NAME = "a person's name"
DATE_OF_BIRTH = "a date of birth"
NHS_NUMBER = "an NHS number"
CASE_NUMBER = "a case or ID number"
NI_NUMBER = "a National Insurance number"
PHONE = "a phone number"
EMAIL = "an email address"
POSTCODE = "a postcode"

_RELATION_WORDS = frozenset(
    {
        *("child", "children", "person", "people", "baby", "infant", "boy", "girl", "pupil"),
        *("student", "leaver", "son", "daughter", "sibling", "siblings", "brother", "sister"),
        *("twin", "cousin", "mother", "mum", "father", "dad", "parent", "parents", "carer"),
        *("carers", "grandmother", "grandfather", "nan", "aunt", "uncle", "stepfather"),
        *("stepmother", "step-father", "step-mother", "partner", "family", "guardian"),
    }
)
"""Words for a child or a relative, after which a name is a person's ("mother, Kelly Brown")."""
_RELATION_BEFORE = re.compile(
    r"\b(?P<relation>[^\W\d_]{1,24}(?:['’-][^\W\d_]{1,24}){0,2})"
    r"(?:[ \t]*[,:(–-])?[ \t]+(?:(?i:called|named)[ \t]+)?(?=[A-ZÀ-ÖØ-ÞĀ-Ž])"
)
"""The word just before a name and what separates them: "brother, ", "child called ".

Every pattern here has bounded repeats where a match could otherwise be tried from each of
many places (a long run of "x-x-x-..." took half a minute for 20 KB): scanning stays linear."""
_CAPITALISED_RE = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’-][^\W\d_]+)*")
"""A word that may be capitalised, with inner apostrophes or hyphens (O'Neill, Smith's)."""

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"

_DATE_OF_BIRTH = re.compile(
    r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on| in)?|birthday)\s*(?:[:\-–]|is|was)?\s*"
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|{_DAY}\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\b\.?\s+{_DAY}\b(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\b\.?,?\s+\d{{4}})",
    re.IGNORECASE,
)
_NHS_NUMBER = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
_CASE_NUMBERS = (
    # "case no. 123456", "LCS ID 88812"
    re.compile(
        r"\b(?:case|child|person|client|ref(?:erence)?|id|lcs|mosaic|liquidlogic|eclipse|upn|ni)"
        r"\s*(?:no\.?|number|ref|id|#)?\s*[:#]?\s*[A-Z]{0,3}\d{4,}\b",
        re.IGNORECASE,
    ),
    # "CP-2023-0456", "CIN/22/10345": letters, then numbers in two or more parts
    re.compile(r"\b[A-Z]{1,4}[-/]\d{2,4}[-/]\d{3,}\b", re.IGNORECASE),
)
_YEAR = re.compile(r"(?<![\dA-Z])(?:19|20)\d\d$", re.IGNORECASE)
_NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"(?:\d{6}|[ ]\d{2}[ ]\d{2}[ ]\d{2}[ ]?)[A-D]\b",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:(?:\+|00)[ ]?44[ -]?(?:\(0\)[ -]?)?|\(0|0)"
    r"\d{1,4}\)?(?:[ -]?\d){5,9}"
    r"(?![\d])"
)
_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
_POSTCODE = re.compile(
    r"\b(?P<outward>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)[ \t]*(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)

_FAMILY_WORDS = (
    r"mother|mum|father|dad|parents?|carers?|grandmother|grandfather|nan|aunt|uncle|"
    r"stepfather|stepmother|step-father|step-mother|son|daughter|sister|brother|siblings?|"
    r"children|child|baby|twins?|cousin"
)
_POSSESSIVE_NAME = re.compile(rf"\b(?P<name>[A-Z][a-z-]+)['’]s[ \t]+(?:(?i:{_FAMILY_WORDS}))\b")
"""A surname or first name owning a relation: "Smith's mother"."""
_TITLE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?[ \t]+(?P<name>[A-Z][a-z'’-]+)")
_FAMILY_NAME = re.compile(
    r"\b(?i:the)[ \t]+(?P<name>[A-Z][a-z'’-]+)[ \t]+"
    r"(?i:family|families|household|children|siblings|twins)\b"
)
_AGE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|\([ \t]*)?(?:aged?[ \t]+\d{1,2}|\d{1,2}[ \t]*\))")


@dataclass(frozen=True, slots=True)
class PrivacyWarning:
    place: str
    kind: str
    found: str

    def describe(self) -> str:
        return (
            f"{self.place}: looks like it contains {self.kind} (“{self.found}”); "
            "keep evidence anonymised"
        )


def _nhs_checksum_ok(digits: str) -> bool:
    """NHS numbers carry a modulus-11 check digit; other 10-digit numbers mostly fail it."""
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _uk_phone_ok(found: str) -> bool:
    """A UK number has 9 or 10 digits after the 0 (or +44), starting 1, 2, 3, 5, 7, 8 or 9."""
    digits = re.sub(r"\D", "", found)
    if found.lstrip().startswith(("+", "00")):
        digits = digits[digits.index("44") + 2 :]
        digits = digits.removeprefix("0")  # "+44 (0)1733 …"
    else:
        digits = digits[1:]
    return len(digits) in (9, 10) and digits[0] in "1235789"


@functools.cache
def first_names() -> frozenset[str]:
    """Given names, as written (capitalised), from Faker's lists for many countries.

    Words that are names but far more often ordinary words in this field's writing ("Will",
    "Hope", "Early", "Case") are left out: they would turn every heading into a warning.
    """
    from faker.providers.person import (
        en_GB,
        en_IE,
        en_IN,
        en_KE,
        en_NG,
        en_NZ,
        en_PK,
        en_US,
        lt_LT,
        pl_PL,
        ro_RO,
    )

    names: set[str] = set()
    for locale in (en_GB, en_IE, en_IN, en_KE, en_NG, en_NZ, en_PK, en_US, lt_LT, pl_PL, ro_RO):
        names.update(n for n in locale.Provider.first_names if n.isalpha() and len(n) > 2)
    return frozenset(n for n in names if n.istitle() and n.lower() not in _ORDINARY_WORDS)


def _is_first_name(word: str) -> bool:
    return _without_possessive(word) in first_names()


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_surname(word: str) -> bool:
    """A capitalised word that can follow a first name as a surname (O'Neill, McDonald)."""
    word = _without_possessive(word)
    return (
        len(word) > 1
        and word[0].isupper()
        and any(ch.islower() for ch in word)
        and word.lower() not in _SERVICE_WORDS
        and word.lower() not in _ORDINARY_WORDS
    )


def _names(text: str) -> Iterator[tuple[int, str]]:
    """(position, text) of each thing in ``text`` that looks like a person's name."""
    for pattern in (_TITLE_NAME, _FAMILY_NAME, _POSSESSIVE_NAME):
        for match in pattern.finditer(text):
            name = _without_possessive(match.group("name"))
            if name.lower() not in _SERVICE_WORDS and name.lower() not in _ORDINARY_WORDS:
                yield match.start(), match.group(0)
    # One pass over the capitalised words (names are written so), each seen with its neighbours.
    relations = {
        match.end(): match.start()
        for match in _RELATION_BEFORE.finditer(text)
        if _without_possessive(match["relation"]).lower() in _RELATION_WORDS
    }
    words = (w for w in _CAPITALISED_RE.finditer(text) if w[0][0].isupper())
    window = deque(itertools.islice(words, 3))
    before: re.Match[str] | None = None
    while window:
        after = list(itertools.islice(window, 1, None))
        yield from _name_at(text, relations.get(window[0].start()), before, window[0], after)
        before = window.popleft()
        window.extend(itertools.islice(words, 1))


def _adjacent(text: str, left: re.Match[str] | None, right: re.Match[str] | None) -> str | None:
    """What stands between two words, if little enough for them to be one name."""
    if left is None or right is None or right.start() - left.end() > 2:
        return None
    return text[left.end() : right.start()]


def _name_at(
    text: str,
    relation: int | None,
    before: re.Match[str] | None,
    word: re.Match[str],
    after: list[re.Match[str]],
) -> Iterator[tuple[int, str]]:
    """A name starting at ``word`` (a capitalised word), if there is one.

    ``relation`` is where a word for a child or relative just before it starts.
    """
    following = after[0] if after else None
    if relation is not None:
        # "child Jayden", "brother, Tyler Brown", "young person called Amy Brown"
        if (
            following is not None
            and _adjacent(text, word, following) == " "
            and _is_surname(word[0])
            and _is_surname(following[0])
        ):
            yield relation, text[relation : following.end()]
        elif _is_first_name(word[0]):
            yield relation, text[relation : word.end()]
    if not _is_first_name(word[0]):
        return
    if before is not None and before[0] in ("St", "Saint"):
        return  # "St Mary's", "St John Ambulance": places and charities
    age = _AGE_AFTER.match(text, word.end())
    if (
        following is not None
        and _adjacent(text, word, following) in (" ", "\t")
        and _is_surname(following[0])
    ):
        yield word.start(), text[word.start() : following.end()]  # "Jayden Smith"
    elif word[0] != _without_possessive(word[0]):
        yield word.start(), word[0]  # "Jayden's"
    elif age:
        yield word.start(), text[word.start() : age.end()]  # "Jayden, aged 7", "Ava (6)"
    elif (
        before is not None
        and _adjacent(text, before, word) in (",", ", ")
        and _is_surname(before[0])
        and not _is_first_name(before[0])
    ):
        yield before.start(), text[before.start() : word.end()]  # "Smith, Jayden"


SCANNED_CHARACTERS = 100_000
"""How much of one piece of text is scanned, from its start: scanning takes about 0.7 s a
megabyte, and a pasted document of megabytes must not hold up the app (it scans the notes on
leaving them) or ``validate``. A note is a few thousand characters; one this long is a pasted
document, and its start is checked."""


def scan_text(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for everything in ``text`` that looks identifying, in text order.

    Every finding is listed, each once, so a warning can name them all. Only the first
    ``SCANNED_CHARACTERS`` are looked at.
    """
    if len(text) > SCANNED_CHARACTERS:
        cut = text.rfind(" ", 0, SCANNED_CHARACTERS)  # not through the middle of a word
        text = text[: cut if cut > SCANNED_CHARACTERS // 2 else SCANNED_CHARACTERS]
    found: list[tuple[int, str, str]] = []
    for match in _DATE_OF_BIRTH.finditer(text):
        found.append((match.start(), DATE_OF_BIRTH, match.group(0)))
    for match in _NHS_NUMBER.finditer(text):
        if _nhs_checksum_ok(re.sub(r"\D", "", match.group(0))):
            found.append((match.start(), NHS_NUMBER, match.group(0)))
    for match in _CASE_NUMBERS[0].finditer(text):
        if _YEAR.search(match.group(0)):
            continue  # "ref 2023": a year, not a case
        found.append((match.start(), CASE_NUMBER, match.group(0)))
    for match in _CASE_NUMBERS[1].finditer(text):
        found.append((match.start(), CASE_NUMBER, match.group(0)))
    for match in _NI_NUMBER.finditer(text):
        found.append((match.start(), NI_NUMBER, match.group(0)))
    for match in _PHONE.finditer(text):
        if _uk_phone_ok(match.group(0)):
            found.append((match.start(), PHONE, match.group(0)))
    for match in _EMAIL.finditer(text):
        found.append((match.start(), EMAIL, match.group(0)))
    for match in _POSTCODE.finditer(text):
        inward = match.group("inward")
        if not inward.isupper() and _ORDINAL.fullmatch(inward):
            continue  # "y10 5th", "ks2 3rd": school years, not postcodes
        found.append((match.start(), POSTCODE, match.group(0)))
    for start, name in _names(text):
        found.append((start, NAME, name))
    seen: set[tuple[str, str]] = set()
    reach: dict[str, int] = {}  # per kind, where the findings so far end
    result: list[tuple[str, str]] = []
    for start, kind, what in sorted(found, key=lambda item: item[0]):
        key = (kind, what.strip())
        end = start + len(what)
        if key in seen or end <= reach.get(kind, -1):
            continue  # the same text again, or part of one already listed
        seen.add(key)
        reach[kind] = end
        result.append(key)
    return result


def in_words(findings: list[tuple[str, str]], limit: int = 5) -> str:
    """Findings as a phrase for a warning, every one named up to ``limit``.

    E.g. 'a person's name (“Jayden Smith”) and a date of birth (“DOB 03/03/2015”)'.
    """
    parts = [f"{kind} (“{' '.join(found.split())}”)" for kind, found in findings[:limit]]
    if len(findings) > limit:
        parts.append(f"{len(findings) - limit} more")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


_SERVICE_WORDS = {
    "protection",
    "in",
    "looked",
    "care",
    "plan",
    "plans",
    "services",
    "service",
    "team",
    "panel",
    "conference",
    "hub",
    "forum",
    "council",
    "court",
    "support",
    "health",
    "mental",
    "social",
    "safeguarding",
    "assessment",
    "sexual",
    "criminal",
    "exploitation",
    "arrangements",
    "guardianship",
    "practice",
    "partnership",
    "board",
    "centre",
    "center",
    "act",
    "order",
    "group",
    "groups",
    "nurse",
    "network",
    "carer",
    "carers",
    "champion",
    "champions",
    "voice",
    "advocate",
    "advocacy",
    "death",
    "overview",
    "teams",
    "school",
    "schools",
    "unit",
    "project",
    "programme",
    "strategy",
    "policy",
    "review",
    "reviews",
    "meeting",
    "meetings",
    "inquiry",
    "report",
    "charter",
    "covenant",
    "offer",
    "pledge",
    "award",
    "time",
}

_ORDINARY_WORDS = {
    # months and seasons: "April Review", "Summer Programme"
    "april",
    "august",
    "june",
    "may",
    "autumn",
    "summer",
    # ratings, and words of this field's writing: "Amber Rating", "Faith Groups", "Grant Funding"
    "amber",
    "green",
    "red",
    "early",
    "young",
    "case",
    "faith",
    "hope",
    "charity",
    "justice",
    "grant",
    "forum",
    "council",
    "foster",
    "baby",
    "harm",
    # other ordinary words that some lists give as names
    "bill",
    "blessing",
    "chance",
    "comfort",
    "crystal",
    "dawn",
    "diamond",
    "fancy",
    "guy",
    "innocent",
    "job",
    "link",
    "little",
    "long",
    "lucky",
    "man",
    "mark",
    "page",
    "patience",
    "peace",
    "press",
    "purity",
    "reason",
    "rich",
    "said",
    "sever",
    "true",
    "unique",
    "unknown",
    "will",
}
"""Names that are far more often ordinary words in an assessment; never taken for a name."""


def scan_assessment(assessment: Assessment) -> list[PrivacyWarning]:
    """Warnings for evidence, notes and actions that look like they identify someone."""
    warnings: list[PrivacyWarning] = []

    def check(place: str, text: str) -> None:
        for kind, found in scan_text(text):
            warnings.append(PrivacyWarning(place, kind, found))

    for cid, record in assessment.criteria.items():
        base = join("criteria", cid)
        check(join(base, "notes"), record.notes)
        check(join(base, "na_reason"), record.na_reason)
        for n, e in enumerate(record.evidence):
            check(f"{base}.evidence[{n}].what", e.what)
            check(f"{base}.evidence[{n}].where", e.where)
            check(f"{base}.evidence[{n}].owner", e.owner)
        for n, a in enumerate(record.actions):
            check(f"{base}.actions[{n}].what", a.what)
            check(f"{base}.actions[{n}].owner", a.owner)
        for n, audit in enumerate(record.audits):
            # An audit reference is an ID by design ("QA-1803-062"): as on import, only a name,
            # a date of birth or an NHS number in it is worth a warning
            for kind, found in scan_text(audit.reference):
                if kind in _COLUMN_KINDS:
                    warnings.append(PrivacyWarning(f"{base}.audits[{n}].reference", kind, found))
            check(f"{base}.audits[{n}].auditor_role", audit.auditor_role)
    return warnings


_IDENTIFYING_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DATE_OF_BIRTH, re.compile(r"\b(?:d\.?o\.?b|date of birth|birth ?date|birthday|born)\b")),
    (NHS_NUMBER, re.compile(r"\bnhs\b")),
    (
        NAME,
        re.compile(
            r"^(?:(?:child|children|young person|yp|client|service user|person|case|family|"
            r"mother|father|parent|carer)(?:'?s)? )?(?:full |first |last |given |family |sur|fore)"
            r"?names?$|^(?:surname|forename|first name|last name|given name)s?\b"
        ),
    ),
)
"""Column headings that name a person's identifying details ("Child's name", "DOB", "NHS no")."""

_COLUMN_KINDS = (NAME, DATE_OF_BIRTH, NHS_NUMBER)


def identifying_column(
    header: str, values: Iterable[tuple[int, str]]
) -> tuple[str, int | None, str] | None:
    """Whether a table's column looks like it holds names, dates of birth or NHS numbers.

    ``values`` are (line, text) pairs. Returns (kind, line or None for the heading, what was
    found), or None. A heading is judged by its words ("Child name", "D.O.B.", "NHS number");
    the cells by the same checks as evidence text.
    """
    words = " ".join(re.sub(r"[^\w']+", " ", header.casefold().replace("’", "'")).split())
    for kind, pattern in _IDENTIFYING_HEADERS:
        if pattern.search(words):
            return kind, None, header
    for line, text in values:
        if not text.strip():
            continue
        if _NHS_NUMBER.search(text) is not None or any(ch.isalpha() for ch in text):
            for kind, found in scan_text(text):
                if kind in _COLUMN_KINDS:
                    return kind, line, found
    return None
