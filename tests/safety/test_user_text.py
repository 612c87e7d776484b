"""User text is data: markup, terminal escapes and control characters typed into any field are
shown literally (or removed) in every output, and never interpreted."""

from __future__ import annotations

import datetime
import io
import json
import tomllib
import zipfile
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from selfassess.exports import export_report
from selfassess.files.store import load_framework, save_assessment
from selfassess.model.assessment import (
    Action,
    AreaForImprovement,
    Assessment,
    CriterionRecord,
    Evidence,
    Published,
    new_assessment,
)
from selfassess.model.framework import NOT_APPLICABLE, Framework, framework_from_data
from selfassess.model.summary import report_data, summarise
from selfassess.views.report import render_report

FIXTURES = Path(__file__).parent.parent / "fixtures"

MARKUP = ("[bold red]x[/]", "[link=https://e.invalid]y[/]")


def hostile(field: str) -> str:
    """A field's text carrying markup, ANSI/OSC escapes and other control characters."""
    escapes = "\x1b[31mR\x1b]8;;https://e.invalid\x07L\x07 \x08\x00\x9b2J\r"
    return f"{field} {MARKUP[0]} {MARKUP[1]} {escapes} end"


@pytest.fixture
def framework() -> Framework:
    return load_framework(FIXTURES / "tiny-framework.toml")


@pytest.fixture
def assessment(framework: Framework) -> Assessment:
    base = new_assessment(framework, hostile("authority"))
    first, second = list(framework.criteria)[:2]
    evidence = Evidence(
        what=hostile("ev-what"),
        type="case_audit",
        where=hostile("ev-where"),
        owner=hostile("ev-owner"),
        date=datetime.date(2024, 2, 1),
    )
    action = Action(what=hostile("act-what"), owner=hostile("act-owner"))
    grade = framework.grades[0].id
    judgement = framework.published_judgement_ids()[0]
    return Assessment(
        framework=base.framework,
        framework_version=base.framework_version,
        authority=hostile("authority"),
        period=hostile("period"),
        assessors=[hostile("assessor")],
        criteria={
            first: CriterionRecord(
                rating="amber",
                confidence="low",
                evidence=[evidence],
                notes=hostile("notes"),
                actions=[action],
            ),
            second: CriterionRecord(rating=NOT_APPLICABLE, na_reason=hostile("na-reason")),
        },
        published=Published(
            grades={judgement: grade},
            areas_for_improvement=[AreaForImprovement(text=hostile("afi"), criteria=[first])],
        ),
    )


FIELDS = [
    "authority",
    "period",
    "assessor",
    "ev-what",
    "ev-where",
    "ev-owner",
    "notes",
    "na-reason",
    "act-what",
    "act-owner",
    "afi",
]


def assert_no_user_escapes(text: str) -> None:
    for sequence in ("\x1b[31mR", "\x1b]8;;https://e.invalid", "\x08", "\x00", "\x9b"):
        assert sequence not in text, f"{sequence!r} from user text reached the output"
    assert "\x1b]8;" not in text  # no hyperlink was made from the user's [link=...]


def test_terminal_report(framework: Framework, assessment: Assessment) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=400, color_system="truecolor")
    console.print(render_report(summarise(framework, assessment)))
    out = buffer.getvalue()
    assert_no_user_escapes(out)
    assert "\x1b[" in out  # Rich's own styling is still there
    plain_out = Console(file=io.StringIO(), width=400)
    plain_out.print(render_report(summarise(framework, assessment)))
    shown = plain_out.file.getvalue()  # type: ignore[attr-defined]
    for field in ("authority", "period", "assessor", "ev-what", "notes", "act-what", "afi"):
        assert f"{field} {MARKUP[0]} {MARKUP[1]}" in shown, field


def test_json_keeps_the_text_exactly_and_escapes_control_characters(
    framework: Framework, assessment: Assessment
) -> None:
    text = json.dumps(report_data(summarise(framework, assessment)), ensure_ascii=False)
    assert "\x1b" not in text and "\x00" not in text
    # kept as data: the markup and escapes are all there, as JSON escapes
    assert json.loads(text)["authority"].startswith(hostile("authority")[:60])


@pytest.mark.parametrize("fmt", ["markdown", "html", "csv"])
def test_text_exports(framework: Framework, assessment: Assessment, fmt: str) -> None:
    out = export_report(summarise(framework, assessment), fmt).decode("utf-8")
    assert_no_user_escapes(out)
    assert "\x07" not in out
    if fmt == "csv":
        return  # one row per criterion of framework data and counts: no free text to check
    for field in FIELDS:
        assert field in out, field
    if fmt == "html":
        assert "<link" not in out.split("</head>")[-1]
        assert "[bold red]x[/]" in out


