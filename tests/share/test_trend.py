"""`selfassess trend`: each judgement's indicative grade across assessments, in period order."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from share_helpers import TINY_V2, Result, write_assessment

from selfassess.files.store import load_assessment
from selfassess.model.trend import period_key, trend

ALL_GREEN = "".join(
    f'[criteria.{cid}]\nrating = "green"\n'
    for cid in (
        "hp-front-door",
        "hp-missing",
        "hp-plans",
        "hp-assessments",
        "ld-qa",
        "ld-workforce",
    )
)
TWO_AMBER = ALL_GREEN.replace(
    '[criteria.hp-assessments]\nrating = "green"', '[criteria.hp-assessments]\nrating = "amber"'
).replace('[criteria.hp-plans]\nrating = "green"', '[criteria.hp-plans]\nrating = "amber"')


def test_period_order_is_natural_and_empty_last() -> None:
    periods = ["2025 Q10", "", "2025 Q9", "2024 Q4"]
    assert sorted(periods, key=period_key) == ["2024 Q4", "2025 Q9", "2025 Q10", ""]


def test_grades_over_time_in_period_then_file_order(tmp_path: Path) -> None:
    files = [
        ("q3.toml", 'period = "2024 Q3"\n' + ALL_GREEN),
        ("q1.toml", 'period = "2024 Q1"\n' + TWO_AMBER),
        ("none.toml", ALL_GREEN),
        ("q1-bis.toml", 'period = "2024 Q1"\n'),
    ]
    loaded = [load_assessment(write_assessment(tmp_path, n, b)) for n, b in files]
    t = trend([(x.path.name, x.framework, x.assessment) for x in loaded])
    assert [p.name for p in t.points] == ["q1.toml", "q1-bis.toml", "q3.toml", "none.toml"]
    rows = {r.judgement: r for r in t.rows}
    assert list(rows) == ["help_and_protection", "leaders", "overall"]
    assert [c.grade for c in rows["help_and_protection"].cells] == [
        "requires_improvement",
        None,
        "good",
        "good",
    ]
    assert [c.grade for c in rows["leaders"].cells] == ["good", None, "good", "good"]
    assert [c.grade for c in rows["overall"].cells] == ["good", None, "good", "good"]


def test_one_authority_under_two_names_is_one_authority(tmp_path: Path) -> None:
    import msgspec

    x = load_assessment(write_assessment(tmp_path, "a.toml", ALL_GREEN))
    short = msgspec.structs.replace(x.assessment, authority="Peterborough", authority_code="874")
    full = msgspec.structs.replace(short, authority="Peterborough City Council")
    t = trend([("a.toml", x.framework, short), ("b.toml", x.framework, full)])
    assert t.authorities == ["Peterborough"]
    other = msgspec.structs.replace(full, authority="Cambridgeshire", authority_code="873")
    t = trend([("a.toml", x.framework, short), ("c.toml", x.framework, other)])
    assert t.authorities == ["Peterborough", "Cambridgeshire"]


def test_command_text_and_json(tmp_path: Path, share: Callable[..., Result]) -> None:
    q1 = write_assessment(tmp_path, "q1.toml", 'period = "2024 Q1"\n' + TWO_AMBER)
    q2 = write_assessment(tmp_path, "q2.toml", 'period = "2024 Q2"\n' + ALL_GREEN)
    result = share(["trend", str(q2), str(q1)])
    assert result.code == 0, result.err
    out = result.out
    assert out.index("2024 Q1") < out.index("2024 Q2")
    assert "Help and protection" in out and "Overall effectiveness" in out
    assert "RI" in out and "G ▲" in out
    assert "RI = Requires improvement to be good" in out

    data = json.loads(share(["trend", str(q2), str(q1), "--format", "json"]).out)
    assert [p["period"] for p in data["points"]] == ["2024 Q1", "2024 Q2"]
    hp = data["judgements"][0]
    assert hp["judgement"] == "help_and_protection"
    assert [g["indicative"] for g in hp["grades"]] == ["requires_improvement", "good"]


def test_across_framework_versions(tmp_path: Path, share: Callable[..., Result]) -> None:
    old = write_assessment(tmp_path, "old.toml", 'period = "2024 Q1"\n' + ALL_GREEN)
    body = 'period = "2024 Q2"\n' + ALL_GREEN.replace("hp-plans", "hp-voice")
    new = write_assessment(tmp_path, "new.toml", body, framework=TINY_V2, version="2")
    data = json.loads(share(["trend", str(old), str(new), "--format", "json"]).out)
    overall = next(j for j in data["judgements"] if j["judgement"] == "overall")
    assert [g["in_framework"] for g in overall["grades"]] == [True, False]
    assert "n/a" in share(["trend", str(old), str(new)]).out


def test_bad_file_is_exit_2_and_stdout_stays_clean(
    tmp_path: Path, share: Callable[..., Result]
) -> None:
    good = write_assessment(tmp_path, "good.toml")
    result = share(["trend", str(good), str(tmp_path / "missing.toml")])
    assert result.code == 2 and result.out == "" and "does not exist" in result.err
