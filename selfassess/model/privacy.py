"""A privacy guard: warnings when evidence or notes look like they identify a child or family.

Self-assessments are shared widely, so evidence should describe audits and data, not people.
This only warns — it never blocks and never edits — and it errs towards warning: a false alarm
costs a glance, a missed NHS number costs far more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selfassess.model.assessment import Assessment
from selfassess.model.validation import join

_PERSON_WORDS = (
    r"child|young person|young people|baby|infant|boy|girl|son|daughter|sibling|brother|sister|"
    r"mother|mum|father|dad|parent|carer|grandmother|grandfather|nan|aunt|uncle|stepfather|"
    r"stepmother|family|care leaver|pupil|student"
)
_NAME = r"[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)+"
"""Two or more capitalised words, such as a first name and a surname."""

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

_CHECKS: list[tuple[str, re.Pattern[str]]] = [
    (
        "a date of birth",
        re.compile(
            r"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?)\s*[:\-]?\s*"
            rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\d{{4}}-\d{{2}}-\d{{2}})",
            re.IGNORECASE,
        ),
    ),
    ("an NHS number", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")),
    (
        "a case or ID number",
        re.compile(
            r"\b(?:case|child|person|client|ref(?:erence)?|id|lcs|mosaic|liquidlogic|eclipse|upn|ni)"
            r"\s*(?:no\.?|number|ref|id|#)?\s*[:#]?\s*[A-Z]{0,3}\d{4,}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a National Insurance number",
        re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"),
    ),
    ("a phone number", re.compile(r"(?<!\d)(?:\+44\s?|0)(?:\d\s?){9,10}(?!\d)")),
    ("an email address", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    (
        "a person's full name",
        re.compile(
            rf"\b(?i:{_PERSON_WORDS})(?:'s)?[ \t]+(?:(?i:called|named)[ \t]+)?(?P<name>{_NAME})\b"
        ),
    ),
    ("a postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
]


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


def scan_text(text: str) -> Iterator[tuple[str, str]]:
    """(kind, matched text) for everything in ``text`` that looks identifying."""
    for kind, pattern in _CHECKS:
        for match in pattern.finditer(text):
            found = match.group(0)
            if kind == "an NHS number" and not _nhs_checksum_ok(re.sub(r"\D", "", found)):
                continue
            if kind == "a person's full name":
                name = match.group("name")
                # "Child Protection Plan", "Young Person Hub": service names, not people
                if name.split()[0].lower() in _SERVICE_WORDS:
                    continue
                found = match.group(0)
            if kind == "a postcode" and not re.search(r"\d[A-Z]{2}$", found.replace(" ", "")):
                continue
            yield kind, found.strip()


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
}


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
        for n, a in enumerate(record.actions):
            check(f"{base}.actions[{n}].what", a.what)
    return warnings
