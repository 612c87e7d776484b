"""Any valid assessment survives save → load exactly; a save killed midway never breaks the file."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfassess.files.store import (
    dumps_assessment,
    load_assessment,
    load_framework,
    save_assessment,
)
from selfassess.model.assessment import (
    ACTION_STATUSES,
    EVIDENCE_TYPES,
    Action,
    Assessment,
    CriterionRecord,
    Evidence,
    Published,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
FW = load_framework(FIXTURES / "tiny-framework.toml")

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
required = text.filter(lambda s: len(s) > 0)
dates = st.one_of(st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)))
evidence = st.builds(
    Evidence,
    what=required,
    type=st.sampled_from(list(EVIDENCE_TYPES)),
    where=text,
    date=dates,
    owner=text,
)
actions = st.builds(
    Action, what=required, owner=text, due=dates, status=st.sampled_from(list(ACTION_STATUSES))
)
ratings = st.sampled_from([None, "red", "amber", "green", "blue"])


@st.composite
def records(draw):
    rating = draw(st.one_of(ratings, st.just("not_applicable")))
    return CriterionRecord(
        rating=rating,
        na_reason=draw(required.filter(str.strip)) if rating == "not_applicable" else "",
        confidence=draw(st.sampled_from([None, "low", "medium", "high"])),
        evidence=draw(st.lists(evidence, max_size=3)),
        notes=draw(text),
        actions=draw(st.lists(actions, max_size=2)),
        review=draw(st.booleans()),
    )


assessments = st.builds(
    Assessment,
    framework=st.just("tiny"),
    framework_version=st.just("1"),
    framework_file=st.just(""),  # set in the test: a path from the assessment's folder
    authority=required,
    period=text,
    assessors=st.lists(text, max_size=3),
    criteria=st.dictionaries(st.sampled_from(list(FW.criteria)), records(), max_size=6),
    published=st.one_of(
        st.none(),
        st.builds(
            Published,
            grades=st.dictionaries(
                st.sampled_from(FW.published_judgement_ids()),
                st.sampled_from(["good", "inadequate"]),
            ),
            source=text,
        ),
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(assessment=assessments)
def test_any_valid_assessment_survives_save_and_load(
    tmp_path_factory, assessment: Assessment
) -> None:
    path = tmp_path_factory.mktemp("rt") / "a.toml"
    assessment.framework_file = os.path.relpath(FIXTURES / "tiny-framework.toml", path.parent)
    save_assessment(assessment, path, FW)
    loaded = load_assessment(path).assessment
    expected_criteria = {k: v for k, v in assessment.criteria.items() if not v.is_empty()}
    assert loaded.criteria == expected_criteria
    for field in (
        "framework",
        "framework_version",
        "authority",
        "period",
        "assessors",
        "published",
    ):
        assert getattr(loaded, field) == getattr(assessment, field)
    assert dumps_assessment(loaded, FW) == path.read_text(encoding="utf-8")


WRITER = """
import sys, time
from selfassess.model.assessment import CriterionRecord, Evidence
from selfassess.files.store import load_assessment, save_assessment
path = sys.argv[1]
loaded = load_assessment(path)
n = 0
print("ready", flush=True)
while True:
    n += 1
    rec = loaded.assessment.editable_record("hp-plans")
    rec.evidence = [Evidence(what=f"item {n} " + "x" * 2000) for _ in range(200)]
    save_assessment(loaded.assessment, path, loaded.framework)
"""


def test_killing_a_save_midway_leaves_old_or_new_never_broken(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    rel = os.path.relpath(FIXTURES / "tiny-framework.toml", tmp_path)
    path.write_text(
        f'framework = "tiny"\nframework_version = "1"\nframework_file = "{rel}"\n'
        f'authority = "Anytown"\n',
        encoding="utf-8",
    )
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE)
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        loaded = load_assessment(path)  # raises if the file were broken
        assert loaded.assessment.authority == "Anytown"
