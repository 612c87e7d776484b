"""Helpers for the published figures' tests: the tiny test framework with criteria linked to
published indicators, and assessments made against it."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"

LINKS = {
    "hp-front-door": ["rereferrals", "cin_rate"],
    "hp-plans": ["cpp_second_or_later", "cpp_two_years_or_more"],
    "ld-workforce": ["sw_caseload", "sw_agency"],
}
"""Criteria of tests/fixtures/tiny-framework.toml and the indicators linked to them."""


def linked_framework_text(links: dict[str, list[str]] = LINKS) -> str:
    """The tiny framework with an ``indicators`` list under each linked criterion's id."""
    text = (FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8")
    for criterion_id, ids in links.items():
        line = f'id = "{criterion_id}"\n'
        assert line in text, criterion_id
        listed = ", ".join(f'"{i}"' for i in ids)
        text = text.replace(line, f"{line}indicators = [{listed}]\n", 1)
    return text


def write_assessment(folder: Path, *, authority: str, code: str = "", ratings: str = "") -> Path:
    """An assessment of ``authority`` against the linked tiny framework beside it."""
    (folder / "linked-framework.toml").write_text(linked_framework_text(), encoding="utf-8")
    path = folder / "sef.toml"
    code_line = f'authority_code = "{code}"\n' if code else ""
    path.write_text(
        'format_version = 1\nframework = "tiny"\nframework_version = "1"\n'
        f'framework_file = "linked-framework.toml"\nauthority = "{authority}"\n{code_line}'
        f"{ratings}",
        encoding="utf-8",
    )
    return path


RATINGS = """
[criteria.hp-front-door]
rating = "red"

[criteria.ld-workforce]
rating = "blue"
"""
"""Workforce rated blue while Peterborough's caseload is 10th of 11 among its neighbours."""
