"""An assessment made against an older framework version is carried over; nothing lost silently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from selfassess.commands import main
from selfassess.files.store import load_assessment

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def old_assessment(tmp_path: Path) -> Path:
    # version 2 of the tiny framework drops "hp-plans"
    text = (FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8")
    start = text.index('[[judgements.criteria]]\nid = "hp-plans"')
    end = text.index("[[judgements.criteria]]", start + 10)
    text = text[:start] + text[end:]
    (tmp_path / "fw.toml").write_text(text.replace('version = "1"', 'version = "2"'), "utf-8")
    path = tmp_path / "old.toml"
    path.write_text(
        'framework = "tiny"\nframework_version = "1"\nframework_file = "fw.toml"\n'
        'authority = "Anytown"\n\n[criteria.hp-plans]\nrating = "amber"\n'
        '[[criteria.hp-plans.evidence]]\nwhat = "Plan audit"\n\n'
        '[criteria.hp-missing]\nrating = "green"\nnotes = "Kept"\n',
        encoding="utf-8",
    )
    return path


def test_loading_says_how_to_migrate(old_assessment: Path) -> None:
    from selfassess.model.errors import InputError

    with pytest.raises(InputError) as caught:
        load_assessment(old_assessment)
    message = caught.value.summary()
    assert "made against version 1 of tiny, which is now version 2" in message
    assert "selfassess migrate" in message
    assert "criteria.hp-plans: is not a criterion of tiny" in message


def test_migrate_keeps_what_exists_and_lists_the_rest(
    old_assessment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = old_assessment.read_bytes()
    new = old_assessment.with_name("new.toml")
    assert (
        main(
            [
                "migrate",
                str(old_assessment),
                "-o",
                str(new),
                "--framework",
                str(old_assessment.with_name("fw.toml")),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "1 criterion carried over" in out
    assert "hp-plans: not in tiny 2 (rating amber, 1 evidence item(s))" in out
    loaded = load_assessment(new)
    assert loaded.assessment.framework_version == "2"
    assert loaded.assessment.criteria["hp-missing"].notes == "Kept"
    assert old_assessment.read_bytes() == before  # the original is never changed
    # and it never overwrites an existing file
    shutil.copy(new, old_assessment.with_name("taken.toml"))
    assert (
        main(["migrate", str(old_assessment), "-o", str(old_assessment.with_name("taken.toml"))])
        == 2
    )


def test_a_published_grade_with_nowhere_to_go_is_listed_in_words() -> None:
    from selfassess.files.store import bundled_framework
    from selfassess.model.assessment import Assessment, Published
    from selfassess.model.migration import migrate

    old, new = bundled_framework("ilacs-2018"), bundled_framework("ilacs-2023")
    made = Assessment(
        framework=old.id,
        framework_version=old.version,
        authority="Anytown",
        published=Published(grades={"children_in_care_and_care_leavers": "good"}),
    )
    migrated, report = migrate(made, new)
    assert report.dropped == [
        "the published grade for children in care and care leavers (good): there is no such "
        f"judgement in {new.title}"
    ]
    assert migrated.published is not None and migrated.published.grades == {}