def test_word_export(framework: Framework, assessment: Assessment) -> None:
    data = export_report(summarise(framework, assessment), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert_no_user_escapes(document)
    assert "[bold red]x[/]" in document
    assert "e.invalid" not in "".join(
        archive_name for archive_name in zipfile.ZipFile(io.BytesIO(data)).namelist()
    )


async def test_the_app_shows_user_text_literally(
    framework: Framework, assessment: Assessment, tmp_path: Path
) -> None:
    from textual.widgets import Static

    from selfassess.tui.app import make_app
    from selfassess.tui.screens.main import MainScreen
    from selfassess.tui.widgets.framework_list import FrameworkChoice
    from selfassess.tui.widgets.record_lists import ActionPlan, EvidenceList

    path = tmp_path / "hostile.toml"
    framework_file = tmp_path / "tiny-framework.toml"
    framework_file.write_bytes((FIXTURES / "tiny-framework.toml").read_bytes())
    from msgspec.structs import replace

    save_assessment(replace(assessment, framework_file=framework_file.name), path, framework)
    app = make_app(path, frameworks=[FrameworkChoice(framework)], cwd=tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert "[bold red]x[/]" in app.title and "\x1b" not in app.title
        first = next(iter(framework.criteria))
        screen.go_to(first)
        await pilot.pause()
        evidence = str(screen.panel.query_one(EvidenceList).item_at(0))
        actions = str(screen.panel.query_one(ActionPlan).item_at(0))
        for text in (evidence, actions):
            assert "[bold red]x[/]" in text and "[link=https://e.invalid]y[/]" in text
            assert_no_user_escapes(text)
        assert "ev-where" in evidence and "ev-owner" in evidence and "act-owner" in actions
        notes = screen.panel.query_one("#notes").text
        assert "[bold red]x[/]" in notes
        assert_no_user_escapes(notes)  # the notes box draws its text as it is
        screen.panel.query_one(EvidenceList).focus()
        await pilot.press("enter")  # edit the evidence: its form is filled from the file
        await pilot.pause()
        from textual.widgets import Input

        for box in app.screen.query(Input):
            assert_no_user_escapes(box.value)
        assert any("[bold red]x[/]" in box.value for box in app.screen.query(Input))
        rendered = " ".join(str(w.render()) for w in screen.query(Static))
        assert_no_user_escapes(rendered)


def test_error_messages_quoting_a_hostile_file_send_no_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from selfassess.commands import main

    (tmp_path / "tiny-framework.toml").write_bytes((FIXTURES / "tiny-framework.toml").read_bytes())
    path = tmp_path / "hostile-key.toml"
    path.write_text(
        'format_version = 1\nframework = "tiny"\nframework_version = "1"\n'
        'framework_file = "tiny-framework.toml"\nauthority = "A"\n'
        '"\\u001b]8;;https://e.invalid\\u0007[bold red]k[/]" = 1\n',
        encoding="utf-8",
    )
    for command in (["validate", str(path)], ["report", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "is not a known setting here" in err
        assert "[bold red]k[/]" in err
        assert_no_user_escapes(err)
        assert "\x1b" not in err and "\x07" not in err


def test_terminal_report_shows_framework_text_literally(framework: Framework) -> None:
    """Councils write their own frameworks: their titles are shown, never obeyed."""
    data = tomllib.loads((FIXTURES / "tiny-framework.toml").read_text(encoding="utf-8"))
    for judgement in data["judgements"]:
        judgement["title"] = hostile("judgement")
        judgement.pop("short_title", None)
        for criterion in judgement["criteria"]:
            criterion["title"] = hostile("criterion")
    data["overall"]["title"] = hostile("overall")
    data["overall"]["basis"] = hostile("basis")
    hostile_framework = framework_from_data(data)
    from msgspec.structs import replace

    first = next(iter(hostile_framework.criteria))
    assessment = replace(
        new_assessment(hostile_framework, "Anytown"),
        criteria={first: CriterionRecord(rating="green")},
    )
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=400, color_system="truecolor")
    console.print(render_report(summarise(hostile_framework, assessment)))
    out = buffer.getvalue()
    assert_no_user_escapes(out)
    for field in ("judgement", "criterion", "overall", "basis"):
        assert f"{field} {MARKUP[0]}" in Text.from_ansi(out).plain, field
