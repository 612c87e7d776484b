"""Generate large frameworks and assessments for the benchmarks (deterministic)."""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

import tomli_w

from selfassess.files.store import load_framework, save_assessment
from selfassess.model.assessment import Action, CriterionRecord, Evidence, new_assessment

JUDGEMENTS = ["leaders", "help_and_protection", "children_in_care", "care_leavers"]
LEVELS = ["red", "amber", "green", "blue"]


def framework_data(criteria: int) -> dict[str, Any]:
    per = criteria // len(JUDGEMENTS)
    return {
        "id": "bench",
        "version": "1",
        "title": "Benchmark framework",
        "applies_from": datetime.date(2026, 4, 1),
        "rating_levels": [
            {"id": level, "label": level.title(), "letter": level[0].upper()} for level in LEVELS
        ],
        "themes": [{"id": f"t{n}", "label": f"Theme {n}"} for n in range(10)],
        "scoring": {
            "strong_ratings": ["green", "blue"],
            "rules": [
                {
                    "grade": "inadequate",
                    "conditions": [
                        {"ratings": ["red"], "limiting_only": True, "at_least": 1},
                        {"ratings": ["red"], "share_at_least": 0.25},
                    ],
                },
                {
                    "grade": "requires_improvement",
                    "conditions": [
                        {"ratings": ["red"], "at_least": 1},
                        {"ratings": ["green", "blue"], "share_below": 0.6},
                    ],
                },
                {"grade": "good"},
            ],
        },
        "judgements": [
            {
                "id": jid,
                "title": f"Judgement {jid}",
                "criteria": [
                    {
                        "id": f"{jid}-{n:05d}",
                        "title": f"Criterion {n} of {jid}",
                        "what_good_looks_like": "Practice is timely, child-focused and effective. "
                        * 3,
                        "prompts": ["How do we know?", "What do children say?"],
                        "evidence_examples": ["Audit", "Performance data"],
                        "themes": [f"t{n % 10}"],
                        "limiting": n % 25 == 0,
                        "keywords": [f"keyword {n}"],
                    }
                    for n in range(per)
                ],
            }
            for jid in JUDGEMENTS
        ],
    }


def write_case(folder: Path, criteria: int, evidence_per: int = 10) -> tuple[Path, Path]:
    """A framework of ``criteria`` criteria and an assessment rating them all, with evidence."""
    folder.mkdir(parents=True, exist_ok=True)
    fw_path = folder / f"framework-{criteria}.toml"
    fw_path.write_text(tomli_w.dumps(framework_data(criteria)), encoding="utf-8")
    fw = load_framework(fw_path)
    rng = random.Random(criteria)
    a = new_assessment(fw, "Benchmark Council", framework_file=fw_path.name)
    start = datetime.date(2025, 1, 1)
    for cid in fw.criteria:
        a.criteria[cid] = CriterionRecord(
            rating=rng.choice(["amber", "green", "green", "blue"]),
            confidence=rng.choice(["low", "medium", "high"]),
            notes="Line one of the notes.\nLine two.",
            evidence=[
                Evidence(
                    what=f"Audit {k} of contacts for {cid}",
                    type="case_audit",
                    where="QA drive > audits",
                    date=start + datetime.timedelta(days=k),
                    owner="Head of QA",
                )
                for k in range(evidence_per)
            ],
            actions=[Action(what="Re-audit", owner="Team manager", due=datetime.date(2026, 6, 1))],
        )
    path = folder / f"assessment-{criteria}.toml"
    save_assessment(a, path, fw)
    return fw_path, path
