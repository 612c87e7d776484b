"""A realistic, made-up file of case audits for the Peterborough example (not real data).

Twelve monthly audit rounds (July 2017 to June 2018) of 25 cases each: the mix of criteria and
themes, grades, spellings, moderation and auditors' roles a council's quality assurance team
would export from its audit tool. Grades follow the example's ratings, with two deliberate
mismatches so the scorecard's questions have something to ask: neglect is rated green but its
audits are mostly "requires improvement", and care leavers' education, employment and training
is rated amber but its audits are mostly good.

Run ``python tests/audits/sample_audits.py OUT.csv`` to write the file; the same file every time.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import sys
from pathlib import Path

HEADINGS = [
    "Audit date",
    "Audit ref",
    "Practice area",
    "Overall grade",
    "Moderated?",
    "Moderated grade",
    "Auditor role",
    "Comments",
]

GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
SPELLINGS = {
    "outstanding": ("Outstanding", "outstanding", "O", "1"),
    "good": ("Good", "Good", "good", "G", "2", "2 - Good"),
    "requires_improvement": (
        "Requires improvement",
        "Requires Improvement to be Good",
        "RI",
        "RI",
        "3",
        "requires improvement",
    ),
    "inadequate": ("Inadequate", "inadequate", "I", "4"),
}
ROLES = (
    "Team Manager",
    "Team Manager",
    "Service Manager",
    "Head of Service",
    "Principal Social Worker",
    "Advanced Practitioner",
    "Independent Reviewing Officer",
    "Child Protection Chair",
)
COMMENTS = {
    "outstanding": (
        "Exemplary direct work; the child's views shape the plan",
        "Creative life story work, sensitively recorded",
    ),
    "good": (
        "Plan is specific and reviewed on time",
        "Child's views clearly recorded",
        "Good multi-agency working evident",
        "Management oversight evident at key points",
        "",
    ),
    "requires_improvement": (
        "Chronology not up to date",
        "Analysis of risk needs to be clearer",
        "Supervision not recorded on file",
        "Plan lacks timescales",
        "",
    ),
    "inadequate": (
        "Drift in planning; escalated to Head of Service",
        "Risk not recognised at strategy discussion",
    ),
}

# Grade weights (outstanding, good, requires improvement, inadequate) per kind of criterion.
GREEN = (0.08, 0.64, 0.24, 0.04)
AMBER = (0.02, 0.36, 0.52, 0.10)
MOSTLY_RI = (0.0, 0.30, 0.60, 0.10)
MOSTLY_GOOD = (0.10, 0.72, 0.18, 0.0)

PROFILE: dict[str, tuple[float, ...]] = {
    "hp-chronologies": MOSTLY_RI,
    "hp-exploitation-assessment": AMBER,
    "cc-missing-return": AMBER,
    "ld-management-oversight": AMBER,
    "cl-health": AMBER,
    "cl-entitlements": AMBER,
    "hp-neglect": MOSTLY_RI,  # rated green: the scorecard asks about it
    "cl-eet": MOSTLY_GOOD,  # rated amber: the scorecard asks the other way
}

# What each round audits: criterion ids, or themes by their label (as audit tools name them).
FOCUS = [
    "hp-front-door",
    "hp-strategy-s47",
    "hp-cp-plans",
    "hp-child-in-need",
    "hp-assessment-quality",
    "hp-chronologies",
    "hp-neglect",
    "hp-neglect",
    "hp-exploitation-assessment",
    "hp-domestic-abuse",
    "hp-pre-proceedings",
    "cc-placement-stability",
    "cc-iros",
    "cc-missing-return",
    "cc-peps",
    "cc-life-story",
    "cl-pathway-plans",
    "cl-eet",
    "cl-eet",
    "cl-health",
    "cl-entitlements",
    "ld-management-oversight",
    "Early help and family help",
    "Neglect",
    "Supervision",
    "Private fostering",
    "Disabled children",
]
THEME_PROFILE = {"Neglect": MOSTLY_RI, "Supervision": AMBER}


def rows(count: int = 300, seed: int = 2018) -> list[list[str]]:
    """``count`` audit rows, the same every time for the same seed."""
    rng = random.Random(seed)
    result: list[list[str]] = []
    per_round = max(1, count // 12)
    for n in range(count):
        month = min(n // per_round, 11)
        year, month_number = (2017, 7 + month) if month < 6 else (2018, month - 5)
        day = datetime.date(year, month_number, rng.randint(1, 26))
        focus = rng.choice(FOCUS)
        weights = PROFILE.get(focus) or THEME_PROFILE.get(focus) or GREEN
        grade = rng.choices(GRADES, weights=weights)[0]
        moderated = rng.random() < 0.22
        moderated_grade = ""
        if moderated:
            moderated_grade = grade
            if rng.random() < 0.25:  # moderation moves a grade one step, either way
                step = rng.choice((-1, 1))
                moderated_grade = GRADES[min(3, max(0, GRADES.index(grade) + step))]
        result.append(
            [
                day.strftime("%d/%m/%Y"),
                f"QA-{day:%y%m}-{n + 1:03d}",
                focus,
                rng.choice(SPELLINGS[grade]),
                rng.choice(("Yes", "Y")) if moderated else rng.choice(("No", "", "N")),
                rng.choice(SPELLINGS[moderated_grade][:3]) if moderated_grade else "",
                rng.choice(ROLES),
                rng.choice(COMMENTS[grade]),
            ]
        )
    return result


def csv_text(count: int = 300, seed: int = 2018) -> str:
    """The whole file as text, as Excel writes "CSV UTF-8": CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    writer.writerows(rows(count, seed))
    return buffer.getvalue()


def write(path: Path, count: int = 300, seed: int = 2018) -> Path:
    path.write_bytes(("\ufeff" + csv_text(count, seed)).encode("utf-8"))
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "audits.csv")))
